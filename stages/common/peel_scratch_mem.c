/* libxlsxwriter's scratch files held in memory.
 *
 * libxlsxwriter 1.1.4 writes every part of a workbook (each sheet, its
 * notes and their drawing, the styles, the shared strings...) to a scratch
 * file from lxw_tmpfile(), rewinds it and reads it back into the zip:
 * about 35 files a workbook, 106 a report, and some 3,000 system calls a
 * report (create, unlink, a write and a read a 4 KB buffer, seeks).  Its
 * build option for memory streams (USE_FMEMOPEN) is off in Debian's
 * package, and it has no setting for it at run time.
 *
 * How: the programs define lxw_tmpfile and export it (peel_interpose.h),
 * so that the dynamic linker binds the library's calls here, as
 * peel_deflate.c does for zlib.  Each call returns a stdio
 * stream over a buffer of ours (glibc's fopencookie) that reads, writes
 * and seeks as a file does.  A part that grows past PEEL_SCRATCH_MEM_MAX
 * (a table of tens of thousands of rows, or summary.xlsx's row store at a
 * thousand reports) moves into a real scratch file made by libxlsxwriter's
 * own lxw_tmpfile in the same folder, so that memory stays bounded by that
 * much a stream whatever the workbook.  The bytes of every workbook are
 * those the library would have written: only where its scratch bytes wait
 * changes.  Linked into each program that writes workbooks and the
 * benchmark's floor, never into the stage libraries. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* fopencookie */
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "peel_interpose.h"
#include "peel_scratch_mem.h"

typedef FILE *(*tmpfile_fn)(char *);

static size_t mem_max = PEEL_SCRATCH_MEM_MAX;

size_t peel_scratch_mem_limit(size_t max)
{
    size_t was = mem_max;
    mem_max = max;
    return was;
}

/* One scratch stream: its bytes in memory, or, once spilled, a real file. */
typedef struct scratch {
    char *data; /* owned; NULL once spilled */
    size_t len, cap;
    size_t pos;   /* the stream's offset while in memory */
    FILE *spill;  /* owned; the real file once the bytes outgrew memory */
    char *tmpdir; /* owned copy of the folder libxlsxwriter named, or NULL */
} scratch;

/* libxlsxwriter's own lxw_tmpfile, for a stream that outgrows memory (the
 * programs link the library, so it is always there: peel_interpose_next). */
static tmpfile_fn library_tmpfile(void)
{
    static tmpfile_fn fn;
    if (!fn)
        *(void **)&fn = peel_interpose_next("lxw_tmpfile"); /* POSIX: a function from dlsym */
    return fn;
}

/* Moves the bytes into a real scratch file, its offset where ours was. */
static int spill(scratch *s)
{
    FILE *f = library_tmpfile()(s->tmpdir);
    if (!f)
        return -1;
    if ((s->len > 0 && fwrite(s->data, 1, s->len, f) != s->len) ||
        fseeko(f, (off_t)s->pos, SEEK_SET) != 0) {
        fclose(f);
        errno = ENOSPC;
        return -1;
    }
    free(s->data);
    s->data = NULL;
    s->len = s->cap = 0;
    s->spill = f;
    return 0;
}

static int reserve(scratch *s, size_t need)
{
    if (need <= s->cap)
        return 0;
    size_t cap = s->cap ? s->cap : 16384;
    while (cap < need)
        cap *= 2;
    char *d = realloc(s->data, cap);
    if (!d) {
        errno = ENOMEM;
        return -1;
    }
    s->data = d;
    s->cap = cap;
    return 0;
}

static ssize_t scratch_write(void *cookie, const char *buf, size_t n)
{
    scratch *s = cookie;
    if (!s->spill && s->pos + n > mem_max && spill(s) != 0)
        return -1;
    if (s->spill) {
        size_t w = fwrite(buf, 1, n, s->spill);
        return w == n ? (ssize_t)n : -1;
    }
    if (reserve(s, s->pos + n) != 0)
        return -1;
    if (s->pos > s->len) /* written past the end after a seek: a hole of zeros */
        memset(s->data + s->len, 0, s->pos - s->len);
    memcpy(s->data + s->pos, buf, n);
    s->pos += n;
    if (s->pos > s->len)
        s->len = s->pos;
    return (ssize_t)n;
}

static ssize_t scratch_read(void *cookie, char *buf, size_t n)
{
    scratch *s = cookie;
    if (s->spill) {
        size_t r = fread(buf, 1, n, s->spill);
        return r == 0 && ferror(s->spill) ? -1 : (ssize_t)r;
    }
    if (s->pos >= s->len)
        return 0;
    if (n > s->len - s->pos)
        n = s->len - s->pos;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return (ssize_t)n;
}

static int scratch_seek(void *cookie, off64_t *off, int whence)
{
    scratch *s = cookie;
    if (s->spill) {
        if (fseeko(s->spill, (off_t)*off, whence) != 0)
            return -1;
        *off = (off64_t)ftello(s->spill);
        return 0;
    }
    off64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (off64_t)s->pos : (off64_t)s->len;
    if ((whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) || base + *off < 0) {
        errno = EINVAL;
        return -1;
    }
    s->pos = (size_t)(base + *off);
    *off = (off64_t)s->pos;
    return 0;
}

static int scratch_close(void *cookie)
{
    scratch *s = cookie;
    int rc = s->spill ? fclose(s->spill) : 0;
    free(s->data);
    free(s->tmpdir);
    free(s);
    return rc;
}

FILE *lxw_tmpfile(char *tmpdir)
{
    scratch *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    if (tmpdir && !(s->tmpdir = strdup(tmpdir))) {
        free(s);
        return NULL;
    }
    cookie_io_functions_t io = {scratch_read, scratch_write, scratch_seek, scratch_close};
    FILE *f = fopencookie(s, "w+", io);
    if (!f) {
        free(s->tmpdir);
        free(s);
    }
    return f;
}
