/* A check told in plain English for the Reconciliation cards: what was
 * compared, in words rather than the catalogues' keys; the figures in the
 * report's own units (money at the multiple the report printed it with,
 * "£1,580m", never "£1,580,000,000"); differences between shares in
 * points, not percent; and the report lines to look at.  Rule ids and fact
 * keys never reach the page. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "pd.h"
#include "peel_lines.h"

/* How the figures of a check are printed: its unit, the multiple the
 * report's own figures of that unit on the check's lines use (the finest,
 * so that parts and totals read alike), and their most decimals there. */
typedef struct shown {
    const char *unit;
    double scale;
    int dec;
} shown;

/* The facts by their key's first byte: a counting sort, stable. */
static void by_first(pd_bylines *b, const peel_records *rec)
{
    size_t count[256] = {0};
    for (size_t i = 0; i < rec->nfact; i++)
        count[(unsigned char)rec->facts[i].key[0]]++;
    b->first_at[0] = 0;
    for (size_t c = 0; c < 256; c++)
        b->first_at[c + 1] = b->first_at[c] + count[c];
    size_t next[256];
    memcpy(next, b->first_at, sizeof next);
    b->by_first = peel_xmalloc((rec->nfact + 1) * sizeof *b->by_first);
    for (size_t i = 0; i < rec->nfact; i++)
        b->by_first[next[(unsigned char)rec->facts[i].key[0]]++] = i;
}

void pd_bylines_build(pd_bylines *b, const peel_records *rec)
{
    peel_lines_of f = peel_fact_lines(rec), c = peel_cell_lines(rec);
    b->fact = peel_by_line(&f);
    b->cell = peel_by_line(&c);
    by_first(b, rec);
}

void pd_bylines_release(pd_bylines *b)
{
    free(b->fact);
    free(b->cell);
    free(b->by_first);
    memset(b, 0, sizeof *b);
}

/* The indexes (ascending) of the records on any of the lines in `lines`
 * ("12,15"), from ix (n of them, by line); *count gets how many. */
static size_t *on_lines(peel_arena *a, const peel_lines_of *o, const size_t *ix, const char *lines,
                        size_t *count)
{
    size_t cap = 8, got = 0;
    size_t *out = peel_arena_alloc(a, cap * sizeof *out);
    for (const char *s = lines; *s;) {
        char *end;
        long want = strtol(s, &end, 10);
        if (end == s)
            break;
        s = end;
        size_t n = o->n, lo = peel_by_line_first(o, ix, want);
        for (; lo < n && peel_line_at(o, ix[lo]) == want; lo++) {
            int seen = 0; /* a line given twice */
            for (size_t k = 0; k < got && !seen; k++)
                seen = out[k] == ix[lo];
            if (seen)
                continue;
            if (got == cap) {
                size_t *more = peel_arena_alloc(a, 2 * cap * sizeof *more);
                memcpy(more, out, got * sizeof *out);
                out = more;
                cap *= 2;
            }
            out[got++] = ix[lo];
        }
    }
    for (size_t i = 1; i < got; i++) /* ascending: the order they are read in */
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            size_t t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    *count = got;
    return out;
}

static int money(const char *unit)
{
    return strncmp(unit, "GBP", 3) == 0;
}

static void consider(shown *s, const char *unit, const peel_printed *pr, int *first)
{
    if (!pr->parsed || money(unit) != money(s->unit) ||
        (!money(unit) && strcmp(unit, s->unit) != 0))
        return;
    double scale = pr->scale > 0 && money(unit) ? pr->scale : 1.0;
    if (*first || scale < s->scale) {
        s->dec = *first ? 0 : pd_dec_at(s->dec, s->scale, scale);
        s->scale = scale;
    }
    int d = pd_dec_at(pr->decimals, pr->scale > 0 ? pr->scale : 1.0, s->scale);
    s->dec = d > s->dec ? d : s->dec;
    *first = 0;
}

static shown shown_of(peel_arena *a, const pd_source *src, const peel_check *k)
{
    shown s = {k->unit, 1.0, 0};
    int first = 1;
    const peel_records *r = src->rec;
    peel_lines_of f = peel_fact_lines(r), c = peel_cell_lines(r);
    size_t n;
    const size_t *ix = on_lines(a, &f, src->bylines->fact, k->source_lines, &n);
    for (size_t i = 0; i < n; i++)
        consider(&s, r->facts[ix[i]].unit, &r->facts[ix[i]].printed, &first);
    ix = on_lines(a, &c, src->bylines->cell, k->source_lines, &n);
    for (size_t i = 0; i < n; i++)
        consider(&s, r->cells[ix[i]].unit, &r->cells[ix[i]].printed, &first);
    if (first && money(k->unit)) { /* no printed figure found: by size */
        double big = fmax(fabs(k->expected.v), fabs(k->actual.v));
        s.scale = big >= 1e9 ? 1e6 : big >= 1e6 ? 1e6 : 1.0;
    }
    return s;
}

/* A figure of the check: up to two more decimals than the report printed
 * (a computed figure has more than its inputs), trailing zeros dropped. */
static const char *figure(peel_arena *a, const shown *s, const peel_cval *v, int points)
{
    if (!v->num)
        return v->text[0] ? v->text : "nothing";
    int dec = s->dec > 2 ? s->dec : 2;
    if (points)
        return peel_arena_concat(a,
                                 (const char *[]){pd_fmt_amount(a, v->v, "", s->scale, dec, 1),
                                                  fabs(v->v) == 1.0 ? " point" : " points"},
                                 2);
    return pd_fmt_amount(a, v->v, s->unit, s->scale, dec, 1);
}

