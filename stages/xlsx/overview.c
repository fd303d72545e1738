/* peel-run's summary.xlsx: every report of the output folder on one sheet
 * (grades colour-coded, finding and check counts, links to its documents),
 * and every table figure of every report side by side on another.  Written
 * through the kit every workbook of ours uses (kit.c): the file, the first
 * error, the format cache, the grade colours, text widths. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "peel_text.h"
#include "xl.h"
#include "xlsx.h"

enum { MAX_COLS = 512, MAX_DECIMALS = 6 };

static const char *const DOCS[6] = {"effectiveness.xlsx", "efficiency.xlsx", "legitimacy.xlsx",
                                    "effectiveness.pdf",  "efficiency.pdf",  "legitimacy.pdf"};
static const char *const DOC_LABELS[6] = {"Effectiveness workbook", "Efficiency workbook",
                                          "Legitimacy workbook",    "Effectiveness PDF",
                                          "Efficiency PDF",         "Legitimacy PDF"};

/* A judgment of a report: a pillar's grade (component "") or a component's. */
typedef struct sjudg {
    peel_pillar pillar;
    const char *component, *label; /* in the summary's arena */
    peel_grade grade;
} sjudg;

/* One report as the summary sees it: only what the sheets show, kept in the
 * summary's arena, so that each report's records are released as soon as
 * they are read (holding every report's records made the driver's memory
 * grow with the number of reports). */
typedef struct srep {
    const peel_xlsx_overview_report *in; /* borrowed */
    int loaded;
    const char *force, *year, *published_date; /* in the arena */
    sjudg *judg;                               /* in the arena */
    size_t njudg;
    long findings[PEEL_NKIND], checks[PEEL_NVERDICT], rejects;
} srep;

typedef struct comp {
    peel_pillar pillar;
    const char *component, *label; /* in the arena */
} comp;

/* A table figure's key, and its value in each report. */
typedef struct fig {
    const char *table, *row, *column;            /* in the arena */
    const char *tlabel, *rlabel, *clabel, *unit; /* as the first report prints them */
    int tdiff, rdiff, cdiff; /* reports print the label differently ("Northmoor rate") */
    peel_value *value;       /* per report; .has 0 when the report has none */
} fig;

typedef struct sum {
    xl_kit kit;
    lxw_workbook *wb; /* kit.wb */
    peel_arena arena; /* every string the sheets show */
    srep *reps;
    size_t nrep;
    comp comps[MAX_COLS];
    size_t ncomp;
    fig *figs;
    size_t nfig, capfig;
    size_t *hash; /* open addressing over figs, index+1; 0 empty */
    size_t hcap;
    double width[MAX_COLS];
    lxw_format *head, *group, *text, *bad, *link, *count, *num[MAX_DECIMALS + 1];
    const char *sheet; /* the sheet being written, for errors */
} sum;

static void check(sum *s, lxw_error e)
{
    xl_kit_check(&s->kit, e, s->sheet);
}

/* Wider than the report workbooks' columns: the default font, and headers
 * in bold. */
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

static lxw_format *grade_format(sum *s, peel_grade g)
{
    char key[64];
    snprintf(key, sizeof key, "g|%s", peel_grade_name(g));
    lxw_format *f = xl_kit_cached(&s->kit, key);
    if (f)
        return f;
    f = workbook_add_format(s->wb);
    format_set_pattern(f, LXW_PATTERN_SOLID);
    xl_grade_paint(f, g, 0xBFBFBF);
    return xl_kit_remember(&s->kit, key, f);
}

