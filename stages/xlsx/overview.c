/* peel-run's summary.xlsx, for someone comparing forces:
 *   Reports  one row per report: force, year, status, the pillar and
 *            component grades colour-coded (a grade carried from an earlier
 *            year says that year), finding and check counts, the documents;
 *   Figures  one row per measure -- each named fact of the catalogue, then
 *            each table cell by table, row and column (dated columns by what
 *            they are: latest, earliest, change) -- with one column per
 *            report, so that forces line up; under each measure a row of
 *            the periods the reports state for it.
 * Numbers are shown as the pillar workbooks show them (workbook.csv's
 * families: percentages as fractions, money in £ or £m as printed).
 *
 * Written in constant_memory mode, so memory stays flat however many
 * reports: rows strictly in order, headers centred across their group
 * instead of merged, and links as HYPERLINK() formulas, which need no
 * relationship each.  Each report's records are read in turn and released;
 * only what the sheets show is kept. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "peel_csv.h"
#include "peel_map.h"
#include "peel_table.h"
#include "peel_text.h"
#include "xl.h"
#include "xlsx.h"

enum { MAX_COLS = 512, REPORT_WIDTH = 14, PAPER_A3 = 8, PAPER_A4 = 9, REPORTS_A_PAGE = 8 };

static const char *const DOCS[6] = {"effectiveness.xlsx", "efficiency.xlsx", "legitimacy.xlsx",
                                    "effectiveness.pdf",  "efficiency.pdf",  "legitimacy.pdf"};
static const char *const DOC_LABELS[6] = {"Effectiveness workbook", "Efficiency workbook",
                                          "Legitimacy workbook",    "Effectiveness PDF",
                                          "Efficiency PDF",         "Legitimacy PDF"};

/* A judgment of a report: a pillar's grade (component "") or a component's. */
typedef struct sjudg {
    peel_pillar pillar;
    const char *component, *label, *last_inspected; /* in the summary's arena */
    peel_grade grade;
    int carried; /* graded in an earlier year (not inspected this year) */
} sjudg;

/* One report as the summary sees it: only what the sheets show, kept in the
 * summary's arena, so that each report's records are released as soon as
 * they are read. */
typedef struct srep {
    const peel_xlsx_overview_report *in; /* borrowed */
    int loaded;
    const char *force, *year, *published_date; /* in the arena */
    sjudg *judg;                               /* in the arena */
    size_t njudg;
    long findings[PEEL_NKIND], checks[PEEL_NVERDICT], rejects;
} srep;

/* A figure of a report as a measure takes it: a named fact (key) or a
 * table cell (source, label), with what set_value keeps of its value. */
typedef struct sitem {
    const char *key;           /* a fact's key, or NULL for a table cell */
    const char *source;        /* a cell's table:TABLE/ROW/SEL */
    const char *label;         /* a cell's row label */
    const char *unit, *period; /* period NULL when none is stated */
    double v;
    int16_t dec, scale; /* as mval keeps them */
    int has;            /* the record has a value */
} sitem;

/* What the sheets take of one report, copied out of its records: read by
 * the summary, or ahead of it (peel_xlsx_overview_keep). */
struct peel_xlsx_overview_kept {
    peel_arena arena; /* its strings */
    const char *force, *year, *published_date;
    sjudg *judg;
    size_t njudg;
    long findings[PEEL_NKIND], checks[PEEL_NVERDICT], rejects;
    sitem *item; /* facts, then table cells, in report order; owned */
    size_t nitem, cap;
};

typedef struct comp {
    peel_pillar pillar;
    const char *component, *label; /* in the arena */
} comp;

/* A measure's figure in one report: the record's value, its printed
 * decimals and multiplier, and the period stated (an index into periods,
 * 0 for none).  Kept small (16 bytes): there is one per measure and report. */
typedef struct mval {
    double v;
    uint32_t period;
    int16_t dec;   /* -1: the report has no such figure */
    int16_t scale; /* log10 of the multiplier printed (6: "£154m") */
} mval;

/* A row of the Figures sheet. */
typedef struct measure {
    int table;          /* a table cell (1) or a named fact (0) */
    size_t rank;        /* facts: the catalogue's row; tables: as first met */
    const char *source; /* fact:KEY or table:TABLE/ROW/SEL, the layout's way (arena) */
    const char *unit;
    const char *label; /* as the first report gives it (arena) */
    int differs;       /* reports label it differently ("Northmoor workforce") */
    mval *v;           /* per report; owned */
} measure;

#define NO_GROUP SIZE_MAX

typedef struct sum {
    xl_kit kit;
    lxw_workbook *wb; /* kit.wb */
    peel_arena arena; /* every string the sheets show */
    const xl_layout *lay;
    const char **cat_key, **cat_def; /* the fact catalogue's keys and definitions */
    size_t *cat_group;               /* where a key's "{group}" begins, NO_GROUP when it has none */
    size_t ncat;
    peel_map cat_of;   /* a key's entry of cat_key, so a fact's row is no scan of the catalogue */
    size_t *group_row; /* the rows whose key has a "{group}", in catalogue order (arena) */
    size_t ngroup;
    srep *reps;
    size_t nrep;
    comp comps[MAX_COLS];
    size_t ncomp;
    peel_vec measures; /* measure* (arena), then sorted */
    peel_map by_source;
    peel_vec periods; /* const char* (arena); index + 1 is a mval's period */
    peel_map period_of;
    double width[MAX_COLS];
    lxw_format *head, *head_num, *group, *text, *muted, *section, *bad, *link, *count, *period,
        *period_label;
    const char *sheet; /* the sheet being written, for errors */
} sum;

