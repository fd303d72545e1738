/* Unit tests for peel_csv: writing (quoting, formula neutralising), reading
 * (line numbers, line ends, BOM, strictness, lines with no quote read as
 * libcsv reads them) and round trips. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "peel_csv.h"

/* A writer and its text, which is in buf (the test's to free) after
 * close_mem. */
typedef struct memout {
    char *buf;
    size_t len;
    peel_buf text;
    peel_csv_writer w;
} memout;

static void open_mem(memout *m)
{
    m->buf = NULL;
    m->len = 0;
    peel_buf_init(&m->text);
    peel_csv_writer_init(&m->w, &m->text);
}

static void close_mem(memout *m)
{
    m->len = m->text.len;
    m->buf = peel_buf_detach(&m->text);
    assert_int_equal(strlen(m->buf), m->len);
}

static peel_status parse_str(const char *s, peel_csv_doc *doc, peel_err *err)
{
    peel_err_clear(err);
    return peel_csv_parse("t.csv", s, strlen(s), doc, err);
}

static void test_write_quoting(void **state)
{
    (void)state;
    memout m;
    open_mem(&m);
    const char *row[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\nx",
                         " spaced ", ""};
    peel_csv_put_row(&m.w, row, 8);
    peel_csv_put_long(&m.w, -42);
    peel_csv_put_num(&m.w, 18.4, 1);
    peel_csv_put_num(&m.w, 30435, 0);
    peel_csv_put(&m.w, NULL);
    peel_csv_end_row(&m.w);
    close_mem(&m);
    assert_string_equal(m.buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\","
                               "\"crlf\r\nx\", spaced ,\r\n"
                               "-42,18.4,30435,\r\n");
    free(m.buf);
}

/* Quoted fields are written byte for byte as libcsv's csv_write wrote
 * them before the writer did its own quoting: quotes at either end, runs
 * of them, a field of only quotes, and one long enough to make the buffer
 * grow with quotes spread through it. */
static void test_write_quoting_as_libcsv(void **state)
{
    (void)state;
    static char big[5000];
    for (size_t i = 0; i < sizeof big - 1; i++)
        big[i] = i % 7 == 0 ? '"' : i % 97 == 0 ? '\n' : 'x';
    const char *cases[] = {"\"",     "\"\"", "\"\"\"",  "\"start",     "end\"",  "mid\"dle",
                           "a\"\"b", "a,b",  "\"a,b\"", "line\nend\"", "\r\"\r", big};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        memout m;
        open_mem(&m);
        peel_csv_put(&m.w, "k");
        peel_csv_put(&m.w, cases[i]);
        peel_csv_end_row(&m.w);
        close_mem(&m);
        size_t n = strlen(cases[i]);
        char *want = malloc(2 * n + 8);
        memcpy(want, "k,", 2);
        size_t len = 2 + csv_write(want + 2, 2 * n + 2, cases[i], n);
        memcpy(want + len, "\r\n", 3);
        assert_string_equal(m.buf, want);
        free(want);
        free(m.buf);
    }
}

/* Integers print as "%ld" does, at both ends of the range too. */
static void test_write_long(void **state)
{
    (void)state;
    const long v[] = {0, 7, -1, 10, 1000000007L, LONG_MAX, LONG_MIN};
    char want[256] = "";
    memout m;
    open_mem(&m);
    for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
        peel_csv_put_long(&m.w, v[k]);
        snprintf(want + strlen(want), sizeof want - strlen(want), "%s%ld", k ? "," : "", v[k]);
    }
    peel_csv_end_row(&m.w);
    close_mem(&m);
    strcat(want, "\r\n");
    assert_string_equal(m.buf, want);
    free(m.buf);
}

/* Fields longer than any buffer the writer starts with, quoted or not, and
 * the lines rows start on when fields hold line ends: a comma before the
 * first LF, LFs after a quote, CRLF, a lone CR (no new line).  The caller
 * may empty the buffer between rows (sentence mode does): lines go on. */
