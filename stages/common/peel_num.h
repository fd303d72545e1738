/* Numbers as reports print them: "12,345", "-2%", "£2.75 billion", "£212m",
 * "42 percent", "21.7%", "£120m to £310m", "10–15 percent", "Twelve percent".
 *
 * Values are kept in base units: pounds for money (so "£212m" is 212000000),
 * percentage points for shares ("42 percent" is 42).  `decimals` and `scale`
 * remember how the figure was printed, which fixes its rounding tolerance. */
#ifndef PEEL_NUM_H
#define PEEL_NUM_H

#include <stddef.h>
#include <stdint.h>

typedef enum peel_unit {
    PEEL_UNIT_NONE = 0, /* a plain count or rate: "11,508", "2.1" */
    PEEL_UNIT_GBP,      /* "£318", "£2.75 billion" */
    PEEL_UNIT_PCT,      /* "42 percent", "-40%", "Twelve percent" */
    PEEL_UNIT_YEAR      /* "2018", "2018/19" (only from peel_num_next) */
} peel_unit;

typedef struct peel_num {
    double value; /* in base units; the low end of a range */
    double hi;    /* the high end of a range; equal to value otherwise */
    int is_range; /* "£120m to £310m", "10–15 percent", "20–30" */
    peel_unit unit;
    int decimals; /* digits printed after the point ("2.75" → 2) */
    double scale; /* multiplier printed after the digits: 1, 1e3 (k), 1e6 (m, million), 1e9 (bn,
                     billion); 0.01 for pence ("23p") */
    int is_word;  /* spelled out in words ("Twenty-three percent") */
    size_t start; /* byte span of the whole figure in the text scanned */
    size_t end;   /* one past its last byte */
} peel_num;

/* Parses a whole field, surrounding blanks allowed: a table cell, a captured
 * fact.  Returns 0 and fills *out, or -1 when the text is not exactly one
 * number (or range) of the forms above.  A year ("2019", "2018/19") parses
 * as a plain number here; only the prose scanner marks years. */
int peel_num_parse(const char *s, size_t len, peel_num *out);

/* Finds the next number in prose at or after byte *pos of s[0..len).
 * Returns 1 and fills *out (with start/end relative to s) and moves *pos past
 * it; returns 0 when none is left.  Numbers inside words ("H2O", "IPA2") are
 * skipped; years ("2018", "2018/19", "2012" in "since 2012") come back with
 * PEEL_UNIT_YEAR; spelled numbers only when a percent word follows
 * ("Twelve percent"). */
int peel_num_next(const char *s, size_t len, size_t *pos, peel_num *out);

/* Reads a spelled number at the start of s[0..len) ("eleven", "twenty-three",
 * "Twelve percent"), percent word or not.  Returns the bytes read and fills
 * *out, or 0 when s does not start with one. */
size_t peel_num_spelled(const char *s, size_t len, peel_num *out);

/* The first two letters of number words: c0 and c1 are 0..25 for 'a'..'z'
 * (c1 PEEL_NUM_BLANK for the blank of "a hundred"); the bits are the third
 * letters that may follow them (bit k: 'a' + k), 0 when no number word
 * starts so.  The one table of number words' starts: peel_num_may_spell
 * reads it, and ingest's prefilter folds it into its own first test. */