static void formats(sum *s)
{
    s->head = workbook_add_format(s->wb);
    format_set_bold(s->head);
    format_set_text_wrap(s->head);
    format_set_align(s->head, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(s->head, LXW_BORDER_THIN);
    s->group = workbook_add_format(s->wb);
    format_set_bold(s->group);
    format_set_align(s->group, LXW_ALIGN_CENTER);
    format_set_bg_color(s->group, 0xD9E1F2);
    format_set_pattern(s->group, LXW_PATTERN_SOLID);
    s->text = workbook_add_format(s->wb);
    s->bad = workbook_add_format(s->wb);
    format_set_bold(s->bad);
    format_set_font_color(s->bad, 0xC00000);
    s->link = workbook_add_format(s->wb);
    format_set_underline(s->link, LXW_UNDERLINE_SINGLE);
    format_set_font_color(s->link, 0x0563C1);
    s->count = workbook_add_format(s->wb);
    format_set_num_format(s->count, "0");
    for (int d = 0; d <= MAX_DECIMALS; d++) {
        char num[32];
        xl_pattern("#,##0{.d}", d, num, sizeof num);
        s->num[d] = workbook_add_format(s->wb);
        format_set_num_format(s->num[d], num);
    }
}

/* Components of every report, in pillar order, then as first met. */
static void gather_components(sum *s)
{
    for (int p = 0; p < 4; p++)
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

static peel_grade grade_of(const srep *rep, peel_pillar pillar, const char *component)
{
    for (size_t r = 0; r < rep->njudg; r++)
        if (rep->judg[r].pillar == pillar && strcmp(rep->judg[r].component, component) == 0)
            return rep->judg[r].grade;
    return PEEL_GRADE_NONE;
}

static void put_text(sum *s, lxw_worksheet *ws, int row, int col, const char *t, lxw_format *f)
{
    check(s, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, t, f));
    widen(s, col, t, 6);
}

static void group_header(sum *s, lxw_worksheet *ws, int first, int last, const char *label)
{
    if (last > first)
        check(s,
              worksheet_merge_range(ws, 0, (lxw_col_t)first, 0, (lxw_col_t)last, label, s->group));
    else
        check(s, worksheet_write_string(ws, 0, (lxw_col_t)first, label, s->group));
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
    int col = 0;
    const int c_pillar = 3, c_comp = 6, c_find = c_comp + (int)s->ncomp, c_check = c_find + 3,
              c_rej = c_check + 4, c_doc = c_rej + 1, ncol = c_doc + 6;
    static const char *const FIRST[3] = {"Force", "Year", "Status"};
    for (col = 0; col < 3; col++)
        put_text(s, ws, 1, col, FIRST[col], s->head);
    for (int p = 0; p < 3; p++)
        put_text(s, ws, 1, c_pillar + p, peel_pillar_label((peel_pillar)p), s->head);
    group_header(s, ws, c_pillar, c_pillar + 2, "Pillar grades");
    for (size_t k = 0; k < s->ncomp; k++) {
        check(s, worksheet_write_string(ws, 1, (lxw_col_t)(c_comp + (int)k), s->comps[k].label,
                                        s->head));
        widen(s, c_comp + (int)k, "Requires improvement", 14);
    }
    /* Component groups: one merged header per pillar. */
    for (size_t k = 0; k < s->ncomp;) {
        size_t e = k;
        while (e + 1 < s->ncomp && s->comps[e + 1].pillar == s->comps[k].pillar)
            e++;
        char label[96];
        snprintf(label, sizeof label, "%s components", peel_pillar_label(s->comps[k].pillar));
        group_header(s, ws, c_comp + (int)k, c_comp + (int)e, label);
        k = e + 1;
    }
    for (int k = 0; k < PEEL_NKIND; k++)
        put_text(s, ws, 1, c_find + k, peel_kind_title((peel_kind)k), s->head);
    group_header(s, ws, c_find, c_find + 2, "Findings");
    for (int k = 0; k < PEEL_NVERDICT; k++)
        put_text(s, ws, 1, c_check + k, peel_verdict_name((peel_verdict)k), s->head);
    group_header(s, ws, c_check, c_check + 3, "Reconciliation checks");
    put_text(s, ws, 1, c_rej, "Rejected rows", s->head);
    for (int k = 0; k < 6; k++)
        put_text(s, ws, 1, c_doc + k, DOC_LABELS[k], s->head);
    group_header(s, ws, c_doc, c_doc + 5, "Documents");

    for (size_t i = 0; i < s->nrep; i++) {
        const srep *r = &s->reps[i];
        int row = 2 + (int)i;
        const char *slug = r->in->slug, *status = r->in->status;
        if (!r->loaded) {
            put_text(s, ws, row, 0, slug, s->text);
            put_text(s, ws, row, 2, status, s->bad);
            continue;
        }
        put_text(s, ws, row, 0, r->force, s->text);
        put_text(s, ws, row, 1, r->year, s->text);
        put_text(s, ws, row, 2, status, strcmp(status, "ok") == 0 ? s->text : s->bad);
        for (int p = 0; p < PEEL_NPILLAR; p++) {
            peel_grade g = grade_of(r, (peel_pillar)p, "");
            if (g != PEEL_GRADE_NONE)
                put_text(s, ws, row, c_pillar + p, peel_grade_name(g), grade_format(s, g));
        }
        for (size_t k = 0; k < s->ncomp; k++) {
            peel_grade g = grade_of(r, s->comps[k].pillar, s->comps[k].component);
            if (g != PEEL_GRADE_NONE)
                put_text(s, ws, row, c_comp + (int)k, peel_grade_name(g), grade_format(s, g));
        }
        for (int k = 0; k < PEEL_NKIND; k++)
            check(s, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(c_find + k),
                                            (double)r->findings[k], s->count));
        for (int k = 0; k < PEEL_NVERDICT; k++)
            check(s, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)(c_check + k),
                                            (double)r->checks[k], s->count));
        check(s, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)c_rej, (double)r->rejects,
                                        s->count));
        for (int k = 0; k < 6; k++) {
            char path[4500], url[600];
            struct stat st;
            peel_path_join(path, sizeof path, NULL, outdir, slug, DOCS[k]);
            if (stat(path, &st) != 0)
                continue;
            /* Relative, so the folder can move (a shared drive mounted elsewhere). */
            snprintf(url, sizeof url, "external:%s/%s", slug, DOCS[k]);
            check(s, worksheet_write_url_opt(ws, (lxw_row_t)row, (lxw_col_t)(c_doc + k), url,
                                             s->link, DOCS[k], NULL));
            widen(s, c_doc + k, DOCS[k], 10);
        }
    }
    for (col = 0; col < ncol && col < MAX_COLS; col++)
        check(s, worksheet_set_column(ws, (lxw_col_t)col, (lxw_col_t)col,
                                      s->width[col] > 0 ? s->width[col] : 10, NULL));
    check(s, worksheet_set_row(ws, 1, 45, NULL));
    worksheet_freeze_panes(ws, 2, 1);
    check(s, worksheet_autofilter(ws, 1, 0, (lxw_row_t)(1 + s->nrep), (lxw_col_t)(ncol - 1)));
    /* Some forty columns: on one A4 width they would be unreadable, so A3
     * (paper 8) two pages wide, each page keeping the force and year. */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 8);
    worksheet_fit_to_pages(ws, 2, 0);
    check(s, worksheet_repeat_rows(ws, 0, 1));
    check(s, worksheet_repeat_columns(ws, 0, 1));
}

