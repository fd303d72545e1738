/* libFuzzer target: wrapping by measured width and the text and figure
 * clean-up before it.  The first two bytes choose the room and the font
 * size; the rest is the text, cleaned as report text is.  Invariants: every
 * line is valid UTF-8 and fits the room unless it is a single character,
 * and the lines hold every non-space byte of the text in order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"
#include "peel_text.h"

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static HPDF_Doc pdf;
static pd_font *font;
static peel_arena fonts; /* holds font for the whole run */

static void load(void)
{
    pdf = HPDF_New(NULL, NULL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(pdf, FONT, HPDF_TRUE);
    HPDF_Font h = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
    if (!h)
        abort(); /* the font is a test dependency */
    peel_arena_init(&fonts);
    font = pd_font_new(&fonts, h);
}

/* Bytes of `s` but spaces and LF, in order, appended to out. */
static size_t solid(const char *s, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\n')
            out[n++] = s[i];
    return n;
}

static void check(peel_arena *a, const char *text, float size, float room)
{
    pd_line *l;
    size_t n = pd_wrap(a, font, size, text, room, &l), len = strlen(text);
    char *want = malloc(len + 1), *got = malloc(len + 1);
    size_t nwant = solid(text, len, want), ngot = 0;
    for (size_t i = 0; i < n; i++) {
        if (!peel_utf8_valid(l[i].s, l[i].len, NULL))
            __builtin_trap();
        size_t first = 1;
        while (first < l[i].len && ((unsigned char)l[i].s[first] & 0xC0) == 0x80)
            first++;
        if (l[i].width > room + 0.01f && l[i].len > first)
            __builtin_trap();
        if (ngot + l[i].len > len)
            __builtin_trap();
        ngot += solid(l[i].s, l[i].len, got + ngot);
    }
    if (ngot != nwant || memcmp(want, got, ngot) != 0)
        __builtin_trap();
    free(want);
    free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || memchr(data, 0, size) ||
        !peel_utf8_valid((const char *)data + 2, size - 2, NULL))
        return 0;
    if (!font)
        load();
    peel_arena a;
    peel_arena_init(&a);
    char *raw = peel_arena_strndup(&a, (const char *)data + 2, size - 2);
    const char *text = pd_clean(&a, raw);
    float room = 1.0f + (float)data[0] * 2.0f, fsize = 4.0f + (float)(data[1] % 32);
    check(&a, text, fsize, room);
    static const char *const units[4] = {"GBP", "%", "GBP/year", "people"};
    static const double scales[4] = {1.0, 1e6, 1e9, 0.01};
    (void)pd_fmt_amount(&a, strtod(text, NULL), units[data[1] & 3], scales[(data[1] >> 2) & 3],
                        data[0] % 8, data[0] & 8);
    (void)pd_list_add(&a, "a; b", text, "; ");
    (void)pd_fmt_lines(&a, text);
    peel_arena_release(&a);
    return 0;
}
