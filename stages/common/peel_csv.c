#include "peel_csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "peel_mem.h"
#include "peel_num.h"
#include "peel_text.h"

/* Longest piece handed to libcsv at once (see grow_geometric). */
#define FEED_CHUNK ((size_t)64 * 1024)

static const char BOM[] = "\xEF\xBB\xBF";

/* ---- a document built row by row: by the parser, or by a writer ---- */

struct peel_csv_builder {
    peel_csv_doc *doc;
    size_t cap_row;
    char **fld; /* the row being built: its fields (owned; reused row after row) */
    /* A writer's row: where each field starts in the row's text (owned,
     * like fld).  A field it wrote as it is has no bytes of its own yet
     * (fld[i] NULL): they are taken from that text when the row ends. */
    size_t *at;
    size_t nfld, cap_fld;
    int have_header;
};

/* Index of one more field in the row being built (its fld and at unset). */
static size_t next_field(peel_csv_builder *b)
{
    if (b->nfld == b->cap_fld) {
        b->cap_fld = b->cap_fld ? b->cap_fld * 2 : 8;
        b->fld = peel_xrealloc(b->fld, b->cap_fld * sizeof *b->fld);
        b->at = peel_xrealloc(b->at, b->cap_fld * sizeof *b->at);
    }
    return b->nfld++;
}

static void build_field(peel_csv_builder *b, const char *s, size_t n)
{
    /* The bytes go to the document's arena: a file's thousands of fields
     * are then freed at once. */
    size_t i = next_field(b); /* first: it may move fld */
    b->fld[i] = peel_arena_strndup(&b->doc->text, n ? s : "", n);
}

static void builder_release(peel_csv_builder *b)
{
    free(b->fld);
    free(b->at);
}

/* The row built so far ends as `fields` (in the arena, b->nfld of them);
 * it started on `line`.  The first is the header. */
static void add_row(peel_csv_builder *b, char **fields, long line)
{
    peel_csv_doc *doc = b->doc;
    if (!b->have_header) {
        doc->header = fields;
        doc->ncol = b->nfld;
        b->have_header = 1;
    } else {
        if (doc->nrow == b->cap_row) {
            b->cap_row = b->cap_row ? b->cap_row * 2 : 16;
            doc->row = peel_xrealloc(doc->row, b->cap_row * sizeof *doc->row);
        }
        doc->row[doc->nrow++] = (peel_csv_row){fields, b->nfld, line};
    }
    b->nfld = 0;
}

/* The row built so far ends; it started on `line`.  Its fields' array goes
 * to the arena with their bytes: a file's rows are freed at once, not one
 * by one. */
static void build_row(peel_csv_builder *b, long line)
{
    char **fields = peel_arena_alloc(&b->doc->text, (b->nfld ? b->nfld : 1) * sizeof *fields);
    if (b->nfld)
        memcpy(fields, b->fld, b->nfld * sizeof *fields);
    add_row(b, fields, line);
}

/* ---- writing ---- */

/* The bytes that make a field quoted (strcspn finds the first in the same
 * pass that finds the field's end). */
static const char SPECIAL[] = ",\"\r\n";

void peel_csv_writer_init(peel_csv_writer *w, peel_buf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->line = 1;
}

void peel_csv_writer_keep(peel_csv_writer *w, peel_csv_doc *doc, const char *name)
{
    memset(doc, 0, sizeof *doc);
    doc->name = peel_xstrdup(name ? name : "");
    w->keep = peel_xcalloc(1, sizeof *w->keep);
    w->keep->doc = doc;
}

void peel_csv_writer_keep_end(peel_csv_writer *w)
{
    if (!w->keep)
        return;
    builder_release(w->keep);
    free(w->keep);
    w->keep = NULL;
}

