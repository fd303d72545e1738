/* The benchmark's floor: writes the documents peel-run writes for one
 * report (three workbooks, three PDFs) with libxlsxwriter and libharu, from
 * fixed data and with no parsing or checking of a report, N times over.  The
 * data are the shape files tests/bench/shape.py took from peel-run's own
 * output: every cell, format (font, size, fill, borders, alignment...),
 * width, height, note (author, size), link, chart (placement, series'
 * fills and labels, title font, axes, legend), table, filter, conditional
 * format, page setup (margins, breaks, header, footer), defined name and
 * property of each workbook; every drawing and text operator, font,
 * bookmark (the tree, its destinations), link, information entry and
 * catalogue entry of each PDF, the characters its font subsets hold and
 * peel-run's ToUnicode map.  They are read once, before the clock starts,
 * and decoded there too (each line's tag to an operation, its numbers
 * converted, its references given their "=", format properties to their
 * calls, text cells put in the order of peel-run's shared strings), so the
 * time printed is the libraries' calls alone: what a C pipeline making
 * these documents cannot beat.  The documents are peel-run's, byte for
 * byte (tests/bench/fidelity.py compares them), so the calls are the ones
 * peel-run's documents need: no more, no fewer.
 *
 * Each PDF embeds the fonts as peel-run does: subsets of them holding the
 * pack's characters, made with HarfBuzz's subsetter (the tables libharu
 * does not read dropped), loaded by libharu from memory (peel_hpdfmem.c:
 * no temporary file), and the CIDToGIDMap cut to the length peel-run's
 * has.  It is linked, as peel-run is, with the library functions peel-run
 * defines over the libraries' own (stages/common/peel_interpose.h: every
 * stream deflated at peel-run's level, libxlsxwriter's scratch files in
 * memory, libharu's font files in memory...; tests/bench/run lists them),
 * and starts with peel-run's malloc settings.
 *
 *   floor SHAPE_DIR OUTDIR N FONT BOLD_FONT [SCRATCH_DIR]
 *
 * libxlsxwriter's scratch files that outgrow memory go to SCRATCH_DIR (the
 * bench gives the tmpfs peel-run uses when there is one), else to OUTDIR.
 * Writes OUTDIR/<i>/<pillar>.{xlsx,pdf} for i < N and prints one line:
 * "floor N reports wall S cpu S xlsx S pdf S" (seconds of the writing only;
 * xlsx and pdf are the wall time of each kind of document). */
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "peel_hpdfmem.h"

enum { MAX_FIELDS = 32, MAX_LINE = 1 << 16 };

/* What a line of a shape file does, from its tag and the kind of document
 * (a workbook's "S" is a sheet, a pack's a stroke): OP_NONE for a tag the
 * floor does not replay, B_ a workbook's, K_ a pack's. */
enum op {
    OP_NONE,
    B_FORMAT,
    B_DXF,
    B_FORMAT_PROPS,
    B_SHEET,
    B_CHART,
    B_SERIES,
    B_CHART_TITLE,
    B_CHART_AXIS,
    B_CHART_LEGEND,
    B_NAME,
    B_TITLES,
    B_CUSTOM,
    B_PROPERTY,
    B_WIDTH,
    B_HEIGHT,
    B_FREEZE,
    B_TAB,
    B_PRINT,
    B_HEADER,
    B_FILTER,
    B_MARGINS,
    B_BREAKS,
    B_COND,
    B_SELECT,
    B_MERGE,
    B_TABLE,
    B_NUMBER,
    B_STRING,
    B_BOOLEAN,
    B_BLANK,
    B_FORMULA,
    B_COMMENT,
    B_URL,
    K_PAGE,
    K_INFO,
    K_OUTLINE,
    K_LINK,
    K_LANG,
    K_VIEWER,
    K_TOUNICODE,
    K_CHARS,
    K_MAP,
    K_GSAVE,
    K_GRESTORE,
    K_CLOSE,
    K_FILL,
    K_EOFILL,
    K_STROKE,
    K_CLOSE_STROKE,
    K_FILL_STROKE,
    K_CLOSE_FILL_STROKE,
    K_END_PATH,
    K_BEGIN_TEXT,
    K_END_TEXT,
    K_FONT,
    K_TEXT_POS,
    K_SHOW,
    K_LEADING,
    K_CHAR_SPACE,
    K_WORD_SPACE,
    K_RGB_FILL,
    K_RGB_STROKE,
    K_GRAY_FILL,
    K_GRAY_STROKE,
    K_LINE_WIDTH,
    K_MOVE,
    K_LINE,
    K_CURVE,
    K_RECT,
    K_CONCAT,
    K_CAP,
    K_JOIN
};

typedef struct tag {
    const char *name;
    enum op op;
} tag;

static const tag BOOK_TAGS[] = {
    {"X", B_FORMAT},        {"XD", B_DXF},   {"XP", B_FORMAT_PROPS}, {"S", B_SHEET},
    {"H", B_CHART},         {"V", B_SERIES}, {"HT", B_CHART_TITLE},  {"HA", B_CHART_AXIS},
    {"HL", B_CHART_LEGEND}, {"D", B_NAME},   {"Y", B_TITLES},        {"Q", B_CUSTOM},
    {"P", B_PROPERTY},      {"W", B_WIDTH},  {"R", B_HEIGHT},        {"Z", B_FREEZE},
    {"K", B_TAB},           {"G", B_PRINT},  {"J", B_HEADER},        {"A", B_FILTER},
    {"M", B_MERGE},         {"L", B_TABLE},  {"N", B_NUMBER},        {"T", B_STRING},
    {"B", B_BOOLEAN},       {"E", B_BLANK},  {"MG", B_MARGINS},      {"BR", B_BREAKS},
    {"CF", B_COND},         {"I", B_SELECT}, {"F", B_FORMULA},       {"C", B_COMMENT},
    {"U", B_URL},           {NULL, OP_NONE}};

