/* Internals of the validate stage.
 *
 * Validation is a table: for each record file, the fields it must have and
 * the check each field's value goes through (peel_schema.h, run by
 * schema.c).  Checks never stop
 * the run; each finding becomes one row of data/rejects.csv (rejects.c), so
 * that everything wrong is reported at once, as SQLite's parser counts every
 * error before giving up.
 *
 * Ownership: every string a vd_ctx holds (rejects) is allocated from its
 * arena and freed by vd_ctx_release; the catalogue's entries are its own
 * (vd_catalog_release), borrowed by the context.  Record documents are
 * owned by the caller and only borrowed while checking. */
#ifndef VD_H
#define VD_H

#include <stddef.h>

#include "peel_csv.h"
#include "peel_err.h"
#include "peel_mem.h"
#include "peel_rec.h"
#include "peel_schema.h"

/* ---- value grammar (values.c): pure functions, no context ---- */

/* Nonzero when s is a plain number as records carry it: an optional '-',
 * digits, and optionally '.' and digits ("12345", "-2", "21.7").  No blanks,
 * signs '+', exponents, thousands separators, currency or units: those would
 * be read differently by strtod and by a spreadsheet.  *out gets the value. */
int vd_plain_number(const char *s, double *out);

/* Nonzero when s is a non-negative integer without sign or blanks; *out gets it. */
int vd_integer(const char *s, long *out);

/* A year label: "2018" or "2018/19" (the second year the next one).  Returns
 * the first year, or 0 when s is not such a label. */
int vd_year_label(const char *s);

/* Every year inside free text ("12 months ending 30 September 2018",
 * "2018/19 to 2022/23") must be plausible: a four-digit number within
 * 1900-2099, and "YYYY/YY" with consecutive years.  Returns 1 when they all
 * are; otherwise 0 with the bad year copied to bad[cap]. */
int vd_years_in_text(const char *s, char *bad, size_t cap);

/* A sidecar period: "2019", "2018/19", "31 March 2019" (also "31st March
 * 2019"), "March 2019", "2019-03-31", or two of these joined by " to ", the
 * first not later than the second.  Returns 1 when well-formed. */
int vd_period(const char *s);

/* Grades on the PEEL scale, findings kinds, and report pillars. */
int vd_grade(const char *s);
int vd_finding_kind(const char *s);
int vd_pillar(const char *s);

/* Nonzero when the text has something besides blanks. */
int vd_has_text(const char *s);

/* ---- context and rejects (rejects.c) ---- */

typedef struct vd_reject_entry {
    const char *file;    /* record file relative to data/ ("tables.csv", "sidecars/x.csv") */
    long line;           /* CSV line of the record; 0 when the finding is about a file */
    const char *field;   /* column name; "" when about the whole row or file */
    const char *value;   /* the offending value as the record holds it */
    const char *reason;  /* short stable code (not_a_number, unknown_unit, ...) */
    long source_line;    /* report line the record came from; 0 when unknown */
    const char *message; /* readable sentence */
} vd_reject_entry;

typedef struct vd_component {
    const char *pillar;    /* effectiveness, efficiency, legitimacy */
    const char *component; /* "" for the pillar row itself */
} vd_component;

/* What the records may name, read from the data folder (catalog.c): the
 * same for every report, so peel-run loads it once (peel_validate_catalog). */
typedef struct vd_catalog {
    peel_arena arena;    /* owns every entry */
    peel_vec components; /* vd_component*: what components.csv knows */
    peel_vec units;      /* char*: units report records may carry */
} vd_catalog;

typedef struct vd_ctx {
    peel_arena arena;       /* owns every string of the context */
    const vd_catalog *cat;  /* borrowed: set before checking */
    peel_vec rejects;       /* vd_reject_entry*, in the order found */
    long lines;             /* lines of the report (meta "lines"); 0 when unknown */
    int year;               /* first year of the report's year (meta "year"); 0 when unknown */
    const char *year_label; /* the report's year as written ("2018/19"); "" when unknown */
    const char *force;      /* the report's force (meta "force"); "" when unknown */
    long records;           /* rows checked */
} vd_ctx;

void vd_ctx_init(vd_ctx *cx);
void vd_ctx_release(vd_ctx *cx);

/* One row being checked: the document is borrowed from the caller. */
typedef struct vd_row {
    vd_ctx *cx;
    const char *file; /* name used in rejects */
    const peel_csv_doc *doc;
    size_t r;         /* row index in doc */
    long source_line; /* the record's report line, 0 when unknown or bad */
} vd_row;

/* Field `name` of the row as stored ("" when the column or field is absent). */
const char *vd_get(const vd_row *row, const char *name);