/* The line ends (LF) in s[0..n). */
static long line_ends(const char *s, size_t n)
{
    long k = 0;
    for (const char *p = s, *end = s + n; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        k++;
    return k;
}

/* s[0..n) quoted as RFC 4180 asks (and as libcsv's csv_write writes it):
 * between quotes, each quote doubled.  The bytes between quotes are copied
 * a run at a time, not byte by byte.  p has room for 2 * n + 2 bytes; the
 * number written is returned. */
static size_t quote_into(char *p, const char *s, size_t n)
{
    char *start = p;
    const char *end = s + n;
    *p++ = '"';
    while (s < end) {
        const char *q = memchr(s, '"', (size_t)(end - s));
        size_t k = q ? (size_t)(q - s) + 1 : (size_t)(end - s);
        memcpy(p, s, k);
        p += k;
        s += k;
        if (q)
            *p++ = '"';
    }
    *p++ = '"';
    return (size_t)(p - start);
}

/* A field quoted, after its separator when `sep`.  Quoted, a field takes
 * at most twice its bytes and the two quotes. */
static void put_quoted(peel_csv_writer *w, int sep, const char *s, size_t n)
{
    char *p = peel_buf_room(w->out, 1 + 2 * n + 2);
    if (sep)
        *p++ = ',';
    peel_buf_commit(w->out, (size_t)sep + quote_into(p, s, n));
}

/* s[0..n) as the next field; its first `clean` bytes hold none of SPECIAL
 * (clean == n: none of it does, so it has no line end either).  The
 * separator and the field go into the buffer together.  Inline in each
 * put: a record's fields are short, and the call cost as much as the
 * copy. */
__attribute__((always_inline)) static inline void put_field(peel_csv_writer *w, const char *s,
                                                            size_t n, size_t clean)
{
    int sep = w->nfield++ > 0;
    if (!sep)
        w->row_at = w->out->len;
    /* An empty first field is quoted: a row holding only that field would
     * otherwise be a blank line, which readers skip. */
    int quote = clean < n || (n == 0 && !sep);
    if (w->keep) {
        /* A field written as it is has its bytes in the row's text. */
        peel_csv_builder *b = w->keep;
        size_t i = next_field(b);
        b->fld[i] = quote ? peel_arena_strndup(&b->doc->text, s, n) : NULL;
        b->at[i] = w->out->len + (size_t)sep - w->row_at;
    }
    if (quote) {
        w->breaks += line_ends(s + clean, n - clean);
        put_quoted(w, sep, s, n);
        return;
    }
    char *p = peel_buf_room(w->out, 1 + n);
    if (sep)
        *p++ = ',';
    memcpy(p, s, n);
    peel_buf_commit(w->out, (size_t)sep + n);
}

/* The kept row ends: its text, the writer's `len` bytes since the row
 * began, is copied once, after the row's array of fields in the same
 * block of the arena, and each field written as it is points into the
 * copy, ended where the separator after it was. */
static void keep_row(peel_csv_builder *b, const char *text, size_t len, long line)
{
    size_t n = b->nfld;
    char **fields = peel_arena_alloc(&b->doc->text, n * sizeof *fields + len + 1);
    char *copy = (char *)(fields + n); /* the block is zeroed: the copy ends in a NUL */
    memcpy(copy, text, len);
    for (size_t i = 0; i < n; i++) {
        if (b->fld[i]) {
            fields[i] = b->fld[i];
            continue;
        }
        fields[i] = copy + b->at[i];
        if (i + 1 < n)
            copy[b->at[i + 1] - 1] = '\0';
    }
    add_row(b, fields, line);
}

/* A NUL-terminated field: its length and its clean run in one strcspn
 * (the rest is measured only when a special byte stops it). */
static void put_str(peel_csv_writer *w, const char *s)
{
    size_t clean = strcspn(s, SPECIAL);
    put_field(w, s, s[clean] ? clean + strlen(s + clean) : clean, clean);
}

void peel_csv_put(peel_csv_writer *w, const char *s)
{
    put_str(w, s ? s : "");
}

static int formula_char(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Apostrophes already leading a formula character also get one more, so that
 * peel_csv_text can strip exactly one and give back the text as it was. */
static int needs_neutralising(const char *s)
{
    while (*s == '\'')
        s++;
    return formula_char(*s);
}

void peel_csv_put_text(peel_csv_writer *w, const char *s)
{
    if (!s)
        s = "";
    if (!needs_neutralising(s)) {
        put_str(w, s);
        return;
    }
    size_t n = strlen(s);
    char *t = peel_xmalloc(n + 2);
    t[0] = '\'';
    memcpy(t + 1, s, n + 1);
    put_str(w, t);
    free(t);
}

const char *peel_csv_text(const char *field)
{
    if (!field)
        return "";
    return field[0] == '\'' && needs_neutralising(field) ? field + 1 : field;
}

void peel_csv_put_long(peel_csv_writer *w, long v)
{
    /* the digits from the right, as "%ld" prints them, without a snprintf
     * call for each of the records' many line numbers */
    char buf[32], *p = buf + sizeof buf;
    unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
    do
        *--p = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--p = '-';
    size_t n = (size_t)(buf + sizeof buf - p);
    put_field(w, p, n, n); /* digits and a sign: nothing to quote */
}

void peel_csv_put_num(peel_csv_writer *w, double v, int decimals)
{
    char buf[128];
    peel_num_format(v, decimals, buf, sizeof buf);
    peel_csv_put(w, buf);
}

void peel_csv_end_row(peel_csv_writer *w)
{
    /* A row of no fields is a blank line, which a parse skips. */
    if (w->keep && w->nfield > 0)
        keep_row(w->keep, w->out->data + w->row_at, w->out->len - w->row_at, w->line);
    memcpy(peel_buf_room(w->out, 2), "\r\n", 2);
    peel_buf_commit(w->out, 2);
    w->line += 1 + w->breaks;
    w->breaks = 0;
    w->nfield = 0;
}

void peel_csv_put_row(peel_csv_writer *w, const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        peel_csv_put(w, fields[i]);
    peel_csv_end_row(w);
}

/* ---- reading ---- */

typedef struct parse_ctx {
    peel_csv_builder b;
    int open;        /* a row has begun and not ended yet */
    long line;       /* line of the bytes being fed */
    long row_line;   /* line the open row started on */
    long field_line; /* line the current field started on */
} parse_ctx;

static void on_field(void *s, size_t n, void *data)
{
    parse_ctx *c = data;
    build_field(&c->b, s, n); /* s may be NULL for an empty field */
    /* The next field begins right after the delimiter just consumed. */
    c->field_line = c->line;
}

static void on_row(int term, void *data)
{
    (void)term;
    parse_ctx *c = data;
    build_row(&c->b, c->row_line);
    c->open = 0;
}

static long line_of(const char *data, size_t off)
{
    return 1 + line_ends(data, off);
}

static size_t column_of(const char *data, size_t off)
{
    size_t col = 1;
    while (col <= off && data[off - col] != '\n')
        col++;
    return col;
}

/* Bytes libcsv would pass through silently but records must not hold. */
peel_status peel_csv_check_bytes(const char *name, const char *data, size_t len, peel_err *err)
{
    const char *nul = memchr(data, '\0', len);
    size_t upto = nul ? (size_t)(nul - data) : len;
    size_t bad = 0;
    if (!peel_utf8_valid(data, upto, &bad))
        return PEEL_FAIL(err, PEEL_EDATA, name, line_of(data, bad),
                         "invalid UTF-8 at byte %zu of the line", column_of(data, bad));
    if (nul)
        return PEEL_FAIL(err, PEEL_EDATA, name, line_of(data, upto),
                         "NUL byte at byte %zu of the line", column_of(data, upto));
    return PEEL_OK;
}

static int no_space(unsigned char c)
{
    /* RFC 4180: spaces are part of a field, not padding to trim. */
    (void)c;
    return 0;
}

/* libcsv grows its field buffer by a fixed block; growing by its current size
 * instead keeps a long field at O(log n) reallocations. */
static void grow_geometric(struct csv_parser *p)
{
    size_t size = csv_get_buffer_size(p);
    csv_set_blk_size(p, size > 128 ? size : 128);
}

/* Length of the next piece to feed: up to and including a CR or LF, so that
 * every row starts at the beginning of a piece.  The line's end is found by
 * memchr, then a CR before it (records end their lines with CRLF). */
static size_t piece_len(const char *s, size_t n)
{
    if (n > FEED_CHUNK)
        n = FEED_CHUNK;
    const char *lf = memchr(s, '\n', n);
    size_t upto = lf ? (size_t)(lf - s) + 1 : n;
    const char *cr = memchr(s, '\r', upto);
    return cr ? (size_t)(cr - s) + 1 : upto;
}

/* A whole line with no quote in it, at the start of a row: its fields are
 * the bytes between its commas, which is what libcsv gives (strict, blanks
 * kept, the line's end ending the row), so they are taken as they are.
 * Most lines of the records and the data files are so; libcsv, at about 50
 * instructions a byte, reads every line that has a quote.  0: not one. */
static int plain_line(parse_ctx *c, const char *s, size_t n)
{
    if ((s[n - 1] != '\n' && s[n - 1] != '\r') || memchr(s, '"', n))
        return 0;
    n--;
    for (;;) {
        const char *comma = memchr(s, ',', n);
        size_t k = comma ? (size_t)(comma - s) : n;
        build_field(&c->b, s, k);
        if (!comma)
            break;
        s += k + 1;
        n -= k + 1;
    }
    build_row(&c->b, c->row_line);
    c->open = 0;
    return 1;
}

static peel_status feed(struct csv_parser *p, parse_ctx *c, const char *name, const char *data,
                        size_t len, peel_err *err)
{
    for (size_t off = 0; off < len;) {
        size_t n = piece_len(data + off, len - off);
        /* Between rows libcsv skips line ends and starts a row on any other
         * byte (no_space keeps it from skipping blanks). */
        int plain = 0;
        if (!c->open && data[off] != '\n' && data[off] != '\r') {
            c->open = 1;
            c->row_line = c->field_line = c->line;
            plain = plain_line(c, data + off, n);
        }
        grow_geometric(p);
        if (!plain && csv_parse(p, data + off, n, on_field, on_row, c) != n) {
            if (csv_error(p) == CSV_EPARSE)
                return PEEL_FAIL(err, PEEL_EDATA, name, c->line,
                                 "stray quote: a quote inside an unquoted field, or text "
                                 "after a closing quote");
            return PEEL_FAIL(err, PEEL_EDATA, name, c->line, "%s", csv_strerror(csv_error(p)));
        }
        if (data[off + n - 1] == '\n')
            c->line++;
        off += n;
    }
    if (csv_fini(p, on_field, on_row, c) != 0)
        return PEEL_FAIL(err, PEEL_EDATA, name, c->field_line, "unterminated quoted field");
    return PEEL_OK;
}

static peel_status parse_records(const char *name, const char *data, size_t len, peel_csv_doc *doc,
                                 peel_err *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return PEEL_FAIL(err, PEEL_ESOFTWARE, name, 0, "cannot start the CSV parser");
    csv_set_space_func(&p, no_space);
    csv_set_realloc_func(&p, peel_xrealloc);
    parse_ctx c = {.b = {.doc = doc}, .line = 1};
    peel_status rc = feed(&p, &c, name, data, len, err);
    csv_free(&p);
    builder_release(&c.b);
    if (rc == PEEL_OK && !c.b.have_header)
        rc = PEEL_FAIL(err, PEEL_EDATA, name, 0, "no header row");
    return rc;
}

peel_status peel_csv_parse(const char *name, const char *data, size_t len, peel_csv_doc *doc,
                           peel_err *err)
{
    memset(doc, 0, sizeof *doc);
    if (!name)
        name = "";
    if (len == 0 || !data)
        return PEEL_FAIL(err, PEEL_EDATA, name, 0, "no header row");
    if (len >= 3 && memcmp(data, BOM, 3) == 0) {
        data += 3;
        len -= 3;
    }
    peel_status rc = peel_csv_check_bytes(name, data, len, err);
    if (rc != PEEL_OK)
        return rc;
    doc->name = peel_xstrdup(name);
    rc = parse_records(name, data, len, doc, err);
    if (rc != PEEL_OK)
        peel_csv_doc_release(doc);
    return rc;
}

peel_status peel_csv_load(const char *path, peel_csv_doc *doc, peel_err *err)
{
    char *data;
    size_t len;
    memset(doc, 0, sizeof *doc);
    peel_status rc = peel_file_read(path, PEEL_CSV_MAX_BYTES, &data, &len, err);
    if (rc != PEEL_OK)
        return rc;
    rc = peel_csv_parse(path, data, len, doc, err);
    free(data);
    return rc;
}

peel_status peel_csv_check_width(const peel_csv_doc *doc, peel_err *err)
{
    for (size_t r = 0; r < doc->nrow; r++)
        if (doc->row[r].nfield != doc->ncol)
            return PEEL_FAIL(err, PEEL_EDATA, doc->name, doc->row[r].line,
                             "%zu fields where the header has %zu (a comma in an unquoted "
                             "field, or a column missing?)",
                             doc->row[r].nfield, doc->ncol);
    return PEEL_OK;
}

peel_status peel_csv_load_data(const char *path, peel_csv_doc *doc, peel_err *err)
{
    peel_status rc = peel_csv_load(path, doc, err);
    if (rc == PEEL_OK && (rc = peel_csv_check_width(doc, err)) != PEEL_OK)
        peel_csv_doc_release(doc);
    return rc;
}

void peel_csv_doc_release(peel_csv_doc *doc)
{
    free(doc->row);
    peel_arena_release(&doc->text);
    free(doc->name);
    memset(doc, 0, sizeof *doc);
}

int peel_csv_col(const peel_csv_doc *doc, const char *name)
{
    /* Asked for a field or two of every row by validate: a column's name is
     * compared whole only when its first byte is the name's. */
    for (size_t i = 0; i < doc->ncol; i++)
        if (doc->header[i][0] == name[0] && strcmp(doc->header[i], name) == 0)
            return (int)i;
    return -1;
}

const char *peel_csv_get(const peel_csv_doc *doc, size_t r, int col)
{
    if (col < 0 || r >= doc->nrow || (size_t)col >= doc->row[r].nfield)
        return "";
    return doc->row[r].field[col];
}
