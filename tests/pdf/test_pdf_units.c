/* The pdf stage's small parts, in-process: wrapping by measured width
 * (never wider than the room, long words and URLs broken, UTF-8 never
 * split, nothing lost), figures for reading, the opening tables' map, and
 * the font finder's errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"
#include "peel_text.h"

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

typedef struct fixture {
    HPDF_Doc pdf;
    pd_font *font; /* in arena */
    peel_arena arena;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(f->pdf);
    HPDF_SetCurrentEncoder(f->pdf, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(f->pdf, FONT, HPDF_TRUE);
    HPDF_Font h = name ? HPDF_GetFont(f->pdf, name, "UTF-8") : NULL;
    peel_arena_init(&f->arena);
    f->font = pd_font_new(&f->arena, h);
    *state = f;
    return h ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    HPDF_Free(f->pdf);
    peel_arena_release(&f->arena);
    free(f);
    return 0;
}

/* The text with every space and LF removed: what wrapping must keep. */
static char *squash(const char *s)
{
    char *d = malloc(strlen(s) + 1), *w = d;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            *w++ = *s;
    *w = '\0';
    return d;
}

/* Wraps, then checks each line fits, is valid UTF-8, and that the lines
 * together hold every non-space byte of the text in order. */
static size_t wrap_ok(fixture *f, const char *text, float size, float width, pd_line **lines)
{
    size_t n = pd_wrap(&f->arena, f->font, size, text, width, lines);
    char *want = squash(text);
    peel_buf got;
    peel_buf_init(&got);
    for (size_t i = 0; i < n; i++) {
        const pd_line *l = &(*lines)[i];
        if (l->width > width + 0.01f)
            fail_msg("line %zu \"%.*s\" is %.2f wide, room %.2f", i, (int)l->len, l->s, l->width,
                     width);
        assert_float_equal(l->width, pd_width(f->font, size, l->s, l->len), 0.001);
        assert_true(peel_utf8_valid(l->s, l->len, NULL));
        peel_buf_add(&got, l->s, l->len);
    }
    char *flat = squash(peel_buf_str(&got));
    assert_string_equal(flat, want);
    free(flat);
    free(want);
    peel_buf_release(&got);
    return n;
}

static void test_wrap_words(void **state)
{
    fixture *f = *state;
    pd_line *l;
    const char *text = "The force should improve how it manages and monitors individual "
                       "performance, supporting its supervisors in making fair assessments.";
    size_t n = wrap_ok(f, text, 10.0f, 200.0f, &l);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) { /* broken at spaces only */
        assert_true(l[i].len > 0);
        assert_true(l[i].s[0] != ' ' && l[i].s[l[i].len - 1] != ' ');
        if (i + 1 < n)
            assert_true(l[i].s[l[i].len] == ' ');
    }
    /* Everything fits on one wide line. */
    assert_int_equal(wrap_ok(f, text, 10.0f, 2000.0f, &l), 1);
}

static void test_wrap_url(void **state)
{
    fixture *f = *state;
    pd_line *l;
    const char *text = "schools at https://example.invalid/a-very-long-address-without-any-"
                       "spaces-that-must-wrap-somewhere-sensible";
    size_t n = wrap_ok(f, text, 10.0f, 150.0f, &l);
    assert_true(n >= 3);
    /* Broken after a separator, not mid-word, where one was near. */
    for (size_t i = 1; i + 1 < n; i++)
        assert_non_null(strchr("/-.", l[i].s[l[i].len - 1]));
}

static void test_wrap_utf8(void **state)
{
    fixture *f = *state;
    pd_line *l;
    /* One "word" of two-byte and three-byte characters, far too long. */
    const char *text = "ééééééééééééééééééééééé’’’’’’’’’’’––––––––££££££££££ÜÜÜÜÜÜÜ";
    size_t n = wrap_ok(f, text, 12.0f, 40.0f, &l);
    assert_true(n > 3);
    /* Even a room narrower than one character gets one character a line
     * (which then must overflow: the only case that does). */
    n = pd_wrap(&f->arena, f->font, 12.0f, "£££", 1.0f, &l);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(l[i].len, 2);
}

static void test_wrap_lines(void **state)
{
    fixture *f = *state;
    pd_line *l;
    size_t n = wrap_ok(f, "The force should ensure it:\n- records\n\n- tells", 10.0f, 400.0f, &l);
    assert_int_equal(n, 4); /* LF breaks, and an empty line stays */
    assert_int_equal(l[2].len, 0);
    assert_int_equal(wrap_ok(f, "", 10.0f, 100.0f, &l), 1);
    assert_int_equal(wrap_ok(f, "   ", 10.0f, 100.0f, &l), 1);
}

