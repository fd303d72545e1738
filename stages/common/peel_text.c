#include "peel_text.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "peel_mem.h"
#include "peel_stop.h"

#define MIB ((size_t)1024 * 1024)
#define CHUNK ((size_t)64 * 1024)
/* The most one read() of a whole-file read asks for: between reads a stop
 * request is looked at. */
#define READ_MAX ((size_t)1024 * 1024)

/* Length of the well-formed sequence at s[0..len), or 0.  The second byte's
 * range depends on the lead byte: that is what rules out overlong forms,
 * surrogates (ED A0..BF) and code points past U+10FFFF (F4 90.., F5..). */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* How many bytes at s[0..len) are ASCII before the first that is not.
 * Sixteen at a time by SSE2 where the machine has it, else eight by their
 * top bits; each block of them that holds another byte is left where that
 * byte is, not byte by byte. */
static size_t ascii_run(const unsigned char *s, size_t len)
{
    size_t n = 0;
#ifdef __SSE2__
    for (; len - n >= 16; n += 16) {
        unsigned high =
            (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + n)));
        if (high)
            return n + (size_t)__builtin_ctz(high);
    }
#else
    const uint64_t high_bits = UINT64_C(0x8080808080808080);
    for (uint64_t w; len - n >= sizeof w && (memcpy(&w, s + n, sizeof w), !(w & high_bits));)
        n += sizeof w;
#endif
    while (n < len && s[n] < 0x80)
        n++;
    return n;
}

#ifndef __SSE2__
/* Whether eight bytes are all printable ASCII (0x20..0x7E) (word-at-a-time
 * tests: a byte with its top bit, one below 0x20, one equal to 0x7F). */
static int printable8(const char *p)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    uint64_t w, del;
    memcpy(&w, p, sizeof w);
    del = w ^ (0x7F * ones);
    return !(w & high) && !((w - 0x20 * ones) & ~w & high) && !((del - ones) & ~del & high);
}
#endif

size_t peel_printable_run(const char *s, size_t len)
{
    size_t n = 0;
#ifdef __SSE2__
    for (; len - n >= 16; n += 16) {
        /* signed compares: a byte from 0x80 is negative, not printable */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + n));
        __m128i ok = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)),
                                   _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));
        unsigned other = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFF;
        if (other)
            return n + (size_t)__builtin_ctz(other);
    }
#else
    while (len - n >= 8 && printable8(s + n))
        n += 8;
#endif
    while (n < len && (unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7F)
        n++;
    return n;
}

