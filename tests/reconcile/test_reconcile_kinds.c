/* Each rule kind on a small hand-made report: one case that passes and one
 * that fails, plus malformed rules.  The records are written here so that
 * each case shows exactly the figures it is about. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

/* The cases fill one row template with the figure under test. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

#include "peel_csv.h"
#include "peel_schema.h"
#include "peel_text.h"
#include "reconcile.h"

static char root[256];
static int serial;

/* The record files of a report, each with its header (from the schema) and
 * these rows before any a case adds. */
static const struct {
    peel_file file;
    const char *rows;
} EMPTY[] = {
    {PEEL_META, "force,Testshire Police,5\r\nlines,900,\r\n"},
    {PEEL_JUDGMENTS, ""},
    {PEEL_TABLES, ""},
    {PEEL_FINDINGS, ""},
    {PEEL_FIGURES, ""},
    {PEEL_FACTS, ""},
    {PEEL_SUMMARIES, ""},
};

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* A fresh report folder whose `name` file gets `rows` after its header. */
static void make_report(char *dir, size_t cap, const char *name, const char *rows)
{
    char path[600];
    snprintf(dir, cap, "%s/r%d", root, ++serial);
    snprintf(path, sizeof path, "%s/data", dir);
    mkdir(dir, 0777);
    mkdir(path, 0777);
    for (size_t i = 0; i < sizeof EMPTY / sizeof *EMPTY; i++) {
        char text[4096], header[512];
        const char *file = peel_schema(EMPTY[i].file)->name;
        peel_schema_header(EMPTY[i].file, header, sizeof header);
        snprintf(path, sizeof path, "%s/data/%s", dir, file);
        snprintf(text, sizeof text, "%s\r\n%s%s", header, EMPTY[i].rows,
                 strcmp(file, name) == 0 ? rows : "");
        write_text(path, text);
    }
}

static char rules_path[300];

static void write_rules(const char *rows)
{
    char text[4096];
    snprintf(rules_path, sizeof rules_path, "%s/rules-%d.csv", root, ++serial);
    snprintf(text, sizeof text,
             "id,kind,pillar,description,expected,op,actual,unit,tolerance,on_fail,note\n%s",
             rows);
    write_text(rules_path, text);
}

/* Runs reconcile and returns the status of rule `id` (static buffer). */
static const char *status_of(const char *dir, const char *id)
{
    static char status[16];
    peel_reconcile_opts o = {
        .report_dir = dir, .rules_path = rules_path, .data_dir = PEEL_DATA_DIR, .quiet = 1};
    peel_reconcile_result res;
    peel_err err = {0};
    assert_int_equal(peel_reconcile_run(&o, &res, &err), PEEL_OK);
    char path[600];
    peel_csv_doc doc;
    snprintf(path, sizeof path, "%s/reconciliation.csv", dir);
    assert_int_equal(peel_csv_load(path, &doc, &err), PEEL_OK);
    status[0] = '\0';
    for (size_t r = 0; r < doc.nrow; r++)
        if (strcmp(peel_csv_get(&doc, r, 0), id) == 0)
            snprintf(status, sizeof status, "%s", peel_csv_get(&doc, r, peel_csv_col(&doc, "status")));
    peel_csv_doc_release(&doc);
    return status;
}

static void expect(const char *file, const char *rows, const char *id, const char *want)
{
    char dir[400];
    make_report(dir, sizeof dir, file, rows);
    assert_string_equal(status_of(dir, id), want);
}

static void change(void **state)
{
    (void)state;
    write_rules("");
    const char *fmt = "w,officer,fte-2019,%s,FTE,31 March 2019,x,10,,Workforce,Officer,FTE 2019\r\n"
                      "w,officer,fte-2014,100,FTE,31 March 2014,100,10,,Workforce,Officer,FTE 2014\r\n"
                      "w,officer,percentage-change,-2,%%,,-2%%,10,,Workforce,Officer,Percentage change\r\n";
    char rows[1024];
    snprintf(rows, sizeof rows, fmt, "98");
    expect("tables.csv", rows, "change:w:officer", "PASS");
    snprintf(rows, sizeof rows, fmt, "90"); /* -10%, stated -2% */
    expect("tables.csv", rows, "change:w:officer", "FAIL");
}

