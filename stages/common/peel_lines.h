#ifndef PEEL_LINES_H
#define PEEL_LINES_H
/* Records found by report line: a check names the lines it read
 * ("761,786") and a stage wants the figures on them without reading every
 * figure of the report for every check (quadratic in a long table).  Any
 * other `long` field of the records serves as the key the same way (a
 * figure's block: reconcile's lists in prose). */
#include <stddef.h>

#include "peel_rec.h"

/* Where an array of records keeps each record's report line (or other key). */
typedef struct peel_lines_of {
    const void *base; /* borrowed: the records */
    size_t n;         /* how many */
    size_t size;      /* of one record */
    size_t offset;    /* of its `long line` */
} peel_lines_of;

peel_lines_of peel_fact_lines(const peel_records *rec);
peel_lines_of peel_cell_lines(const peel_records *rec);

/* The line of record i. */
long peel_line_at(const peel_lines_of *o, size_t i);

/* The records' indexes in line order, ties in index order (o->n of them;
 * owned by the caller, free()). */
size_t *peel_by_line(const peel_lines_of *o);

/* The first position in ix (from peel_by_line) whose record is on `line`
 * or after; o->n when none is. */
size_t peel_by_line_first(const peel_lines_of *o, const size_t *ix, long line);

#endif