int peel_utf8_valid(const char *s, size_t len, size_t *bad_off)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    /* runs of ASCII, most of every report, between the sequences of others */
    while ((i += ascii_run(u + i, len - i)) < len) {
        size_t n = utf8_seq(u + i, len - i);
        if (n == 0) {
            if (bad_off)
                *bad_off = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

static int slug_keep(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

char *peel_utoa(char *out, unsigned long long v)
{
    char digits[20]; /* 18446744073709551615 */
    size_t n = 0;
    do
        digits[n++] = (char)('0' + v % 10);
    while (v /= 10);
    while (n)
        *out++ = digits[--n];
    return out;
}

size_t peel_slug(const char *in, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    size_t len = 0;
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
        unsigned char c = (*p >= 'A' && *p <= 'Z') ? (unsigned char)(*p - 'A' + 'a') : *p;
        if (!slug_keep(c)) {
            dash = len > 0;
            continue;
        }
        /* A dash is only ever written together with the character after
         * it, so a cut can never leave one at the end. */
        size_t need = dash ? 2 : 1;
        if (len + need > cap - 1)
            break;
        if (dash)
            out[len++] = '-';
        out[len++] = (char)c;
        dash = 0;
    }
    out[len] = '\0';
    if (len == 0) {
        /* Nothing to keep: a name in another script ("Полиция Кента"), or only
         * punctuation.  Its CRC-32 keeps two such names apart, so they do not
         * become the same report folder. */
        if (in[0])
            snprintf(out, cap, "unnamed-%08x", (unsigned)peel_crc32(in, strlen(in)));
        else
            snprintf(out, cap, "unnamed");
        len = strlen(out);
    }
    return len;
}

/* A pending stop request ends a read between chunks: a signal must end the
 * run promptly even while a large file is being read. */
static peel_status check_stop(const char *path, peel_err *err)
{
    int sig = peel_stop_requested();
    if (sig == 0)
        return PEEL_OK;
    return PEEL_FAIL(err, PEEL_EIO, path, 0, "reading stopped by signal %d (%s)", sig,
                     strsignal(sig));
}

static peel_status too_big(const char *path, size_t max_bytes, peel_err *err)
{
    if (max_bytes >= MIB && max_bytes % MIB == 0)
        return PEEL_FAIL(err, PEEL_EDATA, path, 0, "file is larger than the %zu MiB limit",
                         max_bytes / MIB);
    return PEEL_FAIL(err, PEEL_EDATA, path, 0, "file is larger than the %zu-byte limit", max_bytes);
}

/* What a file that is not a regular one is, for the message. */
static const char *file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "of an unknown kind";
}

/* Only a regular file of at most max_bytes (0: any size) is read. */
static peel_status check_regular(const struct stat *st, const char *path, size_t max_bytes,
                                 peel_err *err)
{
    if (S_ISDIR(st->st_mode))
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "is a folder, not a file");
    if (!S_ISREG(st->st_mode))
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "not a regular file: %s",
                         file_kind(st->st_mode));
    if (max_bytes > 0 && (unsigned long long)st->st_size > (unsigned long long)max_bytes)
        return too_big(path, max_bytes, err);
    return PEEL_OK;
}

/* Opens a regular file of at most max_bytes for reading into *fd.  A FIFO
 * would block open() until a writer comes, and opening a device can have
 * effects of its own (a watchdog, a tape), so what the name is gets checked
 * before it is opened at all.  It could be swapped in between: the open is
 * O_NONBLOCK, and fstat checks the file actually opened, before O_NONBLOCK
 * is cleared for the reads. */
static peel_status open_regular(const char *path, size_t max_bytes, struct stat *st, int *fd,
                                peel_err *err)
{
    *fd = -1;
    if (stat(path, st) != 0) {
        int e = errno;
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "cannot open: %s", strerror(e));
    }
    peel_status rc = check_regular(st, path, max_bytes, err);
    if (rc != PEEL_OK)
        return rc;
    int f = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (f < 0) {
        int e = errno;
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "cannot open: %s", strerror(e));
    }
    int flags;
    if (fstat(f, st) != 0 || (flags = fcntl(f, F_GETFL)) < 0) {
        int e = errno;
        rc = PEEL_FAIL(err, PEEL_EIO, path, 0, "cannot stat: %s", strerror(e));
    } else if ((rc = check_regular(st, path, max_bytes, err)) == PEEL_OK &&
               fcntl(f, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        int e = errno;
        rc = PEEL_FAIL(err, PEEL_EIO, path, 0, "cannot set up reading: %s", strerror(e));
    }
    if (rc != PEEL_OK) {
        close(f);
        return rc;
    }
    *fd = f;
    return PEEL_OK;
}

/* Where the bytes of a file go as it is read: a buffer (peel_file_read) or
 * a checksum (peel_file_crc32). */
typedef struct file_sink {
    /* Room for the next read: its start, and how many bytes fit (> 0). */
    unsigned char *(*room)(struct file_sink *sink, size_t *cap);
    /* n bytes were read into that room. */
    void (*took)(struct file_sink *sink, size_t n);
    size_t size; /* the file's size by fstat, set before the first read */
} file_sink;

/* The one read loop over a whole regular file: each chunk to the sink, a
 * stop request looked at before each, the limit after each (the file may
 * grow after fstat: reading goes on to EOF, bounded by the limit). */
