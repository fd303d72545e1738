/* Named facts by meaning: the fact extractor's internals.
 *
 * A sentence becomes tokens (words, figures, punctuation); the lexicon
 * (pipeline/lexicon.csv) marks the words that name concepts, groups, units,
 * the cues of roles, scopes, bounds, rates and periods; each figure then
 * takes a concept, a role and a group from the marks around it, and the key
 * catalogue (pipeline/facts.csv) turns (concept, role, figure type, group)
 * into a fact key and unit.  Nothing here knows a force, a figure or a
 * sentence of any report: the words are data.  README.md, "Named facts",
 * tells the design with examples. */
#ifndef ING_FACTS_H
#define ING_FACTS_H

#include <stddef.h>

#include "peel_err.h"
#include "peel_mem.h"
#include "peel_num.h"

/* ---- the lexicon (lexicon.c) ---- */

typedef enum ing_lex_kind {
    LEX_CONCEPT,      /* what a figure is about: budget, savings, reserves... */
    LEX_GROUP,        /* who a count or share is of: officers, staff, PCSOs... */
    LEX_UNIT,         /* what a count counts when it says so: posts, FTE */
    LEX_CUE,          /* words that point to a role: "has saved", "a further" */
    LEX_SCOPE,        /* the nation or another body: not the force's own figure */
    LEX_BOUND,        /* "less than": a ceiling, not a value */
    LEX_RATE,         /* "per month": money per period */
    LEX_APPROX,       /* "around", "almost": skipped between a word and its figure */
    LEX_FRAME,        /* words before a period: kept ("by", "since") or dropped ("in") */
    LEX_DET,          /* words inside a relative period: "the", "next" */
    LEX_SPAN,         /* what a relative period counts: years, spending review */
    LEX_WHEN,         /* relative periods as a whole: "this year", "per year" */
    LEX_REFER,        /* "this", "it": the sentence points back */
    LEX_REFER_PERIOD, /* "at that point": the period of the sentence before */
    LEX_OUTOF,        /* "out of": N out of M */
    LEX_MONTH,        /* month names */
    LEX_TIME,         /* "years", "hours": a count of time is not a fact */
    LEX_FRACTION,     /* "a quarter": a share in words (value: the share) */
    LEX_LINK,         /* words that may follow a bare count: "was", "in", "to" */
    LEX_MODIFIER,     /* words between a count and what it counts: "400 fewer civilian staff" */
    LEX_RELFRAME,     /* words that open a relative period: "over", "in the next" */
    LEX_NOT_PERIOD,   /* "for the first time since": the date that follows is no period */
    LEX_NKIND
} ing_lex_kind;

typedef struct ing_term {
    ing_lex_kind kind;
    const char *value;       /* interned; "" when the kind has none */
    const char *const *word; /* the term's words, lower case */
    const size_t *wlen;      /* their lengths */
    int nword;
} ing_term;

/* One row of the role decision list: the role applies when every cue class
 * in `need` is among a figure's cues ("@from" and the like are set from
 * the sentence's structure, not from words).  Strings interned. */
enum { ING_ROLE_MAX_NEEDS = 3 };
typedef struct ing_role_rule {
    const char *role;
    const char *need[ING_ROLE_MAX_NEEDS];
    int nneed;
} ing_role_rule;

/* Figure types a key row asks for. */
typedef enum ing_fig_type { FIG_MONEY, FIG_SHARE, FIG_COUNT, FIG_RATE, FIG_NTYPE } ing_fig_type;

/* One row of pipeline/facts.csv.  Strings interned. */
enum { ING_KEY_MAX_UNITS = 4 };
typedef struct ing_key_row {
    const char *key; /* may hold "{group}" */
    const char *pillar, *concept, *role;
    const char *group; /* "" any, "*" any named group, else that group */
    ing_fig_type type;
    const char *unit[ING_KEY_MAX_UNITS]; /* the first is the default */
    int nunit;
    double min, max; /* plausible values; NAN when open */
} ing_key_row;

/* Where a concept's rows of the key catalogue start. */
typedef struct ing_concept_rows {
    const char *concept; /* interned */
    size_t first;        /* row index + 1 */
} ing_concept_rows;

