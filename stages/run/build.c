/* The builds, each report in a worker (rn_job_report), and what each
 * result means for the run: its log lines, its counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_text.h"
#include "batch.h"
#include "peel_afile.h"
#include "peel_stop.h"

/* ---- building ---- */

static void build_work(void *ctx, size_t i, rn_result *res, peel_buf *extra)
{
    rn_batch *b = ctx;
    rn_report *r = b->builds[i];
    rn_job job = {.outdir = b->outdir,
                  .data_dir = b->data_dir,
                  .catalogs = &b->catalogs,
                  .extra_rules = b->o->extra_rules,
                  .stage_root = b->stage_root,
                  .input = r->in->path,
                  .slug = r->in->slug,
                  .input_size = r->in->size,
                  .input_crc = r->in->crc,
                  .staged = r->in->staged,
                  .built = &r->in->probe,
                  .synced = r->in->synced,
                  .listed = r->in->listed,
                  .sidecars = (const rn_sidecar *const *)r->sidecars.item,
                  .nsidecar = r->sidecars.n,
                  .strict = b->o->strict,
                  .verbose = b->o->verbose,
                  .index = i};
    rn_job_report(&job, res, extra);
}

static void build_started(void *ctx, size_t i)
{
    rn_batch *b = ctx;
    rn_report *r = b->builds[i];
    peel_run_event ev = {.kind = PEEL_RUN_EV_START, .slug = r->in->slug, .input = r->in->path};
    rn_emit(b, &ev);
}

const char *rn_status_word(const rn_kept *res)
{
    return res->status != PEEL_OK ? "failed" : res->invalid ? "invalid" : "ok";
}

static void build_finished(void *ctx, size_t i, const rn_result *got, const char *extra)
{
    rn_batch *b = ctx;
    rn_report *r = b->builds[i];
    /* Built by the probe or not, the result is the whole build's. */
    rn_kept_set(&r->res, got);
    const rn_kept *res = &r->res;
    /* A worker writes only the staging folder until its commit, which
     * renames whole files: one killed (a signal, out of memory) leaves
     * nothing in the report's folder, and its staging goes with the run's. */
    r->outputs = peel_xstrndup(extra, strcspn(extra, "\n"));
    rn_stage_warnings(b, extra, r->in->slug, r->in->path);
    r->built = 1;
    b->ndone++;
    b->wrote = 1;
    /* The last line adds up: built, unchanged, and failed or invalid. */
    if (res->status == PEEL_OK && !res->invalid)
        b->res->built++;
    if (res->status == PEEL_ECANTCREAT)
        b->cant_write = 1;
    if ((res->status != PEEL_OK || res->invalid) && !rn_stopped_by_us(res)) {
        b->any_bad = 1;
        b->res->failed++;
        char msg[2000];
        /* Only a commit that failed touched the report's folder, perhaps
         * only some of it (the moves that were made stand). */
        const char *kept = res->status == PEEL_OK ? ""
                           : strcmp(res->stage, "commit") == 0
                               ? "; its folder may hold part of the new build, which the next run "
                                 "builds again"
                               : "; its earlier records and documents are kept";
        snprintf(msg, sizeof msg, "%s: %s%s%s%s", r->in->slug,
                 res->status != PEEL_OK ? "failed" : "invalid", res->stage[0] ? " in " : "",
                 res->stage, kept);
        /* The input's name last: the report's folder alone does not say
         * which file to fix. */
        char full[8200];
        snprintf(full, sizeof full, "%s: %s (input %s)", msg, res->reason, r->in->path);
        peel_run_event ev = {
            .kind = PEEL_RUN_EV_ERROR, .msg = full, .slug = r->in->slug, .input = r->in->path};
        rn_emit(b, &ev);
    }
    if (res->notice[0]) {
        char note[1700];
        snprintf(note, sizeof note, "%s: %s", r->in->slug, res->notice);
        peel_run_event wv = {
            .kind = PEEL_RUN_EV_WARNING, .msg = note, .slug = r->in->slug, .input = r->in->path};
        rn_emit(b, &wv);
    }
    peel_run_event ev = {.kind = PEEL_RUN_EV_DONE,
                         .slug = r->in->slug,
                         .input = r->in->path,
                         .status = rn_status_word(res),
                         .seconds = res->seconds,
                         .warnings = res->warnings,
                         .rejects = res->rejects,
                         .pass = res->pass,
                         .warn = res->warn,
                         .fail = res->fail,
                         .skip = res->skip};
    rn_emit(b, &ev);
}

static void build_said(void *ctx, size_t i, const char *line)
{
    rn_batch *b = ctx;
    rn_report *r = b->builds[i];
    rn_worker_said(b, r->in->slug, r->in->slug, r->in->path, line);
}

/* The new reports a probe built, their documents and folders synced
 * (syncer.c): renamed into place here, every one before a single sync of
 * the output folder, where each commit would rename its own and sync the
 * output folder after it (a journal commit each).  Their commits, in the
 * pool as any other, then only list what they hold and say they are done:
 * a report is still called done only once it is durable.  A folder that
 * cannot be placed so (one there meanwhile) is left to its commit. */
static void place_new_reports(rn_batch *b)
{
    size_t placed = 0;
    for (size_t i = 0; i < b->nbuild && !peel_stop_requested(); i++) {
        rn_input *in = b->builds[i]->in;
        if (!in->staged || in->probe.status != PEEL_OK || !(in->synced & RN_SYNCED_FOLDER))
            continue;
        char dir[4400];
        peel_path_join(dir, sizeof dir, NULL, b->outdir, in->slug);
        if (rn_commit_place(in->staged, dir)) {
            in->synced |= RN_SYNCED_PLACED;
            placed++;
        }
    }
    if (placed == 0 || peel_afile_sync_dir(b->outdir) != 0)
        return; /* each commit syncs it, and names it if it cannot */
    for (size_t i = 0; i < b->nbuild; i++)
        if (b->builds[i]->in->synced & RN_SYNCED_PLACED)
            b->builds[i]->in->synced |= RN_SYNCED_LANDED;
}

void rn_build(rn_batch *b)
{
    peel_err e = {0};
    if (peel_mkdirs(b->stage_root, &e) == PEEL_OK) {
        place_new_reports(b);
        rn_preload_catalog(b, 1);
        rn_count_start(b, b->nbuild);
        rn_pool_ops ops = {build_work,        build_started, build_finished, build_said, rn_tick,
                           rn_worker_leaving, NULL};
        rn_pool_run(b->nbuild, b->o->jobs > 0 ? b->o->jobs : rn_cpu_count(), &ops, b);
    } else {
        char msg[1300];
        peel_err_format(&e, msg, sizeof msg);
        rn_say(b, PEEL_RUN_EV_ERROR, "%s", msg);
        b->cant_write = 1;
    }
}