static peel_status read_file(const char *path, size_t max_bytes, file_sink *sink, peel_err *err)
{
    struct stat st;
    int fd;
    peel_status rc = open_regular(path, max_bytes, &st, &fd, err);
    if (rc == PEEL_OK)
        sink->size = (size_t)st.st_size;
    unsigned long long total = 0;
    while (rc == PEEL_OK && (rc = check_stop(path, err)) == PEEL_OK) {
        size_t cap;
        unsigned char *p = sink->room(sink, &cap);
        ssize_t got = read(fd, p, cap);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            rc = PEEL_FAIL(err, PEEL_EIO, path, 0, "read error: %s", strerror(e));
        } else if (got == 0) {
            break;
        } else {
            sink->took(sink, (size_t)got);
            total += (unsigned long long)got;
            if (max_bytes > 0 && total > max_bytes)
                rc = PEEL_FAIL(err, PEEL_EDATA, path, 0, "file grew past the size limit");
        }
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

/* peel_file_read's sink: a NUL-terminated buffer, grown as needed. */
typedef struct buf_sink {
    file_sink base;
    unsigned char *buf; /* owned until handed over */
    size_t cap, n;      /* cap includes the NUL's byte */
} buf_sink;

static unsigned char *buf_room(file_sink *sink, size_t *cap)
{
    buf_sink *b = (buf_sink *)sink;
    /* Sized by fstat first, so a file read whole takes one allocation: its
     * bytes, one spare for the read that finds the end, and the NUL. */
    if (!b->buf)
        b->buf = peel_xmalloc(b->cap = sink->size + 2);
    if (b->n + 1 >= b->cap)
        b->buf = peel_xrealloc(b->buf, b->cap = b->cap * 2 + CHUNK);
    size_t left = b->cap - 1 - b->n;
    *cap = left < READ_MAX ? left : READ_MAX;
    return b->buf + b->n;
}

static void buf_took(file_sink *sink, size_t n)
{
    ((buf_sink *)sink)->n += n;
}

peel_status peel_file_read(const char *path, size_t max_bytes, char **data, size_t *len,
                           peel_err *err)
{
    *data = NULL;
    *len = 0;
    buf_sink b = {{buf_room, buf_took, 0}, NULL, 0, 0};
    peel_status rc = read_file(path, max_bytes, &b.base, err);
    if (rc != PEEL_OK) {
        free(b.buf);
        return rc;
    }
    if (!b.buf)
        b.buf = peel_xmalloc(b.cap = 1);
    b.buf[b.n] = '\0';
    *data = (char *)b.buf;
    *len = b.n;
    return PEEL_OK;
}

uint32_t peel_crc32(const void *data, size_t len)
{
    const Bytef *p = data;
    uLong crc = crc32(0L, Z_NULL, 0);
    /* zlib takes uInt lengths: feed huge buffers in pieces. */
    while (len > 0) {
        uInt n = len > UINT_MAX ? UINT_MAX : (uInt)len;
        crc = crc32(crc, p, n);
        p += n;
        len -= n;
    }
    return (uint32_t)crc;
}

/* peel_file_crc32's sink: one chunk, folded into the CRC as it is read. */
typedef struct crc_sink {
    file_sink base;
    unsigned char chunk[CHUNK];
    uLong crc;
    long long size;
} crc_sink;

static unsigned char *crc_room(file_sink *sink, size_t *cap)
{
    *cap = CHUNK;
    return ((crc_sink *)sink)->chunk;
}

static void crc_took(file_sink *sink, size_t n)
{
    crc_sink *c = (crc_sink *)sink;
    c->crc = crc32(c->crc, c->chunk, (uInt)n);
    c->size += (long long)n;
}

peel_status peel_file_crc32(const char *path, size_t max_bytes, uint32_t *crc, long long *size,
                            peel_err *err)
{
    *crc = 0;
    *size = 0;
    /* The chunk is too big for the stack, and is not zeroed: every byte the
     * CRC reads, read() wrote. */
    crc_sink *c = peel_xmalloc(sizeof *c);
    c->base = (file_sink){crc_room, crc_took, 0};
    c->crc = crc32(0L, Z_NULL, 0);
    c->size = 0;
    peel_status rc = read_file(path, max_bytes, &c->base, err);
    if (rc == PEEL_OK) {
        *crc = (uint32_t)c->crc;
        *size = c->size;
    }
    free(c);
    return rc;
}

long long peel_crc32_file(const char *path, long long *size_out)
{
    uint32_t crc;
    long long size;
    peel_err e = {0};
    if (peel_file_crc32(path, 0, &crc, &size, &e) != PEEL_OK) {
        if (size_out)
            *size_out = 0;
        return -1;
    }
    if (size_out)
        *size_out = size;
    return (long long)crc;
}

void peel_path_dir(const char *path, char *out, size_t cap)
{
    if (cap == 0)
        return;
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(out, cap, ".");
        return;
    }
    size_t n = (size_t)(slash - path);
    while (n > 0 && path[n - 1] == '/')
        n--;
    if (n == 0)
        snprintf(out, cap, "/");
    else
        snprintf(out, cap, "%.*s", n > INT_MAX ? INT_MAX : (int)n, path);
}

