/* peel_run_batch: lock the output folder, clear what a killed run left, find
 * each input's report, skip what is unchanged, build the rest in workers,
 * then write summary.xlsx and manifest.csv (each only when it changes).
 *
 *   1. inputs: operands walked; each report file's size and CRC-32.
 *   2. which report is each input?  An input the manifest knows (same size,
 *      CRC and program) is that report; any other is ingested into a staging
 *      folder (<out>/.peel-stage/) to find out.  The second input of a
 *      force and year is an error, and nothing of it reaches the report's
 *      folder.
 *   3. sidecars matched to reports by force.
 *   4. each report skipped when its input, sidecars, rules and program are
 *      those the manifest recorded and every output it recorded is intact;
 *      otherwise built in a worker (rn_job_report).
 *   5. summary.xlsx and manifest.csv, from every report of the folder. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "peel_afile.h"
#include "peel_csv.h"
#include "peel_data.h"
#include "peel_stop.h"
#include "peel_text.h"
#include "rn.h"
#include "xlsx.h"

const char *const PEEL_RUN_STAGES[PEEL_RUN_NSTAGE] = {"ingest", "validate", "reconcile", "xlsx",
                                                      "pdf"};

typedef struct report {
    rn_input *in;      /* borrowed */
    peel_vec sidecars; /* borrowed rn_sidecar* */
    char *sidecar_key; /* owned: "name:size:crc ..." */
    const rn_row *old; /* borrowed from the old manifest, or NULL */
    int build;         /* to build in this run */
    rn_kept res;
    char *outputs; /* owned: after the build */
    int built;
} report;

typedef struct batch {
    const peel_run_opts *o;
    peel_run_result *res;
    char outdir[4096];
    char data_dir[4096];
    char stage_root[4200];
    char rules_crc[16];
    char program[96];
    peel_vec inputs;   /* rn_input* */
    peel_vec sidecars; /* rn_sidecar* */
    peel_vec missing;  /* owned operand strings */
    peel_vec old;      /* rn_row* from the old manifest */
    report *reports;   /* by slug */
    size_t nreport;
    size_t nrefused;              /* inputs that never became a report (unreadable, a duplicate) */
    rn_input **probes; /* inputs being probed */
    size_t nprobe;
    peel_ingest_catalog *catalog; /* owned; NULL until a report is to be ingested */
    report **builds;              /* reports being built */
    size_t nbuild, ndone;
    struct timespec t0;
    int cant_write, any_missing, any_bad;
    int wrote; /* a file of the output folder was written */
} batch;

/* ---- events ---- */

static double elapsed(const batch *b)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - b->t0.tv_sec) + (double)(t.tv_nsec - b->t0.tv_nsec) / 1e9;
}

static void emit(batch *b, peel_run_event *ev)
{
    ev->elapsed = elapsed(b);
    ev->total = b->nbuild;
    ev->done = b->ndone;
    if (b->o->log)
        b->o->log(b->o->log_ctx, ev);
}

static void say(batch *b, peel_run_event_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(batch *b, peel_run_event_kind kind, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    peel_run_event ev = {.kind = kind, .msg = msg};
    emit(b, &ev);
}

/* ---- setup ---- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One CRC over every data file (rules, patterns, layouts) and the user's
 * rules: a change in any of them rebuilds every report. */
static peel_status rules_checksum(batch *b, peel_err *err)
{
    peel_vec names = {0};
    DIR *d = opendir(b->data_dir);
    if (!d)
        return PEEL_FAIL(err, PEEL_ENOINPUT, b->data_dir, 0, "cannot read the data folder: %s",
                         strerror(errno));
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        if (de->d_name[0] != '.' && n > 4 && strcmp(de->d_name + n - 4, ".csv") == 0)
            peel_vec_push(&names, peel_xstrdup(de->d_name));
    }
    closedir(d);
    if (names.n > 1)
        qsort(names.item, names.n, sizeof *names.item, by_name);
    peel_buf all;
    peel_buf_init(&all);
    peel_status st = PEEL_OK;
    for (size_t i = 0; i <= names.n && st == PEEL_OK; i++) {
        char path[8400];
        if (i < names.n)
            snprintf(path, sizeof path, "%s/%s", b->data_dir, (char *)names.item[i]);
        else if (b->o->extra_rules)
            snprintf(path, sizeof path, "%s", b->o->extra_rules);
        else
            break;
        long long size;
        uint32_t crc;
        /* A FIFO or device here must not block or spin (see peel_file_crc32). */
        st = peel_file_crc32(path, PEEL_CSV_MAX_BYTES, &crc, &size, err);
        if (st == PEEL_OK)
            peel_buf_printf(&all, "%s:%lld:%08x\n", i < names.n ? (char *)names.item[i] : "+", size,
                            (unsigned)crc);
        else
            st = PEEL_ENOINPUT;
    }
    snprintf(b->rules_crc, sizeof b->rules_crc, "%08x",
             (unsigned)peel_crc32(all.data ? all.data : "", all.len));
    peel_buf_release(&all);
    peel_vec_release(&names, free);
    return st;
}

