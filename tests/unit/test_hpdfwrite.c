/* peel_hpdfwrite.c: a text's codes written as hex by ours give what
 * libharu's own HPDF_Stream_WriteBinary gives (found past ours with dlsym
 * RTLD_NEXT): the same bytes, given to the stream in the same pieces, the
 * same status when the stream fails at any piece; for every byte value and
 * every length up to several pieces, nothing for an empty text.  Numbers
 * written by ours give libharu's HPDF_FToA's bytes, the buffer's every byte
 * compared, and its end: floats spread over all 2^32 bit patterns, those
 * near the integers and near the decimals' rounding, the limits, not a
 * number, and every room from none to more than enough.  Ours are what
 * libharu's own calls bind to (a page showing text). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT, RTLD_DEFAULT */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <math.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <hpdf_utils.h>

typedef char *(*ftoa_fn)(char *, HPDF_REAL, char *);
typedef HPDF_STATUS (*binary_fn)(HPDF_Stream, const HPDF_BYTE *, HPDF_UINT, HPDF_Encrypt);

static binary_fn libharus(void)
{
    binary_fn fn;
    void *sym = dlsym(RTLD_NEXT, "HPDF_Stream_WriteBinary");
    assert_non_null(sym);
    assert_ptr_not_equal(sym, (void *)HPDF_Stream_WriteBinary);
    *(void **)&fn = sym;
    return fn;
}

/* What a writer was given: its bytes, and where each piece ended. */
#define LOG_BYTES 4096
#define LOG_PIECES 64
typedef struct wlog {
    HPDF_BYTE bytes[LOG_BYTES];
    size_t len;
    size_t ends[LOG_PIECES];
    size_t pieces;
    size_t fail_at; /* the piece refused (status 0x1234); LOG_PIECES: none */
} wlog;

static wlog *current; /* the log the writer fills (one stream at a time) */

static HPDF_STATUS log_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT size)
{
    (void)stream;
    wlog *l = current;
    assert_true(l->pieces < LOG_PIECES && l->len + size <= LOG_BYTES);
    if (l->pieces == l->fail_at) {
        l->pieces++;
        return 0x1234;
    }
    memcpy(l->bytes + l->len, ptr, size);
    l->len += size;
    l->ends[l->pieces++] = l->len;
    return HPDF_OK;
}

typedef struct writers {
    HPDF_Error_Rec error;
    HPDF_MMgr mmgr;
    HPDF_Stream stream;
    wlog mine, theirs;
} writers;

static int writers_setup(void **state)
{
    static writers w;
    memset(&w, 0, sizeof w);
    HPDF_Error_Init(&w.error, NULL);
    w.mmgr = HPDF_MMgr_New(&w.error, 0, NULL, NULL);
    w.stream = w.mmgr ? HPDF_CallbackWriter_New(w.mmgr, log_write, NULL) : NULL;
    if (!w.stream) {
        return -1;
    }
    *state = &w;
    return 0;
}

static int writers_teardown(void **state)
{
    writers *w = *state;
    HPDF_Stream_Free(w->stream);
    HPDF_MMgr_Free(w->mmgr);
    return 0;
}

/* data[0..len) written by ours and by libharu's, the stream refusing the
 * piece fail_at (LOG_PIECES: none): the same status, bytes and pieces. */
static void both(writers *w, const HPDF_BYTE *data, HPDF_UINT len, size_t fail_at)
{
    binary_fn theirs = libharus();
    memset(&w->mine, 0, sizeof w->mine);
    memset(&w->theirs, 0, sizeof w->theirs);
    w->mine.fail_at = w->theirs.fail_at = fail_at;
    current = &w->mine;
    HPDF_STATUS mine = HPDF_Stream_WriteBinary(w->stream, data, len, NULL);
    current = &w->theirs;
    HPDF_STATUS libharu = theirs(w->stream, data, len, NULL);
    assert_int_equal(mine, libharu);
    assert_int_equal(w->mine.pieces, w->theirs.pieces);
    assert_int_equal(w->mine.len, w->theirs.len);
    assert_memory_equal(w->mine.bytes, w->theirs.bytes, w->mine.len);
    assert_memory_equal(w->mine.ends, w->theirs.ends, sizeof w->mine.ends);
}