static void test_write_long_fields_and_lines(void **state)
{
    (void)state;
    size_t n = (size_t)100 * 1000;
    char *plain = malloc(n + 1), *quoted = malloc(n + 1);
    memset(plain, 'p', n);
    plain[n] = '\0';
    memset(quoted, 'q', n);
    quoted[n] = '\0';
    quoted[n / 2] = '"';
    quoted[n - 1] = '\n';
    memout m;
    open_mem(&m);
    peel_csv_put(&m.w, "h");
    peel_csv_end_row(&m.w);
    assert_int_equal(m.w.line, 2);
    peel_csv_put(&m.w, plain);
    peel_csv_put(&m.w, quoted);
    peel_csv_end_row(&m.w);
    assert_int_equal(m.w.line, 4);
    peel_csv_put_text(&m.w, "a,b\nc\"d\"\n\ne");
    peel_csv_put(&m.w, "cr\ronly");
    peel_csv_put(&m.w, "crlf\r\n");
    peel_csv_end_row(&m.w);
    assert_int_equal(m.w.line, 9); /* four LFs in its fields */
    close_mem(&m);
    assert_memory_equal(m.buf, "h\r\n", 3);
    assert_memory_equal(m.buf + 3, plain, n);
    assert_memory_equal(m.buf + 3 + n, ",\"", 2);
    assert_memory_equal(m.buf + 3 + n + 2 + n / 2, "\"\"", 2);
    assert_string_equal(m.buf + 3 + n + 2 + n + 1,
                        "\"\r\n\"a,b\nc\"\"d\"\"\n\ne\",\"cr\ronly\",\"crlf\r\n\"\r\n");
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str(m.buf, &doc, &err), PEEL_OK);
    assert_int_equal(doc.nrow, 2);
    assert_string_equal(doc.row[0].field[0], plain);
    assert_string_equal(doc.row[0].field[1], quoted);
    assert_int_equal(doc.row[0].line, 2);
    assert_int_equal(doc.row[1].line, 4);
    peel_csv_doc_release(&doc);
    free(m.buf);

    /* emptied between rows: the next row's line still counts the first's */
    open_mem(&m);
    peel_csv_put(&m.w, "x\ny");
    peel_csv_end_row(&m.w);
    peel_buf_clear(&m.text);
    peel_csv_put(&m.w, "z");
    peel_csv_end_row(&m.w);
    assert_int_equal(m.w.line, 4);
    close_mem(&m);
    assert_string_equal(m.buf, "z\r\n");
    free(m.buf);
    free(plain);
    free(quoted);
}

static void test_write_empty_first_field(void **state)
{
    (void)state;
    memout m;
    open_mem(&m);
    /* a row of one empty field must not turn into a blank line */
    peel_csv_put(&m.w, "col");
    peel_csv_end_row(&m.w);
    peel_csv_put(&m.w, "");
    peel_csv_end_row(&m.w);
    peel_csv_put(&m.w, "");
    peel_csv_put(&m.w, "x");
    peel_csv_end_row(&m.w);
    close_mem(&m);
    assert_string_equal(m.buf, "col\r\n\"\"\r\n\"\",x\r\n");
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str(m.buf, &doc, &err), PEEL_OK);
    assert_int_equal(doc.nrow, 2);
    assert_int_equal(doc.row[0].nfield, 1);
    assert_string_equal(doc.row[0].field[0], "");
    assert_int_equal(doc.row[1].nfield, 2);
    peel_csv_doc_release(&doc);
    free(m.buf);
}

typedef struct formula_case {
    const char *text;
    const char *written; /* the field as it goes into the file (unquoted) */
} formula_case;

static const formula_case formula_cases[] = {
    {"=SUM(A1)", "'=SUM(A1)"},
    {"+1", "'+1"},
    {"-2", "'-2"},
    {"@x", "'@x"},
    {"\tx", "'\tx"},
    {"\rx", "'\rx"},
    {"plain text", "plain text"},
    {"", ""},
    {"a=b", "a=b"},
    {"'tis", "'tis"},
    {"'", "'"},
    /* an apostrophe already there before a formula character gets one more,
     * so reading strips exactly what writing added */
    {"'=x", "''=x"},
    {"''-1", "'''-1"},
};

