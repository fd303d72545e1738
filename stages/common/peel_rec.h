/* A report's records in memory, typed: what ingest finds, validation marks,
 * reconciliation adds its checks to, and the documents are made from.  One
 * struct per record file (peel_schema.h gives their columns); every string
 * and array belongs to the records' arena.
 *
 * Strings are never NULL ("" when empty).  Text fields hold the text itself:
 * the formula guard of the CSV files is added on writing and removed on
 * reading.  `row` is the 1-based line of the CSV file where the record's
 * row starts (set when the file is written or read): rejects name records
 * by it. */
#ifndef PEEL_REC_H
#define PEEL_REC_H

#include <stddef.h>
#include <stdio.h>

#include "peel_csv.h"
#include "peel_err.h"
#include "peel_mem.h"
#include "peel_num.h"
#include "peel_schema.h"
#include "peel_vocab.h"

/* A plain number as a record holds it: the value its text reads as, and
 * the digits after the point in that text ("18.4" -> 1). */
typedef struct peel_value {
    double v;
    int dec;
    int has; /* 0: the field is empty (a table cell that is no number) */
} peel_value;

/* A check's figure: a number (written as text, kept with what it reads as)
 * or a word (a grade compared with another). */
typedef struct peel_cval {
    const char *text;
    int num; /* text is a finite number: v and dec are its value and decimals */
    double v;
    int dec;
} peel_cval;

typedef struct peel_meta {
    long row;
    const char *key, *value;
    long line;
} peel_meta;

typedef struct peel_judgment {
    long row;
    peel_pillar pillar;
    const char *component; /* "" for the pillar's own row */
    const char *label;
    peel_grade grade; /* the summary table's, else the section heading's */
    const char *last_inspected;
    long line; /* where `grade` is printed */
    peel_yesno inspected;
    peel_grade summary_grade;
    long summary_line;
    peel_grade section_grade;
    long section_line, scope_line;
} peel_judgment;

typedef struct peel_cell {
    long row;
    const char *table, *trow, *column; /* keys */
    peel_value value;
    const char *unit, *period, *raw;
    long line;
    peel_pillar pillar; /* PEEL_NOPILLAR: an opening table */
    const char *table_label, *row_label, *column_label;
    peel_printed printed; /* of raw */
} peel_cell;

typedef struct peel_finding {
    long row;
    peel_pillar pillar;
    const char *component;
    peel_kind kind;
    const char *text; /* nested points follow as "\n- point" */
    long line;
    long number; /* 1-based within pillar, component and kind */
    long last_line;
} peel_finding;

typedef struct peel_figure {
    long row;
    peel_value value;
    peel_unit unit;
    const char *raw, *sentence;
    long line;
    peel_value high; /* the high end of a range; empty otherwise */
    peel_pillar pillar;
    const char *component;
    long block, item; /* paragraph or list; 0 or the 1-based bullet */
    peel_yesno intro; /* the paragraph introduces a list */
    peel_printed printed;
} peel_figure;

typedef struct peel_fact {
    long row;
    const char *key;
    peel_value value;
    const char *unit, *period;
    long line;
    const char *raw;
    peel_pillar pillar;
    const char *label, *pattern, *sentence;
    peel_printed printed;
} peel_fact;

typedef struct peel_summary {
    long row;
    peel_pillar pillar;
    const char *component, *text;
    long line;
    peel_from from;
} peel_summary;

typedef struct peel_coverage {
    long row;
    long line;
    const char *kind, *detail;
    peel_pillar pillar;
    const char *component;
} peel_coverage;

typedef struct peel_reject {
    long row;
    const char *file; /* relative to data/: "tables.csv", "sidecars/hr.csv" */
    long line;        /* the rejected record's CSV line; 0: about a file or the report */
    const char *field, *value, *reason;
    long source_line;
    const char *message;
} peel_reject;

typedef struct peel_check {
    long row;
    const char *rule_id, *kind;
    peel_pillar pillar; /* PEEL_NOPILLAR: the whole report */
    const char *description;
    peel_cval expected, actual, difference, tolerance;
    peel_verdict status;
    const char *source_lines, *unit, *note;
} peel_check;

typedef struct peel_sidecar {
    long row;
    const char *file; /* "sidecars/<name>.csv" */
    const char *force, *key;
    peel_value value;
    const char *unit, *period, *source;
} peel_sidecar;

/* A report's records.  The arena owns everything; arrays are in file order
 * (peel_schema.h), each with its count. */
