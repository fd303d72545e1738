/* peel-run internals: inputs, the manifest, the lock, the worker pool, one
 * report's pipeline and summary.xlsx.  Prefix rn_. */
#ifndef PEEL_RN_H
#define PEEL_RN_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest.h"
#include "pdf.h"
#include "peel_err.h"
#include "peel_mem.h"
#include "reconcile.h"
#include "run.h"
#include "validate.h"
#include "xlsx.h"

enum { RN_INGEST, RN_VALIDATE, RN_RECONCILE, RN_XLSX, RN_PDF };

/* What a worker sends back through its pipe: this fixed part, then free
 * text (`extra`): a line with the report's outputs (see rn_outputs_list),
 * then the stages' warnings, one a line ("file:line: message"). */
typedef struct rn_result {
    int status;           /* peel_status of the job */
    int invalid;          /* documents built, but the report is incomplete (or --strict) */
    char stage[16];       /* the stage that failed or found the report invalid */
    char reason[1400];    /* why, for the log and the manifest */
    char slug[256];       /* <force-slug>-<year> as ingest decided */
    char force[256];      /* the force's slug (sidecars are matched on it) */
    long long input_size; /* of the bytes ingest read (-1: not read) */
    uint32_t input_crc;
    long warnings, rejects, pass, warn, fail, skip;
    double seconds[PEEL_RUN_NSTAGE]; /* -1: stage not run */
    char notice[1400];               /* a warning for the log ("" none): sidecar rows rejected */
} rn_result;

void rn_result_init(rn_result *r);
/* Fills status, stage and reason from an error. */
void rn_result_fail(rn_result *r, const char *stage, const peel_err *err);

/* A result as the batch keeps it for the rest of the run (each report's,
 * each input's probe): rn_result's fields with its texts on the heap, so a
 * thousand reports keep kilobytes where fixed rn_results took 3.4 KB each
 * (rn_result stays fixed: it is what a worker sends through its pipe). */
typedef struct rn_kept {
    int status, invalid;
    char stage[16];
    char *reason, *slug, *force, *notice; /* owned; "" when empty, never NULL */
    long long input_size;
    uint32_t input_crc;
    long warnings, rejects, pass, warn, fail, skip;
    double seconds[PEEL_RUN_NSTAGE];
} rn_kept;

/* An empty result (as rn_result_init), then one copied from r (replacing
 * what k kept), then its texts freed. */
void rn_kept_init(rn_kept *k);
void rn_kept_set(rn_kept *k, const rn_result *r);
void rn_kept_release(rn_kept *k);
/* The result again from what was kept of it (the inverse of rn_kept_set). */
void rn_result_from_kept(rn_result *r, const rn_kept *k);
/* A new text of k (its old one freed). */
void rn_kept_text(char **field, const char *text);

/* ---- inputs ---- */

typedef struct rn_input {
    char *path;     /* as found (operand or operand/…); owned */
    long long size; /* -1 when unreadable */
    uint32_t crc;
    char *why;          /* why it cannot be read; owned, NULL when readable */
    char *slug, *force; /* owned; NULL until known (manifest or probe) */
    char *staged;       /* <stage>/<n>/<slug>: what the probe built; owned or NULL */
    int synced;         /* RN_SYNCED_* of staged (syncer.c) */
    char *listed;       /* staged's outputs list (rn_outputs_list), made by the
                           syncer for a folder to move whole; owned or NULL */
    int dup;            /* index of the earlier input of the same report, or -1 */
    rn_kept probe;      /* the probe's outcome when one ran */
    int probed;
    peel_vec said; /* owned lines of the probe's standard error, until it ends */
    /* staged's records as summary.xlsx takes them, read while the next
     * report was built (identify.c); owned or NULL */
    peel_xlsx_overview_kept *kept;
} rn_input;

typedef struct rn_sidecar {
    char *path; /* owned */
    long long size;
    uint32_t crc;
    peel_vec forces; /* owned force slugs of its rows */
    char *why;       /* why it cannot be used; owned, NULL when fine */
    int used;
} rn_sidecar;

/* The largest sidecar CSV read. */
#define RN_SIDECAR_MAX ((size_t)64 << 20)

