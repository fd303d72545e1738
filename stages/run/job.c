/* One report through every stage, in a worker process, all of it in a
 * staging folder (<out>/.peel-stage/<tag>/): ingest, sidecars
 * copied, validate, reconcile, xlsx, pdf.  Only when every stage has
 * succeeded is the result moved into the report's folder (rn_commit,
 * commit.c); an input that fails, or that turns out to be a second copy of
 * a report, never touches it, and the report keeps its earlier records and
 * documents.  A new input's probe does all of it but the commit, which
 * waits for the run to know the input is the first of its report; a build
 * worker then only commits. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
            if (rn_entry_kind(d, de) == 'd') /* a link is removed, never followed */
                rn_remove_tree(sub);
            else
                unlink(sub);
        }
        closedir(d);
    }
    rmdir(path);
}

/* Ingests job->input into the staged report folder <stage_root>/<tag>
 * (named by the tag, not the slug ingest finds: the commit renames it, and
 * no empty folder is left to remove, so a run deletes nothing a report); on
 * success *staged gets that folder (owned), and *rec (when not NULL) the
 * records.  Its warnings go to warn as text. */
static int ingest_staged(const rn_job *job, const char *tag, rn_result *res, char **staged,
                         peel_buf *warn, peel_records *rec)
{
    char root[4300];
    peel_path_join(root, sizeof root, NULL, job->stage_root, tag);
    rn_remove_tree(root);
    peel_ingest_opts o = {.input = job->input,
                          .outdir = job->stage_root,
                          .report_dir = root,
                          .data_dir = job->data_dir,
                          .catalog = job->catalogs->ingest,
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

/* data/sidecars/ of the staged report: this run's sidecars for it. */
static int copy_sidecars(const rn_job *job, const char *staged, rn_result *res)
{
    char dir[4500];
    peel_path_join(dir, sizeof dir, NULL, staged, "data", "sidecars");
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

void rn_test_gate(const char *env, const char *slug)
{
    const char *dir = getenv(env);
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
    peel_validate_opts vo = {.report_dir = dir,
                             .data_dir = job->data_dir,
                             .catalog = job->catalogs->validate,
                             .quiet = !job->verbose,
                             .records = rec};
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
                              .catalog = job->catalogs->reconcile,
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
    peel_xlsx_opts xo = {.report_dir = dir,
                         .data_dir = job->data_dir,
                         .catalog = job->catalogs->xlsx,
                         .quiet = !job->verbose,
                         .records = use};
    st = peel_xlsx_run(&xo, &err);
    res->seconds[RN_XLSX] = now() - t0;
    if (st != PEEL_OK) {
        later_failed(res, "xlsx", &err);
        return -1;
    }

    t0 = now();
    peel_pdf_opts po = {.report_dir = dir,
                        .data_dir = job->data_dir,
                        .catalog = job->catalogs->pdf,
                        .quiet = !job->verbose,
                        .records = use};
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

/* Messages name the files the stages wrote, in the staging folder: they
 * name them as the files they become (or would have become) in the
 * report's folder, which is all the user sees: text with every `staged`
 * replaced by `dir`, into out. */
static void unstaged(const char *text, const char *staged, const char *dir, peel_buf *out)
{
    size_t n = strlen(staged);
    const char *p = text, *hit;
    while ((hit = strstr(p, staged)) != NULL) {
        peel_buf_add(out, p, (size_t)(hit - p));
        peel_buf_add(out, dir, strlen(dir));
        p = hit + n;
    }
    peel_buf_add(out, p, strlen(p));
}

static void unstage_field(char *s, size_t cap, const char *staged, const char *dir)
{
    peel_buf b;
    peel_buf_init(&b);
    unstaged(s, staged, dir, &b);
    snprintf(s, cap, "%s", b.data);
    peel_buf_release(&b);
}

static void unstage_buf(peel_buf *text, const char *staged, const char *dir)
{
    peel_buf b;
    peel_buf_init(&b);
    unstaged(text->data, staged, dir, &b);
    peel_buf_release(text);
    *text = b;
}

/* Ingest read another report than the one the run expected: nothing of it
 * is this report's, so the result keeps no identity of the input for it
 * (the manifest then records only what was built for the slug), and the
 * next run finds out anew which report the file is. */
static void other_report(const rn_job *job, rn_result *res)
{
    int same_file = res->input_size == job->input_size && res->input_crc == job->input_crc;
    res->status = PEEL_EDATA;
    snprintf(res->stage, sizeof res->stage, "ingest");
    if (same_file)
        snprintf(res->reason, sizeof res->reason,
                 "%s is the report %s, not %s as manifest.csv says: the next run builds it as %s",
                 job->input, res->slug, job->slug, res->slug);
    else
        snprintf(res->reason, sizeof res->reason,
                 "%s changed while the run was reading it: it is now the report %s, which the "
                 "next run builds",
                 job->input, res->slug);
    res->input_size = -1;
}

/* Sidecars, validate, reconcile, xlsx and pdf into the staged folder, then
 * the messages named as the report's folder's files: 0 when the build is
 * to be committed (valid or not). */
static int build_staged(const rn_job *job, const char *staged, const char *dir, rn_result *res,
                        peel_buf *warn, peel_records *rec)
{
    int rc = copy_sidecars(job, staged, res) == 0 &&
                     stages_after_ingest(job, staged, res, warn, rec) == 0
                 ? 0
                 : -1;
    unstage_field(res->reason, sizeof res->reason, staged, dir);
    unstage_field(res->notice, sizeof res->notice, staged, dir);
    unstage_buf(warn, staged, dir);
    return rc;
}

/* <stage_root>/<tag>, what of it was not moved into the report's folder. */
static void remove_staged(char *staged)
{
    rn_remove_tree(staged);
    free(staged);
}

/* A job's warnings and records, from its start ... */
static void job_begin(peel_buf *warn, peel_records *rec)
{
    peel_buf_init(warn);
    peel_records_init(rec);
}

/* ... to its end: the warnings after the outputs line in extra. */
static void job_end(peel_buf *extra, peel_buf *warn, peel_records *rec)
{
    peel_buf_putc(extra, '\n');
    peel_buf_add(extra, warn->data, warn->len);
    peel_buf_release(warn);
    peel_records_release(rec);
}

void rn_job_probe(const rn_job *job, rn_result *res, peel_buf *extra)
{
    char tag[32], *staged = NULL;
    peel_buf warn;
    peel_records rec;
    job_begin(&warn, &rec);
    snprintf(tag, sizeof tag, "%zu", job->index);
    peel_afile_set_staging(1); /* the build phase commits */
    if (ingest_staged(job, tag, res, &staged, &warn, &rec) == 0) {
        /* A new or changed input is nearly always built next: built here,
         * from the records in memory, by the process that read them. */
        peel_vec picked = {0};
        rn_sidecars_pick(job->all_sidecars, res->force, &picked);
        rn_job own = *job;
        own.sidecars = (const rn_sidecar *const *)picked.item;
        own.nsidecar = picked.n;
        char dir[4400];
        peel_path_join(dir, sizeof dir, NULL, job->outdir, res->slug);
        /* Its status says whether to commit: a failed stage's is never PEEL_OK. */
        build_staged(&own, staged, dir, res, &warn, &rec);
        peel_vec_release(&picked, NULL);
        free(staged);
    }
    job_end(extra, &warn, &rec);
}

void rn_job_report(const rn_job *job, rn_result *res, peel_buf *extra)
{
    char dir[4400], *staged = NULL;
    peel_buf warn;
    peel_records rec;
    job_begin(&warn, &rec);
    /* Everything is written into the staging folder; rn_commit makes what
     * is kept durable as it moves it into place. */
    peel_afile_set_staging(1);
    peel_path_join(dir, sizeof dir, NULL, job->outdir, job->slug);
    rn_test_gate("PEEL_RUN_TEST_GATE", job->slug);
    int commit = 0, whole = 0;
    if (job->staged) {
        /* The probe built it (identify.c): its result, and the commit. */
        staged = peel_xstrdup(job->staged);
        rn_result_from_kept(res, job->built);
        commit = res->status == PEEL_OK;
    } else {
        char tag[32];
        snprintf(tag, sizeof tag, "r%zu", job->index);
        if (ingest_staged(job, tag, res, &staged, &warn, &rec) != 0)
            goto out;
        if (strcmp(res->slug, job->slug) != 0) {
            other_report(job, res);
            goto out;
        }
        commit = build_staged(job, staged, dir, res, &warn, &rec) == 0;
    }
    if (commit) {
        peel_err e = {0};
        if (rn_commit(staged, dir, job->slug, job->staged ? job->synced : 0, &whole, &e) !=
            PEEL_OK) {
            later_failed(res, "commit", &e);
            unstage_field(res->reason, sizeof res->reason, staged, dir);
        }
    }
out:
    if (staged)
        remove_staged(staged);
    /* A folder moved whole holds what was staged: listed by the syncer. */
    if (whole && job->staged && job->listed)
        peel_buf_add(extra, job->listed, strlen(job->listed));
    else
        rn_outputs_list(dir, extra);
    job_end(extra, &warn, &rec);
}
