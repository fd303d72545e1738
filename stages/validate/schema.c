/* Validation as the schema (peel_schema.h) says: each field through its
 * check, every row of every record file.
 *
 * Columns the contract names (DESIGN.md, "Records") must be in the header;
 * a file without one gets a missing_column reject on its header line, and
 * each row then fails that field's check as empty.  Columns the ingest stage
 * adds beyond the contract (PEEL_FIELD_EXTRA) are checked when present. */
#include <stdio.h>
#include <string.h>

#include "vd.h"

static void meta_keys(vd_ctx *cx, const char *file, const peel_csv_doc *doc);

/* The function of each check the schema names. */
static const vd_check_fn CHECKS[PEEL_NVCHECK] = {
    [PEEL_VC_ID] = vd_chk_id,
    [PEEL_VC_TEXT] = vd_chk_text,
    [PEEL_VC_PILLAR] = vd_chk_pillar,
    [PEEL_VC_PILLAR_OPT] = vd_chk_pillar_opt,
    [PEEL_VC_COMPONENT] = vd_chk_component,
    [PEEL_VC_GRADE] = vd_chk_grade,
    [PEEL_VC_GRADE_OPT] = vd_chk_grade_opt,
    [PEEL_VC_LAST_INSPECTED] = vd_chk_last_inspected,
    [PEEL_VC_YES_NO] = vd_chk_yes_no,
    [PEEL_VC_KIND] = vd_chk_kind,
    [PEEL_VC_LINE] = vd_chk_line,
    [PEEL_VC_LINE_OPT] = vd_chk_line_opt,
    [PEEL_VC_LINE_IF_GRADED] = vd_chk_line_if_graded,
    [PEEL_VC_INT_OPT] = vd_chk_int_opt,
    [PEEL_VC_UNIT] = vd_chk_unit,
    [PEEL_VC_FIGURE_UNIT] = vd_chk_figure_unit,
    [PEEL_VC_SIDECAR_UNIT] = vd_chk_sidecar_unit,
    [PEEL_VC_CELL_VALUE] = vd_chk_cell_value,
    [PEEL_VC_FACT_VALUE] = vd_chk_fact_value,
    [PEEL_VC_FIGURE_VALUE] = vd_chk_figure_value,
    [PEEL_VC_FIGURE_HIGH] = vd_chk_figure_high,
    [PEEL_VC_SIDECAR_VALUE] = vd_chk_sidecar_value,
    [PEEL_VC_PERIOD_YEARS] = vd_chk_period_years,
    [PEEL_VC_PERIOD] = vd_chk_period,
    [PEEL_VC_FORCE] = vd_chk_force,
    [PEEL_VC_META_VALUE] = vd_chk_meta_value,
    [PEEL_VC_COVERAGE_KIND] = vd_chk_coverage_kind,
    [PEEL_VC_FROM] = vd_chk_from,
};

/* Checks across the rows of one file, after its rows. */
typedef void (*vd_file_check_fn)(vd_ctx *cx, const char *file, const peel_csv_doc *doc);
static const vd_file_check_fn FILE_CHECKS[PEEL_NFILE] = {
    [PEEL_META] = meta_keys,
    [PEEL_JUDGMENTS] = vd_check_duplicate_judgments,
    [PEEL_COVERAGE] = vd_check_coverage_complete,
};

/* ---- meta ---- */

/* The keys the other checks depend on. */
static const char *const META_REQUIRED[] = {"force", "year", "lines"};

static const char *meta_value(const peel_csv_doc *meta, const char *key)
{
    int ck = peel_csv_col(meta, "key"), cv = peel_csv_col(meta, "value");
    for (size_t r = 0; r < meta->nrow; r++)
        if (strcmp(peel_csv_get(meta, r, ck), key) == 0)
            return peel_csv_text(peel_csv_get(meta, r, cv));
    return NULL;
}

static void meta_keys(vd_ctx *cx, const char *file, const peel_csv_doc *doc)
{
    for (size_t i = 0; i < sizeof META_REQUIRED / sizeof *META_REQUIRED; i++)
        if (!meta_value(doc, META_REQUIRED[i]))
            vd_reject_at(cx, file, 0, 0, "key", META_REQUIRED[i], "missing_field",
                         "no %s row: checks that need it are skipped", META_REQUIRED[i]);
}