static void check(sum *s, lxw_error e)
{
    xl_kit_check(&s->kit, e, s->sheet);
}

static void widen(sum *s, int col, const char *text, double min)
{
    if (col < 0 || col >= MAX_COLS)
        return;
    double w = xl_text_width(text) * 1.1 + 2;
    if (w < min)
        w = min;
    if (w > 60)
        w = 60;
    if (w > s->width[col])
        s->width[col] = w;
}

/* ---- what is kept of each report ---------------------------------------- */

static uint32_t period_index(sum *s, const char *period)
{
    if (!period || !period[0])
        return 0;
    const uint32_t *ix = peel_map_get(&s->period_of, period);
    if (ix)
        return *ix;
    const char *copy = peel_arena_strdup(&s->arena, period);
    peel_vec_push(&s->periods, (void *)copy);
    uint32_t *n = peel_arena_alloc(&s->arena, sizeof *n);
    *n = (uint32_t)s->periods.n;
    peel_map_put(&s->period_of, copy, n);
    return *n;
}

/* The catalogue's row of a fact key: its own, or the {group} row it fills
 * ("diversity.bame.officers" of "diversity.bame.{group}"); ncat when none. */
static size_t catalogue_row(const sum *s, const char *key, const char **group)
{
    *group = NULL;
    const char **hit = peel_map_get(&s->cat_of, key);
    size_t row = hit ? (size_t)(hit - s->cat_key) : s->ncat;
    /* A {group} row before the key's own row fills it, as the first of the
     * catalogue's rows to match. */
    for (size_t g = 0; g < s->ngroup && s->group_row[g] < row; g++) {
        size_t i = s->group_row[g], n = s->cat_group[i];
        if (strncmp(s->cat_key[i], key, n) == 0 && key[n] && !strchr(key + n, '.')) {
            *group = key + n;
            return i;
        }
    }
    return row;
}

static measure *measure_of(sum *s, int table, const char *source, const char *unit)
{
    char id[1200];
    measure *m = peel_map_get(&s->by_source, xl_join(id, sizeof id, source, '|', unit));
    if (m)
        return m;
    m = peel_arena_alloc(&s->arena, sizeof *m);
    m->table = table;
    m->source = peel_arena_strdup(&s->arena, source);
    m->unit = peel_arena_strdup(&s->arena, unit);
    m->v = peel_xmalloc(sizeof *m->v * (s->nrep + 1));
    for (size_t i = 0; i <= s->nrep; i++)
        m->v[i] = (mval){.dec = -1};
    m->rank = s->measures.n;
    peel_vec_push(&s->measures, m);
    peel_map_put(&s->by_source, peel_arena_strdup(&s->arena, id), m);
    return m;
}

static void set_value(sum *s, measure *m, size_t i, const sitem *it)
{
    if (m->v[i].dec >= 0 || !it->has)
        return; /* the first statement of a measure in the report stands */
    m->v[i] = (mval){
        .v = it->v, .period = period_index(s, it->period), .dec = it->dec, .scale = it->scale};
}

static void label_as(sum *s, measure *m, const char *label)
{
    if (!m->label)
        m->label = peel_arena_strdup(&s->arena, label);
    else if (strcmp(m->label, label) != 0)
        m->differs = 1;
}

/* A figure of the report as a measure takes it: its printed decimals and
 * multiplier, or the record's decimals when it was not printed as one
 * number. */
static sitem item_of(peel_arena *a, const peel_value *v, const peel_printed *p, const char *unit,
                     const char *period)
{
    int dec = p->parsed ? p->decimals : v->dec;
    double scale = p->parsed && p->scale > 1 ? p->scale : 1;
    return (sitem){.unit = peel_arena_strdup(a, unit),
                   .period = period && period[0] ? peel_arena_strdup(a, period) : NULL,
                   .v = v->v,
                   .dec = (int16_t)(dec < 0   ? 0
                                    : dec > 9 ? 9
                                              : dec),
                   .scale = (int16_t)lround(log10(scale)),
                   .has = v->has != 0};
}

static void add_item(peel_xlsx_overview_kept *k, sitem it)
{
    if (k->nitem == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 64;
        k->item = peel_xrealloc(k->item, k->cap * sizeof *k->item);
    }
    k->item[k->nitem++] = it;
}

/* The named facts of a report, by key and unit. */
static void keep_facts(peel_xlsx_overview_kept *k, const peel_records *rec)
{
    for (size_t r = 0; r < rec->nfact; r++) {
        const peel_fact *f = &rec->facts[r];
        sitem it = item_of(&k->arena, &f->value, &f->printed, f->unit, f->period);
        it.key = peel_arena_strdup(&k->arena, f->key);
        add_item(k, it);
    }
}

