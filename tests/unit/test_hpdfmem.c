/* peel_hpdfmem.c: libharu's font files read from memory.  The memory
 * reader does what libharu's own file reader does on a file holding the
 * same bytes, call for call (reads, short reads at the end, seeks past the
 * end and before the start, tell, size, a tell past 2 GiB): the same
 * results, bytes, lengths and errors.  Names: under /dev/null/, each its
 * own; a name not registered (a real file's) goes to libharu's reader; a
 * registered one opens once.  The bytes are released exactly once: when
 * libharu frees the stream, when a name never opened is dropped, or at
 * once when refused.  And a TrueType font loaded from memory gives the
 * document the same font loaded from a file gives, byte for byte, as does
 * a font libharu refuses give the same error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_streams.h>

#include "peel_hpdfmem.h"
#include "tmpdir.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static void count_release(void *arg)
{
    (*(unsigned *)arg)++;
}

/* The whole file at path, malloc'd. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    unsigned char *data = malloc((size_t)n);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

static void spill(const char *path, const unsigned char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* ---- the reader, call for call against libharu's on a file */

typedef enum { READ, SEEK, TELL, SIZE } op_kind;

typedef struct op {
    op_kind kind;
    HPDF_INT n;           /* bytes to read, or the seek's offset */
    HPDF_WhenceMode mode; /* a seek's */
} op;

/* One call on stream s (of document pdf): what it returned, what a read
 * gave (the buffer whole: libharu clears it first) and the error it left,
 * which is then reset. */
typedef struct result {
    long ret;
    HPDF_UINT got;
    unsigned char buf[256];
    HPDF_STATUS error, detail;
} result;

static void run(HPDF_Doc pdf, HPDF_Stream s, const op *o, result *r)
{
    memset(r, 0, sizeof *r);
    memset(r->buf, 0xA5, sizeof r->buf);
    switch (o->kind) {
    case READ:
        r->got = (HPDF_UINT)o->n;
        r->ret = (long)s->read_fn(s, r->buf, &r->got);
        break;
    case SEEK:
        r->ret = (long)s->seek_fn(s, o->n, o->mode);
        break;
    case TELL:
        r->ret = (long)s->tell_fn(s);
        break;
    case SIZE:
        r->ret = (long)s->size_fn(s);
        break;
    }
    r->error = HPDF_GetError(pdf);
    r->detail = HPDF_GetErrorDetail(pdf);
    HPDF_ResetError(pdf);
}

