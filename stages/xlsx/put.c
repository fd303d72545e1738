/* Writing cells.  Every write goes through here so that: text is always a
 * string cell (report text never becomes a formula), column widths follow
 * the widest content (libxlsxwriter has no autofit), formulas always carry
 * their computed result, and the first libxlsxwriter error is kept. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

#define MAX_CELL_TEXT 32767 /* Excel's limit on a cell's characters */

xl_sheet *xl_sheet_add(xl_book *b, const char *name)
{
    if (b->nsheet == XL_MAXSHEET) {
        xl_layout_fail(b, 0, "sheet", "too many sheets for one workbook (at most %zu)",
                       (size_t)XL_MAXSHEET - 8);
        return NULL;
    }
    xl_sheet *s = peel_arena_alloc(&b->arena, sizeof *s);
    s->book = b;
    s->name = peel_arena_strdup(&b->arena, name);
    s->ws = workbook_add_worksheet(b->wb, s->name);
    if (!s->ws) {
        if (b->status == PEEL_OK)
            b->status = PEEL_FAIL(b->err, PEEL_ESOFTWARE, NULL, 0, "cannot add the sheet %s", name);
        return NULL;
    }
    for (int c = 0; c < XL_MAXCOL; c++)
        s->cap[c] = 60;
    b->sheet[b->nsheet++] = s;
    return s;
}

void xl_check(xl_book *b, lxw_error e, const char *what)
{
    xl_kit_check(&b->kit, e, what);
}

static void used(xl_sheet *s, lxw_row_t r, lxw_col_t c)
{
    if (r > s->max_row)
        s->max_row = r;
    if (c > s->max_col)
        s->max_col = c;
}

void xl_width(xl_sheet *s, lxw_col_t c, double chars)
{
    if (c < XL_MAXCOL && chars > s->width[c])
        s->width[c] = chars;
}

void xl_cap(xl_sheet *s, lxw_col_t c, double chars)
{
    if (c < XL_MAXCOL)
        s->cap[c] = chars;
}

/* Cuts text longer than a cell may hold at a character boundary; *len
 * (may be NULL) gets the length of what is returned. */
static const char *fit_cell(xl_book *b, const char *text, size_t *len)
{
    size_t n = strlen(text);
    const char *t = text;
    if (n > MAX_CELL_TEXT) {
        n = MAX_CELL_TEXT;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
        t = peel_arena_strndup(&b->arena, text, n);
    }
    if (len)
        *len = n;
    return t;
}

static int wraps(const xl_book *b, const lxw_format *f)
{
    return f == b->st.wrap || f == b->st.head || f == b->st.head_num || f == b->st.note ||
           f == b->st.period;
}

/* kept: text lives until the page layout, so the wrap borrows it.  widest
 * and lines are its measures (xl_widest_line), at most 32,767 and 32,768
 * for a text fit_cell cut. */
static void remember_wrap(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, size_t widest,
                          size_t lines, int bold, int kept)
{
    xl_wrap w = {.text = kept ? text : peel_arena_strdup(&s->book->arena, text),
                 .row = r,
                 .col = c,
                 .bold = (unsigned char)bold,
                 .widest = (unsigned short)widest,
                 .lines = (unsigned short)lines};
    peel_buf_add(&s->wraps, (const char *)&w, sizeof w);
}

static void put_text(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f,
                     int kept)
{
    if (!text || !text[0]) {
        if (f)
            xl_check(s->book, worksheet_write_blank(s->ws, r, c, f), s->name);
        return;
    }
    size_t n, lines;
    const char *t = fit_cell(s->book, text, &n);
    used(s, r, c);
    xl_check(s->book, worksheet_write_string(s->ws, r, c, t, f), s->name);
    size_t widest = xl_widest_line(t, n, &lines);
    xl_width(s, c, (double)widest + 1);
    if (wraps(s->book, f))
        remember_wrap(s, r, c, t, widest, lines, f == s->book->st.head || f == s->book->st.head_num,
                      kept || t != text); /* a cut text is the arena's copy */
}

void xl_text(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    put_text(s, r, c, text, f, 0);
}

void xl_text_kept(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text, lxw_format *f)
{
    put_text(s, r, c, text, f, 1);
}

