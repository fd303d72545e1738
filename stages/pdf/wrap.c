/* Measuring and wrapping UTF-8 text.  libharu's HPDF_Page_TextRect cuts
 * words and gives up on a line without spaces, so lines are made here from
 * the font's own widths: what is measured is exactly what is drawn (libharu
 * applies no kerning).  Words too long for a line, URLs mostly, are broken
 * rather than left to run past the margin. */
#include <string.h>

#include "pd.h"

/* Slack for float rounding when comparing a width with the room. */
#define FITS(w, room) ((w) <= (room) + 0.01f)

float pd_width(HPDF_Font f, float size, const char *s, size_t len)
{
    if (!len)
        return 0.0f;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return (float)tw.width * size / 1000.0f;
}

float pd_swidth(HPDF_Font f, float size, const char *s)
{
    return pd_width(f, size, s, strlen(s));
}

/* Index just past the UTF-8 character starting at i. */
static size_t next_char(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
        j++;
    return j;
}

typedef struct lines {
    peel_arena *arena;
    pd_line *v;
    size_t n, cap;
} lines;

static void push(lines *L, const char *s, size_t len, float width)
{
    while (len && s[len - 1] == ' ')
        len--;
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 8;
        pd_line *v = peel_arena_alloc(L->arena, cap * sizeof *v);
        if (L->n)
            memcpy(v, L->v, L->n * sizeof *v);
        L->v = v;
        L->cap = cap;
    }
    L->v[L->n++] = (pd_line){s, len, width};
}

/* Nonzero for characters after which a URL or path reads well broken. */
static int soft_break_after(char ch)
{
    return ch && strchr("/-.?&=_#:;,", ch) != NULL;
}

/* Bytes of the over-long word s[0..len) to put on a line `room` wide: the
 * longest prefix that fits (at least one character), pulled back to just
 * after a / - . ? & = _ when one lies in its second half. */
static size_t break_word(HPDF_Font f, float size, const char *s, size_t len, float room)
{
    size_t fit = next_char(s, len, 0);
    for (size_t j = fit; j < len;) {
        size_t k = next_char(s, len, j);
        if (!FITS(pd_width(f, size, s, k), room))
            break;
        fit = j = k;
    }
    for (size_t k = fit; k > fit / 2 && k > 1; k--)
        if (soft_break_after(s[k - 1]) && k < len)
            return k;
    return fit;
}

/* One line's worth from s[start..n): its end, and the width drawn. */
static size_t fill_line(HPDF_Font f, float size, const char *s, size_t start, size_t n, float room,
                        float *width)
{
    size_t end = start, pos = start;
    *width = 0.0f;
    while (pos < n) {
        size_t ws = pos;
        while (ws < n && s[ws] == ' ')
            ws++;
        if (ws >= n)
            break;
        size_t we = ws;
        while (we < n && s[we] != ' ')
            we++;
        float w = pd_width(f, size, s + start, we - start);
        if (FITS(w, room)) {
            end = pos = we;
            *width = w;
            continue;
        }
        if (end == start) { /* a word longer than the line on its own */
            end = start + break_word(f, size, s + start, we - start, room);
            *width = pd_width(f, size, s + start, end - start);
        }
        break;
    }
    return end;
}

/* Wraps s[0..n), which holds no LF. */
static void wrap_segment(lines *L, HPDF_Font f, float size, const char *s, size_t n, float room)
{
    size_t pos = 0;
    while (pos < n && s[pos] == ' ')
        pos++;
    if (pos >= n) {
        push(L, s, 0, 0.0f); /* an empty line stays a line */
        return;
    }
    while (pos < n) {
        float w;
        size_t end = fill_line(f, size, s, pos, n, room, &w);
        push(L, s + pos, end - pos, w);
        pos = end;
        while (pos < n && s[pos] == ' ')
            pos++;
    }
}

size_t pd_wrap(peel_arena *a, HPDF_Font f, float size, const char *text, float width, pd_line **out)
{
    lines L = {a, NULL, 0, 0};
    const char *s = text ? text : "";
    for (;;) {
        size_t n = strcspn(s, "\n");
        wrap_segment(&L, f, size, s, n, width);
        if (!s[n])
            break;
        s += n + 1;
    }
    *out = L.v;
    return L.n;
}

const char *pd_fit(pd_ctx *c, HPDF_Font f, float size, const char *s, float width)
{
    size_t len = strlen(s);
    if (FITS(pd_width(f, size, s, len), width))
        return s;
    float room = width - pd_swidth(f, size, "…");
    size_t fit = 0;
    for (size_t j = 0; j < len;) {
        size_t k = next_char(s, len, j);
        if (!FITS(pd_width(f, size, s, k), room))
            break;
        fit = j = k;
    }
    while (fit && s[fit - 1] == ' ')
        fit--;
    return peel_arena_printf(&c->arena, "%.*s…", (int)fit, s);
}
