#include "peel_afile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "peel_mem.h"
#include "peel_text.h"

/* Bounds the final name inside the temporary's name, so a long (but valid)
 * final name cannot push the temporary past NAME_MAX. */
#define TMP_BASE_MAX 200
#define TMP_TRIES 1000

/* Shared by every thread of the process: peel-run -j may write in parallel. */
static atomic_uint tmp_counter;
static atomic_int staging;

void peel_afile_set_staging(int on)
{
    atomic_store(&staging, on != 0);
}

static peel_status cant_write(peel_err *err, const char *path, const char *what, int e)
{
    return PEEL_FAIL(err, PEEL_ECANTCREAT, NULL, 0, "cannot write %s: %s: %s", path, what,
                     strerror(e));
}

/* The folder part of path with its trailing slash ("" for a bare name). */
static char *dir_prefix(const char *path)
{
    return peel_xstrndup(path, (size_t)(peel_path_base(path) - path));
}

static int create_tmp(peel_afile *af, const char *path)
{
    char *prefix = dir_prefix(path);
    const char *base = peel_path_base(path);
    peel_buf b;
    peel_buf_init(&b);
    int fd = -1;
    for (int i = 0; i < TMP_TRIES && fd < 0; i++) {
        unsigned n = atomic_fetch_add(&tmp_counter, 1u);
        peel_buf_clear(&b);
        peel_buf_printf(&b, "%s%s%.*s.%ld.%u", prefix, PEEL_TMP_PREFIX, TMP_BASE_MAX, base,
                        (long)getpid(), n);
        fd = open(b.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    int e = errno;
    free(prefix);
    /* Only a name we created is ours to remove later. */
    if (fd >= 0)
        af->tmp_path = peel_buf_detach(&b);
    peel_buf_release(&b);
    errno = e;
    return fd;
}

peel_status peel_afile_open(peel_afile *af, const char *path, peel_err *err)
{
    memset(af, 0, sizeof *af);
    if (peel_path_base(path)[0] == '\0')
        return cant_write(err, path, "not a file name", EISDIR);
    int fd;
    if (atomic_load(&staging)) {
        /* Written in place: the file is its own temporary (see the header);
         * a link planted in its place is not followed. */
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0)
            af->tmp_path = peel_xstrdup(path);
    } else
        fd = create_tmp(af, path);
    if (fd < 0) {
        int e = errno;
        peel_afile_abort(af);
        return cant_write(
            err, path,
            atomic_load(&staging) ? "cannot create it" : "cannot create a temporary file", e);
    }
    af->fp = fdopen(fd, "wb");
    if (!af->fp) {
        int e = errno;
        close(fd);
        peel_afile_abort(af);
        return cant_write(err, path, "cannot open the temporary file", e);
    }
    af->path = peel_xstrdup(path);
    return PEEL_OK;
}

peel_status peel_afile_open_named(peel_afile *af, const char *path, peel_err *err)
{
    if (!atomic_load(&staging)) {
        peel_status st = peel_afile_open(af, path, err);
        /* Nothing was written yet, so a close error cannot lose data; the
         * library reopens the file by name and commit checks the result. */
        if (st == PEEL_OK)
            fclose(af->fp);
        af->fp = NULL;
        return st;
    }
    /* Staging: nothing is created, so the library's own open makes the file
     * (one it truncated would be flushed to disk as it is closed: ext4's
     * auto_da_alloc); only a regular file may be in its place. */
    memset(af, 0, sizeof *af);
    struct stat sb;
    if (peel_path_base(path)[0] == '\0')
        return cant_write(err, path, "not a file name", EISDIR);
    int e =
        lstat(path, &sb) == 0 ? (S_ISREG(sb.st_mode) ? 0 : EEXIST) : (errno == ENOENT ? 0 : errno);
    if (e)
        return cant_write(err, path, "cannot create it", e);
    af->path = peel_xstrdup(path);
    af->tmp_path = peel_xstrdup(path);
    return PEEL_OK;
}

/* Flushes and closes the stream, syncing the data first (when syncing is
 * on).  Returns 0 or an errno value. */
static int finish_stream(FILE *fp)
{
    int e = 0;
    if (fflush(fp) != 0 || ferror(fp))
        e = errno ? errno : EIO;
    else if (!atomic_load(&staging) && fsync(fileno(fp)) != 0)
        e = errno;
    if (fclose(fp) != 0 && e == 0)
        e = errno;
    return e;
}

/* For a temporary a library wrote by name. */
static int sync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int e = fsync(fd) != 0 ? errno : 0;
    close(fd);
    /* Some file systems cannot sync a folder; the rename is still done. */
    if ((flags & O_DIRECTORY) && (e == EINVAL || e == ENOTSUP))
        e = 0;
    return e;
}

int peel_afile_sync_file(const char *path)
{
    return sync_path(path, 0);
}

int peel_afile_sync_dir(const char *dir)
{
    return sync_path(dir[0] ? dir : ".", O_DIRECTORY);
}

