/* The font subsets, in-process: UTF-8 read as libharu's encoder reads it,
 * the layout's own characters all gathered (every non-ASCII character in a
 * string literal of the sources is in the chrome set), and a subset that
 * holds exactly the characters asked for that the font has, with the
 * font's own widths, loads in libharu as a UTF-8 CID font, from memory
 * under a name that is no file, once, with no temporary made whatever
 * $TMPDIR says; a character drawn that the subsets lack stops the pack; a
 * face kept open between runs is read again when its file changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf_doc.h>

#include "pd.h"
#include "peel_text.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define DEJAVU_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

static void test_utf8_next(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t len, used;
        unsigned cp;
    } cases[] = {
        {"A", 1, 1, 'A'},
        {"\xC5\xB5", 2, 2, 0x175},              /* ŵ */
        {"\xE2\x80\x99x", 4, 3, 0x2019},        /* ’ */
        {"\xF0\x9D\x94\x98", 4, 4, 0x1D518},    /* beyond the BMP */
        {"\xC0\x80", 2, 1, PD_NOT_CHAR},        /* overlong NUL */
        {"\xE0\x80\xAF", 3, 1, PD_NOT_CHAR},    /* overlong '/' */
        {"\xED\xA0\x80", 3, 1, PD_NOT_CHAR},    /* a surrogate */
        {"\xE2\x80", 2, 1, PD_NOT_CHAR},        /* cut short */
        {"\x80", 1, 1, PD_NOT_CHAR},            /* a stray continuation byte */
        {"\xF4\x90\x80\x80", 4, 1, PD_NOT_CHAR} /* past U+10FFFF */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        unsigned cp = 0;
        assert_int_equal(pd_utf8_next(cases[i].s, cases[i].len, &cp), cases[i].used);
        assert_int_equal(cp, cases[i].cp);
    }
    unsigned cp = 0;
    assert_int_equal(pd_utf8_next("", 0, &cp), 0);
}

/* Adds to *s every character inside the string and character literals of
 * the C file at path (comments skipped). */
static void literal_chars(const char *path, pd_cps *s)
{
    char *src;
    size_t len;
    peel_err err = {0};
    assert_int_equal(peel_file_read(path, 1 << 20, &src, &len, &err), PEEL_OK);
    char quote = 0;
    for (size_t i = 0; i < len;) {
        if (!quote && src[i] == '/' && src[i + 1] == '*') {
            const char *end = strstr(src + i + 2, "*/");
            i = end ? (size_t)(end - src) + 2 : len;
        } else if (!quote && src[i] == '/' && src[i + 1] == '/') {
            i += strcspn(src + i, "\n");
        } else if (quote && src[i] == '\\') {
            i += 2;
        } else if (src[i] == '"' || src[i] == '\'') {
            quote = !quote ? src[i] : quote == src[i] ? 0 : quote;
            i++;
        } else {
            unsigned cp;
            size_t n = pd_utf8_next(src + i, len - i, &cp);
            if (quote && cp != PD_NOT_CHAR && cp >= 0x80)
                pd_cps_add(s, cp);
            i += n;
        }
    }
    free(src);
}

/* Every character the pdf stage and the shared library write in a literal
 * is one the subsets are made with: the guard in pd_text never fires for
 * the layout's own words. */
static void test_chrome_covers_sources(void **state)
{
    (void)state;
    static const char *const dirs[] = {PEEL_SOURCE_DIR "/stages/pdf",
                                       PEEL_SOURCE_DIR "/stages/common"};
    pd_cps chrome = {{0}}, used = {{0}};
    pd_cps_chrome(&chrome);
    size_t files = 0;
    for (size_t d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        assert_non_null(dir);
        struct dirent *de;
        while ((de = readdir(dir)) != NULL) {
            size_t n = strlen(de->d_name);
            if (n < 3 || strcmp(de->d_name + n - 2, ".c") != 0)
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dirs[d], de->d_name);
            literal_chars(path, &used);
            files++;
        }
        closedir(dir);
    }
    assert_true(files > 20);
    size_t nonascii = 0;
    for (unsigned cp = 0x80; cp < PD_CPS_SIZE; cp++)
        if (pd_cps_has(&used, cp)) {
            nonascii++;
            if (!pd_cps_has(&chrome, cp))
                fail_msg("U+%04X is in a string literal but not in PD_CHROME (glyphs.c)", cp);
        }
    assert_true(nonascii >= 5); /* · – • £ … at least: the scan saw them */
    for (unsigned cp = 0x20; cp < 0x7F; cp++)
        assert_true(pd_cps_has(&chrome, cp));
    assert_false(pd_cps_has(&chrome, '\n'));
}