static void test_formula_injection(void **state)
{
    (void)state;
    size_t n = sizeof formula_cases / sizeof formula_cases[0];
    memout m;
    open_mem(&m);
    peel_csv_put(&m.w, "text");
    peel_csv_end_row(&m.w);
    for (size_t i = 0; i < n; i++) {
        peel_csv_put_text(&m.w, formula_cases[i].text);
        peel_csv_put(&m.w, "end");
        peel_csv_end_row(&m.w);
    }
    close_mem(&m);

    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str(m.buf, &doc, &err), PEEL_OK);
    assert_int_equal(doc.nrow, n);
    for (size_t i = 0; i < n; i++) {
        const char *field = peel_csv_get(&doc, i, 0);
        if (strcmp(field, formula_cases[i].written) != 0)
            fail_msg("case %zu: wrote \"%s\"", i, field);
        assert_string_equal(peel_csv_text(field), formula_cases[i].text);
    }
    peel_csv_doc_release(&doc);
    free(m.buf);

    /* fields nobody neutralised come back unchanged */
    assert_string_equal(peel_csv_text("'tis"), "'tis");
    assert_string_equal(peel_csv_text("=1"), "=1");
    assert_string_equal(peel_csv_text("'"), "'");
    assert_string_equal(peel_csv_text(""), "");
}

static void test_round_trip(void **state)
{
    (void)state;
    const char *fields[] = {"a,b", "\"quoted\"", "crlf\r\ninside", "lf\ninside", "", " pad ",
                            ("\xC2\xA3" "1.58 billion"), "end,\"\r\n"};
    const size_t nf = sizeof fields / sizeof fields[0];
    memout m;
    open_mem(&m);
    const char *head[] = {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"};
    peel_csv_put_row(&m.w, head, nf);
    peel_csv_put_row(&m.w, fields, nf);
    peel_csv_put_row(&m.w, fields, nf);
    close_mem(&m);

    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str(m.buf, &doc, &err), PEEL_OK);
    assert_int_equal(doc.ncol, nf);
    assert_int_equal(doc.nrow, 2);
    for (size_t r = 0; r < 2; r++) {
        assert_int_equal(doc.row[r].nfield, nf);
        for (size_t i = 0; i < nf; i++)
            assert_string_equal(doc.row[r].field[i], fields[i]);
    }
    /* header on line 1; the first data row holds 3 line ends (CRLF, LF and
     * CRLF) so it spans lines 2-5 and the next row starts on line 6 */
    assert_int_equal(doc.row[0].line, 2);
    assert_int_equal(doc.row[1].line, 6);
    peel_csv_doc_release(&doc);
    free(m.buf);
}

static void test_start_lines(void **state)
{
    (void)state;
    const char *csv = "h1,h2\n"              /* 1 */
                      "a,\"multi\n"          /* 2 */
                      "line\n"               /* 3 */
                      "field\"\n"            /* 4 */
                      "b,c\n"                /* 5 */
                      "\n"                   /* 6: blank, skipped */
                      "\"x\ny\",\"p\nq\"\n"  /* 7-9 */
                      "\"\n\",last\n";       /* 10-11 */
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str(csv, &doc, &err), PEEL_OK);
    assert_string_equal(doc.name, "t.csv");
    assert_int_equal(doc.nrow, 4);
    assert_int_equal(doc.row[0].line, 2);
    assert_string_equal(doc.row[0].field[1], "multi\nline\nfield");
    assert_int_equal(doc.row[1].line, 5);
    assert_int_equal(doc.row[2].line, 7);
    assert_int_equal(doc.row[3].line, 10);
    assert_string_equal(doc.row[3].field[0], "\n");
    assert_int_equal(peel_csv_col(&doc, "h2"), 1);
    assert_int_equal(peel_csv_col(&doc, "nope"), -1);
    assert_string_equal(peel_csv_get(&doc, 1, 1), "c");
    assert_string_equal(peel_csv_get(&doc, 1, -1), "");
    assert_string_equal(peel_csv_get(&doc, 1, 5), "");
    assert_string_equal(peel_csv_get(&doc, 99, 0), "");
    peel_csv_doc_release(&doc);
}

static void assert_docs_equal(const peel_csv_doc *a, const peel_csv_doc *b)
{
    assert_int_equal(a->ncol, b->ncol);
    for (size_t i = 0; i < a->ncol; i++)
        assert_string_equal(a->header[i], b->header[i]);
    assert_int_equal(a->nrow, b->nrow);
    for (size_t r = 0; r < a->nrow; r++) {
        assert_int_equal(a->row[r].line, b->row[r].line);
        assert_int_equal(a->row[r].nfield, b->row[r].nfield);
        for (size_t i = 0; i < a->row[r].nfield; i++)
            assert_string_equal(a->row[r].field[i], b->row[r].field[i]);
    }
}

/* A writer keeping its rows gives the document a parse of its text gives:
 * the same header, fields and start lines, over every kind of field the
 * writer quotes, text it neutralises, an empty first field and a row of no
 * fields (a blank line, which a parse skips). */
