/* One report through every stage, in a worker process: ingest (into a
 * staging folder, so that an input that turns out to be a second copy of a
 * report, or that fails, never touches the report's folder), the records
 * moved into place, sidecars copied, validate, reconcile, xlsx, pdf. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ingest.h"
#include "pdf.h"
#include "peel_afile.h"
#include "peel_csv.h"
#include "peel_text.h"
#include "reconcile.h"
#include "rn.h"
#include "validate.h"
#include "xlsx.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void rn_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                continue;
            char sub[4400];
            peel_path_join(sub, sizeof sub, NULL, path, de->d_name);
            struct stat st;
            if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
                rn_remove_tree(sub);
            else
                unlink(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

/* Ingests job->input under <stage_root>/<tag>; on success *staged gets the
 * staged report folder (owned), and *rec (when not NULL) the records.  Its
 * warnings go to warn as text. */
static int ingest_staged(const rn_job *job, const char *tag, rn_result *res, char **staged,
                         peel_buf *warn, peel_records *rec)
{
    char root[4300];
    peel_path_join(root, sizeof root, NULL, job->stage_root, tag);
    rn_remove_tree(root);
    peel_ingest_opts o = {.input = job->input,
                          .outdir = root,
                          .data_dir = job->data_dir,
                          .catalog = job->catalog,
                          .quiet = !job->verbose,
                          .records = rec};
    peel_ingest_result ir;
    peel_err err = {0};
    double t0 = now();
    peel_status st = peel_ingest_run(&o, &ir, &err);
    res->seconds[RN_INGEST] = now() - t0;
    res->warnings = ir.warnings.count;
    peel_warnings_text(&ir.warnings, warn);
    peel_warnings_release(&ir.warnings);
    if (st != PEEL_OK) {
        rn_result_fail(res, "ingest", &err);
        /* A file that went away is not the same as a bad one. */
        if (st == PEEL_ENOINPUT && access(job->input, F_OK) != 0)
            snprintf(res->reason, sizeof res->reason,
                     "%s: the file is gone (removed or moved "
                     "while the run was reading it)",
                     job->input);
        rn_remove_tree(root);
        return -1;
    }
    snprintf(res->slug, sizeof res->slug, "%s", ir.slug);
    snprintf(res->force, sizeof res->force, "%s", ir.force);
    res->input_size = ir.size;
    res->input_crc = ir.crc32;
    *staged = peel_xstrdup(ir.report_dir);
    return 0;
}

void rn_job_probe(const rn_job *job, rn_result *res, peel_buf *extra)
{
    char tag[32], *staged = NULL;
    snprintf(tag, sizeof tag, "%zu", job->index);
    peel_buf_putc(extra, '\n');
    if (ingest_staged(job, tag, res, &staged, extra, NULL) == 0)
        free(staged);
}

static int fail_errno(rn_result *res, const char *stage, peel_status st, const char *what,
                      const char *path)
{
    peel_err e = {0};
    PEEL_FAIL(&e, st, NULL, 0, "%s %s: %s", what, path, strerror(errno));
    rn_result_fail(res, stage, &e);
    return -1;
}

/* Moves every staged record file into <report>/data/.  Each rename replaces
 * one whole file. */
static int move_records(const char *staged, const char *report_dir, rn_result *res)
{
    char from[4500], to[4500];
    peel_path_join(to, sizeof to, NULL, report_dir, "data");
    peel_err e = {0};
    if (peel_mkdirs(to, &e) != PEEL_OK) {
        rn_result_fail(res, "ingest", &e);
        return -1;
    }
    peel_path_join(from, sizeof from, NULL, staged, "data");
    DIR *d = opendir(from);
    if (!d)
        return fail_errno(res, "ingest", PEEL_ECANTCREAT, "cannot read the staged records in",
                          from);
    struct dirent *de;
    int rc = 0;
    while (rc == 0 && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char a[4800], b[4800];
        peel_path_join(a, sizeof a, NULL, from, de->d_name);
        peel_path_join(b, sizeof b, NULL, to, de->d_name);
        if (rename(a, b) != 0)
            rc = fail_errno(res, "ingest", PEEL_ECANTCREAT, "cannot move the records to", b);
    }
    closedir(d);
    return rc;
}

static int wanted_sidecar(const rn_job *job, const char *name)
{
    for (size_t i = 0; i < job->nsidecar; i++)
        if (strcmp(peel_path_base(job->sidecars[i]->path), name) == 0)
            return 1;
    return 0;
}