/* ---- figures side by side ---- */

static size_t hash_key(const char *t, const char *r, const char *c)
{
    size_t h = 1469598103934665603ULL;
    const char *parts[3] = {t, r, c};
    for (int i = 0; i < 3; i++) {
        for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
            h = (h ^ *p) * 1099511628211ULL;
        h = (h ^ 0xff) * 1099511628211ULL;
    }
    return h;
}

static void rehash(sum *s)
{
    free(s->hash);
    s->hcap = s->hcap ? s->hcap * 2 : 1024;
    s->hash = peel_xcalloc(s->hcap, sizeof *s->hash);
    for (size_t i = 0; i < s->nfig; i++) {
        size_t h = hash_key(s->figs[i].table, s->figs[i].row, s->figs[i].column) & (s->hcap - 1);
        while (s->hash[h])
            h = (h + 1) & (s->hcap - 1);
        s->hash[h] = i + 1;
    }
}

static fig *find_fig(sum *s, const char *t, const char *r, const char *c)
{
    if (s->nfig * 2 >= s->hcap)
        rehash(s);
    size_t h = hash_key(t, r, c) & (s->hcap - 1);
    for (; s->hash[h]; h = (h + 1) & (s->hcap - 1)) {
        fig *f = &s->figs[s->hash[h] - 1];
        if (strcmp(f->table, t) == 0 && strcmp(f->row, r) == 0 && strcmp(f->column, c) == 0)
            return f;
    }
    if (s->nfig == s->capfig) {
        s->capfig = s->capfig ? s->capfig * 2 : 256;
        s->figs = peel_xrealloc(s->figs, s->capfig * sizeof *s->figs);
    }
    fig *f = &s->figs[s->nfig++];
    *f = (fig){.table = peel_arena_strdup(&s->arena, t),
               .row = peel_arena_strdup(&s->arena, r),
               .column = peel_arena_strdup(&s->arena, c)};
    f->value = peel_xcalloc(s->nrep + 1, sizeof *f->value);
    s->hash[h] = s->nfig;
    return f;
}

