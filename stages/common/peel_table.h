/* The report's tables, indexed once from its cell records: rows and columns
 * in report order, each cell found in constant time, and which column is
 * the force's, the comparator's, the earliest and latest period's and the
 * printed change.  Reconcile, the workbooks and the packs all read tables
 * through this one index, so they agree on what each column is.
 *
 * What tells the columns apart is data: the table lines of the layout
 * catalogue (pipeline/workbook.csv: `force` and `comparator` give column key
 * prefixes, `opening` says which pillars an opening table belongs to). */
#ifndef PEEL_TABLE_H
#define PEEL_TABLE_H

#include <stddef.h>

#include "peel_err.h"
#include "peel_map.h"
#include "peel_mem.h"
#include "peel_rec.h"

/* ---- the table lines of the layout catalogue ---- */

typedef struct peel_opening {
    peel_pillar pillar;
    const char *glob; /* fnmatch pattern of table keys */
} peel_opening;

typedef struct peel_tcat {
    peel_arena arena;         /* owns every string and entry below */
    const char *force_prefix; /* column keys of the force's own figures; NULL: no force line */
    peel_vec comparators;     /* const char*: column key prefixes of comparators */
    peel_vec openings;        /* peel_opening* */
} peel_tcat;

void peel_tcat_init(peel_tcat *c);
void peel_tcat_release(peel_tcat *c);
/* Takes a line of the catalogue when it is a table line (kind force,
 * comparator or opening): returns 1 and sets *st (PEEL_EDATA naming file,
 * line and field when malformed); 0 for other kinds. */
int peel_tcat_line(peel_tcat *c, const char *kind, const char *pillar, const char *source,
                   const char *file, long line, peel_status *st, peel_err *err);
/* PEEL_EDATA when the catalogue had no force line. */
peel_status peel_tcat_check(const peel_tcat *c, const char *file, peel_err *err);
/* Reads the table lines of the catalogue at path (other lines are left to
 * their own readers).  PEEL_ENOINPUT when missing. */
peel_status peel_tcat_load(peel_tcat *c, const char *path, peel_err *err);
/* Nonzero when the opening table `key` belongs to pillar's documents. */
int peel_tcat_opening(const peel_tcat *c, const char *key, peel_pillar pillar);

/* ---- the index ---- */

typedef struct peel_tcol {
    const char *key, *label, *unit, *period; /* of the column's first cell */
    int year;                                /* the latest year its period names; 0 when none */
    int force;                               /* the key has the force's prefix */
    size_t first;                            /* index of its first cell */
} peel_tcol;

typedef struct peel_trow {
    const char *key, *label; /* of the row's first cell */
    long line;
    size_t index; /* its place in the table */
} peel_trow;

typedef struct peel_table {
    const char *key, *label;
    peel_pillar pillar; /* PEEL_NOPILLAR: an opening table */
    size_t first;       /* index of its first cell */
    long line;          /* its first cell's report line */
    long first_line, last_line;
    const char *unit, *period; /* shared by every cell, or NULL when they differ */
    int all_values;            /* every cell holds a number */
    peel_tcol *col;
    size_t ncol;
    peel_trow *row;
    size_t nrow;
    long *cell; /* nrow x ncol, row-major: index of the cell record, -1 when none */
    /* Column indexes, -1 when the table has none: the comparator (a key
     * with a comparator's prefix) and the force's (the force's prefix, else
     * the first other column when there is a comparator); without a
     * comparator, the earliest and latest dated columns (a year each, not
     * %, not a span "X to Y", of one unit) and the change (the other %
     * column). */
    int force, comparator, latest, earliest, change;
} peel_table;

typedef struct peel_tindex {
    peel_arena arena;  /* owns the tables, their arrays and keys */
    peel_table *table; /* in the order of their first cells */
    size_t ntable;
    size_t *table_of; /* per cell record: the index of its table */
    long *row_of;     /* per cell record: its row in its table */
    peel_map tables;  /* "<pillar>/<key>" -> peel_table* */
    peel_map rows;    /* "<table index>/<row key>" -> peel_trow* (a copy of the row) */
} peel_tindex;

/* Indexes rec's cells (borrowed: the index points into them). */
void peel_tindex_build(peel_tindex *ix, const peel_records *rec, const peel_tcat *cat);
void peel_tindex_release(peel_tindex *ix);
/* The table of that key in that section; NULL when none. */
const peel_table *peel_tindex_find(const peel_tindex *ix, peel_pillar pillar, const char *key);
/* The first table of that key, whatever its section; NULL when none. */
const peel_table *peel_tindex_first(const peel_tindex *ix, const char *key);
/* Column of a selector (@force @comparator @latest @earliest @change) or a
 * column key; -1 when the table has none.  @force is the first column when
 * no column is the force's. */
int peel_table_col(const peel_table *t, const char *sel);
/* Row of a key, -1 when the table has none. */
int peel_table_row(const peel_tindex *ix, const peel_table *t, const char *key);
/* Cell record of (row, col), -1 when none. */
long peel_table_cell(const peel_table *t, int row, int col);
/* Nonzero when the table goes in pillar's documents: its own section's, or
 * an opening table the catalogue gives the pillar. */
int peel_table_on(const peel_table *t, const peel_tcat *cat, peel_pillar pillar);
/* The cell record a table reference names ("GLOB/ROW/SEL", what follows
 * "table:" in the catalogues): the first table whose key matches the
 * fnmatch pattern GLOB and has that row and column, the tables of pillar's
 * documents before the others; -1 when none. */
long peel_tindex_ref(const peel_tindex *ix, const peel_tcat *cat, peel_pillar pillar,
                     const char *ref);

#endif
