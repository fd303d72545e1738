/* Unit tests for peel-run's worker pool (stages/run/pool.c): each job's
 * result and standard error reach its own job, a worker is kept for the next
 * job while its jobs succeed and replaced after a failure, a crash, its
 * RN_WORKER_JOBS-th job or a heap over RN_WORKER_HEAP, a crash fails only
 * the job it ended, a worker that ends badly after its jobs is said to, and
 * each worker is told (ops->leaving) before it exits. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rn.h"

enum { MAXJOBS = 80 };

typedef enum act {
    ACT_OK,
    ACT_FAIL,
    ACT_CRASH,
    ACT_SAY,
    ACT_HOLD,
    ACT_END_BADLY,
    ACT_KILLED_IDLE /* its worker is killed once its result is in */
} act;

typedef struct pool_test {
    act acts[MAXJOBS]; /* what each job does (the workers' copy, from the fork) */
    int started[MAXJOBS];
    int finished[MAXJOBS];
    rn_result res[MAXJOBS];
    char extra[MAXJOBS][64];
    char said[MAXJOBS][256]; /* its lines, each ended by '|' */
    size_t n;                /* jobs */
    int handed;              /* calls of ops->handed */
    int handed_idle;         /* of them, with a job left and no worker busy */
} pool_test;

/* Kept across jobs by a worker, like a cache a library keeps. */
static char *held;

static void end_badly(void)
{
    _exit(3);
}

static void work(void *ctx, size_t i, rn_result *res, peel_buf *extra)
{
    const pool_test *t = ctx;
    res->input_size = (long long)getpid();
    peel_buf_printf(extra, "job %zu", i);
    switch (t->acts[i]) {
    case ACT_OK:
    case ACT_KILLED_IDLE:
        break;
    case ACT_FAIL:
        res->status = PEEL_EDATA;
        snprintf(res->stage, sizeof res->stage, "xlsx");
        break;
    case ACT_CRASH:
        raise(SIGKILL);
        break;
    case ACT_SAY:
        /* Two whole lines and one without its newline. */
        fprintf(stderr, "%zu one\n%zu two\n%zu end", i, i, i);
        break;
    case ACT_END_BADLY:
        /* The job succeeds; its process ends with status 3 when it exits. */
        atexit(end_badly);
        break;
    case ACT_HOLD:
        free(held);
        held = malloc((size_t)40 << 20);
        assert_non_null(held);
        memset(held, 1, (size_t)40 << 20);
        break;
    }
}

static void started(void *ctx, size_t i)
{
    ((pool_test *)ctx)->started[i]++;
}

static void finished(void *ctx, size_t i, const rn_result *res, const char *extra)
{
    pool_test *t = ctx;
    t->finished[i]++;
    t->res[i] = *res;
    if (t->acts[i] == ACT_KILLED_IDLE && res->input_size > 0) {
        /* Dead, not yet reaped, when the pool gives it the next job. */
        kill((pid_t)res->input_size, SIGKILL);
        struct timespec ts = {0, 100L * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    snprintf(t->extra[i], sizeof t->extra[i], "%s", extra);
}

static void said(void *ctx, size_t i, const char *line)
{
    pool_test *t = ctx;
    size_t n = strlen(t->said[i]);
    snprintf(t->said[i] + n, sizeof t->said[i] - n, "%s|", line);
}

/* Where each worker, as it leaves, appends its pid ("" for no file). */
static char leave_log[256];

static void leaving(void *ctx)
{
    (void)ctx;
    FILE *fp = leave_log[0] ? fopen(leave_log, "a") : NULL;
    if (fp) {
        fprintf(fp, "%ld\n", (long)getpid());
        fclose(fp);
    }
}

/* Called once jobs are handed out: while a job is left, one is running. */
static void handed(void *ctx)
{
    pool_test *t = ctx;
    int started_n = 0, finished_n = 0;
    for (size_t i = 0; i < t->n; i++) {
        started_n += t->started[i];
        finished_n += t->finished[i];
    }
    t->handed++;
    if ((size_t)finished_n < t->n && started_n == finished_n)
        t->handed_idle++;
}

static const rn_pool_ops ops = {work, started, finished, said, NULL, leaving, handed};

static pool_test *run(const act *acts, size_t n, int jobs)
{
    pool_test *t = calloc(1, sizeof *t);
    assert_non_null(t);
    if (n > 0)
        memcpy(t->acts, acts, n * sizeof *acts);
    t->n = n;
    rn_pool_run(n, jobs, &ops, t);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(t->started[i], 1);
        assert_int_equal(t->finished[i], 1);
    }
    return t;
}

static long long pid_of(const pool_test *t, size_t i)
{
    return t->res[i].input_size;
}

/* Job k ran in a fresh worker, not job `before`'s, and job k + 1 in the
 * same one as job k. */
static void assert_fresh_at(const pool_test *t, size_t before, size_t k)
{
    assert_true(pid_of(t, k) != pid_of(t, before));
    assert_int_equal(pid_of(t, k + 1), pid_of(t, k));
}

static void test_kept_while_ok(void **state)
{
    (void)state;
    act acts[6] = {0};
    pool_test *t = run(acts, 6, 1);
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(t->res[i].status, PEEL_OK);
        assert_true(pid_of(t, i) > 0);
        assert_int_equal(pid_of(t, i), pid_of(t, 0));
        assert_true(pid_of(t, i) != (long long)getpid());
        char want[32];
        snprintf(want, sizeof want, "job %zu", i);
        assert_string_equal(t->extra[i], want);
    }
    free(t);
}

