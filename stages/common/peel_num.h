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

/* A byte as the number words' table reads it: 1..26 for a letter of
 * either case ('a' or 'A' is 1), PEEL_NUM_BLANK for the blank of "a
 * hundred", 0 for any other byte.  ASCII by hand, as no locale may change
 * how figures are read. */
enum { PEEL_NUM_BLANK = 27 };
#define PEEL_NUM_COL(c)                                                                            \
    ((c) >= 'a' && (c) <= 'z'   ? (c) - 'a' + 1                                                    \
     : (c) >= 'A' && (c) <= 'Z' ? (c) - 'A' + 1                                                    \
     : (c) == ' '               ? PEEL_NUM_BLANK                                                   \
                                : 0)
/* A 256-byte table's initialiser, F(c) for each byte c: a byte's class
 * read by one load, not tested by ranges, for the loops that ask it of
 * every byte of a report's words. */
#define PEEL_BYTES4(F, c) F(c), F((c) + 1), F((c) + 2), F((c) + 3)
#define PEEL_BYTES16(F, c)                                                                         \
    PEEL_BYTES4(F, c), PEEL_BYTES4(F, (c) + 4), PEEL_BYTES4(F, (c) + 8), PEEL_BYTES4(F, (c) + 12)
#define PEEL_BYTES64(F, c)                                                                         \
    PEEL_BYTES16(F, c), PEEL_BYTES16(F, (c) + 16), PEEL_BYTES16(F, (c) + 32),                      \
        PEEL_BYTES16(F, (c) + 48)
#define PEEL_BYTE_TABLE(F)                                                                         \
    {                                                                                              \
        PEEL_BYTES64(F, 0), PEEL_BYTES64(F, 64), PEEL_BYTES64(F, 128), PEEL_BYTES64(F, 192)        \
    }
static inline unsigned peel_num_col(unsigned char c)
{
    static const unsigned char col[256] = PEEL_BYTE_TABLE(PEEL_NUM_COL);
    return col[c];
}
#undef PEEL_NUM_COL

/* The first two bytes of number words, as peel_num_col reads them (c0 and
 * c1 0..PEEL_NUM_BLANK): bit peel_num_col(c) is set for each third letter
 * c that may follow them, and nothing is set when no number word starts
 * so (a first byte not a letter, a second neither a letter nor the blank
 * of "a hundred").  The one table of number words' starts:
 * peel_num_may_spell reads it, and ingest's prefilter folds it into its
 * own first test. */
static inline uint32_t peel_num_spell_thirds(unsigned c0, unsigned c1)
{
#define L(c) (UINT32_C(1) << ((c) - 'a' + 1))
#define C(c) ((c) - 'a' + 1)
    static const uint32_t thirds[PEEL_NUM_BLANK + 1][PEEL_NUM_BLANK + 1] = {
        [C('a')] = {[PEEL_NUM_BLANK] = L('h')},
        [C('e')] = {[C('i')] = L('g'), [C('l')] = L('e')},
        [C('f')] = {[C('i')] = L('f') | L('v'), [C('o')] = L('r') | L('u')},
        [C('n')] = {[C('i')] = L('n')},
        [C('o')] = {[C('n')] = L('e')},
        [C('s')] = {[C('e')] = L('v'), [C('i')] = L('x')},
        [C('t')] = {[C('e')] = L('n'), [C('h')] = L('i') | L('r'), [C('w')] = L('e') | L('o')},
        [C('z')] = {[C('e')] = L('r')}};
#undef C
#undef L
    return thirds[c0][c1];
}

/* Whether a spelled number may start s[0..len), told by its first three
 * letters: most words of prose fail there ("but", "police", "of", "the"),
 * and peel_num_spelled is 0 for every word that fails.  In line, as ingest
 * asks it at every word of its sentences (a call a word showed); the
 * scanner asks it first too.  Three lookups, no test of a range. */
static inline int peel_num_may_spell(const char *s, size_t len)
{
    if (len < 3)
        return 0; /* every number word has three letters or more */
    uint32_t thirds =
        peel_num_spell_thirds(peel_num_col((unsigned char)s[0]), peel_num_col((unsigned char)s[1]));
    return thirds >> peel_num_col((unsigned char)s[2]) & 1;
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
