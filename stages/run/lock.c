/* The output folder's lock: <out>/.peel-run.lock holding the pid of the run
 * that owns the folder.
 *
 * The file alone cannot say whether its writer still runs (a run killed with
 * SIGKILL leaves it behind, and a pid may be reused), and taking over a stale
 * file is a race between two new runs.  So the file is also flock()ed while
 * held: the kernel drops that lock the instant the holder dies, and only one
 * process can hold it.  A file found with a pid in it whose flock is free is
 * a stale lock: the run that wrote it is gone, and it is taken over with a
 * warning.  The pid in it may have been given to another process since
 * (pids are reused): the warning says so, with that process's name from
 * /proc, rather than call it gone.  When flock is not available (some
 * network file systems), the pid is checked with kill(pid, 0) instead. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "peel_text.h"
#include "rn.h"

#define LOCK_NAME ".peel-run.lock"

/* The pid written in the lock file; 0 when it holds none (yet). */
static long read_pid(int fd)
{
    char buf[64];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    char *end;
    long pid = strtol(buf, &end, 10);
    return pid > 0 && (*end == '\n' || *end == '\0') ? pid : 0;
}

static int pid_alive(long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* The holder writes its pid just after taking the flock: give it a moment. */
static long holder_pid(int fd)
{
    long pid = 0;
    for (int i = 0; i < 50 && (pid = read_pid(fd)) == 0; i++) {
        struct timespec ts = {0, 20L * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return pid;
}

static peel_status locked(peel_err *err, const char *path, long pid)
{
    if (pid > 0)
        return PEEL_FAIL(err, PEEL_ELOCKED, path, 0,
                         "another peel-run (pid %ld) is writing this output folder; "
                         "try again when it has finished",
                         pid);
    return PEEL_FAIL(err, PEEL_ELOCKED, path, 0,
                     "another peel-run is writing this output folder; "
                     "try again when it has finished");
}

/* The file we hold must still be the one at `path`: a run that was ending
 * may have removed it between our open and our flock. */
static int still_linked(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

static peel_status write_pid(rn_lock *l, peel_err *err)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (ftruncate(l->fd, 0) != 0 || pwrite(l->fd, buf, (size_t)n, 0) != n) {
        peel_status st = PEEL_FAIL(err, PEEL_ECANTCREAT, l->path, 0,
                                   "cannot write the lock file: %s", strerror(errno));
        rn_lock_release(l);
        return st;
    }
    return PEEL_OK;
}

/* The name of process pid (/proc/<pid>/comm) into out; "" when unknown. */
static void process_name(long pid, char *out, size_t cap)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/comm", pid);
    out[0] = '\0';
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    if (fgets(out, (int)cap, f))
        out[strcspn(out, "\n")] = '\0';
    fclose(f);
}

/* What the take-over warning says of the lock's old holder: how we know it
 * is gone (its flock was free, or, without flock, its pid runs no more),
 * and what its pid is now when it was given to another process. */
static void stale_note(long pid, int flocked, char *note, size_t cap)
{
    if (!flocked) {
        snprintf(note, cap,
                 "took over the lock left by peel-run pid %ld, which is no longer running (this "
                 "file system has no flock: the pid was checked)",
                 pid);
        return;
    }
    char name[64] = "", now[128] = "";
    if (pid_alive(pid)) {
        process_name(pid, name, sizeof name);
        snprintf(now, sizeof now, "; that pid now belongs to another process%s%s%s",
                 name[0] ? " (" : "", name, name[0] ? ")" : "");
    }
    snprintf(note, cap,
             "took over the lock left by peel-run pid %ld, which ended without releasing it (no "
             "process held the lock)%s",
             pid, now);
}

peel_status rn_lock_take(rn_lock *l, const char *outdir, char *note, size_t cap, peel_err *err)
{
    char path[4200];
    l->fd = -1;
    l->path = NULL;
    note[0] = '\0';
    peel_status st = peel_path_join(path, sizeof path, err, outdir, LOCK_NAME);
    if (st != PEEL_OK)
        return st;
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
            return PEEL_FAIL(err, PEEL_ECANTCREAT, path, 0, "cannot create the lock file: %s",
                             strerror(errno));
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            if (e == EWOULDBLOCK || e == EINTR) {
                long pid = holder_pid(fd);
                close(fd);
                return locked(err, path, pid);
            }
            /* No flock here: fall back on the pid alone. */
            long pid = read_pid(fd);
            if (pid_alive(pid) && pid != (long)getpid()) {
                close(fd);
                return locked(err, path, pid);
            }
            if (pid > 0)
                stale_note(pid, 0, note, cap);
        } else if (!still_linked(fd, path)) {
            close(fd);
            continue;
        } else {
            long pid = read_pid(fd);
            if (pid > 0)
                stale_note(pid, 1, note, cap); /* its flock was free: that run is gone */
        }
        l->fd = fd;
        l->path = peel_xstrdup(path);
        return write_pid(l, err);
    }
    return locked(err, path, 0);
}

void rn_lock_release(rn_lock *l)
{
    if (l->fd >= 0) {
        /* Removed while still held, so no other run can take this file. */
        unlink(l->path);
        close(l->fd);
    }
    free(l->path);
    l->fd = -1;
    l->path = NULL;
}