/* Names the extractor uses, interned once (so that cues compare by
 * pointer): the cue classes of change and the pseudo-cues of structure. */
typedef struct ing_names {
    const char *up, *down, *reach, *change, *from, *to, *whole, *national, *max, *of, *low, *high,
        *toplain, *part, *source, *compared, *makeup, *meet;
} ing_names;

/* "@np" + a cue class that some role rule names, by class. */
typedef struct ing_np {
    const char *cls, *np;
} ing_np;

typedef struct ing_lexicon {
    peel_arena arena; /* owns everything below */
    ing_term *term;
    size_t nterm;
    size_t *bucket;  /* hash of a one-word term's word → term index + 1 */
    size_t *bucket2; /* hash of a longer term's first two words → term index + 1 */
    size_t *chain;   /* next term in the same bucket, index + 1; 0 ends */
    size_t nbucket;
    const char **words;       /* every word of a term once, by hash (open addressing) */
    size_t nwords;            /* slots of words, a power of 2 */
    unsigned char *fraction;  /* per bucket: FRACTION_FIRST, FRACTION_LAST: some fraction
                                 term's first or last word is there */
    int fraction_odd;         /* a fraction term ends in a word not all ASCII letters */
    unsigned fraction_last;   /* bit c - 'a': a fraction term's last word starts with c */
    unsigned fraction_len;    /* bit n (31: 31 or more): a fraction term's last word has n bytes */
    uint32_t figure_pair[26]; /* per first letter c0 - 'a', bit peel_num_col of the second
                                 byte (a letter, or after a word of one letter the blank or
                                 another byte): a word of ASCII letters starting so may start
                                 a spelled number or end a fraction term
                                 (ing_lexicon_may_be_figure_word); every bit when
                                 fraction_odd */
    int max_words;            /* the longest term, in words */
    ing_role_rule *rule;      /* the role decision list, in file order */
    size_t nrule;
    ing_key_row *row; /* the key catalogue, in file order */
    size_t nrow;
    size_t *row_next;               /* per row: the next row of its concept, index + 1; 0 ends */
    ing_concept_rows *concept_rows; /* each concept's first row */
    size_t nconcept_rows;
    const char *none_role, *level_role, *any; /* interned "none", "level", "*" */
    ing_names nm;
    ing_np *np; /* one per cue class a rule names as "@np..." */
    size_t nnp;
} ing_lexicon;

peel_status ing_lexicon_load(ing_lexicon *lx, const char *lexicon_path, const char *facts_path,
                             peel_err *err);
void ing_lexicon_release(ing_lexicon *lx);
/* The hash of a word, as the lexicon's index keys its terms' first words:
 * FNV-1a, byte by byte from ING_HASH_START, so that the tokenizer can
 * hash a word as it writes it. */
#define ING_HASH_START ((size_t)2166136261u)
static inline size_t ing_hash_byte(size_t h, unsigned char c)
{
    return (h ^ c) * 16777619u;
}
size_t ing_lexicon_hash(const char *w, size_t n);
/* The lexicon's own copy of the word w[0..n) (h: its hash), the one its
 * terms point to, or NULL when no term has that word. */
const char *ing_lexicon_word(const ing_lexicon *lx, const char *w, size_t n, size_t h);
/* Every term, of any kind, made of the first words of w[0..n) (each as
 * ing_lexicon_word gives it; wh: their hashes), at most max, in file
 * order.  Returns how many. */
int ing_lexicon_at(const ing_lexicon *lx, const char *const *w, const size_t *wh, int n,
                   const ing_term **out, int max);
/* Whether a fraction term ("a quarter") may start with the word of hash
 * h0: when not, ing_lexicon_at finds none there. */
int ing_lexicon_may_fraction(const ing_lexicon *lx, size_t h0);
/* Whether a fraction term may end with w[0..n) (ASCII letters, lower case):
 * when not, no fraction term ends there. */
int ing_lexicon_may_end_fraction(const ing_lexicon *lx, const char *w, size_t n);
/* Whether a fraction term may end with a word of n bytes whose first is c
 * (lower case): the first test of ing_lexicon_may_end_fraction, for a
 * caller that has not copied the word yet.  Inline: asked of almost every
 * word. */