static void sum(void **state)
{
    (void)state;
    write_rules("");
    const char *fmt = "spend,spend,force-spend,10,GBP,,£10,20,,Spend,Spend,Force\r\n"
                      "spend-by-category,a,force-spend,4,GBP,,£4,21,,By category,A,Force\r\n"
                      "spend-by-category,b,force-spend,%s,GBP,,£%s,22,,By category,B,Force\r\n";
    char rows[1024];
    snprintf(rows, sizeof rows, fmt, "6", "6");
    expect("tables.csv", rows, "sum:spend-by-category:force-spend", "PASS");
    snprintf(rows, sizeof rows, fmt, "12", "12"); /* 16 against 10 */
    expect("tables.csv", rows, "sum:spend-by-category:force-spend", "FAIL");
}

static void shares_table(void **state)
{
    (void)state;
    write_rules("");
    const char *fmt = "eth,a,force-proportion,60,%%,,60%%,30,,Ethnicity,A (as %% of all),Force\r\n"
                      "eth,b,force-proportion,%s,%%,,%s%%,31,,Ethnicity,B (as %% of all),Force\r\n";
    char rows[1024];
    snprintf(rows, sizeof rows, fmt, "40", "40");
    expect("tables.csv", rows, "shares:eth:force-proportion:0", "PASS");
    snprintf(rows, sizeof rows, fmt, "50", "50");
    expect("tables.csv", rows, "shares:eth:force-proportion:0", "FAIL");
}

static const char *list_rows(char *buf, size_t cap, const char *last)
{
    snprintf(buf, cap,
             "56,%%,56 percent,56 percent of x,40,,effectiveness,,7,1,\r\n"
             "27,%%,27 percent,27 percent of y,41,,effectiveness,,7,2,\r\n"
             "%s,%%,%s percent,%s percent of z,42,,effectiveness,,7,3,\r\n",
             last, last, last);
    return buf;
}

static void shares_list(void **state)
{
    (void)state;
    char rows[1024];
    write_rules("");
    expect("figures.csv", list_rows(rows, sizeof rows, "17"), "shares:list:40", "PASS");
    expect("figures.csv", list_rows(rows, sizeof rows, "27"), "shares:list:40", "FAIL");
}

static void parts(void **state)
{
    (void)state;
    write_rules("");
    const char *fmt = "100000000,GBP,£100m,It will invest £100m:,50,,efficiency,,3,0,yes\r\n"
                      "60000000,GBP,£60m,£60m in buildings,51,,efficiency,,4,1,\r\n"
                      "%s000000,GBP,£%sm,£%sm in ICT,52,,efficiency,,4,2,\r\n";
    char rows[1024];
    snprintf(rows, sizeof rows, fmt, "40", "40", "40");
    expect("figures.csv", rows, "parts:list:51", "PASS");
    snprintf(rows, sizeof rows, fmt, "35", "35", "35"); /* £5m unexplained: a remainder */
    expect("figures.csv", rows, "parts:list:51", "WARN");
    snprintf(rows, sizeof rows, fmt, "20", "20", "20"); /* £20m short: far off, 20% */
    expect("figures.csv", rows, "parts:list:51", "FAIL");
    snprintf(rows, sizeof rows, fmt, "60", "60", "60"); /* more than the total */
    expect("figures.csv", rows, "parts:list:51", "FAIL");
}

static void same(void **state)
{
    (void)state;
    write_rules("");
    const char *fmt = "budget.gap,167000000,GBP,,60,£167m,efficiency,,p,a gap of £167m\r\n"
                      "budget.gap,%s,GBP,,61,£%sm,efficiency,,p,a gap of £%sm\r\n";
    char rows[1024];
    snprintf(rows, sizeof rows, fmt, "167000000", "167", "167");
    expect("facts.csv", rows, "same:budget.gap:2", "PASS");
    snprintf(rows, sizeof rows, fmt, "176000000", "176", "176");
    expect("facts.csv", rows, "same:budget.gap:2", "FAIL");
}

