/* peel_hpdfwrite.c: a text's codes written as hex by ours give what
 * libharu's own HPDF_Stream_WriteBinary gives (found past ours with dlsym
 * RTLD_NEXT): the same bytes, given to the stream in the same pieces, the
 * same status when the stream fails at any piece; for every byte value and
 * every length up to several pieces, nothing for an empty text; and ours is
 * what libharu's own calls bind to (a page showing text). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT, RTLD_DEFAULT */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

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

/* libharu's page writes a shown text's codes through ours. */
static void test_ours_bound(void **state)
{
    (void)state;
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_Stream_WriteBinary"),
                     (void *)HPDF_Stream_WriteBinary);
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
        cmocka_unit_test(test_ours_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
