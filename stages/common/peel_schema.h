/* The schema of every record file, as one table: file -> field -> type and
 * check (DESIGN.md, "Records").  The header a writer puts first, the
 * columns a reader looks for, the way each value is written and read, and
 * the check validation runs on it all come from here.
 *
 * Field order is the files' column order.  Fields the contract names are
 * required in a header; PEEL_FIELD_EXTRA marks the columns ingest adds
 * beyond it, checked only when a file has them.  Validation checks the
 * required fields first, then the extra ones, each in column order. */
#ifndef PEEL_SCHEMA_H
#define PEEL_SCHEMA_H

#include <stddef.h>

/* How a field is written and read. */
typedef enum peel_ftype {
    PEEL_FT_STR,     /* identifiers, keys, units: written as they are */
    PEEL_FT_TEXT,    /* text from a report or a user: the formula guard on write, undone on read */
    PEEL_FT_LINE,    /* a report line, empty when unknown (0) */
    PEEL_FT_INT,     /* a whole number, always written */
    PEEL_FT_VALUE,   /* a plain number with its printed decimals, or empty */
    PEEL_FT_PILLAR,  /* peel_pillar; empty for none */
    PEEL_FT_GRADE,   /* peel_grade; empty for none */
    PEEL_FT_KIND,    /* peel_kind */
    PEEL_FT_YESNO,   /* peel_yesno */
    PEEL_FT_UNIT,    /* peel_unit of a prose figure: "", GBP, %, year */
    PEEL_FT_VERDICT, /* peel_verdict */
    PEEL_FT_FROM,    /* peel_from */
    PEEL_FT_CVAL     /* a check's figure: a number as written, or text (a grade) */
} peel_ftype;

/* The check validation runs on a field's value (stages/validate/checks.c
 * says what each accepts). */
typedef enum peel_vcheck {
    PEEL_VC_NONE, /* the column must be there; any value goes */
    PEEL_VC_ID,
    PEEL_VC_TEXT,
    PEEL_VC_PILLAR,
    PEEL_VC_PILLAR_OPT,
    PEEL_VC_COMPONENT,
    PEEL_VC_GRADE,
    PEEL_VC_GRADE_OPT,
    PEEL_VC_LAST_INSPECTED,
    PEEL_VC_YES_NO,
    PEEL_VC_KIND,
    PEEL_VC_LINE,
    PEEL_VC_LINE_OPT,
    PEEL_VC_LINE_IF_GRADED,
    PEEL_VC_INT_OPT,
    PEEL_VC_UNIT,
    PEEL_VC_FIGURE_UNIT,
    PEEL_VC_SIDECAR_UNIT,
    PEEL_VC_CELL_VALUE,
    PEEL_VC_FACT_VALUE,
    PEEL_VC_FIGURE_VALUE,
    PEEL_VC_FIGURE_HIGH,
    PEEL_VC_SIDECAR_VALUE,
    PEEL_VC_PERIOD_YEARS,
    PEEL_VC_PERIOD,
    PEEL_VC_FORCE,
    PEEL_VC_META_VALUE,
    PEEL_VC_COVERAGE_KIND,
    PEEL_VC_FROM,
    PEEL_NVCHECK
} peel_vcheck;

enum { PEEL_FIELD_EXTRA = 1 };
enum { PEEL_MAXFIELD = 16 }; /* fields of the widest file */

typedef struct peel_field {
    const char *name;
    peel_ftype type;
    unsigned flags;    /* PEEL_FIELD_EXTRA */
    peel_vcheck check; /* what validation checks */
    size_t offset;     /* of the value in the file's record struct (peel_rec.h) */
} peel_field;

/* The files, in the order ingest writes them and validation checks them
 * (meta first: its line count, year and force are what the other checks
 * need), then those later stages write, then the users' sidecars. */
typedef enum peel_file {
    PEEL_META,
    PEEL_JUDGMENTS,
    PEEL_TABLES,
    PEEL_FINDINGS,
    PEEL_FIGURES,
    PEEL_FACTS,
    PEEL_SUMMARIES,
    PEEL_COVERAGE,
    PEEL_REJECTS,        /* data/rejects.csv, by validate */
    PEEL_RECONCILIATION, /* <report>/reconciliation.csv, by reconcile */
    PEEL_SIDECAR,        /* data/sidecars/<name>.csv, finance and HR teams' */
    PEEL_NFILE
} peel_file;

enum { PEEL_NRECORD_FILES = PEEL_COVERAGE + 1 }; /* the files ingest writes */

typedef struct peel_file_schema {
    const char *name;        /* "tables.csv"; "sidecars/NAME.csv" */
    const peel_field *field; /* in column order */
    size_t nfield;
    const char *line_field; /* the field naming a record's report line, or NULL */
    size_t size;            /* of one record (peel_rec.h) */
    peel_file id;
    int users; /* written by people, not by a stage: no formula guard to
                * undo before a value is checked */
} peel_file_schema;

/* The schema of a file. */
const peel_file_schema *peel_schema(peel_file f);
/* The field named `name`, or NULL. */
const peel_field *peel_schema_field(const peel_file_schema *s, const char *name);
/* The header row's text without the line end ("key,value,source_line")
 * into out; returns its length. */
size_t peel_schema_header(peel_file f, char *out, size_t cap);

#endif