static void test_writer_keep(void **state)
{
    (void)state;
    const char *fields[] = {"a,b",   "\"quoted\"", "crlf\r\ninside", "lf\ninside", "", "cr\ronly",
                            " pad ", "\n",         "end,\"\r\n"};
    const size_t nf = sizeof fields / sizeof fields[0];
    memout m;
    peel_csv_doc kept;
    open_mem(&m);
    peel_csv_writer_keep(&m.w, &kept, "kept.csv");
    const char *head[] = {"c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};
    peel_csv_put_row(&m.w, head, nf);
    peel_csv_put_row(&m.w, fields, nf);
    peel_csv_end_row(&m.w); /* no fields: a blank line */
    peel_csv_put(&m.w, "");
    peel_csv_end_row(&m.w); /* one empty field, quoted so it is not blank */
    peel_csv_put_text(&m.w, "=SUM(A1)");
    peel_csv_put_text(&m.w, "two\nlines");
    peel_csv_put_long(&m.w, -42);
    peel_csv_put_num(&m.w, 18.4, 1);
    peel_csv_end_row(&m.w);
    peel_csv_put_row(&m.w, fields + 3, 2);
    /* A row longer than the arena's blocks, its fields plain and quoted
     * (the row's text and its fields' array are kept in one block). */
    static char big[100000];
    memset(big, 'b', sizeof big - 1);
    const char *wide[] = {big, "x", big, "q\"q", ""};
    peel_csv_put_row(&m.w, wide, 5);
    big[50] = ',';
    peel_csv_put_row(&m.w, wide, 5);
    peel_csv_writer_keep_end(&m.w);
    close_mem(&m);

    peel_csv_doc parsed;
    peel_err err;
    assert_int_equal(parse_str(m.buf, &parsed, &err), PEEL_OK);
    assert_string_equal(kept.name, "kept.csv");
    assert_int_equal(kept.nrow, 6);
    assert_docs_equal(&kept, &parsed);
    assert_string_equal(kept.row[2].field[0], "'=SUM(A1)");
    peel_csv_doc_release(&kept);
    peel_csv_doc_release(&parsed);
    free(m.buf);
}

static void test_lf_crlf_identical(void **state)
{
    (void)state;
    /* row ends differ; the embedded line end inside quotes is data and is
     * the same in both */
    const char *lf = "k,v\na,1\n\nb,\"x\r\ny\"\nc,\n";
    const char *crlf = "k,v\r\na,1\r\n\r\nb,\"x\r\ny\"\r\nc,\r\n";
    const char *none = "k,v\na,1\n\nb,\"x\r\ny\"\nc,";
    peel_csv_doc d1, d2, d3;
    peel_err err;
    assert_int_equal(parse_str(lf, &d1, &err), PEEL_OK);
    assert_int_equal(parse_str(crlf, &d2, &err), PEEL_OK);
    assert_int_equal(parse_str(none, &d3, &err), PEEL_OK);
    assert_int_equal(d1.nrow, 3);
    assert_int_equal(d1.row[2].line, 6);
    assert_int_equal(d1.row[2].nfield, 2);
    assert_string_equal(d1.row[2].field[1], "");
    assert_docs_equal(&d1, &d2);
    assert_docs_equal(&d1, &d3);
    peel_csv_doc_release(&d1);
    peel_csv_doc_release(&d2);
    peel_csv_doc_release(&d3);
}

/* The same text with every field quoted (so that libcsv reads each line)
 * as without: lines with no quote are read without libcsv, and must give
 * the same fields and start lines.  Random texts of commas, blanks, CRs and
 * LFs, some with a last line left open. */
static void test_plain_lines_as_quoted(void **state)
{
    (void)state;
    static const char pick[] = "ab ,,\n\r";
    unsigned seed = 16;
    for (int round = 0; round < 400; round++) {
        char plain[200], quoted[800];
        size_t n = 1 + (size_t)(rand_r(&seed) % 120), q = 0;
        plain[0] = 'h'; /* a header row that starts with a field */
        for (size_t i = 1; i < n; i++)
            plain[i] = pick[rand_r(&seed) % (sizeof pick - 1)];
        plain[n] = '\0';
        /* Quote each field: its start after a comma or a line's end. */
        int in_field = 0;
        for (size_t i = 0; i <= n; i++) {
            char ch = plain[i];
            int end = ch == ',' || ch == '\n' || ch == '\r' || ch == '\0';
            int line_start = i == 0 || plain[i - 1] == '\n' || plain[i - 1] == '\r';
            if (!in_field && !(end && line_start && ch != ',')) {
                quoted[q++] = '"';
                in_field = 1;
            }
            if (end && in_field) {
                quoted[q++] = '"';
                in_field = 0;
            }
            quoted[q++] = ch;
        }
        peel_csv_doc a, b;
        peel_err err;
        assert_int_equal(parse_str(plain, &a, &err), PEEL_OK);
        assert_int_equal(parse_str(quoted, &b, &err), PEEL_OK);
        assert_docs_equal(&a, &b);
        peel_csv_doc_release(&a);
        peel_csv_doc_release(&b);
    }
}

static void test_bom(void **state)
{
    (void)state;
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str("\xEF\xBB\xBFname,n\nx,1\n", &doc, &err), PEEL_OK);
    assert_string_equal(doc.header[0], "name");
    assert_int_equal(peel_csv_col(&doc, "name"), 0);
    assert_int_equal(doc.row[0].line, 2);
    peel_csv_doc_release(&doc);
    /* only a leading BOM is skipped */
    assert_int_equal(parse_str("a\n\xEF\xBB\xBF" "b\n", &doc, &err), PEEL_OK);
    assert_string_equal(doc.row[0].field[0], "\xEF\xBB\xBF" "b");
    peel_csv_doc_release(&doc);
}