static void test_every_byte(void **state)
{
    writers *w = *state;
    HPDF_BYTE data[256];
    for (unsigned i = 0; i < 256; i++) {
        data[i] = (HPDF_BYTE)i;
    }
    both(w, data, 256, LOG_PIECES);
    assert_int_equal(w->mine.len, 512);
    assert_memory_equal(w->mine.bytes, "000102", 6);
    assert_memory_equal(w->mine.bytes + (size_t)2 * 0xA5, "A5", 2);
    assert_memory_equal(w->mine.bytes + 510, "FF", 2);
}

static void test_lengths(void **state)
{
    writers *w = *state;
    static HPDF_BYTE data[1100];
    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (HPDF_BYTE)(i * 151 + 7);
    }
    for (HPDF_UINT len = 0; len <= sizeof data; len++) {
        both(w, data, len, LOG_PIECES);
    }
    both(w, data, 0, LOG_PIECES);
    assert_int_equal(w->mine.pieces, 0); /* nothing written for nothing */
}

/* A stream refusing its first, a middle or its last piece. */
static void test_failures(void **state)
{
    writers *w = *state;
    static HPDF_BYTE data[700];
    memset(data, 0x3C, sizeof data);
    static const HPDF_UINT lens[] = {1, 127, 128, 129, 256, 300, 700};
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        for (size_t fail = 0; fail < 7; fail++) {
            both(w, data, lens[i], fail);
        }
    }
}

/* ---- numbers */

/* v written by ours and by libharu's into buffers of the same bytes, with
 * room to index room (libharu's end of room): the same bytes and end. */
static void ftoa_both(float v, int room)
{
    static ftoa_fn theirs;
    if (!theirs) {
        void *sym = dlsym(RTLD_NEXT, "HPDF_FToA");
        assert_non_null(sym);
        assert_ptr_not_equal(sym, (void *)HPDF_FToA);
        *(void **)&theirs = sym;
    }
    char mine[32], libharu[32];
    memset(mine, 0x5A, sizeof mine);
    memset(libharu, 0x5A, sizeof libharu);
    char *m = HPDF_FToA(mine + 4, v, mine + 4 + room);
    char *t = theirs(libharu + 4, v, libharu + 4 + room);
    if (m - mine != t - libharu || memcmp(mine, libharu, sizeof mine) != 0) {
        print_error("HPDF_FToA(%a, room %d): ours \"%.20s\", libharu's \"%.20s\"\n", (double)v,
                    room, mine + 4, libharu + 4);
    }
    assert_int_equal(m - mine, t - libharu);
    assert_memory_equal(mine, libharu, sizeof mine);
}

static void ftoa_both_signs(float v)
{
    ftoa_both(v, 20);
    ftoa_both(-v, 20);
}

/* Bit patterns over the whole range of floats (not a number and the
 * infinities among them). */
static void test_ftoa_spread(void **state)
{
    (void)state;
    for (uint64_t bits = 0; bits < 0x100000000u; bits += 4999) {
        uint32_t b = (uint32_t)bits;
        float v;
        memcpy(&v, &b, sizeof v);
        ftoa_both(v, 20);
    }
}

/* What the pages write: hundredths and thousandths, and the floats either
 * side of each integer and of each decimal's rounding point. */
static void test_ftoa_near(void **state)
{
    (void)state;
    for (int k = 0; k <= 3300000; k += 37) {
        ftoa_both_signs((float)k / 100.0f);
        ftoa_both_signs((float)k / 1000.0f);
    }
    for (int i = 0; i <= 32768; i++) {
        float v = (float)i;
        ftoa_both_signs(v);
        ftoa_both_signs(nextafterf(v, 0.0f));
        ftoa_both_signs(nextafterf(v, 40000.0f));
        ftoa_both_signs(v - 0.000005f);
        ftoa_both_signs(v + 0.999995f);
        ftoa_both_signs(v + 0.5f);
    }
    /* Below 1, where the decimals are all there is: bit patterns from 0
     * to 1.0f. */
    for (uint32_t b = 0; b < 0x3F800000u; b += 16411) {
        float v;
        memcpy(&v, &b, sizeof v);
        ftoa_both_signs(v);
    }
}

