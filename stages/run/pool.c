/* Worker processes: one per job, at most `jobs` at a time, each sending its
 * result back through a pipe of its own, and its standard error through
 * another (what libraries print there reaches the user as the run's own
 * warnings and errors, with its prefix).  Processes rather than threads:
 * libxlsxwriter and libharu are not known to be thread-safe, and a stage that
 * crashes on one report then takes only that report with it. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "peel_stop.h"
#include "rn.h"

enum { TICK_MS = 200, SAID_MAX = 1000 };

typedef struct worker {
    pid_t pid;
    int fd;  /* read end of its result pipe; -1 once at EOF */
    int efd; /* read end of its standard error; -1 once at EOF */
    size_t job;
    peel_buf got;  /* the result */
    peel_buf line; /* standard error not yet ended by a newline */
    size_t said;   /* lines of it given on */
} worker;

void rn_result_init(rn_result *r)
{
    memset(r, 0, sizeof *r);
    r->input_size = -1;
    for (int i = 0; i < PEEL_RUN_NSTAGE; i++)
        r->seconds[i] = -1;
}

void rn_kept_text(char **field, const char *text)
{
    free(*field);
    *field = peel_xstrdup(text ? text : "");
}

void rn_kept_init(rn_kept *k)
{
    memset(k, 0, sizeof *k);
    k->input_size = -1;
    for (int i = 0; i < PEEL_RUN_NSTAGE; i++)
        k->seconds[i] = -1;
    rn_kept_text(&k->reason, "");
    rn_kept_text(&k->slug, "");
    rn_kept_text(&k->force, "");
    rn_kept_text(&k->notice, "");
}

/* The fields rn_result and rn_kept hold alike, copied either way by the
 * one list (a field added to both is copied both ways). */
#define RN_COPY_ALIKE(to, from)                                                                    \
    do {                                                                                           \
        (to)->status = (from)->status;                                                             \
        (to)->invalid = (from)->invalid;                                                           \
        snprintf((to)->stage, sizeof(to)->stage, "%s", (from)->stage);                             \
        (to)->input_size = (from)->input_size;                                                     \
        (to)->input_crc = (from)->input_crc;                                                       \
        (to)->warnings = (from)->warnings;                                                         \
        (to)->rejects = (from)->rejects;                                                           \
        (to)->pass = (from)->pass;                                                                 \
        (to)->warn = (from)->warn;                                                                 \
        (to)->fail = (from)->fail;                                                                 \
        (to)->skip = (from)->skip;                                                                 \
        memcpy((to)->seconds, (from)->seconds, sizeof(to)->seconds);                               \
    } while (0)

void rn_kept_set(rn_kept *k, const rn_result *r)
{
    RN_COPY_ALIKE(k, r);
    rn_kept_text(&k->reason, r->reason);
    rn_kept_text(&k->slug, r->slug);
    rn_kept_text(&k->force, r->force);
    rn_kept_text(&k->notice, r->notice);
}

void rn_result_from_kept(rn_result *r, const rn_kept *k)
{
    rn_result_init(r);
    RN_COPY_ALIKE(r, k);
    snprintf(r->reason, sizeof r->reason, "%s", k->reason);
    snprintf(r->slug, sizeof r->slug, "%s", k->slug);
    snprintf(r->force, sizeof r->force, "%s", k->force);
    snprintf(r->notice, sizeof r->notice, "%s", k->notice);
}

void rn_kept_release(rn_kept *k)
{
    free(k->reason);
    free(k->slug);
    free(k->force);
    free(k->notice);
    memset(k, 0, sizeof *k);
}

