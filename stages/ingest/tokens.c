/* A sentence as tokens: figures (the number grammar of peel_num, plus
 * spelled numbers), words and the punctuation that shapes clauses.
 *
 * Words are lower case with curly apostrophes made straight ("force's");
 * hyphens inside words split them without a token ("full-time" is "full",
 * "time"), so the lexicon's terms need not list both spellings.  A dash with
 * a blank on either side, and the en and em dashes, are marks ('-'). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "facts.h"

/* A new token at the end of t, zeroed: a word is made in place. */
static ing_tok *push_new(ing_tokens *t)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->tok = peel_xrealloc(t->tok, t->cap * sizeof *t->tok);
    }
    ing_tok *tok = &t->tok[t->n++];
    memset(tok, 0, sizeof *tok);
    return tok;
}

static void push(ing_tokens *t, const ing_tok *tok)
{
    *push_new(t) = *tok;
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

/* code_point with ASCII, most of the text, decoded in line. */
static inline unsigned cp_at(const unsigned char *s, size_t i, size_t to, size_t *n)
{
    if (s[i] < 0x80) {
        *n = 1;
        return s[i];
    }
    return code_point(s, i, to, n);
}

static int is_wide_word_cp(unsigned cp)
{
    return !(cp <= 0xBF || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xD7 || cp == 0xF7);
}

/* Letters of words: ASCII letters and digits, and every non-ASCII code point
 * outside the punctuation and symbol blocks (Welsh and accented names).
 * Inline for ASCII: asked of every byte of a sentence's words. */
static inline int is_word_cp(unsigned cp)
{
    if (cp < 0x80)
        return (unsigned)((cp | 0x20) - 'a') < 26 || (unsigned)(cp - '0') < 10;
    return is_wide_word_cp(cp);
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

/* Appends byte c to a word, which ends at *p, and to its hash *h.  The
 * hash is the caller's local, stored in the token once the word ends: the
 * word's bytes, written through a char pointer, might alias the token, so
 * a hash kept there would be stored and loaded again at every byte. */
static void put(size_t *h, char **p, char c)
{
    *(*p)++ = c;
    *h = ing_hash_byte(*h, (unsigned char)c);
}

/* Token t's word, started at w, ended at p; *at moves past it. */
static void end_word(ing_tok *t, char **at, char *w, char *p)
{
    *p = '\0';
    t->word = w;
    t->wlen = (size_t)(p - w);
    *at = p + 1;
}

/* An ASCII byte of a word made lower case (letters and digits: is_word_cp
 * below 0x80), 0 for any other byte: one load a byte for add_word. */
#define WORD_LOWER_OF(c)                                                                           \
    (((((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z') || ((c) >= '0' && (c) <= '9')) ? (c) | 0x20 : 0)
static const unsigned char WORD_LOWER[256] = PEEL_BYTE_TABLE(WORD_LOWER_OF);

/* The word that starts at text[s] (a letter of a word), found and written
 * at *at in one pass: its letters, and apostrophes inside it ("force's",
 * "don't"), lower case with straight apostrophes, and hashed on the way.
 * The ASCII bytes of a word are letters, digits and ', which c | 0x20 maps
 * to themselves but for upper-case letters, made lower.  Returns its end. */
static size_t add_word(char **at, const char *text, size_t s, size_t to, ing_tokens *out)
{
    const unsigned char *u = (const unsigned char *)text;
    ing_tok *t = push_new(out);
    t->kind = TOK_WORD;
    t->start = s;
    size_t h = ING_HASH_START;
    char *w = *at, *p = w;
    size_t j = s;
    for (;;) {
        /* ASCII letters and digits, most of a word's bytes, by a loop that
         * decodes nothing; the code point after them decoded below. */
        unsigned char lc;
        while (j < to && (lc = WORD_LOWER[u[j]]) != 0) {
            put(&h, &p, (char)lc);
            j++;
        }
        if (j >= to)
            break;
        size_t m, m2;
        unsigned c = cp_at(u, j, to, &m);
        if (is_word_cp(c)) /* not ASCII: its bytes as they are */
            for (size_t k = 0; k < m; k++)
                put(&h, &p, text[j + k]);
        else if (is_apostrophe(c) && j + m < to && is_word_cp(cp_at(u, j + m, to, &m2)))
            put(&h, &p, '\'');
        else
            break;
        j += m;
    }
    t->hash = h;
    t->end = j;
    end_word(t, at, w, p);
    return j;
}

/* A figure's word is its bytes, ASCII letters in lower case. */
static void add_figure(char **at, const char *text, const peel_num *num, ing_tokens *out)
{
    ing_tok t = {
        .kind = TOK_FIG, .start = num->start, .end = num->end, .num = *num, .hash = ING_HASH_START};
    char *w = *at, *p = w;
    for (size_t k = num->start; k < num->end; k++) {
        char c = text[k];
        put(&t.hash, &p, (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c);
    }
    end_word(&t, at, w, p);
    push(out, &t);
}

/* A word of s[i..to) as a spelled number ("eleven", "twenty-three") when it
 * is one whole: returns its end, else 0. */
static size_t spelled_at(const char *text, size_t i, size_t to, peel_num *num)
{
    size_t n = peel_num_may_spell(text + i, to - i) ? peel_num_spelled(text + i, to - i, num) : 0;
    if (!n)
        return 0;
    unsigned char next = i + n < to ? (unsigned char)text[i + n] : ' ';
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '-')
        return 0;
    num->start += i;
    num->end += i;
    return i + n;
}

/* Words and marks of text[i..to), which holds no figure; words are written
 * at *at. */
static void scan_words(char **at, const char *text, size_t i, size_t to, ing_tokens *out)
{
    const unsigned char *s = (const unsigned char *)text;
    while (i < to) {
        size_t n;
        unsigned cp = cp_at(s, i, to, &n);
        if (is_word_cp(cp)) {
            peel_num num;
            size_t e = spelled_at(text, i, to, &num);
            if (e) {
                add_figure(at, text, &num, out);
                i = e;
                continue;
            }
            i = add_word(at, text, i, to, out);
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
            ing_tok t = {.kind = TOK_WORD,
                         .start = i,
                         .end = i + 1,
                         .word = "and",
                         .wlen = 3,
                         .hash = ing_lexicon_hash("and", 3)};
            push(out, &t);
        }
        i += n;
    }
}

static int is_ascii_letter(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

/* The end of the run of ASCII letters at s[i..to).  Eight bytes at a time
 * where the byte order lets the first byte that is not a letter be found
 * by counting trailing zeros (word-at-a-time tests, as doc.c's printable8:
 * a byte is a letter when it is ASCII and, made lower case, between 'a'
 * and 'z'); byte by byte near `to` and elsewhere. */
static size_t letters_end(const unsigned char *s, size_t i, size_t to)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = UINT64_C(0x0101010101010101), high = UINT64_C(0x8080808080808080);
    for (; to - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        uint64_t y = (w | 0x20 * ones) & (0x7F * ones); /* lower case, top bit off */
        uint64_t from_a = (y + (0x80 - 'a') * ones) & high,
                 past_z = (y + (0x7F - 'z') * ones) & high;
        uint64_t other = ~(from_a & ~past_z & ~w) & high;
        if (other)
            return i + (size_t)__builtin_ctzll(other) / 8;
    }
#endif
    while (i < to && is_ascii_letter(s[i]))
        i++;
    return i;
}

/* Whether the word of `len` ASCII letters at text[i] (text[i..to) the rest
 * of the sentence), past ing_lexicon_may_be_figure_word, may start a
 * spelled number or end a fraction term.  The fraction's test of first
 * letter and length comes before the word is copied in lower case. */
static int word_may_be_figure(const ing_lexicon *lx, const char *text, size_t i, size_t len,
                              size_t to)
{
    peel_num n;
    if (peel_num_may_spell(text + i, to - i) && peel_num_spelled(text + i, to - i, &n))
        return 1;
    if (!ing_lexicon_may_end_fraction_with(lx, (unsigned char)(text[i] | 0x20), len))
        return 0;
    char w[64];
    if (len > sizeof w)
        return 1;
    for (size_t k = 0; k < len; k++)
        w[k] = (char)(text[i + k] | 0x20); /* ASCII lower case */
    return ing_lexicon_may_end_fraction(lx, w, len);
}

/* The first of num[0..nnum) that starts at or after byte from.  The
 * figures come in order and do not overlap (peel_num_next), so those of a
 * sentence follow it while they end by the sentence's end; found by
 * bisection, not by a walk from the block's first, as a long paragraph
 * has many sentences and many figures. */
static size_t first_num_from(const peel_num *num, size_t nnum, size_t from)
{
    size_t lo = 0, hi = nnum;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (num[mid].start < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Of the sixteen bytes at s, the ASCII letters (bit k for s[k]), and in
 * *word the letters and digits.  SSE2 compares them at once where the
 * machine has it: ing_may_hold_figures asks this of most bytes of prose. */
static unsigned letters16(const unsigned char *s, unsigned *word)
{
#ifdef __SSE2__
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    /* lower case by | 0x20; a byte from 0x80 is negative to these signed
     * compares, so never a letter or digit */
    __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(low, _mm_set1_epi8('a' - 1)),
                                   _mm_cmplt_epi8(low, _mm_set1_epi8('z' + 1)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    *word = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit));
    return (unsigned)_mm_movemask_epi8(letter);
#else
    unsigned letters = 0, words = 0;
    for (unsigned k = 0; k < 16; k++) {
        unsigned l = is_ascii_letter(s[k]), d = (unsigned char)(s[k] - '0') < 10;
        letters |= l << k;
        words |= (l | d) << k;
    }
    *word = words;
    return letters;
#endif
}

/* Every word the tokens hold that could be a spelled number or the end of a
 * fraction term starts with an ASCII letter after a byte that is not a
 * letter or digit (after a digit, letters start no word: "5th"), and a
 * whole word of ASCII letters is a whole run of them; '&' is the word
 * "and".  Such starts are found sixteen bytes at a time (letters16), the
 * last bytes from a copy padded with NULs; at each, its first two bytes
 * tell most words. */
int ing_may_hold_figures(const ing_lexicon *lx, const char *text, size_t from, size_t to,
                         const peel_num *num, size_t nnum)
{
    size_t k = first_num_from(num, nnum, from);
    if (k < nnum && num[k].end <= to)
        return 1;
    const unsigned char *s = (const unsigned char *)text;
    if (ing_lexicon_may_end_fraction(lx, "and", 3) && memchr(s + from, '&', to - from))
        return 1;
    unsigned after_word = 0; /* the byte before is a letter or digit (never at from) */
    for (size_t i = from; i < to; i += 16) {
        unsigned char last[16] = {0};
        const unsigned char *at = s + i;
        if (to - i < 16)
            at = memcpy(last, s + i, to - i);
        unsigned word, letters = letters16(at, &word);
        for (unsigned st = letters & ~(word << 1 | after_word); st; st &= st - 1) {
            size_t w = i + (size_t)__builtin_ctz(st);
            if (ing_lexicon_may_be_figure_word(lx, s + w) &&
                word_may_be_figure(lx, text, w, letters_end(s, w + 1, to) - w, to))
                return 1;
        }
        after_word = word >> 15 & 1;
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

static int tok_is(const ing_tok *t, const char *w)
{
    return t->kind == TOK_WORD && strcmp(t->word, w) == 0;
}

/* "1.2 million pounds", "nine million pounds": money in words.  The number
 * grammar knows "£" and reads the digits' own "million"; a count that
 * "pounds" follows (past "million" or "billion" after a spelled number) is
 * money here, its tokens one figure. */
/* Whether text[from..to) holds "pound": most sentences do not, and then
 * pounds_in_words has nothing to look at. */
static int says_pound(const char *text, size_t from, size_t to)
{
    const char *p = text + from, *end = text + to;
    while (p + 5 <= end && (p = memchr(p, 'p', (size_t)(end - p - 4))) != NULL) {
        if (memcmp(p, "pound", 5) == 0)
            return 1;
        p++;
    }
    return 0;
}

/* The figure at token i made money when "pounds" follows it (past
 * "million" or "billion" after a spelled number): returns the last token it
 * takes in, i when none. */
static size_t money_at(ing_tokens *out, size_t i)
{
    ing_tok *t = &out->tok[i];
    size_t j = i + 1;
    if (t->kind != TOK_FIG || t->num.unit != PEEL_UNIT_NONE || t->num.is_range || j >= out->n)
        return i;
    double scale = 1;
    if (t->num.is_word && tok_is(&out->tok[j], "million"))
        scale = 1e6, j++;
    else if (t->num.is_word && tok_is(&out->tok[j], "billion"))
        scale = 1e9, j++;
    if (j >= out->n || !(tok_is(&out->tok[j], "pounds") || tok_is(&out->tok[j], "pound")))
        return i;
    t->num.unit = PEEL_UNIT_GBP;
    t->num.value *= scale;
    t->num.hi *= scale;
    t->num.scale *= scale;
    t->num.end = t->end = out->tok[j].end;
    return j;
}

static void pounds_in_words(ing_tokens *out)
{
    size_t o = 0;
    for (size_t i = 0; i < out->n; i++, o++) {
        size_t last = money_at(out, i);
        if (o != i)
            out->tok[o] = out->tok[i]; /* only after a merge: most sentences move nothing */
        i = last;
    }
    out->n = o;
}

/* Where the words before figure n end: at its start, or before the "FY"
 * glued to a year ("FY2020/21": the number grammar reads the year past
 * it, and the prefix is no word of the sentence). */
static size_t fy_start(const char *text, size_t done, const peel_num *n)
{
    size_t s = n->start;
    if (n->unit == PEEL_UNIT_YEAR && s >= done + 2 && (text[s - 2] | 0x20) == 'f' &&
        (text[s - 1] | 0x20) == 'y')
        return s - 2;
    return s;
}

void ing_tokenize(peel_arena *a, const char *text, size_t from, size_t to, const peel_num *num,
                  size_t nnum, ing_tokens *out)
{
    out->n = 0;
    /* Room for every word at once: a word or figure is no longer than its
     * bytes of the text, plus its end. */
    char *at = peel_arena_alloc(a, 2 * (to - from) + 1);
    size_t done = from;
    for (size_t k = first_num_from(num, nnum, from); k < nnum && num[k].end <= to; k++) {
        scan_words(&at, text, done, fy_start(text, done, &num[k]), out);
        add_figure(&at, text, &num[k], out);
        done = num[k].end;
    }
    scan_words(&at, text, done, to, out);
    if (says_pound(text, from, to))
        pounds_in_words(out);
}
