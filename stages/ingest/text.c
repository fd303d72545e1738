/* Markup and line-shape helpers.  Reports are Markdown-like text with a few
 * HTML tags; these turn a line into plain text and tell what shape it has. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ing.h"

/* Grade words of other PEEL formats, which this one does not have: from
 * 2021/22 PEEL grades on a five-point scale with "Adequate" between Good and
 * Requires improvement.  Met where a grade belongs, such a word is named as
 * not a grade of this format, never read as a plain heading. */
static const char *const OTHER_GRADES[] = {"Adequate"};

static int starts(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* Length of a <tag> or </tag> at s, or 0 when s does not start one. */
static size_t tag_len(const char *s, size_t len)
{
    size_t i = 1;
    if (len < 3 || s[0] != '<')
        return 0;
    if (s[i] == '/')
        i++;
    if (i >= len || !isalpha((unsigned char)s[i]))
        return 0;
    while (i < len && (isalnum((unsigned char)s[i]) || s[i] == ' ' || s[i] == '=' || s[i] == '"'))
        i++;
    return i < len && s[i] == '>' ? i + 1 : 0;
}

/* Length of "<sup>...</sup>" at s, or 0. */
static size_t sup_len(const char *s, size_t len)
{
    if (!starts(s, len, "<sup>"))
        return 0;
    for (size_t i = 5; i + 6 <= len; i++)
        if (memcmp(s + i, "</sup>", 6) == 0)
            return i + 6;
    return 0;
}

/* "[text](target)": *tlen gets the text's length; returns the whole length. */
static size_t link_len(const char *s, size_t len, size_t *tlen)
{
    size_t i = 1;
    if (len < 4 || s[0] != '[')
        return 0;
    while (i < len && s[i] != ']') {
        if (s[i] == '\\' && i + 1 < len)
            i++;
        i++;
    }
    if (i + 1 >= len || s[i + 1] != '(')
        return 0;
    *tlen = i - 1;
    for (size_t j = i + 2; j < len; j++)
        if (s[j] == ')')
            return j + 1;
    return 0;
}

/* Whether c stops a run of plain bytes, after_byte telling whether it
 * follows a byte of the run that is no blank (where one space is kept). */
static int plain_stop(char c, int after_byte)
{
    static const unsigned char stops[256] = {
        ['<'] = 1, ['['] = 1, ['*'] = 1, ['\\'] = 1, ['\t'] = 1, [' '] = 1, ['\r'] = 1};
    return stops[(unsigned char)c] && !(c == ' ' && after_byte);
}

#ifdef __SSE2__
/* Where in the sixteen bytes at s the first byte is that stops a run of
 * plain bytes, as plain_stop tells (16 when none): '<', '[', '\\', '*',
 * tab, CR, and a space after a space or, when `first`, at the start.
 * Sixteen compares at once: most bytes of a report are in long runs. */
static unsigned plain_stop16(const char *s, unsigned first)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
#define EQ(c) _mm_cmpeq_epi8(v, _mm_set1_epi8(c))
    __m128i markup = _mm_or_si128(_mm_or_si128(EQ('<'), EQ('[')), _mm_or_si128(EQ('\\'), EQ('*')));
    __m128i blanks = _mm_or_si128(EQ('\t'), EQ('\r'));
    unsigned space = (unsigned)_mm_movemask_epi8(EQ(' '));
#undef EQ
    unsigned stops =
        (unsigned)_mm_movemask_epi8(_mm_or_si128(markup, blanks)) | (space & (space << 1 | first));
    return stops ? (unsigned)__builtin_ctz(stops) : 16;
}
#endif

/* Copies the run of bytes at s that clean_into keeps as they are to out;
 * returns its length.  None of them may open markup; a blank is kept only
 * as a single space after a byte of the run (clean_into folds every other
 * blank).  Sixteen bytes at a time where the machine has SSE2 (the runs
 * are words and the spaces between them, and this loop sees every byte of
 * a report); all sixteen are copied, those past the run's end being
 * written over after: clean_into never writes more than it has read, so
 * they are within its room. */