static void test_ftoa_edges(void **state)
{
    (void)state;
    static const float edges[] = {0.0f, -0.0f, 32767.0f, 32767.5f, 32766.99999f, 32768.0f, 1e9f,
                                  1e-30f, 0.000005f, 0.0000049f, 0.999995f, 0.9999949f, 1.25f,
                                  72.0f, 0.85f, 595.276f, 841.89f,
                                  /* the decimals' float sum rounds up to 1: a part of 100,000 */
                                  0x1.ffff58p-1f, 0x1.ffffacp+0f, 0x1.7fffd6p+1f,
                                  /* a float sum of the decimals would differ from the double */
                                  0x1.797cc2p-15f};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        for (int room = -1; room <= 16; room++) {
            ftoa_both(edges[i], room);
            ftoa_both(-edges[i], room);
        }
    }
    ftoa_both(NAN, 20);
    ftoa_both(-NAN, 20);
    ftoa_both(INFINITY, 20);
    ftoa_both(-INFINITY, 20);
    /* Bytes as libharu leaves them: the deleted digits NUL, none past. */
    char buf[16];
    memset(buf, 'x', sizeof buf);
    char *end = HPDF_FToA(buf, 12.5f, buf + 15);
    assert_int_equal(end - buf, 4);
    assert_memory_equal(buf, "12.5\0\0\0\0x", 9);
    memset(buf, 'x', sizeof buf);
    end = HPDF_FToA(buf, -3.0f, buf + 15);
    assert_int_equal(end - buf, 2);
    assert_memory_equal(buf, "-3\0\0\0\0\0\0x", 9);
}

/* libharu's page writes a shown text's codes through ours. */
static void test_ours_bound(void **state)
{
    (void)state;
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_Stream_WriteBinary"),
                     (void *)HPDF_Stream_WriteBinary);
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_FToA"), (void *)HPDF_FToA);
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    assert_non_null(pdf);
    assert_int_equal(HPDF_UseUTFEncodings(pdf), HPDF_OK);
    const char *name =
        HPDF_LoadTTFontFromFile(pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", HPDF_TRUE);
    assert_non_null(name);
    HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
    assert_non_null(font);
    HPDF_Page page = HPDF_AddPage(pdf);
    assert_non_null(page);
    assert_int_equal(HPDF_Page_BeginText(page), HPDF_OK);
    assert_int_equal(HPDF_Page_SetFontAndSize(page, font, 10), HPDF_OK);
    assert_int_equal(HPDF_Page_ShowText(page, "Az \xC3\xA9"), HPDF_OK);
    assert_int_equal(HPDF_Page_EndText(page), HPDF_OK);
    /* The page's operators, in its memory stream: the text's CIDs (its
     * code points, the UTF-8 encoder's) in hex. */
    HPDF_Stream ops = ((HPDF_PageAttr)page->attr)->stream;
    char text[512] = {0};
    HPDF_UINT len = sizeof text - 1;
    assert_int_equal(HPDF_Stream_Seek(ops, 0, HPDF_SEEK_SET), HPDF_OK);
    HPDF_STATUS read = HPDF_Stream_Read(ops, (HPDF_BYTE *)text, &len);
    assert_true(read == HPDF_OK || read == HPDF_STREAM_EOF);
    assert_non_null(strstr(text, "<0041007A002000E9> Tj"));
    HPDF_Free(pdf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_byte, writers_setup, writers_teardown),
        cmocka_unit_test_setup_teardown(test_lengths, writers_setup, writers_teardown),
        cmocka_unit_test_setup_teardown(test_failures, writers_setup, writers_teardown),
        cmocka_unit_test(test_ftoa_spread),
        cmocka_unit_test(test_ftoa_near),
        cmocka_unit_test(test_ftoa_edges),
        cmocka_unit_test(test_ours_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