static const tag PACK_TAGS[] = {
    {"PAGE", K_PAGE},      {"P", K_INFO},        {"O", K_OUTLINE},
    {"LK", K_LINK},        {"LANG", K_LANG},     {"VP", K_VIEWER},
    {"TU", K_TOUNICODE},   {"U", K_CHARS},       {"M", K_MAP},
    {"q", K_GSAVE},        {"Q", K_GRESTORE},    {"h", K_CLOSE},
    {"f", K_FILL},         {"f*", K_EOFILL},     {"S", K_STROKE},
    {"s", K_CLOSE_STROKE}, {"B", K_FILL_STROKE}, {"b", K_CLOSE_FILL_STROKE},
    {"n", K_END_PATH},     {"BT", K_BEGIN_TEXT}, {"ET", K_END_TEXT},
    {"Tf", K_FONT},        {"Td", K_TEXT_POS},   {"Tj", K_SHOW},
    {"TL", K_LEADING},     {"Tc", K_CHAR_SPACE}, {"Tw", K_WORD_SPACE},
    {"rg", K_RGB_FILL},    {"RG", K_RGB_STROKE}, {"g", K_GRAY_FILL},
    {"G", K_GRAY_STROKE},  {"w", K_LINE_WIDTH},  {"m", K_MOVE},
    {"l", K_LINE},         {"c", K_CURVE},       {"re", K_RECT},
    {"cm", K_CONCAT},      {"J", K_CAP},         {"j", K_JOIN},
    {NULL, OP_NONE}};

/* One line of a shape file, decoded: its operation, its fields unescaped,
 * each field as a number (strtod; 0 if it is not one) and with "=" before
 * it (the form a reference or formula is given to libxlsxwriter in). */
typedef struct line {
    enum op op;
    int n;
    char *f[MAX_FIELDS];
    char *eq[MAX_FIELDS];
    double d[MAX_FIELDS];
} line;

typedef struct shape {
    line *v;
    size_t n;
} shape;

static const char *const PILLARS[] = {"effectiveness", "efficiency", "legitimacy"};

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "floor: %s: %s\n", what, detail);
    exit(1);
}

/* Undoes shape.py's escapes in place. */
static void unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r != '\\' || !r[1]) {
            *w++ = *r;
            continue;
        }
        r++;
        *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
    }
    *w = '\0';
}

static enum op op_of(const tag *tags, const char *name)
{
    for (; tags->name; tags++)
        if (strcmp(tags->name, name) == 0)
            return tags->op;
    return OP_NONE;
}

static void decode_props(line *l);

static line split(char *buf, const tag *tags)
{
    line l = {0};
    buf[strcspn(buf, "\n")] = '\0';
    for (char *p = buf; l.n < MAX_FIELDS;) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        char *f = strdup(p);
        unescape(f);
        l.f[l.n] = f;
        l.d[l.n] = strtod(f, NULL);
        l.eq[l.n] = malloc(strlen(f) + 2);
        l.eq[l.n][0] = '=';
        strcpy(l.eq[l.n] + 1, f);
        l.n++;
        if (!tab)
            break;
        p = tab + 1;
    }
    l.op = op_of(tags, l.f[0]);
    if (l.op == B_FORMAT_PROPS || l.op == B_DXF)
        decode_props(&l);
    return l;
}

/* A text cell (T, U) or table (L) with its place in the order of
 * peel-run's shared strings (its last field) and its sheet. */
typedef struct later {
    double key;
    size_t seq;
    line l;
    char *sheet;
} later;

static int by_key(const void *a, const void *b)
{
    const later *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int keyed(const line *l)
{
    return (l->op == B_STRING && l->n > 5) || (l->op == B_URL && l->n > 6) ||
           (l->op == B_TABLE && l->n > 8);
}

/* Moves a workbook's text cells and tables to its end, in the order of
 * peel-run's shared strings, each after an I line selecting its sheet:
 * libxlsxwriter numbers the strings in the order they are first written,
 * so they get peel-run's numbers (done once, before the clock). */
static void string_order(shape *s)
{
    later *v = malloc((s->n + 1) * sizeof *v);
    size_t nv = 0, w = 0;
    char *sheet = "";
    for (size_t i = 0; i < s->n; i++) {
        line *l = &s->v[i];
        if (l->op == B_SHEET)
            sheet = l->f[1];
        if (keyed(l)) {
            v[nv] = (later){l->d[l->n - 1], nv, *l, sheet};
            nv++;
        } else
            s->v[w++] = *l;
    }
    qsort(v, nv, sizeof *v, by_key);
    s->v = realloc(s->v, (w + 2 * nv + 1) * sizeof *s->v);
    for (size_t i = 0; i < nv; i++) {
        if (i == 0 || strcmp(v[i].sheet, v[i - 1].sheet) != 0)
            s->v[w++] = (line){.op = B_SELECT, .n = 2, .f = {"I", v[i].sheet}};
        s->v[w++] = v[i].l;
    }
    s->n = w;
    free(v);
}

static shape load(const char *dir, const char *pillar, const char *ext)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s.shape", dir, pillar, ext);
    FILE *fp = fopen(path, "r");
    if (!fp)
        die("cannot read", path);
    shape s = {0};
    size_t cap = 0;
    static char buf[MAX_LINE];
    const tag *tags = strcmp(ext, "xlsx") == 0 ? BOOK_TAGS : PACK_TAGS;
    while (fgets(buf, sizeof buf, fp)) {
        if (s.n == cap) {
            cap = cap ? cap * 2 : 1024;
            s.v = realloc(s.v, cap * sizeof *s.v);
        }
        s.v[s.n++] = split(buf, tags);
    }
    fclose(fp);
    if (tags == BOOK_TAGS)
        string_order(&s);
    return s;
}

static int num(const line *l, int i)
{
    return i < l->n ? (int)l->d[i] : 0;
}
static double dbl(const line *l, int i)
{
    return i < l->n ? l->d[i] : 0;
}
static const char *str(const line *l, int i)
{
    return i < l->n ? l->f[i] : "";
}
/* Field i with "=" before it. */
static const char *eq(const line *l, int i)
{
    return i < l->n ? l->eq[i] : "=";
}