/* data/sidecars/ holds exactly this run's sidecars for the report. */
static int copy_sidecars(const rn_job *job, const char *report_dir, rn_result *res)
{
    char dir[4500];
    peel_path_join(dir, sizeof dir, NULL, report_dir, "data", "sidecars");
    peel_vec names = {0};
    peel_csv_files(dir, &names);
    for (size_t i = 0; i < names.n; i++) {
        char p[4700];
        if (!wanted_sidecar(job, names.item[i]) &&
            peel_path_join(p, sizeof p, NULL, dir, (const char *)names.item[i]) == PEEL_OK)
            unlink(p);
    }
    peel_vec_release(&names, free);
    peel_err e = {0};
    if (job->nsidecar > 0 && peel_mkdirs(dir, &e) != PEEL_OK) {
        rn_result_fail(res, "sidecars", &e);
        return -1;
    }
    for (size_t i = 0; i < job->nsidecar; i++) {
        const char *src = job->sidecars[i]->path;
        char dst[4700], *data;
        size_t len;
        peel_path_join(dst, sizeof dst, NULL, dir, peel_path_base(src));
        peel_status st = peel_file_read(src, RN_SIDECAR_MAX, &data, &len, &e);
        if (st == PEEL_OK) {
            st = peel_afile_write(dst, data, len, &e);
            free(data);
        }
        if (st != PEEL_OK) {
            rn_result_fail(res, "sidecars", &e);
            return -1;
        }
    }
    return 0;
}

/* A test hook: with PEEL_RUN_TEST_GATE=DIR each report waits at a gate
 * before it starts.  Its worker writes DIR/<slug>.ready holding its pid
 * (renamed into place, so never read half-written), then waits until
 * DIR/<slug>.go or DIR/all.go exists.  Tests act while a run is provably in
 * the middle of a batch, holding the lock, and then let it go on: they wait
 * on these files, never on the clock. */