/* Report i's table figures, in the order reports and their rows come. */
static void gather_figures(sum *s, size_t i, const peel_records *rec)
{
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *c = &rec->cells[r];
        if (!c->value.has)
            continue;
        fig *f = find_fig(s, c->table, c->trow, c->column);
        if (!f->tlabel) {
            f->tlabel = peel_arena_strdup(&s->arena, c->table_label);
            f->rlabel = peel_arena_strdup(&s->arena, c->row_label);
            f->clabel = peel_arena_strdup(&s->arena, c->column_label);
            f->unit = peel_arena_strdup(&s->arena, c->unit);
        }
        f->tdiff |= strcmp(f->tlabel, c->table_label) != 0;
        f->rdiff |= strcmp(f->rlabel, c->row_label) != 0;
        f->cdiff |= strcmp(f->clabel, c->column_label) != 0;
        if (!f->value[i].has)
            f->value[i] = c->value;
    }
}

/* What the sheets show of report i, copied out of its records. */
static void keep_report(sum *s, size_t i, const peel_records *rec)
{
    srep *r = &s->reps[i];
    peel_arena *a = &s->arena;
    r->force = peel_arena_strdup(a, peel_records_meta(rec, "force"));
    r->year = peel_arena_strdup(a, peel_records_meta(rec, "year"));
    r->published_date = peel_arena_strdup(a, peel_records_meta(rec, "published_date"));
    r->judg = peel_arena_alloc(a, (rec->njudgment + 1) * sizeof *r->judg);
    for (size_t k = 0; k < rec->njudgment; k++) {
        const peel_judgment *j = &rec->judgments[k];
        r->judg[r->njudg++] = (sjudg){j->pillar, peel_arena_strdup(a, j->component),
                                      peel_arena_strdup(a, j->label), j->grade};
    }
    for (size_t k = 0; k < rec->nfinding; k++)
        r->findings[rec->findings[k].kind]++;
    for (size_t k = 0; k < rec->ncheck; k++)
        r->checks[rec->checks[k].status]++;
    r->rejects = (long)rec->nreject;
    gather_figures(s, i, rec);
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
        s->reps[i].loaded = peel_records_load(&rec, dir, 0, &e) == PEEL_OK;
        if (s->reps[i].loaded) {
            keep_report(s, i, &rec);
            peel_records_release(&rec);
        }
    }
}

/* The label every report prints, else the generic key made readable
 * ("force-rate" → "Force rate"). */
