/* Worker processes: at most `jobs` at a time, each taking jobs one after
 * another through a socket of its own, sending each result back through a
 * pipe, and its standard error through another (what libraries print
 * there reaches the user as the run's own warnings and errors, with its
 * prefix).  Processes rather than threads: libxlsxwriter and libharu are not
 * known to be thread-safe, and a stage that crashes on one report then takes
 * only that report with it.
 *
 * A worker is kept for the next job while its jobs succeed: a fresh process
 * a report cost a fifth of the run (a fork and an exit, and the page faults
 * of a process that maps, binds and touches everything anew).  It ends, and
 * the next job gets a fresh process, after a job that failed (a stage that
 * gave up may have left a library half-way), after RN_WORKER_JOBS jobs (what
 * one report could leave behind reaches few others), or when the heap it
 * keeps is over RN_WORKER_HEAP (a large report's memory is not carried on). */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "peel_stop.h"
#include "rn.h"

enum { TICK_MS = 200, SAID_MAX = 1000 };

/* How long a worker is kept (see above). */
enum { RN_WORKER_JOBS = 32 };
#define RN_WORKER_HEAP ((size_t)32 << 20)

typedef struct worker {
    pid_t pid;     /* 0: the slot has no process */
    int cmd;       /* our end of its job socket; -1 once closed (it takes no more) */
    int fd;        /* read end of its result pipe; -1 once at EOF */
    int efd;       /* read end of its standard error (non-blocking); -1 once at EOF */
    int busy;      /* running job `job` */
    int ran;       /* has been given a job */
    size_t job;    /* the job it runs, or ran last */
    peel_buf got;  /* the result coming */
    peel_buf line; /* standard error not yet ended by a newline */
    size_t said;   /* lines of it given on for this job */
} worker;

/* What comes before each result in the result pipe. */
typedef struct frame_head {
    uint64_t len;  /* of the rn_result and the extra text that follow */
    uint64_t more; /* 1: the worker takes another job */
} frame_head;

/* One rn_pool_run: its jobs' operations and its workers' slots, in one
 * place a worker's copy of it still points to (its leak check finds them). */
typedef struct pool {
    const rn_pool_ops *ops;
    void *ctx;
    size_t n, next; /* jobs, and the next to give out */
    size_t nw;
    worker *w;          /* nw slots */
    struct pollfd *pfd; /* two a slot */
} pool;
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

/* 0 with the next job in *job; -1 at the end of the job socket (no more jobs,
 * or the run is gone). */
