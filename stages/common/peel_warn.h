/* Warnings as values: a stage collects them (with the input file and line
 * each is about) and returns them in its result; only a program's main()
 * prints them, and peel-run shows them through its console.  The first
 * PEEL_WARN_KEPT are kept, every one is counted. */
#ifndef PEEL_WARN_H
#define PEEL_WARN_H

#include <stdio.h>

#include "peel_mem.h"

enum { PEEL_WARN_KEPT = 20 };

typedef struct peel_warning {
    const char *file; /* the input it is about; "" when none */
    long line;        /* 1-based line in that file; 0 when none */
    const char *msg;
} peel_warning;

typedef struct peel_warnings {
    peel_warning item[PEEL_WARN_KEPT];
    size_t n;          /* kept */
    long count;        /* all of them */
    const char *total; /* the count's line when some were not kept, "<count> <total>" */
    const char *total_file;
    peel_arena arena; /* owns the strings */
} peel_warnings;

void peel_warnings_init(peel_warnings *w);
void peel_warnings_release(peel_warnings *w);
void peel_warnings_add(peel_warnings *w, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* What the count means when more were given than kept ("warnings in all
 * (see coverage.csv)"), about file. */
void peel_warnings_total(peel_warnings *w, const char *file, const char *what);
/* Appends from's warnings to w (kept while there is room, all counted). */
void peel_warnings_merge(peel_warnings *w, const peel_warnings *from);

/* Each kept one as "prog: file:line: warning: msg" (no ":line" without
 * one), then, when some were not kept, "prog: file: <count> <total>". */
void peel_warnings_print(const peel_warnings *w, const char *prog, FILE *fp);
/* The same lines as "file:line: msg" without prog and "warning: ", each
 * followed by '\n', appended to out (the text peel-run's workers send). */
void peel_warnings_text(const peel_warnings *w, peel_buf *out);

#endif