void peel_afile_start_writeback(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return;
#ifdef SYNC_FILE_RANGE_WRITE
    (void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
    close(fd);
}

static int sync_dir_of(const char *path)
{
    char *prefix = dir_prefix(path);
    int e = peel_afile_sync_dir(prefix);
    free(prefix);
    return e;
}

static peel_status commit_steps(peel_afile *af, peel_err *err)
{
    int e;
    int syncing = !atomic_load(&staging);
    if (af->fp) {
        errno = 0;
        e = finish_stream(af->fp);
        af->fp = NULL;
    } else
        e = syncing ? sync_path(af->tmp_path, 0) : 0;
    if (e)
        return cant_write(err, af->path, "cannot finish the temporary file", e);
    if (strcmp(af->tmp_path, af->path) != 0 && rename(af->tmp_path, af->path) != 0)
        return cant_write(err, af->path, "cannot rename the temporary file", errno);
    /* Renamed: nothing left to remove, whatever the folder sync says. */
    free(af->tmp_path);
    af->tmp_path = NULL;
    if (syncing && (e = sync_dir_of(af->path)) != 0)
        return cant_write(err, af->path, "cannot sync the folder", e);
    return PEEL_OK;
}

peel_status peel_afile_commit(peel_afile *af, peel_err *err)
{
    if (!af->path || !af->tmp_path) {
        peel_afile_abort(af);
        return PEEL_FAIL(err, PEEL_ESOFTWARE, NULL, 0, "commit of a file that is not open");
    }
    peel_status rc = commit_steps(af, err);
    peel_afile_abort(af);
    return rc;
}

void peel_afile_abort(peel_afile *af)
{
    if (af->fp)
        fclose(af->fp);
    if (af->tmp_path)
        unlink(af->tmp_path);
    free(af->path);
    free(af->tmp_path);
    memset(af, 0, sizeof *af);
}

void peel_afile_ignore_sigxfsz(void)
{
    signal(SIGXFSZ, SIG_IGN);
}

peel_status peel_afile_write(const char *path, const void *data, size_t len, peel_err *err)
{
    peel_afile af;
    peel_status rc = peel_afile_open(&af, path, err);
    if (rc != PEEL_OK)
        return rc;
    if (len > 0 && fwrite(data, 1, len, af.fp) != len) {
        int e = errno;
        peel_afile_abort(&af);
        return cant_write(err, path, "write error", e);
    }
    return peel_afile_commit(&af, err);
}

/* Parses the "<pid>.<n>" tail of a temporary's name; 0 when it has none. */
static long tmp_owner(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return 0;
    const char *p = dot - 1;
    while (p > name && *p >= '0' && *p <= '9')
        p--;
    if (*p != '.' || p + 1 == dot)
        return 0;
    char *end;
    long pid = strtol(p + 1, &end, 10);
    return end == dot && pid > 0 ? pid : 0;
}

/* A temporary whose writer still runs is not stray: peel-run -j, or a test,
 * may be writing it right now. */
static int owner_alive(const char *name)
{
    long pid = tmp_owner(name);
    if (pid <= 0 || pid != (long)(pid_t)pid)
        return 0;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

int peel_afile_sweep(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int removed = 0;
    size_t plen = strlen(PEEL_TMP_PREFIX);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, PEEL_TMP_PREFIX, plen) != 0 || owner_alive(de->d_name))
            continue;
        if (unlinkat(dirfd(d), de->d_name, 0) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}

static peel_status check_folder(const char *dir, const struct stat *st, peel_err *err)
{
    if (S_ISDIR(st->st_mode))
        return PEEL_OK;
    return PEEL_FAIL(err, PEEL_ECANTCREAT, NULL, 0,
                     "cannot create folder %s: something that is not a folder is in the way", dir);
}

/* One level of peel_mkdirs: `dir` exists as a folder afterwards, or an error. */
static peel_status mkdir_one(const char *dir, peel_err *err)
{
    struct stat st;
    if (stat(dir, &st) == 0)
        return check_folder(dir, &st, err);
    if (mkdir(dir, 0777) == 0)
        return PEEL_OK;
    int e = errno;
    /* Made by someone else between our stat and mkdir. */
    if (e == EEXIST && stat(dir, &st) == 0)
        return check_folder(dir, &st, err);
    return PEEL_FAIL(err, PEEL_ECANTCREAT, NULL, 0, "cannot create folder %s: %s", dir,
                     strerror(e));
}

peel_status peel_mkdirs(const char *dir, peel_err *err)
{
    if (dir[0] == '\0')
        return PEEL_OK;
    char *buf = peel_xstrdup(dir);
    peel_status rc = PEEL_OK;
    for (char *p = buf + 1; *p && rc == PEEL_OK; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        rc = mkdir_one(buf, err);
        *p = '/';
    }
    if (rc == PEEL_OK)
        rc = mkdir_one(buf, err);
    free(buf);
    return rc;
}