/* A table column as a measure names it: dated columns by what they are, so
 * that reports of other years line up; others by their (generic) key. */
static const char *column_selector(const peel_table *t, size_t c, const char **what)
{
    int ci = (int)c;
    *what = NULL;
    if (ci == t->latest)
        return *what = "latest", "@latest";
    if (ci == t->earliest)
        return *what = "earliest", "@earliest";
    if (ci == t->change)
        return *what = "change as printed", "@change";
    return t->col[c].key;
}

/* The table cells of a report, table by table in report order. */
static void keep_tables(peel_xlsx_overview_kept *k, const peel_records *rec, const xl_layout *lay)
{
    peel_tindex tix;
    peel_tindex_build(&tix, rec, &lay->tcat);
    for (size_t ti = 0; ti < tix.ntable; ti++) {
        const peel_table *t = &tix.table[ti];
        for (size_t r = 0; r < t->nrow; r++)
            for (size_t c = 0; c < t->ncol; c++) {
                long ck = peel_table_cell(t, (int)r, (int)c);
                if (ck < 0 || !rec->cells[ck].value.has)
                    continue;
                const peel_cell *cell = &rec->cells[ck];
                const char *what, *sel = column_selector(t, c, &what);
                /* Joined by hand, as snprintf would cut them: two a cell. */
                char source[900], label[1600];
                const char *sp[6] = {"table:", t->key, "/", t->row[r].key, "/", sel};
                const char *lp[5] = {t->label, ": ", t->row[r].label, ", ",
                                     what ? what : t->col[c].label};
                sitem it =
                    item_of(&k->arena, &cell->value, &cell->printed, cell->unit, cell->period);
                it.source = peel_arena_strdup(&k->arena, peel_concat(source, sizeof source, sp, 6));
                it.label = peel_arena_strdup(&k->arena, peel_concat(label, sizeof label, lp, 5));
                add_item(k, it);
            }
    }
    peel_tindex_release(&tix);
}

/* The record files the sheets are drawn from: a report's figures, summaries
 * and coverage are not read (a third of its records' bytes). */
#define SHOWN_FILES                                                                                \
    (PEEL_FILE_BIT(PEEL_META) | PEEL_FILE_BIT(PEEL_JUDGMENTS) | PEEL_FILE_BIT(PEEL_TABLES) |       \
     PEEL_FILE_BIT(PEEL_FINDINGS) | PEEL_FILE_BIT(PEEL_FACTS))

/* n judgments with their strings copied into a. */
static sjudg *judgments_copy(peel_arena *a, const sjudg *from, size_t n)
{
    sjudg *to = peel_arena_alloc(a, (n + 1) * sizeof *to);
    for (size_t j = 0; j < n; j++)
        to[j] = (sjudg){from[j].pillar,
                        peel_arena_strdup(a, from[j].component),
                        peel_arena_strdup(a, from[j].label),
                        peel_arena_strdup(a, from[j].last_inspected),
                        from[j].grade,
                        from[j].carried};
    return to;
}

/* What the sheets show of a report, copied out of its records. */
static peel_xlsx_overview_kept *keep_records(const peel_records *rec, const xl_layout *lay)
{
    peel_xlsx_overview_kept *k = peel_xcalloc(1, sizeof *k);
    peel_arena *a = &k->arena;
    peel_arena_init(a);
    k->force = peel_arena_strdup(a, peel_records_meta(rec, "force"));
    k->year = peel_arena_strdup(a, peel_records_meta(rec, "year"));
    k->published_date = peel_arena_strdup(a, peel_records_meta(rec, "published_date"));
    sjudg *seen = peel_xcalloc(rec->njudgment + 1, sizeof *seen); /* the records' strings */
    for (size_t j = 0; j < rec->njudgment; j++) {
        const peel_judgment *g = &rec->judgments[j];
        seen[j] = (sjudg){g->pillar,         g->component, g->label,
                          g->last_inspected, g->grade,     g->inspected == PEEL_NO};
    }
    k->njudg = rec->njudgment;
    k->judg = judgments_copy(a, seen, k->njudg);
    free(seen);
    for (size_t f = 0; f < rec->nfinding; f++)
        k->findings[rec->findings[f].kind]++;
    for (size_t c = 0; c < rec->ncheck; c++)
        k->checks[rec->checks[c].status]++;
    k->rejects = (long)rec->nreject;
    keep_facts(k, rec);
    keep_tables(k, rec, lay);
    return k;
}

peel_xlsx_overview_kept *peel_xlsx_overview_keep(const peel_xlsx_catalog *catalog, const char *dir)
{
    peel_records rec;
    peel_err e = {0};
    if (!catalog || peel_records_load_only(&rec, dir, SHOWN_FILES, &e) != PEEL_OK)
        return NULL;
    peel_xlsx_overview_kept *k = keep_records(&rec, xl_catalog_layout(catalog));
    peel_records_release(&rec);
    return k;
}

void peel_xlsx_overview_kept_free(peel_xlsx_overview_kept *k)
{
    if (!k)
        return;
    peel_arena_release(&k->arena);
    free(k->item);
    free(k);
}