static size_t copy_plain(char *out, const char *s, size_t len)
{
    size_t n = 0;
#ifdef __SSE2__
    while (len - n >= 16) {
        unsigned k = plain_stop16(s + n, n == 0 || s[n - 1] == ' ');
        memcpy(out + n, s + n, 16);
        n += k;
        if (k < 16)
            return n;
    }
#endif
    for (; n < len && !plain_stop(s[n], n > 0 && s[n - 1] != ' '); n++)
        out[n] = s[n];
    return n;
}

/* Where clean_into writes: it never writes more bytes than it reads (markup
 * and blanks only shrink), so the input's length is room enough. */
typedef struct cleaned {
    char *data;
    size_t len;
} cleaned;

static void clean_into(cleaned *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n, tlen = 0;
        if ((n = copy_plain(b->data + b->len, s + i, len - i)) > 0) {
            b->len += n;
            i += n;
        } else if (s[i] == '\t' || s[i] == ' ' || s[i] == '\r') {
            /* before the markup tests: blanks are the most common byte after plain ones */
            if (b->len && b->data[b->len - 1] != ' ')
                b->data[b->len++] = ' ';
            i++;
        } else if ((n = sup_len(s + i, len - i)) > 0 || (n = tag_len(s + i, len - i)) > 0) {
            i += n; /* footnote marks and tags carry no text */
        } else if ((n = link_len(s + i, len - i, &tlen)) > 0) {
            clean_into(b, s + i + 1, tlen);
            i += n;
        } else if (s[i] == '*' && i + 1 < len && s[i + 1] == '*') {
            i += 2;
        } else if (s[i] == '\\' && i + 1 < len && strchr("()[]*_#\\", s[i + 1])) {
            b->data[b->len++] = s[i + 1];
            i += 2;
        } else {
            b->data[b->len++] = s[i++];
        }
    }
}

char *ing_clean(peel_arena *a, const char *s, size_t len)
{
    cleaned b = {peel_arena_alloc(a, len + 1), 0};
    clean_into(&b, s, len);
    size_t start = 0, end = b.len;
    while (start < end && b.data[start] == ' ')
        start++;
    while (end > start && b.data[end - 1] == ' ')
        end--;
    b.data[end] = '\0';
    return b.data + start;
}

const char *ing_clean_line(peel_arena *a, ing_line *l, const char *s, size_t len)
{
    if (!l->clean || l->clean_of != s || l->clean_len != len) {
        l->clean = ing_clean(a, s, len);
        l->clean_of = s;
        l->clean_len = len;
    }
    return l->clean;
}

char *ing_norm(peel_arena *a, const char *s, size_t len)
{
    char *t = ing_clean(a, s, len);
    size_t n = strlen(t);
    while (n > 0 && strchr(":.? ", t[n - 1]))
        t[--n] = '\0';
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return t;
}

/* The word of `words` that norm (ing_norm's text) is, any case, or NULL. */
static const char *word_named(const char *norm, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(norm, words[i]) == 0)
            return words[i];
    return NULL;
}

const char *ing_grade_named(const char *norm)
{
    /* The grades of the records' vocabulary (peel_vocab.h), none excepted. */
    const char *grades[PEEL_NGRADE - 1];
    for (int g = PEEL_OUTSTANDING; g < PEEL_NGRADE; g++)
        grades[g - PEEL_OUTSTANDING] = peel_grade_name((peel_grade)g);
    return word_named(norm, grades, PEEL_NGRADE - 1);
}

const char *ing_other_grade_named(const char *norm)
{
    return word_named(norm, OTHER_GRADES, sizeof OTHER_GRADES / sizeof *OTHER_GRADES);
}

/* named(ing_norm of s[0..len)), the text normalised in an arena of its own. */
static const char *of_norm(const char *s, size_t len, const char *(*named)(const char *))
{
    peel_arena a;
    peel_arena_init(&a);
    const char *found = named(ing_norm(&a, s, len));
    peel_arena_release(&a);
    return found;
}

const char *ing_grade_of(const char *s, size_t len)
{
    return of_norm(s, len, ing_grade_named);
}

