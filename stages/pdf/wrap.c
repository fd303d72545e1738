/* Measuring and wrapping UTF-8 text.  libharu's HPDF_Page_TextRect cuts
 * words and gives up on a line without spaces, so lines are made here from
 * the font's own widths: what is measured is exactly what is drawn (libharu
 * applies no kerning).  Words too long for a line, URLs mostly, are broken
 * rather than left to run past the margin. */
#include <limits.h>
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

/* What units() returns for a text it cannot sum. */
#define UNSUMMED ((size_t)-1)
/* The most a sum may reach: one below what an unknown width reads as in
 * units()' loop, so that one test stops it at both. */
#define UNLIMITED (UINT_MAX - 1)

/* Sums the widths of s[0..len) in thousandths of the size, as libharu's
 * HPDF_Font_TextWidth adds them, into *total while the sum stays within
 * limit (at most UNLIMITED): returns the bytes summed, short of len where
 * the next character would take the sum past limit.  UNSUMMED when, before
 * that, a byte starts no well-formed character or one lies beyond the BMP,
 * which libharu reads its own way.  The limit lets one walk find how much
 * of a text fits a line, instead of a walk for each word as it grows. */
static size_t units(const pd_font *f, const char *s, size_t len, unsigned limit, unsigned *total)
{
    unsigned left = limit;                       /* what the sum may still take */
    const unsigned short *ascii = page_of(f, 0); /* most text: widths known after a line */
    const unsigned char *u = (const unsigned char *)s, *end = u + len;
    while (u < end) {
        /* Runs of ASCII whose widths are known, the common case, in a loop
         * of their own: the decoder's code point lives in memory.  A width
         * not known yet is 0 - 1u, past any limit. */
        unsigned w;
        while (u < end && *u < 0x80 && (w = ascii[*u] - 1u) <= left) {
            left -= w;
            u++;
        }
        if (u == end)
            break;
        unsigned cp = *u;
        size_t n = cp < 0x80 ? 1 : pd_utf8_next((const char *)u, (size_t)(end - u), &cp);
        if (cp >= PD_CPS_SIZE)
            return UNSUMMED;
        w = char_width(f, cp);
        if (w > left)
            break;
        left -= w;
        u += n;
    }
    *total = limit - left;
    return (size_t)(u - (const unsigned char *)s);
}

static float at_size(unsigned total, float size)
{
    return (float)total * size / 1000.0f;
}

float pd_width(const pd_font *f, float size, const char *s, size_t len)
{
    unsigned total;
    if (units(f, s, len, UNLIMITED, &total) == len)
        return at_size(total, size);
    HPDF_TextWidth tw = HPDF_Font_TextWidth(f->h, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return (float)tw.width * size / 1000.0f;
}

float pd_swidth(const pd_font *f, float size, const char *s)
{
    return pd_width(f, size, s, strlen(s));
}

/* A line to fill: the font, its size and the width there is, with the
 * most units a text there may sum (made once a wrap, for all its lines). */
typedef struct room {
    const pd_font *f;
    float size, width;
    int any;        /* even an empty text fits */
    unsigned limit; /* the largest sum whose width FITS */
} room;

/* The room, its limit the quotient stepped to where at_size's width stops
 * fitting: a walk up to it ends where measuring each length would.  A
 * quotient too large to step from (a room of a million points) is
 * bisected instead. */
static room room_for(const pd_font *f, float size, float width)
{
    room r = {f, size, width, FITS(at_size(0, size), width), UNLIMITED};
    if (!r.any || !(size > 0.0f)) /* nothing fits, or no width grows */
        return r;
    float q = (width + 0.01f) * 1000.0f / size;
    unsigned t = 0, no = UNLIMITED; /* 0 fits */
    if (q < 1.0e9f) {
        t = (unsigned)q;
        while (t > 0 && !FITS(at_size(t, size), width))
            t--;
        while (FITS(at_size(t + 1, size), width)) /* q is a few units from its end */
            t++;
    } else if (!FITS(at_size(no, size), width)) {
        while (no - t > 1) { /* t fits, no does not */
            unsigned mid = t + (no - t) / 2;
            *(FITS(at_size(mid, size), width) ? &t : &no) = mid;
        }
    } else {
        t = UNLIMITED; /* everything fits */
    }
    r.limit = t;
    return r;
}

/* The longest prefix of s[0..len) whose width fits the room, by one walk
 * of units() up to the most that fits: its length, its units in *sum;
 * every shorter prefix fits too and no longer one does, sums only growing.
 * UNSUMMED when units() cannot sum the text on the way. */
static size_t fit_units(const room *r, const char *s, size_t len, unsigned *sum)
{
    *sum = 0;
    return r->any ? units(r->f, s, len, r->limit, sum) : 0;
}

/* Index just past the UTF-8 character starting at i. */
static size_t next_char(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    while (j < len && ((unsigned char)s[j] & 0xC0) == 0x80)
        j++;
    return j;
}

/* The end of the word after s[i] (past the spaces there), i itself when
 * only spaces are left. */
static size_t next_word_end(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && s[j] == ' ')
        j++;
    if (j == len)
        return i;
    while (j < len && s[j] != ' ')
        j++;
    return j;
}