static void test_reader_as_files(void **state)
{
    const test_tmpdir *t = *state;
    enum { LEN = 10007 };
    static unsigned char data[LEN];
    for (size_t i = 0; i < LEN; i++) {
        data[i] = (unsigned char)(i * 31 + 7);
    }
    char path[128], name[PEEL_HPDF_MEM_NAME];
    snprintf(path, sizeof path, "%s/bytes", t->path);
    spill(path, data, LEN);
    unsigned released = 0;
    assert_int_equal(peel_hpdf_mem_add(data, LEN, count_release, &released, name), 0);

    HPDF_Doc fpdf = HPDF_New(NULL, NULL), mpdf = HPDF_New(NULL, NULL);
    HPDF_Stream file = HPDF_FileReader_New(fpdf->mmgr, path);
    HPDF_Stream mem = HPDF_FileReader_New(mpdf->mmgr, name);
    assert_non_null(file);
    assert_non_null(mem);
    assert_int_equal(file->type, HPDF_STREAM_FILE); /* libharu's own reader */
    assert_int_equal(mem->type, HPDF_STREAM_CALLBACK);

    static const op script[] = {
        {READ, 100, HPDF_SEEK_SET},   {TELL, 0, HPDF_SEEK_SET},
        {SEEK, 50, HPDF_SEEK_CUR},    {READ, 10, HPDF_SEEK_SET},
        {SEEK, -20, HPDF_SEEK_END},   {READ, 100, HPDF_SEEK_SET}, /* 20 left: short */
        {READ, 5, HPDF_SEEK_SET},     {TELL, 0, HPDF_SEEK_SET},   /* at the end */
        {SEEK, 30000, HPDF_SEEK_SET}, {TELL, 0, HPDF_SEEK_SET},   /* past the end */
        {READ, 10, HPDF_SEEK_SET},    {SIZE, 0, HPDF_SEEK_SET},
        {TELL, 0, HPDF_SEEK_SET},     {SEEK, -40000, HPDF_SEEK_CUR},
        {TELL, 0, HPDF_SEEK_SET}, /* before the start */
        {SEEK, -1, HPDF_SEEK_SET},    {SEEK, 10, (HPDF_WhenceMode)9},
        {READ, 4, HPDF_SEEK_SET},     {READ, 0, HPDF_SEEK_SET},
        {SEEK, 0, HPDF_SEEK_END},     {READ, 0, HPDF_SEEK_SET},
        {READ, 1, HPDF_SEEK_SET},     {SEEK, -LEN, HPDF_SEEK_END},
        {READ, 256, HPDF_SEEK_SET},   {SEEK, INT32_MAX, HPDF_SEEK_SET},
        {SEEK, 10, HPDF_SEEK_CUR},    {TELL, 0, HPDF_SEEK_SET}, /* past 2 GiB */
        {SIZE, 0, HPDF_SEEK_SET},     {SEEK, 3, HPDF_SEEK_SET},
        {SIZE, 0, HPDF_SEEK_SET},     {READ, 7, HPDF_SEEK_SET}};
    int errors = 0;
    for (size_t i = 0; i < sizeof script / sizeof *script; i++) {
        result a, b;
        run(fpdf, file, &script[i], &a);
        run(mpdf, mem, &script[i], &b);
        if (a.ret != b.ret || a.got != b.got || memcmp(a.buf, b.buf, sizeof a.buf) != 0 ||
            a.error != b.error || a.detail != b.detail) {
            print_error("call %zu: file ret %ld got %u error 0x%04lX/%lu, memory ret %ld got %u "
                        "error 0x%04lX/%lu\n",
                        i, a.ret, a.got, (unsigned long)a.error, (unsigned long)a.detail, b.ret,
                        b.got, (unsigned long)b.error, (unsigned long)b.detail);
            fail();
        }
        errors += a.error != HPDF_OK;
    }
    assert_int_equal(errors, 4); /* the script reaches every failure: a short read sets none */
    assert_int_equal(released, 0);
    HPDF_Stream_Free(mem);
    assert_int_equal(released, 1);
    HPDF_Stream_Free(file);
    HPDF_Free(fpdf);
    HPDF_Free(mpdf);
}

/* ---- names and releases */

static void test_names(void **state)
{
    const test_tmpdir *t = *state;
    static const unsigned char data[] = "bytes";
    unsigned released = 0;
    char a[PEEL_HPDF_MEM_NAME], b[PEEL_HPDF_MEM_NAME], path[128];
    assert_int_equal(peel_hpdf_mem_add(data, sizeof data, count_release, &released, a), 0);
    assert_int_equal(peel_hpdf_mem_add(data, sizeof data, count_release, &released, b), 0);
    assert_int_equal(strncmp(a, "/dev/null/", 10), 0);
    assert_string_not_equal(a, b);

    /* A real file is libharu's to read, registrations or not. */
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    snprintf(path, sizeof path, "%s/real", t->path);
    spill(path, data, sizeof data);
    HPDF_Stream s = HPDF_FileReader_New(pdf->mmgr, path);
    assert_non_null(s);
    assert_int_equal(s->type, HPDF_STREAM_FILE);
    assert_int_equal(HPDF_Stream_Size(s), sizeof data);
    HPDF_Stream_Free(s);

    /* A name opens once; then it is no file, for libharu's reader too. */
    s = HPDF_FileReader_New(pdf->mmgr, a);
    assert_non_null(s);
    assert_null(HPDF_FileReader_New(pdf->mmgr, a));
    assert_int_equal(HPDF_GetError(pdf), HPDF_FILE_OPEN_ERROR);
    assert_int_equal(HPDF_GetErrorDetail(pdf), ENOTDIR);
    HPDF_ResetError(pdf);
    peel_hpdf_mem_drop(a); /* opened: the stream's now */
    assert_int_equal(released, 0);
    HPDF_Stream_Free(s);
    assert_int_equal(released, 1);

    /* Dropped before it is opened: released, and gone. */
    peel_hpdf_mem_drop(b);
    assert_int_equal(released, 2);
    peel_hpdf_mem_drop(b);
    peel_hpdf_mem_drop("");
    peel_hpdf_mem_drop(NULL);
    peel_hpdf_mem_drop(path);
    assert_int_equal(released, 2);
    assert_null(HPDF_FileReader_New(pdf->mmgr, b));
    assert_int_equal(HPDF_GetError(pdf), HPDF_FILE_OPEN_ERROR);
    HPDF_ResetError(pdf);

    /* More than libharu's offsets reach: refused, released at once (the
     * bytes are never read, so none are needed here). */
    assert_int_equal(
        peel_hpdf_mem_add(data, (size_t)PEEL_HPDF_MEM_MAX + 1, count_release, &released, a), -1);
    assert_string_equal(a, "");
    assert_int_equal(released, 3);
    /* Bytes that outlive the documents: no release at all. */
    assert_int_equal(peel_hpdf_mem_add(data, sizeof data, NULL, NULL, a), 0);
    peel_hpdf_mem_drop(a);
    HPDF_Free(pdf);
}

