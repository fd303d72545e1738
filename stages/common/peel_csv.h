/* CSV records (RFC 4180, UTF-8, header row) read and written with libcsv.
 *
 * Writing: fields are quoted when they hold a comma, quote, CR or LF; rows end
 * with CRLF.  Text taken from a report goes through peel_csv_put_text, which
 * neutralises spreadsheet formula injection the way OWASP describes: a field
 * starting with = + - @ TAB or CR gets a leading apostrophe.  Reading back with
 * peel_csv_text undoes exactly that.
 *
 * Reading: the whole file is parsed into memory (records here are small); each
 * row remembers the 1-based line it starts on, so errors can name it. */
#ifndef PEEL_CSV_H
#define PEEL_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "peel_err.h"
#include "peel_mem.h"

typedef struct peel_csv_row {
    char **field; /* in the document's text, as its strings are */
    size_t nfield;
    long line; /* 1-based line of the file where the row starts */
} peel_csv_row;

typedef struct peel_csv_doc {
    char *name;      /* file name used in errors; owned */
    peel_arena text; /* every field's bytes and every row's array of them, the header's too */
    char **header;   /* in text */
    size_t ncol;
    peel_csv_row *row; /* data rows, without the header; owned */
    size_t nrow;
} peel_csv_doc;

typedef struct peel_csv_builder peel_csv_builder;

/* Writes rows into memory: the caller gives the text to a file or a stream
 * (a stream would otherwise take a call per field). */
typedef struct peel_csv_writer {
    peel_buf *out; /* borrowed: the text is appended to it */
    int nfield;    /* fields written in the current row */
    size_t row_at; /* where in *out the current row began */
    /* The 1-based line the current row starts on (the next row's, between
     * rows) and the line ends inside its fields so far. */
    long line, breaks;
    /* With peel_csv_writer_keep: the document the rows also go to (owned
     * until peel_csv_writer_keep_end). */
    peel_csv_builder *keep;
} peel_csv_writer;

/* A writer appending to *out (borrowed, initialised by the caller).  The
 * caller may take or clear what is in *out between rows. */
void peel_csv_writer_init(peel_csv_writer *w, peel_buf *out);
/* A field written as given (identifiers, units, numbers already formatted). */
void peel_csv_put(peel_csv_writer *w, const char *s);
/* A field of text from the report: formula injection neutralised. */
void peel_csv_put_text(peel_csv_writer *w, const char *s);
void peel_csv_put_long(peel_csv_writer *w, long v);
/* A number with `decimals` digits after the point (peel_num_format). */
void peel_csv_put_num(peel_csv_writer *w, double v, int decimals);
void peel_csv_end_row(peel_csv_writer *w);
/* A whole row of plain fields, then the row end. */
void peel_csv_put_row(peel_csv_writer *w, const char *const *fields, size_t n);

/* From here on the writer also gives each row's fields to *doc (emptied
 * first; `name` is its name): the header, rows and lines that
 * peel_csv_parse of the text written gives back, without that parse.
 * peel_csv_writer_keep_end finishes *doc, which is then the caller's. */
void peel_csv_writer_keep(peel_csv_writer *w, peel_csv_doc *doc, const char *name);
void peel_csv_writer_keep_end(peel_csv_writer *w);

/* The largest CSV file peel_csv_load reads: records are small, anything
 * near this is not one of ours. */
#define PEEL_CSV_MAX_BYTES ((size_t)256 << 20)

/* Reads and parses `path`.  A leading UTF-8 BOM is skipped.  Errors (file
 * missing: PEEL_ENOINPUT; unterminated quote, bad UTF-8, NUL byte, no header:
 * PEEL_EDATA) name the file and line.  Rows may have more or fewer fields than
 * the header: callers check nfield.  On error *doc is left empty. */
peel_status peel_csv_load(const char *path, peel_csv_doc *doc, peel_err *err);

/* peel_csv_load for a data file of the pipeline (pipeline/: catalogues,
 * lexicons, rules, layouts), where every row is as wide as the header: a
 * row with a field more or fewer is a mistake in the file (a comma left in
 * an unquoted field, a column forgotten), never read past (PEEL_EDATA
 * naming its line; peel_csv_check_width). */
peel_status peel_csv_load_data(const char *path, peel_csv_doc *doc, peel_err *err);

/* That check alone, for a data file parsed from a buffer: the first row
 * with more or fewer fields than the header, named by its line. */
peel_status peel_csv_check_width(const peel_csv_doc *doc, peel_err *err);

/* The same over a buffer; `name` is used in errors. */
peel_status peel_csv_parse(const char *name, const char *data, size_t len, peel_csv_doc *doc,
                           peel_err *err);

void peel_csv_doc_release(peel_csv_doc *doc);

/* What peel_csv_parse checks of the bytes before parsing them: valid UTF-8
 * and no NUL (PEEL_EDATA naming `name`, the line and the byte). */
peel_status peel_csv_check_bytes(const char *name, const char *data, size_t len, peel_err *err);

/* Index of the header column `name`, or -1. */
int peel_csv_col(const peel_csv_doc *doc, const char *name);

/* Field `col` of row `r`, or "" when the row is shorter or col is -1. */
const char *peel_csv_get(const peel_csv_doc *doc, size_t r, int col);

/* The text a peel_csv_put_text wrote: skips the apostrophe it added. */
const char *peel_csv_text(const char *field);

#endif
