/* Errors as values: a status (a sysexits code) plus where the problem is.
 *
 * Two kinds of location travel together: `file`/`line`/`field` name the place
 * in the *input* (report, CSV, rules file), `src_file`/`src_line` the place in
 * our code that raised it.  Library code fills a peel_err and returns its
 * status; only a program's main() prints it and turns it into an exit code. */
#ifndef PEEL_ERR_H
#define PEEL_ERR_H

#include <stddef.h>

/* Values are the sysexits(3) codes peel-run exits with (DESIGN.md). */
typedef enum peel_status {
    PEEL_OK = 0,
    PEEL_EUSAGE = 64,     /* bad command line */
    PEEL_EDATA = 65,      /* input invalid */
    PEEL_ENOINPUT = 66,   /* input missing or unreadable */
    PEEL_ESOFTWARE = 70,  /* internal fault */
    PEEL_EOS = 71,        /* system error (fork, memory) */
    PEEL_ECANTCREAT = 73, /* cannot write an output */
    PEEL_EIO = 74,        /* I/O error while reading */
    PEEL_ELOCKED = 75     /* another run holds the lock (EX_TEMPFAIL) */
} peel_status;

typedef struct peel_err {
    peel_status status;
    char file[512];       /* input file the problem is in; "" when none */
    long line;            /* 1-based line in that file; 0 when none */
    char field[64];       /* field or column; "" when none */
    char msg[512];        /* what is wrong, lower-case, no trailing period */
    const char *src_file; /* our source file that raised it (static string) */
    int src_line;
} peel_err;

/* Fills *err (which may be NULL) and returns `status`.  Use PEEL_FAIL. */
peel_status peel_err_set_at(peel_err *err, peel_status status, const char *file, long line,
                            const char *src_file, int src_line, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

#define PEEL_FAIL(err, status, file, line, ...)                                                    \
    peel_err_set_at((err), (status), (file), (line), __FILE__, __LINE__, __VA_ARGS__)

/* Sets the field name of an error already filled. */
void peel_err_field(peel_err *err, const char *field);

/* Clears *err to PEEL_OK. */
void peel_err_clear(peel_err *err);

/* "file:line: field: msg" (parts that are empty are left out) into out;
 * for PEEL_ESOFTWARE, then " (internal error at stages/x/y.c:LINE)", where
 * our code raised it. */
void peel_err_format(const peel_err *err, char *out, size_t cap);

/* Short name of a status ("data error", "cannot create"...). */
const char *peel_status_name(peel_status status);

#endif