/* ---- TrueType fonts, as the packs load them */

/* A one-page document showing text in the font loaded from font (a file's
 * path or a registered name), saved to memory: its bytes, malloc'd; NULL
 * and the error in *error when the font does not load. */
static unsigned char *document(const char *font, size_t *len, HPDF_STATUS *error)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    const char *name = HPDF_LoadTTFontFromFile(pdf, font, HPDF_TRUE);
    *error = HPDF_GetError(pdf);
    if (!name) {
        HPDF_Free(pdf);
        return NULL;
    }
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetFontAndSize(page, HPDF_GetFont(pdf, name, "UTF-8"), 12);
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, 50, 700, "Aŵŷ £5 – ’quoted’ …");
    HPDF_Page_EndText(page);
    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    HPDF_UINT32 n = HPDF_GetStreamSize(pdf);
    unsigned char *data = malloc(n);
    assert_non_null(data);
    HPDF_UINT32 got = n;
    HPDF_STATUS st = HPDF_ReadFromStream(pdf, data, &got);
    assert_true(st == HPDF_OK || st == HPDF_STREAM_EOF);
    assert_int_equal(got, n);
    HPDF_Free(pdf);
    *len = n;
    return data;
}

static void test_font_as_from_file(void **state)
{
    (void)state;
    size_t len = 0, flen = 0, mlen = 0;
    unsigned char *font = slurp(DEJAVU, &len);
    unsigned released = 0;
    char name[PEEL_HPDF_MEM_NAME];
    assert_int_equal(peel_hpdf_mem_add(font, len, count_release, &released, name), 0);
    HPDF_STATUS ferr, merr;
    unsigned char *from_file = document(DEJAVU, &flen, &ferr);
    unsigned char *from_mem = document(name, &mlen, &merr);
    assert_non_null(from_file);
    assert_non_null(from_mem);
    assert_int_equal(released, 1); /* with the document */
    assert_true(mlen > 20000);     /* the font embedded */
    assert_int_equal(mlen, flen);
    assert_memory_equal(from_mem, from_file, flen);
    free(from_file);
    free(from_mem);
    free(font);
}

/* A font whose licence forbids embedding (OS/2 fsType 2): libharu reads it
 * and refuses it, freeing the stream at once. */
static void test_refused_font(void **state)
{
    const test_tmpdir *t = *state;
    size_t len;
    unsigned char *font = slurp(DEJAVU, &len);
    unsigned tables = (unsigned)font[4] << 8 | font[5];
    for (unsigned i = 0; i < tables; i++) {
        const unsigned char *e = font + 12 + (size_t)16 * i;
        if (memcmp(e, "OS/2", 4) == 0) {
            size_t off = (size_t)e[8] << 24 | (size_t)e[9] << 16 | (size_t)e[10] << 8 | e[11];
            font[off + 8] = 0;
            font[off + 9] = 2;
        }
    }
    char path[128], name[PEEL_HPDF_MEM_NAME];
    snprintf(path, sizeof path, "%s/noembed.ttf", t->path);
    spill(path, font, len);
    unsigned released = 0;
    assert_int_equal(peel_hpdf_mem_add(font, len, count_release, &released, name), 0);
    size_t unused;
    HPDF_STATUS ferr, merr;
    unsigned char *from_file = document(path, &unused, &ferr);
    unsigned char *from_mem = document(name, &unused, &merr);
    assert_null(from_file);
    assert_null(from_mem);
    assert_int_equal(ferr, HPDF_TTF_CANNOT_EMBEDDING_FONT);
    assert_int_equal(merr, ferr);
    assert_int_equal(released, 1);
    free(from_file);
    free(from_mem);
    free(font);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_reader_as_files, test_tmpdir_setup,
                                        test_tmpdir_teardown),
        cmocka_unit_test_setup_teardown(test_names, test_tmpdir_setup, test_tmpdir_teardown),
        cmocka_unit_test(test_font_as_from_file),
        cmocka_unit_test_setup_teardown(test_refused_font, test_tmpdir_setup, test_tmpdir_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
