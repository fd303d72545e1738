/* peel_deflate.c: a stream started through the programs' deflateInit_ and
 * deflateInit2_ gives the bytes zlib's own gives at PEEL_DEFLATE_LEVEL with
 * zlib's own allocator, though its memory is the blocks of streams before
 * it, left dirty by other data (raw streams as minizip asks for them, zlib
 * streams as libharu does; empty, short, and longer than the window so
 * that it slides); the blocks are reused, at most 10 are kept, and a
 * caller's own allocator is left alone. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "peel_deflate.h"

typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);

/* zlib's own deflateInit2_, past the programs' one. */
static init2_fn zlibs(void)
{
    init2_fn fn;
    *(void **)&fn = dlsym(RTLD_NEXT, "deflateInit2_"); /* POSIX: a function from dlsym */
    assert_non_null(fn);
    return fn;
}

/* Deflated bytes, owned by the caller. */
typedef struct deflated {
    unsigned char *data;
    size_t len;
} deflated;

/* The whole of in through strm (started), then ended. */
static deflated finish(z_stream *strm, const unsigned char *in, size_t n)
{
    deflated d = {malloc(compressBound((uLong)n) + 64), 0};
    assert_non_null(d.data);
    strm->next_in = (Bytef *)in;
    strm->avail_in = (uInt)n;
    strm->next_out = d.data;
    strm->avail_out = (uInt)(compressBound((uLong)n) + 64);
    assert_int_equal(deflate(strm, Z_FINISH), Z_STREAM_END);
    d.len = strm->total_out;
    assert_int_equal(deflateEnd(strm), Z_OK);
    return d;
}

/* in deflated by the programs' deflateInit2_ (window_bits < 0: raw). */
static deflated ours(const unsigned char *in, size_t n, int window_bits)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    assert_int_equal(
        deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY),
        Z_OK);
    return finish(&s, in, n);
}

/* in deflated by zlib alone: its deflateInit2_ and its allocator. */
static deflated theirs(const unsigned char *in, size_t n, int window_bits)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    assert_int_equal(zlibs()(&s, PEEL_DEFLATE_LEVEL, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY,
                             ZLIB_VERSION, (int)sizeof s),
                     Z_OK);
    return finish(&s, in, n);
}

/* xorshift bytes: what dirties the blocks, and the noise in the inputs. */
static void noise(unsigned char *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        p[i] = (unsigned char)seed;
    }
}

/* Text of XML-like rows, repetitive as a workbook's parts are, with a
 * changing number in each. */
static void rows(unsigned char *p, size_t n)
{
    static const char ROW[] = "<row r=\"%\"><c t=\"s\"><v>#</v></c></row>";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ROW[i % (sizeof ROW - 1)];
        if (c == '%') {
            c = (unsigned char)('0' + i / 41 % 10);
        } else if (c == '#') {
            c = (unsigned char)('a' + i % 26);
        }
        p[i] = c;
    }
}

static void dirty_the_blocks(uint32_t seed)
{
    enum { N = 150000 };
    unsigned char *junk = malloc(N);
    assert_non_null(junk);
    noise(junk, N, seed);
    deflated d = ours(junk, N, -MAX_WBITS);
    free(d.data);
    rows(junk, N);
    d = ours(junk, N, MAX_WBITS);
    free(d.data);
    free(junk);
    assert_true(peel_deflate_kept_blocks() > 0);
}

static void same_bytes_as_zlibs_own(void **st)
{
    (void)st;
    static const size_t SIZES[] = {0, 1, 100, 4000, 40000, 200000};
    static const int WINDOWS[] = {-MAX_WBITS, MAX_WBITS};
    unsigned char *in = malloc(200000);
    assert_non_null(in);
    for (size_t k = 0; k < sizeof SIZES / sizeof *SIZES; k++) {
        for (int kind = 0; kind < 2; kind++) {
            if (kind) {
                noise(in, SIZES[k], 7u + (uint32_t)k);
            } else {
                rows(in, SIZES[k]);
            }
            for (size_t w = 0; w < sizeof WINDOWS / sizeof *WINDOWS; w++) {
                dirty_the_blocks(99u + (uint32_t)k);
                deflated a = ours(in, SIZES[k], WINDOWS[w]);
                deflated b = theirs(in, SIZES[k], WINDOWS[w]);
                assert_int_equal(a.len, b.len);
                assert_memory_equal(a.data, b.data, a.len);
                free(a.data);
                free(b.data);
            }
        }
    }
    free(in);
}

/* A stream ended leaves its five blocks; the next takes them, its state
 * the last one's. */
static void blocks_reused(void **st)
{
    (void)st;
    dirty_the_blocks(5);
    z_stream a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    assert_int_equal(deflateInit(&a, Z_DEFAULT_COMPRESSION), Z_OK);
    size_t kept_open = peel_deflate_kept_blocks();
    void *state = a.state;
    assert_int_equal(deflateEnd(&a), Z_OK);
    assert_int_equal(peel_deflate_kept_blocks(), kept_open + 5);
    assert_int_equal(deflateInit(&b, Z_DEFAULT_COMPRESSION), Z_OK);
    assert_ptr_equal(b.state, state);
    assert_int_equal(peel_deflate_kept_blocks(), kept_open);
    assert_int_equal(deflateEnd(&b), Z_OK);
}

/* Three streams at once ended: fifteen blocks, ten kept, the rest freed
 * (ASan and valgrind see no leak). */
static void at_most_ten_kept(void **st)
{
    (void)st;
    z_stream s[3];
    memset(s, 0, sizeof s);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(deflateInit(&s[i], Z_DEFAULT_COMPRESSION), Z_OK);
    }
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(deflateEnd(&s[i]), Z_OK);
    }
    assert_int_equal(peel_deflate_kept_blocks(), 10);
}

static int calls;

static voidpf counting_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    calls++;
    return calloc(items, size);
}

static void counting_free(voidpf opaque, voidpf address)
{
    (void)opaque;
    calls++;
    free(address);
}

/* A caller that brings its own allocator keeps it. */
static void callers_allocator_kept(void **st)
{
    (void)st;
    dirty_the_blocks(11);
    size_t kept = peel_deflate_kept_blocks();
    z_stream s;
    memset(&s, 0, sizeof s);
    s.zalloc = counting_alloc;
    s.zfree = counting_free;
    calls = 0;
    assert_int_equal(deflateInit(&s, Z_DEFAULT_COMPRESSION), Z_OK);
    assert_ptr_equal((void *)s.zalloc, (void *)counting_alloc);
    assert_int_equal(peel_deflate_kept_blocks(), kept);
    assert_int_equal(deflateEnd(&s), Z_OK);
    assert_int_equal(calls, 10);
    assert_int_equal(peel_deflate_kept_blocks(), kept);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_bytes_as_zlibs_own),
        cmocka_unit_test(blocks_reused),
        cmocka_unit_test(at_most_ten_kept),
        cmocka_unit_test(callers_allocator_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
