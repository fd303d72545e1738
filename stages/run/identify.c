/* Which report each input is: one the manifest knows (same size, CRC and
 * program) is that report; any other is ingested by a probe into the staging
 * folder to find out, and built there by the same process from the records
 * in memory (rn_job_probe).  The second input of a force and year is an
 * error, and nothing of it reaches the report's folder: only the first is
 * committed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "batch.h"
#include "peel_afile.h"
#include "peel_stop.h"
#include "peel_text.h"

/* ---- which report is each input ---- */

rn_row *rn_old_row(const rn_batch *b, const char *kind, const char *slug)
{
    for (size_t i = 0; i < b->old.n; i++) {
        rn_row *r = b->old.item[i];
        if (strcmp(r->f[RN_C_KIND], kind) == 0 && strcmp(r->f[RN_C_REPORT], slug) == 0)
            return r;
    }
    return NULL;
}

/* The report an input was when this program last built it.  Only a row
 * that says it was built, and whose outputs still all stand in its folder,
 * is taken at its word: a failed row may be of a report the input never was
 * (it changed while a run read it), and a hand-edited report column names
 * a folder that does not hold what the row lists.  Any other input is read
 * by a probe, which finds out. */
static void known_slug(rn_batch *b, rn_input *in)
{
    char size[32], crc[16];
    snprintf(size, sizeof size, "%lld", in->size);
    snprintf(crc, sizeof crc, "%08x", (unsigned)in->crc);
    for (size_t i = 0; i < b->old.n; i++) {
        rn_row *r = b->old.item[i];
        if (strcmp(r->f[RN_C_KIND], "report") == 0 && r->f[RN_C_REPORT][0] && r->f[RN_C_FORCE][0] &&
            strcmp(r->f[RN_C_INPUT_SIZE], size) == 0 && strcmp(r->f[RN_C_INPUT_CRC], crc) == 0 &&
            strcmp(r->f[RN_C_PROGRAM], b->program) == 0 && rn_row_built(r) && rn_row_intact(b, r)) {
            in->slug = peel_xstrdup(r->f[RN_C_REPORT]);
            in->force = peel_xstrdup(r->f[RN_C_FORCE]);
            return;
        }
    }
}

/* Loads ingest's catalogues (and validate's components and units,
 * reconcile's rules and table lines, the workbooks' and packs' layout) in
 * this process before workers are forked, so that they share one copy
 * instead of each compiling the fact patterns and reading the data files
 * again.  On failure each report loads them itself and reports the error
 * (a bad rule has already stopped the run: peel_reconcile_rules_check). */
void rn_preload_catalog(rn_batch *b, int documents)
{
    peel_err e = {0};
    rn_catalogs *c = &b->catalogs;
    if (!c->ingest)
        peel_ingest_catalog_new(b->data_dir, &c->ingest, &e);
    if (!documents)
        return;
    if (!c->validate)
        peel_validate_catalog_new(b->data_dir, &c->validate, &e);
    if (!c->reconcile)
        peel_reconcile_catalog_new(b->data_dir, b->o->extra_rules, &c->reconcile, &e);
    if (!c->xlsx)
        peel_xlsx_catalog_new(b->data_dir, &c->xlsx, &e);
    if (!c->pdf)
        peel_pdf_catalog_new(b->data_dir, &c->pdf, &e);
}

void rn_catalogs_release(rn_catalogs *c)
{
    peel_ingest_catalog_free(c->ingest);
    peel_validate_catalog_free(c->validate);
    peel_reconcile_catalog_free(c->reconcile);
    peel_xlsx_catalog_free(c->xlsx);
    peel_pdf_catalog_free(c->pdf);
    memset(c, 0, sizeof *c);
}

void rn_worker_leaving(void *batch)
{
    rn_batch *b = batch;
    peel_pdf_catalog_close_fonts(b->catalogs.pdf);
}

static void probe_work(void *ctx, size_t i, rn_result *res, peel_buf *extra)
{
    rn_batch *b = ctx;
    rn_job job = {.outdir = b->outdir,
                  .data_dir = b->data_dir,
                  .catalogs = &b->catalogs,
                  .extra_rules = b->o->extra_rules,
                  .stage_root = b->stage_root,
                  .input = b->probes[i]->path,
                  .all_sidecars = &b->sidecars,
                  .strict = b->o->strict,
                  .verbose = b->o->verbose,
                  .index = i};
    rn_job_probe(&job, res, extra);
}

/* The probes do most of the run's work: they count as its progress, by
 * input (the report is not known yet). */