static int read_job(int fd, size_t *job)
{
    char *p = (char *)job;
    size_t got = 0;
    while (got < sizeof *job) {
        ssize_t n = read(fd, p + got, sizeof *job - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    return 0;
}

/* Whether a worker that has served `served` jobs, the last with result res,
 * takes another. */
static int takes_another(const rn_result *res, size_t served)
{
    if (res->status != PEEL_OK || served >= RN_WORKER_JOBS)
        return 0;
    struct mallinfo2 mi = mallinfo2();
    return mi.arena + mi.hblkhd <= RN_WORKER_HEAP;
}

/* The worker: dies with its parent (a killed run leaves no worker writing
 * behind the next run's back), does each job it is given, sends each
 * result, and ends when it is given no more or takes no more. */
static void worker_main(pool *pl, int cmd, int fd, pid_t parent)
{
    /* A signal ends a worker at once; the run sweeps what it leaves. */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(1);
    size_t job, served = 0;
    int more = 1;
    while (more && read_job(cmd, &job) == 0) {
        rn_result res;
        rn_result_init(&res);
        peel_buf extra;
        peel_buf_init(&extra);
        pl->ops->work(pl->ctx, job, &res, &extra);
        more = takes_another(&res, ++served);
        frame_head head = {.len = sizeof res + extra.len, .more = more};
        /* Its standard error before its result: the run gives on what is
         * in that pipe when the result is whole as the job's. */
        fflush(stderr);
        if (write_all(fd, &head, sizeof head) || write_all(fd, &res, sizeof res) ||
            write_all(fd, extra.data, extra.len))
            more = 0;
        peel_buf_release(&extra);
    }
    close(cmd);
    close(fd);
    if (pl->ops->leaving)
        pl->ops->leaving(pl->ctx);
    /* exit, not _exit: the sanitizers check the worker's leaks too.  Every
     * stdio buffer was flushed before the fork, so nothing is written twice. */
    exit(0);
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

/* One line of the worker's standard error, given on as its job's (after
 * its last job, as that one's: a sanitizer's report at exit); past
 * SAID_MAX, only counted (a library printing in a loop must not flood the
 * log). */
static void said(pool *pl, worker *w, const char *line)
{
    if (w->said++ < SAID_MAX && pl->ops->said)
        pl->ops->said(pl->ctx, w->job, line);
}

/* The end of what a job's worker said: its last line without a newline,
 * and how many more were not shown. */
static void said_end(pool *pl, worker *w)
{
    if (w->line.len > 0)
        said(pl, w, w->line.data);
    if (w->said > SAID_MAX && pl->ops->said) {
        char msg[96];
        snprintf(msg, sizeof msg, "(and %zu more lines on its standard error, not shown)",
                 w->said - SAID_MAX);
        pl->ops->said(pl->ctx, w->job, msg);
    }
    peel_buf_clear(&w->line);
    w->said = 0;
}

/* Splits what came on the standard error into lines. */
static void said_chunk(pool *pl, worker *w, const char *p, size_t n)
{
    for (const char *end = p + n, *nl; p < end; p = nl + 1) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            peel_buf_add(&w->line, p, (size_t)(end - p));
            return;
        }
        peel_buf_add(&w->line, p, (size_t)(nl - p));
        said(pl, w, w->line.data);
        peel_buf_clear(&w->line);
    }
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Reads once what worker w has sent on *fd (its result, or its standard
 * error); at EOF closes it.  Returns 1 when something was read. */
static int drain_fd(pool *pl, worker *w, int *fd)
{
    char buf[8192];
    ssize_t n = read(*fd, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 0;
    if (n > 0) {
        if (fd == &w->fd)
            peel_buf_add(&w->got, buf, (size_t)n);
        else
            said_chunk(pl, w, buf, (size_t)n);
        return 1;
    }
    close_fd(fd);
    return 0;
}

/* Job `job` of worker w is over: its result, or what its death says. */
static void job_over(pool *pl, worker *w, const rn_result *res, const char *extra)
{
    said_end(pl, w);
    w->busy = 0;
    pl->ops->finished(pl->ctx, w->job, res, extra);
}

/* The result in w->got once it is whole: everything the worker wrote on its
 * standard error before it is in that pipe, and is the job's. */
static void take_result(pool *pl, worker *w)
{
    frame_head head;
    rn_result res;
    if (!w->busy || w->got.len < sizeof head)
        return;
    memcpy(&head, w->got.data, sizeof head);
    if (head.len < sizeof res || w->got.len - sizeof head < head.len)
        return;
    while (w->efd >= 0 && drain_fd(pl, w, &w->efd))
        ;
    memcpy(&res, w->got.data + sizeof head, sizeof res);
    res.reason[sizeof res.reason - 1] = '\0';
    res.stage[sizeof res.stage - 1] = '\0';
    res.slug[sizeof res.slug - 1] = '\0';
    res.force[sizeof res.force - 1] = '\0';
    res.notice[sizeof res.notice - 1] = '\0';
    /* The extra text ends where the frame does (w->got keeps a NUL after
     * what it holds, and a worker sends one frame a job). */
    w->got.data[sizeof head + head.len] = '\0';
    if (!head.more)
        close_fd(&w->cmd);
    job_over(pl, w, &res, w->got.data + sizeof head + sizeof res);
    peel_buf_clear(&w->got);
}

/* Worker w is gone (both its pipes at EOF, or killed): waited for, and the
 * job it was running, if any, failed with what its end says. */
static void reap(pool *pl, worker *w)
{
    int wstatus = 0;
    while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR)
        ;
    if (w->busy) {
        rn_result res;
        rn_result_init(&res);
        describe_death(&res, wstatus);
        job_over(pl, w, &res, "");
    } else {
        /* After its last job: a worker that ended badly then (a sanitizer's
         * finding at exit, a signal) is said to, as that job's. */
        char msg[128] = "";
        if (WIFSIGNALED(wstatus))
            snprintf(msg, sizeof msg,
                     "the worker process was killed by signal %d (%s) after its job",
                     WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
        else if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) != 0)
            snprintf(msg, sizeof msg, "the worker process ended with status %d after its job",
                     WEXITSTATUS(wstatus));
        said_end(pl, w);
        if (msg[0] && w->ran)
            said(pl, w, msg);
        said_end(pl, w);
    }
    close_fd(&w->cmd);
    close_fd(&w->fd);
    close_fd(&w->efd);
    peel_buf_release(&w->got);
    peel_buf_release(&w->line);
    w->pid = 0;
}

static void not_run(pool *pl, size_t job)
{
    rn_result res;
    rn_result_init(&res);
    res.status = PEEL_ESOFTWARE;
    snprintf(res.stage, sizeof res.stage, "run");
    snprintf(res.reason, sizeof res.reason, "not built: the run was interrupted");
    pl->ops->finished(pl->ctx, job, &res, "");
}

static void close_pipe(int *p)
{
    int e = errno;
    close_fd(&p[0]);
    close_fd(&p[1]);
    errno = e;
}

/* A new worker in slot `self`; 0, or -1 (errno) when no process could be
 * made. */
static int spawn(pool *pl, size_t self)
{
    int c[2] = {-1, -1}, p[2] = {-1, -1}, q[2] = {-1, -1};
    /* The job channel a socket pair, so that a job sent to a worker that
     * died meanwhile fails with EPIPE (MSG_NOSIGNAL) whatever SIGPIPE does
     * in the caller. */
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, c) != 0 || pipe2(p, O_CLOEXEC) != 0 ||
        pipe2(q, O_CLOEXEC) != 0) {
        close_pipe(c);
        close_pipe(p);
        close_pipe(q);
        return -1;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close_pipe(c);
        close_pipe(p);
        close_pipe(q);
        return -1;
    }
    if (pid == 0) {
        /* The other workers' pipes are theirs: a copy of another's job
         * pipe here would keep it from seeing its end. */
        for (size_t k = 0; k < pl->nw; k++) {
            close_fd(&pl->w[k].cmd);
            close_fd(&pl->w[k].fd);
            close_fd(&pl->w[k].efd);
        }
        close(c[1]);
        close(p[0]);
        close(q[0]);
        /* dup2 leaves the copy open across exec; the original goes. */
        if (dup2(q[1], STDERR_FILENO) < 0)
            _exit(1);
        close(q[1]);
        worker_main(pl, c[0], p[1], parent);
    }
    close(c[0]);
    close(p[1]);
    close(q[1]);
    fcntl(q[0], F_SETFL, fcntl(q[0], F_GETFL) | O_NONBLOCK);
    worker *s = &pl->w[self];
    *s = (worker){.pid = pid, .cmd = c[1], .fd = p[0], .efd = q[0]};
    peel_buf_init(&s->got);
    peel_buf_init(&s->line);
    return 0;
}