const char *ing_other_grade_of(const char *s, size_t len)
{
    return of_norm(s, len, ing_other_grade_named);
}

int ing_heading(const ing_line *l, const char **text, size_t *tlen)
{
    size_t n = 0;
    while (n < l->len && l->s[n] == '#')
        n++;
    if (n == 0 || n > 6 || n >= l->len || l->s[n] != ' ')
        return 0;
    *text = l->s + n + 1;
    *tlen = l->len - n - 1;
    return (int)n;
}

int ing_bold_line(const ing_line *l, const char **text, size_t *tlen)
{
    size_t len = l->len;
    while (len > 0 && (l->s[len - 1] == ' ' || l->s[len - 1] == '\t'))
        len--;
    if (len < 5 || !starts(l->s, len, "**") || memcmp(l->s + len - 2, "**", 2) != 0)
        return 0;
    /* "**a** and **b**" is prose with bold words, not a bold line. */
    for (size_t i = 2; i + 2 < len; i++)
        if (l->s[i] == '*' && l->s[i + 1] == '*')
            return 0;
    *text = l->s + 2;
    *tlen = len - 4;
    return 1;
}

/* Ordered list items ("1. Our overall assessment") are bullets too. */
static size_t ordinal_len(const char *s, size_t len)
{
    size_t d = 0;
    while (d < len && d < 3 && isdigit((unsigned char)s[d]))
        d++;
    return d > 0 && d + 1 < len && s[d] == '.' && s[d + 1] == ' ' ? d + 2 : 0;
}

int ing_bullet(const ing_line *l, const char **text, size_t *tlen)
{
    size_t ind = 0;
    while (ind < l->len && l->s[ind] == ' ')
        ind++;
    size_t ord = ordinal_len(l->s + ind, l->len - ind);
    if (ord) {
        *text = l->s + ind + ord;
        *tlen = l->len - ind - ord;
        return 1 + (int)(ind / 2);
    }
    if (ind + 1 >= l->len || (l->s[ind] != '-' && l->s[ind] != '*') || l->s[ind + 1] != ' ')
        return 0;
    if (l->s[ind] == '*' && ind + 1 < l->len && l->s[ind + 1] == '*')
        return 0;
    *text = l->s + ind + 2;
    *tlen = l->len - ind - 2;
    return 1 + (int)(ind / 2);
}

int ing_is_blank(const ing_line *l)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->s[i] != ' ' && l->s[i] != '\t')
            return 0;
    return 1;
}

int ing_has_tab(const ing_line *l)
{
    return memchr(l->s, '\t', l->len) != NULL;
}

/* Words of s, split at blanks; returns how many (at most max). */
static size_t split_words(const char *s, const char **w, size_t *wl, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        w[n] = s;
        while (*s && *s != ' ')
            s++;
        wl[n] = (size_t)(s - w[n]);
        n++;
    }
    return n;
}

static int word_eq(const char *a, size_t al, const char *b, size_t bl)
{
    return al == bl && strncasecmp(a, b, al) == 0;
}

/* Words that end force names but are not their own part ("Kent Police",
 * "Avon and Somerset Constabulary", "Northmoor Police Service"), and that
 * after "the" stand for the force itself ("the constabulary's workforce"). */
static int force_suffix(const char *w, size_t n)
{
    static const char *const suffix[] = {"police", "constabulary", "service", "force"};
    if (n >= 2 && w[n - 2] == '\'' && (w[n - 1] == 's' || w[n - 1] == 'S'))
        n -= 2; /* "Police's" */
    else if (n >= 4 && memcmp(w + n - 4, "\xE2\x80\x99", 3) == 0 &&
             (w[n - 1] == 's' || w[n - 1] == 'S'))
        n -= 4; /* "Police’s" */
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++)
        if (word_eq(w, n, suffix[i], strlen(suffix[i])))
            return 1;
    return 0;
}

