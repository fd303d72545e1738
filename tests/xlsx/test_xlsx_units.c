/* The xlsx stage's small parts, in-process: names we may pass to
 * libxlsxwriter, expression syntax, variable substitution, spreadsheet
 * arithmetic, the layout loader's errors, and where scratch files go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "xl.h"
#include "xlsx.h"

static void test_defined_names(void **state)
{
    (void)state;
    static const char *const good[] = {"FTE_Total", "_x",   "Budget_Net", "ABCD1",
                                       "Rate",      "Cost", "fte2019x"};
    static const char *const bad[] = {
        "",           "A1",
        "XFD1048576", "R1C1",
        "R",          "c",
        "r12",        "RC",
        "RC1",        "R1C",
        "1abc",       "a b",
        "a.b",        "a-b",
        "Ö",          "=A1",
        "x'y",        "true",
        "FALSE",      "a234567890123456789012345678901234567890123456789012345678901234"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(xl_name_ok(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (xl_name_ok(bad[i]))
            fail_msg("accepted defined name \"%s\"", bad[i]);
    }
}

static void test_sheet_names(void **state)
{
    (void)state;
    assert_true(xl_sheet_name_ok("Data"));
    assert_true(xl_sheet_name_ok("Crime and outcomes"));
    assert_false(xl_sheet_name_ok(""));
    assert_false(xl_sheet_name_ok("'Data"));
    assert_false(xl_sheet_name_ok("Data'"));
    assert_false(xl_sheet_name_ok("a[b"));
    assert_false(xl_sheet_name_ok("a/b"));
    assert_false(xl_sheet_name_ok("a:b"));
    assert_false(xl_sheet_name_ok("12345678901234567890123456789012"));
}

static void test_expressions(void **state)
{
    (void)state;
    static const char *const good[] = {"[a] - [b]",         "sum([x])",
                                       "([a] - [b]) * 100", "[a]/[b]",
                                       "-[a] + 2.5",        "fact:budget.net",
                                       "fact:part#2",       "table:x-*/y/@force",
                                       "@latest",           "[fte.police-officer.latest]",
                                       "[a] * [b] / 100"};
    static const char *const bad[] = {"",      "[a",      "[]",     "fact:",        "table:x/y",
                                      "[a] +", "[a] [b]", "sum(1)", "fact:x + 1",   "(a)",
                                      "([a]",  "[a] % 2", "=[a]",   "table:a/b/c/d"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (xl_expr_check(good[i]))
            fail_msg("refused \"%s\": %s", good[i], xl_expr_check(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (!xl_expr_check(bad[i]))
            fail_msg("accepted \"%s\"", bad[i]);
}

static void test_subst(void **state)
{
    (void)state;
    xl_book b;
    memset(&b, 0, sizeof b);
    peel_arena_init(&b.arena);
    assert_string_equal(xl_subst(&b, "fact:x.{group}", "role=p;group=officers", NULL),
                        "fact:x.officers");
    assert_string_equal(xl_subst(&b, "[fte.{role}.latest]", "role=police-staff", NULL),
                        "[fte.police-staff.latest]");
    assert_string_equal(xl_subst(&b, "@force {row}", "", "visible"), "@force visible");
    assert_string_equal(xl_subst(&b, "{zzz} {", "a=b", NULL), "{zzz} {");
    assert_string_equal(xl_subst(&b, "plain", NULL, NULL), "plain");
    peel_arena_release(&b.arena);
}

/* Characters counted eight bytes at a time agree with a count byte by
 * byte, at every start and length (the tail, 2-4 byte sequences split
 * across the eight-byte steps); a width is its widest line's. */
static void test_text_measures(void **state)
{
    (void)state;
    const char *text = "Avon: £1.5m (≈ 5 %) — 𝄞 dña\nzwölf ü ✓✓ end of the line";
    size_t len = strlen(text);
    for (size_t at = 0; at < len; at++)
        for (size_t n = 0; at + n <= len; n++) {
            size_t want = 0;
            for (size_t i = at; i < at + n; i++)
                want += ((unsigned char)text[i] & 0xC0) != 0x80;
            assert_int_equal(xl_chars(text + at, n), want);
        }
    assert_true(xl_text_width("") == 0);
    assert_true(xl_text_width("abc") == 3);
    assert_true(xl_text_width("£5\n€€€€€€€€€€\nab") == 10);
    assert_true(xl_text_width("a\n\n") == 1);
    size_t lines;
    assert_int_equal(xl_widest_line("", 0, &lines), 0);
    assert_int_equal(lines, 1);
    assert_int_equal(xl_widest_line("a\n\n", 3, &lines), 1);
    assert_int_equal(lines, 3);
    assert_int_equal(xl_widest_line("£5\n€€€€€€€€€€\nab", strlen("£5\n€€€€€€€€€€\nab"), &lines),
                     10);
    assert_int_equal(lines, 3);
    assert_int_equal(xl_widest_line("abc\ndefgh", 5, &lines), 3); /* nothing past n is read */
    assert_int_equal(lines, 2);
    assert_int_equal(xl_widest_line("abc", 3, NULL), 3);
}

/* "<a><sep><b>", cut where snprintf would cut it. */
static void test_join(void **state)
{
    (void)state;
    char out[8];
    assert_string_equal(xl_join(out, sizeof out, "ab", '.', "cd"), "ab.cd");
    assert_string_equal(xl_join(out, sizeof out, "abcd", '|', "efgh"), "abcd|ef");
    assert_string_equal(xl_join(out, sizeof out, "abcdefg", '.', "x"), "abcdefg");
    assert_string_equal(xl_join(out, sizeof out, "abcdefghij", '.', "x"), "abcdefg");
    assert_string_equal(xl_join(out, sizeof out, "", ':', ""), ":");
    char one[1];
    assert_string_equal(xl_join(one, sizeof one, "ab", '.', "cd"), "");
    const char *ref[5] = {"internal:", "'", "Data", "'!", "B12"};
    char big[64], cut[12];
    assert_string_equal(peel_concat(big, sizeof big, ref, 5), "internal:'Data'!B12");
    assert_string_equal(peel_concat(cut, sizeof cut, ref, 5), "internal:'D");
    assert_string_equal(peel_concat(big, sizeof big, ref, 0), "");
}

/* As LibreOffice and Excel: a sum or difference lost in the operands'
 * rounding is zero, so cached results equal recalculated ones. */
static void test_arithmetic(void **state)
{
    (void)state;
    assert_true(xl_sub(xl_add(0.1, 0.2), 0.3) == 0.0);
    assert_true(xl_add(0.3, -(0.1 + 0.2)) == 0.0);
    assert_true(xl_sub(5, 3) == 2);
    assert_true(xl_sub(-2, 3) == -5);
    assert_true(xl_sub(1e-300, 0) == 1e-300);
    assert_true(xl_kept(0.1 + 0.2) == 0.3);
    assert_true(xl_kept(18.4 / 100) == 0.184);
    assert_true(xl_kept(30435) == 30435);
}

static char *write_tmp(const char *text)
{
    char *path = strdup("/tmp/peel-xlsx-layout-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs(text, fp);
    fclose(fp);
    return path;
}

#define HEAD "kind,pillar,sheet,section,name,label,source,format,total,define,note\n"
#define BASE                                                                                       \
    HEAD "unit,,,,%,%,100,0{.d}%,,,\n"                                                             \
         "unit,,,,*,,1,\"#,##0{.d}\",sum,,\n"                                                      \
         "format,,,,pct,%,1,0{.d}%,,,\n"                                                           \
         "format,,,,pts,pts,1,0{.d},,,\n"                                                          \
         "format,,,,ratio,x,1,0{.d},,,\n"                                                          \
         "force,,,,,,force-,,,,\n"

typedef struct layout_case {
    const char *text;
    peel_status status;
    long line;
    const char *field;
} layout_case;

static void test_layout_errors(void **state)
{
    (void)state;
    static const layout_case cases[] = {
        {BASE, PEEL_OK, 0, ""},
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "section,efficiency,Money,s,,S,,,,,\n"
              "item,efficiency,Money,s,a,A,fact:x,auto,,Good_Name,\n",
         PEEL_OK, 0, ""},
        {BASE "nonsense,,,,,,,,,,\n", PEEL_EDATA, 8, "kind"},
        {BASE "sheet,elegance,Money,,,Money,,,,,\n", PEEL_EDATA, 8, "pillar"},
        {BASE "sheet,efficiency,Mon[ey,,,Money,,,,,\n", PEEL_EDATA, 8, "sheet"},
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "section,efficiency,Money,s,,S,,,,,\n"
              "item,efficiency,Money,s,a,A,fact:x,auto,,A1,\n",
         PEEL_EDATA, 10, "define"},
        /* A list sheet's table owns that name (Excel compares without case). */
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "section,efficiency,Money,s,,S,,,,,\n"
              "item,efficiency,Money,s,a,A,fact:x,auto,,sources_list,\n",
         PEEL_EDATA, 10, "define"},
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "section,efficiency,Money,s,,S,,,,,\n"
              "item,efficiency,Money,s,a,A,[b] +,auto,,,\n",
         PEEL_EDATA, 10, "source"},
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "section,efficiency,Money,s,,S,,,,,\n"
              "item,efficiency,Money,s,a,A,[b],nosuch:1,,,\n",
         PEEL_EDATA, 10, "format"},
        {BASE "item,efficiency,Money,s,a,A,[b],auto,,,\n", PEEL_EDATA, 8, "section"},
        /* Charts: of a declared sheet, cells or series, names joined by |. */
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "chart,efficiency,Money,c,cells,C,s.a|s.b,,,,\n",
         PEEL_OK, 0, ""},
        {BASE "chart,efficiency,Money,c,cells,C,s.a,,,,\n", PEEL_EDATA, 8, "sheet"},
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "chart,efficiency,Money,c,pie,C,s.a,,,,\n",
         PEEL_EDATA, 9, "name"},
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "chart,efficiency,Money,c,series,C,s.a||[s.b],,,,\n",
         PEEL_EDATA, 9, "source"},
        {BASE "sheet,efficiency,Money,,,Money,,,,,\n"
              "chart,efficiency,Money,c,series,C,s.a,,sum,,\n",
         PEEL_EDATA, 9, "total"},
        {BASE "unit,,,,GBP,£,1,£#,,,\n", PEEL_EDATA, 8, "format"},
        {HEAD "force,,,,,,force-,,,,\n", PEEL_EDATA, 0, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = write_tmp(cases[i].text);
        xl_layout lay;
        peel_err err = {0};
        peel_status st = xl_layout_load(&lay, path, &err);
        if (st != cases[i].status)
            fail_msg("case %zu: status %d, want %d (%s)", i, st, cases[i].status, err.msg);
        if (st != PEEL_OK) {
            assert_int_equal(err.line, cases[i].line);
            assert_string_equal(err.field, cases[i].field);
        }
        xl_layout_release(&lay);
        unlink(path);
        free(path);
    }
}