/* Gives job j to worker w, idle; -1 when it is gone (its end closed). */
static int give(pool *pl, worker *w, size_t j)
{
    ssize_t n;
    while ((n = send(w->cmd, &j, sizeof j, MSG_NOSIGNAL)) < 0 && errno == EINTR)
        ;
    /* Eight bytes into an empty socket buffer: all or nothing. */
    if (n != (ssize_t)sizeof j) {
        close_fd(&w->cmd);
        return -1;
    }
    w->busy = 1;
    w->ran = 1;
    w->job = j;
    pl->ops->started(pl->ctx, j);
    return 0;
}

/* Hands out jobs from pl->next to idle workers, starting workers in empty
 * slots; a job no process could be started for fails, unless a worker is
 * still running (it is tried again when one ends). */
static void hand_out(pool *pl)
{
    worker *w = pl->w;
    for (size_t i = 0; i < pl->nw && pl->next < pl->n; i++) {
        if (w[i].pid == 0 && spawn(pl, i) != 0) {
            int live = 0;
            for (size_t k = 0; k < pl->nw; k++)
                live |= w[k].pid != 0;
            if (live)
                return;
            rn_result res;
            rn_result_init(&res);
            res.status = PEEL_EOS;
            snprintf(res.stage, sizeof res.stage, "run");
            snprintf(res.reason, sizeof res.reason, "cannot start a worker process: %s",
                     strerror(errno));
            pl->ops->finished(pl->ctx, pl->next++, &res, "");
            i--; /* try the slot again for the next job */
            continue;
        }
        if (w[i].pid != 0 && !w[i].busy && w[i].cmd >= 0 && give(pl, &w[i], pl->next) == 0)
            pl->next++;
    }
}