static void test_fresh_after_failure(void **state)
{
    (void)state;
    act acts[4] = {ACT_OK, ACT_FAIL, ACT_OK, ACT_OK};
    pool_test *t = run(acts, 4, 1);
    assert_int_equal(t->res[1].status, PEEL_EDATA);
    assert_string_equal(t->res[1].stage, "xlsx");
    assert_int_equal(pid_of(t, 1), pid_of(t, 0));
    assert_fresh_at(t, 1, 2);
    assert_int_equal(t->res[2].status, PEEL_OK);
    free(t);
}

/* Each worker, when it takes no more jobs, is told before it exits: the
 * one that failed a job and the one that took the rest, once each. */
static void test_leaving_told(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_pool.XXXXXX";
    assert_non_null(mkdtemp(dir));
    snprintf(leave_log, sizeof leave_log, "%s/left", dir);
    act acts[4] = {ACT_OK, ACT_FAIL, ACT_OK, ACT_OK};
    pool_test *t = run(acts, 4, 1);
    FILE *fp = fopen(leave_log, "r");
    assert_non_null(fp);
    long a = 0, b = 0, c = 0;
    assert_int_equal(fscanf(fp, "%ld %ld", &a, &b), 2);
    assert_int_equal(fscanf(fp, "%ld", &c), EOF);
    fclose(fp);
    long first = (long)pid_of(t, 0), second = (long)pid_of(t, 2);
    assert_true(first != second);
    assert_true((a == first && b == second) || (a == second && b == first));
    assert_int_equal(unlink(leave_log), 0);
    assert_int_equal(rmdir(dir), 0);
    leave_log[0] = '\0';
    free(t);
}

static void test_crash_fails_only_its_job(void **state)
{
    (void)state;
    act acts[4] = {ACT_OK, ACT_CRASH, ACT_OK, ACT_OK};
    pool_test *t = run(acts, 4, 1);
    assert_int_equal(t->res[0].status, PEEL_OK);
    assert_int_equal(t->res[1].status, PEEL_ESOFTWARE);
    assert_string_equal(t->res[1].stage, "worker");
    assert_non_null(strstr(t->res[1].reason, "killed by signal 9"));
    assert_string_equal(t->extra[1], "");
    assert_int_equal(t->res[2].status, PEEL_OK);
    assert_int_equal(t->res[3].status, PEEL_OK);
    assert_fresh_at(t, 0, 2);
    free(t);
}

/* 70 jobs at one worker at a time: 32, 32 and 6 to three processes. */
static void test_jobs_a_worker_bounded(void **state)
{
    (void)state;
    act acts[70] = {0};
    pool_test *t = run(acts, 70, 1);
    size_t runs = 1, len = 1;
    for (size_t i = 1; i < 70; i++) {
        assert_int_equal(t->res[i].status, PEEL_OK);
        if (pid_of(t, i) == pid_of(t, i - 1)) {
            len++;
        } else {
            assert_int_equal(len, 32);
            runs++;
            len = 1;
        }
    }
    assert_int_equal(runs, 3);
    assert_int_equal(len, 6);
    free(t);
}