static inline int ing_lexicon_may_end_fraction_with(const ing_lexicon *lx, unsigned char c,
                                                    size_t n)
{
    return lx->fraction_odd || (c >= 'a' && c <= 'z' && (lx->fraction_last & (1u << (c - 'a'))) &&
                                (lx->fraction_len & (1u << (n < 31 ? n : 31))));
}
/* Whether the word of ASCII letters at w (w[1] its second letter or the
 * byte after it) may start a spelled number or end a fraction term, told
 * by its first two bytes: the prefilter's first test, which most words
 * fail.  0 only when peel_num_may_spell and ing_lexicon_may_end_fraction
 * are both 0. */
static inline int ing_lexicon_may_be_figure_word(const ing_lexicon *lx, const unsigned char *w)
{
    return lx->figure_pair[(w[0] | 0x20) - 'a'] >> peel_num_col(w[1]) & 1;
}
/* The first row of the key catalogue for an interned concept, index + 1
 * (0: none); lx->row_next goes on to its others, in file order. */
size_t ing_lexicon_first_row(const ing_lexicon *lx, const char *concept);
/* "@np" + cls when some role rule names it, else NULL. */
const char *ing_lexicon_np(const ing_lexicon *lx, const char *cls);
/* Whether an interned value names a group (officers, staff...). */
int ing_lexicon_is_group(const ing_lexicon *lx, const char *value);

/* What a sentence passes on to the next one, and a list's introduction to
 * its items.  Strings interned or in the report's arena. */
typedef struct ing_carry {
    const char *concept; /* the concept of its last fact */
    const char *role;
    const char *period;   /* its last period, as text */
    const char *dated[2]; /* its dated periods, for "comparing X with Y" */
    int ndated;
} ing_carry;

/* ---- a sentence as tokens (tokens.c) ---- */

typedef enum ing_tok_kind { TOK_WORD, TOK_FIG, TOK_MARK } ing_tok_kind;

typedef struct ing_tok {
    ing_tok_kind kind;
    size_t start, end; /* bytes of the block's text */
    const char *word;  /* lower case: the word, or a figure as printed */
    size_t wlen, hash; /* word's length and ing_lexicon_hash (0 for a mark) */
    peel_num num;      /* TOK_FIG; start and end are the block's bytes */
    char mark;         /* TOK_MARK: , ; : ( ) . ! ? / " or '-' for dashes */
} ing_tok;

typedef struct ing_tokens {
    ing_tok *tok; /* owned */
    size_t n, cap;
} ing_tokens;

/* Tokens of text[from..to) into *out (emptied first).  num[0..nnum) are
 * the figures of text (peel_num_next over all of it, in order: they are
 * found once per paragraph, not again per sentence).  Words live in `a`. */
void ing_tokenize(peel_arena *a, const char *text, size_t from, size_t to, const peel_num *num,
                  size_t nnum, ing_tokens *out);
/* Whether ing_tokenize and the fractions' merge may find a figure in
 * text[from..to): 0 only when they find none (no figure of num inside it,
 * no spelled number, no word a fraction term ends with), at a fraction of
 * their cost. */
int ing_may_hold_figures(const ing_lexicon *lx, const char *text, size_t from, size_t to,
                         const peel_num *num, size_t nnum);
/* The figures of text, in order (peel_num_next); *out owned by the caller. */
size_t ing_scan_nums(const char *text, peel_num **out);
void ing_tokens_release(ing_tokens *t);

/* ---- a sentence analysed (sentence.c, period.c) ---- */

typedef struct ing_seg {
    size_t from, to; /* tokens; a clause between , ; : ( ) and dashes */
    int paren;       /* inside parentheses */
    int cond;        /* starts with "if" */
    int when;        /* starts with "when" */
    int restate;     /* starts with "i.e." */
} ing_seg;

typedef struct ing_period {
    size_t from, to;  /* tokens */
    const char *text; /* as the record gives it; NULL for "at that point" */
    int dated;        /* names a year or date */
    int years;        /* "over the next four years": 4; else 0 */
    int counted;      /* its years were made a fact */
    size_t owner;     /* a rate's figure ("£3.38 a year"): only it may take this period;
                         (size_t)-1 for any */
} ing_period;