/* A named fact of report i into its measure. */
static void apply_fact(sum *s, size_t i, const sitem *it)
{
    const char *group;
    size_t row = catalogue_row(s, it->key, &group);
    char source[600];
    measure *m = measure_of(s, 0, xl_join(source, sizeof source, "fact", ':', it->key), it->unit);
    m->rank = row;
    if (!m->label) {
        const char *def = row < s->ncat && s->cat_def[row][0] ? s->cat_def[row] : it->key;
        char *label = group ? peel_arena_printf(&s->arena, "%s: %s", def, group)
                            : peel_arena_strdup(&s->arena, def);
        if (label[0] >= 'a' && label[0] <= 'z') /* a definition, as a row's label */
            label[0] = (char)(label[0] - 'a' + 'A');
        label_as(s, m, label);
    }
    set_value(s, m, i, it);
}

/* Report i's kept figures into the measures, in the order they were kept
 * (a table measure's rank is the order first met), and its row's values
 * into the summary's arena. */
static void apply_kept(sum *s, size_t i, const peel_xlsx_overview_kept *k)
{
    srep *r = &s->reps[i];
    peel_arena *a = &s->arena;
    r->force = peel_arena_strdup(a, k->force);
    r->year = peel_arena_strdup(a, k->year);
    r->published_date = peel_arena_strdup(a, k->published_date);
    r->njudg = k->njudg;
    r->judg = judgments_copy(a, k->judg, k->njudg);
    memcpy(r->findings, k->findings, sizeof r->findings);
    memcpy(r->checks, k->checks, sizeof r->checks);
    r->rejects = k->rejects;
    for (size_t n = 0; n < k->nitem; n++) {
        const sitem *it = &k->item[n];
        if (it->key) {
            apply_fact(s, i, it);
            continue;
        }
        measure *m = measure_of(s, 1, it->source, it->unit);
        label_as(s, m, it->label);
        set_value(s, m, i, it);
    }
}

/* Reads each report in turn, keeps what the sheets need, releases it. */
static void load_reports(sum *s, const char *outdir, const peel_xlsx_overview_report *reps)
{
    for (size_t i = 0; i < s->nrep; i++) {
        char dir[4400];
        peel_path_join(dir, sizeof dir, NULL, outdir, reps[i].slug);
        peel_err e = {0};
        peel_records rec;
        s->reps[i].in = &reps[i];
        if (reps[i].kept) {
            s->reps[i].loaded = 1;
            apply_kept(s, i, reps[i].kept);
            continue;
        }
        s->reps[i].loaded = peel_records_load_only(&rec, dir, SHOWN_FILES, &e) == PEEL_OK;
        if (s->reps[i].loaded) {
            peel_xlsx_overview_kept *k = keep_records(&rec, s->lay);
            peel_records_release(&rec);
            apply_kept(s, i, k);
            peel_xlsx_overview_kept_free(k);
        }
    }
}

/* The fact catalogue's keys and definitions (pipeline/facts.csv), for the
 * measures' order and labels. */