static void test_shipped_layout(void **state)
{
    (void)state;
    xl_layout lay;
    peel_err err = {0};
    peel_status st = xl_layout_load(&lay, PEEL_DATA_DIR "/workbook.csv", &err);
    if (st != PEEL_OK)
        fail_msg("%s:%ld: %s", err.file, err.line, err.msg);
    assert_non_null(xl_family_find(&lay, "pct"));
    assert_string_equal(xl_family_of_unit(&lay, "GBP", 1e6)->name, "GBP@m");
    assert_string_equal(xl_family_of_unit(&lay, "GBP", 1)->name, "GBP");
    assert_string_equal(xl_family_of_unit(&lay, "files", 1)->name, "*");
    assert_true(lay.nsheet >= 3);
    xl_layout_release(&lay);
}

static void test_missing_records(void **state)
{
    (void)state;
    peel_xlsx_opts o = {
        .report_dir = "/nonexistent/peel-xlsx-report", .data_dir = PEEL_DATA_DIR, .quiet = 1};
    peel_err err = {0};
    assert_int_equal(peel_xlsx_run(&o, &err), PEEL_ENOINPUT);
    assert_non_null(strstr(err.file, "meta.csv"));
    /* The library is given its data folder; it never falls back to one. */
    o.data_dir = NULL;
    assert_int_equal(peel_xlsx_run(&o, &err), PEEL_EUSAGE);
    assert_non_null(strstr(err.msg, "no data folder"));
}