static const char *fig_label(const char *label, int differs, const char *key, char *buf, size_t cap)
{
    if (label && label[0] && !differs)
        return label;
    snprintf(buf, cap, "%s", key);
    for (char *p = buf; *p; p++)
        if (*p == '-')
            *p = ' ';
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
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
    static const char *const HEAD[4] = {"Table", "Row", "Column", "Unit"};
    for (int c = 0; c < 4; c++)
        put_text(s, ws, 0, c, HEAD[c], s->head);
    for (size_t i = 0; i < s->nrep; i++) {
        const srep *r = &s->reps[i];
        char label[600];
        if (r->loaded)
            snprintf(label, sizeof label, "%s %s", r->force, r->year);
        else
            snprintf(label, sizeof label, "%s", r->in->slug);
        check(s, worksheet_write_string(ws, 0, (lxw_col_t)(4 + i), label, s->head));
        widen(s, 4 + (int)i, "99,999.00", 14);
    }
    for (size_t k = 0; k < s->nfig; k++) {
        const fig *f = &s->figs[k];
        lxw_row_t row = (lxw_row_t)(k + 1);
        char buf[512];
        put_text(s, ws, (int)row, 0, fig_label(f->tlabel, f->tdiff, f->table, buf, sizeof buf),
                 s->text);
        put_text(s, ws, (int)row, 1, fig_label(f->rlabel, f->rdiff, f->row, buf, sizeof buf),
                 s->text);
        put_text(s, ws, (int)row, 2, fig_label(f->clabel, f->cdiff, f->column, buf, sizeof buf),
                 s->text);
        put_text(s, ws, (int)row, 3, f->unit ? f->unit : "", s->text);
        for (size_t i = 0; i < s->nrep; i++) {
            const peel_value *v = &f->value[i];
            if (v->has)
                check(s, worksheet_write_number(
                             ws, row, (lxw_col_t)(4 + i), v->v,
                             s->num[v->dec < MAX_DECIMALS ? v->dec : MAX_DECIMALS]));
        }
    }
    int ncol = 4 + (int)s->nrep;
    for (int c = 0; c < ncol && c < MAX_COLS; c++)
        check(s, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                      s->width[c] > 0 ? s->width[c] : 12, NULL));
    if (ncol > MAX_COLS)
        check(s, worksheet_set_column(ws, MAX_COLS, (lxw_col_t)(ncol - 1), 14, NULL));
    check(s, worksheet_set_row(ws, 0, 30, NULL));
    worksheet_freeze_panes(ws, 1, 3);
    check(s, worksheet_autofilter(ws, 0, 0, (lxw_row_t)s->nfig, (lxw_col_t)(ncol - 1)));
    worksheet_set_landscape(ws);
    check(s, worksheet_repeat_rows(ws, 0, 0));
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
    char comments[128];
    snprintf(comments, sizeof comments, "%zu report%s: grades, findings, checks and table figures",
             s->nrep, s->nrep == 1 ? "" : "s");
    lxw_doc_properties p = {.title = "PEEL inspection reports: summary",
                            .subject = "Grades, findings, reconciliation and table figures of "
                                       "every report in the folder",
                            .author = "peelpack " PEEL_VERSION,
                            .category = "PEEL inspection",
                            .keywords = "PEEL, summary",
                            .comments = comments,
                            .created = (time_t)peel_created_time(latest[0] ? latest : NULL)};
    s->sheet = "properties";
    check(s, workbook_set_properties(s->wb, &p));
}

peel_status peel_xlsx_overview_write(const char *outdir, const char *tmpdir,
                                     const peel_xlsx_overview_report *reps, size_t n, peel_err *err)
{
    char path[4400];
    peel_path_join(path, sizeof path, NULL, outdir, "summary.xlsx");
    sum s;
    memset(&s, 0, sizeof s);
    s.nrep = n;
    s.reps = peel_xcalloc(s.nrep + 1, sizeof *s.reps);
    peel_arena_init(&s.arena);
    load_reports(&s, outdir, reps);
    peel_status st = xl_kit_open(&s.kit, path, tmpdir, &s.arena, err);
    if (st == PEEL_OK) {
        s.wb = s.kit.wb;
        formats(&s);
        gather_components(&s);
        reports_sheet(&s, outdir);
        figures_sheet(&s);
        properties(&s);
        st = xl_kit_close(&s.kit, PEEL_OK, err);
    }
    peel_arena_release(&s.arena);
    for (size_t k = 0; k < s.nfig; k++)
        free(s.figs[k].value);
    free(s.figs);
    free(s.hash);
    free(s.reps);
    return st;
}