/* Only statements of the same fact are compared: the same key, unit and
 * period ("by 2022/23" and "2022/23" date the same gap; July and September
 * are two measurements, a rise in % and in £ a year two statements). */
static void same_like_with_like(void **state)
{
    (void)state;
    write_rules("");
    const char *fmt = "budget.gap,167000000,GBP,by 2022/23,60,£167m,efficiency,,p,a gap of £167m\r\n"
                      "budget.gap,176000000,GBP,%s,61,£176m,efficiency,,p,a gap of £176m\r\n";
    char rows[1024];
    snprintf(rows, sizeof rows, fmt, "2022/23");
    expect("facts.csv", rows, "same:budget.gap:2", "FAIL");
    snprintf(rows, sizeof rows, fmt, "2023/24");
    expect("facts.csv", rows, "same:budget.gap:2", "");
    expect("facts.csv",
           "calls.999_in_target,56,%,July 2018,60,56 percent,efficiency,,p,from 56 percent\r\n"
           "calls.999_in_target,78,%,September 2018,60,78 percent,efficiency,,p,to 78 percent\r\n",
           "same:calls.999_in_target:2", "");
    expect("facts.csv",
           "council_tax.rise,3.99,%,,60,3.99%,efficiency,,p,a rise of 3.99%\r\n"
           "council_tax.rise,24,GBP/year,,60,£24,efficiency,,p,or £24 a year\r\n",
           "same:council_tax.rise:2", "");
}

static void grade(void **state)
{
    (void)state;
    write_rules("");
    const char *fmt = "legitimacy,ethics,Ethics,Good,2018/19,20,yes,Good,20,%s,300,\r\n";
    char rows[1024];
    snprintf(rows, sizeof rows, fmt, "Good");
    expect("judgments.csv", rows, "grade:legitimacy:ethics", "PASS");
    snprintf(rows, sizeof rows, fmt, "Inadequate");
    expect("judgments.csv", rows, "grade:legitimacy:ethics", "FAIL");
}

static const char FACTS[] =
    "reserves.opening,154000000,GBP,,70,£154m,efficiency,,p,from £154m\r\n"
    "reserves.closing,43000000,GBP,,70,£43m,efficiency,,p,to £43m\r\n"
    "share.all,37,%,,80,37 percent,legitimacy,,p,37 percent of all\r\n"
    "share.a,33,%,,80,33 percent,legitimacy,,p,33 percent of a\r\n"
    "share.b,72,%,,80,72 percent,legitimacy,,p,72 percent of b\r\n"
    "count.a,300,count,,81,300,legitimacy,,p,300 of a\r\n"
    "count.b,100,count,,81,100,legitimacy,,p,100 of b\r\n"
    "backlog,148,count,,82,148,legitimacy,,p,148 people\r\n";

static void bound(void **state)
{
    (void)state;
    write_rules("fall,bound,,closing below opening,fact:reserves.opening,>=,fact:reserves.closing,GBP,,,\n"
                "rise,bound,,closing above opening,fact:reserves.opening,<=,fact:reserves.closing,GBP,,,\n");
    expect("facts.csv", FACTS, "fall", "PASS");
    expect("facts.csv", FACTS, "rise", "FAIL");
}

/* A rule that warns at most: near its tolerance a WARN, far off (over ten
 * times the tolerance and 10% of the larger figure) a FAIL all the same. */
static void soft_rule_band(void **state)
{
    (void)state;
    const char *fmt = "officers.now,%s,officers,,60,\"around %s\",efficiency,,p,\"around %s officers\"\r\n"
                      "officers.fte,30435,FTE,,61,\"30,435\",efficiency,,p,30,435 FTE\r\n";
    char rows[1024];
    write_rules("soft,same,,prose against table,fact:officers.fte,=,fact:officers.now,FTE,,WARN,\n");
    snprintf(rows, sizeof rows, fmt, "31000", "31,000", "31,000");
    expect("facts.csv", rows, "soft", "WARN");
    snprintf(rows, sizeof rows, fmt, "3812", "3,812", "3,812");
    expect("facts.csv", rows, "soft", "FAIL");
}