/* Walks the operands: report files (.md, .txt; any name but .csv when named
 * directly) into *reports (rn_input*), sidecar CSVs into *sidecars
 * (rn_sidecar*), each read and checksummed (only regular files, within the
 * size limits: anything else gets its `why`); operands that do not exist
 * into *missing (owned strings).  Folders are walked recursively in name
 * order, leaving out dot files and the output folder, each real folder
 * (device and inode) once: a link to a folder already walked, and folders
 * nested too deep, are left out with a message in *warnings (owned
 * strings).  Stops early when a stop is requested (peel_stop.h). */
void rn_inputs_collect(const char *const *operands, size_t n, const char *outdir, peel_vec *reports,
                       peel_vec *sidecars, peel_vec *missing, peel_vec *warnings);
void rn_input_free(void *in);
void rn_sidecar_free(void *sc);

/* Whether sidecar sc goes with a report of `force` that already has the
 * sidecars `picked` (plan.c): one bad, or whose force column names no row
 * of that force, does not; one of the same file name as a picked one
 * clashes. */
typedef enum rn_fit { RN_FIT_NO, RN_FIT_YES, RN_FIT_CLASH } rn_fit;
rn_fit rn_sidecar_fits(const rn_sidecar *sc, const char *force, const peel_vec *picked);
/* A report's sidecars: those of `all` (rn_sidecar*) that fit, in order. */
void rn_sidecars_pick(const peel_vec *all, const char *force, peel_vec *picked);

/* ---- manifest.csv ---- */

typedef enum rn_col {
    RN_C_KIND, /* "report", "input" (an input that gave no report) or "summary" */
    RN_C_REPORT,
    RN_C_FORCE,
    RN_C_STATUS, /* ok, invalid, failed */
    RN_C_INPUT,
    RN_C_INPUT_SIZE,
    RN_C_INPUT_CRC,
    RN_C_SIDECARS,
    RN_C_RULES_CRC,
    RN_C_PROGRAM,
    RN_C_OUTPUTS,
    RN_C_WARNINGS,
    RN_C_REJECTS,
    RN_C_PASS,
    RN_C_WARN,
    RN_C_FAIL,
    RN_C_SKIP,
    RN_C_STAGE,
    RN_C_REASON,
    RN_C_SEC_FIRST, /* one column per stage, then the total */
    RN_C_SEC_TOTAL = RN_C_SEC_FIRST + PEEL_RUN_NSTAGE,
    RN_NCOL
} rn_col;

extern const char *const RN_COLS[RN_NCOL];

typedef struct rn_row {
    char *f[RN_NCOL]; /* owned; never NULL once made by rn_row_new */
    int intact;       /* its outputs checked (rn_row_intact): -1 not yet, 0 or 1 */
} rn_row;

