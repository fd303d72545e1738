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

/* How the report printed a figure (its raw text), parsed once: what
 * reconciliation's tolerances and the workbooks' number formats follow. */
typedef struct peel_printed {
    int parsed;   /* raw is one number (peel_num_parse) */
    int decimals; /* digits printed after the point */
    double scale; /* 1, 1e3, 1e6, 1e9: the multiplier printed after the digits */
    int approx;   /* the sentence calls it approximate ("around 31,000") */
    double half;  /* the rounding tolerance, in base units: half the last printed
                   * digit, or of the last non-zero one when approximate */
} peel_printed;

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

#endif