static void test_gate(const char *slug)
{
    const char *dir = getenv("PEEL_RUN_TEST_GATE");
    if (!dir || !dir[0])
        return;
    char tmp[4600], ready[4600], go[4600], all[4600], name[300];
    snprintf(name, sizeof name, ".%s.ready", slug);
    peel_path_join(tmp, sizeof tmp, NULL, dir, name);
    peel_path_join(ready, sizeof ready, NULL, dir, name + 1);
    snprintf(name, sizeof name, "%s.go", slug);
    peel_path_join(go, sizeof go, NULL, dir, name);
    peel_path_join(all, sizeof all, NULL, dir, "all.go");
    FILE *f = fopen(tmp, "w");
    if (f) {
        fprintf(f, "%ld\n", (long)getpid());
        if (fclose(f) == 0)
            rename(tmp, ready);
    }
    while (access(go, F_OK) != 0 && access(all, F_OK) != 0) {
        struct timespec ts = {0, 10L * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
}

/* The user's own path of a sidecar copied as data/sidecars/<name>. */
static const char *sidecar_path(const rn_job *job, const char *copied)
{
    const char *base = peel_path_base(copied);
    for (size_t i = 0; i < job->nsidecar; i++)
        if (strcmp(peel_path_base(job->sidecars[i]->path), base) == 0)
            return job->sidecars[i]->path;
    return copied;
}

/* Rows of sidecar CSVs that validation rejected: the good rows are used, so
 * the report is still built, but the user is told which rows were left out
 * (file and line) rather than finding them only in rejects.csv. */
static void note_sidecar_rejects(const rn_job *job, const peel_records *rec, rn_result *res)
{
    enum { SHOWN = 5 };
    peel_buf b;
    peel_buf_init(&b);
    size_t n = 0;
    for (size_t i = 0; job->nsidecar > 0 && i < rec->nreject; i++) {
        const peel_reject *k = &rec->rejects[i];
        if (strncmp(k->file, "sidecars/", 9) != 0)
            continue;
        if (n++ < SHOWN) {
            char line[32] = "";
            if (k->line > 0)
                snprintf(line, sizeof line, "%ld", k->line);
            peel_buf_printf(&b, "%s%s:%s: %s: %s", n > 1 ? "; " : "", sidecar_path(job, k->file),
                            line, k->field, k->reason);
        }
    }
    if (n > SHOWN)
        peel_buf_printf(&b, "; and %zu more", n - SHOWN);
    if (n > 0)
        snprintf(res->notice, sizeof res->notice,
                 "%zu sidecar row%s rejected and left out (see data/rejects.csv): %s", n,
                 n == 1 ? "" : "s", b.data);
    peel_buf_release(&b);
}

/* A stage failed after validation found the report invalid: the missing
 * part is the likelier cause, so the reason keeps it, after the failure. */
static void later_failed(rn_result *res, const char *stage, const peel_err *err)
{
    char before[sizeof res->reason];
    snprintf(before, sizeof before, "%s", res->invalid ? res->reason : "");
    rn_result_fail(res, stage, err);
    if (before[0]) {
        size_t n = strlen(res->reason);
        snprintf(res->reason + n, sizeof res->reason - n, "; before that, validate: %s", before);
    }
}

/* validate, reconcile, xlsx, pdf over the records in rec: ingest's, or none
 * (the probe ingested), and then validate reads them from their files.
 * Only validated records are passed on; without, each stage reads the
 * files and says what is wrong with them. */
static int stages_after_ingest(const rn_job *job, const char *dir, rn_result *res, peel_buf *warn,
                               peel_records *rec)
{
    peel_err err = {0};
    double t0 = now();
    peel_validate_opts vo = {
        .report_dir = dir, .data_dir = job->data_dir, .quiet = !job->verbose, .records = rec};
    peel_validate_result vr;
    peel_status st = peel_validate_run(&vo, &vr, &err);
    res->seconds[RN_VALIDATE] = now() - t0;
    res->rejects = vr.rejects;
    note_sidecar_rejects(job, rec, res);
    peel_records *use = rec->validated ? rec : NULL;
    if (st == PEEL_EDATA) {
        /* Incomplete: the documents show what is there; the report is invalid. */
        rn_result_fail(res, "validate", &err);
        res->status = PEEL_OK;
        res->invalid = 1;
    } else if (st != PEEL_OK) {
        rn_result_fail(res, "validate", &err);
        return -1;
    }

    t0 = now();
    peel_reconcile_opts ro = {.report_dir = dir,
                              .extra_rules = job->extra_rules,
                              .data_dir = job->data_dir,
                              .quiet = !job->verbose,
                              .records = use};
    peel_reconcile_result rr = {0};
    st = peel_reconcile_run(&ro, &rr, &err);
    res->seconds[RN_RECONCILE] = now() - t0;
    if (st != PEEL_OK) {
        later_failed(res, "reconcile", &err);
        return -1;
    }
    res->pass = rr.pass;
    res->warn = rr.warn;
    res->fail = rr.fail;
    res->skip = rr.skip;
    if (job->strict && rr.fail > 0 && !res->invalid) {
        res->invalid = 1;
        snprintf(res->stage, sizeof res->stage, "reconcile");
        snprintf(res->reason, sizeof res->reason,
                 "%ld reconciliation check%s FAIL (--strict; see reconciliation.csv)", rr.fail,
                 rr.fail == 1 ? "" : "s");
    }

    t0 = now();
    /* libxlsxwriter's scratch files on a tmpfs when there is one, else in
     * the report folder (peel_xlsx_scratch; each is unlinked as it is made,
     * so a kill leaves none). */
    peel_xlsx_opts xo = {
        .report_dir = dir, .data_dir = job->data_dir, .quiet = !job->verbose, .records = use};
    st = peel_xlsx_run(&xo, &err);
    res->seconds[RN_XLSX] = now() - t0;
    if (st != PEEL_OK) {
        later_failed(res, "xlsx", &err);
        return -1;
    }

    t0 = now();
    peel_pdf_opts po = {
        .report_dir = dir, .data_dir = job->data_dir, .quiet = !job->verbose, .records = use};
    peel_pdf_result pr;
    st = peel_pdf_run(&po, &pr, &err);
    res->seconds[RN_PDF] = now() - t0;
    res->warnings += pr.warnings.count;
    peel_warnings_text(&pr.warnings, warn);
    peel_warnings_release(&pr.warnings);
    if (st != PEEL_OK) {
        later_failed(res, "pdf", &err);
        return -1;
    }
    return 0;
}

void rn_job_report(const rn_job *job, rn_result *res, peel_buf *extra)
{
    char dir[4400], *staged = NULL;
    peel_buf warn;
    peel_records rec;
    peel_buf_init(&warn);
    peel_records_init(&rec);
    peel_path_join(dir, sizeof dir, NULL, job->outdir, job->slug);
    test_gate(job->slug);
    if (job->staged) {
        /* What ingest read is the probe's result's (batch.c). */
        staged = peel_xstrdup(job->staged);
        snprintf(res->slug, sizeof res->slug, "%s", job->slug);
        res->seconds[RN_INGEST] = 0;
    } else {
        char tag[32];
        snprintf(tag, sizeof tag, "r%zu", job->index);
        if (ingest_staged(job, tag, res, &staged, &warn, &rec) != 0)
            goto out;
        if (strcmp(res->slug, job->slug) != 0) {
            res->status = PEEL_EDATA;
            snprintf(res->stage, sizeof res->stage, "ingest");
            snprintf(res->reason, sizeof res->reason,
                     "%s changed while the run was reading it: it is now the report %s", job->input,
                     res->slug);
            goto out;
        }
    }
    if (move_records(staged, dir, res) == 0 && copy_sidecars(job, dir, res) == 0)
        stages_after_ingest(job, dir, res, &warn, &rec);
out:
    if (staged) {
        /* <stage_root>/<tag>/<slug>: the whole <tag> folder goes. */
        char parent[4400];
        peel_path_dir(staged, parent, sizeof parent);
        rn_remove_tree(parent);
        free(staged);
    }
    peel_afile_sweep(dir);
    rn_outputs_list(dir, extra);
    peel_buf_putc(extra, '\n');
    peel_buf_add(extra, warn.data, warn.len);
    peel_buf_release(&warn);
    peel_records_release(&rec);
}