void vd_read_meta(vd_ctx *cx, const peel_csv_doc *meta)
{
    const char *force = meta_value(meta, "force"), *year = meta_value(meta, "year");
    const char *lines = meta_value(meta, "lines");
    long n;
    if (force && vd_has_text(force))
        cx->force = peel_arena_strdup(&cx->arena, force);
    if (year && (cx->year = vd_year_label(year)) != 0)
        cx->year_label = peel_arena_strdup(&cx->arena, year);
    if (lines && vd_integer(lines, &n) && n > 0)
        cx->lines = n;
}

/* ---- running the table ---- */

static void check_header(vd_ctx *cx, const peel_file_schema *s, const char *file,
                         const peel_csv_doc *doc)
{
    for (size_t i = 0; i < s->nfield; i++)
        if (!(s->field[i].flags & PEEL_FIELD_EXTRA) && peel_csv_col(doc, s->field[i].name) < 0)
            vd_reject_at(cx, file, 1, 0, s->field[i].name, "", "missing_column",
                         "the header has no %s column", s->field[i].name);
}

/* The record's report line, when it names a good one: rejects carry it so a
 * reader can go straight to the report.  line_col: the column of the
 * schema's line field, -1 when it has none. */
static long report_line(const vd_ctx *cx, const peel_csv_doc *doc, size_t r, int line_col)
{
    long n;
    if (line_col < 0 || !vd_integer(peel_csv_get(doc, r, line_col), &n))
        return 0;
    return n >= 1 && (cx->lines == 0 || n <= cx->lines) ? n : 0;
}

/* A row longer or shorter than the header was cut or shifted: its fields
 * cannot be trusted to be what their columns say. */
static void check_width(const vd_row *row)
{
    const peel_csv_row *cr = &row->doc->row[row->r];
    if (cr->nfield == row->doc->ncol)
        return;
    char n[32];
    snprintf(n, sizeof n, "%zu", cr->nfield);
    vd_reject(row, "", n, "wrong_field_count", "the row has %zu fields, the header %zu", cr->nfield,
              row->doc->ncol);
}

/* One field's check as every row of a document runs it: what depends only
 * on the schema and the header (which check, which column, whether the
 * formula guard comes off) is decided once for the document, not per row. */
typedef struct field_plan {
    vd_check_fn check;
    const char *name;
    int col;  /* -1: the header lacks the column (the check sees "") */
    int text; /* the value is report text: peel_csv_text before the check */
} field_plan;

/* The checks of s's fields over doc, contract fields first, then the extra
 * ones; fields with no check, and extra ones the header lacks, are left
 * out.  Returns how many are in plan. */
static size_t plan_fields(const peel_file_schema *s, const peel_csv_doc *doc, field_plan *plan)
{
    size_t n = 0;
    for (unsigned extra = 0; extra < 2; extra++)
        for (size_t i = 0; i < s->nfield && i < PEEL_MAXFIELD; i++) {
            const peel_field *f = &s->field[i];
            if (!(f->flags & PEEL_FIELD_EXTRA) != !extra || !CHECKS[f->check])
                continue;
            int col = peel_csv_col(doc, f->name);
            if (col < 0 && extra)
                continue;
            plan[n++] =
                (field_plan){CHECKS[f->check], f->name, col, f->type == PEEL_FT_TEXT && !s->users};
        }
    return n;
}

static void check_row(const vd_row *row, const field_plan *plan, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *value = peel_csv_get(row->doc, row->r, plan[i].col);
        plan[i].check(row, plan[i].name, plan[i].text ? peel_csv_text(value) : value);
    }
}

void vd_check_doc(vd_ctx *cx, peel_file f, const char *file, const peel_csv_doc *doc)
{
    const peel_file_schema *s = peel_schema(f);
    field_plan plan[PEEL_MAXFIELD];
    size_t nplan = plan_fields(s, doc, plan);
    int line_col = s->line_field ? peel_csv_col(doc, s->line_field) : -1;
    check_header(cx, s, file, doc);
    for (size_t r = 0; r < doc->nrow; r++) {
        vd_row row = {cx, file, doc, r, report_line(cx, doc, r, line_col)};
        cx->records++;
        check_width(&row);
        check_row(&row, plan, nplan);
    }
    if (FILE_CHECKS[f])
        FILE_CHECKS[f](cx, file, doc);
}