static void probe_started(void *ctx, size_t i)
{
    rn_batch *b = ctx;
    peel_run_event ev = {
        .kind = PEEL_RUN_EV_START, .slug = b->probes[i]->path, .input = b->probes[i]->path};
    rn_emit(b, &ev);
}

static void probe_said(void *ctx, size_t i, const char *line)
{
    rn_batch *b = ctx;
    rn_input *in = b->probes[i];
    /* Given on when the probe ends, naming the report it turned out to be;
     * a line after that (its worker's, at exit) at once. */
    if (in->probed) {
        const char *slug = in->slug;
        rn_worker_said(b, slug ? slug : in->path, slug, in->path, line);
        return;
    }
    peel_vec_push(&in->said, peel_xstrdup(line));
}

/* With --verbose, the stages' warnings a worker sent after its outputs
 * line (rn_job_report), each with the file and line it is about. */
void rn_stage_warnings(rn_batch *b, const char *extra, const char *slug, const char *input)
{
    const char *p = strchr(extra, '\n');
    while (b->o->verbose && p && p[1]) {
        const char *end = strchr(p + 1, '\n');
        size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
        char *msg = peel_xstrndup(p + 1, n);
        peel_run_event ev = {.kind = PEEL_RUN_EV_WARNING, .msg = msg, .slug = slug, .input = input};
        rn_emit(b, &ev);
        free(msg);
        p = end;
    }
}

static void probe_finished(void *ctx, size_t i, const rn_result *res, const char *extra)
{
    rn_batch *b = ctx;
    rn_input *in = b->probes[i];
    const char *slug = res->slug[0] ? res->slug : NULL;
    for (size_t k = 0; k < in->said.n; k++)
        rn_worker_said(b, slug ? slug : in->path, slug, in->path, in->said.item[k]);
    peel_vec_release(&in->said, free);
    rn_stage_warnings(b, extra, slug, in->path);
    rn_kept_set(&in->probe, res);
    in->probed = 1;
    b->ndone++;
    if (res->slug[0]) {
        char staged[4600], tag[32];
        snprintf(tag, sizeof tag, "%zu", i);
        peel_path_join(staged, sizeof staged, NULL, b->stage_root, tag);
        in->slug = peel_xstrdup(res->slug);
        in->force = peel_xstrdup(res->force);
        in->staged = peel_xstrdup(staged);
        /* Built: nearly always committed next.  Its syncs are made with the
         * others' when the probes have ended (syncer.c); its folder's, and
         * the list of its outputs, only when it will move whole (the report
         * has no folder yet).  Its documents' writing to the disk starts,
         * and its folder is listed, once the worker has its next report
         * (probe_handed). */
        if (res->status == PEEL_OK) {
            char dir[4400];
            struct stat st;
            peel_path_join(dir, sizeof dir, NULL, b->outdir, res->slug);
            int whole = lstat(dir, &st) != 0 && errno == ENOENT;
            peel_vec docs = {0};
            rn_commit_documents(staged, &docs);
            rn_syncer_add(b->syncer, &docs, whole ? staged : NULL, &in->synced, &in->listed);
            peel_vec_push(&b->to_keep, in);
        }
    }
}

/* Reports whose records summary.xlsx reads ahead, at most: about 30 KB of
 * the run's memory each (what the sheets show of a report; peak RSS over
 * 100 reports 11.6 MB with none kept, 14.7 with all), so that a batch of
 * thousands holds 2 MB more; the rest are read when summary.xlsx is
 * written. */
enum { RN_KEPT_AHEAD = 64 };

/* While the worker builds the next report, this process, idle, starts the
 * writing to the disk of the documents of those just built, and lists the
 * folders that will move whole: their syncs after the probes then find
 * them written (a sync made now would commit the journal the worker is
 * writing to, and make it wait), and have only the disk to wait for.  It
 * also reads what summary.xlsx will take of their records, which its
 * worker would otherwise read after the commits. */
static void probe_handed(void *ctx)
{
    rn_batch *b = ctx;
    rn_syncer_prepare(b->syncer);
    for (size_t i = 0; i < b->to_keep.n && b->nkept < RN_KEPT_AHEAD; i++, b->nkept++) {
        rn_input *in = b->to_keep.item[i];
        in->kept = peel_xlsx_overview_keep(b->catalogs.xlsx, in->staged);
    }
    b->to_keep.n = 0;
}

/* A result that says only that the run was stopped (a job not run, or a
 * worker we stopped): not worth a line each, the run says it was stopped. */
int rn_stopped_by_us(const rn_kept *res)
{
    return peel_stop_requested() && res->status != PEEL_OK &&
           (strcmp(res->stage, "run") == 0 || strcmp(res->stage, "worker") == 0);
}

