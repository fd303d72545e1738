/* The schema of every record file as a table: file → field → check.
 *
 * Columns the contract names (DESIGN.md, "Records") must be in the header;
 * a file without one gets a missing_column reject on its header line, and
 * each row then fails that field's check as empty.  Columns the ingest stage
 * adds beyond the contract (VD_EXTRA) are checked when present. */
#include <stdio.h>
#include <string.h>

#include "vd.h"

static void meta_keys(vd_ctx *cx, const char *file, const peel_csv_doc *doc);

static const vd_field_rule META[] = {
    {"key", vd_chk_id, 0},
    {"value", vd_chk_meta_value, VD_TEXT},
    {"source_line", vd_chk_line_opt, 0},
    {NULL, NULL, 0},
};

static const vd_field_rule JUDGMENTS[] = {
    {"pillar", vd_chk_pillar, 0},
    {"component", vd_chk_component, 0},
    {"grade", vd_chk_grade, 0},
    {"last_inspected", vd_chk_last_inspected, 0},
    {"source_line", vd_chk_line_if_graded, 0},
    {"label", vd_chk_text, VD_TEXT | VD_EXTRA},
    {"inspected", vd_chk_yes_no, VD_EXTRA},
    {"summary_grade", vd_chk_grade_opt, VD_EXTRA},
    {"summary_line", vd_chk_line_opt, VD_EXTRA},
    {"section_grade", vd_chk_grade_opt, VD_EXTRA},
    {"section_line", vd_chk_line_opt, VD_EXTRA},
    {"scope_line", vd_chk_line_opt, VD_EXTRA},
    {NULL, NULL, 0},
};

static const vd_field_rule TABLES[] = {
    {"table", vd_chk_id, 0},
    {"row", vd_chk_id, 0},
    {"column", vd_chk_id, 0},
    {"value", vd_chk_cell_value, 0},
    {"unit", vd_chk_unit, 0},
    {"period", vd_chk_period_years, VD_TEXT},
    {"raw", vd_chk_text, VD_TEXT},
    {"source_line", vd_chk_line, 0},
    {"pillar", vd_chk_pillar_opt, VD_EXTRA},
    {NULL, NULL, 0},
};

static const vd_field_rule FINDINGS[] = {
    {"pillar", vd_chk_pillar, 0},
    {"component", vd_chk_component, 0},
    {"kind", vd_chk_kind, 0},
    {"text", vd_chk_text, VD_TEXT},
    {"source_line", vd_chk_line, 0},
    {"number", vd_chk_int_opt, VD_EXTRA},
    {"last_line", vd_chk_line_opt, VD_EXTRA},
    {NULL, NULL, 0},
};

static const vd_field_rule FIGURES[] = {
    {"value", vd_chk_figure_value, 0},
    {"unit", vd_chk_figure_unit, 0},
    {"raw", vd_chk_text, VD_TEXT},
    {"sentence", vd_chk_text, VD_TEXT},
    {"source_line", vd_chk_line, 0},
    {"high", vd_chk_figure_high, VD_EXTRA},
    {"pillar", vd_chk_pillar_opt, VD_EXTRA},
    {"component", vd_chk_component, VD_EXTRA},
    {"block", vd_chk_int_opt, VD_EXTRA},
    {"item", vd_chk_int_opt, VD_EXTRA},
    {NULL, NULL, 0},
};

static const vd_field_rule FACTS[] = {
    {"key", vd_chk_id, 0},
    {"value", vd_chk_fact_value, 0},
    {"unit", vd_chk_unit, 0},
    {"period", vd_chk_period_years, VD_TEXT},
    {"source_line", vd_chk_line, 0},
    {"raw", vd_chk_text, VD_TEXT | VD_EXTRA},
    {"pillar", vd_chk_pillar_opt, VD_EXTRA},
    {NULL, NULL, 0},
};

static const vd_field_rule SUMMARIES[] = {
    {"pillar", vd_chk_pillar, 0},
    {"component", vd_chk_component, 0},
    {"text", vd_chk_text, VD_TEXT},
    {"source_line", vd_chk_line, 0},
    {NULL, NULL, 0},
};

static const vd_field_rule COVERAGE[] = {
    {"line", vd_chk_line, 0},
    {"kind", vd_chk_coverage_kind, 0},
    {NULL, NULL, 0},
};

/* Finance and HR figures: force,key,value,unit,period,source. */
static const vd_field_rule SIDECAR[] = {
    {"force", vd_chk_force, 0},
    {"key", vd_chk_id, 0},
    {"value", vd_chk_sidecar_value, 0},
    {"unit", vd_chk_sidecar_unit, 0},
    {"period", vd_chk_period, 0},
    {"source", NULL, 0},
    {NULL, NULL, 0},
};

const vd_schema VD_RECORD_SCHEMAS[VD_NRECORDS] = {
    {"meta.csv", META, "source_line", meta_keys},
    {"judgments.csv", JUDGMENTS, "source_line", vd_check_duplicate_judgments},
    {"tables.csv", TABLES, "source_line", NULL},
    {"findings.csv", FINDINGS, "source_line", NULL},
    {"figures.csv", FIGURES, "source_line", NULL},
    {"facts.csv", FACTS, "source_line", NULL},
    {"summaries.csv", SUMMARIES, "source_line", NULL},
    {"coverage.csv", COVERAGE, "line", vd_check_coverage_complete},
};

const vd_schema VD_SIDECAR_SCHEMA = {"sidecars/*.csv", SIDECAR, NULL, NULL};

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

static void check_header(vd_ctx *cx, const vd_schema *s, const char *file, const peel_csv_doc *doc)
{
    for (const vd_field_rule *f = s->rules; f->field; f++)
        if (!(f->flags & VD_EXTRA) && peel_csv_col(doc, f->field) < 0)
            vd_reject_at(cx, file, 1, 0, f->field, "", "missing_column",
                         "the header has no %s column", f->field);
}

/* The record's report line, when it names a good one: rejects carry it so a
 * reader can go straight to the report. */
static long report_line(const vd_ctx *cx, const vd_schema *s, const peel_csv_doc *doc, size_t r)
{
    long n;
    if (!s->line_col || !vd_integer(peel_csv_get(doc, r, peel_csv_col(doc, s->line_col)), &n))
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

void vd_check_doc(vd_ctx *cx, const vd_schema *s, const char *file, const peel_csv_doc *doc)
{
    check_header(cx, s, file, doc);
    for (size_t r = 0; r < doc->nrow; r++) {
        vd_row row = {cx, file, doc, r, report_line(cx, s, doc, r)};
        cx->records++;
        check_width(&row);
        for (const vd_field_rule *f = s->rules; f->field; f++) {
            int col = peel_csv_col(doc, f->field);
            if (!f->check || (col < 0 && (f->flags & VD_EXTRA)))
                continue;
            const char *value = peel_csv_get(doc, r, col);
            f->check(&row, f->field, f->flags & VD_TEXT ? peel_csv_text(value) : value);
        }
    }
    if (s->file_check)
        s->file_check(cx, file, doc);
}
