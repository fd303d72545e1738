/* A test shim, LD_PRELOADed into peel-run by reliability.sh: every fsync,
 * fdatasync and rename of the process and its workers, in the order they
 * happen, appended to the file named by PEEL_SYNC_LOG, one line each:
 *   fsync PATH        (the file or folder the descriptor is open on)
 *   rename FROM TO    (as the program named them: rename or renameat2
 *                      from the working folder)
 * so the test can check what is synced before what is renamed. One write()
 * per line with O_APPEND: lines of processes running at once do not mix. */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void log_line(const char *kind, const char *a, const char *b)
{
    const char *path = getenv("PEEL_SYNC_LOG");
    if (!path || !path[0])
        return;
    char line[9000];
    int n = snprintf(line, sizeof line, "%s %s%s%s\n", kind, a, b ? " " : "", b ? b : "");
    if (n <= 0 || (size_t)n >= sizeof line)
        return;
    int saved = errno;
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ssize_t w = write(fd, line, (size_t)n);
        (void)w;
        close(fd);
    }
    errno = saved;
}

static void log_fd(const char *kind, int fd)
{
    char link[64], target[4200];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0)
        return;
    target[n] = '\0';
    log_line(kind, target, NULL);
}

/* The real function by name (the next definition after this library's). */
static void *real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (!f)
        abort();
    return f;
}

int fsync(int fd)
{
    int (*f)(int) = (int (*)(int))real("fsync");
    log_fd("fsync", fd);
    return f(fd);
}

int fdatasync(int fd)
{
    int (*f)(int) = (int (*)(int))real("fdatasync");
    log_fd("fsync", fd);
    return f(fd);
}

int rename(const char *from, const char *to)
{
    int (*f)(const char *, const char *) = (int (*)(const char *, const char *))real("rename");
    int rc = f(from, to);
    if (rc == 0)
        log_line("rename", from, to);
    return rc;
}

int renameat2(int fromdir, const char *from, int todir, const char *to, unsigned flags)
{
    int (*f)(int, const char *, int, const char *, unsigned) =
        (int (*)(int, const char *, int, const char *, unsigned))real("renameat2");
    int rc = f(fromdir, from, todir, to, flags);
    if (rc == 0)
        log_line("rename", from, to);
    return rc;
}