/* The catalogue peel-run loads once for every report's workbooks: loaded
 * from the data folder, its errors those of the stage's own loading. */
static void test_catalog(void **state)
{
    (void)state;
    peel_xlsx_catalog *cat = NULL;
    peel_err err = {0};
    assert_int_equal(peel_xlsx_catalog_new(PEEL_DATA_DIR, &cat, &err), PEEL_OK);
    assert_non_null(cat);
    peel_xlsx_catalog_free(cat);
    assert_int_equal(peel_xlsx_catalog_new(NULL, &cat, &err), PEEL_EUSAGE);
    assert_null(cat);
    assert_int_equal(peel_xlsx_catalog_new("/nonexistent", &cat, &err), PEEL_ENOINPUT);
    assert_null(cat);
    assert_non_null(strstr(err.file, "workbook.csv"));
    peel_xlsx_catalog_free(NULL);
}

/* Scratch folders: the one given alone; else a tmpfs first (never one that
 * is not), the fallback last. */
static void test_scratch(void **state)
{
    (void)state;
    const char *dirs[2];
    assert_int_equal(peel_xlsx_scratch("/given", "/fallback", dirs), 1);
    assert_string_equal(dirs[0], "/given");
    const char *saved = getenv("TMPDIR");
    char *keep = saved ? strdup(saved) : NULL;
    setenv("TMPDIR", PEEL_DATA_DIR, 1); /* the source tree: no tmpfs */
    size_t n = peel_xlsx_scratch(NULL, "/fallback", dirs);
    assert_true(n == 1 || n == 2);
    assert_string_equal(dirs[n - 1], "/fallback");
    if (n == 2) {
        struct statfs fs;
        assert_string_not_equal(dirs[0], PEEL_DATA_DIR);
        assert_int_equal(statfs(dirs[0], &fs), 0);
        assert_true(fs.f_type == 0x01021994);
    }
    if (keep)
        setenv("TMPDIR", keep, 1);
    else
        unsetenv("TMPDIR");
    free(keep);
}

