/* peel_validate_run in process, and the contract with the later stages:
 * what validation rejects, peel_records_load leaves out, and nothing else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ingest.h"
#include "peel_afile.h"
#include "peel_rec.h"
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
    peel_status st = peel_ingest_run(&o, &res, &err);
    peel_warnings_release(&res.warnings);
    if (st != PEEL_OK)
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

static int has_cell_value(const peel_records *rec, double v)
{
    for (size_t r = 0; r < rec->ncell; r++)
        if (rec->cells[r].value.has && rec->cells[r].value.v == v)
            return 1;
    return 0;
}

static int has_kind(const peel_records *rec, peel_kind k)
{
    for (size_t r = 0; r < rec->nfinding; r++)
        if (rec->findings[r].kind == k)
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
    peel_records rec;
    peel_err err = {0};
    assert_int_equal(peel_records_load(&rec, f->report, 0, &err), PEEL_OK);
    assert_int_equal(rec.nreject, 0);
    assert_int_equal(rec.ncell, 29);
    peel_records_release(&rec);
}

/* A bad table cell and a bad finding are left out by peel_records_load; the
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
    peel_records rec;
    peel_err err = {0};
    assert_int_equal(peel_records_load(&rec, f->report, 0, &err), PEEL_OK);
    assert_int_equal(rec.nreject, 2);
    assert_int_equal(rec.ncell, 28);
    assert_false(has_cell_value(&rec, -1842));
    assert_true(has_cell_value(&rec, 1905)); /* the next cell of the same row */
    assert_false(has_kind(&rec, PEEL_CAUSE_OF_CONCERN));
    assert_true(has_kind(&rec, PEEL_RECOMMENDATION));
    peel_records_release(&rec);
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
    peel_records rec;
    assert_int_equal(peel_records_load(&rec, f->report, 0, &err), PEEL_OK);
    size_t sidecar_rejects = 0;
    for (size_t r = 0; r < rec.nreject; r++)
        if (strcmp(rec.rejects[r].file, "sidecars/finance.csv") == 0) {
            sidecar_rejects++;
            assert_int_equal(rec.rejects[r].line, 3);
            assert_string_equal(rec.rejects[r].reason, "not_a_number");
        }
    assert_int_equal(sidecar_rejects, 1);
    assert_int_equal(rec.nsidecar, 2);
    assert_string_equal(rec.sidecars[0].key, "budget.net");
    assert_string_equal(rec.sidecars[1].key, "reserves.general");
    assert_string_equal(rec.sidecars[1].file, "sidecars/finance.csv");
    assert_int_equal(rec.sidecars[1].row, 4);
    peel_records_release(&rec);
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
    peel_records rec;
    peel_err err = {0};
    assert_int_equal(peel_records_load(&rec, f->report, 0, &err), PEEL_OK);
    int missing_pillar = 0, component = 0;
    for (size_t r = 0; r < rec.nreject; r++)
        missing_pillar |= strcmp(rec.rejects[r].reason, "missing_pillar") == 0;
    for (size_t r = 0; r < rec.njudgment; r++)
        component |= strcmp(rec.judgments[r].component, "meeting-current-demands") == 0;
    assert_true(missing_pillar && component);
    peel_records_release(&rec);
}

/* ---- the handoff: records in memory are those their files give ---- */

/* Every field of every record the same (through the schema), and the
 * printed precision of figures derived the same. */
static void assert_same_records(const peel_records *a, const peel_records *b)
{
    for (int f = 0; f < PEEL_NFILE; f++) {
        const peel_file_schema *s = peel_schema((peel_file)f);
        size_t na, nb;
        const char *ia = peel_records_items(a, (peel_file)f, &na);
        const char *ib = peel_records_items(b, (peel_file)f, &nb);
        assert_int_equal(na, nb);
        for (size_t k = 0; k < na; k++) {
            const char *x = ia + k * s->size, *y = ib + k * s->size;
            assert_int_equal(*(const long *)(const void *)x, *(const long *)(const void *)y);
            for (size_t i = 0; i < s->nfield; i++) {
                const peel_field *fd = &s->field[i];
                const void *px = x + fd->offset, *py = y + fd->offset;
                switch (fd->type) {
                case PEEL_FT_STR:
                case PEEL_FT_TEXT:
                    assert_string_equal(*(const char *const *)px, *(const char *const *)py);
                    break;
                case PEEL_FT_LINE:
                case PEEL_FT_INT:
                    assert_int_equal(*(const long *)px, *(const long *)py);
                    break;
                case PEEL_FT_VALUE: {
                    const peel_value *u = px, *v = py;
                    assert_int_equal(u->has, v->has);
                    assert_int_equal(u->dec, v->dec);
                    assert_true(u->v == v->v);
                    break;
                }
                case PEEL_FT_CVAL: {
                    const peel_cval *u = px, *v = py;
                    assert_string_equal(u->text, v->text);
                    assert_int_equal(u->num, v->num);
                    assert_int_equal(u->dec, v->dec);
                    assert_true(u->v == v->v || (!u->num && !v->num));
                    break;
                }
                default: /* the closed vocabularies */
                    assert_int_equal(*(const int *)px, *(const int *)py);
                }
            }
        }
    }
    for (size_t k = 0; k < a->ncell; k++) {
        const peel_printed *u = &a->cells[k].printed, *v = &b->cells[k].printed;
        assert_true(u->parsed == v->parsed && u->decimals == v->decimals && u->scale == v->scale &&
                    u->approx == v->approx && u->half == v->half);
    }
    for (size_t k = 0; k < a->nfact; k++)
        assert_true(a->facts[k].printed.half == b->facts[k].printed.half);
    for (size_t k = 0; k < a->nfigure; k++)
        assert_true(a->figures[k].printed.half == b->figures[k].printed.half);
}