/* Lines are measured by one walk to the room (and, past a character
 * libharu reads its own way, word by word): each line's width is exactly
 * the width of its text measured whole, at any room, with a malformed byte or a character beyond
 * the BMP (libharu's own reading) anywhere in it. */
static void test_wrap_measured_whole(void **state)
{
    fixture *f = *state;
    const char *texts[] = {
        "Crime recording is good and the force records 95 percent of reported crime",
        "the words a\xC3 b then more words of the paragraph",
        "x 😀 y and more words after it than a line holds",
        "see https://example.invalid/ééé/a-long-address-with-’-and-–-inside é",
        "££££££££££££££££££££££££\xFF££££££££"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
        for (int step = 0; step < 24; step++) {
            float room = 12.0f + 17.0f * (float)step;
            pd_line *l;
            size_t n = pd_wrap(&f->arena, f->font, 9.5f, texts[i], room, &l);
            for (size_t k = 0; k < n; k++)
                assert_float_equal(l[k].width, pd_width(f->font, 9.5f, l[k].s, l[k].len), 0.0);
        }
}

/* The longest prefix of s[0..len) at a character boundary whose width,
 * measured whole, fits room (0 when none does). */
static size_t ref_fit(fixture *f, float size, const char *s, size_t len, float room)
{
    size_t fit = 0;
    for (size_t k = 1; k <= len; k++)
        if ((k == len || ((unsigned char)s[k] & 0xC0) != 0x80) &&
            pd_width(f->font, size, s, k) <= room + 0.01f)
            fit = k;
    return fit;
}

/* Where the line starting at s[0] (a word) ends, as the rule reads when
 * every word's end is measured whole: the words whose ends fit, else the
 * first word broken where it fits, pulled back after a / - . ? & = _ # : ; ,
 * in its second half. */
static size_t ref_line(fixture *f, float size, const char *s, size_t n, float room)
{
    size_t end = 0;
    for (size_t we = 0; we < n && s[we] != ' ';) {
        while (we < n && s[we] != ' ')
            we++;
        if (pd_width(f->font, size, s, we) > room + 0.01f)
            break;
        end = we;
        while (we < n && s[we] == ' ')
            we++;
    }
    if (end)
        return end;
    size_t len = 0, first = 1;
    while (len < n && s[len] != ' ')
        len++;
    while (first < len && ((unsigned char)s[first] & 0xC0) == 0x80)
        first++;
    size_t fit = ref_fit(f, size, s, len, room);
    if (fit < first)
        fit = first;
    for (size_t k = fit; k > fit / 2 && k > 1; k--)
        if (s[k - 1] && strchr("/-.?&=_#:;,", s[k - 1]) && k < len)
            return k;
    return fit;
}

/* A line is filled by one walk to the room and ends at the last word's end
 * within it: the lines are those measuring every word's end whole gives,
 * at rooms exactly a prefix's width, within and past the slack of 0.01,
 * rooms no text fills (a million points, infinity), none at all, and a
 * size of 0; and pd_fit keeps the same prefix measuring each would. */
static void test_wrap_one_walk(void **state)
{
    fixture *f = *state;
    const char *text = "Crime  recording is good: https://example.invalid/a-long/address?x=1 "
                       "and the force records ’95 %’ of crime £ – é";
    size_t len = strlen(text);
    float sizes[] = {9.5f, 7.0f, 13.3f, 1e-6f, 0.0f};
    float rooms[64];
    size_t nroom = 0;
    for (size_t k = 1; k <= len && nroom + 3 <= 48; k += 7) {
        float w = pd_width(f->font, 9.5f, text, k);
        rooms[nroom++] = w;
        rooms[nroom++] = w - 0.01f;
        rooms[nroom++] = w + 0.011f;
    }
    float more[] = {1.0f, 3.0f, -5.0f, 1e6f, 2e6f, INFINITY, 500.0f};
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        rooms[nroom++] = more[i];
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        for (size_t i = 0; i < nroom; i++) {
            pd_line *l;
            size_t n = pd_wrap(&f->arena, f->font, sizes[z], text, rooms[i], &l), pos = 0;
            for (size_t k = 0; k < n; k++) {
                while (text[pos] == ' ')
                    pos++;
                size_t end = pos + ref_line(f, sizes[z], text + pos, len - pos, rooms[i]);
                assert_ptr_equal(l[k].s, text + pos);
                assert_int_equal(l[k].len, end - pos);
                assert_float_equal(l[k].width, pd_width(f->font, sizes[z], l[k].s, l[k].len), 0.0);
                pos = end;
            }
            while (text[pos] == ' ')
                pos++;
            assert_int_equal(pos, len);
        }
    pd_ctx *c = calloc(1, sizeof *c);
    peel_arena_init(&c->arena);
    for (size_t i = 0; i < nroom; i++) {
        const char *got = pd_fit(c, f->font, 9.5f, text, rooms[i]);
        if (got == text)
            continue;
        size_t fit = ref_fit(f, 9.5f, text, len, rooms[i] - pd_swidth(f->font, 9.5f, "…"));
        while (fit && text[fit - 1] == ' ')
            fit--;
        assert_int_equal(strlen(got), fit + strlen("…"));
        assert_memory_equal(got, text, fit);
    }
    peel_arena_release(&c->arena);
    free(c);
}

/* A width from the widths kept per character is the width libharu gives
 * the whole string, asked twice (the second time from what was kept), for
 * ASCII, the characters beyond CP1252, a malformed byte and a character
 * beyond the BMP (those two measured by libharu itself). */
static void test_width_as_libharu(void **state)
{
    fixture *f = *state;
    const char *texts[] = {"Crime recording", "£1.2m – ’s ŵ ŷ Ŵ Ŷ €", "a\xC3 b\xFF", "x 😀 y", "",
                           " \n\t",           "ééééé’’’––££ÜÜ"};
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
            size_t len = strlen(texts[i]);
            HPDF_TextWidth tw =
                HPDF_Font_TextWidth(f->font->h, (const HPDF_BYTE *)texts[i], (HPDF_UINT)len);
            float want = len ? (float)tw.width * 9.5f / 1000.0f : 0.0f;
            assert_float_equal(pd_width(f->font, 9.5f, texts[i], len), want, 0.0);
        }
    assert_true(pd_swidth(f->font, 10.0f, "ŵ") > 0.0f);
}

