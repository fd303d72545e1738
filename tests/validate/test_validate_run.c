/* peel_validate_run in process, and the contract with the later stages:
 * what validation rejects, peel_report_load and peel_data_load leave out,
 * and nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest.h"
#include "peel_afile.h"
#include "peel_report.h"
#include "peel_text.h"
#include "validate.h"

typedef struct fixture {
    char root[256];    /* temporary output root */
    char report[4096]; /* the ingested report's folder */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->root, sizeof f->root, "/tmp/peel-validate-test.XXXXXX");
    if (!mkdtemp(f->root))
        return -1;
    peel_ingest_opts o = {
        .input = NORTHMOOR_REPORT, .outdir = f->root, .data_dir = PEEL_DATA_DIR, .quiet = 1};
    peel_ingest_result res;
    peel_err err = {0};
    if (peel_ingest_run(&o, &res, &err) != PEEL_OK)
        return -1;
    snprintf(f->report, sizeof f->report, "%s", res.report_dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->root);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Replaces the first `from` in data/<name> with `to`. */
static void edit(const fixture *f, const char *name, const char *from, const char *to)
{
    char path[4400], *data;
    size_t len;
    peel_err err = {0};
    snprintf(path, sizeof path, "%s/data/%s", f->report, name);
    assert_int_equal(peel_file_read(path, 1 << 24, &data, &len, &err), PEEL_OK);
    char *at = strstr(data, from);
    assert_non_null(at);
    size_t nf = strlen(from), nt = strlen(to);
    char *out = malloc(len - nf + nt + 1);
    memcpy(out, data, (size_t)(at - data));
    memcpy(out + (at - data), to, nt);
    memcpy(out + (at - data) + nt, at + nf, len - (size_t)(at - data) - nf + 1);
    assert_int_equal(peel_afile_write(path, out, strlen(out), &err), PEEL_OK);
    free(out);
    free(data);
}

static void write_file(const fixture *f, const char *name, const char *text)
{
    char path[4400];
    peel_err err = {0};
    snprintf(path, sizeof path, "%s/data/%s", f->report, name);
    assert_int_equal(peel_afile_write(path, text, strlen(text), &err), PEEL_OK);
}

static peel_status validate(const fixture *f, peel_validate_result *res)
{
    peel_validate_opts o = {.report_dir = f->report, .data_dir = PEEL_DATA_DIR, .quiet = 1};
    peel_err err = {0};
    return peel_validate_run(&o, res, &err);
}

static int has_value(const peel_csv_doc *doc, const char *col, const char *value)
{
    int c = peel_csv_col(doc, col);
    for (size_t r = 0; r < doc->nrow; r++)
        if (strcmp(peel_csv_get(doc, r, c), value) == 0)
            return 1;
    return 0;
}

/* The fictional force as ingested: nothing to reject, every record kept. */
static void test_clean_report(void **state)
{
    fixture *f = *state;
    peel_validate_result res;
    assert_int_equal(validate(f, &res), PEEL_OK);
    assert_int_equal(res.rejects, 0);
    assert_int_equal(res.incomplete, 0);
    assert_true(res.records > 0);
    peel_report rep;
    peel_err err = {0};
    assert_int_equal(peel_report_load(&rep, f->report, &err), PEEL_OK);
    assert_int_equal(rep.rejects.nrow, 0);
    assert_int_equal(rep.tables.nrow, 29);
    peel_report_release(&rep);
}

/* A bad table cell and a bad finding are left out by peel_report_load; the
 * rows around them are not. */
static void test_rejected_rows_left_out(void **state)
{
    fixture *f = *state;
    peel_validate_result res;
    edit(f, "tables.csv", ",1842,FTE,", ",-1842,FTE,");
    edit(f, "findings.csv", ",cause_of_concern,", ",concern,");
    assert_int_equal(validate(f, &res), PEEL_OK);
    assert_int_equal(res.rejects, 2);
    assert_int_equal(res.rejected_records, 2);
    peel_report rep;
    peel_err err = {0};
    assert_int_equal(peel_report_load(&rep, f->report, &err), PEEL_OK);
    assert_int_equal(rep.rejects.nrow, 2);
    assert_int_equal(rep.tables.nrow, 28);
    assert_false(has_value(&rep.tables, "value", "-1842"));
    assert_true(has_value(&rep.tables, "value", "1905")); /* the next cell of the same row */
    assert_false(has_value(&rep.findings, "kind", "concern"));
    assert_false(has_value(&rep.findings, "kind", "cause_of_concern"));
    assert_true(has_value(&rep.findings, "kind", "recommendation"));
    peel_report_release(&rep);
}

