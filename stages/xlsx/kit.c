/* What every workbook peelpack writes shares, a report's three and
 * peel-run's summary.xlsx (overview.c): the file, written to a temporary
 * and renamed into place only when whole; the first libxlsxwriter error,
 * kept with where it happened; formats made once and found again by a key;
 * the grade colours; the width text needs. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "peel_text.h"
#include "xl.h"

peel_status xl_kit_open(xl_kit *k, const char *path, const char *tmpdir, int flat,
                        peel_arena *arena, peel_err *err)
{
    memset(k, 0, sizeof *k);
    k->arena = arena;
    snprintf(k->path, sizeof k->path, "%s", path);
    peel_status st = peel_afile_open_named(&k->af, path, err);
    if (st != PEEL_OK)
        return st;
    lxw_workbook_options o = {.tmpdir = (char *)tmpdir, .constant_memory = flat != 0};
    k->wb = workbook_new_opt(k->af.tmp_path, &o);
    if (!k->wb) {
        peel_afile_abort(&k->af);
        return PEEL_FAIL(err, PEEL_ECANTCREAT, path, 0, "cannot start the workbook");
    }
    return PEEL_OK;
}

peel_status xl_kit_close(xl_kit *k, peel_status st, peel_err *err)
{
    errno = 0;
    lxw_error closed = workbook_close(k->wb); /* frees it, whatever happened */
    int sys = errno;                          /* a full disk or a file-size limit shows only here */
    k->wb = NULL;
    k->closed = closed;
    if (st == PEEL_OK && k->lxerr != LXW_NO_ERROR)
        st = PEEL_FAIL(err, PEEL_ESOFTWARE, k->path, 0, "libxlsxwriter: %s (%s)",
                       lxw_strerror(k->lxerr), k->lxwhere);
    if (st == PEEL_OK && closed != LXW_NO_ERROR)
        st = PEEL_FAIL(err, PEEL_ECANTCREAT, k->path, 0, "cannot write the workbook: %s (%s)",
                       sys ? strerror(sys) : "libxlsxwriter", lxw_strerror(closed));
    if (st == PEEL_OK)
        st = peel_afile_commit(&k->af, err);
    else
        peel_afile_abort(&k->af);
    peel_vec_release(&k->fmts, NULL);
    peel_vec_release(&k->numfmts, NULL);
    return st;
}

void xl_kit_check(xl_kit *k, lxw_error e, const char *what)
{
    if (e != LXW_NO_ERROR && k->lxerr == LXW_NO_ERROR) {
        k->lxerr = e;
        snprintf(k->lxwhere, sizeof k->lxwhere, "%s", what);
    }
}

lxw_format *xl_kit_cached(const xl_kit *k, const char *key)
{
    for (size_t i = 0; i < k->fmts.n; i++) {
        const xl_fmt_slot *slot = k->fmts.item[i];
        if (strcmp(slot->key, key) == 0)
            return slot->fmt;
    }
    return NULL;
}

lxw_format *xl_kit_remember(xl_kit *k, const char *key, lxw_format *f)
{
    xl_fmt_slot *slot = peel_arena_alloc(k->arena, sizeof *slot);
    slot->key = peel_arena_strdup(k->arena, key);
    slot->fmt = f;
    peel_vec_push(&k->fmts, slot);
    return f;
}

void xl_grade_paint(lxw_format *f, peel_grade g, lxw_color_t border)
{
    format_set_bg_color(f, peel_grade_rgb(g));
    format_set_font_color(f, peel_grade_text_rgb(g));
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, border);
}