/* The bytes of the font file called name, read as libharu reads it (its
 * HPDF_FileReader_New: the memory reader for a subset's name, which it
 * takes); malloc'd, the caller frees them. */
static unsigned char *bytes_of(const char *name, size_t *len)
{
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_Stream s = HPDF_FileReader_New(pdf->mmgr, name);
    assert_non_null(s);
    HPDF_UINT n = HPDF_Stream_Size(s);
    unsigned char *data = malloc(n ? n : 1);
    assert_non_null(data);
    assert_int_equal(HPDF_Stream_Read(s, data, &n), HPDF_OK);
    HPDF_Stream_Free(s);
    HPDF_Free(pdf);
    *len = n;
    return data;
}

/* The code points a font file's cmap maps. */
static hb_set_t *unicodes_of(const char *name)
{
    size_t len;
    unsigned char *data = bytes_of(name, &len);
    hb_blob_t *blob =
        hb_blob_create((const char *)data, (unsigned)len, HB_MEMORY_MODE_READONLY, NULL, NULL);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_set_t *u = hb_set_create();
    hb_face_collect_unicodes(face, u);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    free(data);
    return u;
}

static HPDF_Font load(HPDF_Doc pdf, const char *path)
{
    const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
    assert_non_null(name);
    HPDF_Font f = HPDF_GetFont(pdf, name, "UTF-8");
    assert_non_null(f);
    return f;
}

static void test_subset(void **state)
{
    (void)state;
    /* Welsh, typographic and a character DejaVu Sans lacks. */
    const char *text = "Aŵŷ£’–中";
    pd_face face;
    peel_err err = {0};
    assert_int_equal(pd_face_open(&face, DEJAVU, &err), PEEL_OK);
    assert_true(pd_face_has(&face, 0x175));
    assert_false(pd_face_has(&face, 0x4E2D));
    pd_cps want = {{0}};
    pd_cps_add_text(&want, text);
    char name[PEEL_HPDF_MEM_NAME];
    assert_int_equal(pd_face_subset(&face, &want, name, &err), PEEL_OK);

    /* Exactly the characters asked for that the font has. */
    hb_set_t *got = unicodes_of(name), *expect = hb_set_create();
    static const unsigned cps[] = {'A', 0x175, 0x177, 0xA3, 0x2019, 0x2013};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++)
        hb_set_add(expect, cps[i]);
    assert_true(hb_set_is_equal(got, expect));
    hb_set_destroy(got);
    hb_set_destroy(expect);

    /* libharu loads it as a UTF-8 CID font with the whole font's widths. */
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    peel_arena a;
    peel_arena_init(&a);
    assert_int_equal(pd_face_subset(&face, &want, name, &err), PEEL_OK);
    const pd_font *sub = pd_font_new(&a, load(pdf, name)),
                  *whole = pd_font_new(&a, load(pdf, DEJAVU));
    const char *shown = "Aŵŷ£’–";
    assert_float_equal(pd_swidth(sub, 10.0f, shown), pd_swidth(whole, 10.0f, shown), 0.0001);
    assert_true(pd_swidth(sub, 10.0f, shown) > 0.0f);
    peel_arena_release(&a);
    HPDF_Free(pdf);
    pd_face_close(&face);
    pd_face_close(&face); /* twice is harmless */
}

