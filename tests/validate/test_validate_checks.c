/* The validate stage's checks, one table row per case: a record file's
 * header and rows, and the rejects (field:reason, in order) they must give.
 * Also the value grammar (numbers, years, periods) on its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "vd.h"

/* ---- value grammar ---- */

static void test_plain_numbers(void **state)
{
    (void)state;
    double v = 0;
    assert_true(vd_plain_number("30435", &v));
    assert_true(v == 30435);
    assert_true(vd_plain_number("-2", &v));
    assert_true(v == -2);
    assert_true(vd_plain_number("18.4", &v));
    assert_true(vd_plain_number("0", NULL));
    const char *bad[] = {"",   "-",  "+5", "1e3", "30,435", " 5",   "5 ",    "1.",
                         ".5", "£5", "5%", "nan", "inf",    "0x10", "1.2.3", "--1"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_false(vd_plain_number(bad[i], NULL));
}

/* A plain number's value is strtod's, bit for bit (-0 too), whether it is
 * read digit by digit (up to 15 digits, up to 22 after the point) or by
 * strtod: numbers of every length either side of those limits. */
static void test_plain_number_values(void **state)
{
    (void)state;
    const char *fixed[] = {"0", "-0", "-0.0", "0.1", "0.3", "18.4", "2.675", "999999999999999"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        double v = 1, want = strtod(fixed[i], NULL);
        assert_true(vd_plain_number(fixed[i], &v));
        assert_memory_equal(&v, &want, sizeof v);
    }
    unsigned long seed = 12345;
    for (int n = 0; n < 20000; n++) {
        char buf[64];
        size_t k = 0, whole = 1 + (size_t)n % 19, frac = (size_t)n / 19 % 26;
        if (n % 3 == 0)
            buf[k++] = '-';
        for (size_t i = 0; i < whole + frac; i++) {
            if (i == whole)
                buf[k++] = '.';
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            buf[k++] = (char)('0' + (seed >> 33) % 10);
        }
        buf[k] = '\0';
        double v = 0, want = strtod(buf, NULL);
        assert_true(vd_plain_number(buf, &v) || k > 40);
        if (k <= 40 && memcmp(&v, &want, sizeof v) != 0)
            fail_msg("%s: %.17g, strtod %.17g", buf, v, want);
    }
}

static void test_integers(void **state)
{
    (void)state;
    long n = 0;
    assert_true(vd_integer("1195", &n));
    assert_int_equal(n, 1195);
    assert_false(vd_integer("-1", NULL));
    assert_false(vd_integer("", NULL));
    assert_false(vd_integer("12a", NULL));
    assert_false(vd_integer("1234567890123456789", NULL));
    /* the most digits taken, and leading zeros, read as strtol reads them */
    assert_true(vd_integer("999999999999999999", &n));
    assert_true(n == 999999999999999999L);
    assert_true(vd_integer("007", &n));
    assert_int_equal(n, 7);
    assert_false(vd_integer(" 7", NULL));
}

static void test_year_labels(void **state)
{
    (void)state;
    assert_int_equal(vd_year_label("2018/19"), 2018);
    assert_int_equal(vd_year_label("2017"), 2017);
    assert_int_equal(vd_year_label("1999/00"), 1999);
    assert_int_equal(vd_year_label("2018/2019"), 2018);
    const char *bad[] = {"2018/20", "2018/1", "18/19", "1850", "2100",
                         "2018-19", "2018/",  "20189", "",     "year"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(vd_year_label(bad[i]), 0);
}

static void test_years_in_text(void **state)
{
    (void)state;
    char bad[32] = "";
    assert_true(vd_years_in_text("12 months ending 30 September 2018", bad, sizeof bad));
    assert_true(vd_years_in_text("2018/19 to 2022/23", bad, sizeof bad));
    assert_true(vd_years_in_text("31st March 2019", bad, sizeof bad));
    assert_true(vd_years_in_text("", bad, sizeof bad));
    assert_false(vd_years_in_text("2018/20 projection", bad, sizeof bad));
    assert_string_equal(bad, "2018/20");
    assert_false(vd_years_in_text("31 March 1850", bad, sizeof bad));
    assert_string_equal(bad, "1850");
}

static void test_periods(void **state)
{
    (void)state;
    const char *good[] = {"2019",
                          "2018/19",
                          "31 March 2019",
                          "31st March 2019",
                          "1st April 2018",
                          "22nd May 2019",
                          "March 2019",
                          "Sept 2019",
                          "2019-03-31",
                          "29 February 2020",
                          "2018/19 to 2022/23",
                          "31 March 2014 to 31 March 2019"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_true(vd_period(good[i]));
    const char *bad[] = {"",
                         "Spring 2019",
                         "29 February 2019",
                         "31 April 2019",
                         "32 March 2019",
                         "31th March 2019",
                         "2nd March 19",
                         "March  2019",
                         " 2019",
                         "2019 ",
                         "2019-02-30",
                         "2019-13-01",
                         "2018/20",
                         "2022/23 to 2018/19",
                         "2019 to",
                         "Q1 2019"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        if (vd_period(bad[i]))
            fail_msg("\"%s\" accepted as a period", bad[i]);
    }
}

static void test_vocabularies(void **state)
{
    (void)state;
    assert_true(vd_grade("Requires improvement"));
    assert_false(vd_grade("requires improvement"));
    assert_false(vd_grade("Great"));
    assert_false(vd_grade(""));
    assert_true(vd_finding_kind("area_for_improvement"));
    assert_false(vd_finding_kind("observation"));
    assert_true(vd_pillar("legitimacy"));
    assert_false(vd_pillar("Legitimacy"));
    assert_true(vd_has_text(" x "));
    assert_false(vd_has_text(" \t"));
}

/* ---- the checks through the schema table ---- */

typedef struct check_case {
    const char *name; /* what it exercises */
    const char *file; /* record file, or "sidecar" */
    const char *csv;  /* header and rows */
    const char *want; /* "field:reason" per reject, space-separated; "" for none */
} check_case;

static const check_case CASES[] = {
    /* judgments */
    {"judgment_good", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\n"
     "effectiveness,,Good,2018/19,10\neffectiveness,investigating-crime,Ungraded,2017,11\n",
     ""},
    {"judgment_unknown_grade", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\nefficiency,,Great,2018/19,10\n",
     "grade:unknown_grade"},
    {"judgment_component_without_grade", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\nefficiency,planning-for-the-future,,,\n",
     "grade:missing_field"},
    {"judgment_pillar_without_grade_left_to_completeness", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\nefficiency,,,,\n", ""},
    {"judgment_unknown_pillar", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\nefficency,,Good,2018/19,10\n",
     "pillar:unknown_pillar"},
    {"judgment_component_of_other_pillar", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\n"
     "effectiveness,planning-for-the-future,Good,2018/19,10\n",
     "component:unknown_component"},
    {"judgment_bad_years", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\n"
     "effectiveness,,Good,2018/20,10\nefficiency,,Good,2019/20,11\nlegitimacy,,Good,,12\n",
     "last_inspected:bad_year last_inspected:bad_year last_inspected:missing_field"},
    {"judgment_lines", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line,section_line,scope_line\n"
     "effectiveness,,Good,2018/19,,101,x\n",
     "source_line:missing_field section_line:line_out_of_range scope_line:not_a_number"},
    {"judgment_extras", "judgments.csv",
     "pillar,component,label,grade,last_inspected,source_line,inspected,summary_grade\n"
     "effectiveness,,,Good,2018/19,10,maybe,Fine\n",
     "label:empty_text inspected:unknown_value summary_grade:unknown_grade"},
    {"judgment_duplicate", "judgments.csv",
     "pillar,component,grade,last_inspected,source_line\n"
     "effectiveness,,Good,2018/19,10\neffectiveness,,Good,2018/19,10\n",
     "pillar:duplicate"},
    {"judgment_missing_column", "judgments.csv",
     "pillar,component,last_inspected,source_line\neffectiveness,,2018/19,10\n",
     "grade:missing_column"},
    /* tables */
    {"table_good", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\n"
     "t,r,percentage-change,-40,%,31 March 2014 to 31 March 2019,'-40%,5\n"
     "t,r,force,18.4,%,31 March 2019,18.4%,5\nt,r,spend,297,GBP per head,2018/19 "
     "projection,£297,6\n"
     "t,r,fte,30435,FTE,31 March 2019,\"30,435\",7\nt,r,n,,count,,n/a,8\n",
     ""},
    {"table_share_140", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\nt,r,force,140,%,,140%,5\n",
     "value:share_out_of_range"},
    {"table_negative_share", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\nt,r,force,-1,%,,-1%,5\n",
     "value:share_out_of_range"},
    {"table_change_below_minus_100", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\nt,r,change,-101,%,,-101%,5\n",
     "value:share_out_of_range"},
    {"table_change_may_fall_or_rise", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\n"
     "t,r,fte-change,-497,FTE,,-497,5\nt,r,change,250,%,,250%,5\n",
     ""},
    {"table_negative_money_and_counts", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\n"
     "t,r,fte,-1,FTE,,-1,5\nt,r,c,-1,count,,-1,5\nt,r,g,-1,GBP,,-£1,5\n"
     "t,r,p,-1,\"per 1,000 population\",,-1,5\n",
     "value:negative value:negative value:negative value:negative"},
    {"table_not_a_number", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\n"
     "t,r,c,\"30,435\",FTE,,x,5\nt,r,c,,FTE,,12x,5\n",
     "value:not_a_number raw:not_a_number"},
    {"table_unknown_unit", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\nt,r,c,5,fte,,5,5\nt,r,c,5,,,5,5\n",
     "unit:unknown_unit unit:missing_field"},
    {"table_keys_and_text", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\n,,,5,count,,,5\n",
     "table:missing_field row:missing_field column:missing_field raw:empty_text"},
    {"table_bad_period_year", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\nt,r,c,5,count,2018/20 projection,5,5\n",
     "period:bad_year"},
    {"table_source_line", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\n"
     "t,r,c,5,count,,5,101\nt,r,c,5,count,,5,0\nt,r,c,5,count,,5,\nt,r,c,5,count,,5,x\n",
     "source_line:line_out_of_range source_line:line_out_of_range source_line:missing_field "
     "source_line:not_a_number"},
    {"table_wrong_field_count", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\nt,r,c,5,count,,5,5,extra\n",
     ":wrong_field_count"},
    /* A short row: the fields past its end are checked as empty. */
    {"table_short_row", "tables.csv",
     "table,row,column,value,unit,period,raw,source_line\nt,r,c,5,count\n",
     ":wrong_field_count raw:empty_text source_line:missing_field"},
    /* The contract's fields are checked before the extra ones, whatever the
     * header's order; an extra column the header lacks is not checked. */
    {"figure_extra_after_contract", "figures.csv",
     "pillar,value,unit,raw,sentence,source_line\nnowhere,1850,year,1850,In 1850.,5\n",
     "value:bad_year pillar:unknown_pillar"},
    /* findings */
    {"finding_good", "findings.csv",
     "pillar,component,kind,text,source_line\n"
     "legitimacy,treating-workforce-fairly,area_for_improvement,The force should.,50\n"
     "effectiveness,,cause_of_concern,'- nested,51\n",
     ""},
    {"finding_everything_wrong", "findings.csv",
     "pillar,component,kind,text,source_line\nlegitimacy,nowhere,observation, ,500\n",
     "component:unknown_component kind:unknown_kind text:empty_text source_line:line_out_of_range"},
    {"finding_no_pillar", "findings.csv",
     "pillar,component,kind,text,source_line\n,investigating-crime,recommendation,Do it.,5\n",
     "pillar:missing_field component:unknown_component"},
    /* figures */
    {"figure_good", "figures.csv",
     "value,unit,raw,sentence,source_line,high\n"
     "2018,year,2018/19,In 2018/19 we did.,5,\n250000000,GBP,£250m to £475m,A plan.,5,475000000\n"
     "178,%,178 percent,Calls increased by 178 percent.,5,\n-3,,-3,Minus three.,5,\n",
     ""},
    {"figure_bad", "figures.csv",
     "value,unit,raw,sentence,source_line,high\n"
     "1850,year,1850,In 1850.,5,\n145,%,145 percent,It deals with 145 percent of crime.,5,\n"
     "5,GBP,£5,Range.,5,4\n5,parsec,5,x,5,\n",
     "value:bad_year value:share_out_of_range high:bad_range unit:unknown_unit"},
    /* A share above 100, or money below zero, passes only where its
     * sentence speaks of change: a word anywhere, in any case, even inside
     * another ("prosecuted" holds "rose"); "up" only before a space. */
    {"figure_change_words", "figures.csv",
     "value,unit,raw,sentence,source_line,high\n"
     "150,%,150 percent,RISEN by 150 percent.,5,\n150,%,150 percent,Up 150 percent on last "
     "year.,5,\n"
     "150,%,150 percent,150 percent of cases were prosecuted.,5,\n"
     "150,%,150 percent,A superb 150 percent it went up,5,\n"
     "-5,GBP,-£5m,The balance will change by -£5m.,5,\n-5,GBP,-£5m,The balance is -£5m.,5,\n",
     "value:share_out_of_range value:negative"},
    /* facts */
    {"fact_good", "facts.csv",
     "key,value,unit,period,source_line\n"
     "savings.planned,95000000,GBP,2019/20 to 2022/23,5\nreview.files,90,files,,5\n"
     "workforce.change,-12,%,,5\n",
     ""},
    {"fact_bad", "facts.csv",
     "key,value,unit,period,source_line\n,1.58bn,GBP,,5\nx,-5,GBP,,5\nx,5,parsecs,,5\n",
     "key:missing_field value:not_a_number value:negative unit:unknown_unit"},
    /* summaries, coverage, meta */
    {"summary_bad", "summaries.csv",
     "pillar,component,text,source_line\neffectiveness,armed-policing,,5\n", "text:empty_text"},
    {"coverage_unrecognised", "coverage.csv",
     "line,kind,detail\n1,blank,\n2,unrecognised,\n3,,\n4,prose,\n5,prose,\n6,prose,\n7,prose,\n"
     "8,prose,\n9,prose,\n10,prose,\n11,prose,\n",
     "kind:unrecognised_line kind:missing_field line:uncovered_line"},
    {"meta_bad", "meta.csv",
     "key,value,source_line\nforce,Northmoor Constabulary,5\nyear,2018/20,3\nlines,many,\n"
     ",x,\n",
     "value:bad_year value:not_a_number key:missing_field"},
    {"meta_missing_keys", "meta.csv", "key,value,source_line\nseries,PEEL,1\n",
     "key:missing_field key:missing_field key:missing_field"},
    /* sidecars */
    {"sidecar_good", "sidecar",
     "force,key,value,unit,period,source\n"
     "NORTHMOOR CONSTABULARY,budget.net,201500000,GBP,2019/20,Budget book\n"
     "Northmoor Constabulary,officers,1842,FTE,31 March 2019,\n"
     "Northmoor Constabulary,fte.change,-3,%,,HR\n",
     ""},
    {"sidecar_bad", "sidecar",
     "force,key,value,unit,period,source\n"
     "Southmoor Police,budget.net,1,GBP,2019,x\nNorthmoor Constabulary,,£5m,GPB,Spring 2019,x\n"
     ",k,140,%,2018/20,x\n",
     "force:force_mismatch key:missing_field value:not_a_number unit:unknown_unit "
     "period:bad_period force:missing_field value:share_out_of_range period:bad_year"},
    {"sidecar_missing_column", "sidecar",
     "force,key,value,period,source\nNorthmoor Constabulary,k,1,2019,x\n",
     "unit:missing_column unit:missing_field"},
};

/* The rejects of one case as "field:reason ..." */
static void run_case(const check_case *c, char *out, size_t cap)
{
    vd_ctx cx;
    vd_catalog cat = {0};
    peel_csv_doc doc;
    peel_err err = {0};
    vd_ctx_init(&cx);
    assert_int_equal(vd_catalog_load(&cat, PEEL_DATA_DIR, &err), PEEL_OK);
    cx.cat = &cat;
    cx.lines = 100;
    cx.year = 2018;
    cx.year_label = "2018/19";
    cx.force = "Northmoor Constabulary";
    assert_int_equal(peel_csv_parse(c->file, c->csv, strlen(c->csv), &doc, &err), PEEL_OK);
    peel_file f = PEEL_SIDECAR;
    for (size_t i = 0; i < PEEL_NRECORD_FILES; i++)
        if (strcmp(peel_schema((peel_file)i)->name, c->file) == 0)
            f = (peel_file)i;
    vd_check_doc(&cx, f, c->file, &doc);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < cx.rejects.n; i++) {
        const vd_reject_entry *j = cx.rejects.item[i];
        len += (size_t)snprintf(out + len, cap - len, "%s%s:%s", i ? " " : "", j->field, j->reason);
        assert_true(j->message[0] != '\0');
        assert_true(len < cap);
    }
    peel_csv_doc_release(&doc);
    vd_ctx_release(&cx);
    vd_catalog_release(&cat);
}

static void test_check_table(void **state)
{
    (void)state;
    int failed = 0;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        char got[2048];
        run_case(&CASES[i], got, sizeof got);
        if (strcmp(got, CASES[i].want) != 0) {
            print_error("case %s:\n  want: %s\n  got:  %s\n", CASES[i].name, CASES[i].want, got);
            failed++;
        }
    }
    assert_int_equal(failed, 0);
}

static void test_sidecar_units_fixed(void **state)
{
    (void)state;
    assert_true(vd_sidecar_unit("GBP"));
    assert_true(vd_sidecar_unit("per 1,000 population"));
    assert_false(vd_sidecar_unit("files")); /* a fact catalogue unit, not a finance one */
    assert_false(vd_sidecar_unit("gbp"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_numbers),
        cmocka_unit_test(test_plain_number_values),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_year_labels),
        cmocka_unit_test(test_years_in_text),
        cmocka_unit_test(test_periods),
        cmocka_unit_test(test_vocabularies),
        cmocka_unit_test(test_check_table),
        cmocka_unit_test(test_sidecar_units_fixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