static void weighted_mean(void **state)
{
    (void)state;
    /* (33 * 300 + 72 * 100) / 400 = 42.75, not 37; the other weighting gives 52.5. */
    write_rules("wm,weighted_mean,,groups against all,fact:share.all,=,"
                "(fact:share.a * fact:count.a + fact:share.b * fact:count.b) / (fact:count.a + fact:count.b),%,,,\n"
                "wm2,weighted_mean,,groups against themselves,42.75,=,"
                "(fact:share.a * fact:count.a + fact:share.b * fact:count.b) / (fact:count.a + fact:count.b),%,,,\n");
    expect("facts.csv", FACTS, "wm", "FAIL");
    expect("facts.csv", FACTS, "wm2", "PASS");
}

static void proportion(void **state)
{
    (void)state;
    /* 148 of 400 is 37%; 148 of 300 is 49%. */
    write_rules("p1,proportion,,backlog over all,fact:share.all,=,fact:backlog / (fact:count.a + fact:count.b) * 100,%,,,\n"
                "p2,proportion,,backlog over a,fact:share.all,=,fact:backlog / fact:count.a * 100,%,,,\n");
    expect("facts.csv", FACTS, "p1", "PASS");
    expect("facts.csv", FACTS, "p2", "FAIL");
}

static void sidecar(void **state)
{
    (void)state;
    write_rules("open,sidecar,,schedule opening,fact:reserves.opening,=,sidecar:reserves.balance@first,GBP,,,\n"
                "close,sidecar,,schedule closing,fact:reserves.closing,=,sidecar:reserves.balance@last,GBP,,,\n");
    char dir[400], path[600];
    make_report(dir, sizeof dir, "facts.csv", FACTS);
    snprintf(path, sizeof path, "%s/data/sidecars", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/data/sidecars/finance.csv", dir);
    write_text(path, "force,key,value,unit,period,source\n"
                     "Testshire Police,reserves.balance,154000000,GBP,2019/20,finance\n"
                     "Testshire Police,reserves.balance,90000000,GBP,2020/21,finance\n"
                     "Testshire Police,reserves.balance,50000000,GBP,2022/23,finance\n"
                     "Testshire Police,reserves.opening,154000000,GBP,,finance\n"
                     "Testshire Police,overtime.hours,1200,count,2019/20,hr\n");
    assert_string_equal(status_of(dir, "open"), "PASS");
    assert_string_equal(status_of(dir, "close"), "FAIL"); /* £50m against £43m */
    assert_string_equal(status_of(dir, "sidecar:sidecars/finance.csv:5"), "PASS");
    /* Rows used by rules get no check of their own; rows nothing uses are
     * listed as skipped, not dropped. */
    assert_string_equal(status_of(dir, "sidecar:sidecars/finance.csv:2"), "");
    assert_string_equal(status_of(dir, "sidecar:sidecars/finance.csv:6"), "SKIP");
}

static void skip_missing(void **state)
{
    (void)state;
    write_rules("gone,bound,,needs a fact,fact:nowhere,>=,1,,,,\n");
    expect("facts.csv", FACTS, "gone", "SKIP");
}

/* A malformed rule is an error naming the file, line and field. */
static void malformed(void **state)
{
    (void)state;
    static const struct {
        const char *row, *field;
    } cases[] = {
        {"a,guess,,x,1,=,1,,,,\n", "kind"},
        {"a,bound,,x,1 +,=,1,,,,\n", "expected"},
        {"a,bound,,x,1,~,1,,,,\n", "op"},
        {"a,bound,,x,1,=,fact:a),,,,\n", "actual"},
        {"a,bound,,x,1,=,1,,-1,,\n", "tolerance"},
        {"a,bound,nowhere,x,1,=,1,,,,\n", "pillar"},
        {"a,bound,,x,1,=,1,,,MAYBE,\n", "on_fail"},
        {"a,bound,,x,1,=,1,,,,\na,bound,,y,1,=,1,,,,\n", "id"},
    };
    char dir[400];
    make_report(dir, sizeof dir, "facts.csv", FACTS);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_rules(cases[i].row);
        peel_reconcile_opts o = {
        .report_dir = dir, .rules_path = rules_path, .data_dir = PEEL_DATA_DIR, .quiet = 1};
        peel_reconcile_result res;
        peel_err err = {0};
        assert_int_equal(peel_reconcile_run(&o, &res, &err), PEEL_EDATA);
        assert_string_equal(err.file, rules_path);
        assert_int_equal(err.line, strcmp(cases[i].field, "id") == 0 ? 3 : 2);
        assert_string_equal(err.field, cases[i].field);
    }
}