void rn_result_fail(rn_result *r, const char *stage, const peel_err *err)
{
    char msg[1300];
    peel_err_format(err, msg, sizeof msg);
    r->status = err->status != PEEL_OK ? (int)err->status : PEEL_ESOFTWARE;
    snprintf(r->stage, sizeof r->stage, "%s", stage);
    snprintf(r->reason, sizeof r->reason, "%s", msg);
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The worker: dies with its parent (a killed run leaves no worker writing
 * behind the next run's back), does the job, sends the result. */
static void worker_main(const rn_pool_ops *ops, void *ctx, size_t job, int fd, pid_t parent)
{
    /* A signal ends a worker at once; the run sweeps what it leaves. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
    rn_result res;
    rn_result_init(&res);
    peel_buf extra;
    peel_buf_init(&extra);
    ops->work(ctx, job, &res, &extra);
    int bad = write_all(fd, &res, sizeof res) || write_all(fd, extra.data, extra.len);
    peel_buf_release(&extra);
    close(fd);
    /* exit, not _exit: the sanitizers check the worker's leaks too.  Every
     * stdio buffer was flushed before the fork, so nothing is written twice. */
    exit(bad ? 1 : 0);
}

static void describe_death(rn_result *r, int wstatus)
{
    r->status = PEEL_ESOFTWARE;
    snprintf(r->stage, sizeof r->stage, "worker");
    if (WIFSIGNALED(wstatus))
        snprintf(r->reason, sizeof r->reason, "the worker process was killed by signal %d (%s)",
                 WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
    else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == PEEL_EOS)
        /* The status peel_mem's allocators end a process with. */
        snprintf(r->reason, sizeof r->reason,
                 "the worker process ran out of memory (it ended with status %d)", PEEL_EOS);
    else
        snprintf(r->reason, sizeof r->reason,
                 "the worker process ended (status %d) without a result",
                 WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
}

/* One line of the worker's standard error, given on; past SAID_MAX, only
 * counted (a library printing in a loop must not flood the log). */
static void said(const rn_pool_ops *ops, void *ctx, worker *w, const char *line)
{
    if (w->said++ < SAID_MAX && ops->said)
        ops->said(ctx, w->job, line);
}

static void said_end(const rn_pool_ops *ops, void *ctx, worker *w)
{
    if (w->line.len > 0)
        said(ops, ctx, w, w->line.data);
    if (w->said > SAID_MAX && ops->said) {
        char msg[96];
        snprintf(msg, sizeof msg, "(and %zu more lines on its standard error, not shown)",
                 w->said - SAID_MAX);
        ops->said(ctx, w->job, msg);
    }
    peel_buf_release(&w->line);
}

/* Splits what came on the standard error into lines. */
static void said_chunk(const rn_pool_ops *ops, void *ctx, worker *w, const char *p, size_t n)
{
    for (const char *end = p + n, *nl; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            peel_buf_add(&w->line, p, (size_t)(end - p));
            return;
        }
        peel_buf_add(&w->line, p, (size_t)(nl - p));
        said(ops, ctx, w, w->line.data);
        peel_buf_clear(&w->line);
    }
}

static void finish(const rn_pool_ops *ops, void *ctx, worker *w)
{
    int wstatus = 0;
    while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    rn_result res;
    rn_result_init(&res);
    const char *extra = "";
    if (w->got.len >= sizeof res && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0) {
        memcpy(&res, w->got.data, sizeof res);
        res.reason[sizeof res.reason - 1] = '\0';
        res.stage[sizeof res.stage - 1] = '\0';
        res.slug[sizeof res.slug - 1] = '\0';
        res.force[sizeof res.force - 1] = '\0';
        extra = w->got.data + sizeof res;
    } else
        describe_death(&res, wstatus);
    ops->finished(ctx, w->job, &res, extra);
    peel_buf_release(&w->got);
}

static void not_run(const rn_pool_ops *ops, void *ctx, size_t job)
{
    rn_result res;
    rn_result_init(&res);
    res.status = PEEL_ESOFTWARE;
    snprintf(res.stage, sizeof res.stage, "run");
    snprintf(res.reason, sizeof res.reason, "not built: the run was interrupted");
    ops->finished(ctx, job, &res, "");
}

/* Starts job j in a new worker; 0, or -1 (errno) when no process could be made. */
static void close_pair(int *p)
{
    int e = errno;
    close(p[0]);
    close(p[1]);
    errno = e;
}

static int start(const rn_pool_ops *ops, void *ctx, size_t j, worker *w)
{
    int p[2], q[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return -1;
    if (pipe2(q, O_CLOEXEC) != 0) {
        close_pair(p);
        return -1;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close_pair(p);
        close_pair(q);
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        close(q[0]);
        /* dup2 leaves the copy open across exec; the original goes. */
        if (dup2(q[1], STDERR_FILENO) < 0)
            _exit(1);
        close(q[1]);
        worker_main(ops, ctx, j, p[1], parent);
    }
    close(p[1]);
    close(q[1]);
    w->pid = pid;
    w->fd = p[0];
    w->efd = q[0];
    w->job = j;
    w->said = 0;
    peel_buf_init(&w->got);
    peel_buf_init(&w->line);
    ops->started(ctx, j);
    return 0;
}

static void close_fd(int *fd)
{
    close(*fd);
    *fd = -1;
}

/* Reads what worker w has sent on *fd (its result, or its standard error);
 * at EOF closes it. */
static void drain_fd(const rn_pool_ops *ops, void *ctx, worker *w, int *fd)
{
    char buf[8192];
    ssize_t n = read(*fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n > 0) {
        if (fd == &w->fd)
            peel_buf_add(&w->got, buf, (size_t)n);
        else
            said_chunk(ops, ctx, w, buf, (size_t)n);
        return;
    }
    close_fd(fd);
    if (fd == &w->efd)
        said_end(ops, ctx, w);
}

/* Finishes worker w once both its pipes are at EOF (a worker still writing
 * its standard error, a sanitizer's report at exit say, is waited for
 * rather than blocked).  Returns 1 when it ended. */
static int drain(const rn_pool_ops *ops, void *ctx, worker *w, const struct pollfd *pfd)
{
    if (pfd[0].revents)
        drain_fd(ops, ctx, w, &w->fd);
    if (pfd[1].revents)
        drain_fd(ops, ctx, w, &w->efd);
    if (w->fd >= 0 || w->efd >= 0)
        return 0;
    finish(ops, ctx, w);
    return 1;
}

void rn_pool_run(size_t n, int jobs, const rn_pool_ops *ops, void *ctx)
{
    if (jobs < 1)
        jobs = 1;
    worker *w = peel_xcalloc((size_t)jobs, sizeof *w);
    struct pollfd *pfd = peel_xcalloc(2 * (size_t)jobs, sizeof *pfd);
    size_t next = 0, running = 0;
    while (next < n || running > 0) {
        /* Fill free slots. */
        while (!peel_stop_requested() && next < n && running < (size_t)jobs) {
            if (start(ops, ctx, next, &w[running]) != 0) {
                if (running > 0)
                    break; /* try again when a worker has ended */
                rn_result res;
                rn_result_init(&res);
                res.status = PEEL_EOS;
                snprintf(res.stage, sizeof res.stage, "run");
                snprintf(res.reason, sizeof res.reason, "cannot start a worker process: %s",
                         strerror(errno));
                ops->finished(ctx, next, &res, "");
            } else
                running++;
            next++;
        }
        if (peel_stop_requested()) {
            for (size_t i = 0; i < running; i++)
                kill(w[i].pid, SIGTERM);
            for (; next < n; next++)
                not_run(ops, ctx, next);
        }
        if (running == 0)
            continue;
        /* A pipe at EOF is -1, which poll skips. */
        for (size_t i = 0; i < running; i++) {
            pfd[2 * i] = (struct pollfd){.fd = w[i].fd, .events = POLLIN};
            pfd[2 * i + 1] = (struct pollfd){.fd = w[i].efd, .events = POLLIN};
        }
        int k = poll(pfd, 2 * running, TICK_MS);
        if (k < 0 && errno != EINTR)
            break;
        for (size_t i = running; k > 0 && i-- > 0;)
            if (drain(ops, ctx, &w[i], &pfd[2 * i])) {
                w[i] = w[--running]; /* pfd is rebuilt before the next poll */
            }
        if (ops->tick)
            ops->tick(ctx);
    }
    /* Only after a failed poll: end what still runs. */
    for (size_t i = 0; i < running; i++) {
        kill(w[i].pid, SIGKILL);
        close_fd(&w[i].fd);
        if (w[i].efd >= 0) {
            close_fd(&w[i].efd);
            said_end(ops, ctx, &w[i]);
        }
        finish(ops, ctx, &w[i]);
    }
    free(pfd);
    free(w);
}