/* A cue word of one class: a word may be a cue of several ("additional":
 * a rise, and officers to be recruited). */
typedef struct ing_cue {
    const char *cls; /* interned cue class */
    size_t from, to; /* tokens */
} ing_cue;

typedef struct ing_sent {
    const ing_lexicon *lx; /* borrowed */
    const char *text;      /* the block's text, borrowed */
    ing_tokens t;          /* owned */
    const ing_term **mark; /* mark[k * t.n + i]: the term of kind k at token i; owned */
    size_t *mark_end;      /* its end, same layout; owned */
    size_t cap_mark;       /* cells of mark and mark_end; all of mark NULL but the set ones */
    size_t *set;           /* the cells of mark set, to clear for the next sentence; owned */
    size_t nset, cap_set;
    int *seg_of;  /* segment of each token; owned */
    ing_seg *seg; /* owned */
    size_t nseg, cap_seg;
    ing_period *per; /* owned */
    size_t nper, cap_per;
    unsigned char *used; /* per token: part of a period or a term, not a fact; owned */
    ing_cue *cue;        /* every cue, by start; owned */
    size_t ncue, cap_cue;
    const char **word; /* per token: its word as ing_lexicon_word gives it, or NULL; owned */
    size_t *whash;     /* per token: its word's hash (0 for a mark); owned */
    int *run;          /* per token: the words from it to the next mark; owned */
    size_t cap_tok;    /* room in word, whash, run, seg_of and used */
} ing_sent;

/* Analyses text[from..to) (one sentence): tokens, lexicon marks, clauses
 * and periods.  Words live in `a`.  *s is reused: release once at the end. */
void ing_sent_analyse(ing_sent *s, const ing_lexicon *lx, peel_arena *a, const char *text,
                      size_t from, size_t to, const peel_num *num, size_t nnum);
/* ing_sent_analyse in two halves, so that a sentence without figures can
 * stop after the first: its tokens (fractions merged), returning how many
 * are figures; then the marks, clauses and periods of those tokens. */
size_t ing_sent_tokens(ing_sent *s, const ing_lexicon *lx, peel_arena *a, const char *text,
                       size_t from, size_t to, const peel_num *num, size_t nnum);
void ing_sent_finish(ing_sent *s, peel_arena *a);
void ing_sent_release(ing_sent *s);
/* The term of `kind` marked at token i, or NULL (also past the end); and
 * its end, which only a marked token has (i past the end; anything where no
 * term is marked: find_marks clears the marks, not their ends).  Inline:
 * the facts pass asks for marks more than for anything else. */
static inline const ing_term *ing_sent_mark(const ing_sent *s, ing_lex_kind kind, size_t i)
{
    return i < s->t.n ? s->mark[(size_t)kind * s->t.n + i] : NULL;
}

static inline size_t ing_sent_mark_end(const ing_sent *s, ing_lex_kind kind, size_t i)
{
    return i < s->t.n ? s->mark_end[(size_t)kind * s->t.n + i] : i;
}
/* The k-th mark of the sentence (k < s->nset; in no order): its kind and
 * token. */
static inline void ing_sent_nth_mark(const ing_sent *s, size_t k, ing_lex_kind *kind, size_t *i)
{
    *kind = (ing_lex_kind)(s->set[k] / s->t.n);
    *i = s->set[k] % s->t.n;
}
void ing_sent_find_periods(ing_sent *s, peel_arena *a);
/* Removes the periods inside tokens [from, to) (a rate that was a unit). */
void ing_sent_drop_period(ing_sent *s, size_t from, size_t to);

/* ---- the facts pass (facts.c) ---- */

/* Room the facts pass reuses from block to block (a report has hundreds of
 * blocks, of a few sentences each): the sentence read and the one before,
 * and room for a figure's roles (one a row of the lexicon's decision list;
 * the lexicon is the same for every block).  Zeroed by the caller,
 * released once at the end. */
typedef struct ing_facts_work {
    ing_sent s, prev;   /* owned */
    const char **roles; /* owned; NULL until a figure needs it */
} ing_facts_work;
void ing_facts_work_release(ing_facts_work *w);

#endif