static peel_status load_catalogue(sum *s, const char *data_dir, peel_err *err)
{
    char path[4200];
    peel_status st = peel_path_join(path, sizeof path, err, data_dir, "facts.csv");
    if (st != PEEL_OK)
        return st;
    peel_csv_doc doc;
    st = peel_csv_load_data(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int ck = peel_csv_col(&doc, "key"), cd = peel_csv_col(&doc, "definition");
    if (ck < 0 || cd < 0) {
        peel_csv_doc_release(&doc);
        return PEEL_FAIL(err, PEEL_EDATA, path, 1, "no key or definition column");
    }
    s->cat_key = peel_arena_alloc(&s->arena, sizeof *s->cat_key * (doc.nrow + 1));
    s->cat_def = peel_arena_alloc(&s->arena, sizeof *s->cat_def * (doc.nrow + 1));
    s->cat_group = peel_arena_alloc(&s->arena, sizeof *s->cat_group * (doc.nrow + 1));
    s->group_row = peel_arena_alloc(&s->arena, sizeof *s->group_row * (doc.nrow + 1));
    for (size_t r = 0; r < doc.nrow; r++) {
        const char *key = peel_csv_get(&doc, r, ck);
        /* a key's first row stands */
        if (!key[0] || peel_map_get(&s->cat_of, key))
            continue;
        const char *brace = strstr(key, "{group}"); /* found once, not for every fact */
        s->cat_group[s->ncat] = brace ? (size_t)(brace - key) : NO_GROUP;
        if (brace)
            s->group_row[s->ngroup++] = s->ncat;
        s->cat_key[s->ncat] = peel_arena_strdup(&s->arena, key);
        peel_map_put(&s->cat_of, s->cat_key[s->ncat], &s->cat_key[s->ncat]);
        s->cat_def[s->ncat++] = peel_arena_strdup(&s->arena, peel_csv_get(&doc, r, cd));
    }
    peel_csv_doc_release(&doc);
    return PEEL_OK;
}

/* ---- formats ------------------------------------------------------------ */

static void formats(sum *s)
{
    s->head = xl_kit_format(&s->kit);
    format_set_bold(s->head);
    format_set_text_wrap(s->head);
    format_set_bottom(s->head, LXW_BORDER_THIN);
    format_set_bg_color(s->head, XL_HEAD_BG);
    s->head_num = xl_kit_format(&s->kit);
    format_set_bold(s->head_num);
    format_set_text_wrap(s->head_num);
    format_set_bottom(s->head_num, LXW_BORDER_THIN);
    format_set_bg_color(s->head_num, XL_HEAD_BG);
    format_set_align(s->head_num, LXW_ALIGN_RIGHT);
    s->group = xl_kit_format(&s->kit); /* a header over several columns, without merging */
    format_set_bold(s->group);
    format_set_align(s->group, LXW_ALIGN_CENTER_ACROSS);
    format_set_bg_color(s->group, 0xD9E1F2);
    s->text = xl_kit_format(&s->kit);
    s->muted = xl_kit_format(&s->kit);
    format_set_font_color(s->muted, XL_INK_GREY);
    s->section = xl_kit_format(&s->kit);
    format_set_bold(s->section);
    format_set_font_color(s->section, XL_SECTION_INK);
    s->bad = xl_kit_format(&s->kit);
    format_set_bold(s->bad);
    format_set_font_color(s->bad, 0xC00000);
    s->link = xl_kit_format(&s->kit);
    format_set_underline(s->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(s->link, 0x0563C1);
    s->count = xl_kit_numfmt(&s->kit, "0", 0, 0);
    s->period = xl_kit_format(&s->kit); /* a report's period, under its figure */
    format_set_italic(s->period);
    format_set_font_color(s->period, XL_INK_GREY);
    format_set_font_size(s->period, 8);
    format_set_align(s->period, LXW_ALIGN_RIGHT);
    s->period_label = xl_kit_format(&s->kit);
    format_set_italic(s->period_label);
    format_set_font_color(s->period_label, XL_INK_GREY);
    format_set_font_size(s->period_label, 8);
    format_set_indent(s->period_label, 2);
}

static lxw_format *grade_format(sum *s, peel_grade g)
{
    char key[64];
    snprintf(key, sizeof key, "g|%s", peel_grade_name(g));
    lxw_format *f = xl_kit_cached(&s->kit, key);
    if (f)
        return f;
    f = xl_kit_format(&s->kit);
    format_set_pattern(f, LXW_PATTERN_SOLID);
    xl_grade_paint(f, g, 0xBFBFBF);
    return xl_kit_remember(&s->kit, key, f);
}

/* Print setup both sheets share: landscape, fitted to `wide` pages across,
 * headers and footers, gridlines under the numbers, the header rows and the
 * label columns on every page. */
static void print_setup(sum *s, lxw_worksheet *ws, int paper, int wide, lxw_row_t head_last,
                        lxw_col_t label_last)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, (uint8_t)paper);
    worksheet_fit_to_pages(ws, (uint16_t)wide, 0);
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    worksheet_gridlines(ws, LXW_SHOW_ALL_GRIDLINES);
    check(s, worksheet_set_header(ws, "&L&8PEEL inspection reports: summary&C&8&A"
                                      "&R&8Page &P of &N"));
    check(s, worksheet_set_footer(
                 ws, peel_arena_printf(&s->arena, "&L&8Reports: %zu&R&8peelpack " PEEL_VERSION,
                                       s->nrep)));
    check(s, worksheet_repeat_rows(ws, 0, head_last));
    check(s, worksheet_repeat_columns(ws, 0, label_last));
}

static void put_text(sum *s, lxw_worksheet *ws, int row, int col, const char *t, lxw_format *f)
{
    check(s, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, t, f));
    widen(s, col, t, 6);
}

static void set_widths(sum *s, lxw_worksheet *ws, int ncol, double other)
{
    for (int c = 0; c < ncol && c < MAX_COLS; c++)
        check(s, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                      s->width[c] > 0 ? s->width[c] : other, NULL));
    if (ncol > MAX_COLS)
        check(s, worksheet_set_column(ws, MAX_COLS, (lxw_col_t)(ncol - 1), other, NULL));
}

/* ---- the Reports sheet -------------------------------------------------- */

/* Components of every report, in pillar order, then as first met. */
static void gather_components(sum *s)
{
    for (int p = 0; p < PEEL_NPILLAR; p++)
        for (size_t i = 0; i < s->nrep; i++) {
            if (!s->reps[i].loaded)
                continue;
            const srep *rep = &s->reps[i];
            for (size_t r = 0; r < rep->njudg; r++) {
                peel_pillar pil = rep->judg[r].pillar;
                const char *c = rep->judg[r].component;
                if (!c[0] || (int)pil != p)
                    continue;
                int seen = 0;
                for (size_t k = 0; k < s->ncomp && !seen; k++)
                    seen = s->comps[k].pillar == pil && strcmp(s->comps[k].component, c) == 0;
                if (!seen && s->ncomp < MAX_COLS - 40)
                    s->comps[s->ncomp++] = (comp){pil, c, rep->judg[r].label};
            }
        }
}

static const sjudg *judgment_of(const srep *rep, peel_pillar pillar, const char *component)
{
    for (size_t r = 0; r < rep->njudg; r++)
        if (rep->judg[r].pillar == pillar && strcmp(rep->judg[r].component, component) == 0)
            return &rep->judg[r];
    return NULL;
}

