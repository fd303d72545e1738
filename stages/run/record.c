/* What the run leaves: summary.xlsx (the xlsx stage's overview) and
 * manifest.csv, each written only when it changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "peel_afile.h"
#include "peel_text.h"
#include "xlsx.h"

/* ---- manifest and summary ---- */

static int slug_of_report(const void *slug, const void *report)
{
    return strcmp(slug, ((const rn_report *)report)->in->slug);
}

/* What the probe that built report `slug` read ahead of its records for
 * summary.xlsx, when its folder now holds what was staged (its build and
 * its commit succeeded); else NULL, and the summary reads the folder. */
static const peel_xlsx_overview_kept *kept_of(const rn_batch *b, const char *slug)
{
    const rn_report *r =
        b->nreport ? bsearch(slug, b->reports, b->nreport, sizeof *b->reports, slug_of_report)
                   : NULL;
    return r && r->built && r->res.status == PEEL_OK ? r->in->kept : NULL;
}

/* summary.xlsx (the xlsx stage's overview) over the report rows given
 * (rn_row*, sorted by slug). */
static peel_status summary_write(const rn_batch *b, const peel_vec *rows, peel_err *err)
{
    peel_xlsx_overview_report *reps = peel_xcalloc(rows->n + 1, sizeof *reps);
    for (size_t i = 0; i < rows->n; i++) {
        const rn_row *r = rows->item[i];
        reps[i] = (peel_xlsx_overview_report){r->f[RN_C_REPORT], r->f[RN_C_STATUS],
                                              kept_of(b, r->f[RN_C_REPORT])};
    }
    peel_status st = peel_xlsx_overview_write(b->outdir, b->data_dir, b->catalogs.xlsx, NULL, reps,
                                              rows->n, err);
    free(reps);
    return st;
}

/* summary.xlsx is written in a worker process of its own, like a report:
 * what libxlsxwriter prints reaches the log as the run's own lines
 * (rn_worker_said), and a crash while writing it costs the summary only. */
typedef struct summary_job {
    rn_batch *b;
    const peel_vec *rows;
    rn_result res;
} summary_job;

static void summary_work(void *ctx, size_t i, rn_result *res, peel_buf *extra)
{
    (void)i;
    (void)extra;
    summary_job *j = ctx;
    peel_err e = {0};
    if (summary_write(j->b, j->rows, &e) != PEEL_OK)
        rn_result_fail(res, "summary", &e);
}

static void summary_started(void *ctx, size_t i)
{
    (void)ctx;
    (void)i;
}

static void summary_finished(void *ctx, size_t i, const rn_result *res, const char *extra)
{
    (void)i;
    (void)extra;
    ((summary_job *)ctx)->res = *res;
}

static void summary_said(void *ctx, size_t i, const char *line)
{
    (void)i;
    rn_worker_said(((summary_job *)ctx)->b, "summary.xlsx", NULL, NULL, line);
}

/* The summary written by its worker: PEEL_OK, or its status with the reason
 * in msg. */
static peel_status summary_run(rn_batch *b, const peel_vec *rows, char *msg, size_t cap)
{
    peel_err e = {0};
    peel_status st = peel_mkdirs(b->stage_root, &e);
    if (st != PEEL_OK) {
        peel_err_format(&e, msg, cap);
        return st;
    }
    summary_job j = {.b = b, .rows = rows};
    rn_result_init(&j.res);
    rn_pool_ops ops = {summary_work, summary_started, summary_finished, summary_said, NULL, NULL,
                       NULL};
    rn_pool_run(1, 1, &ops, &j);
    if (j.res.status != PEEL_OK)
        snprintf(msg, cap, "%s", j.res.reason);
    return (peel_status)j.res.status;
}

static void put_seconds(rn_row *row, const double *s)
{
    double total = 0;
    for (int k = 0; k < PEEL_RUN_NSTAGE; k++) {
        if (s[k] >= 0) {
            rn_row_setf(row, (rn_col)(RN_C_SEC_FIRST + k), "%.3f", s[k]);
            total += s[k];
        }
    }
    rn_row_setf(row, RN_C_SEC_TOTAL, "%.3f", total);
}