/* Reads what worker w sent; 1 when it is gone (and reaped). */
static int drain(pool *pl, worker *w, const struct pollfd *pfd)
{
    if (pfd[0].revents && drain_fd(pl, w, &w->fd))
        take_result(pl, w);
    if (pfd[1].revents)
        drain_fd(pl, w, &w->efd);
    if (w->fd >= 0 || w->efd >= 0)
        return 0;
    reap(pl, w);
    return 1;
}

/* After a stop request: the busy workers are stopped, the jobs not given
 * out fail as not run. */
static void stop(pool *pl)
{
    for (size_t i = 0; i < pl->nw; i++)
        if (pl->w[i].pid != 0 && pl->w[i].busy)
            kill(pl->w[i].pid, SIGTERM);
    for (; pl->next < pl->n; pl->next++)
        not_run(pl, pl->next);
}

/* Waits for what the workers send; -1 when poll failed. */
static int wait_workers(pool *pl)
{
    worker *w = pl->w;
    /* A pipe at EOF is -1, which poll skips; so is an empty slot. */
    for (size_t i = 0; i < pl->nw; i++) {
        pl->pfd[2 * i] = (struct pollfd){.fd = w[i].pid ? w[i].fd : -1, .events = POLLIN};
        pl->pfd[2 * i + 1] = (struct pollfd){.fd = w[i].pid ? w[i].efd : -1, .events = POLLIN};
    }
    int k = poll(pl->pfd, 2 * pl->nw, TICK_MS);
    if (k < 0 && errno != EINTR)
        return -1;
    for (size_t i = 0; k > 0 && i < pl->nw; i++)
        if (w[i].pid != 0)
            drain(pl, &w[i], &pl->pfd[2 * i]);
    return 0;
}

void rn_pool_run(size_t n, int jobs, const rn_pool_ops *ops, void *ctx)
{
    pool pl = {.ops = ops, .ctx = ctx, .n = n, .nw = jobs < 1 ? 1 : (size_t)jobs};
    if (pl.nw > n && n > 0)
        pl.nw = n;
    pl.w = peel_xcalloc(pl.nw, sizeof *pl.w);
    for (size_t i = 0; i < pl.nw; i++)
        pl.w[i] = (worker){.cmd = -1, .fd = -1, .efd = -1};
    pl.pfd = peel_xcalloc(2 * pl.nw, sizeof *pl.pfd);
    int failed_poll = 0;
    for (;;) {
        if (!peel_stop_requested()) {
            hand_out(&pl);
            if (ops->handed)
                ops->handed(ctx);
        }
        if (peel_stop_requested())
            stop(&pl);
        /* No job left: the idle workers end. */
        size_t live = 0;
        for (size_t i = 0; i < pl.nw; i++) {
            if (pl.next >= n && !pl.w[i].busy)
                close_fd(&pl.w[i].cmd);
            live += pl.w[i].pid != 0;
        }
        if (live == 0 && pl.next >= n)
            break;
        if (wait_workers(&pl) != 0) {
            failed_poll = 1;
            break;
        }
        if (ops->tick)
            ops->tick(ctx);
    }
    /* Only after a failed poll: end what still runs, and what was not given. */
    for (size_t i = 0; failed_poll && i < pl.nw; i++) {
        if (pl.w[i].pid == 0)
            continue;
        kill(pl.w[i].pid, SIGKILL);
        reap(&pl, &pl.w[i]);
    }
    for (; failed_poll && pl.next < n; pl.next++)
        not_run(&pl, pl.next);
    free(pl.pfd);
    free(pl.w);
}