double xl_kept(double v)
{
    /* A whole number below 10^15 prints every digit and reads back as
     * itself: most figures are. */
    if (fabs(v) < 1e15 && v == floor(v))
        return v;
    char buf[40];
    snprintf(buf, sizeof buf, "%.16G", v);
    return strtod(buf, NULL);
}

void xl_num(xl_sheet *s, lxw_row_t r, lxw_col_t c, double v, lxw_format *f, double width)
{
    used(s, r, c);
    xl_check(s->book, worksheet_write_number(s->ws, r, c, v, f), s->name);
    xl_width(s, c, width);
}

void xl_formula(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *formula, double v, lxw_format *f,
                double width)
{
    char buf[2048];
    size_t n = strlen(formula);
    if (n > sizeof buf - 2) /* as snprintf would cut it */
        n = sizeof buf - 2;
    buf[0] = '=';
    memcpy(buf + 1, formula, n);
    buf[n + 1] = '\0';
    used(s, r, c);
    xl_check(s->book, worksheet_write_formula_num(s->ws, r, c, buf, f, v), s->name);
    xl_width(s, c, width);
}

void xl_keep(xl_sheet *s, lxw_row_t first, lxw_row_t last)
{
    xl_keep_rows *k = peel_arena_alloc(&s->book->arena, sizeof *k);
    k->first = first;
    k->last = last;
    peel_vec_push(&s->keeps, k);
}

void xl_note(xl_sheet *s, lxw_row_t r, lxw_col_t c, const char *text)
{
    lxw_comment_options o = {.author = "peelpack", .width = 360, .height = 110};
    xl_check(s->book, worksheet_write_comment_opt(s->ws, r, c, fit_cell(s->book, text, NULL), &o),
             s->name);
}

/* "<prefix>'<sheet>'!<cell>" in out (cap bytes), as peel_concat: every link
 * and cross-sheet reference is made here. */
static const char *sheet_cell(char *out, size_t cap, const char *prefix, const char *sheet,
                              const char *cell)
{
    const char *parts[5] = {prefix, "'", sheet, "'!", cell};
    return peel_concat(out, cap, parts, 5);
}

void xl_link(xl_sheet *s, lxw_row_t r, lxw_col_t c, const xl_sheet *to, lxw_row_t tr, lxw_col_t tc,
             const char *text)
{
    char cell[XL_CELL_NAME];
    xl_cell_name(cell, tr, tc, 0);
    if (s->nurl < LXW_MAX_NUMBER_URLS) {
        s->nurl++;
        char url[300];
        sheet_cell(url, sizeof url, "internal:", to->name, cell);
        xl_check(s->book, worksheet_write_url_opt(s->ws, r, c, url, s->book->st.link, text, NULL),
                 s->name);
    } else {
        /* Past the sheet's limit of URLs (a table of tens of thousands of
         * rows): a HYPERLINK() formula goes to the same cell and counts
         * against no limit. */
        peel_buf f;
        peel_buf_init(&f);
        peel_buf_printf(&f, "=HYPERLINK(\"#'%s'!%s\",\"", to->name, cell);
        for (const char *t = text; *t; t++) {
            if (*t == '"')
                peel_buf_putc(&f, '"'); /* a quote inside a formula's string is doubled */
            peel_buf_putc(&f, *t);
        }
        peel_buf_puts(&f, "\")");
        xl_check(s->book,
                 worksheet_write_formula_str(s->ws, r, c, peel_buf_str(&f), s->book->st.link, text),
                 s->name);
        peel_buf_release(&f);
    }
    xl_width(s, c, xl_text_width(text) + 1);
}

const char *xl_ref(xl_book *b, const xl_sheet *from, const xl_sheet *to, lxw_row_t r, lxw_col_t c,
                   int abs)
{
    char cell[XL_CELL_NAME];
    xl_cell_name(cell, r, c, abs);
    if (from == to)
        return peel_arena_strdup(&b->tmp, cell);
    char ref[300];
    return peel_arena_strdup(&b->tmp, sheet_cell(ref, sizeof ref, "", to->name, cell));
}