/* The subset is in memory: its name is no file (a path through /dev/null,
 * which is no folder), a name opens once, one not loaded is dropped, and
 * no temporary is made, in $TMPDIR or anywhere, even when $TMPDIR is
 * missing. */
static void test_subset_in_memory(void **state)
{
    (void)state;
    pd_face face;
    peel_err err = {0};
    assert_int_equal(pd_face_open(&face, DEJAVU, &err), PEEL_OK);
    pd_cps want = {{0}};
    pd_cps_chrome(&want);
    char dir[] = "/tmp/test_pdf_glyphs.XXXXXX", gone[4200];
    assert_non_null(mkdtemp(dir));
    snprintf(gone, sizeof gone, "%s/gone", dir);
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;
    char name[PEEL_HPDF_MEM_NAME], other[PEEL_HPDF_MEM_NAME];
    HPDF_Doc pdf = HPDF_New(NULL, NULL);

    setenv("TMPDIR", dir, 1);
    assert_int_equal(pd_face_subset(&face, &want, name, &err), PEEL_OK);
    setenv("TMPDIR", gone, 1);
    assert_int_equal(pd_face_subset(&face, &want, other, &err), PEEL_OK);
    assert_string_not_equal(name, other);
    assert_int_equal(strncmp(name, "/dev/null/", 10), 0);
    errno = 0;
    assert_int_not_equal(access(name, F_OK), 0);
    assert_int_equal(errno, ENOTDIR);

    /* Loaded once; then the name is gone, as a file that is not there. */
    assert_non_null(HPDF_LoadTTFontFromFile(pdf, name, HPDF_TRUE));
    assert_null(HPDF_LoadTTFontFromFile(pdf, name, HPDF_TRUE));
    assert_int_equal(HPDF_GetError(pdf), HPDF_FILE_OPEN_ERROR);
    assert_int_equal(HPDF_GetErrorDetail(pdf), ENOTDIR);
    HPDF_ResetError(pdf);
    /* Dropped before loading: gone as well. */
    peel_hpdf_mem_drop(other);
    assert_null(HPDF_LoadTTFontFromFile(pdf, other, HPDF_TRUE));
    assert_int_equal(HPDF_GetError(pdf), HPDF_FILE_OPEN_ERROR);

    HPDF_Free(pdf);
    if (saved)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    free(saved);
    assert_int_equal(rmdir(dir), 0); /* nothing was made in it */
    pd_face_close(&face);
}

/* Drawing a character the subsets were not made with stops the pack as
 * peel-pdf's own fault, naming the character; gathered ones pass. */
static void test_guard(void **state)
{
    (void)state;
    static pd_ctx c; /* large: not on the stack */
    memset(&c, 0, sizeof c);
    peel_arena_init(&c.arena);
    pd_cps_chrome(&c.glyphs);
    pd_cps_add_text(&c.glyphs, "ŵ");
    volatile int drawn = 0;
    if (setjmp(c.jmp) == 0) {
        const char *ok = "Page 1 of 2 · £5 – ŵ…";
        pd_glyphs_check(&c, ok, strlen(ok));
        drawn = 1;
        pd_glyphs_check(&c, "café", strlen("café"));
        fail_msg("a character the subset lacks was let through");
    }
    assert_int_equal(drawn, 1);
    assert_int_equal(c.fail_status, PEEL_ESOFTWARE);
    assert_non_null(strstr(c.doing, "U+00E9"));
    peel_arena_release(&c.arena);
}

static void test_face_errors(void **state)
{
    (void)state;
    pd_face face;
    peel_err err = {0};
    assert_int_equal(pd_face_open(&face, "/nonexistent/DejaVuSans.ttf", &err), PEEL_ENOINPUT);
    assert_string_equal(err.file, "/nonexistent/DejaVuSans.ttf");
    pd_face_close(&face);
    /* A readable file that maps no characters. */
    assert_int_equal(pd_face_open(&face, PEEL_SOURCE_DIR "/pipeline/workbook.csv", &err),
                     PEEL_ENOINPUT);
    assert_non_null(strstr(err.msg, "maps no characters"));
}