/* Figures in the report's own units: money at its printed multiple, the
 * sign before the pound sign, no "-0", pence, rates; decimals as printed
 * or trimmed. */
static void test_fmt_amount(void **state)
{
    fixture *f = *state;
    peel_arena *a = &f->arena;
    assert_string_equal(pd_fmt_amount(a, 1580000000, "GBP", 1e9, 2, 0), "£1.58 billion");
    assert_string_equal(pd_fmt_amount(a, 1580000000, "GBP", 1e6, 2, 1), "£1,580m");
    assert_string_equal(pd_fmt_amount(a, -111000000, "GBP", 1e6, 0, 0), "-£111m");
    assert_string_equal(pd_fmt_amount(a, 6500000, "GBP", 1e6, 2, 1), "£6.5m");
    assert_string_equal(pd_fmt_amount(a, 312400000, "GBP", 1e6, 1, 0), "£312.4m");
    assert_string_equal(pd_fmt_amount(a, -100000, "GBP", 1e6, 0, 0), "£0m");
    assert_string_equal(pd_fmt_amount(a, 0.29, "GBP/week", 0.01, 0, 0), "29p a week");
    assert_string_equal(pd_fmt_amount(a, 14.85, "GBP/year", 1, 2, 0), "£14.85 a year");
    assert_string_equal(pd_fmt_amount(a, 297, "GBP per head", 1, 0, 0), "£297 per head");
    assert_string_equal(pd_fmt_amount(a, 2750000000, "GBP", 1, 0, 0), "£2,750,000,000");
    assert_string_equal(pd_fmt_amount(a, 39.9202, "%", 1, 2, 1), "39.92%");
    assert_string_equal(pd_fmt_amount(a, 3, "%", 1, 1, 0), "3.0%");
    assert_string_equal(pd_fmt_amount(a, -0.001, "%", 1, 2, 1), "0%");
    assert_string_equal(pd_fmt_amount(a, 16000, "people", 1, 0, 0), "16,000 people");
    assert_string_equal(pd_fmt_amount(a, 2.1, "per 1,000 population", 1, 1, 0),
                        "2.1 per 1,000 population");
    assert_string_equal(pd_fmt_amount(a, 4, "count", 1, 0, 0), "4");
    assert_string_equal(pd_fmt_amount(a, NAN, "GBP", 1e6, 0, 0), "n/a");
    assert_int_equal(pd_dec_at(2, 1e9, 1e6), 0); /* £1.58 billion is £1,580m */
    assert_int_equal(pd_dec_at(1, 1e6, 1e6), 1);
    assert_int_equal(pd_dec_at(0, 1e6, 1), 0);
    assert_string_equal(pd_fmt_lines(a, "96 97  98"), "96, 97, 98");
    assert_string_equal(pd_fmt_lines(a, ""), "");
    assert_string_equal(pd_clean(a, "a\tb\r\nc\x01"), "a b\nc ");
    assert_string_equal(pd_clean(a, "£ ’ – é \xF0\x9D\x94\x98x"), "£ ’ – é \xEF\xBF\xBDx");
}