static rn_row *built_row(const rn_batch *b, const rn_report *r)
{
    const rn_kept *res = &r->res;
    rn_row *row = rn_row_new();
    rn_row_set(row, RN_C_KIND, "report");
    rn_row_set(row, RN_C_REPORT, r->in->slug);
    rn_row_set(row, RN_C_FORCE, r->in->force);
    rn_row_set(row, RN_C_STATUS, rn_status_word(res));
    rn_row_set(row, RN_C_INPUT, r->in->path);
    /* What ingest read, when it read this report (the file may have changed
     * since it was listed): the row records only what was built for the
     * report, never the identity of a file that turned out to be another. */
    if (res->input_size >= 0) {
        rn_row_setf(row, RN_C_INPUT_SIZE, "%lld", res->input_size);
        rn_row_setf(row, RN_C_INPUT_CRC, "%08x", (unsigned)res->input_crc);
    }
    rn_row_set(row, RN_C_SIDECARS, r->sidecar_key);
    rn_row_set(row, RN_C_RULES_CRC, b->rules_crc);
    rn_row_set(row, RN_C_PROGRAM, b->program);
    rn_row_set(row, RN_C_OUTPUTS, r->outputs);
    if (res->status == PEEL_OK) {
        rn_row_setf(row, RN_C_WARNINGS, "%ld", res->warnings);
        rn_row_setf(row, RN_C_REJECTS, "%ld", res->rejects);
        rn_row_setf(row, RN_C_PASS, "%ld", res->pass);
        rn_row_setf(row, RN_C_WARN, "%ld", res->warn);
        rn_row_setf(row, RN_C_FAIL, "%ld", res->fail);
        rn_row_setf(row, RN_C_SKIP, "%ld", res->skip);
    }
    rn_row_set(row, RN_C_STAGE, res->stage);
    /* Relative to the output folder, so that the manifest does not depend on
     * how the folder was named on the command line. */
    size_t n = strlen(b->outdir);
    const char *reason = res->reason;
    if (strncmp(reason, b->outdir, n) == 0 && reason[n] == '/')
        reason += n + 1;
    rn_row_set(row, RN_C_REASON, reason);
    put_seconds(row, res->seconds);
    return row;
}

static rn_row *input_row(const rn_input *in)
{
    rn_row *row = rn_row_new();
    rn_row_set(row, RN_C_KIND, "input");
    rn_row_set(row, RN_C_STATUS, "failed");
    rn_row_set(row, RN_C_INPUT, in->path);
    if (in->size >= 0) {
        rn_row_setf(row, RN_C_INPUT_SIZE, "%lld", in->size);
        rn_row_setf(row, RN_C_INPUT_CRC, "%08x", (unsigned)in->crc);
    }
    rn_row_set(row, RN_C_STAGE, in->dup >= 0 ? "run" : in->probed ? in->probe.stage : "read");
    /* No timings: an input that fails the same way again leaves the manifest as it was. */
    rn_row_set(row, RN_C_REASON, in->why);
    return row;
}