rn_row *rn_row_new(void);
rn_row *rn_row_copy(const rn_row *r);
void rn_row_free(void *r);
void rn_row_set(rn_row *r, rn_col c, const char *v);
void rn_row_setf(rn_row *r, rn_col c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Rows of <out>/manifest.csv.  A missing file gives no rows and PEEL_OK; a
 * file that does not parse gives no rows and PEEL_EDATA (everything is then
 * rebuilt).  A row that does not parse whole (fewer or more fields than the
 * header, an outputs list that is not one) is left out, with a message in
 * *notes (owned strings): its report is then built again, and the row is
 * never written back. */
peel_status rn_manifest_load(const char *path, peel_vec *rows, peel_vec *notes, peel_err *err);
/* The manifest's text: header, then rows in a fixed order (reports by slug,
 * inputs that gave no report by path, the summary last), so the same
 * results give the same bytes whatever order workers finished in. */
void rn_manifest_format(peel_vec *rows, peel_buf *out);
/* Puts rows in that order. */
void rn_manifest_sort(peel_vec *rows);

/* ---- outputs ---- */

/* What a folder's entry de (read from d) is, links not followed: 'f' a
 * regular file, 'd' a folder, 0 anything else or gone.  The kind readdir
 * gives when the file system gives one, else an fstatat. */
int rn_entry_kind(DIR *d, const struct dirent *de);

/* Every file under report_dir (temporaries and dot files left out), sorted
 * by relative path, as "path:size:crc32 ..." into out. */
void rn_outputs_list(const char *report_dir, peel_buf *out);
/* Nonzero when every file a list names is there with its size and CRC,
 * and, with `whole`, when the list names every file rn_outputs_list finds
 * under dir (a list cut short, or a file it does not know, is not intact). */
int rn_outputs_intact(const char *dir, const char *list, int whole);
/* Nonzero when the list parses: "path:size:crc32" items, one space apart. */
int rn_outputs_parse_ok(const char *list);

/* ---- the lock ---- */

typedef struct rn_lock {
    int fd;     /* -1 when not held */
    char *path; /* owned */
} rn_lock;

/* Takes <outdir>/.peel-run.lock.  PEEL_ELOCKED when a live run holds it (err
 * names its pid); a lock left by a run that is gone is taken over, and
 * `note` (cap bytes) says so for a warning ("" otherwise): its pid, how we
 * know it is gone, and what that pid is now if another process has it. */
peel_status rn_lock_take(rn_lock *l, const char *outdir, char *note, size_t cap, peel_err *err);
void rn_lock_release(rn_lock *l);

/* ---- worker pool ---- */

typedef struct rn_pool_ops {
    /* In the worker process: runs job i, fills *res and *extra. */
    void (*work)(void *ctx, size_t i, rn_result *res, peel_buf *extra);
    void (*started)(void *ctx, size_t i);
    /* In this process, as each job ends (in completion order). */
    void (*finished)(void *ctx, size_t i, const rn_result *res, const char *extra);
    /* In this process: a line job i's worker wrote on its standard error
     * (libraries print there: libxlsxwriter's [WARNING] and [ERROR] lines,
     * peel_mem's "out of memory"); each is given on, none printed. */
    void (*said)(void *ctx, size_t i, const char *line);
    void (*tick)(void *ctx); /* a few times a second while jobs run; may be NULL */
    /* In the worker process, when it takes no more jobs and before it
     * exits: releases what its jobs kept for the next one.  May be NULL. */
    void (*leaving)(void *ctx);
    /* In this process, once the jobs that can start have been handed out:
     * what it does while the workers run (finished runs before the next
     * job is handed out, so its work delays it).  May be NULL. */
    void (*handed)(void *ctx);
} rn_pool_ops;

/* Runs jobs 0..n-1 in worker processes, at most `jobs` at a time, and hands
 * each one's result to ops->finished, and its standard error, line by line,
 * to ops->said.  A worker that dies without a result
 * gives a PEEL_ESOFTWARE result (stage "worker") naming the signal.  When a
 * stop is requested (peel_stop.h) no job is started any more, running
 * workers get SIGTERM, and the jobs not run get a result (stage "run")
 * saying so. */
void rn_pool_run(size_t n, int jobs, const rn_pool_ops *ops, void *ctx);

/* ---- one report ---- */

/* The stages' catalogues, loaded once by the parent before its workers
 * fork (rn_preload_catalog), so that every report borrows one copy; one
 * left NULL (not needed yet, or it failed to load) each report loads
 * itself, and says what is wrong with it. */
typedef struct rn_catalogs {
    peel_ingest_catalog *ingest;
    peel_validate_catalog *validate;
    peel_reconcile_catalog *reconcile; /* with the run's --rules file */
    peel_xlsx_catalog *xlsx;
    peel_pdf_catalog *pdf;
} rn_catalogs;

typedef struct rn_job {
    const char *outdir;
    const char *data_dir;
    const rn_catalogs *catalogs; /* borrowed from the parent; never NULL */
    const char *extra_rules;
    const char *stage_root; /* <out>/.peel-stage */
    const char *input;      /* report file */
    const char *slug;       /* expected slug (NULL for a probe) */
    long long input_size;   /* the input as the run listed it */
    uint32_t input_crc;
    const char *staged;                /* what the probe built, or NULL: ingest again */
    const rn_kept *built;              /* with staged: the probe's result */
    int synced;                        /* with staged: RN_SYNCED_* of it */
    const char *listed;                /* with staged: its outputs list, or NULL */
    const rn_sidecar *const *sidecars; /* to copy into data/sidecars/ */
    size_t nsidecar;
    const peel_vec *all_sidecars; /* a probe's: the run's rn_sidecar*, to pick from */
    int strict, verbose;
    size_t index; /* names the staging folder */
} rn_job;

/* Ingests the input into <stage_root>/<index>/ to learn its report's slug
 * and, when it could, builds it there too (its sidecars picked from
 * job->all_sidecars by its force): everything but the commit, which waits
 * until the run knows the input is the first of its force and year.
 * res->slug is set once ingest succeeded; res->status is then the build's.
 * extra: an empty outputs line, then the stages' warnings. */
void rn_job_probe(const rn_job *job, rn_result *res, peel_buf *extra);
/* The whole pipeline for one report into <outdir>/<slug>/, or only the
 * commit of what the probe built (job->built), then its outputs and the
 * warnings into extra. */
void rn_job_report(const rn_job *job, rn_result *res, peel_buf *extra);

/* qsort and bsearch of char* by name (batch.c). */
int rn_by_name(const void *a, const void *b);

/* rm -r of a folder we made (staging); errors ignored. */
void rn_remove_tree(const char *path);

/* What of a staged report folder is synced already (syncer.c), and
 * whether the run renamed it into place (rn_commit_place; LANDED: the
 * output folder synced after). */
enum { RN_SYNCED_DOCS = 1, RN_SYNCED_FOLDER = 2, RN_SYNCED_PLACED = 4, RN_SYNCED_LANDED = 8 };

/* Moves the report a worker built in `staged` into `dir` (commit.c): the
 * records, then the documents, each synced before its rename (unless
 * `synced` has RN_SYNCED_DOCS), the folder once after (or, for a folder
 * moved whole, before, where it was staged: RN_SYNCED_FOLDER); files of ours
 * the build no longer makes are removed.  *whole is set when the staged
 * folder was renamed whole into place (the report had no folder).
 * PEEL_ECANTCREAT naming what failed. */
peel_status rn_commit(const char *staged, const char *dir, const char *slug, int synced, int *whole,
                      peel_err *err);
/* A new report's staged folder, synced (RN_SYNCED_DOCS | RN_SYNCED_FOLDER),
 * renamed whole into place as `dir` (never over a folder there): 1 done,
 * 0 not (its commit moves it).  The output folder is the caller's to sync:
 * the run places every new report, then syncs it once (build.c). */
int rn_commit_place(const char *staged, const char *dir);
/* The documents of a staged report folder, as paths (owned), into *docs:
 * what rn_commit syncs. */
void rn_commit_documents(const char *staged, peel_vec *docs);

/* ---- the probes' syncs, made at once (syncer.c) ---- */

typedef struct rn_syncer rn_syncer;
/* An empty list of syncs. */
rn_syncer *rn_syncer_start(void);
/* Adds the syncs of `files` (taken: *files is emptied) and of the folder
 * `dir` (NULL: none); *done gets the RN_SYNCED_* of what was synced.  With
 * `dir`, *listed gets dir's outputs list (rn_outputs_list; owned), or stays
 * NULL when it was not made. */
void rn_syncer_add(rn_syncer *s, peel_vec *files, const char *dir, int *done, char **listed);
/* Prepares the syncs added since the last call: starts their documents'
 * writeback (peel_afile_start_writeback), so that their syncs find them
 * written, and lists each folder given with `listed` (what the threads
 * would otherwise do after the probes). */
void rn_syncer_prepare(rn_syncer *s);
/* Makes every sync added (when `sync`: not when the run is stopped), a few
 * at once (threads, joined before it returns), sets each *done, and frees
 * s. */
void rn_syncer_finish(rn_syncer *s, int sync);

/* A test hook: with the environment variable `env` (PEEL_RUN_TEST_GATE:
 * before the report starts; PEEL_RUN_TEST_COMMIT_GATE: in the middle of its
 * commit) set to DIR, the worker writes DIR/<slug>.ready holding its pid
 * (renamed into place, so never read half-written), then waits until
 * DIR/<slug>.go or DIR/all.go exists.  Tests act while a run is provably at
 * that point, holding the lock, and then let it go on: they wait on these
 * files, never on the clock. */
void rn_test_gate(const char *env, const char *slug);

#endif