const char *peel_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

#define TMPFS_MAGIC_NUMBER 0x01021994 /* statfs f_type of a tmpfs (linux/magic.h) */

int peel_dir_is_tmpfs(const char *dir)
{
    struct statfs fs;
    return dir && dir[0] && statfs(dir, &fs) == 0 && fs.f_type == TMPFS_MAGIC_NUMBER &&
           access(dir, W_OK | X_OK) == 0;
}

const char *peel_tmpfs_dir(void)
{
    const char *const candidates[] = {getenv("TMPDIR"), "/dev/shm", getenv("XDG_RUNTIME_DIR")};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++)
        if (peel_dir_is_tmpfs(candidates[i]))
            return candidates[i];
    return NULL;
}

void peel_period_identity(const char *period, peel_buf *out)
{
    static const char *const FRAMES[] = {"by ", "in ", "during ", "for ", "as of ", "on ", "at "};
    for (size_t k = 0; k < sizeof FRAMES / sizeof *FRAMES; k++)
        if (strncasecmp(period, FRAMES[k], strlen(FRAMES[k])) == 0) {
            period += strlen(FRAMES[k]);
            break;
        }
    for (const char *c = period; *c; c++)
        peel_buf_putc(out, (char)tolower((unsigned char)*c));
}

long long peel_created_time(const char *date)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && sde[0]) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (!*end && v > 0)
            return v;
    }
    struct tm tm = {0};
    if (date && strptime(date, "%Y-%m-%d", &tm) && tm.tm_year >= 80)
        return (long long)timegm(&tm);
    return 315532800; /* 1980-01-01 */
}

peel_status peel_path_join_parts(char *out, size_t cap, peel_err *err, const char *first, ...)
{
    va_list ap;
    size_t n = 0;
    int fits = cap > 0;
    va_start(ap, first);
    for (const char *part = first; part && fits; part = va_arg(ap, const char *)) {
        size_t len = strlen(part), sep = part != first;
        if (n + sep + len >= cap) {
            fits = 0;
            break;
        }
        if (sep)
            out[n++] = '/';
        memcpy(out + n, part, len);
        n += len;
    }
    va_end(ap);
    if (fits) {
        out[n] = '\0';
        return PEEL_OK;
    }
    if (cap > 0)
        out[0] = '\0';
    return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "path too long (more than %zu bytes): %.200s/...",
                     cap ? cap - 1 : 0, first);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int peel_csv_files(const char *dir, peel_vec *names)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t first = names->n;
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        size_t n = strlen(de->d_name);
        if (de->d_name[0] != '.' && n > 4 && strcmp(de->d_name + n - 4, ".csv") == 0)
            peel_vec_push(names, peel_xstrdup(de->d_name));
    }
    closedir(d);
    if (names->n - first > 1)
        qsort(names->item + first, names->n - first, sizeof *names->item, by_name);
    return 0;
}