static void input_failed(rn_batch *b, rn_input *in, const char *why)
{
    b->any_bad = 1;
    b->res->failed++;
    b->nrefused++;
    if (in->probed && rn_stopped_by_us(&in->probe))
        return;
    peel_run_event ev = {.kind = PEEL_RUN_EV_ERROR, .msg = why, .input = in->path};
    rn_emit(b, &ev);
}

static int report_cmp(const void *pa, const void *pb)
{
    const rn_report *a = pa, *c = pb;
    return strcmp(a->in->slug, c->in->slug);
}

void rn_resolve(rn_batch *b)
{
    b->probes = peel_xcalloc(b->inputs.n + 1, sizeof(rn_input *));
    for (size_t i = 0; i < b->inputs.n; i++) {
        rn_input *in = b->inputs.item[i];
        if (in->why)
            continue;
        /* --force trusts no record: every input is read anew. */
        if (!b->o->force)
            known_slug(b, in);
        if (!in->slug)
            b->probes[b->nprobe++] = in;
    }
    if (b->nprobe > 0) {
        rn_say(b, PEEL_RUN_EV_PHASE, "reading and building %zu %sreport%s", b->nprobe,
               b->o->force ? "" : "new or changed ", b->nprobe == 1 ? "" : "s");
        peel_err e = {0};
        if (peel_mkdirs(b->stage_root, &e) != PEEL_OK) {
            char msg[1300];
            peel_err_format(&e, msg, sizeof msg);
            rn_say(b, PEEL_RUN_EV_ERROR, "%s", msg);
            b->cant_write = 1;
        }
        rn_preload_catalog(b, 1);
        rn_count_start(b, b->nprobe);
        rn_pool_ops ops = {probe_work, probe_started,     probe_finished, probe_said,
                           rn_tick,    rn_worker_leaving, probe_handed};
        b->syncer = rn_syncer_start();
        rn_pool_run(b->nprobe, b->o->jobs > 0 ? b->o->jobs : rn_cpu_count(), &ops, b);
        rn_syncer_finish(b->syncer, !peel_stop_requested());
        b->syncer = NULL;
        rn_count_start(b, 0);
    }
    /* Inputs in order: the first of a force and year is the report, a later
     * one an error naming the first. */
    b->reports = peel_xcalloc(b->inputs.n + 1, sizeof *b->reports);
    for (size_t i = 0; i < b->inputs.n; i++) {
        rn_input *in = b->inputs.item[i];
        if (in->why) {
            input_failed(b, in, in->why);
            continue;
        }
        if (!in->slug) {
            char why[6000];
            /* Ingest's errors about the text name the file; one about the
             * staged records it could not write (a full disk) names only
             * them, and a worker that died (out of memory, a signal) or
             * never started knows no file at all. */
            size_t n = strlen(in->path);
            if (strcmp(in->probe.stage, "ingest") == 0 &&
                strncmp(in->probe.reason, in->path, n) == 0 && in->probe.reason[n] == ':')
                snprintf(why, sizeof why, "%s", in->probe.reason);
            else if (strcmp(in->probe.stage, "worker") == 0)
                /* It died reading or building: which report it is, is not known. */
                snprintf(why, sizeof why,
                         "%s: failed in worker while it was first read and built: %s", in->path,
                         in->probe.reason);
            else
                snprintf(why, sizeof why, "%s: while it was first read: %s", in->path,
                         in->probe.reason);
            if (in->probe.status == PEEL_ECANTCREAT)
                b->cant_write = 1;
            in->why = peel_xstrdup(why);
            input_failed(b, in, why);
            continue;
        }
        for (size_t k = 0; k < i && in->dup < 0; k++) {
            const rn_input *o = b->inputs.item[k];
            if (o->dup < 0 && o->slug && strcmp(o->slug, in->slug) == 0)
                in->dup = (int)k;
        }
        if (in->dup >= 0) {
            char why[9000];
            snprintf(why, sizeof why,
                     "%s is the same force and year (%s) as %s: only the first is used; "
                     "nothing of this one was written",
                     in->path, in->slug, ((rn_input *)b->inputs.item[in->dup])->path);
            in->why = peel_xstrdup(why);
            input_failed(b, in, why);
            continue;
        }
        rn_report *r = &b->reports[b->nreport++];
        r->in = in;
        rn_kept_init(&r->res);
    }
    if (b->nreport > 1)
        qsort(b->reports, b->nreport, sizeof *b->reports, report_cmp);
    /* Every input counts, so that the last line adds up: built, unchanged,
     * and failed or invalid. */
    b->res->reports = b->nreport + b->nrefused;
}