static int folder_exists(const rn_batch *b, const char *slug)
{
    char p[4400];
    struct stat st;
    peel_path_join(p, sizeof p, NULL, b->outdir, slug, "data");
    return slug[0] && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The new manifest's rows: reports of this run, reports of earlier runs whose
 * folders are still there, inputs that gave no report. */
static void new_rows(rn_batch *b, peel_vec *rows)
{
    for (size_t i = 0; i < b->nreport; i++) {
        rn_report *r = &b->reports[i];
        if (r->built)
            peel_vec_push(rows, built_row(b, r));
        else if (r->old) {
            /* Unchanged, but perhaps found under another folder: the row
             * names the input where it is now (plan.c, same_name). */
            rn_row *row = rn_row_copy(r->old);
            rn_row_set(row, RN_C_INPUT, r->in->path);
            peel_vec_push(rows, row);
        }
    }
    for (size_t i = 0; i < b->old.n; i++) {
        const rn_row *o = b->old.item[i];
        if (strcmp(o->f[RN_C_KIND], "report") != 0 || !folder_exists(b, o->f[RN_C_REPORT]))
            continue;
        int seen = 0;
        for (size_t k = 0; k < b->nreport && !seen; k++)
            seen = strcmp(b->reports[k].in->slug, o->f[RN_C_REPORT]) == 0;
        if (!seen)
            peel_vec_push(rows, rn_row_copy(o));
    }
    for (size_t i = 0; i < b->inputs.n; i++) {
        const rn_input *in = b->inputs.item[i];
        if (in->why)
            peel_vec_push(rows, input_row(in));
    }
}

static int same_reports(const rn_batch *b, const peel_vec *rows)
{
    size_t n = 0;
    for (size_t i = 0; i < b->old.n; i++)
        n += strcmp(((rn_row *)b->old.item[i])->f[RN_C_KIND], "report") == 0;
    size_t m = 0;
    for (size_t i = 0; i < rows->n; i++) {
        const rn_row *r = rows->item[i];
        if (strcmp(r->f[RN_C_KIND], "report") != 0)
            continue;
        m++;
        if (!rn_old_row(b, "report", r->f[RN_C_REPORT]))
            return 0;
    }
    return n == m;
}

void rn_write_outputs(rn_batch *b)
{
    peel_vec rows = {0};
    new_rows(b, &rows);
    rn_manifest_sort(&rows);

    /* summary.xlsx: when a report was built, the set of reports changed, or
     * it is not what the manifest says it was. */
    peel_vec reps = {0};
    for (size_t i = 0; i < rows.n; i++)
        if (strcmp(((rn_row *)rows.item[i])->f[RN_C_KIND], "report") == 0)
            peel_vec_push(&reps, rows.item[i]);
    rn_row *old_summary = rn_old_row(b, "summary", "");
    int need = b->nbuild > 0 || !same_reports(b, &rows) || !old_summary ||
               !rn_outputs_intact(b->outdir, old_summary->f[RN_C_OUTPUTS], 0);
    rn_row *srow = rn_row_new();
    rn_row_set(srow, RN_C_KIND, "summary");
    rn_row_set(srow, RN_C_STATUS, "ok");
    rn_row_set(srow, RN_C_PROGRAM, b->program);
    char spath[4400];
    peel_path_join(spath, sizeof spath, NULL, b->outdir, "summary.xlsx");
    if (need && reps.n > 0) {
        char msg[1500];
        peel_status st = summary_run(b, &reps, msg, sizeof msg);
        if (st != PEEL_OK) {
            rn_say(b, PEEL_RUN_EV_ERROR, "summary.xlsx: %s", msg);
            /* A data file summary.xlsx reads (workbook.csv, facts.csv) that is
             * wrong or missing is bad input (65), as for the reports it fails;
             * anything else is a folder that cannot be written (73). */
            if (st == PEEL_EDATA || st == PEEL_ENOINPUT)
                b->any_bad = 1;
            else
                b->cant_write = 1;
            rn_row_set(srow, RN_C_STATUS, "failed");
            rn_row_set(srow, RN_C_REASON, msg);
        } else {
            b->res->summary_written = 1;
            b->wrote = 1;
        }
    } else if (need && reps.n == 0 && access(spath, F_OK) == 0) {
        unlink(spath); /* no report left to sum up */
        b->wrote = 1;
    }
    long long size;
    long long crc = peel_crc32_file(spath, &size);
    if (crc >= 0)
        rn_row_setf(srow, RN_C_OUTPUTS, "summary.xlsx:%lld:%08x", size, (unsigned)crc);
    if (reps.n > 0 || crc >= 0)
        peel_vec_push(&rows, srow);
    else
        rn_row_free(srow);
    peel_vec_release(&reps, NULL);

    /* manifest.csv: only when its bytes change. */
    peel_buf text;
    peel_buf_init(&text);
    rn_manifest_format(&rows, &text);
    char mpath[4400], *old = NULL;
    size_t old_len = 0;
    peel_path_join(mpath, sizeof mpath, NULL, b->outdir, "manifest.csv");
    peel_err e = {0};
    if (peel_file_read(mpath, (size_t)1 << 30, &old, &old_len, &e) != PEEL_OK ||
        old_len != text.len || memcmp(old, text.data, text.len) != 0) {
        if (peel_afile_write(mpath, text.data, text.len, &e) != PEEL_OK) {
            char msg[1300];
            peel_err_format(&e, msg, sizeof msg);
            rn_say(b, PEEL_RUN_EV_ERROR, "%s", msg);
            b->cant_write = 1;
        } else {
            b->res->manifest_written = 1;
            b->wrote = 1;
        }
    }
    free(old);
    peel_buf_release(&text);
    peel_vec_release(&rows, rn_row_free);
}