/* ---- workbooks ---- */

typedef struct book {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *fmt[512];
    size_t nfmt;
    lxw_format *dxf[64];
    size_t ndxf;
    lxw_chart *chart; /* waiting for its series before it is inserted */
    int chart_row, chart_col;
    int32_t chart_x, chart_y;
    double chart_xs, chart_ys;
    uint8_t chart_type;
} book;

static lxw_color_t colour(const char *hex)
{
    return (lxw_color_t)strtol(hex, NULL, 16);
}

/* The properties of a format (shape.py's styles: key=value fields), each
 * with the libxlsxwriter call that sets it: one of a number (style), a
 * colour, a text or none (flag). */
static const struct {
    const char *key;
    void (*style)(lxw_format *, uint8_t);
    void (*colour)(lxw_format *, lxw_color_t);
    void (*text)(lxw_format *, const char *);
    void (*flag)(lxw_format *);
} PROPS[] = {{"u", format_set_underline, NULL, NULL, NULL},
             {"align", format_set_align, NULL, NULL, NULL},
             {"indent", format_set_indent, NULL, NULL, NULL},
             {"pattern", format_set_pattern, NULL, NULL, NULL},
             {"numid", format_set_num_format_index, NULL, NULL, NULL},
             {"border", format_set_border, NULL, NULL, NULL},
             {"left", format_set_left, NULL, NULL, NULL},
             {"right", format_set_right, NULL, NULL, NULL},
             {"top", format_set_top, NULL, NULL, NULL},
             {"bottom", format_set_bottom, NULL, NULL, NULL},
             {"color", NULL, format_set_font_color, NULL, NULL},
             {"bg", NULL, format_set_bg_color, NULL, NULL},
             {"fg", NULL, format_set_fg_color, NULL, NULL},
             {"border_color", NULL, format_set_border_color, NULL, NULL},
             {"left_color", NULL, format_set_left_color, NULL, NULL},
             {"right_color", NULL, format_set_right_color, NULL, NULL},
             {"top_color", NULL, format_set_top_color, NULL, NULL},
             {"bottom_color", NULL, format_set_bottom_color, NULL, NULL},
             {"num", NULL, NULL, format_set_num_format, NULL},
             {"font", NULL, NULL, format_set_font_name, NULL},
             {"b", NULL, NULL, NULL, format_set_bold},
             {"i", NULL, NULL, NULL, format_set_italic},
             {"strike", NULL, NULL, NULL, format_set_font_strikeout},
             {"wrap", NULL, NULL, NULL, format_set_text_wrap},
             {"shrink", NULL, NULL, NULL, format_set_shrink},
             /* Calls of other types, by their position here. */
             {"size", NULL, NULL, NULL, NULL},
             {"rotation", NULL, NULL, NULL, NULL}};
enum { PROP_SIZE = sizeof PROPS / sizeof *PROPS - 2, PROP_ROTATION, PROP_NONE };

/* Decodes a format line's fields once, as it is read: field i's property
 * (its index in PROPS) in d[i], its value (after '=') in eq[i], and the
 * value as a number (a colour read as hex) in the field itself. */
static void decode_props(line *l)
{
    for (int i = 1; i < l->n; i++) {
        char *v = strchr(l->f[i], '=');
        size_t n = v ? (size_t)(v - l->f[i]) : strlen(l->f[i]);
        size_t k = 0;
        while (k < PROP_NONE &&
               (strlen(PROPS[k].key) != n || strncmp(PROPS[k].key, l->f[i], n) != 0))
            k++;
        free(l->eq[i]);
        l->eq[i] = strdup(v ? v + 1 : "");
        l->d[i] = (double)k;
    }
}

static void format_props(lxw_format *f, const line *l)
{
    for (int i = 1; i < l->n; i++) {
        size_t k = (size_t)l->d[i];
        const char *v = l->eq[i];
        if (k == PROP_SIZE)
            format_set_font_size(f, strtod(v, NULL));
        else if (k == PROP_ROTATION)
            format_set_rotation(f, (int16_t)atoi(v));
        else if (k >= PROP_NONE)
            continue;
        else if (PROPS[k].style)
            PROPS[k].style(f, (uint8_t)atoi(v));
        else if (PROPS[k].colour)
            PROPS[k].colour(f, colour(v));
        else if (PROPS[k].text)
            PROPS[k].text(f, v);
        else
            PROPS[k].flag(f);
    }
}

/* A format: X a cell format, in peel-run's cellXfs order, its properties
 * on the XP line after it (X's own fields are a summary for the
 * same-shape peer); XD a conditional format's, in its dxfs order.  A cell
 * format's index is fixed at its first use (lxw_format_get_xf_index, which
 * every cell write calls): taking it once it is made gives each the index
 * it has in peel-run's workbook, whatever order the cells come in. */
static void add_format(book *b, const line *l)
{
    if (l->op == B_FORMAT_PROPS) {
        if (b->nfmt) {
            format_props(b->fmt[b->nfmt - 1], l);
            (void)lxw_format_get_xf_index(b->fmt[b->nfmt - 1]);
        }
        return;
    }
    lxw_format *f = workbook_add_format(b->wb);
    if (l->op == B_FORMAT) {
        if (b->nfmt < sizeof b->fmt / sizeof *b->fmt)
            b->fmt[b->nfmt++] = f;
        return;
    }
    format_props(f, l);
    if (b->ndxf < sizeof b->dxf / sizeof *b->dxf)
        b->dxf[b->ndxf++] = f;
}

static lxw_format *fmt(const book *b, const line *l)
{
    size_t i = (size_t)num(l, 3);
    return i > 0 && i < b->nfmt ? b->fmt[i] : NULL;
}

static void flush_chart(book *b)
{
    if (b->chart) {
        lxw_chart_options o = {.x_offset = b->chart_x,
                               .y_offset = b->chart_y,
                               .x_scale = b->chart_xs,
                               .y_scale = b->chart_ys};
        worksheet_insert_chart_opt(b->ws, (lxw_row_t)b->chart_row, (lxw_col_t)b->chart_col,
                                   b->chart, &o);
    }
    b->chart = NULL;
}