typedef struct peel_records {
    peel_arena arena;
    const char *dir; /* <out>/<report>, "" when the records came from nowhere */
    peel_meta *meta;
    size_t nmeta;
    peel_judgment *judgments;
    size_t njudgment;
    peel_cell *cells;
    size_t ncell;
    peel_finding *findings;
    size_t nfinding;
    peel_figure *figures;
    size_t nfigure;
    peel_fact *facts;
    size_t nfact;
    peel_summary *summaries;
    size_t nsummary;
    peel_coverage *coverage;
    size_t ncoverage;
    peel_reject *rejects;
    size_t nreject;
    peel_check *checks;
    size_t ncheck;
    peel_sidecar *sidecars; /* every sidecar's rows, files in name order */
    size_t nsidecar;
    int validated;          /* the rejects are known (rejects.csv was there, or validation ran) */
    int reconciled;         /* the checks are known */
    size_t cap[PEEL_NFILE]; /* room in each array (peel_records_add) */
    /* Each file's empty record, made at its first peel_records_add (in the
     * arena): a new record is a copy of it, not a field-by-field blanking. */
    const char *blank[PEEL_NFILE];
    /* Each file's CSV text as peel_records_text made it (owned, or NULL),
     * dropped when its array changes: ingest writes it, validate checks
     * the same bytes without encoding them again.  With a record file's
     * text, its fields as the writer gave them (fields[f].name non-NULL
     * while held): validate checks those without parsing the text. */
    char *text[PEEL_NFILE];
    size_t text_len[PEEL_NFILE];
    /* peel_arena*: the parsed text of the files read from a folder (owned):
     * their records' strings point into it, not into copies. */
    peel_vec parsed;
    peel_csv_doc fields[PEEL_NRECORD_FILES];
} peel_records;

void peel_records_init(peel_records *r);
void peel_records_release(peel_records *r);

/* Number of records of file f. */
size_t peel_records_count(const peel_records *r, peel_file f);
/* File f's records (of its struct, peel_schema(f)->size bytes each) and
 * their number, for code that walks any file through the schema. */
const void *peel_records_items(const peel_records *r, peel_file f, size_t *n);
/* A new zeroed record at the end of file f's array (strings ""), owned by
 * r; pointers to earlier records of f may move. */
void *peel_records_add(peel_records *r, peel_file f);
/* Room for n records of f in all, so that adding them moves nothing. */
void peel_records_reserve(peel_records *r, peel_file f, size_t n);

/* A string copied into the records' arena ("" for NULL). */
const char *peel_records_str(peel_records *r, const char *s);

/* Value of a meta key, or "" when absent. */
const char *peel_records_meta(const peel_records *r, const char *key);

/* ---- the two codecs (from the schema) ---- */

/* A plain number with dec decimals, as a record holds it: the value its
 * printed text reads as (peel_num_format, then back). */
peel_value peel_value_make(double v, int dec);
/* A plain number's text as a record holds it ("" is no value). */
peel_value peel_value_parse(const char *text);
/* A check's number, written as reconciliation.csv writes numbers (whole
 * ones without decimals, others to four places, trailing zeros dropped; ""
 * when not finite), and a check's word. */
peel_cval peel_cval_number(peel_records *r, double v);
peel_cval peel_cval_word(peel_records *r, const char *text);

/* Writes file f's records to fp as CSV (header first), setting each
 * record's row.  Returns nonzero on a write error of the stream. */
int peel_records_write(peel_records *r, peel_file f, FILE *fp);
/* One row of file f (rec is one of its records; fields as peel_records_write
 * writes them, then the row end; w->line is then the next row's line).
 * peel_records_put_header writes the header row. */
void peel_records_put(peel_csv_writer *w, peel_file f, const void *rec);
void peel_records_put_header(peel_csv_writer *w, peel_file f);

/* Adds the rows of doc, a parsed file of f, as records (a sidecar's rows
 * get `name` as their file), leaving out the rows r's rejects name (by
 * `name` and line; rejects and checks are never left out).  Columns the
 * header lacks read as empty.  A
 * closed-vocabulary field holding another word is PEEL_EDATA naming the
 * file, line and field: validation rejects such rows, so only records that
 * were never validated can hold one. */
peel_status peel_records_read(peel_records *r, peel_file f, const peel_csv_doc *doc,
                              const char *name, peel_err *err);

/* File f's CSV text, as peel_records_write writes it (setting rows), in
 * *data (NUL-terminated, owned by r) and *len.  Made once and kept while no
 * record of f is added or dropped; a caller that changes a record of f in
 * place must not use text made before. */
peel_status peel_records_text(peel_records *r, peel_file f, const char **data, size_t *len,
                              peel_err *err);
/* File f's fields (f a record file) as its text holds them, moved to *doc,
 * which is then the caller's to release: what peel_csv_parse of that text
 * gives back, as `name`, without the parse.  The text's bytes are checked
 * as peel_csv_parse checks them (bad UTF-8 or a NUL: PEEL_EDATA naming
 * `name` and the line). */
peel_status peel_records_take_fields(peel_records *r, peel_file f, const char *name,
                                     peel_csv_doc *doc, peel_err *err);

/* Loads report_dir's records: data/rejects.csv when there (and the records
 * it names are left out), the record files ingest writes (each required;
 * coverage.csv only when `coverage`), data/sidecars/<name>.csv (those that
 * do not parse are left out: validation says why), and reconciliation.csv
 * when there.  Errors name the file: PEEL_ENOINPUT when a record file is
 * missing, PEEL_EDATA when one does not parse.  On error r is released. */
peel_status peel_records_load(peel_records *r, const char *report_dir, int coverage, peel_err *err);

/* peel_records_load with only the record files of ingest in `files` (bits
 * PEEL_FILE_BIT(f), f from PEEL_META to PEEL_COVERAGE), for a reader that
 * uses only those: the others are neither read nor required. */
#define PEEL_FILE_BIT(f) (1u << (unsigned)(f))
peel_status peel_records_load_only(peel_records *r, const char *report_dir, unsigned files,
                                   peel_err *err);

/* Leaves out the records the rejects name (by file and row). */
void peel_records_drop_rejected(peel_records *r);

#endif