/* The opening tables' pillars come from the layout catalogue: every
 * opening line names a pillar, and the workforce table goes to efficiency
 * and legitimacy, as the workbooks' Data sheets have it. */
static void test_opening_tables(void **state)
{
    (void)state;
    peel_tcat cat;
    peel_err err = {0};
    peel_tcat_init(&cat);
    assert_int_equal(peel_tcat_load(&cat, PEEL_DATA_DIR "/workbook.csv", &err), PEEL_OK);
    assert_true(cat.openings.n > 0);
    assert_true(peel_tcat_opening(&cat, "force-workforce", PEEL_EFFICIENCY));
    assert_true(peel_tcat_opening(&cat, "force-workforce", PEEL_LEGITIMACY));
    assert_false(peel_tcat_opening(&cat, "force-workforce", PEEL_EFFECTIVENESS));
    assert_false(peel_tcat_opening(&cat, "no-such-table", PEEL_EFFICIENCY));
    peel_tcat_release(&cat);
    peel_tcat_init(&cat);
    assert_int_equal(peel_tcat_load(&cat, "/nonexistent/workbook.csv", &err), PEEL_ENOINPUT);
    peel_tcat_release(&cat);
}

static void test_font_errors(void **state)
{
    (void)state;
    char regular[512], bold[512];
    peel_err err = {0};
    peel_pdf_opts o = {0};
    assert_int_equal(pd_font_find(&o, regular, bold, sizeof regular, &err), PEEL_OK);
    assert_non_null(strstr(bold, "Bold"));
    o.font_path = "/nonexistent/DejaVuSans.ttf";
    assert_int_equal(pd_font_find(&o, regular, bold, sizeof regular, &err), PEEL_ENOINPUT);
    assert_string_equal(err.file, "/nonexistent/DejaVuSans.ttf");
    assert_non_null(strstr(err.msg, "fonts-dejavu-core"));
    /* Readable, not a font: found, and refused by the check each font gets
     * when it is opened (pd_face_keep). */
    o.font_path = PEEL_DATA_DIR "/workbook.csv";
    assert_int_equal(pd_font_find(&o, regular, bold, sizeof regular, &err), PEEL_OK);
    assert_int_equal(pd_font_check(regular, &err), PEEL_ENOINPUT);
    assert_string_equal(err.file, PEEL_DATA_DIR "/workbook.csv");
    assert_non_null(strstr(err.msg, "not a TrueType font"));
    assert_int_equal(pd_font_check("/nonexistent/DejaVuSans.ttf", &err), PEEL_ENOINPUT);
    assert_non_null(strstr(err.msg, "not found"));
    o.font_path = NULL;
    assert_int_equal(pd_font_find(&o, regular, bold, sizeof regular, &err), PEEL_OK);
    assert_int_equal(pd_font_check(regular, &err), PEEL_OK);
    assert_int_equal(pd_font_check(bold, &err), PEEL_OK);
}

/* The catalogues peel-run loads once for every report's packs: loaded
 * from the data folder, their errors those of the stage's own loading. */
static void test_catalog(void **state)
{
    (void)state;
    peel_pdf_catalog *cat = NULL;
    peel_err err = {0};
    assert_int_equal(peel_pdf_catalog_new(PEEL_DATA_DIR, &cat, &err), PEEL_OK);
    assert_non_null(cat);
    peel_pdf_catalog_free(cat);
    assert_int_equal(peel_pdf_catalog_new(NULL, &cat, &err), PEEL_EUSAGE);
    assert_null(cat);
    assert_int_equal(peel_pdf_catalog_new("/nonexistent", &cat, &err), PEEL_ENOINPUT);
    assert_null(cat);
    assert_non_null(strstr(err.file, "workbook.csv"));
    peel_pdf_catalog_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wrap_words),       cmocka_unit_test(test_wrap_url),
        cmocka_unit_test(test_wrap_utf8),        cmocka_unit_test(test_wrap_lines),
        cmocka_unit_test(test_width_as_libharu), cmocka_unit_test(test_fmt_amount),
        cmocka_unit_test(test_opening_tables),   cmocka_unit_test(test_font_errors),
        cmocka_unit_test(test_catalog),          cmocka_unit_test(test_wrap_measured_whole),
        cmocka_unit_test(test_wrap_one_walk)};
    return cmocka_run_group_tests(tests, setup, teardown);
}