static uint8_t chart_type(const char *kind)
{
    if (strcmp(kind, "bar") == 0)
        return LXW_CHART_BAR;
    if (strcmp(kind, "line") == 0)
        return LXW_CHART_LINE;
    if (strcmp(kind, "pie") == 0)
        return LXW_CHART_PIE;
    return LXW_CHART_COLUMN;
}

/* An axis by shape.py's name: the category axis is a bar chart's y axis
 * and another chart's x axis. */
static lxw_chart_axis *chart_axis(const book *b, const char *name)
{
    int cat = strcmp(name, "cat") == 0;
    return (b->chart_type == LXW_CHART_BAR) == cat ? b->chart->y_axis : b->chart->x_axis;
}

static void axis_line(book *b, const line *l)
{
    lxw_chart_axis *ax = chart_axis(b, str(l, 1));
    const char *what = str(l, 2);
    if (strcmp(what, "reverse") == 0)
        chart_axis_set_reverse(ax);
    else if (strcmp(what, "min") == 0)
        chart_axis_set_min(ax, dbl(l, 3));
    else if (strcmp(what, "max") == 0)
        chart_axis_set_max(ax, dbl(l, 3));
    else if (strcmp(what, "num") == 0)
        chart_axis_set_num_format(ax, str(l, 3));
    else if (strcmp(what, "crossmax") == 0)
        chart_axis_set_crossing_max(ax);
}

static void series_line(book *b, const line *l)
{
    lxw_chart_series *s = chart_add_series(b->chart, str(l, 2)[0] ? eq(l, 2) : NULL, eq(l, 3));
    if (str(l, 1)[0])
        chart_series_set_name(s, eq(l, 1));
    if (str(l, 4)[0]) {
        lxw_chart_fill fill = {.color = colour(str(l, 4))};
        chart_series_set_fill(s, &fill);
    }
    if (num(l, 5))
        chart_series_set_labels(s);
    if (str(l, 6)[0])
        chart_series_set_labels_num_format(s, str(l, 6));
}

static void chart_line(book *b, const line *l)
{
    if (l->op == B_CHART) {
        b->chart_type = chart_type(str(l, 1));
        b->chart = workbook_add_chart(b->wb, b->chart_type);
        b->chart_row = num(l, 2);
        b->chart_col = num(l, 3);
        if (str(l, 4)[0])
            chart_title_set_name(b->chart, eq(l, 4));
        b->chart_x = num(l, 5);
        b->chart_y = num(l, 6);
        b->chart_xs = l->n > 7 ? dbl(l, 7) : 1;
        b->chart_ys = l->n > 8 ? dbl(l, 8) : 1;
    } else if (l->op == B_CHART_TITLE) {
        lxw_chart_font f = {.size = dbl(l, 1), .bold = (uint8_t)num(l, 2)};
        chart_title_set_name_font(b->chart, &f);
    } else if (l->op == B_CHART_AXIS)
        axis_line(b, l);
    else if (l->op == B_CHART_LEGEND)
        chart_legend_set_position(b->chart, (uint8_t)num(l, 1));
    else
        series_line(b, l);
}

static void cell_line(book *b, const line *l)
{
    lxw_row_t r = (lxw_row_t)num(l, 1);
    lxw_col_t c = (lxw_col_t)num(l, 2);
    switch (l->op) {
    case B_NUMBER:
        worksheet_write_number(b->ws, r, c, dbl(l, 4), fmt(b, l));
        break;
    case B_STRING:
        worksheet_write_string(b->ws, r, c, str(l, 4), fmt(b, l));
        break;
    case B_BOOLEAN:
        worksheet_write_boolean(b->ws, r, c, num(l, 4), fmt(b, l));
        break;
    case B_BLANK:
        worksheet_write_blank(b->ws, r, c, fmt(b, l));
        break;
    case B_FORMULA:
        worksheet_write_formula_num(b->ws, r, c, eq(l, 4), fmt(b, l), dbl(l, 6));
        break;
    case B_COMMENT: {
        lxw_comment_options o = {.author = (char *)str(l, 4),
                                 .width = (uint16_t)num(l, 5),
                                 .height = (uint16_t)num(l, 6)};
        worksheet_write_comment_opt(b->ws, r, c, str(l, 3), &o);
        break;
    }
    case B_URL:
        worksheet_write_url_opt(b->ws, r, c, str(l, 4), fmt(b, l), str(l, 5), NULL);
        break;
    default:
        break;
    }
}

static void print_setup(book *b, const line *l)
{
    worksheet_set_paper(b->ws, 9); /* A4 */
    if (num(l, 1))
        worksheet_set_landscape(b->ws);
    if (num(l, 2) >= 0)
        worksheet_fit_to_pages(b->ws, (uint16_t)num(l, 2), (uint16_t)num(l, 3));
}

/* Rows repeated on each printed page, by sheet name (the workbook's names
 * come after every sheet is made). */
static void print_titles(book *b, const line *l)
{
    lxw_worksheet *ws = workbook_get_worksheet_by_name(b->wb, str(l, 1));
    if (ws)
        worksheet_repeat_rows(ws, (lxw_row_t)num(l, 2), (lxw_row_t)num(l, 3));
}