/* A grade, in its colour; one carried from an earlier year says the year. */
static void put_grade(sum *s, lxw_worksheet *ws, int row, int col, const sjudg *j)
{
    if (!j || j->grade == PEEL_GRADE_NONE)
        return;
    const char *g = peel_grade_name(j->grade);
    if (j->carried && j->last_inspected[0])
        g = peel_arena_printf(&s->arena, "%s (%s)", g, j->last_inspected);
    put_text(s, ws, row, col, g, grade_format(s, j->grade));
}

/* A header over columns first..last: the label centred across them. */
static void group_header(sum *s, lxw_worksheet *ws, int first, int last, const char *label)
{
    check(s, worksheet_write_string(ws, 0, (lxw_col_t)first, label, s->group));
    for (int c = first + 1; c <= last; c++)
        check(s, worksheet_write_blank(ws, 0, (lxw_col_t)c, s->group));
}

/* A link to a report's document as a HYPERLINK() formula, relative so the
 * folder can move (a shared drive mounted elsewhere).  Slugs and document
 * names are ours: letters, digits, '-' and '.'. */
static void put_link(sum *s, lxw_worksheet *ws, int row, int col, const char *slug, const char *doc)
{
    char f[700];
    snprintf(f, sizeof f, "=HYPERLINK(\"%s/%s\",\"%s\")", slug, doc, doc);
    check(s, worksheet_write_formula_str(ws, (lxw_row_t)row, (lxw_col_t)col, f, s->link, doc));
    widen(s, col, doc, 10);
}

static void report_row(sum *s, lxw_worksheet *ws, const srep *r, int row, const int *at,
                       const char *outdir)
{
    const char *slug = r->in->slug, *status = r->in->status;
    if (!r->loaded) {
        put_text(s, ws, row, 0, slug, s->text);
        put_text(s, ws, row, 2, status, s->bad);
        return;
    }
    put_text(s, ws, row, 0, r->force, s->text);
    put_text(s, ws, row, 1, r->year, s->text);
    put_text(s, ws, row, 2, status, strcmp(status, "ok") == 0 ? s->text : s->bad);
    for (int p = 0; p < PEEL_NPILLAR; p++)
        put_grade(s, ws, row, at[0] + p, judgment_of(r, (peel_pillar)p, ""));
    for (size_t k = 0; k < s->ncomp; k++)
        put_grade(s, ws, row, at[1] + (int)k,
                  judgment_of(r, s->comps[k].pillar, s->comps[k].component));
    for (int k = 0; k < PEEL_NKIND; k++)
        check(s, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(at[2] + k),
                                        (double)r->findings[k], s->count));
    for (int k = 0; k < PEEL_NVERDICT; k++)
        check(s, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(at[3] + k),
                                        (double)r->checks[k], s->count));
    check(s, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)at[4], (double)r->rejects,
                                    s->count));
    for (int k = 0; k < 6; k++) {
        char path[4500];
        struct stat st;
        if (peel_path_join(path, sizeof path, NULL, outdir, slug, DOCS[k]) == PEEL_OK &&
            stat(path, &st) == 0)
            put_link(s, ws, row, at[5] + k, slug, DOCS[k]);
    }
}