/* What a worker writes on its standard error is its job's, line by line,
 * with one worker or two. */
static void check_said(int jobs)
{
    act acts[12];
    for (size_t i = 0; i < 12; i++)
        acts[i] = i % 3 == 1 ? ACT_OK : ACT_SAY;
    pool_test *t = run(acts, 12, jobs);
    for (size_t i = 0; i < 12; i++) {
        char want[64] = "";
        if (acts[i] == ACT_SAY)
            snprintf(want, sizeof want, "%zu one|%zu two|%zu end|", i, i, i);
        assert_string_equal(t->said[i], want);
        assert_int_equal(t->res[i].status, PEEL_OK);
    }
    free(t);
}

static void test_said_is_the_jobs(void **state)
{
    (void)state;
    check_said(1);
    check_said(2);
}

/* Two workers, each given a job at the start and kept, every job run once. */
static void test_two_workers(void **state)
{
    (void)state;
    act acts[10] = {0};
    pool_test *t = run(acts, 10, 2);
    long long other = 0;
    for (size_t i = 0; i < 10; i++) {
        assert_int_equal(t->res[i].status, PEEL_OK);
        if (pid_of(t, i) != pid_of(t, 0)) {
            assert_true(other == 0 || other == pid_of(t, i));
            other = pid_of(t, i);
        }
    }
    assert_true(other != 0);
    free(t);
}

/* A worker that keeps 40 MiB after its job is not given another.  Under
 * AddressSanitizer glibc's malloc (whose heap the bound reads) is not the
 * one in use. */
static void test_heap_bounded(void **state)
{
    (void)state;
#if defined(__SANITIZE_ADDRESS__)
    skip();
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    skip();
#endif
#endif
    act acts[4] = {ACT_OK, ACT_HOLD, ACT_OK, ACT_OK};
    pool_test *t = run(acts, 4, 1);
    assert_int_equal(pid_of(t, 1), pid_of(t, 0));
    assert_fresh_at(t, 1, 2);
    free(t);
}

/* A worker that ends badly after its last job is said to, as that job's. */
static void test_end_after_job(void **state)
{
    (void)state;
    act acts[2] = {ACT_OK, ACT_END_BADLY};
    pool_test *t = run(acts, 2, 1);
    assert_int_equal(t->res[1].status, PEEL_OK);
    assert_string_equal(t->said[0], "");
    assert_string_equal(t->said[1], "the worker process ended with status 3 after its job|");
    free(t);
}

/* A worker killed between jobs: the job sent to it is not lost (it goes to
 * a fresh worker; the send fails with EPIPE, not SIGPIPE, which this
 * program leaves at its default), and its end is said as its last job's. */
static void test_killed_between_jobs(void **state)
{
    (void)state;
    act acts[3] = {ACT_KILLED_IDLE, ACT_OK, ACT_OK};
    pool_test *t = run(acts, 3, 1);
    assert_int_equal(t->res[1].status, PEEL_OK);
    assert_fresh_at(t, 0, 1);
    assert_non_null(strstr(t->said[0], "killed by signal 9"));
    assert_non_null(strstr(t->said[0], "after its job"));
    free(t);
}

/* ops->handed runs once the next job is out, never while every worker
 * waits for one: the work it does delays no job. */
static void test_handed_after_hand_out(void **state)
{
    (void)state;
    const act acts[] = {ACT_OK, ACT_OK, ACT_OK, ACT_OK, ACT_OK};
    pool_test *t = run(acts, 5, 1);
    assert_true(t->handed >= 5);
    assert_int_equal(t->handed_idle, 0);
    free(t);
}

static void test_no_jobs(void **state)
{
    (void)state;
    pool_test *t = run(NULL, 0, 2);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kept_while_ok),
        cmocka_unit_test(test_fresh_after_failure),
        cmocka_unit_test(test_leaving_told),
        cmocka_unit_test(test_crash_fails_only_its_job),
        cmocka_unit_test(test_jobs_a_worker_bounded),
        cmocka_unit_test(test_said_is_the_jobs),
        cmocka_unit_test(test_two_workers),
        cmocka_unit_test(test_heap_bounded),
        cmocka_unit_test(test_end_after_job),
        cmocka_unit_test(test_killed_between_jobs),
        cmocka_unit_test(test_handed_after_hand_out),
        cmocka_unit_test(test_no_jobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