/* The check's unit as pd_fmt_amount takes it. */
static const char *unit_of(const char *unit)
{
    if (strcmp(unit, "years") == 0 || strcmp(unit, "grade") == 0)
        return strcmp(unit, "years") == 0 ? "years" : "";
    return unit;
}

/* ---- words for keys ---- */

/* The longest fact key of the report or the catalogue at s[0..]. */
static size_t key_at(const pd_source *src, const char *s, const char **key)
{
    size_t best = 0;
    const pd_bylines *by = src->bylines;
    unsigned first = (unsigned char)s[0];
    for (size_t j = by->first_at[first]; j < by->first_at[first + 1]; j++) {
        const char *k = src->rec->facts[by->by_first[j]].key;
        size_t n = strlen(k);
        if (n > best && strncmp(s, k, n) == 0 && !isalnum((unsigned char)s[n]) && s[n] != '_' &&
            (s[n] != '.' || !isalnum((unsigned char)s[n + 1]))) {
            best = n;
            *key = k;
        }
    }
    return best;
}

/* text with each fact key in it replaced by what the packs call it. */
static const char *unkeyed(peel_arena *a, const pd_source *src, const char *text)
{
    peel_buf b;
    peel_buf_init(&b);
    for (const char *s = text; *s;) {
        const char *key = NULL;
        int word_start = s == text || !isalnum((unsigned char)s[-1]);
        size_t n = word_start ? key_at(src, s, &key) : 0;
        const char *name = n ? pd_layout_name(a, src->lay, key) : NULL;
        if (name) {
            peel_buf_puts(&b, name);
            s += n;
        } else {
            peel_buf_putc(&b, *s++);
        }
    }
    const char *out = peel_arena_strdup(a, peel_buf_str(&b));
    peel_buf_release(&b);
    return out;
}

static const char *sentence_case(peel_arena *a, const char *s)
{
    char *d = peel_arena_strdup(a, s);
    d[0] = (char)toupper((unsigned char)d[0]);
    return d;
}

/* The fact key a check of the same figure stated twice is about: the
 * first word of its description, when that is a key the report states. */
static const char *restated_key(const pd_source *src, const peel_check *k)
{
    const char *key = NULL;
    if (strcmp(k->kind, "same") != 0)
        return NULL;
    size_t n = key_at(src, k->description, &key);
    return n && k->description[n] == ' ' ? key : NULL;
}

static long nth_line(const char *lines, int last)
{
    long v = 0;
    for (const char *s = lines; *s;) {
        char *end;
        long x = strtol(s, &end, 10);
        if (end == s)
            break;
        if (!v || last)
            v = x;
        s = end;
    }
    return v;
}

/* "Budget gap is stated twice: £167m on line 639 and £167m on line 761." */
static const char *restated(peel_arena *a, const pd_source *src, const peel_check *k,
                            const char *key, const char *e, const char *v)
{
    const char *name = pd_layout_name(a, src->lay, key);
    long l1 = nth_line(k->source_lines, 0), l2 = nth_line(k->source_lines, 1);
    if (!name)
        name = key;
    if (l1 == l2)
        return peel_arena_printf(a, "%s is stated twice on line %ld: %s and %s", name, l1, e, v);
    return peel_arena_printf(a, "%s is stated twice: %s on line %ld and %s on line %ld", name, e,
                             l1, v, l2);
}

void pd_check_words(peel_arena *a, const pd_source *src, const peel_check *k, pd_check *out)
{
    shown s = shown_of(a, src, k);
    s.unit = unit_of(k->unit);
    int pct = strcmp(k->unit, "%") == 0;
    const char *e = figure(a, &s, &k->expected, 0), *v = figure(a, &s, &k->actual, 0);
    const char *key = restated_key(src, k);
    out->what =
        key ? restated(a, src, k, key, e, v)
            : sentence_case(a, unkeyed(a, src, k->description[0] ? k->description : k->kind));
    out->what = pd_clean(a, out->what);
    if (!k->expected.num || !k->actual.num) {
        out->detail = peel_arena_concat(a, (const char *[]){"Compared: ", e, " and ", v, "."}, 5);
    } else {
        peel_cval gap = {"", 1, fabs(k->difference.v), 0};
        const char *d = k->difference.num ? figure(a, &s, &gap, pct) : NULL;
        const char *t = k->tolerance.num ? figure(a, &s, &k->tolerance, pct) : NULL;
        /* "<e> against <v>[: <d> apart][, where <t> is allowed]." */
        const char *parts[] = {e,
                               " against ",
                               v,
                               d ? ": " : "",
                               d ? d : "",
                               d ? " apart" : "",
                               t ? ", where " : "",
                               t ? t : "",
                               t ? " is allowed" : "",
                               "."};
        out->detail = peel_arena_concat(a, parts, sizeof parts / sizeof *parts);
    }
    const char *lines = pd_fmt_lines(a, k->source_lines);
    out->where =
        lines[0]
            ? peel_arena_concat(
                  a, (const char *[]){strchr(lines, ',') ? "Report lines " : "Report line ", lines},
                  2)
            : "Report lines not given";
    out->note = pd_clean(a, k->note[0] ? sentence_case(a, unkeyed(a, src, k->note)) : "");
}