static char *read_rejects(const char *report)
{
    char path[4400], *data;
    size_t len;
    peel_err err = {0};
    snprintf(path, sizeof path, "%s/data/rejects.csv", report);
    assert_int_equal(peel_file_read(path, 1 << 24, &data, &len, &err), PEEL_OK);
    return data;
}

/* A report as peel-run's worker passes it on: ingest's records validated in
 * memory are the records validating its files gives, and those
 * peel_records_load reads; rejects.csv is the same either way. */
static void handoff(const char *input)
{
    char root[] = "/tmp/peel-handoff-test.XXXXXX";
    assert_non_null(mkdtemp(root));
    peel_records mem, files, loaded;
    peel_records_init(&files);
    peel_ingest_opts io = {
        .input = input, .outdir = root, .data_dir = PEEL_DATA_DIR, .records = &mem};
    peel_ingest_result ir;
    peel_err err = {0};
    assert_int_equal(peel_ingest_run(&io, &ir, &err), PEEL_OK);
    peel_warnings_release(&ir.warnings);
    char dir[4400];
    snprintf(dir, sizeof dir, "%s/data/sidecars", ir.report_dir);
    assert_int_equal(peel_mkdirs(dir, &err), PEEL_OK);
    snprintf(dir, sizeof dir, "%s/data/sidecars/finance.csv", ir.report_dir);
    char sidecar[1024];
    const char *force = peel_records_meta(&mem, "force");
    snprintf(sidecar, sizeof sidecar,
             "force,key,value,unit,period,source\n"
             "%s,budget.net,201500000,GBP,2019/20,=Budget\n"
             "%s,budget.gross,lots,GBP,2019/20,Budget book\n",
             force, force);
    assert_int_equal(peel_afile_write(dir, sidecar, strlen(sidecar), &err), PEEL_OK);

    peel_validate_result vr;
    peel_validate_opts vo = {
        .report_dir = ir.report_dir, .data_dir = PEEL_DATA_DIR, .records = &mem};
    peel_status st = peel_validate_run(&vo, &vr, &err);
    assert_true(st == PEEL_OK || st == PEEL_EDATA);
    assert_true(mem.validated);
    char *first = read_rejects(ir.report_dir);
    vo.records = &files;
    assert_int_equal(peel_validate_run(&vo, &vr, &err), st);
    assert_true(files.validated);
    char *second = read_rejects(ir.report_dir);
    assert_string_equal(first, second);
    assert_int_equal(peel_records_load(&loaded, ir.report_dir, 1, &err), PEEL_OK);
    assert_true(mem.nsidecar > 0 && mem.nreject > 0);
    assert_same_records(&mem, &files);
    assert_same_records(&files, &loaded);
    free(first);
    free(second);
    peel_records_release(&mem);
    peel_records_release(&files);
    peel_records_release(&loaded);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

static void test_handoff(void **state)
{
    (void)state;
    handoff(NORTHMOOR_REPORT);
    handoff(MET_REPORT);
}

/* The catalogue peel-run loads once for every report: the same rejects as
 * the stage's own loading (an unknown unit is the catalogue's to find),
 * borrowed by run after run; its errors those of the stage's own. */
static void test_catalog(void **state)
{
    fixture *f = *state;
    peel_validate_result res;
    peel_err err = {0};
    edit(f, "tables.csv", ",1842,FTE,", ",1842,FTX,");
    assert_int_equal(validate(f, &res), PEEL_OK);
    char *own = read_rejects(f->report);
    assert_non_null(strstr(own, "unknown_unit"));
    peel_validate_catalog *cat = NULL;
    assert_int_equal(peel_validate_catalog_new(PEEL_DATA_DIR, &cat, &err), PEEL_OK);
    peel_validate_opts o = {.report_dir = f->report, .catalog = cat, .data_dir = PEEL_DATA_DIR};
    for (int run = 0; run < 2; run++) {
        assert_int_equal(peel_validate_run(&o, &res, &err), PEEL_OK);
        char *borrowed = read_rejects(f->report);
        assert_string_equal(own, borrowed);
        free(borrowed);
    }
    free(own);
    peel_validate_catalog_free(cat);
    assert_int_equal(peel_validate_catalog_new(NULL, &cat, &err), PEEL_EUSAGE);
    assert_null(cat);
    assert_int_equal(peel_validate_catalog_new("/nonexistent", &cat, &err), PEEL_ENOINPUT);
    assert_null(cat);
    assert_non_null(strstr(err.file, "components.csv"));
    peel_validate_catalog_free(NULL);
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
        cmocka_unit_test_setup_teardown(test_catalog, setup, teardown),
        cmocka_unit_test(test_handoff),
        cmocka_unit_test(test_no_records),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