static char *reconciliation(const char *dir)
{
    char path[600], *text;
    size_t len;
    peel_err err = {0};
    snprintf(path, sizeof path, "%s/reconciliation.csv", dir);
    assert_int_equal(peel_file_read(path, 1 << 24, &text, &len, &err), PEEL_OK);
    return text;
}

/* The catalogue peel-run loads once for every report: the shipped rules,
 * the user's and the table lines, checking as the stage's own loading
 * does, borrowed by run after run; its errors those of the stage's own. */
static void catalog(void **state)
{
    (void)state;
    char dir[400];
    make_report(dir, sizeof dir, "facts.csv", FACTS);
    write_rules("fall,bound,,closing below opening,fact:reserves.opening,>=,fact:reserves.closing,"
                "GBP,,,\n");
    peel_reconcile_opts o = {
        .report_dir = dir, .extra_rules = rules_path, .data_dir = PEEL_DATA_DIR, .quiet = 1};
    peel_reconcile_result res;
    peel_err err = {0};
    assert_int_equal(peel_reconcile_run(&o, &res, &err), PEEL_OK);
    char *own = reconciliation(dir);
    assert_non_null(strstr(own, "\nfall,"));
    peel_reconcile_catalog *cat = NULL;
    assert_int_equal(peel_reconcile_catalog_new(PEEL_DATA_DIR, rules_path, &cat, &err), PEEL_OK);
    peel_reconcile_opts b = {.report_dir = dir, .catalog = cat, .quiet = 1};
    for (int run = 0; run < 2; run++) {
        assert_int_equal(peel_reconcile_run(&b, &res, &err), PEEL_OK);
        char *borrowed = reconciliation(dir);
        assert_string_equal(own, borrowed);
        free(borrowed);
    }
    free(own);
    peel_reconcile_catalog_free(cat);
    assert_int_equal(peel_reconcile_catalog_new(NULL, NULL, &cat, &err), PEEL_EUSAGE);
    assert_null(cat);
    assert_int_equal(peel_reconcile_catalog_new("/nonexistent", NULL, &cat, &err), PEEL_ENOINPUT);
    assert_null(cat);
    assert_non_null(strstr(err.file, "rules.csv"));
    write_rules("a,bound,,x,1,~,1,,,,\n");
    assert_int_equal(peel_reconcile_catalog_new(PEEL_DATA_DIR, rules_path, &cat, &err), PEEL_EDATA);
    assert_null(cat);
    assert_string_equal(err.file, rules_path);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.field, "op");
    peel_reconcile_catalog_free(NULL);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/peel-rc-XXXXXX");
    return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(change),       cmocka_unit_test(sum),
        cmocka_unit_test(shares_table), cmocka_unit_test(shares_list),
        cmocka_unit_test(parts),        cmocka_unit_test(same),
        cmocka_unit_test(grade),        cmocka_unit_test(bound),
        cmocka_unit_test(same_like_with_like),
        cmocka_unit_test(soft_rule_band),
        cmocka_unit_test(weighted_mean), cmocka_unit_test(proportion),
        cmocka_unit_test(sidecar),      cmocka_unit_test(skip_missing),
        cmocka_unit_test(malformed),    cmocka_unit_test(catalog),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