enum { PEEL_NUM_BLANK = 26 };
static inline uint32_t peel_num_spell_thirds(int c0, int c1)
{
#define PEEL_NUM_L(c) (UINT32_C(1) << ((c) - 'a'))
    static const uint32_t thirds[26][27] = {
        [0] = {[PEEL_NUM_BLANK] = PEEL_NUM_L('h')}, /* 'a' */
        ['e' - 'a'] = {['i' - 'a'] = PEEL_NUM_L('g'), ['l' - 'a'] = PEEL_NUM_L('e')},
        ['f' - 'a'] = {['i' - 'a'] = PEEL_NUM_L('f') | PEEL_NUM_L('v'),
                       ['o' - 'a'] = PEEL_NUM_L('r') | PEEL_NUM_L('u')},
        ['n' - 'a'] = {['i' - 'a'] = PEEL_NUM_L('n')},
        ['o' - 'a'] = {['n' - 'a'] = PEEL_NUM_L('e')},
        ['s' - 'a'] = {['e' - 'a'] = PEEL_NUM_L('v'), ['i' - 'a'] = PEEL_NUM_L('x')},
        ['t' - 'a'] = {['e' - 'a'] = PEEL_NUM_L('n'),
                       ['h' - 'a'] = PEEL_NUM_L('i') | PEEL_NUM_L('r'),
                       ['w' - 'a'] = PEEL_NUM_L('e') | PEEL_NUM_L('o')},
        ['z' - 'a'] = {['e' - 'a'] = PEEL_NUM_L('r')}};
#undef PEEL_NUM_L
    return thirds[c0][c1];
}

/* Whether a spelled number may start s[0..len), told by its first three
 * letters: most words of prose fail there ("but", "police", "of", "the"),
 * and peel_num_spelled is 0 for every word that fails.  In line, as ingest
 * asks it at every word of its sentences (a call a word showed); the
 * scanner asks it first too. */
static inline int peel_num_may_spell(const char *s, size_t len)
{
    if (len < 3)
        return 0; /* every number word has three letters or more */
    /* A byte | 0x20 is a lower-case letter only when the byte is a letter
     * of either case: ASCII lower case by hand, as no locale may change how
     * figures are read.  Most words fail at their first two letters. */
    int c0 = ((unsigned char)s[0] | 0x20) - 'a', c1 = ((unsigned char)s[1] | 0x20) - 'a';
    if (s[1] == ' ')
        c1 = PEEL_NUM_BLANK;
    else if (c1 < 0 || c1 >= 26)
        return 0;
    uint32_t thirds;
    if (c0 < 0 || c0 >= 26 || !(thirds = peel_num_spell_thirds(c0, c1)))
        return 0;
    int c2 = ((unsigned char)s[2] | 0x20) - 'a';
    return c2 >= 0 && c2 < 26 && (thirds >> c2 & 1);
}

/* Half of the last printed digit, in base units: the rounding tolerance of
 * the figure as printed ("£212m" → 500000, "21.7%" → 0.05, "-2%" → 0.5). */
double peel_num_half_unit(const peel_num *n);

/* Writes v with `decimals` digits after the point, without trailing zeros
 * beyond them and without "-0": "12345", "-2", "21.7", "2750000000".  From
 * 2^53 on, where a double no longer holds every integer, in the shortest
 * form that reads back as v ("1e+80"), never a run of digits the double
 * does not hold, and never cut short by cap (which needs 32 bytes for it). */
void peel_num_format(double v, int decimals, char *out, size_t cap);

/* Decimals of the value in base units: "£2.75 billion" → 0, "21.7%" → 1. */
int peel_num_base_decimals(const peel_num *n);

/* How the report printed a figure, parsed once from its raw text: what
 * reconciliation's tolerances and the workbooks' number formats follow. */
typedef struct peel_printed {
    int parsed;   /* raw is one number (peel_num_parse) */
    int decimals; /* digits printed after the point */
    double scale; /* 1, 1e3, 1e6, 1e9: the multiplier printed after the digits */
    int approx;   /* the sentence calls it approximate ("around 31,000") */
    double half;  /* the rounding tolerance in base units: half the last printed
                   * digit (peel_num_half_unit), or, when approximate, half its
                   * last non-zero digit if that is more; 0 when not parsed */
} peel_printed;

/* The printed form of raw, a figure as it stands in `sentence` (NULL for a
 * table cell): approximate when the word before it is one of around,
 * approximately, about, roughly, nearly, almost, some. */
peel_printed peel_printed_of(const char *raw, const char *sentence);

/* Unit as written in records: "", "GBP", "%", "year". */
const char *peel_unit_name(peel_unit unit);

#endif