static void reports_sheet(sum *s, const char *outdir)
{
    lxw_worksheet *ws = workbook_add_worksheet(s->wb, "Reports");
    s->sheet = "Reports";
    if (!ws) {
        check(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    memset(s->width, 0, sizeof s->width);
    const int c_pillar = 3, c_comp = 6, c_find = c_comp + (int)s->ncomp, c_check = c_find + 3,
              c_rej = c_check + 4, c_doc = c_rej + 1, ncol = c_doc + 6;
    const int at[6] = {c_pillar, c_comp, c_find, c_check, c_rej, c_doc};
    /* Row 0: the groups, left to right (constant_memory: rows in order). */
    check(s, worksheet_write_blank(ws, 0, 0, s->group));
    check(s, worksheet_write_blank(ws, 0, 1, s->group));
    check(s, worksheet_write_blank(ws, 0, 2, s->group));
    group_header(s, ws, c_pillar, c_pillar + 2, "Pillar grades");
    for (size_t k = 0; k < s->ncomp;) {
        size_t e = k;
        while (e + 1 < s->ncomp && s->comps[e + 1].pillar == s->comps[k].pillar)
            e++;
        group_header(
            s, ws, c_comp + (int)k, c_comp + (int)e,
            peel_arena_printf(&s->arena, "%s components", peel_pillar_label(s->comps[k].pillar)));
        k = e + 1;
    }
    group_header(s, ws, c_find, c_find + 2, "Findings");
    group_header(s, ws, c_check, c_check + 3, "Reconciliation checks");
    group_header(s, ws, c_rej, c_rej, "Validation");
    group_header(s, ws, c_doc, c_doc + 5, "Documents");
    /* Row 1: the columns. */
    check(s, worksheet_set_row(ws, 1, 45, NULL));
    static const char *const FIRST[3] = {"Force", "Year", "Status"};
    for (int c = 0; c < 3; c++)
        put_text(s, ws, 1, c, FIRST[c], s->head);
    for (int p = 0; p < PEEL_NPILLAR; p++)
        put_text(s, ws, 1, c_pillar + p, peel_pillar_label((peel_pillar)p), s->head);
    for (size_t k = 0; k < s->ncomp; k++) {
        check(s, worksheet_write_string(ws, 1, (lxw_col_t)(c_comp + (int)k), s->comps[k].label,
                                        s->head));
        widen(s, c_comp + (int)k, "Requires improvement", 14);
    }
    for (int k = 0; k < PEEL_NKIND; k++)
        put_text(s, ws, 1, c_find + k, peel_kind_title((peel_kind)k), s->head_num);
    for (int k = 0; k < PEEL_NVERDICT; k++)
        put_text(s, ws, 1, c_check + k, peel_verdict_name((peel_verdict)k), s->head_num);
    put_text(s, ws, 1, c_rej, "Rejected rows", s->head_num);
    for (int k = 0; k < 6; k++)
        put_text(s, ws, 1, c_doc + k, DOC_LABELS[k], s->head);
    for (size_t i = 0; i < s->nrep; i++)
        report_row(s, ws, &s->reps[i], 2 + (int)i, at, outdir);
    set_widths(s, ws, ncol, 10);
    worksheet_freeze_panes(ws, 2, 2);
    check(s, worksheet_autofilter(ws, 1, 0, (lxw_row_t)(1 + s->nrep), (lxw_col_t)(ncol - 1)));
    /* Some thirty columns: on one page width they would be unreadable, so A3
     * two pages wide, each page keeping the force and year. */
    print_setup(s, ws, PAPER_A3, 2, 1, 1);
}

/* ---- the Figures sheet -------------------------------------------------- */

static int by_rank(const void *pa, const void *pb)
{
    const measure *a = *(const measure *const *)pa, *b = *(const measure *const *)pb;
    if (a->table != b->table)
        return a->table - b->table;
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    int c = strcmp(a->source, b->source);
    return c ? c : strcmp(a->unit, b->unit);
}

/* The label every report gives, else the source made readable
 * ("table:force-workforce/police-officer/@latest"). */
static const char *measure_label(const measure *m)
{
    if (m->label && m->label[0] && !m->differs)
        return m->label;
    return m->source + (m->table ? 6 : 5);
}

/* A figure as the pillar workbooks show it: its family (percentages as
 * fractions, money printed in millions in £m) and decimals. */
static void put_figure(sum *s, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const measure *m,
                       const mval *v)
{
    const xl_family *fam = xl_family_of_unit(s->lay, m->unit, pow(10, v->scale));
    int dec = v->dec;
    if (strstr(fam->name, "@m") && v->scale > 6)
        dec -= v->scale - 6; /* "£1.58 billion" has no decimals in £m */
    if (dec < 0)
        dec = 0;
    lxw_format *f = xl_kit_numfmt(&s->kit, fam->pattern, dec, 0);
    check(s, worksheet_write_number(ws, row, col, xl_kept(v->v / fam->divisor), f));
}

static lxw_row_t measure_rows(sum *s, lxw_worksheet *ws, lxw_row_t row, const measure *m)
{
    const xl_family *fam = xl_family_of_unit(s->lay, m->unit, 1);
    put_text(s, ws, (int)row, 0, measure_label(m), s->text);
    put_text(s, ws, (int)row, 1, fam->label[0] ? fam->label : m->unit, s->text);
    put_text(s, ws, (int)row, 2, m->source, s->muted);
    int dated = 0;
    for (size_t i = 0; i < s->nrep; i++) {
        if (m->v[i].dec >= 0)
            put_figure(s, ws, row, (lxw_col_t)(3 + i), m, &m->v[i]);
        dated |= m->v[i].dec >= 0 && m->v[i].period;
    }
    row++;
    if (!dated)
        return row;
    /* Each report's period for it, in its own words. */
    put_text(s, ws, (int)row, 0, "Period", s->period_label);
    for (size_t i = 0; i < s->nrep; i++)
        if (m->v[i].dec >= 0)
            check(s, worksheet_write_string(ws, row, (lxw_col_t)(3 + i),
                                            m->v[i].period ? s->periods.item[m->v[i].period - 1]
                                                           : XL_NO_PERIOD,
                                            s->period));
    return row + 1;
}

static void figures_sheet(sum *s)
{
    lxw_worksheet *ws = workbook_add_worksheet(s->wb, "Figures");
    s->sheet = "Figures";
    if (!ws) {
        check(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    memset(s->width, 0, sizeof s->width);
    /* No report with records (every one failed before its first build): no
     * measure, and no array to give qsort. */
    if (s->measures.n > 1)
        qsort(s->measures.item, s->measures.n, sizeof *s->measures.item, by_rank);
    check(s, worksheet_set_row(ws, 0, 30, NULL));
    static const char *const HEAD[3] = {"Measure", "Unit", "Source"};
    for (int c = 0; c < 3; c++)
        put_text(s, ws, 0, c, HEAD[c], s->head);
    for (size_t i = 0; i < s->nrep; i++) {
        const srep *r = &s->reps[i];
        const char *label =
            r->loaded ? peel_arena_printf(&s->arena, "%s %s", r->force, r->year) : r->in->slug;
        check(s, worksheet_write_string(ws, 0, (lxw_col_t)(3 + i), label, s->head_num));
        if (3 + i < MAX_COLS)
            s->width[3 + i] = REPORT_WIDTH;
    }
    lxw_row_t row = 1;
    for (size_t k = 0; k < s->measures.n; k++) {
        const measure *m = s->measures.item[k];
        if (k == 0 || ((const measure *)s->measures.item[k - 1])->table != m->table)
            put_text(s, ws, (int)row++, 0,
                     m->table ? "Table figures" : "Named figures from the reports' text",
                     s->section);
        row = measure_rows(s, ws, row, m);
    }
    int ncol = 3 + (int)s->nrep;
    if (s->width[0] > 50)
        s->width[0] = 50;
    set_widths(s, ws, ncol, REPORT_WIDTH);
    worksheet_freeze_panes(ws, 1, 2);
    check(s, worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, (lxw_col_t)(ncol - 1)));
    /* Measures down, reports across: about eight reports a page wide, the
     * measure and its unit on every page. */
    print_setup(s, ws, PAPER_A4, (int)((s->nrep + REPORTS_A_PAGE - 1) / REPORTS_A_PAGE) + 0, 0, 1);
}

static void properties(sum *s)
{
    const char *latest = "";
    for (size_t i = 0; i < s->nrep; i++)
        if (s->reps[i].loaded) {
            const char *d = s->reps[i].published_date;
            if (strcmp(d, latest) > 0)
                latest = d;
        }
    char comments[160];
    snprintf(comments, sizeof comments,
             "%zu report%s: grades, findings, checks, named and table figures", s->nrep,
             s->nrep == 1 ? "" : "s");
    lxw_doc_properties p = {.title = "PEEL inspection reports: summary",
                            .subject = "Grades, findings, reconciliation and the figures of "
                                       "every report in the folder, side by side",
                            .author = "peelpack " PEEL_VERSION,
                            .category = "PEEL inspection",
                            .keywords = "PEEL, summary",
                            .comments = comments,
                            .created = (time_t)peel_created_time(latest[0] ? latest : NULL)};
    s->sheet = "properties";
    check(s, workbook_set_properties(s->wb, &p));
}

static void release(sum *s)
{
    for (size_t k = 0; k < s->measures.n; k++)
        free(((measure *)s->measures.item[k])->v);
    peel_vec_release(&s->measures, NULL);
    peel_map_release(&s->by_source);
    peel_vec_release(&s->periods, NULL);
    peel_map_release(&s->period_of);
    peel_map_release(&s->cat_of);
    peel_arena_release(&s->arena);
    free(s->reps);
}

/* The layout: the catalogue's when one is given (peel-run loaded it before
 * forking), else data_dir's workbook.csv into *own. */
static peel_status layout_of(sum *s, const peel_xlsx_catalog *catalog, const char *data_dir,
                             xl_layout *own, peel_err *err)
{
    if (catalog) {
        s->lay = xl_catalog_layout(catalog);
        return PEEL_OK;
    }
    char lpath[4200];
    peel_status st = peel_path_join(lpath, sizeof lpath, err, data_dir, "workbook.csv");
    if (st == PEEL_OK)
        st = xl_layout_load(own, lpath, err);
    if (st == PEEL_OK)
        s->lay = own;
    return st;
}

peel_status peel_xlsx_overview_write(const char *outdir, const char *data_dir,
                                     const peel_xlsx_catalog *catalog, const char *tmpdir,
                                     const peel_xlsx_overview_report *reps, size_t n, peel_err *err)
{
    char path[4400];
    peel_status st = peel_path_join(path, sizeof path, err, outdir, "summary.xlsx");
    if (st != PEEL_OK)
        return st;
    sum s;
    memset(&s, 0, sizeof s);
    s.nrep = n;
    s.reps = peel_xcalloc(s.nrep + 1, sizeof *s.reps);
    peel_arena_init(&s.arena);
    xl_layout lay;
    memset(&lay, 0, sizeof lay); /* released whatever happens */
    st = layout_of(&s, catalog, data_dir, &lay, err);
    if (st == PEEL_OK)
        st = load_catalogue(&s, data_dir, err);
    if (st == PEEL_OK) {
        load_reports(&s, outdir, reps);
        gather_components(&s);
    }
    const char *dirs[2];
    size_t ndir = st == PEEL_OK ? peel_xlsx_scratch(tmpdir, outdir, dirs) : 0;
    for (size_t i = 0; i < ndir; i++) {
        if (i)
            peel_err_clear(err); /* the tmpfs would not do: the next folder will */
        st = xl_kit_open(&s.kit, path, dirs[i], 1, &s.arena, err);
        if (st != PEEL_OK)
            break;
        s.wb = s.kit.wb;
        formats(&s);
        reports_sheet(&s, outdir);
        figures_sheet(&s);
        properties(&s);
        st = xl_kit_close(&s.kit, PEEL_OK, err);
        if (!(st == PEEL_ECANTCREAT && s.kit.closed == LXW_ERROR_CREATING_TMPFILE))
            break;
    }
    xl_layout_release(&lay);
    release(&s);
    return st;
}