/* Good sidecar rows reach the later stages; the bad one does not. */
static void test_sidecar_good_rows_kept(void **state)
{
    fixture *f = *state;
    peel_validate_result res;
    char dir[4400];
    peel_err err = {0};
    snprintf(dir, sizeof dir, "%s/data/sidecars", f->report);
    assert_int_equal(peel_mkdirs(dir, &err), PEEL_OK);
    write_file(f, "sidecars/finance.csv",
               "force,key,value,unit,period,source\n"
               "Northmoor Constabulary,budget.net,201500000,GBP,2019/20,Budget book\n"
               "Northmoor Constabulary,budget.gross,\"230,000,000\",GBP,2019/20,Budget book\n"
               "Northmoor Constabulary,reserves.general,12000000,GBP,31 March 2019,Accounts\n");
    assert_int_equal(validate(f, &res), PEEL_OK);
    peel_report rep;
    assert_int_equal(peel_report_load(&rep, f->report, &err), PEEL_OK);
    int cf = peel_csv_col(&rep.rejects, "file"), cl = peel_csv_col(&rep.rejects, "line");
    int cr = peel_csv_col(&rep.rejects, "reason");
    size_t sidecar_rejects = 0;
    for (size_t r = 0; r < rep.rejects.nrow; r++)
        if (strcmp(peel_csv_get(&rep.rejects, r, cf), "sidecars/finance.csv") == 0) {
            sidecar_rejects++;
            assert_string_equal(peel_csv_get(&rep.rejects, r, cl), "3");
            assert_string_equal(peel_csv_get(&rep.rejects, r, cr), "not_a_number");
        }
    assert_int_equal(sidecar_rejects, 1);
    peel_csv_doc side;
    assert_int_equal(peel_data_load(f->report, "sidecars/finance.csv", &rep.rejects, &side, &err),
                     PEEL_OK);
    assert_int_equal(side.nrow, 2);
    assert_true(has_value(&side, "key", "budget.net"));
    assert_true(has_value(&side, "key", "reserves.general"));
    peel_csv_doc_release(&side);
    peel_report_release(&rep);
}

/* A pillar with no grade: PEEL_EDATA, named in res->missing, rejects.csv
 * still written and the rest of the records still loadable. */
static void test_missing_pillar(void **state)
{
    fixture *f = *state;
    peel_validate_result res;
    edit(f, "judgments.csv", "efficiency,,Efficiency,Good,", "efficiency,,Efficiency,,");
    assert_int_equal(validate(f, &res), PEEL_EDATA);
    assert_int_equal(res.incomplete, 1);
    assert_int_equal(res.truncated, 0);
    assert_string_equal(res.missing, "efficiency");
    peel_report rep;
    peel_err err = {0};
    assert_int_equal(peel_report_load(&rep, f->report, &err), PEEL_OK);
    assert_true(has_value(&rep.rejects, "reason", "missing_pillar"));
    assert_true(has_value(&rep.judgments, "component", "meeting-current-demands"));
    peel_report_release(&rep);
}

static void test_no_records(void **state)
{
    (void)state;
    peel_validate_opts o = {.report_dir = "/nonexistent/report", .data_dir = PEEL_DATA_DIR};
    peel_validate_result res;
    peel_err err = {0};
    assert_int_equal(peel_validate_run(&o, &res, &err), PEEL_ENOINPUT);
    assert_non_null(strstr(err.file, "meta.csv"));
    peel_validate_opts none = {0};
    assert_int_equal(peel_validate_run(&none, &res, &err), PEEL_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_clean_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rejected_rows_left_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sidecar_good_rows_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_pillar, setup, teardown),
        cmocka_unit_test(test_no_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