typedef struct bad_case {
    const char *name;
    const char *data;
    size_t len;
    long line;
    const char *msg; /* a part of the message */
} bad_case;

#define B(name, lit, line, msg) {name, lit, sizeof lit - 1, line, msg}

static const bad_case bad_cases[] = {
    B("empty file", "", 0, "no header row"),
    B("only a BOM", "\xEF\xBB\xBF", 0, "no header row"),
    B("only blank lines", "\n\r\n\n", 0, "no header row"),
    B("unterminated quote", "a,b\n1,2\n3,\"open\nmore\nlines\n", 3, "unterminated quoted field"),
    B("unterminated after multi-line field", "a,b\n\"x\ny\",\"z\n", 3, "unterminated"),
    B("unterminated in header", "\"a,b\n", 1, "unterminated"),
    B("quote inside unquoted field", "a,b\n1,x\"y\n", 2, "stray quote"),
    B("text after closing quote", "a\n\"x\"y\n", 2, "stray quote"),
    B("space after closing quote", "a\n\n\"x\" \n", 3, "stray quote"),
    B("bad UTF-8", "a,b\nok,1\ncaf\xE9,2\n", 3, "invalid UTF-8 at byte 4"),
    B("bad UTF-8 inside quotes", "a\n\"x\ny\xC0\xAF\"\n", 3, "invalid UTF-8"),
    B("surrogate", "a\n\xED\xA0\x80\n", 2, "invalid UTF-8"),
    B("NUL byte", "a,b\n1,2\n3,\0\n", 3, "NUL byte at byte 3"),
    B("bad UTF-8 after BOM", "\xEF\xBB\xBF\xFF", 1, "invalid UTF-8 at byte 1"),
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        peel_csv_doc doc;
        peel_err err;
        peel_err_clear(&err);
        peel_status rc = peel_csv_parse("bad.csv", c->data, c->len, &doc, &err);
        if (rc != PEEL_EDATA)
            fail_msg("%s: status %d", c->name, (int)rc);
        if (err.line != c->line || !strstr(err.msg, c->msg))
            fail_msg("%s: got line %ld \"%s\"", c->name, err.line, err.msg);
        assert_string_equal(err.file, "bad.csv");
        /* the document is left empty */
        assert_null(doc.header);
        assert_null(doc.row);
        assert_null(doc.name);
        assert_int_equal(doc.nrow, 0);
    }
}

static void test_header_only_and_ragged(void **state)
{
    (void)state;
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str("a,b,c", &doc, &err), PEEL_OK);
    assert_int_equal(doc.ncol, 3);
    assert_int_equal(doc.nrow, 0);
    peel_csv_doc_release(&doc);
    /* rows may be shorter or longer than the header */
    assert_int_equal(parse_str("a,b\n1\n1,2,3\n,\n", &doc, &err), PEEL_OK);
    assert_int_equal(doc.row[0].nfield, 1);
    assert_int_equal(doc.row[1].nfield, 3);
    assert_int_equal(doc.row[2].nfield, 2);
    assert_string_equal(peel_csv_get(&doc, 0, 1), "");
    peel_csv_doc_release(&doc);
    /* release twice is harmless */
    peel_csv_doc_release(&doc);
}