/* A native table: its range, name and column captions ('|'-separated). */
static void table(book *b, const line *l)
{
    enum { MAX_TABLE_COLS = 64 };
    lxw_table_column col[MAX_TABLE_COLS], *cols[MAX_TABLE_COLS + 1];
    char names[MAX_LINE];
    snprintf(names, sizeof names, "%s", str(l, 6));
    size_t n = 0;
    const char *look = str(l, 7);
    for (char *p = names; p && n < MAX_TABLE_COLS; n++) {
        char *bar = strchr(p, '|');
        if (bar)
            *bar = '\0';
        /* Each column's header keeps its cell's format. */
        size_t f = strtoul(look, (char **)&look, 10);
        look += *look == '|';
        col[n] = (lxw_table_column){.header = p,
                                    .header_format = f > 0 && f < b->nfmt ? b->fmt[f] : NULL};
        cols[n] = &col[n];
        p = bar ? bar + 1 : NULL;
    }
    cols[n] = NULL;
    lxw_table_options o = {.name = (char *)str(l, 5),
                           .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                           .style_type_number = 1,
                           .columns = cols};
    worksheet_add_table(b->ws, (lxw_row_t)num(l, 1), (lxw_col_t)num(l, 2), (lxw_row_t)num(l, 3),
                        (lxw_col_t)num(l, 4), &o);
}

/* Manual page breaks: the rows, space-separated. */
static void page_breaks(book *b, const line *l)
{
    enum { MAX_BREAKS = 256 };
    lxw_row_t rows[MAX_BREAKS + 1];
    size_t n = 0;
    for (const char *p = str(l, 1); *p && n < MAX_BREAKS;) {
        char *end;
        rows[n++] = (lxw_row_t)strtoul(p, &end, 10);
        p = end + strspn(end, " ");
    }
    rows[n] = 0;
    worksheet_set_h_pagebreaks(b->ws, rows);
}

/* A conditional format: cells equal to a text take a differential format. */
static void conditional(book *b, const line *l)
{
    size_t d = (size_t)num(l, 7);
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                 .value_string = (char *)str(l, 6),
                                 .format = d < b->ndxf ? b->dxf[d] : NULL};
    worksheet_conditional_format_range(b->ws, (lxw_row_t)num(l, 1), (lxw_col_t)num(l, 2),
                                       (lxw_row_t)num(l, 3), (lxw_col_t)num(l, 4), &cf);
}

static void sheet_line(book *b, const line *l)
{
    switch (l->op) {
    case B_MARGINS:
        worksheet_set_margins(b->ws, dbl(l, 1), dbl(l, 2), dbl(l, 3), dbl(l, 4));
        break;
    case B_BREAKS:
        page_breaks(b, l);
        break;
    case B_COND:
        conditional(b, l);
        break;
    case B_WIDTH:
        worksheet_set_column(b->ws, (lxw_col_t)num(l, 1), (lxw_col_t)num(l, 1), dbl(l, 2) - 0.71,
                             NULL);
        break;
    case B_HEIGHT:
        worksheet_set_row(b->ws, (lxw_row_t)num(l, 1), dbl(l, 2), NULL);
        break;
    case B_FREEZE:
        worksheet_freeze_panes(b->ws, (lxw_row_t)num(l, 1), (lxw_col_t)num(l, 2));
        break;
    case B_TAB:
        worksheet_set_tab_color(b->ws, (lxw_color_t)strtol(str(l, 1), NULL, 16));
        break;
    case B_PRINT:
        print_setup(b, l);
        break;
    case B_HEADER:
        if (strcmp(str(l, 1), "header") == 0)
            worksheet_set_header(b->ws, str(l, 2));
        else
            worksheet_set_footer(b->ws, str(l, 2));
        break;
    case B_FILTER:
        worksheet_autofilter(b->ws, (lxw_row_t)num(l, 1), (lxw_col_t)num(l, 2),
                             (lxw_row_t)num(l, 3), (lxw_col_t)num(l, 4));
        break;
    case B_MERGE:
        worksheet_merge_range(b->ws, (lxw_row_t)num(l, 1), (lxw_col_t)num(l, 2),
                              (lxw_row_t)num(l, 3), (lxw_col_t)num(l, 4), "", NULL);
        break;
    case B_TABLE:
        table(b, l);
        break;
    default:
        cell_line(b, l);
    }
}

static void properties(book *b, const shape *s)
{
    lxw_doc_properties p = {.created = 1567296000};
    for (size_t i = 0; i < s->n; i++) {
        const line *l = &s->v[i];
        if (l->op != B_PROPERTY)
            continue;
        const char *k = str(l, 1), *v = str(l, 2);
        if (strcmp(k, "dc:title") == 0)
            p.title = (char *)v;
        else if (strcmp(k, "dc:subject") == 0)
            p.subject = (char *)v;
        else if (strcmp(k, "dc:creator") == 0)
            p.author = (char *)v;
        else if (strcmp(k, "cp:keywords") == 0)
            p.keywords = (char *)v;
        else if (strcmp(k, "dc:description") == 0)
            p.comments = (char *)v;
        else if (strcmp(k, "cp:category") == 0)
            p.category = (char *)v;
        else if (strcmp(k, "cp:contentStatus") == 0)
            p.status = (char *)v;
        else if (strcmp(k, "Company") == 0)
            p.company = (char *)v;
        else if (strcmp(k, "Manager") == 0)
            p.manager = (char *)v;
        else if (strcmp(k, "HyperlinkBase") == 0)
            p.hyperlink_base = (char *)v;
        else if (strcmp(k, "created") == 0)
            p.created = (time_t)dbl(l, 2);
    }
    workbook_set_properties(b->wb, &p);
}

static void write_book(const shape *s, const char *path, const char *tmpdir)
{
    lxw_workbook_options o = {.tmpdir = (char *)tmpdir};
    book b = {.wb = workbook_new_opt(path, &o)};
    if (!b.wb)
        die("cannot create", path);
    for (size_t i = 0; i < s->n; i++) {
        const line *l = &s->v[i];
        int charting = l->op == B_SERIES || l->op == B_CHART_TITLE || l->op == B_CHART_AXIS ||
                       l->op == B_CHART_LEGEND;
        if (b.chart && !charting)
            flush_chart(&b);
        if (l->op == B_FORMAT || l->op == B_DXF || l->op == B_FORMAT_PROPS)
            add_format(&b, l);
        else if (l->op == B_SHEET)
            b.ws = workbook_add_worksheet(b.wb, str(l, 1));
        else if (l->op == B_SELECT)
            b.ws = workbook_get_worksheet_by_name(b.wb, str(l, 1));
        else if (l->op == B_CHART || (charting && b.chart))
            chart_line(&b, l);
        else if (l->op == B_NAME)
            workbook_define_name(b.wb, str(l, 1), eq(l, 2));
        else if (l->op == B_TITLES)
            print_titles(&b, l);
        else if (l->op == B_CUSTOM)
            workbook_set_custom_property_string(b.wb, str(l, 1), str(l, 2));
        else if (l->op != B_PROPERTY && b.ws)
            sheet_line(&b, l);
    }
    flush_chart(&b);
    properties(&b, s);
    lxw_error e = workbook_close(b.wb);
    if (e != LXW_NO_ERROR)
        die(path, lxw_strerror(e));
}