/* Adds a reject for the row (its file, CSV line and report line). */
void vd_reject(const vd_row *row, const char *field, const char *value, const char *reason,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Adds a reject anywhere: line 0 / source_line 0 when not about one record. */
void vd_reject_at(vd_ctx *cx, const char *file, long line, long source_line, const char *field,
                  const char *value, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* How many distinct records (file, line) the rejects name. */
long vd_rejected_records(const vd_ctx *cx);

/* The rejects become rec's (any earlier ones replaced) and are written,
 * header first, to data_dir/rejects.csv, atomically. */
peel_status vd_rejects_write(const vd_ctx *cx, peel_records *rec, const char *data_dir,
                             peel_err *err);

/* ---- catalogues (catalog.c) ---- */

/* Reads data_dir/components.csv (required) and the units of
 * data_dir/facts.csv (when present) into the zeroed *cat, which the caller
 * releases with vd_catalog_release either way. */
peel_status vd_catalog_load(vd_catalog *cat, const char *data_dir, peel_err *err);
void vd_catalog_release(vd_catalog *cat);

/* 1 when `component` is a component of `pillar` ("" always is); 0 when
 * unknown; -1 when it belongs to another pillar (its name to *other). */
int vd_component_known(const vd_ctx *cx, const char *pillar, const char *component,
                       const char **other);

/* Nonzero when unit is one report records may carry. */
int vd_unit_known(const vd_ctx *cx, const char *unit);

/* Nonzero when a sidecar may use unit (a fixed list: finance and HR teams'
 * vocabulary, see catalog.c). */
int vd_sidecar_unit(const char *unit);

/* ---- checks (checks.c), run as the schema says (schema.c) ---- */

/* A field check: looks at one value of one row and adds rejects through
 * vd_reject.  `value` is the field as stored, or its text with the formula
 * guard undone for text fields of our own files (peel_csv_text).  Which
 * field goes through which is the schema's (peel_schema.h). */
typedef void (*vd_check_fn)(const vd_row *row, const char *field, const char *value);

/* Checks every row of doc, a file of the schema `f`; `file` names it in
 * rejects. */
void vd_check_doc(vd_ctx *cx, peel_file f, const char *file, const peel_csv_doc *doc);

/* Reads force, year and lines from meta.csv into the context. */
void vd_read_meta(vd_ctx *cx, const peel_csv_doc *meta);

/* Field checks, named for what they accept (checks.c). */
void vd_chk_id(const vd_row *row, const char *field, const char *value);
void vd_chk_text(const vd_row *row, const char *field, const char *value);
void vd_chk_pillar(const vd_row *row, const char *field, const char *value);
void vd_chk_pillar_opt(const vd_row *row, const char *field, const char *value);
void vd_chk_component(const vd_row *row, const char *field, const char *value);
void vd_chk_grade(const vd_row *row, const char *field, const char *value);
void vd_chk_grade_opt(const vd_row *row, const char *field, const char *value);
void vd_chk_last_inspected(const vd_row *row, const char *field, const char *value);
void vd_chk_yes_no(const vd_row *row, const char *field, const char *value);
void vd_chk_kind(const vd_row *row, const char *field, const char *value);
void vd_chk_from(const vd_row *row, const char *field, const char *value);
void vd_chk_line(const vd_row *row, const char *field, const char *value);
void vd_chk_line_opt(const vd_row *row, const char *field, const char *value);
void vd_chk_line_if_graded(const vd_row *row, const char *field, const char *value);
void vd_chk_int_opt(const vd_row *row, const char *field, const char *value);
void vd_chk_unit(const vd_row *row, const char *field, const char *value);
void vd_chk_figure_unit(const vd_row *row, const char *field, const char *value);
void vd_chk_sidecar_unit(const vd_row *row, const char *field, const char *value);
void vd_chk_cell_value(const vd_row *row, const char *field, const char *value);
void vd_chk_fact_value(const vd_row *row, const char *field, const char *value);
void vd_chk_figure_value(const vd_row *row, const char *field, const char *value);
void vd_chk_figure_high(const vd_row *row, const char *field, const char *value);
void vd_chk_sidecar_value(const vd_row *row, const char *field, const char *value);
void vd_chk_period_years(const vd_row *row, const char *field, const char *value);
void vd_chk_period(const vd_row *row, const char *field, const char *value);
void vd_chk_force(const vd_row *row, const char *field, const char *value);
void vd_chk_meta_value(const vd_row *row, const char *field, const char *value);
void vd_chk_coverage_kind(const vd_row *row, const char *field, const char *value);

/* ---- whole-report checks (complete.c) ---- */

/* Judgments with the same pillar and component twice. */
void vd_check_duplicate_judgments(vd_ctx *cx, const char *file, const peel_csv_doc *judgments);

/* Report lines coverage.csv does not account for. */
void vd_check_coverage_complete(vd_ctx *cx, const char *file, const peel_csv_doc *coverage);

/* Pillars the report lacks: no graded pillar row, or (though inspected) not
 * one section, finding or summary.  Adds a missing_pillar reject for each and
 * writes their names, space-separated, to missing[cap].  Returns how many. */
int vd_check_pillars(vd_ctx *cx, const peel_csv_doc *judgments, const peel_csv_doc *findings,
                     const peel_csv_doc *summaries, char *missing, size_t cap);

/* A report ends with its publication line ("September 2019 | ©HMICFRS 2019 |
 * ISBN: ..."), which ingest records as meta "isbn"; without it the report was
 * cut off.  Adds a missing_end reject and returns 1 in that case. */
int vd_check_end(vd_ctx *cx, const peel_csv_doc *meta);

/* ---- sidecars (sidecar.c) ---- */

/* A sidecar file that parsed. */
typedef struct vd_sidecar {
    char *rel; /* "sidecars/<name>.csv" */
    peel_csv_doc doc;
} vd_sidecar;
void vd_sidecar_free(void *s);

/* Checks every data/sidecars/<name>.csv, in name order.  Returns how many
 * files; those that parse go to *keep (vd_sidecar*) when it is not NULL. */
long vd_check_sidecars(vd_ctx *cx, const char *data_dir, peel_vec *keep);

#endif