/* A data file of the pipeline: a row wider or narrower than the header is
 * refused, named by the line it starts on; rows as wide pass, blank lines
 * and a quoted comma included. */
static void test_check_width(void **state)
{
    (void)state;
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str("a,b\n1,2\n\n\"x,y\",3\n", &doc, &err), PEEL_OK);
    assert_int_equal(peel_csv_check_width(&doc, &err), PEEL_OK);
    peel_csv_doc_release(&doc);
    assert_int_equal(parse_str("a,b\n1,2\nx,y,3\n", &doc, &err), PEEL_OK);
    assert_int_equal(peel_csv_check_width(&doc, &err), PEEL_EDATA);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.msg, "3 fields where the header has 2"));
    peel_csv_doc_release(&doc);
    assert_int_equal(parse_str("a,b\n1,2\n\n9\n", &doc, &err), PEEL_OK);
    assert_int_equal(peel_csv_check_width(&doc, &err), PEEL_EDATA);
    assert_int_equal(err.line, 4);
    peel_csv_doc_release(&doc);
}

/* peel_csv_load_data: the check on a file, which is left empty when refused. */
static void test_load_data(void **state)
{
    (void)state;
    char dir[] = "/tmp/peel-test-csv-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/d.csv", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("key,definition\nk.one,plain\nk.two,a comma, unquoted\n", fp);
    assert_int_equal(fclose(fp), 0);
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(peel_csv_load(path, &doc, &err), PEEL_OK);
    peel_csv_doc_release(&doc);
    assert_int_equal(peel_csv_load_data(path, &doc, &err), PEEL_EDATA);
    assert_string_equal(err.file, path);
    assert_int_equal(err.line, 3);
    assert_null(doc.header);
    assert_int_equal(doc.nrow, 0);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_long_field(void **state)
{
    (void)state;
    size_t n = 300 * 1000;
    char *s = malloc(n + 16);
    memcpy(s, "h\n\"", 3);
    memset(s + 3, 'x', n);
    memcpy(s + 3 + n, "\"\nz\n", 5);
    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(parse_str(s, &doc, &err), PEEL_OK);
    assert_int_equal(doc.nrow, 2);
    assert_int_equal(strlen(doc.row[0].field[0]), n);
    assert_int_equal(doc.row[1].line, 3);
    peel_csv_doc_release(&doc);
    free(s);
}

static void test_load(void **state)
{
    (void)state;
    char dir[] = "/tmp/peel-test-csv-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/j.csv", dir);
    memout m;
    open_mem(&m);
    const char *head[] = {"pillar", "grade"};
    const char *row[] = {"efficiency", "Good"};
    peel_csv_put_row(&m.w, head, 2);
    peel_csv_put_row(&m.w, row, 2);
    close_mem(&m);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(m.buf, 1, m.len, fp), m.len);
    assert_int_equal(fclose(fp), 0);
    free(m.buf);

    peel_csv_doc doc;
    peel_err err;
    assert_int_equal(peel_csv_load(path, &doc, &err), PEEL_OK);
    assert_string_equal(doc.name, path);
    assert_string_equal(peel_csv_get(&doc, 0, peel_csv_col(&doc, "grade")), "Good");
    peel_csv_doc_release(&doc);
    assert_int_equal(unlink(path), 0);

    assert_int_equal(peel_csv_load(path, &doc, &err), PEEL_ENOINPUT);
    assert_string_equal(err.file, path);
    assert_null(doc.header);
    assert_int_equal(peel_csv_load(dir, &doc, &err), PEEL_ENOINPUT);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_quoting),
        cmocka_unit_test(test_write_quoting_as_libcsv),
        cmocka_unit_test(test_write_long),
        cmocka_unit_test(test_write_long_fields_and_lines),
        cmocka_unit_test(test_write_empty_first_field),
        cmocka_unit_test(test_formula_injection),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_start_lines),
        cmocka_unit_test(test_writer_keep),
        cmocka_unit_test(test_lf_crlf_identical),
        cmocka_unit_test(test_plain_lines_as_quoted),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_header_only_and_ragged),
        cmocka_unit_test(test_check_width),
        cmocka_unit_test(test_load_data),
        cmocka_unit_test(test_long_field),
        cmocka_unit_test(test_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