/* ---- PDFs ---- */

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    (void)user;
    fprintf(stderr, "floor: libharu error 0x%04X (%u)\n", (unsigned)code, (unsigned)detail);
    exit(1);
}

typedef struct pack {
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font font[2];
} pack;

/* Operators without operands, by operation. */
static HPDF_STATUS (*const PAINT[])(HPDF_Page) = {
    [K_GSAVE] = HPDF_Page_GSave,
    [K_GRESTORE] = HPDF_Page_GRestore,
    [K_CLOSE] = HPDF_Page_ClosePath,
    [K_FILL] = HPDF_Page_Fill,
    [K_EOFILL] = HPDF_Page_Eofill,
    [K_STROKE] = HPDF_Page_Stroke,
    [K_CLOSE_STROKE] = HPDF_Page_ClosePathStroke,
    [K_FILL_STROKE] = HPDF_Page_FillStroke,
    [K_CLOSE_FILL_STROKE] = HPDF_Page_ClosePathFillStroke,
    [K_END_PATH] = HPDF_Page_EndPath,
    [K_BEGIN_TEXT] = HPDF_Page_BeginText,
    [K_END_TEXT] = HPDF_Page_EndText};

/* Operators of one number, by operation. */
static HPDF_STATUS (*const ONE[])(HPDF_Page, HPDF_REAL) = {
    [K_LEADING] = HPDF_Page_SetTextLeading,    [K_CHAR_SPACE] = HPDF_Page_SetCharSpace,
    [K_WORD_SPACE] = HPDF_Page_SetWordSpace,   [K_GRAY_FILL] = HPDF_Page_SetGrayFill,
    [K_GRAY_STROKE] = HPDF_Page_SetGrayStroke, [K_LINE_WIDTH] = HPDF_Page_SetLineWidth};

/* Text, path and colour operators, with libharu's names for them. */
static void page_op(pack *k, const line *l)
{
    HPDF_Page p = k->page;
    if ((size_t)l->op < sizeof PAINT / sizeof *PAINT && PAINT[l->op]) {
        PAINT[l->op](p);
        return;
    }
    float a = (float)dbl(l, 1), b = (float)dbl(l, 2), c = (float)dbl(l, 3), d = (float)dbl(l, 4);
    if ((size_t)l->op < sizeof ONE / sizeof *ONE && ONE[l->op]) {
        ONE[l->op](p, a);
        return;
    }
    switch (l->op) {
    case K_FONT:
        HPDF_Page_SetFontAndSize(p, k->font[num(l, 1) ? 1 : 0], b);
        break;
    case K_TEXT_POS:
        HPDF_Page_MoveTextPos(p, a, b);
        break;
    case K_SHOW:
        HPDF_Page_ShowText(p, str(l, 1));
        break;
    case K_RGB_FILL:
        HPDF_Page_SetRGBFill(p, a, b, c);
        break;
    case K_RGB_STROKE:
        HPDF_Page_SetRGBStroke(p, a, b, c);
        break;
    case K_MOVE:
        HPDF_Page_MoveTo(p, a, b);
        break;
    case K_LINE:
        HPDF_Page_LineTo(p, a, b);
        break;
    case K_CURVE:
        HPDF_Page_CurveTo(p, a, b, c, d, (float)dbl(l, 5), (float)dbl(l, 6));
        break;
    case K_RECT:
        HPDF_Page_Rectangle(p, a, b, c, d);
        break;
    case K_CONCAT:
        HPDF_Page_Concat(p, a, b, c, d, (float)dbl(l, 5), (float)dbl(l, 6));
        break;
    case K_CAP:
        HPDF_Page_SetLineCap(p, (HPDF_LineCap)num(l, 1));
        break;
    case K_JOIN:
        HPDF_Page_SetLineJoin(p, (HPDF_LineJoin)num(l, 1));
        break;
    default:
        break;
    }
}

static void pdf_info(pack *k, const line *l)
{
    static const struct {
        const char *key;
        HPDF_InfoType type;
    } keys[] = {{"Title", HPDF_INFO_TITLE},
                {"Subject", HPDF_INFO_SUBJECT},
                {"Keywords", HPDF_INFO_KEYWORDS},
                {"Author", HPDF_INFO_AUTHOR},
                {"Creator", HPDF_INFO_CREATOR}};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(str(l, 1), keys[i].key) == 0)
            HPDF_SetInfoAttr(k->pdf, keys[i].type, str(l, 2));
    int creation = strcmp(str(l, 1), "CreationDate") == 0;
    if (creation || strcmp(str(l, 1), "ModDate") == 0) {
        /* D:YYYYMMDDHHmmSS, then Z or the offset */
        HPDF_Date d = {0, 0, 0, 0, 0, 0, 'Z', 0, 0};
        (void)sscanf(str(l, 2), "D:%4d%2d%2d%2d%2d%2d", &d.year, &d.month, &d.day, &d.hour,
                     &d.minutes, &d.seconds);
        HPDF_SetInfoDateAttr(k->pdf, creation ? HPDF_INFO_CREATION_DATE : HPDF_INFO_MOD_DATE, d);
    }
}

/* A font opened for subsetting, once a run; drop holds the tags of the
 * tables libharu does not read. */
typedef struct face {
    hb_face_t *face;
    hb_set_t *drop;
} face;

