/* Measuring and wrapping UTF-8 text.  libharu's HPDF_Page_TextRect cuts
 * words and gives up on a line without spaces, so lines are made here from
 * the font's own widths: what is measured is exactly what is drawn (libharu
 * applies no kerning).  Words too long for a line, URLs mostly, are broken
 * rather than left to run past the margin. */
#include <string.h>

#include "pd.h"

/* Slack for float rounding when comparing a width with the room. */
#define FITS(w, room) ((w) <= (room) + 0.01f)

pd_font *pd_font_new(peel_arena *a, HPDF_Font h)
{
    pd_font *f = peel_arena_alloc(a, sizeof *f);
    f->h = h;
    f->w = peel_arena_alloc(a, sizeof *f->w);
    f->w->arena = a;
    return f;
}

/* What libharu's HPDF_Font_TextWidth adds up for code point cp (in the
 * BMP): its width in thousandths of the size, asked of libharu the first
 * time. */
static unsigned short *page_of(const pd_font *f, unsigned cp)
{
    unsigned short **page = &f->w->page[cp >> 8];
    if (!*page)
        *page = peel_arena_alloc(f->w->arena, 0x100 * sizeof **page);
    return *page;
}

static unsigned char_width(const pd_font *f, unsigned cp)
{
    unsigned short *w = &page_of(f, cp)[cp & 0xFF];
    if (!*w) {
        HPDF_INT got = HPDF_Font_GetUnicodeWidth(f->h, (HPDF_UNICODE)cp);
        if (got < 0 || got >= 0xFFFF) /* not kept: no font has such widths */
            return (unsigned)got;
        *w = (unsigned short)(got + 1);
    }
    return *w - 1u;
}

/* The width of s[0..len) in thousandths of the size, as libharu's
 * HPDF_Font_TextWidth sums it, into *total; 0 when a byte starts no
 * well-formed character or one lies beyond the BMP, which libharu reads its
 * own way.  Sums add up: lines are measured word by word as they grow. */
static int units(const pd_font *f, const char *s, size_t len, unsigned *total)
{
    unsigned sum = 0;
    const unsigned short *ascii = page_of(f, 0); /* most text: widths known after a line */
    const unsigned char *u = (const unsigned char *)s, *end = u + len;
    while (u < end) {
        /* Runs of ASCII whose widths are known, the common case, in a loop
         * of their own: the decoder's code point lives in memory. */
        unsigned known;
        while (u < end && *u < 0x80 && (known = ascii[*u]) != 0) {
            sum += known - 1u;
            u++;
        }
        if (u == end)
            break;
        unsigned cp = *u;
        size_t n = cp < 0x80 ? 1 : pd_utf8_next((const char *)u, (size_t)(end - u), &cp);
        if (cp >= PD_CPS_SIZE)
            return 0;
        sum += char_width(f, cp);
        u += n;
    }
    *total = sum;
    return 1;
}

static float at_size(unsigned total, float size)
{
    return (float)total * size / 1000.0f;
}

float pd_width(const pd_font *f, float size, const char *s, size_t len)
{
    unsigned total;
    if (units(f, s, len, &total))
        return at_size(total, size);
    HPDF_TextWidth tw = HPDF_Font_TextWidth(f->h, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return (float)tw.width * size / 1000.0f;
}

/* The width of a text growing at its end, s[0..len) for a longer len each
 * time: only what was added since the length kept last is measured, while
 * every character so far was one units() sums (else the whole text, as
 * pd_width measures it). */
typedef struct growing {
    const pd_font *f;
    float size;
    const char *s;
    size_t upto, tried; /* s[0..upto) sums to total, s[0..tried) to sum */
    unsigned total, sum;
    int summed; /* 0 once a character libharu reads its own way came */
} growing;

static growing grow_from(const pd_font *f, float size, const char *s)
{
    growing g = {f, size, s, 0, 0, 0, 0, 1};
    return g;
}

/* The width of s[0..len), len >= the length kept last. */
static float grown(growing *g, size_t len)
{
    unsigned add;
    if (g->summed && units(g->f, g->s + g->upto, len - g->upto, &add)) {
        g->tried = len;
        g->sum = g->total + add;
        return at_size(g->sum, g->size);
    }
    g->summed = 0;
    return pd_width(g->f, g->size, g->s, len);
}

/* The text grows from the length measured last. */
static void grow_keep(growing *g)
{
    if (g->summed) {
        g->upto = g->tried;
        g->total = g->sum;
    }
}

float pd_swidth(const pd_font *f, float size, const char *s)
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
static size_t break_word(const pd_font *f, float size, const char *s, size_t len, float room)
{
    size_t fit = next_char(s, len, 0);
    growing word = grow_from(f, size, s);
    for (size_t j = fit; j < len;) {
        size_t k = next_char(s, len, j);
        if (!FITS(grown(&word, k), room))
            break;
        grow_keep(&word);
        fit = j = k;
    }
    for (size_t k = fit; k > fit / 2 && k > 1; k--)
        if (soft_break_after(s[k - 1]) && k < len)
            return k;
    return fit;
}

/* One line's worth from s[start..n): its end, and the width drawn. */
static size_t fill_line(const pd_font *f, float size, const char *s, size_t start, size_t n,
                        float room, float *width)
{
    size_t end = start, pos = start;
    growing line = grow_from(f, size, s + start);
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
        float w = grown(&line, we - start);
        if (FITS(w, room)) {
            end = pos = we;
            *width = w;
            grow_keep(&line);
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
static void wrap_segment(lines *L, const pd_font *f, float size, const char *s, size_t n,
                         float room)
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

size_t pd_wrap(peel_arena *a, const pd_font *f, float size, const char *text, float width,
               pd_line **out)
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

const char *pd_fit(pd_ctx *c, const pd_font *f, float size, const char *s, float width)
{
    size_t len = strlen(s);
    if (FITS(pd_width(f, size, s, len), width))
        return s;
    float room = width - pd_swidth(f, size, "…");
    size_t fit = 0;
    growing prefix = grow_from(f, size, s);
    for (size_t j = 0; j < len;) {
        size_t k = next_char(s, len, j);
        if (!FITS(grown(&prefix, k), room))
            break;
        grow_keep(&prefix);
        fit = j = k;
    }
    while (fit && s[fit - 1] == ' ')
        fit--;
    return peel_arena_printf(&c->arena, "%.*s…", (int)fit, s);
}
