/* A sentence as tokens: figures (the number grammar of peel_num, plus
 * spelled numbers), words and the punctuation that shapes clauses.
 *
 * Words are lower case with curly apostrophes made straight ("force's");
 * hyphens inside words split them without a token ("full-time" is "full",
 * "time"), so the lexicon's terms need not list both spellings.  A dash with
 * a blank on either side, and the en and em dashes, are marks ('-'). */
#include <stdlib.h>
#include <string.h>

#include "facts.h"

static void push(ing_tokens *t, const ing_tok *tok)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->tok = peel_xrealloc(t->tok, t->cap * sizeof *t->tok);
    }
    t->tok[t->n++] = *tok;
}

void ing_tokens_release(ing_tokens *t)
{
    free(t->tok);
    memset(t, 0, sizeof *t);
}

/* Code point of the UTF-8 sequence at s[i] (s valid UTF-8: ingest checked
 * it), and its length in *n. */
static unsigned code_point(const unsigned char *s, size_t i, size_t to, size_t *n)
{
    unsigned c = s[i];
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len > to)
        len = 1;
    unsigned cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (size_t k = 1; k < len; k++)
        cp = (cp << 6) | (s[i + k] & 0x3F);
    *n = len;
    return cp;
}

/* Letters of words: ASCII letters and digits, and every non-ASCII code point
 * outside the punctuation and symbol blocks (Welsh and accented names). */
static int is_word_cp(unsigned cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return !(cp <= 0xBF || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xD7 || cp == 0xF7);
}

static int is_apostrophe(unsigned cp)
{
    return cp == '\'' || cp == 0x2019;
}

/* The mark a code point stands for, or 0 when it is not one. */
static char mark_of(unsigned cp)
{
    switch (cp) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
    case '.':
    case '!':
    case '?':
    case '/':
        return (char)cp;
    case '"':
    case 0x201C:
    case 0x201D:
    case 0x2018:
    case 0x2019:
        return '"';
    case '[':
        return '(';
    case ']':
        return ')';
    case 0x2013:
    case 0x2014:
    case 0x2212:
        return '-';
    default:
        return 0;
    }
}

static void add_word(peel_arena *a, const char *text, size_t s, size_t e, ing_tokens *out)
{
    char *w = peel_arena_alloc(a, e - s + 1), *p = w;
    for (size_t i = s; i < e;) {
        size_t n;
        unsigned cp = code_point((const unsigned char *)text, i, e, &n);
        if (is_apostrophe(cp))
            *p++ = '\'';
        else if (cp >= 'A' && cp <= 'Z')
            *p++ = (char)(cp + ('a' - 'A'));
        else
            for (size_t k = 0; k < n; k++)
                *p++ = text[i + k];
        i += n;
    }
    *p = '\0';
    ing_tok t = {.kind = TOK_WORD, .start = s, .end = e, .word = w};
    push(out, &t);
}

static void add_figure(peel_arena *a, const char *text, const peel_num *num, ing_tokens *out)
{
    ing_tok t = {.kind = TOK_FIG, .start = num->start, .end = num->end, .num = *num};
    char *w = peel_arena_strndup(a, text + num->start, num->end - num->start);
    for (char *p = w; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + ('a' - 'A'));
    t.word = w;
    push(out, &t);
}

/* A word of s[i..to) as a spelled number ("eleven", "twenty-three") when it
 * is one whole: returns its end, else 0. */
static size_t spelled_at(const char *text, size_t i, size_t to, peel_num *num)
{
    size_t n = peel_num_spelled(text + i, to - i, num);
    if (!n)
        return 0;
    unsigned char next = i + n < to ? (unsigned char)text[i + n] : ' ';
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '-')
        return 0;
    num->start += i;
    num->end += i;
    return i + n;
}