static face open_face(const char *path)
{
    static const char *const kept[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                       "hmtx", "loca", "maxp", "name", "post", "prep"};
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob)
        die("cannot read", path);
    face f = {hb_face_create(blob, 0), hb_set_create()};
    hb_blob_destroy(blob);
    hb_tag_t tags[64];
    unsigned n = 64;
    hb_face_get_table_tags(f.face, 0, &n, tags);
    for (unsigned i = 0; i < n; i++) {
        int keep = 0;
        for (size_t k = 0; k < sizeof kept / sizeof *kept; k++)
            keep |= hb_tag_from_string(kept[k], 4) == tags[i];
        if (!keep)
            hb_set_add(f.drop, tags[i]);
    }
    return f;
}

static void release_blob(void *blob)
{
    hb_blob_destroy(blob);
}

/* Loads the subset of f holding chars into the document, from memory: the
 * document frees the blob with itself (peel_hpdfmem.h). */
static HPDF_Font load_subset(pack *k, const face *f, const hb_set_t *chars)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_set_union(hb_subset_input_unicode_set(in), chars);
    hb_set_union(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), f->drop);
    hb_face_t *sub = hb_subset_or_fail(f->face, in);
    hb_subset_input_destroy(in);
    if (!sub)
        die("cannot subset", "the font");
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    char name[PEEL_HPDF_MEM_NAME];
    if (!data || peel_hpdf_mem_add(data, len, release_blob, blob, name) != 0)
        die("cannot subset", "the font");
    return HPDF_GetFont(k->pdf, HPDF_LoadTTFontFromFile(k->pdf, name, HPDF_TRUE), "UTF-8");
}

/* Cuts the font's CIDToGIDMap to len bytes, as peel-run's is. */
static void cut_map(HPDF_Font font, unsigned len)
{
    HPDF_Array kids = HPDF_Dict_GetItem((HPDF_Dict)font, "DescendantFonts", HPDF_OCLASS_ARRAY);
    HPDF_Dict cid = HPDF_Array_GetItem(kids, 0, HPDF_OCLASS_DICT);
    HPDF_Dict map = HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT);
    if (!map || !len || len >= map->stream->size)
        return;
    HPDF_BYTE *keep = malloc(len);
    HPDF_UINT n = len;
    HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET);
    HPDF_Stream_Read(map->stream, keep, &n);
    HPDF_MemStream_FreeData(map->stream);
    HPDF_Stream_Write(map->stream, keep, n);
    free(keep);
}

/* The characters (U) and map length (M) of a pack's shape. */
static hb_set_t *held(const shape *s, unsigned *map_len)
{
    hb_set_t *chars = hb_set_create();
    for (size_t i = 0; i < s->n && (s->v[i].op == K_CHARS || s->v[i].op == K_MAP); i++) {
        if (s->v[i].op == K_MAP) {
            *map_len = (unsigned)num(&s->v[i], 1);
            continue;
        }
        for (const char *p = str(&s->v[i], 1); *p;) {
            char *end;
            hb_set_add(chars, (hb_codepoint_t)strtoul(p, &end, 16));
            p = end + strspn(end, " ");
        }
    }
    return chars;
}

