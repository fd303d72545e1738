#include "peel_text.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "peel_mem.h"

#define MIB ((size_t)1024 * 1024)
#define CHUNK ((size_t)64 * 1024)

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

int peel_utf8_valid(const char *s, size_t len, size_t *bad_off)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
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
        snprintf(out, cap, "unnamed");
        len = strlen(out);
    }
    return len;
}

static peel_status read_all(int fd, const char *path, size_t size_hint, size_t max_bytes,
                            char **data, size_t *len, peel_err *err)
{
    /* The file may grow after fstat: keep reading to EOF, bounded by the limit. */
    size_t cap = size_hint + 1, n = 0;
    char *buf = peel_xmalloc(cap);
    for (;;) {
        if (n + 1 == cap)
            buf = peel_xrealloc(buf, cap *= 2);
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            return PEEL_FAIL(err, PEEL_EIO, path, 0, "read error: %s", strerror(e));
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > max_bytes) {
            free(buf);
            return PEEL_FAIL(err, PEEL_EDATA, path, 0, "file grew past the size limit");
        }
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return PEEL_OK;
}

static peel_status too_big(const char *path, size_t max_bytes, peel_err *err)
{
    if (max_bytes >= MIB && max_bytes % MIB == 0)
        return PEEL_FAIL(err, PEEL_EDATA, path, 0, "file is larger than the %zu MiB limit",
                         max_bytes / MIB);
    return PEEL_FAIL(err, PEEL_EDATA, path, 0, "file is larger than the %zu-byte limit",
                     max_bytes);
}

static peel_status check_regular(const struct stat *st, const char *path, size_t max_bytes,
                                 peel_err *err)
{
    if (S_ISDIR(st->st_mode))
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "is a folder, not a file");
    if (!S_ISREG(st->st_mode))
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "is not a regular file");
    if ((unsigned long long)st->st_size > (unsigned long long)max_bytes)
        return too_big(path, max_bytes, err);
    return PEEL_OK;
}

peel_status peel_file_read(const char *path, size_t max_bytes, char **data, size_t *len,
                           peel_err *err)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not hang before fstat can refuse it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "cannot open: %s", strerror(e));
    }
    struct stat st;
    peel_status rc;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        rc = PEEL_FAIL(err, PEEL_EIO, path, 0, "cannot stat: %s", strerror(e));
    } else {
        rc = check_regular(&st, path, max_bytes, err);
        if (rc == PEEL_OK)
            rc = read_all(fd, path, (size_t)st.st_size, max_bytes, data, len, err);
    }
    close(fd);
    return rc;
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

long long peel_crc32_file(const char *path, long long *size_out)
{
    if (size_out)
        *size_out = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return -1;
    unsigned char *buf = peel_xmalloc(CHUNK);
    uLong crc = crc32(0L, Z_NULL, 0);
    long long total = 0;
    ssize_t got;
    while ((got = read(fd, buf, CHUNK)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            break;
        crc = crc32(crc, buf, (uInt)got);
        total += got;
    }
    free(buf);
    close(fd);
    if (got < 0)
        return -1;
    if (size_out)
        *size_out = total;
    return (long long)(uint32_t)crc;
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