/* The last word's end at or before `fit` in s[0..len) (0: none), the line
 * a walk to `fit` fills: back over the word `fit` cuts, then the spaces. */
static size_t word_end_before(const char *s, size_t len, size_t fit)
{
    size_t e = fit;
    if (e < len && s[e] != ' ')
        while (e > 0 && s[e - 1] != ' ')
            e--;
    while (e > 0 && s[e - 1] == ' ')
        e--;
    return e;
}

/* For text units() cannot sum: the longest prefix of s[0..len) ending at
 * the steps `next` makes (characters, word ends) whose width pd_width finds
 * fitting the room, tried step by step from the start. */
static size_t fit_measured(const room *r, const char *s, size_t len,
                           size_t (*next)(const char *, size_t, size_t))
{
    size_t fit = 0;
    for (size_t k; fit < len && (k = next(s, len, fit)) > fit; fit = k)
        if (!FITS(pd_width(r->f, r->size, s, k), r->width))
            break;
    return fit;
}

/* The longest prefix of s[0..len) at a character boundary that fits. */
static size_t fit_chars(const room *r, const char *s, size_t len)
{
    unsigned sum;
    size_t fit = fit_units(r, s, len, &sum);
    return fit != UNSUMMED ? fit : fit_measured(r, s, len, next_char);
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

/* Bytes of the over-long word s[0..len) to put on a line: the longest
 * prefix that fits (at least one character), pulled back to just after a
 * / - . ? & = _ when one lies in its second half. */
static size_t break_word(const room *r, const char *s, size_t len)
{
    size_t fit = fit_chars(r, s, len), first = next_char(s, len, 0);
    if (fit < first)
        fit = first;
    for (size_t k = fit; k > fit / 2 && k > 1; k--)
        if (soft_break_after(s[k - 1]) && k < len)
            return k;
    return fit;
}

/* One line's worth of s[0..n), which starts with a word: its end, and the
 * width drawn.  The words that fit are those ending within the walk to the
 * room; its width is the walk's less what it took past the last of them. */
static size_t fill_line(const room *r, const char *s, size_t n, float *width)
{
    unsigned sum, past = 0;
    size_t end, fit = fit_units(r, s, n, &sum);
    if (fit != UNSUMMED) {
        end = word_end_before(s, n, fit);
        if (fit > end) /* the walk went past the last word (not on a paragraph's last line) */
            units(r->f, s + end, fit - end, UNLIMITED, &past);
        *width = at_size(sum - past, r->size);
    } else {
        end = fit_measured(r, s, n, next_word_end);
        *width = pd_width(r->f, r->size, s, end);
    }
    if (end == 0) { /* a word longer than the line on its own */
        end = break_word(r, s, next_word_end(s, n, 0));
        *width = pd_width(r->f, r->size, s, end);
    }
    return end;
}

/* Wraps s[0..n), which holds no LF. */
static void wrap_segment(lines *L, const room *r, const char *s, size_t n)
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
        size_t end = pos + fill_line(r, s + pos, n - pos, &w);
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
    const room r = room_for(f, size, width);
    const char *s = text ? text : "";
    for (const char *end = s + strlen(s);;) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        wrap_segment(&L, &r, s, (size_t)((nl ? nl : end) - s));
        if (!nl)
            break;
        s = nl + 1;
    }
    *out = L.v;
    return L.n;
}

const char *pd_fit(pd_ctx *c, const pd_font *f, float size, const char *s, float width)
{
    size_t len = strlen(s);
    if (FITS(pd_width(f, size, s, len), width))
        return s;
    const room r = room_for(f, size, width - pd_swidth(f, size, "…"));
    size_t fit = fit_chars(&r, s, len);
    while (fit && s[fit - 1] == ' ')
        fit--;
    return peel_arena_printf(&c->arena, "%.*s…", (int)fit, s);
}