static void new_pack(pack *k, const shape *s, const face fonts[2])
{
    k->pdf = HPDF_New(on_error, NULL);
    HPDF_SetCompressionMode(k->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(k->pdf);
    HPDF_SetCurrentEncoder(k->pdf, "UTF-8");
    HPDF_SetPageMode(k->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    unsigned map_len = 0;
    hb_set_t *chars = held(s, &map_len);
    for (int i = 0; i < 2; i++) {
        k->font[i] = load_subset(k, &fonts[i], chars);
        cut_map(k->font[i], map_len);
    }
    hb_set_destroy(chars);
}

/* The ToUnicode map peel-run writes in place of libharu's (its text from
 * the shape's TU line), deflated as libharu would, once a run: peel-run
 * deflates it once a process (stages/pdf/tounicode.c). */
typedef struct tomap {
    const char *text;
    unsigned char *z;
    uLong zlen;
} tomap;

static tomap to_unicode(const shape *s)
{
    tomap m = {0};
    for (size_t i = 0; i < s->n && !m.text; i++)
        if (s->v[i].op == K_TOUNICODE)
            m.text = str(&s->v[i], 1);
    if (!m.text)
        return m;
    z_stream z = {0};
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
        die("cannot deflate", "the ToUnicode map");
    uLong len = (uLong)strlen(m.text), cap = deflateBound(&z, len);
    m.z = malloc(cap);
    z.next_in = (Bytef *)m.text;
    z.avail_in = (uInt)len;
    z.next_out = m.z;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        die("cannot deflate", "the ToUnicode map");
    m.zlen = z.total_out;
    deflateEnd(&z);
    return m;
}

/* The map's stream holds deflated bytes: libharu is not to deflate them
 * again, and writes the /Filter it would have. */
static HPDF_STATUS keep_deflated(HPDF_Dict map)
{
    map->filter = HPDF_STREAM_FILTER_NONE;
    return HPDF_OK;
}

static HPDF_STATUS write_filter(HPDF_Dict map, HPDF_Stream out)
{
    (void)map;
    return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

static void put_map(HPDF_Font font, const tomap *m)
{
    HPDF_Dict map = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!m->z || !map || !map->stream)
        return;
    HPDF_MemStream_FreeData(map->stream);
    HPDF_Stream_Write(map->stream, m->z, (HPDF_UINT)m->zlen);
    map->before_write_fn = keep_deflated;
    map->write_fn = write_filter;
}

/* What libharu has no call for, in the catalogue itself, as peel-run puts
 * it there: the language (LANG) and the viewer preference (VP). */
static void catalog_line(pack *k, const line *l)
{
    HPDF_Dict cat = k->pdf->catalog;
    if (l->op == K_LANG)
        HPDF_Dict_Add(cat, "Lang", HPDF_String_New(k->pdf->mmgr, str(l, 1), NULL));
    else {
        HPDF_Dict prefs = HPDF_Dict_New(k->pdf->mmgr);
        HPDF_Dict_AddBoolean(prefs, str(l, 1), HPDF_TRUE);
        HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
    }
}

enum { MAX_PAGES = 512, MAX_MARKS = 256, MAX_LEVELS = 8 };

/* The pages made so far, the bookmarks' destinations (a link to a section
 * shares its bookmark's) and the last bookmark of each level. */
typedef struct marks {
    HPDF_Page page[MAX_PAGES];
    size_t npage;
    struct {
        int page;
        float top;
        HPDF_Destination d;
    } dest[MAX_MARKS];
    size_t ndest;
    HPDF_Outline level[MAX_LEVELS];
} marks;

static HPDF_Destination new_dest(marks *m, int page, const char *top)
{
    HPDF_Destination d = HPDF_Page_CreateDestination(m->page[page]);
    if (top[0])
        HPDF_Destination_SetFitH(d, strtof(top, NULL));
    if (m->ndest < MAX_MARKS)
        m->dest[m->ndest++].d = d, m->dest[m->ndest - 1].page = page,
        m->dest[m->ndest - 1].top = strtof(top, NULL);
    return d;
}

/* O: a bookmark on the current page, under the last one a level up. */
static void bookmark(pack *k, marks *m, const line *l)
{
    int level = num(l, 2);
    if (level < 0 || level >= MAX_LEVELS || !m->npage)
        return;
    HPDF_Outline parent = level > 0 ? m->level[level - 1] : NULL;
    HPDF_Outline o =
        HPDF_CreateOutline(k->pdf, parent, str(l, 1), HPDF_GetEncoder(k->pdf, "UTF-8"));
    HPDF_Outline_SetDestination(o, new_dest(m, (int)m->npage - 1, str(l, 3)));
    if (num(l, 4))
        HPDF_Outline_SetOpened(o, HPDF_TRUE);
    m->level[level] = o;
    for (int i = level + 1; i < MAX_LEVELS; i++)
        m->level[i] = NULL;
}

/* LK: a link on a page to a bookmark's destination, drawn without a
 * border. */
static void add_link(marks *m, const line *l)
{
    int page = num(l, 1), to = num(l, 6);
    if (page < 0 || (size_t)page >= m->npage || to < 0 || (size_t)to >= m->npage)
        return;
    float top = (float)dbl(l, 7);
    HPDF_Destination d = NULL;
    for (size_t i = 0; i < m->ndest && !d; i++)
        if (m->dest[i].page == to && m->dest[i].top == top)
            d = m->dest[i].d;
    if (!d)
        d = new_dest(m, to, str(l, 7));
    HPDF_Rect r = {(float)dbl(l, 2), (float)dbl(l, 3), (float)dbl(l, 4), (float)dbl(l, 5)};
    HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(m->page[page], r, d);
    HPDF_LinkAnnot_SetBorderStyle(a, (float)dbl(l, 8), 0, 0);
    HPDF_LinkAnnot_SetHighlightMode(a, HPDF_ANNOT_INVERT_BOX);
}

static void write_pack(const shape *s, const char *path, const face fonts[2], const tomap *map)
{
    pack k = {0};
    new_pack(&k, s, fonts);
    for (int i = 0; i < 2; i++)
        put_map(k.font[i], map);
    static marks m;
    memset(&m, 0, sizeof m);
    for (size_t i = 0; i < s->n; i++) {
        const line *l = &s->v[i];
        if (l->op == K_PAGE) {
            k.page = HPDF_AddPage(k.pdf);
            HPDF_Page_SetSize(k.page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
            if (m.npage < MAX_PAGES)
                m.page[m.npage++] = k.page;
        } else if (l->op == K_INFO)
            pdf_info(&k, l);
        else if (l->op == K_LANG || l->op == K_VIEWER)
            catalog_line(&k, l);
        else if (l->op == K_OUTLINE)
            bookmark(&k, &m, l);
        else if (l->op == K_LINK)
            add_link(&m, l);
        else if (k.page && l->op != K_TOUNICODE)
            page_op(&k, l);
    }
    if (HPDF_SaveToFile(k.pdf, path) != HPDF_OK)
        die("cannot write", path);
    HPDF_Free(k.pdf);
}

/* ---- main ---- */

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 6 && argc != 7) {
        fputs("usage: floor SHAPE_DIR OUTDIR N FONT BOLD_FONT [SCRATCH_DIR]\n", stderr);
        return 64;
    }
    /* The malloc settings every peelpack program starts with
     * (peel_mem_tune in stages/common/peel_mem.c). */
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
    (void)mallopt(M_TOP_PAD, 1 << 20);
    const char *scratch = argc == 7 ? argv[6] : argv[2];
    shape books[3], packs[3];
    tomap maps[3];
    for (int p = 0; p < 3; p++) {
        books[p] = load(argv[1], PILLARS[p], "xlsx");
        packs[p] = load(argv[1], PILLARS[p], "pdf");
        maps[p] = to_unicode(&packs[p]);
    }
    face fonts[2] = {open_face(argv[4]), open_face(argv[5])};
    int n = atoi(argv[3]);
    double w0 = wall(), c0 = cpu(), t_xlsx = 0, t_pdf = 0;
    for (int i = 0; i < n; i++) {
        char dir[4096], path[4200];
        snprintf(dir, sizeof dir, "%s/%d", argv[2], i);
        mkdir(dir, 0777);
        for (int p = 0; p < 3; p++) {
            double t = wall();
            snprintf(path, sizeof path, "%s/%s.xlsx", dir, PILLARS[p]);
            write_book(&books[p], path, scratch);
            t_xlsx += wall() - t;
            t = wall();
            snprintf(path, sizeof path, "%s/%s.pdf", dir, PILLARS[p]);
            write_pack(&packs[p], path, fonts, &maps[p]);
            t_pdf += wall() - t;
        }
    }
    printf("floor %d reports wall %.4f cpu %.4f xlsx %.4f pdf %.4f\n", n, wall() - w0, cpu() - c0,
           t_xlsx, t_pdf);
    return 0;
}