/* A folder of its own under /tmp for a test's workbook: dir (a mkdtemp
 * template) made, path the workbook `name` in it; scratch_gone removes it. */
static void scratch_book(char *dir, char *path, size_t cap, const char *name)
{
    assert_non_null(mkdtemp(dir));
    snprintf(path, cap, "%s/%s", dir, name);
}

/* A book of its own styles writing `path` (scratch files in dir), its
 * errors into *err. */
static void open_book(xl_book *b, peel_err *err, const char *path, const char *dir)
{
    memset(b, 0, sizeof *b);
    peel_arena_init(&b->arena);
    b->err = err;
    assert_int_equal(xl_kit_open(&b->kit, path, dir, 0, &b->arena, err), PEEL_OK);
    b->wb = b->kit.wb;
    xl_styles_init(b);
}

static void scratch_gone(const char *dir)
{
    char cmd[100];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* A sheet takes at most 65,530 URLs (a Sources sheet of a table of tens of
 * thousands of rows has more links): the links past that are HYPERLINK()
 * formulas to the same cells, and the workbook is written. */
static void test_links_past_url_limit(void **state)
{
    (void)state;
    char dir[] = "/tmp/peel-links-XXXXXX", path[64];
    scratch_book(dir, path, sizeof path, "links.xlsx");
    peel_err err;
    xl_book b;
    open_book(&b, &err, path, dir);
    xl_sheet *from = xl_sheet_add(&b, "Sources"), *to = xl_sheet_add(&b, "Data");
    assert_non_null(from);
    assert_non_null(to);
    for (lxw_row_t r = 0; r <= LXW_MAX_NUMBER_URLS; r++)
        xl_link(from, r, 0, to, r, 1, "Say \"B\"");
    assert_int_equal(from->nurl, LXW_MAX_NUMBER_URLS);
    assert_int_equal(xl_kit_close(&b.kit, PEEL_OK, &err), PEEL_OK);
    char cmd[400];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import re, sys, zipfile; sys.exit(not re.search("
             "r\"HYPERLINK\\(.#.Data.!B65531.,.Say ..B...\\)\", zipfile.ZipFile(sys.argv[1])"
             ".read(\"xl/worksheets/sheet1.xml\").decode()))' %s",
             path);
    assert_int_equal(system(cmd), 0);
    scratch_gone(dir);
    peel_arena_release(&b.arena);
}

/* A wrapped cell's row is as high as its lines: a line a line for text no
 * wider than its column (measured as the cell was written), words wrapped
 * for a paragraph wider, and the two mixed in one cell.  Width 10 gives a
 * line of 11 characters. */
static void test_row_heights(void **state)
{
    (void)state;
    char dir[] = "/tmp/peel-rows-XXXXXX", path[64];
    scratch_book(dir, path, sizeof path, "rows.xlsx");
    peel_err err;
    xl_book b;
    open_book(&b, &err, path, dir);
    xl_sheet *s = xl_sheet_add(&b, "Rows");
    assert_non_null(s);
    s->one_page = 1;
    xl_text(s, 4, 0, "short one", b.st.wrap);
    xl_text(s, 5, 0, "first line\nsecond", b.st.wrap);
    xl_text(s, 6, 0, "words that wrap over three lines", b.st.wrap);
    xl_text_kept(s, 7, 0, "ab\nwords that wrap over three lines", b.st.wrap);
    double width[XL_MAXCOL] = {10};
    xl_page_layout(s, width);
    assert_int_equal(xl_kit_close(&b.kit, PEEL_OK, &err), PEEL_OK);
    char cmd[600];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import re, sys, zipfile; x = zipfile.ZipFile(sys.argv[1])"
             ".read(\"xl/worksheets/sheet1.xml\").decode(); "
             "h = dict(re.findall(r\"<row r=.(\\d+).[^>]*?ht=.([0-9.]+)\", x)); "
             "sys.exit(h != {\"6\": \"27.5\", \"7\": \"40.25\", \"8\": \"53\"})' %s",
             path);
    assert_int_equal(system(cmd), 0);
    scratch_gone(dir);
    peel_arena_release(&b.arena);
}

/* A number format is made once per look: a pattern kept by address takes one
 * memo slot however often it is asked for, and a pattern made for one call
 * (a tolerance, a check row each) is found by its text and takes none, so
 * the memo stays the size of the looks, not of the rows. */
static void test_numfmt_memo(void **state)
{
    (void)state;
    char dir[] = "/tmp/peel-numfmt-XXXXXX", path[64];
    scratch_book(dir, path, sizeof path, "numfmt.xlsx");
    peel_err err;
    peel_arena arena;
    peel_arena_init(&arena);
    xl_kit kit;
    assert_int_equal(xl_kit_open(&kit, path, dir, 0, &arena, &err), PEEL_OK);
    static const char kept[] = "#,##0{.d}";
    lxw_format *one = xl_kit_numfmt(&kit, kept, 1, 0);
    for (int i = 0; i < 100; i++)
        assert_ptr_equal(xl_kit_numfmt(&kit, kept, 1, 0), one);
    assert_int_equal(kit.numfmts.n, 1);
    assert_ptr_not_equal(xl_kit_numfmt(&kit, kept, 2, 0), one);
    assert_int_equal(kit.numfmts.n, 2);
    lxw_format *tol = NULL;
    for (int i = 0; i < 100; i++) {
        char made[32];
        snprintf(made, sizeof made, "\"\xc2\xb1\"%s", "#,##0.0");
        lxw_format *f = xl_kit_numfmt_text(&kit, made, 0, 0);
        assert_true(tol == NULL || f == tol);
        tol = f;
    }
    assert_int_equal(kit.numfmts.n, 2);
    char same[16];
    snprintf(same, sizeof same, "%s", "#,##0.0");
    assert_ptr_equal(xl_kit_numfmt_text(&kit, same, 0, 0), one);
    assert_int_equal(xl_kit_close(&kit, PEEL_OK, &err), PEEL_OK);
    scratch_gone(dir);
    peel_arena_release(&arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defined_names),  cmocka_unit_test(test_sheet_names),
        cmocka_unit_test(test_expressions),    cmocka_unit_test(test_subst),
        cmocka_unit_test(test_arithmetic),     cmocka_unit_test(test_layout_errors),
        cmocka_unit_test(test_shipped_layout), cmocka_unit_test(test_missing_records),
        cmocka_unit_test(test_scratch),        cmocka_unit_test(test_links_past_url_limit),
        cmocka_unit_test(test_catalog),        cmocka_unit_test(test_text_measures),
        cmocka_unit_test(test_join),           cmocka_unit_test(test_numfmt_memo),
        cmocka_unit_test(test_row_heights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