size_t xl_chars(const char *s, size_t n)
{
    /* A continuation byte has its top bit set and the next one clear:
     * x & ~(x << 1) keeps bit 7 of each such byte, and the multiply adds
     * the eight 0-or-1 bytes into the top one.  Every cell's text and every
     * wrapped word is counted here, so eight bytes go at a time. */
    const uint64_t top = 0x8080808080808080u, ones = 0x0101010101010101u;
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        cont += (size_t)((((x & ~(x << 1) & top) >> 7) * ones) >> 56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

size_t xl_widest_line(const char *s, size_t n, size_t *lines)
{
    size_t widest = 0, count = 1;
    for (const char *end = s + n;; count++) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t chars = xl_chars(s, (size_t)((nl ? nl : end) - s));
        if (chars > widest)
            widest = chars;
        if (!nl)
            break;
        s = nl + 1;
    }
    if (lines)
        *lines = count;
    return widest;
}

double xl_text_width(const char *s)
{
    return (double)xl_widest_line(s, strlen(s), NULL);
}

const char *xl_join(char *out, size_t cap, const char *a, char sep, const char *b)
{
    const char s[2] = {sep, '\0'}, *parts[3] = {a, s, b};
    return peel_concat(out, cap, parts, 3);
}

/* Arial: on every Excel, and LibreOffice has a metric twin (Liberation Sans),
 * so the widths we estimate hold in both. */
lxw_format *xl_kit_format(xl_kit *k)
{
    lxw_format *f = workbook_add_format(k->wb);
    format_set_font_name(f, "Arial");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

const char *xl_ltoa(char *out, long v)
{
    char *at = out;
    if (v < 0)
        *at++ = '-';
    *peel_utoa(at, v < 0 ? 0UL - (unsigned long)v : (unsigned long)v) = '\0';
    return out;
}

char *xl_cell_name(char *out, lxw_row_t row, lxw_col_t col, int abs)
{
    /* Column letters are bijective base 26 (A..Z, AA..): made from the
     * last letter back, as libxlsxwriter's lxw_col_to_name does. */
    char letters[4];
    size_t n = 0;
    for (unsigned c = (unsigned)col + 1; c; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    char *at = out;
    if (abs)
        *at++ = '$';
    while (n)
        *at++ = letters[--n];
    if (abs)
        *at++ = '$';
    at = peel_utoa(at, (unsigned)row + 1);
    *at = '\0';
    return out;
}

/* The format of a number format's text and flags: one lxw_format for each
 * look, whichever pattern's text made it. */
static lxw_format *numfmt_by_text(xl_kit *k, const char *pattern, int dec, unsigned flags)
{
    enum { HEAD = 16, NUM = 256 };
    char key[HEAD + NUM]; /* "n<flags>|<number format>", the format made in place */
    char *num = key;
    *num++ = 'n';
    num = peel_utoa(num, flags);
    *num++ = '|';
    xl_pattern(pattern, dec, num, NUM);
    lxw_format *f = xl_kit_cached(k, key);
    if (f)
        return f;
    f = xl_kit_format(k);
    format_set_num_format(f, num);
    if (flags & XL_BLUE)
        format_set_font_color(f, XL_INK_BLUE);
    if (flags & XL_GREEN)
        format_set_font_color(f, XL_INK_GREEN);
    if (flags & XL_BOLD)
        format_set_bold(f);
    if (flags & XL_TOTAL)
        format_set_top(f, LXW_BORDER_THIN);
    if (flags & XL_FAIL)
        format_set_bg_color(f, XL_FAIL_FILL);
    return xl_kit_remember(k, key, f);
}

/* A workbook asks for a few dozen looks over and over (every figure cell
 * asks): its calls are found by their arguments first, and the key's text
 * is made and compared only for a call not seen before. */
lxw_format *xl_kit_numfmt_text(xl_kit *k, const char *pattern, int dec, unsigned flags)
{
    return numfmt_by_text(k, pattern, dec < 0 ? 0 : dec, flags);
}

lxw_format *xl_kit_numfmt(xl_kit *k, const char *pattern, int dec, unsigned flags)
{
    if (dec < 0)
        dec = 0;
    for (size_t i = 0; i < k->numfmts.n; i++) {
        const xl_numfmt_slot *seen = k->numfmts.item[i];
        if (seen->pattern == pattern && seen->dec == dec && seen->flags == flags)
            return seen->fmt;
    }
    xl_numfmt_slot *slot = peel_arena_alloc(k->arena, sizeof *slot);
    *slot = (xl_numfmt_slot){pattern, dec, flags, numfmt_by_text(k, pattern, dec, flags)};
    peel_vec_push(&k->numfmts, slot);
    return slot->fmt;
}