/* Words and marks of text[i..to), which holds no figure. */
static void scan_words(peel_arena *a, const char *text, size_t i, size_t to, ing_tokens *out)
{
    const unsigned char *s = (const unsigned char *)text;
    while (i < to) {
        size_t n;
        unsigned cp = code_point(s, i, to, &n);
        if (is_word_cp(cp)) {
            peel_num num;
            size_t e = spelled_at(text, i, to, &num);
            if (e) {
                add_figure(a, text, &num, out);
                i = e;
                continue;
            }
            size_t j = i;
            for (;;) {
                size_t m, m2;
                unsigned c = j < to ? code_point(s, j, to, &m) : 0;
                if (j < to && is_word_cp(c)) {
                    j += m;
                    continue;
                }
                /* An apostrophe inside a word ("force's", "don't"). */
                if (j < to && is_apostrophe(c) && j + m < to &&
                    is_word_cp(code_point(s, j + m, to, &m2))) {
                    j += m;
                    continue;
                }
                break;
            }
            add_word(a, text, i, j, out);
            i = j;
            continue;
        }
        char mk = mark_of(cp);
        if (cp == '-') {
            /* Glued between letters or figures it joins words; with a blank
             * on a side it is a dash. */
            int before = i > 0 && s[i - 1] != ' ', after = i + 1 < to && s[i + 1] != ' ';
            mk = (before && after) ? 0 : '-';
        }
        if (mk) {
            ing_tok t = {.kind = TOK_MARK, .start = i, .end = i + n, .mark = mk};
            push(out, &t);
        } else if (cp == '&') {
            ing_tok t = {.kind = TOK_WORD, .start = i, .end = i + 1, .word = "and"};
            push(out, &t);
        }
        i += n;
    }
}

static int is_ascii_letter(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static int is_ascii_alnum(unsigned char c)
{
    return is_ascii_letter(c) || (unsigned char)(c - '0') < 10;
}

/* How many ASCII letters start s[i..to). */
static size_t letter_run(const unsigned char *s, size_t i, size_t to)
{
    size_t j = i;
    while (j < to && is_ascii_letter(s[j]))
        j++;
    return j - i;
}

/* Whether the word of `len` ASCII letters at text[i] (text[i..to) the rest
 * of the sentence) may start a spelled number or end a fraction term.  The
 * fraction's first-letter test comes before the word is copied in lower
 * case: most words fail it. */
static int word_may_be_figure(const ing_lexicon *lx, const char *text, size_t i, size_t len,
                              size_t to)
{
    peel_num n;
    if (peel_num_spelled(text + i, to - i, &n))
        return 1;
    if (!ing_lexicon_may_end_fraction_with(lx, (unsigned char)(text[i] | 0x20)))
        return 0;
    char w[64];
    if (len > sizeof w)
        return 1;
    for (size_t k = 0; k < len; k++)
        w[k] = (char)(text[i + k] | 0x20); /* ASCII lower case */
    return ing_lexicon_may_end_fraction(lx, w, len);
}

/* Every word the tokens hold that could be a spelled number or the end of a
 * fraction term starts with an ASCII letter after a byte that is not a
 * letter or digit, and a whole word of ASCII letters is a whole run of
 * them; '&' is the word "and". */
int ing_may_hold_figures(const ing_lexicon *lx, const char *text, size_t from, size_t to,
                         const peel_num *num, size_t nnum)
{
    for (size_t k = 0; k < nnum && num[k].start < to; k++)
        if (num[k].start >= from && num[k].end <= to)
            return 1;
    const unsigned char *s = (const unsigned char *)text;
    int and_ends = ing_lexicon_may_end_fraction(lx, "and", 3);
    for (size_t i = from; i < to;) {
        if (!is_ascii_letter(s[i])) {
            if (s[i] == '&' && and_ends)
                return 1;
            i++;
            continue;
        }
        size_t len = letter_run(s, i, to);
        if ((i == from || !is_ascii_alnum(s[i - 1])) && word_may_be_figure(lx, text, i, len, to))
            return 1;
        i += len;
    }
    return 0;
}

size_t ing_scan_nums(const char *text, peel_num **out)
{
    size_t n = 0, cap = 0, pos = 0, len = strlen(text);
    peel_num num, *v = NULL;
    while (peel_num_next(text, len, &pos, &num)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            v = peel_xrealloc(v, cap * sizeof *v);
        }
        v[n++] = num;
    }
    *out = v;
    return n;
}

void ing_tokenize(peel_arena *a, const char *text, size_t from, size_t to, const peel_num *num,
                  size_t nnum, ing_tokens *out)
{
    out->n = 0;
    size_t done = from;
    for (size_t k = 0; k < nnum; k++) {
        if (num[k].start < from || num[k].end > to)
            continue;
        scan_words(a, text, done, num[k].start, out);
        add_figure(a, text, &num[k], out);
        done = num[k].end;
    }
    scan_words(a, text, done, to, out);
}