/* Copies file from to to, through a temporary renamed over it: to gets a
 * new inode, as when a package upgrade replaces a font. */
static void replace_file(const char *from, const char *to)
{
    char tmp[4200], buf[65536];
    snprintf(tmp, sizeof tmp, "%s.new", to);
    FILE *in = fopen(from, "rb"), *out = fopen(tmp, "wb");
    assert_non_null(in);
    assert_non_null(out);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    assert_int_equal(fclose(in), 0);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(rename(tmp, to), 0);
}

/* The face now open in f, held (so that a face opened again cannot take
 * its address) and compared with the one held before, which is let go:
 * whether f was kept as it was. */
static int kept_as(const pd_face *f, hb_face_t **held)
{
    int same = f->face == *held;
    hb_face_destroy(*held);
    *held = hb_face_reference(f->face);
    return same;
}

/* A face kept from one run to the next is the same one while its path and
 * file are, and is read again when the file is touched, replaced, or named
 * otherwise; a file gone, or one that is not a font, is said and leaves it
 * closed. */
static void test_face_keep(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_pdf_glyphs.XXXXXX", path[4200], other[4200];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/font.ttf", dir);
    snprintf(other, sizeof other, "%s/other.ttf", dir);
    replace_file(DEJAVU, path);
    pd_face f, bold;
    memset(&f, 0, sizeof f);
    peel_err err = {0};
    assert_int_equal(pd_face_keep(&f, path, &err), PEEL_OK);
    hb_face_t *held = hb_face_reference(f.face);
    unsigned regular_glyphs = hb_face_get_glyph_count(f.face);

    assert_int_equal(pd_face_keep(&f, path, &err), PEEL_OK);
    assert_true(kept_as(&f, &held));

    /* The same bytes, another mtime: read again. */
    struct timespec times[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1000000000}};
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
    assert_int_equal(pd_face_keep(&f, path, &err), PEEL_OK);
    assert_false(kept_as(&f, &held));
    assert_int_equal(pd_face_keep(&f, path, &err), PEEL_OK);
    assert_true(kept_as(&f, &held));

    /* Another font renamed over it: read again, and it is the new font. */
    replace_file(DEJAVU_BOLD, path);
    assert_int_equal(pd_face_open(&bold, DEJAVU_BOLD, &err), PEEL_OK);
    assert_int_equal(pd_face_keep(&f, path, &err), PEEL_OK);
    assert_false(kept_as(&f, &held));
    assert_int_equal(hb_face_get_glyph_count(f.face), hb_face_get_glyph_count(bold.face));
    assert_int_not_equal(hb_face_get_glyph_count(f.face), regular_glyphs);
    pd_face_close(&bold);

    /* The same file under another name: opened on that name. */
    assert_int_equal(link(path, other), 0);
    assert_int_equal(pd_face_keep(&f, other, &err), PEEL_OK);
    assert_false(kept_as(&f, &held));
    assert_string_equal(f.path, other);

    /* Gone: said, naming it, and closed. */
    assert_int_equal(unlink(other), 0);
    assert_int_equal(pd_face_keep(&f, other, &err), PEEL_ENOINPUT);
    assert_string_equal(err.file, other);
    assert_non_null(strstr(err.msg, "not found"));
    assert_null(f.face);

    /* A file that is not a font put in its place: checked, and refused. */
    replace_file(PEEL_SOURCE_DIR "/pipeline/workbook.csv", path);
    assert_int_equal(pd_face_keep(&f, path, &err), PEEL_ENOINPUT);
    assert_non_null(strstr(err.msg, "not a TrueType font"));
    assert_null(f.face);
    hb_face_destroy(held);
    pd_face_close(&f);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_next), cmocka_unit_test(test_chrome_covers_sources),
        cmocka_unit_test(test_subset),    cmocka_unit_test(test_subset_in_memory),
        cmocka_unit_test(test_guard),     cmocka_unit_test(test_face_errors),
        cmocka_unit_test(test_face_keep)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