const char *xl_range(xl_book *b, const xl_sheet *from, const xl_sheet *to, lxw_row_t r0,
                     lxw_col_t c0, lxw_row_t r1, lxw_col_t c1)
{
    char a[XL_CELL_NAME], z[XL_CELL_NAME], range[2 * XL_CELL_NAME];
    xl_join(range, sizeof range, xl_cell_name(a, r0, c0, 1), ':', xl_cell_name(z, r1, c1, 1));
    if (from == to)
        return peel_arena_strdup(&b->tmp, range);
    char ref[300];
    return peel_arena_strdup(&b->tmp, sheet_cell(ref, sizeof ref, "", to->name, range));
}

void xl_sheet_title(xl_sheet *s, const char *title, const char *subtitle)
{
    xl_check(s->book,
             worksheet_write_string(s->ws, 0, 0, fit_cell(s->book, title, NULL), s->book->st.title),
             s->name);
    xl_check(s->book, worksheet_set_row(s->ws, 0, XL_TITLE_HEIGHT, NULL), s->name);
    if (subtitle && subtitle[0])
        xl_check(s->book,
                 worksheet_write_string(s->ws, 1, 0, fit_cell(s->book, subtitle, NULL),
                                        s->book->st.subtitle),
                 s->name);
}

void xl_source_add(xl_book *b, const xl_source *src)
{
    peel_buf_add(&b->sources_list, (const char *)src, sizeof *src);
}

/* LibreOffice and Excel snap a sum or difference to zero when it is below
 * the operands' precision; doing the same keeps cached and recomputed
 * results identical. */
static int approx_equal(double a, double c)
{
    if (a == c)
        return 1;
    double x = a - c;
    return fabs(x) < fabs(a) * (1.0 / (16777216.0 * 16777216.0));
}

double xl_sub(double a, double c)
{
    if (((a < 0.0 && c < 0.0) || (a > 0.0 && c > 0.0)) && approx_equal(a, c))
        return 0.0;
    return a - c;
}

double xl_add(double a, double c)
{
    if (((a < 0.0 && c > 0.0) || (c < 0.0 && a > 0.0)) && approx_equal(a, -c))
        return 0.0;
    return a + c;
}

peel_status xl_layout_fail(xl_book *b, long line, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (b->status == PEEL_OK) {
        PEEL_FAIL(b->err, PEEL_EDATA, b->lay->path, line, "%s", msg);
        peel_err_field(b->err, field);
        b->status = PEEL_EDATA;
    }
    return PEEL_EDATA;
}

/* The header format a list column's look names: 'n' over numbers, 'i'
 * indented, 'c' centred, else plain. */
static lxw_format *head_look(const xl_book *b, char look)
{
    return look == 'n'   ? b->st.head_num
           : look == 'i' ? b->st.head_indent
           : look == 'c' ? b->st.head_center
                         : b->st.head;
}

void xl_list_head(xl_sheet *s, const char *const *head, const char *looks)
{
    s->list_head = head;
    s->list_looks = looks;
    for (lxw_col_t c = 0; looks[c]; c++)
        xl_text(s, 3, c, head[c], head_look(s->book, looks[c]));
}

lxw_row_t xl_list_end(xl_sheet *s, const char *table, lxw_row_t r, size_t nrows, lxw_col_t col,
                      const char *empty, lxw_col_t ncol)
{
    if (!nrows)
        xl_text(s, r++, col, empty, s->book->st.msg);
    /* A native table over the header and the rows: filter buttons, banded
     * rows, a name for structured references.  A light style leaves the
     * cells' own formats (status colours, wrapped text) alone. */
    lxw_table_column cols[XL_MAXCOL], *colp[XL_MAXCOL + 1];
    size_t n = 0;
    for (; n < ncol && n < XL_MAXCOL && s->list_looks && s->list_looks[n]; n++) {
        cols[n] = (lxw_table_column){.header = (char *)s->list_head[n],
                                     .header_format = head_look(s->book, s->list_looks[n])};
        colp[n] = &cols[n];
    }
    colp[n] = NULL;
    lxw_table_options o = {.name = (char *)table,
                           .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                           .style_type_number = 1,
                           .columns = colp};
    if (n)
        xl_check(s->book, worksheet_add_table(s->ws, 3, 0, r - 1, (lxw_col_t)(n - 1), &o), s->name);
    s->head_row = 4;
    s->repeat_last = 3;
    return r - 1;
}