/* Whether a text whose first word is w[0..len) may open with the force,
 * as ing_opens_with_force tells: its generic label can start "force" or
 * "the force" only when the text starts "the" or "force" or with the
 * force's own name, whose first word (after "the") is then this one.  Most
 * paragraphs start otherwise, and are told without their generic label. */
static int may_open_with_force(const char *w, size_t len, const char *force)
{
    if (word_eq(w, len, "the", 3) || strncasecmp(w, "force", 5) == 0)
        return 1;
    const char *fw[2];
    size_t fl[2];
    size_t nf = split_words(force ? force : "", fw, fl, 2);
    size_t f0 = (nf > 0 && word_eq(fw[0], fl[0], "the", 3)) ? 1 : 0;
    return nf > f0 && word_eq(w, len, fw[f0], fl[f0]);
}

int ing_opens_with_force(peel_arena *a, const char *text, const char *force)
{
    /* The first words are enough: a name longer than ten words is no name. */
    const char *w[12];
    size_t wl[12];
    size_t n = split_words(text, w, wl, 12);
    if (n < 2 || !may_open_with_force(w[0], wl[0], force))
        return 0;
    const char *g =
        ing_generic_label(a, peel_arena_strndup(a, text, (size_t)(w[n - 1] - text)), force);
    if (strncasecmp(g, "the ", 4) == 0)
        g += 4;
    return strncmp(g, "force", 5) == 0 && (g[5] == ' ' || g[5] == '\'' || g[5] == '\xE2');
}

/* The label with words [i, j) made "force", and a possessive kept off the
 * key ("Kent Police's workforce" → "force workforce"). */
static char *replace_words(peel_arena *a, const char *label, const char *const *lw,
                           const size_t *ll, size_t i, size_t j)
{
    peel_buf b;
    peel_buf_init(&b);
    peel_buf_add(&b, label, (size_t)(lw[i] - label));
    peel_buf_puts(&b, "force");
    peel_buf_puts(&b, lw[j - 1] + ll[j - 1]);
    char *out = peel_arena_strdup(a, peel_buf_str(&b));
    peel_buf_release(&b);
    return out;
}

/* Where the force's own name starts in the label: its words up to the
 * suffix ("Northmoor" of "Northmoor Constabulary"), then any suffix words
 * the label adds ("Northmoor Police", "Northmoor Police Service"); *end gets
 * the word after.  (size_t)-1 when the name is not there. */
static size_t name_at(const char *const *lw, const size_t *ll, size_t nl, const char *const *fw,
                      const size_t *fl, size_t f0, size_t stem, size_t *end)
{
    for (size_t i = 0; i < nl; i++) {
        size_t k = 0;
        while (i + k < nl && f0 + k < stem && word_eq(lw[i + k], ll[i + k], fw[f0 + k], fl[f0 + k]))
            k++;
        if (f0 + k < stem)
            continue; /* the force's own name must be there whole */
        size_t j = i + k;
        while (j < nl && force_suffix(lw[j], ll[j]))
            j++;
        *end = j;
        return i;
    }
    return (size_t)-1;
}

char *ing_generic_label(peel_arena *a, const char *label, const char *force)
{
    const char *lw[64], *fw[16];
    size_t ll[64], fl[16], end;
    size_t nl = split_words(label, lw, ll, 64);
    size_t nf = split_words(force ? force : "", fw, fl, 16);
    size_t f0 = (nf > 0 && word_eq(fw[0], fl[0], "the", 3)) ? 1 : 0;
    size_t stem = nf;
    while (stem > f0 + 1 && force_suffix(fw[stem - 1], fl[stem - 1]))
        stem--;
    size_t i = nf > f0 ? name_at(lw, ll, nl, fw, fl, f0, stem, &end) : (size_t)-1;
    if (i != (size_t)-1)
        return replace_words(a, label, lw, ll, i, end);
    /* "The constabulary's workforce", "the force's": the force by another name */
    for (i = 0; i + 1 < nl; i++)
        if (word_eq(lw[i], ll[i], "the", 3) && force_suffix(lw[i + 1], ll[i + 1]))
            return replace_words(a, label, lw, ll, i, i + 2);
    return peel_arena_strdup(a, label);
}