/* The program's identity: its version and the CRC of the executable, so a
 * rebuilt peel-run (another stage library) never trusts old outputs. */
static void program_id(batch *b)
{
    long long size;
    long long crc = peel_crc32_file("/proc/self/exe", &size);
    if (crc >= 0)
        snprintf(b->program, sizeof b->program, "peel-run %s %08x", PEEL_VERSION, (unsigned)crc);
    else
        snprintf(b->program, sizeof b->program, "peel-run %s", PEEL_VERSION);
}

/* Stray temporaries in a report folder, its data/ and data/sidecars/ (of
 * writers no longer running).  Returns how many were removed. */
static int sweep_report(const char *dir)
{
    char q[4500], r[4600];
    snprintf(q, sizeof q, "%s/data", dir);
    snprintf(r, sizeof r, "%s/sidecars", q);
    return peel_afile_sweep(dir) + peel_afile_sweep(q) + peel_afile_sweep(r);
}

/* Stray temporaries of a killed run: in the folder, each report folder, its
 * data/ and data/sidecars/; and the staging folder. */
static void sweep(batch *b)
{
    int n = peel_afile_sweep(b->outdir);
    DIR *d = opendir(b->outdir);
    if (d) {
        struct dirent *de;
        while ((de = readdir(d)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char p[4400];
            snprintf(p, sizeof p, "%s/%s", b->outdir, de->d_name);
            struct stat st;
            if (lstat(p, &st) != 0 || !S_ISDIR(st.st_mode))
                continue;
            n += sweep_report(p);
        }
        closedir(d);
    }
    struct stat st;
    if (lstat(b->stage_root, &st) == 0) {
        rn_remove_tree(b->stage_root);
        n++;
    }
    if (n > 0)
        say(b, PEEL_RUN_EV_WARNING, "%s: removed %d temporar%s left by an interrupted run",
            b->outdir, n, n == 1 ? "y" : "ies");
}

static int cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

/* ---- which report is each input ---- */

static const rn_row *old_row(const batch *b, const char *kind, const char *slug)
{
    for (size_t i = 0; i < b->old.n; i++) {
        const rn_row *r = b->old.item[i];
        if (strcmp(r->f[RN_C_KIND], kind) == 0 && strcmp(r->f[RN_C_REPORT], slug) == 0)
            return r;
    }
    return NULL;
}

/* The report an input was when this program last read it. */
static void known_slug(const batch *b, rn_input *in)
{
    char size[32], crc[16];
    snprintf(size, sizeof size, "%lld", in->size);
    snprintf(crc, sizeof crc, "%08x", (unsigned)in->crc);
    for (size_t i = 0; i < b->old.n; i++) {
        const rn_row *r = b->old.item[i];
        if (strcmp(r->f[RN_C_KIND], "report") == 0 && r->f[RN_C_REPORT][0] && r->f[RN_C_FORCE][0] &&
            strcmp(r->f[RN_C_INPUT_SIZE], size) == 0 && strcmp(r->f[RN_C_INPUT_CRC], crc) == 0 &&
            strcmp(r->f[RN_C_PROGRAM], b->program) == 0) {
            in->slug = peel_xstrdup(r->f[RN_C_REPORT]);
            in->force = peel_xstrdup(r->f[RN_C_FORCE]);
            return;
        }
    }
}

/* Loads ingest's catalogues in this process before workers are forked, so
 * that they share one copy instead of each compiling the fact patterns
 * again.  On failure each report loads them itself and reports the error. */
static void preload_catalog(batch *b)
{
    peel_err e = {0};
    if (!b->catalog)
        peel_ingest_catalog_new(b->data_dir, &b->catalog, &e);
}

static void probe_work(void *ctx, size_t i, rn_result *res, peel_buf *extra)
{
    batch *b = ctx;
    rn_job job = {.outdir = b->outdir,
                  .data_dir = b->data_dir,
                  .catalog = b->catalog,
                  .stage_root = b->stage_root,
                  .input = b->probes[i]->path,
                  .verbose = b->o->verbose,
                  .index = i};
    rn_job_probe(&job, res, extra);
}

static void probe_started(void *ctx, size_t i)
{
    (void)ctx;
    (void)i;
}

/* With --verbose, the stages' warnings a worker sent after its outputs
 * line (rn_job_report), each with the file and line it is about. */
static void stage_warnings(batch *b, const char *extra, const char *slug, const char *input)
{
    const char *p = strchr(extra, '\n');
    while (b->o->verbose && p && p[1]) {
        const char *end = strchr(p + 1, '\n');
        size_t n = end ? (size_t)(end - p - 1) : strlen(p + 1);
        char *msg = peel_xstrndup(p + 1, n);
        peel_run_event ev = {.kind = PEEL_RUN_EV_WARNING, .msg = msg, .slug = slug, .input = input};
        emit(b, &ev);
        free(msg);
        p = end;
    }
}

static void probe_finished(void *ctx, size_t i, const rn_result *res, const char *extra)
{
    batch *b = ctx;
    rn_input *in = b->probes[i];
    stage_warnings(b, extra, NULL, in->path);
    rn_kept_set(&in->probe, res);
    in->probed = 1;
    if (res->status == PEEL_OK && res->slug[0]) {
        char staged[4600];
        snprintf(staged, sizeof staged, "%s/%zu/%s", b->stage_root, i, res->slug);
        in->slug = peel_xstrdup(res->slug);
        in->force = peel_xstrdup(res->force);
        in->staged = peel_xstrdup(staged);
    }
}

/* A result that says only that the run was stopped (a job not run, or a
 * worker we stopped): not worth a line each, the run says it was stopped. */
static int stopped_by_us(const rn_kept *res)
{
    return peel_stop_requested() && res->status != PEEL_OK &&
           (strcmp(res->stage, "run") == 0 || strcmp(res->stage, "worker") == 0);
}

static void input_failed(batch *b, rn_input *in, const char *why)
{
    b->any_bad = 1;
    b->res->failed++;
    b->nrefused++;
    if (in->probed && stopped_by_us(&in->probe))
        return;
    peel_run_event ev = {.kind = PEEL_RUN_EV_ERROR, .msg = why, .input = in->path};
    emit(b, &ev);
}

static int report_cmp(const void *pa, const void *pb)
{
    const report *a = pa, *c = pb;
    return strcmp(a->in->slug, c->in->slug);
}

static void resolve(batch *b)
{
    b->probes = peel_xcalloc(b->inputs.n + 1, sizeof(rn_input *));
    for (size_t i = 0; i < b->inputs.n; i++) {
        rn_input *in = b->inputs.item[i];
        if (in->why)
            continue;
        known_slug(b, in);
        if (!in->slug)
            b->probes[b->nprobe++] = in;
    }
    if (b->nprobe > 0) {
        say(b, PEEL_RUN_EV_PHASE, "reading %zu new or changed report%s", b->nprobe,
            b->nprobe == 1 ? "" : "s");
        peel_err e = {0};
        if (peel_mkdirs(b->stage_root, &e) != PEEL_OK) {
            char msg[1300];
            peel_err_format(&e, msg, sizeof msg);
            say(b, PEEL_RUN_EV_ERROR, "%s", msg);
            b->cant_write = 1;
        }
        preload_catalog(b);
        rn_pool_ops ops = {probe_work, probe_started, probe_finished, NULL};
        rn_pool_run(b->nprobe, b->o->jobs > 0 ? b->o->jobs : cpu_count(), &ops, b);
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
            /* Ingest's own errors name the file; a worker that died (out of
             * memory, a signal) or never started does not know it. */
            if (strcmp(in->probe.stage, "ingest") == 0)
                snprintf(why, sizeof why, "%s", in->probe.reason);
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
        report *r = &b->reports[b->nreport++];
        r->in = in;
        rn_kept_init(&r->res);
    }
    if (b->nreport > 1)
        qsort(b->reports, b->nreport, sizeof *b->reports, report_cmp);
    /* Every input counts, so that the last line adds up: built, unchanged,
     * and failed or invalid. */
    b->res->reports = b->nreport + b->nrefused;
}

/* ---- sidecars ---- */

static void match_sidecars(batch *b)
{
    for (size_t s = 0; s < b->sidecars.n; s++) {
        rn_sidecar *sc = b->sidecars.item[s];
        if (sc->why) {
            say(b, PEEL_RUN_EV_WARNING, "sidecar %s not used: %s", sc->path, sc->why);
            continue;
        }
        for (size_t i = 0; i < b->nreport; i++) {
            report *r = &b->reports[i];
            int match = 0;
            for (size_t f = 0; f < sc->forces.n && !match; f++)
                match = strcmp(sc->forces.item[f], r->in->force) == 0;
            if (!match)
                continue;
            const char *base = peel_path_base(sc->path);
            int clash = 0;
            for (size_t k = 0; k < r->sidecars.n && !clash; k++)
                clash =
                    strcmp(peel_path_base(((rn_sidecar *)r->sidecars.item[k])->path), base) == 0;
            if (clash) {
                say(b, PEEL_RUN_EV_WARNING,
                    "sidecar %s not used for %s: another sidecar of that name is", sc->path,
                    r->in->slug);
                continue;
            }
            peel_vec_push(&r->sidecars, sc);
            sc->used = 1;
        }
        if (!sc->used)
            say(b, PEEL_RUN_EV_WARNING,
                "sidecar %s matches no report of this run (its force column names no force "
                "among the reports)",
                sc->path);
    }
    for (size_t i = 0; i < b->nreport; i++) {
        report *r = &b->reports[i];
        peel_buf key;
        peel_buf_init(&key);
        peel_vec names = {0};
        for (size_t k = 0; k < r->sidecars.n; k++) {
            const rn_sidecar *sc = r->sidecars.item[k];
            char item[600];
            snprintf(item, sizeof item, "%s:%lld:%08x", peel_path_base(sc->path), sc->size,
                     (unsigned)sc->crc);
            peel_vec_push(&names, peel_xstrdup(item));
        }
        if (names.n > 1)
            qsort(names.item, names.n, sizeof *names.item, by_name);
        for (size_t k = 0; k < names.n; k++)
            peel_buf_printf(&key, "%s%s", k ? " " : "", (char *)names.item[k]);
        peel_vec_release(&names, free);
        r->sidecar_key = peel_buf_detach(&key);
        peel_buf_release(&key);
    }
}

/* ---- what to build ---- */

static int unchanged(const batch *b, const report *r)
{
    const rn_row *o = r->old;
    char size[32], crc[16], dir[4400];
    snprintf(size, sizeof size, "%lld", r->in->size);
    snprintf(crc, sizeof crc, "%08x", (unsigned)r->in->crc);
    snprintf(dir, sizeof dir, "%s/%s", b->outdir, r->in->slug);
    return o &&
           (strcmp(o->f[RN_C_STATUS], "ok") == 0 || strcmp(o->f[RN_C_STATUS], "invalid") == 0) &&
           strcmp(o->f[RN_C_INPUT_SIZE], size) == 0 && strcmp(o->f[RN_C_INPUT_CRC], crc) == 0 &&
           strcmp(o->f[RN_C_SIDECARS], r->sidecar_key) == 0 &&
           strcmp(o->f[RN_C_RULES_CRC], b->rules_crc) == 0 &&
           strcmp(o->f[RN_C_PROGRAM], b->program) == 0 &&
           rn_outputs_intact(dir, o->f[RN_C_OUTPUTS]);
}

static void plan(batch *b)
{
    b->builds = peel_xcalloc(b->nreport + 1, sizeof(report *));
    for (size_t i = 0; i < b->nreport; i++) {
        report *r = &b->reports[i];
        r->old = old_row(b, "report", r->in->slug);
        if (!b->o->force && unchanged(b, r)) {
            b->res->unchanged++;
            /* Still invalid (incomplete, or FAILs under --strict): say so again. */
            const rn_row *o = r->old;
            long fails = strtol(o->f[RN_C_FAIL], NULL, 10);
            if (strcmp(o->f[RN_C_STATUS], "invalid") == 0) {
                b->any_bad = 1;
                b->res->failed++;
                peel_run_event ev = {
                    .kind = PEEL_RUN_EV_ERROR, .input = r->in->path, .slug = r->in->slug};
                char msg[2200];
                snprintf(msg, sizeof msg, "%s (unchanged since the last run): %s", r->in->slug,
                         o->f[RN_C_REASON]);
                ev.msg = msg;
                emit(b, &ev);
            } else if (b->o->strict && fails > 0) {
                b->any_bad = 1;
                b->res->failed++;
                say(b, PEEL_RUN_EV_ERROR,
                    "%s (unchanged since the last run): %ld reconciliation check%s FAIL "
                    "(--strict; see reconciliation.csv)",
                    r->in->slug, fails, fails == 1 ? "" : "s");
            }
            continue;
        }
        r->build = 1;
        b->builds[b->nbuild++] = r;
    }
}

/* ---- building ---- */

static void build_work(void *ctx, size_t i, rn_result *res, peel_buf *extra)
{
    batch *b = ctx;
    report *r = b->builds[i];
    rn_job job = {.outdir = b->outdir,
                  .data_dir = b->data_dir,
                  .catalog = b->catalog,
                  .extra_rules = b->o->extra_rules,
                  .stage_root = b->stage_root,
                  .input = r->in->path,
                  .slug = r->in->slug,
                  .staged = r->in->staged,
                  .sidecars = (const rn_sidecar *const *)r->sidecars.item,
                  .nsidecar = r->sidecars.n,
                  .strict = b->o->strict,
                  .verbose = b->o->verbose,
                  .index = i};
    rn_job_report(&job, res, extra);
}

static void build_started(void *ctx, size_t i)
{
    batch *b = ctx;
    report *r = b->builds[i];
    peel_run_event ev = {.kind = PEEL_RUN_EV_START, .slug = r->in->slug, .input = r->in->path};
    emit(b, &ev);
}

static const char *status_word(const rn_kept *res)
{
    return res->status != PEEL_OK ? "failed" : res->invalid ? "invalid" : "ok";
}

static void build_finished(void *ctx, size_t i, const rn_result *got, const char *extra)
{
    batch *b = ctx;
    report *r = b->builds[i];
    rn_kept_set(&r->res, got);
    if (r->in->probed && r->in->staged) {
        /* Ingest ran in the probe; the worker's own warnings (the pdf
         * stage's) add to its. */
        r->res.seconds[RN_INGEST] = r->in->probe.seconds[RN_INGEST];
        r->res.warnings += r->in->probe.warnings;
        r->res.input_size = r->in->probe.input_size;
        r->res.input_crc = r->in->probe.input_crc;
        rn_kept_text(&r->res.force, r->in->probe.force);
    }
    const rn_kept *res = &r->res;
    char dir[4400];
    snprintf(dir, sizeof dir, "%s/%s", b->outdir, r->in->slug);
    /* A worker that ended normally swept its folder; one killed (a signal,
     * out of memory) may have left its temporaries: it is gone now, so they
     * are stray, and removed here rather than left for the next run. */
    if (res->status != PEEL_OK && strcmp(res->stage, "worker") == 0)
        sweep_report(dir);
    r->outputs = peel_xstrndup(extra, strcspn(extra, "\n"));
    stage_warnings(b, extra, r->in->slug, r->in->path);
    r->built = 1;
    b->ndone++;
    b->wrote = 1;
    /* The last line adds up: built, unchanged, and failed or invalid. */
    if (res->status == PEEL_OK && !res->invalid)
        b->res->built++;
    if (res->status == PEEL_ECANTCREAT)
        b->cant_write = 1;
    if ((res->status != PEEL_OK || res->invalid) && !stopped_by_us(res)) {
        b->any_bad = 1;
        b->res->failed++;
        char msg[2000];
        snprintf(msg, sizeof msg, "%s: %s%s%s%s", r->in->slug,
                 res->status != PEEL_OK ? "failed" : "invalid", res->stage[0] ? " in " : "",
                 res->stage, res->status != PEEL_OK ? "; its earlier documents are kept" : "");
        /* The input's name last: the report's folder alone does not say
         * which file to fix. */
        char full[8200];
        snprintf(full, sizeof full, "%s: %s (input %s)", msg, res->reason, r->in->path);
        peel_run_event ev = {
            .kind = PEEL_RUN_EV_ERROR, .msg = full, .slug = r->in->slug, .input = r->in->path};
        emit(b, &ev);
    }
    if (res->notice[0]) {
        char note[1700];
        snprintf(note, sizeof note, "%s: %s", r->in->slug, res->notice);
        peel_run_event wv = {
            .kind = PEEL_RUN_EV_WARNING, .msg = note, .slug = r->in->slug, .input = r->in->path};
        emit(b, &wv);
    }
    peel_run_event ev = {.kind = PEEL_RUN_EV_DONE,
                         .slug = r->in->slug,
                         .input = r->in->path,
                         .status = status_word(res),
                         .seconds = res->seconds,
                         .warnings = res->warnings,
                         .rejects = res->rejects,
                         .pass = res->pass,
                         .warn = res->warn,
                         .fail = res->fail,
                         .skip = res->skip};
    emit(b, &ev);
}

static void build_tick(void *ctx)
{
    batch *b = ctx;
    peel_run_event ev = {.kind = PEEL_RUN_EV_TICK};
    emit(b, &ev);
}

/* ---- manifest and summary ---- */

/* summary.xlsx (the xlsx stage's overview) over the report rows given
 * (rn_row*, sorted by slug). */
static peel_status summary_write(const batch *b, const peel_vec *rows, peel_err *err)
{
    peel_xlsx_overview_report *reps = peel_xcalloc(rows->n + 1, sizeof *reps);
    for (size_t i = 0; i < rows->n; i++) {
        const rn_row *r = rows->item[i];
        reps[i] = (peel_xlsx_overview_report){r->f[RN_C_REPORT], r->f[RN_C_STATUS]};
    }
    peel_status st = peel_xlsx_overview_write(b->outdir, b->data_dir, NULL, reps, rows->n, err);
    free(reps);
    return st;
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

static rn_row *built_row(const batch *b, const report *r)
{
    const rn_kept *res = &r->res;
    rn_row *row = rn_row_new();
    rn_row_set(row, RN_C_KIND, "report");
    rn_row_set(row, RN_C_REPORT, r->in->slug);
    rn_row_set(row, RN_C_FORCE, r->in->force);
    rn_row_set(row, RN_C_STATUS, status_word(res));
    rn_row_set(row, RN_C_INPUT, r->in->path);
    /* What ingest read, when it did: the file may have changed since it was listed. */
    long long size = res->input_size >= 0 ? res->input_size : r->in->size;
    uint32_t crc = res->input_size >= 0 ? res->input_crc : r->in->crc;
    rn_row_setf(row, RN_C_INPUT_SIZE, "%lld", size);
    rn_row_setf(row, RN_C_INPUT_CRC, "%08x", (unsigned)crc);
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

static int folder_exists(const batch *b, const char *slug)
{
    char p[4400];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s/data", b->outdir, slug);
    return slug[0] && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The new manifest's rows: reports of this run, reports of earlier runs whose
 * folders are still there, inputs that gave no report. */
static void new_rows(batch *b, peel_vec *rows)
{
    for (size_t i = 0; i < b->nreport; i++) {
        report *r = &b->reports[i];
        if (r->built)
            peel_vec_push(rows, built_row(b, r));
        else if (r->old)
            peel_vec_push(rows, rn_row_copy(r->old));
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

static int same_reports(const batch *b, const peel_vec *rows)
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
        if (!old_row(b, "report", r->f[RN_C_REPORT]))
            return 0;
    }
    return n == m;
}

static void write_outputs(batch *b)
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
    const rn_row *old_summary = old_row(b, "summary", "");
    int need = b->nbuild > 0 || !same_reports(b, &rows) || !old_summary ||
               !rn_outputs_intact(b->outdir, old_summary->f[RN_C_OUTPUTS]);
    rn_row *srow = rn_row_new();
    rn_row_set(srow, RN_C_KIND, "summary");
    rn_row_set(srow, RN_C_STATUS, "ok");
    rn_row_set(srow, RN_C_PROGRAM, b->program);
    char spath[4400];
    snprintf(spath, sizeof spath, "%s/summary.xlsx", b->outdir);
    if (need && reps.n > 0) {
        peel_err e = {0};
        peel_status st = peel_mkdirs(b->stage_root, &e);
        if (st == PEEL_OK)
            st = summary_write(b, &reps, &e);
        if (st != PEEL_OK) {
            char msg[1300];
            peel_err_format(&e, msg, sizeof msg);
            say(b, PEEL_RUN_EV_ERROR, "summary.xlsx: %s", msg);
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
    snprintf(mpath, sizeof mpath, "%s/manifest.csv", b->outdir);
    peel_err e = {0};
    if (peel_file_read(mpath, (size_t)1 << 30, &old, &old_len, &e) != PEEL_OK ||
        old_len != text.len || memcmp(old, text.data ? text.data : "", text.len) != 0) {
        if (peel_afile_write(mpath, text.data ? text.data : "", text.len, &e) != PEEL_OK) {
            char msg[1300];
            peel_err_format(&e, msg, sizeof msg);
            say(b, PEEL_RUN_EV_ERROR, "%s", msg);
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

/* ---- the run ---- */

static void batch_release(batch *b)
{
    for (size_t i = 0; i < b->nreport; i++) {
        peel_vec_release(&b->reports[i].sidecars, NULL);
        free(b->reports[i].sidecar_key);
        free(b->reports[i].outputs);
        rn_kept_release(&b->reports[i].res);
    }
    free(b->reports);
    free(b->probes);
    free(b->builds);
    peel_ingest_catalog_free(b->catalog);
    peel_vec_release(&b->inputs, rn_input_free);
    peel_vec_release(&b->sidecars, rn_sidecar_free);
    peel_vec_release(&b->missing, free);
    peel_vec_release(&b->old, rn_row_free);
}

static peel_status prepare(batch *b, peel_err *err)
{
    const peel_run_opts *o = b->o;
    if (!o->outdir || !o->outdir[0])
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no output folder (-o OUTDIR)");
    if (o->ninput == 0)
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no input: name report files or folders");
    snprintf(b->outdir, sizeof b->outdir, "%s", o->outdir);
    size_t n = strlen(b->outdir);
    while (n > 1 && b->outdir[n - 1] == '/')
        b->outdir[--n] = '\0';
    snprintf(b->stage_root, sizeof b->stage_root, "%s/.peel-stage", b->outdir);
    peel_status st = peel_data_given(o->data_dir, err);
    if (st != PEEL_OK)
        return st;
    snprintf(b->data_dir, sizeof b->data_dir, "%s", o->data_dir);
    if (o->extra_rules && access(o->extra_rules, R_OK) != 0)
        return PEEL_FAIL(err, PEEL_ENOINPUT, o->extra_rules, 0, "cannot read the rules file: %s",
                         strerror(errno));
    st = rules_checksum(b, err);
    if (st != PEEL_OK)
        return st;
    program_id(b);
    return peel_mkdirs(b->outdir, err);
}

peel_status peel_run_batch(const peel_run_opts *o, peel_run_result *res, peel_err *err)
{
    batch b = {.o = o, .res = res};
    memset(res, 0, sizeof *res);
    clock_gettime(CLOCK_MONOTONIC, &b.t0);
    peel_status st = prepare(&b, err);
    if (st != PEEL_OK)
        return st;
    rn_lock lock;
    long stale = 0;
    st = rn_lock_take(&lock, b.outdir, &stale, err);
    if (st != PEEL_OK)
        return st;
    if (stale > 0)
        say(&b, PEEL_RUN_EV_WARNING,
            "%s: took over the lock left by peel-run pid %ld, which is no longer running", b.outdir,
            stale);
    sweep(&b);

    peel_err me = {0};
    char mpath[4400];
    snprintf(mpath, sizeof mpath, "%s/manifest.csv", b.outdir);
    if (rn_manifest_load(mpath, &b.old, &me) != PEEL_OK) {
        char msg[1300];
        peel_err_format(&me, msg, sizeof msg);
        say(&b, PEEL_RUN_EV_WARNING, "%s; every report is rebuilt", msg);
    }

    peel_vec walk_notes = {0};
    rn_inputs_collect(o->inputs, o->ninput, b.outdir, &b.inputs, &b.sidecars, &b.missing,
                      &walk_notes);
    for (size_t i = 0; i < walk_notes.n; i++)
        say(&b, PEEL_RUN_EV_WARNING, "%s", (char *)walk_notes.item[i]);
    peel_vec_release(&walk_notes, free);
    for (size_t i = 0; i < b.missing.n; i++) {
        say(&b, PEEL_RUN_EV_ERROR, "%s: no such file or folder", (char *)b.missing.item[i]);
        b.any_missing = 1;
    }
    if (b.inputs.n == 0 && b.missing.n == 0) {
        /* Name what was given: a folder where a report was meant is the
         * usual cause, and the user needs to see which. */
        size_t folders = 0;
        for (size_t i = 0; i < o->ninput; i++) {
            struct stat ist;
            if (stat(o->inputs[i], &ist) == 0 && S_ISDIR(ist.st_mode)) {
                say(&b, PEEL_RUN_EV_ERROR,
                    "%s: a folder: no report found in it (reports are .md or .txt files)",
                    o->inputs[i]);
                folders++;
            }
        }
        if (folders < o->ninput)
            say(&b, PEEL_RUN_EV_ERROR, "no report found (reports are .md or .txt files)");
        b.any_missing = 1;
    }

    resolve(&b);
    match_sidecars(&b);
    plan(&b);
    if (b.nbuild > 0 && !peel_stop_requested()) {
        peel_err e = {0};
        if (peel_mkdirs(b.stage_root, &e) == PEEL_OK) {
            preload_catalog(&b);
            rn_pool_ops ops = {build_work, build_started, build_finished, build_tick};
            rn_pool_run(b.nbuild, o->jobs > 0 ? o->jobs : cpu_count(), &ops, &b);
        } else {
            char msg[1300];
            peel_err_format(&e, msg, sizeof msg);
            say(&b, PEEL_RUN_EV_ERROR, "%s", msg);
            b.cant_write = 1;
        }
    }
    if (!peel_stop_requested())
        write_outputs(&b);
    rn_remove_tree(b.stage_root);

    res->nothing_to_do = !b.wrote && b.nprobe == 0 && !peel_stop_requested();
    res->exit = b.cant_write    ? PEEL_ECANTCREAT
                : b.any_missing ? PEEL_ENOINPUT
                : b.any_bad     ? PEEL_EDATA
                                : PEEL_OK;
    rn_lock_release(&lock);
    batch_release(&b);
    return PEEL_OK;
}
