/* The syncs of what the probes built, made at once: once every probe has
 * ended, a few threads of the parent sync the documents and the folder of
 * each report built, so the file system serves them with one journal commit
 * and a few cache flushes where one sync after another waited for each in
 * turn (a commit's first sync, ~0.3 ms, then ~50 us each).  The commit, which
 * must wait until every input is known (the first of a force and year is
 * the report), then only renames and syncs the folder the report lands in.
 * Syncing a file where it was staged makes it as durable as syncing it after
 * its rename: the rename moves the same inode.  A file whose sync fails is
 * synced again by the commit, which names it in its error.  A folder that
 * will move whole is also listed with its files' sizes and CRC-32s
 * (rn_outputs_list): what the commit would list after the rename.
 *
 * Made while the probes still ran, the syncs cost more than they saved: each
 * one found the journal's running transaction dirtied by the next report's
 * files and committed it, and the worker waited for those commits.  So
 * while they run the main thread, idle while a worker builds the next
 * report, only prepares each report's syncs (rn_syncer_prepare): it starts
 * its documents' writeback, with no journal commit, and lists its folder
 * (reading back a report's outputs for their CRC-32s is about 0.5 ms of
 * CPU, which the threads would spend after the probes).  The threads start
 * only when the workers are gone, block every signal (the run's reach the
 * main thread), and only sync files and list what was not listed yet. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>

#include "batch.h"
#include "peel_afile.h"

/* Threads at most: each mostly waits on the disk (on this project's test
 * machine 140 syncs took 9-14 ms from one thread, 5.5-7 ms from 4, 3.3-3.4
 * ms from 16, 6 ms from 64; with the writeback started early, 8, 16 and 32
 * alike). */
enum { SYNC_THREADS = 16 };

/* One report's syncs: its documents, then its folder (NULL: none), then
 * the folder's list. */
typedef struct sync_job {
    peel_vec files; /* owned paths */
    char *dir;      /* owned or NULL */
    int *done;      /* gets RN_SYNCED_* of what was synced */
    char **listed;  /* with dir: gets its outputs list */
    int failed;     /* a document's sync failed (written by the threads) */
    int dir_failed; /* the folder's did */
    char *list;     /* the list once made, owned until handed over */
} sync_job;

/* The items of a job: its files, then with a folder its sync and its list. */
static size_t job_items(const sync_job *j)
{
    return j->files.n + (j->dir ? 2 : 0);
}

struct rn_syncer {
    pthread_mutex_t lock;
    peel_vec jobs;          /* sync_job*, owned */
    size_t prepared;        /* jobs prepared (rn_syncer_prepare) */
    size_t items;           /* syncs and lists in them */
    size_t job_at, item_at; /* the next sync to make: item item_at of job job_at */
};

/* The next item to do (under the lock): 1 and *j, *item (the files'
 * index, files.n for the folder's sync, files.n + 1 for its list), or 0
 * when none is left. */
static int next_sync(rn_syncer *s, sync_job **j, size_t *item)
{
    for (; s->job_at < s->jobs.n; s->job_at++, s->item_at = 0) {
        sync_job *c = s->jobs.item[s->job_at];
        if (s->item_at < job_items(c)) {
            *j = c;
            *item = s->item_at++;
            return 1;
        }
    }
    return 0;
}

/* A folder's list (rn_outputs_list), owned. */
static char *list_of(const char *dir)
{
    peel_buf list;
    peel_buf_init(&list);
    rn_outputs_list(dir, &list);
    return peel_buf_detach(&list);
}

static void *sync_thread(void *arg)
{
    rn_syncer *s = arg;
    sync_job *j;
    size_t item;
    pthread_mutex_lock(&s->lock);
    while (next_sync(s, &j, &item)) {
        pthread_mutex_unlock(&s->lock);
        if (item > j->files.n && j->list) { /* listed as it was prepared */
            pthread_mutex_lock(&s->lock);
            continue;
        }
        if (item > j->files.n) {
            char *list = list_of(j->dir);
            pthread_mutex_lock(&s->lock);
            j->list = list;
            continue;
        }
        int e = item < j->files.n ? peel_afile_sync_file(j->files.item[item])
                                  : peel_afile_sync_dir(j->dir);
        pthread_mutex_lock(&s->lock);
        if (e && item < j->files.n)
            j->failed = 1;
        else if (e)
            j->dir_failed = 1;
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

rn_syncer *rn_syncer_start(void)
{
    rn_syncer *s = peel_xcalloc(1, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

void rn_syncer_add(rn_syncer *s, peel_vec *files, const char *dir, int *done, char **listed)
{
    sync_job *j = peel_xcalloc(1, sizeof *j);
    j->files = *files;
    *files = (peel_vec){0};
    j->dir = dir ? peel_xstrdup(dir) : NULL;
    j->done = done;
    j->listed = listed;
    peel_vec_push(&s->jobs, j);
    s->items += job_items(j);
}

void rn_syncer_prepare(rn_syncer *s)
{
    for (; s->prepared < s->jobs.n; s->prepared++) {
        sync_job *j = s->jobs.item[s->prepared];
        for (size_t k = 0; k < j->files.n; k++)
            peel_afile_start_writeback(j->files.item[k]);
        if (j->dir && j->listed)
            j->list = list_of(j->dir);
    }
}

/* The syncs, by up to SYNC_THREADS threads; none started: the commits make
 * them all. */
static void run_syncs(rn_syncer *s)
{
    pthread_t t[SYNC_THREADS];
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    size_t started = 0;
    while (started < SYNC_THREADS && started < s->items &&
           pthread_create(&t[started], NULL, sync_thread, s) == 0)
        started++;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    for (size_t i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    for (size_t i = 0; i < s->jobs.n && started > 0; i++) {
        sync_job *j = s->jobs.item[i];
        *j->done = j->failed                  ? 0
                   : j->dir && !j->dir_failed ? RN_SYNCED_DOCS | RN_SYNCED_FOLDER
                                              : RN_SYNCED_DOCS;
        if (j->dir && j->listed) {
            *j->listed = j->list;
            j->list = NULL;
        }
    }
}

static void free_job(void *p)
{
    sync_job *j = p;
    peel_vec_release(&j->files, free);
    free(j->dir);
    free(j->list);
    free(j);
}

void rn_syncer_finish(rn_syncer *s, int sync)
{
    if (sync)
        run_syncs(s);
    peel_vec_release(&s->jobs, free_job);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
