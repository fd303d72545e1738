/* Named facts by meaning.  For each figure of a sentence:
 *
 *  1. its type: money, a share, a count, or money per period (a rate:
 *     "£24 a year", "16 pence a week");
 *  2. what it is of: for a count, the noun after it ("400 fewer police
 *     officers": officers; "1,700 full-time equivalents": FTE); for a share,
 *     "of" and a group ("33 percent of officers") or a base ("14% of its
 *     budget");
 *  3. its cues: the lexicon's cue words in its clause, up to the figure
 *     before it, plus a few words after it; and cues of structure, such as
 *     "from X to Y" (@from, @to), "N out of M" (@whole), an item of a list
 *     introduced by its total (@part), a change figure ("by £5m", "a cut of
 *     1.6%", "400 fewer": @change), a national figure (@national), "less
 *     than" (@max), a requirement next to the figure ("the £16.6m savings
 *     required": @npneed);
 *  4. its concept and role: the concepts nearest to it (its clause first,
 *     then the clause a parenthesis explains, then the rest of the sentence,
 *     earlier clauses before later ones, then the sentence before when this
 *     one points back, then a list's introduction), each tried with the
 *     role decision list; the first (concept, role) the key catalogue has a
 *     row for, for this figure type, group and unit, makes the fact;
 *  5. its period (period.c): its clause's, the nearest after it, else
 *     before it; else the sentence's, from a clause about the same concept;
 *     "at that point" takes the sentence before's.
 *
 * Changes are signed by the clause's cues ("cut", "fewer": negative). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "ing.h"

enum {
    MAX_NAMES = 32,
    NP_WINDOW = 3,
    NOUN_WINDOW = 4,
    SCOPE_WINDOW = 4,
    CHANGE_AFTER = 6,
};

/* A small set of interned names in the order added: a figure's cues, a
 * figure's concept candidates. */
typedef struct name_set {
    const char *item[MAX_NAMES];
    int n;
} name_set;

static void set_add(name_set *set, const char *c)
{
    if (!c)
        return;
    for (int k = 0; k < set->n; k++)
        if (set->item[k] == c)
            return;
    if (set->n < MAX_NAMES)
        set->item[set->n++] = c;
}

static int set_has(const name_set *set, const char *c)
{
    for (int k = 0; k < set->n; k++)
        if (set->item[k] == c)
            return 1;
    return 0;
}

/* What one figure of the sentence is, before its key is known. */
typedef struct fig {
    size_t i; /* token */
    ing_fig_type type;
    const char *rate; /* rate unit ("GBP/month"), or NULL */
    size_t rate_from, rate_to;
    const char *noun_unit; /* a count's own unit noun (posts, FTE), or NULL */
    const char *group;     /* the group a count or share is of, or NULL */
    int own_group;         /* group said right by the figure */
    int foreign_noun;      /* a count of something the lexicon does not name */
    size_t base;           /* token of a share's base concept, or (size_t)-1 */
    int excluded;          /* not a fact at all */
    int move;              /* 0; 1 "from X"; 2 "to Y" of a movement */
    int partner;           /* the other figure of the movement, or -1 */
    int whole;             /* M of "N out of M" */
    int part_of;           /* N of "N out of M": index of M, or -1 */
    int negative;          /* a fall */
    name_set cues;
    int national, other, max;
    int words_range;  /* "between £12m and £15m": a range's low end, a fact only as one */
    double words_hi;  /* its high end */
    size_t resp_year; /* "... for 2023/24 and 2024/25 respectively": its year's token + 1, or 0 */
    int resp_item; /* "£4.2m, £2.8m and £1.5m in X, Y and Z respectively": a part of a whole */
} fig;

typedef ing_carry carry;

/* The sentence before, as the carry a sentence that points back takes.
 * One without figures is read only when its carry is first asked for:
 * most sentences that point back find their concept and period without
 * it. */
typedef struct lookback {
    carry c;     /* the carry, once read */
    int pending; /* c is that of text[from..to), a sentence without figures, not read yet */
    size_t from, to;
    ing_sent s; /* where it is read; owned */
} lookback;

typedef struct pass {
    ing_ctx *cx;
    const ing_lexicon *lx;
    const ing_block *b;
    ing_sent s;
    fig *f;
    size_t nf, capf;
    lookback *prev;     /* the sentence before in this block */
    carry intro;        /* the list's introduction */
    int item;           /* the block is an item of a list with an introduction */
    const char **roles; /* the work's room for a figure's roles (fig_roles) */
} pass;

/* ---- tokens ---- */

static const ing_tok *tok(const pass *p, size_t i)
{
    return &p->s.t.tok[i];
}

static int is_word(const pass *p, size_t i, const char *w)
{
    return i < p->s.t.n && tok(p, i)->kind == TOK_WORD && strcmp(tok(p, i)->word, w) == 0;
}

/* Whether token i is the "to" of "equivalent to" or "equal to": a figure
 * after it restates one, it ends no movement ("£15m, equivalent to 14 per
 * cent of its budget"). */
static int equiv_to(const pass *p, size_t i)
{
    return i > 0 && is_word(p, i, "to") &&
           (is_word(p, i - 1, "equivalent") || is_word(p, i - 1, "equal"));
}

static const ing_term *mark(const pass *p, ing_lex_kind k, size_t i)
{
    return ing_sent_mark(&p->s, k, i);
}

static size_t mark_end(const pass *p, ing_lex_kind k, size_t i)
{
    return ing_sent_mark_end(&p->s, k, i);
}

/* Whether token i opens the source of the money before it: "from",
 * "through" or "via" and then (past one article) a concept ("£62.1m from
 * council tax", "raises £61.5m through the precept"). */
static int sourced(const pass *p, size_t i)
{
    if (!is_word(p, i, "from") && !is_word(p, i, "through") && !is_word(p, i, "via"))
        return 0;
    if (is_word(p, i + 1, "the"))
        i++;
    return mark(p, LEX_CONCEPT, i + 1) != NULL;
}

static int seg_of(const pass *p, size_t i)
{
    return p->s.seg_of[i];
}

/* The sentence before is one with figures, read: its carry is c. */
static void lookback_take(lookback *lb, const carry *c)
{
    lb->c = *c;
    lb->pending = 0;
}

/* The sentence before is text[from..to), without figures, read when its
 * carry is asked for (prev_carry). */
static void lookback_defer(lookback *lb, size_t from, size_t to)
{
    lb->pending = 1;
    lb->from = from;
    lb->to = to;
}

/* The first concept marked in a sentence, or NULL. */
static const char *sent_first_concept(const ing_sent *s)
{
    for (size_t i = 0; i < s->t.n; i++)
        if (ing_sent_mark(s, LEX_CONCEPT, i))
            return ing_sent_mark(s, LEX_CONCEPT, i)->value;
    return NULL;
}

/* The periods a sentence passes on: its last, and its first two dated. */
static void take_periods(const ing_sent *s, carry *c)
{
    c->ndated = 0;
    for (size_t k = 0; k < s->nper; k++) {
        if (!s->per[k].text)
            continue;
        c->period = s->per[k].text;
        if (s->per[k].dated && c->ndated < 2)
            c->dated[c->ndated++] = s->per[k].text;
    }
}

/* The carry of the sentence before.  One without figures makes no fact:
 * its carry is its first concept and its periods (what facts_of_sentence
 * passes on from a sentence without figures). */
static const carry *prev_carry(const pass *p)
{
    lookback *lb = p->prev;
    if (lb->pending) {
        ing_sent_analyse(&lb->s, p->lx, &p->cx->rep->arena, p->b->text, lb->from, lb->to, p->b->num,
                         p->b->nnum);
        memset(&lb->c, 0, sizeof lb->c);
        take_periods(&lb->s, &lb->c);
        lb->c.concept = sent_first_concept(&lb->s);
        lb->pending = 0;
    }
    return &lb->c;
}

/* The token before i, skipping words such as "around" and "the"; (size_t)-1
 * at the start. */
static size_t before_approx(const pass *p, size_t i)
{
    size_t k = i;
    while (k > 0) {
        size_t j = k - 1;
        /* an approx term ending at k */
        int found = 0;
        for (size_t s = j + 1; s-- > 0 && k - s <= 4;)
            if (mark(p, LEX_APPROX, s) && mark_end(p, LEX_APPROX, s) == k) {
                k = s;
                found = 1;
                break;
            }
        if (!found)
            return j;
    }
    return (size_t)-1;
}

/* ---- figures and what surrounds them ---- */

static fig *fig_of_token(pass *p, size_t i)
{
    for (size_t k = 0; k < p->nf; k++)
        if (p->f[k].i == i)
            return &p->f[k];
    return NULL;
}

static void add_cue(fig *f, const char *c)
{
    set_add(&f->cues, c);
}

static int has_cue(const fig *f, const char *c)
{
    return set_has(&f->cues, c);
}

/* Tokens inside a term that holds a figure ("999 calls", "per 1,000
 * population") are words of the term, not figures. */
static void mark_term_figures(pass *p)
{
    for (size_t m = 0; m < p->s.nset; m++) {
        ing_lex_kind k;
        size_t i;
        ing_sent_nth_mark(&p->s, m, &k, &i);
        size_t end = mark_end(p, k, i);
        if (k == LEX_FRACTION || end <= i + 1)
            continue;
        for (size_t j = i; j < end; j++)
            if (tok(p, j)->kind == TOK_FIG)
                p->s.used[j] = 1;
    }
}

static int is_time_after(const pass *p, size_t i)
{
    return mark(p, LEX_TIME, i + 1) != NULL;
}

static void find_rate(pass *p, fig *f)
{
    size_t i = f->i, at = i + 1;
    /* "£13 increase per year": past the change word said with it */
    const ing_term *c = mark(p, LEX_CUE, at);
    if (c && !mark(p, LEX_RATE, at) &&
        (strcmp(c->value, "up") == 0 || strcmp(c->value, "down") == 0))
        at = mark_end(p, LEX_CUE, at);
    if (mark(p, LEX_RATE, at)) {
        f->rate = mark(p, LEX_RATE, at)->value;
        f->rate_from = at;
        f->rate_to = mark_end(p, LEX_RATE, at);
        return;
    }
    for (size_t k = i; k-- > 0 && i - k <= NP_WINDOW;) {
        if (tok(p, k)->kind != TOK_WORD)
            break;
        if (mark(p, LEX_RATE, k) && mark_end(p, LEX_RATE, k) == k + 1) {
            f->rate = mark(p, LEX_RATE, k)->value;
            f->rate_from = f->rate_to = 0;
            return;
        }
    }
}

/* Whether token i is inside (not at the start of) a term of kind k. */
/* Whether a term of kind starts at most `back` tokens before token i and
 * ends in [lo, hi]: the one backward look that "inside a term", "covered
 * by an approximation" and "a group's name ends here" each are. */
static int term_ends_in(const pass *p, ing_lex_kind kind, size_t i, size_t back, size_t lo,
                        size_t hi)
{
    for (size_t k = i; k-- > 0 && i - k <= back;)
        if (mark(p, kind, k) && mark_end(p, kind, k) >= lo && mark_end(p, kind, k) <= hi)
            return 1;
    return 0;
}

static int inside_kind(const pass *p, ing_lex_kind kind, size_t i)
{
    return term_ends_in(p, kind, i, 5, i + 1, (size_t)-1);
}

/* Whether token i is inside (not at the start of) a group or unit term. */
static int inside_term(const pass *p, size_t i)
{
    return inside_kind(p, LEX_GROUP, i) || inside_kind(p, LEX_UNIT, i);
}

/* A word that may follow a figure without being what it counts. */
static int is_link(const pass *p, size_t j)
{
    return mark(p, LEX_LINK, j) || mark(p, LEX_FRAME, j) || mark(p, LEX_APPROX, j) ||
           mark(p, LEX_RATE, j) || mark(p, LEX_OUTOF, j) || mark(p, LEX_UNIT, j) ||
           mark(p, LEX_GROUP, j);
}

/* "13,410 FTE staff": the group a unit noun counts, right after it (past
 * modifiers). */
static void group_after_unit(pass *p, fig *f, size_t j)
{
    for (size_t end = j + NOUN_WINDOW; j < p->s.t.n && j < end && tok(p, j)->kind == TOK_WORD;
         j++) {
        if (mark(p, LEX_GROUP, j)) {
            f->group = mark(p, LEX_GROUP, j)->value;
            f->own_group = 1;
            return;
        }
        if (!mark(p, LEX_MODIFIER, j))
            return;
    }
}

/* A count's noun: a group or unit after it, with only modifiers between
 * ("400 fewer civilian staff", "1,700 officer posts").  A count of something
 * else ("22,000 body-worn video devices", "18 teams of officers") is
 * foreign: no group is its concept. */
static void find_noun(pass *p, fig *f)
{
    size_t i = f->i;
    for (size_t j = i + 1; j < p->s.t.n && j <= i + NOUN_WINDOW; j++) {
        if (tok(p, j)->kind != TOK_WORD)
            break;
        if (mark(p, LEX_GROUP, j)) {
            f->group = mark(p, LEX_GROUP, j)->value;
            f->own_group = 1;
            size_t e = mark_end(p, LEX_GROUP, j);
            if (mark(p, LEX_UNIT, e))
                f->noun_unit = mark(p, LEX_UNIT, e)->value; /* "officer posts" */
            return;
        }
        if (mark(p, LEX_UNIT, j)) {
            f->noun_unit = mark(p, LEX_UNIT, j)->value;
            group_after_unit(p, f, mark_end(p, LEX_UNIT, j));
            return;
        }
        if (!mark(p, LEX_MODIFIER, j))
            break;
    }
    /* A word that is not a link or a modifier, or a modifier of nothing
     * the lexicon knows ("13 new vehicles"). */
    size_t n = i + 1;
    if (n < p->s.t.n && tok(p, n)->kind == TOK_WORD &&
        (mark(p, LEX_MODIFIER, n) ? !f->group && !f->noun_unit : !is_link(p, n)))
        f->foreign_noun = 1;
}

/* A period's owner that no figure is: the date of a share's base. */
#define BASE_DATE ((size_t)-2)

/* The dated period that starts at token j, with no framing word, or NULL. */
static ing_period *date_starting(pass *p, size_t j)
{
    if (tok(p, j)->kind == TOK_WORD)
        return NULL; /* a date starts at its figure, and most tokens are words */
    for (size_t k = 0; k < p->s.nper; k++)
        if (p->s.per[k].from == j && p->s.per[k].dated)
            return &p->s.per[k];
    return NULL;
}

static size_t seg_start(const pass *p, size_t i);

/* Whether a cue of a share something makes up is in f's clause before it. */
static int makeup_before(const pass *p, const fig *f)
{
    size_t from = seg_start(p, f->i);
    for (size_t k = 0; k < p->s.ncue; k++)
        if (p->s.cue[k].cls == p->lx->nm.makeup && p->s.cue[k].from >= from &&
            p->s.cue[k].from < f->i)
            return 1;
    return 0;
}

/* "N% of [a few words] GROUP" or "... of BASE". */
static void find_of(pass *p, fig *f)
{
    size_t i = f->i + 1;
    if (!is_word(p, i, "of"))
        return;
    /* "2,340 applications ..., a third of them from women": a share of
     * what a count of something unnamed counts is no share of a group */
    const fig *g = p->nf >= 2 ? &p->f[p->nf - 2] : NULL;
    if (mark(p, LEX_REFER, i + 1) && g && g->type == FIG_COUNT && g->foreign_noun) {
        f->excluded = 1;
        return;
    }
    ing_period *dated = NULL; /* "19 per cent of its 2010/11 budget" */
    for (size_t j = i + 1; j < p->s.t.n && j <= i + NOUN_WINDOW; j++) {
        ing_period *d = dated ? NULL : date_starting(p, j);
        if (d) {
            dated = d;
            j = d->to - 1;
            continue;
        }
        if (tok(p, j)->kind != TOK_WORD)
            return;
        if (mark(p, LEX_GROUP, j) || mark(p, LEX_CONCEPT, j)) {
            if (mark(p, LEX_GROUP, j)) {
                f->group = mark(p, LEX_GROUP, j)->value;
                f->own_group = 1;
            }
            f->base = j;
            /* the base's year dates the base, not the share, unless the
             * share is what something makes up of that year's base
             * ("Council tax will fund 38.1% of the 2024/25 budget") */
            if (dated && !makeup_before(p, f))
                dated->owner = BASE_DATE;
            return;
        }
        /* "of this coming from ...": the words between name no base */
        if (mark(p, LEX_REFER, j) || mark(p, LEX_CUE, j) ||
            (mark(p, LEX_LINK, j) && !mark(p, LEX_APPROX, j)))
            return;
    }
}

/* Whether token j is inside (not at the start of) a concept's name. */
static int inside_concept_at(const pass *p, size_t j)
{
    for (size_t k = j; k-- > 0 && j - k < 8;)
        if (mark(p, LEX_CONCEPT, k) && mark_end(p, LEX_CONCEPT, k) > j)
            return 1;
    return 0;
}

/* A share's group said right after it, past a concept or modifiers. */
static void group_after(pass *p, fig *f)
{
    for (size_t j = f->i + 1; j < p->s.t.n && j <= f->i + NOUN_WINDOW; j++) {
        if (tok(p, j)->kind != TOK_WORD)
            return;
        if (mark(p, LEX_GROUP, j)) {
            f->group = mark(p, LEX_GROUP, j)->value;
            f->own_group = 1;
            f->base = j; /* "one in five officers": a share of them, as "of officers" */
            return;
        }
        if (!mark(p, LEX_CONCEPT, j) && !mark(p, LEX_MODIFIER, j) && !inside_concept_at(p, j))
            return;
    }
}

/* The group named last before token i in the sentence, or NULL. */
static const char *group_before(const pass *p, size_t i)
{
    const char *g = NULL;
    for (size_t j = 0; j < i; j++)
        if (mark(p, LEX_GROUP, j))
            g = mark(p, LEX_GROUP, j)->value;
    return g;
}

/* Whether what follows "than" at token i is an earlier time ("in 2010",
 * "a year ago", "it had in March 2015"), not another body ("the most
 * similar forces"). */
static int than_a_time(const pass *p, size_t i)
{
    for (size_t j = i; j < p->s.t.n && j < i + 8; j++) {
        const ing_tok *t = tok(p, j);
        if (mark(p, LEX_SCOPE, j))
            return 0;
        if ((t->kind == TOK_FIG && t->num.unit == PEEL_UNIT_YEAR) || mark(p, LEX_WHEN, j) ||
            mark(p, LEX_MONTH, j) || mark(p, LEX_SPAN, j))
            return 1;
        if (t->kind != TOK_WORD && t->kind != TOK_FIG)
            return 0;
    }
    return 0;
}

/* "The capital programme of £18.6m includes £6.2m for replacing
 * vehicles": money a total said before it includes for a purpose (not a
 * period: "for 2024/25") is an allocation of that total, no fact. */
static int allocated(const pass *p, const fig *f)
{
    size_t w = before_approx(p, f->i);
    if (w == (size_t)-1 || !is_word(p, f->i + 1, "for") || p->s.used[f->i + 1] ||
        (f->i + 2 < p->s.t.n && p->s.used[f->i + 2]))
        return 0;
    if (!is_word(p, w, "includes") && !is_word(p, w, "including") && !is_word(p, w, "include") &&
        !is_word(p, w, "included"))
        return 0;
    for (size_t k = 0; k + 1 < p->nf; k++)
        if (tok(p, p->f[k].i)->num.unit == PEEL_UNIT_GBP)
            return 1;
    return 0;
}

/* "1,767 FTE officers (1,801 headcount)", "1,612 officers on a headcount
 * basis, or 1,581.4 FTE": a count in brackets or after "or" right after a
 * count of a group, said as the whole workforce's measure or bare,
 * restates that count in another measure: it counts the same group. */
static void restated_count(pass *p, fig *f)
{
    if (p->nf < 2 || f->i < 2 || (f->group && strcmp(f->group, "workforce") != 0))
        return;
    const fig *g = &p->f[p->nf - 2];
    const ing_tok *open = tok(p, f->i - 1);
    size_t o = f->i - 1; /* the opener's first token */
    int paren = open->kind == TOK_MARK && open->mark == '(', orr = is_word(p, o, "or");
    if (orr && o > g->i + 1 && tok(p, o - 1)->kind == TOK_MARK && tok(p, o - 1)->mark == ',')
        o--;
    /* past the words of a date ("2,146 police staff on a headcount basis
     * at 31 March 2020, or 1,903 ...") */
    size_t words = 0;
    for (size_t i = g->i + 1; i < o; i++) {
        if (tok(p, i)->kind != TOK_WORD && !p->s.used[i])
            return;
        words += !p->s.used[i];
    }
    if (g->type != FIG_COUNT || !g->group || !(paren || orr) || words > (size_t)NOUN_WINDOW * 2)
        return;
    f->group = g->group;
    f->own_group = 1;
    if (paren)
        f->noun_unit = NULL;
}

/* "6,783 officers, 1,500 fewer than in 2010": a bare count compared with
 * an earlier time counts what the count before it in the sentence counts. */
static void elided_noun(pass *p, fig *f)
{
    const ing_term *c = mark(p, LEX_CUE, f->i + 1);
    size_t than = c ? mark_end(p, LEX_CUE, f->i + 1) : 0;
    if (!c || (strcmp(c->value, "up") != 0 && strcmp(c->value, "down") != 0) ||
        !is_word(p, than, "than") || !than_a_time(p, than + 1))
        return;
    for (size_t k = p->nf - 1; k-- > 0;) {
        const fig *g = &p->f[k];
        if (g->type == FIG_COUNT && (g->group || g->noun_unit)) {
            f->group = g->group;
            f->noun_unit = g->noun_unit;
            f->foreign_noun = 0; /* "fewer" was read as a modifier of nothing */
            return;
        }
    }
}

/* "the workforce will be 1,100 lower": a bare count that a change word
 * follows counts the group the sentence named before it; not when "than"
 * follows ("20 more than the most similar forces": a comparison, which
 * elided_noun reads when its base is a time). */
static void bare_change(pass *p, fig *f)
{
    const ing_term *c = mark(p, LEX_CUE, f->i + 1);
    const char *g = group_before(p, f->i);
    if (!c || !g || (strcmp(c->value, "up") != 0 && strcmp(c->value, "down") != 0) ||
        is_word(p, mark_end(p, LEX_CUE, f->i + 1), "than"))
        return;
    f->group = g;
    f->foreign_noun = 0;
}

static void classify(pass *p, fig *f)
{
    const peel_num *n = &tok(p, f->i)->num;
    f->base = (size_t)-1;
    f->partner = f->part_of = -1;
    if (n->unit == PEEL_UNIT_GBP) {
        f->type = FIG_MONEY;
        if (allocated(p, f))
            f->excluded = 1;
        find_rate(p, f);
        if (f->rate)
            f->type = FIG_RATE;
    } else if (n->unit == PEEL_UNIT_PCT) {
        f->type = FIG_SHARE;
        find_of(p, f);
        if (!f->group)
            group_after(p, f); /* "1.7 percent BAME officers", "41 percent female staff" */
        if (!f->group)
            f->group = group_before(p, f->i); /* "cadets ...: 57 percent BAME" */
    } else {
        f->type = FIG_COUNT;
        find_noun(p, f);
        restated_count(p, f);
        if (!f->group && !f->noun_unit)
            elided_noun(p, f);
        if (!f->group && !f->noun_unit)
            bare_change(p, f);
        if (n->is_word && !f->group && !f->noun_unit)
            f->excluded = 1; /* "one", "four" alone are words, not figures */
        if (n->is_range)
            f->excluded = 1;
    }
    if (n->is_range && f->type == FIG_SHARE)
        f->excluded = 1;
}

static void collect_figures(pass *p)
{
    p->nf = 0;
    mark_term_figures(p);
    for (size_t i = 0; i < p->s.t.n; i++) {
        const ing_tok *t = tok(p, i);
        if (t->kind != TOK_FIG || p->s.used[i] || t->num.unit == PEEL_UNIT_YEAR ||
            is_time_after(p, i))
            continue;
        if (p->nf == p->capf) {
            p->capf = p->capf ? p->capf * 2 : 16;
            p->f = peel_xrealloc(p->f, p->capf * sizeof *p->f);
        }
        fig *f = &p->f[p->nf++];
        memset(f, 0, sizeof *f);
        f->i = i;
        classify(p, f);
    }
}

/* ---- structure: movements, parts, scope, bounds ---- */

static void find_movements(pass *p)
{
    for (size_t k = 0; k + 1 < p->nf; k++) {
        fig *a = &p->f[k], *b = &p->f[k + 1];
        size_t fa = before_approx(p, a->i), tb = before_approx(p, b->i);
        if (fa == (size_t)-1 || !is_word(p, fa, "from") || tb == (size_t)-1 ||
            !is_word(p, tb, "to"))
            continue;
        if (b->i - a->i > 10 || a->type != b->type)
            continue;
        a->move = 1;
        b->move = 2;
        a->partner = (int)(k + 1);
        b->partner = (int)k;
    }
    /* "between 110 and 120 staff posts": a range in words is no one value */
    for (size_t k = 0; k + 1 < p->nf; k++) {
        fig *a = &p->f[k], *b = &p->f[k + 1];
        size_t fa = before_approx(p, a->i);
        if (fa == (size_t)-1 || !is_word(p, fa, "between") || b->i != a->i + 2 ||
            !is_word(p, a->i + 1, "and"))
            continue;
        /* "between £12m and £15m a year": the high end may carry the rate */
        if (a->type == b->type || (a->type == FIG_MONEY && b->type == FIG_RATE)) {
            b->excluded = 1;
            a->words_range = 1;
            a->words_hi = tok(p, b->i)->num.value;
        }
    }
    for (size_t k = 0; k + 1 < p->nf; k++) {
        fig *a = &p->f[k], *b = &p->f[k + 1];
        if (mark(p, LEX_OUTOF, a->i + 1) && mark_end(p, LEX_OUTOF, a->i + 1) == b->i) {
            b->whole = 1;
            a->part_of = (int)(k + 1);
            if (!a->noun_unit)
                a->noun_unit = b->noun_unit;
        }
    }
}

/* The figure nearest a term in its clause. */
static fig *nearest_fig(pass *p, size_t at, size_t end)
{
    fig *best = NULL;
    size_t bd = (size_t)-1;
    for (size_t k = 0; k < p->nf; k++) {
        size_t i = p->f[k].i;
        if (seg_of(p, i) != seg_of(p, at))
            continue;
        size_t d = i < at ? at - i : (i >= end ? i - end + 1 : 0);
        /* "against 36 per cent in its most similar group of forces and 35
         * per cent nationally": a figure past an "and" after the scope is
         * the next phrase's */
        for (size_t j = end; i >= end && j < i; j++)
            if (is_word(p, j, "and"))
                d += SCOPE_WINDOW;
        if (d < bd) {
            bd = d;
            best = &p->f[k];
        }
    }
    return best;
}

/* Whether clause sg holds a figure that is not excluded. */
static int seg_has_fig(const pass *p, int sg)
{
    for (size_t k = 0; k < p->nf; k++)
        if (seg_of(p, p->f[k].i) == sg && !p->f[k].excluded)
            return 1;
    return 0;
}

/* Whether clause sg opens with a contrast ("..., but the force holds 4%",
 * "while", "whereas"): what it says is no longer the scope before it. */
static int opens_contrast(const pass *p, int sg)
{
    size_t i = p->s.seg[sg].from;
    return is_word(p, i, "but") || is_word(p, i, "while") || is_word(p, i, "whereas") ||
           is_word(p, i, "compared");
}

/* "Across England and Wales, police officer numbers fell by 20,000": a
 * national scope that is the whole opening clause (but for a word before
 * it) frames the figures of the clause it introduces, and of the clauses
 * that go on from it up to a contrast ("Nationally, forces hold £1.6bn,
 * equal to 11% of their budgets"). */
static void national_opening(pass *p)
{
    const ing_seg *g = &p->s.seg[0];
    if (p->s.nseg < 1)
        return;
    int figs = seg_has_fig(p, 0);
    for (size_t i = g->from; i < g->to && i <= g->from + 1; i++) {
        const ing_term *t = mark(p, LEX_SCOPE, i);
        size_t e = t ? mark_end(p, LEX_SCOPE, i) : 0;
        /* "every force in England": national scopes side by side are one */
        while (t && e < g->to && mark(p, LEX_SCOPE, e) &&
               strcmp(mark(p, LEX_SCOPE, e)->value, "national") == 0)
            e = mark_end(p, LEX_SCOPE, e);
        /* "Forces in England and Wales have had to save £2.5bn": a national
         * subject frames its clause too (not "National police grant ...",
         * the scope of a concept) */
        int subject = figs && e < g->to && !mark(p, LEX_CONCEPT, e) && !mark(p, LEX_GROUP, e) &&
                      tok(p, e)->kind == TOK_WORD && !mark(p, LEX_SCOPE, e);
        if (t && strcmp(t->value, "national") == 0 &&
            ((!figs && p->s.nseg >= 2 && e == g->to) || subject)) {
            int last = figs ? 0 : 1;
            while (last + 1 < (int)p->s.nseg && !opens_contrast(p, last + 1))
                last++;
            for (size_t k = 0; k < p->nf; k++)
                if (seg_of(p, p->f[k].i) >= (figs ? 0 : 1) && seg_of(p, p->f[k].i) <= last)
                    p->f[k].national = 1;
            return;
        }
    }
}

/* Whether an approximation that starts before token s covers [s, e) ("just
 * under 20p": about 20p, no ceiling). */
static int inside_approx(const pass *p, size_t s, size_t e)
{
    return term_ends_in(p, LEX_APPROX, s, 4, e, (size_t)-1);
}

/* "£14 per head more on officers than the average for England and
 * Wales": a figure said as a difference ("more", "less", "higher",
 * "lower", "fewer" right after it or its rate) from what a "than" before
 * the scope at token at compares it with: how far the force is from that,
 * no fact of its own. */
static int differs_from(const pass *p, const fig *f, size_t at)
{
    size_t j = f->rate_to > f->rate_from ? f->rate_to : f->i + 1;
    if (!is_word(p, j, "more") && !is_word(p, j, "less") && !is_word(p, j, "higher") &&
        !is_word(p, j, "lower") && !is_word(p, j, "fewer"))
        return 0;
    for (; j < at; j++)
        if (is_word(p, j, "than"))
            return seg_of(p, j) == seg_of(p, at);
    return 0;
}

/* The last token of a count and its own noun ("49,900 police staff"), or
 * the figure's token. */
static size_t noun_end(const pass *p, const fig *f)
{
    if (f->type != FIG_COUNT || !f->own_group)
        return f->i;
    size_t j = f->i + 1;
    while (j < p->s.t.n && j <= f->i + NOUN_WINDOW && mark(p, LEX_MODIFIER, j) &&
           !mark(p, LEX_GROUP, j))
        j++;
    return j < p->s.t.n && mark(p, LEX_GROUP, j) ? mark_end(p, LEX_GROUP, j) - 1 : f->i;
}

/* Whether clause sg opens with a verb ("is", "stand at", "includes")
 * right after a clause set off by commas or brackets: the verb of the
 * subject that clause interrupts. */
static int apposed_verb(const pass *p, int sg)
{
    static const char *const verbs[] = {"is",       "are",      "was",     "were",    "stand",
                                        "stands",   "stood",    "remain",  "remains", "remained",
                                        "totals",   "totalled", "has",     "have",    "had",
                                        "includes", "include",  "included"};
    if (sg < 2)
        return 0;
    size_t open = p->s.seg[sg - 1].from - 1, close = p->s.seg[sg].from - 1;
    const ing_tok *a = tok(p, open), *b = tok(p, close);
    if (a->kind != TOK_MARK || b->kind != TOK_MARK || !strchr(",(", a->mark) ||
        !strchr(",)", b->mark) || is_word(p, p->s.seg[sg - 1].from, "and"))
        return 0;
    for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
        if (is_word(p, p->s.seg[sg].from, verbs[k]))
            return 1;
    return 0;
}

/* "The Fire and Rescue Service's budget for 2024/25, set at £104.3m, was
 * agreed": the first figure of the clause in commas right after clause
 * sg, a subject with no figure of its own, or NULL. */
static fig *apposed_fig(pass *p, int sg)
{
    if (sg + 1 >= (int)p->s.nseg || seg_has_fig(p, sg))
        return NULL;
    size_t open = p->s.seg[sg + 1].from - 1, from = p->s.seg[sg + 1].from;
    if (tok(p, open)->kind != TOK_MARK || tok(p, open)->mark != ',' || is_word(p, from, "and") ||
        is_word(p, from, "but") || is_word(p, from, "while"))
        return NULL;
    for (size_t k = 0; k < p->nf; k++)
        if (seg_of(p, p->f[k].i) == sg + 1)
            return &p->f[k];
    return NULL;
}

static int participle(const pass *p, size_t i);
static size_t seg_start(const pass *p, size_t i);

static void find_scopes(pass *p)
{
    national_opening(p);
    for (size_t i = 0; i < p->s.t.n; i++) {
        const ing_term *t = mark(p, LEX_SCOPE, i);
        /* "£98 per head of population": the population is the rate's */
        if (t && !inside_kind(p, LEX_RATE, i)) {
            fig *f = nearest_fig(p, i, mark_end(p, LEX_SCOPE, i));
            int national = strcmp(t->value, "national") == 0;
            if (!f && !national)
                f = apposed_fig(p, seg_of(p, i));
            /* "49,900 police staff were employed in England and Wales": a
             * place is counted from the end of the count's own noun */
            size_t from = 0;
            if (f)
                from = is_word(p, i, "in") || is_word(p, i, "across") ? noun_end(p, f) : f->i;
            if (f && national &&
                (from + SCOPE_WINDOW < i || f->i > mark_end(p, LEX_SCOPE, i) + SCOPE_WINDOW) &&
                !differs_from(p, f, i) && !mark(p, LEX_CONCEPT, mark_end(p, LEX_SCOPE, i)))
                f = NULL; /* "PCCs across the country": not the figure's scope; but "the
                             national police grant will increase by £287m" is */
            if (f && strcmp(t->value, "national") == 0)
                f->national = 1;
            else if (f)
                f->other = 1;
        }
    }
    for (size_t k = 0; k < p->nf; k++) {
        fig *f = &p->f[k];
        size_t b = before_approx(p, f->i), edge = b == (size_t)-1 ? 0 : b + 1;
        for (size_t s = f->i; s-- > 0 && f->i - s <= 6;) {
            const ing_term *t = mark(p, LEX_BOUND, s);
            size_t e = t ? mark_end(p, LEX_BOUND, s) : 0;
            if (!t || (e != f->i && e != edge) || inside_approx(p, s, e))
                continue;
            if (strcmp(t->value, "max") == 0)
                f->max = 1;
            if (strcmp(t->value, "vague") == 0 && tok(p, f->i)->num.is_word)
                f->excluded = 1;
        }
        /* "The city council will raise its share by 4.99%, adding £93 to a
         * Band D bill": a participle going on from another body's figure
         * says more of that body */
        if (k > 0 && p->f[k - 1].other && seg_of(p, f->i) == seg_of(p, p->f[k - 1].i) + 1 &&
            participle(p, seg_start(p, f->i)))
            f->other = 1;
        if (f->other)
            f->excluded = 1;
    }
}

/* ---- cues ---- */

static void cues_in(pass *p, fig *f, size_t from, size_t to)
{
    for (size_t k = 0; k < p->s.ncue; k++)
        if (p->s.cue[k].from >= from && p->s.cue[k].from < to)
            add_cue(f, p->s.cue[k].cls);
}

static size_t seg_start(const pass *p, size_t i)
{
    return p->s.seg[seg_of(p, i)].from;
}

static size_t seg_end(const pass *p, size_t i)
{
    return p->s.seg[seg_of(p, i)].to;
}

/* The clause a parenthesis explains: the one before its '('. */
static int head_seg(const pass *p, int sg)
{
    if (!p->s.seg[sg].paren)
        return -1;
    for (int k = sg - 1; k >= 0; k--)
        if (!p->s.seg[k].paren)
            return k;
    return -1;
}

static int is_change_cue(const pass *p, const char *c)
{
    return c == p->lx->nm.up || c == p->lx->nm.down;
}

/* Whether change cue c is overlapped by a change cue of the other class
 * that reaches further ("will go" in "will go up", "gone" in "gone up"):
 * the words that go on decide which way. */
static int overreached(const pass *p, const ing_cue *c)
{
    for (size_t k = 0; k < p->s.ncue; k++) {
        const ing_cue *o = &p->s.cue[k];
        if (o->cls != c->cls && is_change_cue(p, o->cls) && o->from >= c->from && o->from < c->to &&
            o->to > c->to)
            return 1;
    }
    return 0;
}

/* Whether a change cue starts in [from, to); *down when one is a fall. */
static int change_cue_in(const pass *p, size_t from, size_t to, int *down)
{
    int found = 0;
    for (size_t k = 0; k < p->s.ncue; k++) {
        const ing_cue *c = &p->s.cue[k];
        if (c->from >= from && c->from < to && is_change_cue(p, c->cls) && !overreached(p, c)) {
            found = 1;
            if (c->cls == p->lx->nm.down)
                *down = 1;
        }
    }
    return found;
}

/* Whether change cue c starts a longer cue of a class that is no change
 * ("raised from": money raised, not a rise). */
static int shadowed(const pass *p, const ing_cue *c)
{
    for (size_t k = 0; k < p->s.ncue; k++) {
        const ing_cue *o = &p->s.cue[k];
        if (o->from == c->from && o->to > c->to && !is_change_cue(p, o->cls))
            return 1;
    }
    return 0;
}

/* change_cue_in for the words right after a figure ("400 fewer", "£61m
 * cuts"), where a cue said inside a longer one of another class ("£165m
 * raised from council tax") names no change. */
static int change_cue_after(const pass *p, size_t from, size_t to, int *down)
{
    int found = 0;
    for (size_t k = 0; k < p->s.ncue; k++) {
        const ing_cue *c = &p->s.cue[k];
        if (c->from >= from && c->from < to && is_change_cue(p, c->cls) && !shadowed(p, c) &&
            !overreached(p, c)) {
            found = 1;
            if (c->cls == p->lx->nm.down)
                *down = 1;
        }
    }
    return found;
}

/* Whether a group's name ends right before token i ("a headcount of"). */
static int group_ends_at(const pass *p, size_t i)
{
    return term_ends_in(p, LEX_GROUP, i, 6, i, i);
}

/* Where a figure's clause starts for its change words: its own clause, or
 * the clauses before it when its own has none ("has been reduced, when
 * inflation is taken into account, by the equivalent of £40m"). */
static size_t change_left(const pass *p, const fig *f, size_t left)
{
    int d = 0;
    for (int sg = seg_of(p, f->i); sg >= 0 && !change_cue_in(p, left, f->i, &d); sg--) {
        if (p->s.seg[sg].cond && !p->s.seg[seg_of(p, f->i)].cond)
            break;
        left = p->s.seg[sg].from;
    }
    return left;
}

/* "..., up 3.4% on the year before", "up £15": "up" right before a
 * figure is a rise, unless it ends a cue of its own ("makes up 60%"),
 * which is why the lexicon cannot name it alone. */
static int bare_up(const pass *p, size_t b)
{
    return b != (size_t)-1 && is_word(p, b, "up") && !inside_kind(p, LEX_CUE, b);
}

/* A change figure: "by X" or "of X" after a change word, a change word
 * right after it ("400 fewer", "£61m cuts") or right before it ("lost
 * 300"). */
static void structural_change(pass *p, fig *f, size_t left)
{
    int down = 0;
    size_t b = before_approx(p, f->i);
    left = change_left(p, f, left);
    /* after it: "400 fewer", "£61m cuts", "200 posts will be lost" */
    size_t after_to = f->i + 1 + CHANGE_AFTER;
    if (after_to > seg_end(p, f->i))
        after_to = seg_end(p, f->i);
    for (size_t k = 0; k < p->nf; k++)
        if (p->f[k].i > f->i && p->f[k].i < after_to)
            after_to = p->f[k].i;
    /* "of" after a group's name is what the group numbers ("has grown to
     * a headcount of 2,765"), not a change's size */
    int by_of =
        b != (size_t)-1 && (is_word(p, b, "by") || (is_word(p, b, "of") && !group_ends_at(p, b)));
    /* "the proposed increase is £4.95", "the rise will be 2%": the change
     * is what the sentence says the figure is */
    int copula = b != (size_t)-1 && b > left &&
                 (is_word(p, b, "is") || is_word(p, b, "was") || is_word(p, b, "be"));
    size_t subject = copula && b >= left + 4 ? b - 4 : left;
    int yes = (by_of && change_cue_in(p, left, f->i, &down)) ||
              (copula && change_cue_in(p, subject, b, &down)) ||
              change_cue_after(p, f->i + 1, after_to, &down) ||
              (b != (size_t)-1 && change_cue_in(p, b, f->i, &down)); /* "lost 300" */
    if (!yes && bare_up(p, b)) {
        yes = 1;
        add_cue(f, p->lx->nm.up); /* the rise the lexicon cannot mark */
    }
    if (yes) {
        add_cue(f, p->lx->nm.change);
        f->negative = down;
    }
}

/* Whether an "and" lies from token a up to b ("400 sergeants and 2,900
 * officers": the cue before the "and" is no cue right by the figure). */
static int and_between(const pass *p, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (is_word(p, i, "and"))
            return 1;
    return 0;
}

/* Whether b goes on from a, a means of closing a gap, over an "and" in the
 * same clause ("to be closed by using £1.5m of reserves and making £2.4m of
 * savings"). */
static int means_go_on(const pass *p, const fig *a, const fig *b)
{
    return has_cue(a, p->lx->nm.meet) && seg_of(p, a->i) == seg_of(p, b->i) &&
           and_between(p, a->i, b->i);
}

static void np_cues(pass *p, fig *f)
{
    size_t from = f->i >= NP_WINDOW ? f->i - NP_WINDOW : 0;
    size_t to = f->i + NP_WINDOW + 1;
    if (from < seg_start(p, f->i))
        from = seg_start(p, f->i);
    if (to > seg_end(p, f->i))
        to = seg_end(p, f->i);
    for (size_t i = from; i < to; i++) {
        if (i != f->i && tok(p, i)->kind == TOK_FIG && fig_of_token(p, i)) {
            if (i < f->i)
                from = i + 1;
            else {
                to = i;
                break;
            }
        }
    }
    /* A cue right by the figure is also "@np" + its class ("the £16.6m
     * savings required": @npneed), for the rules that weigh it above the
     * clause's verbs.  Only classes some rule names count. */
    for (size_t k = 0; k < p->s.ncue; k++) {
        const ing_cue *c = &p->s.cue[k];
        if (c->from >= from && c->from < to && !and_between(p, c->to, f->i))
            add_cue(f, ing_lexicon_np(p->lx, c->cls));
    }
}

/* The words a figure's cues come from: its clause from the figure before
 * it (a movement's second figure: from before the first) to the figure
 * after it. */
/* Whether a cue starts at token i, or past up to two link words of a verb
 * ("are planned", "will be expected"; not an article or an approximation:
 * "and a further £6.9m" is the next figure's noun phrase) before token end. */
static int cue_after_links(const pass *p, size_t i, size_t end)
{
    for (size_t k = i; k < end && k <= i + 2; k++) {
        if (mark(p, LEX_CUE, k))
            return 1;
        if (!mark(p, LEX_LINK, k) || mark(p, LEX_APPROX, k) || mark(p, LEX_DET, k))
            return 0;
    }
    return 0;
}

static void context_of(const pass *p, const fig *f, size_t *left, size_t *right)
{
    const fig *ctx = f->move == 2 && f->partner >= 0 ? &p->f[f->partner] : f;
    *left = seg_start(p, ctx->i);
    *right = seg_end(p, f->i);
    for (size_t j = 0; j < p->nf; j++) {
        size_t i = p->f[j].i;
        if (i < ctx->i && i >= *left && &p->f[j] != ctx && (int)j != f->partner)
            *left = i + 1;
        if (i > f->i && i < *right)
            *right = i;
    }
    /* After a figure, the words before an "and" are that figure's clause
     * ("£21m have been achieved since 2010/11 and a further £13.4m is
     * required"). */
    if (*left > seg_start(p, ctx->i))
        for (size_t i = *left; i < ctx->i; i++)
            if (is_word(p, i, "and") || is_word(p, i, "but"))
                *left = i + 1;
    /* Before a figure after it, a clause that "and" opens with words of its
     * own is that figure's ("has 950 police officers and plans to increase
     * this to 1,000", "stand at £21m and are planned to fall to £14.5m":
     * past the link words of a verb). */
    if (*right < seg_end(p, f->i))
        for (size_t i = f->i + 1; i < *right; i++)
            if ((is_word(p, i, "and") || is_word(p, i, "but")) && !inside_term(p, i) &&
                cue_after_links(p, i + 1, *right)) {
                *right = i;
                break;
            }
    /* The words right before the next figure are its own ("... in 2015/16
     * and a further £8.3m"). */
    if (*right < seg_end(p, f->i) && *right > f->i + 1 + NP_WINDOW)
        *right -= NP_WINDOW;
    else if (*right < seg_end(p, f->i))
        *right = f->i + 1;
}

/* A figure that restates the one before it ("£6m (or 4.7%)", "£10 per
 * annum (around 19p per week)"): the index of that figure, or -1. */
static int restates(const pass *p, size_t k)
{
    const fig *f = &p->f[k];
    int sg = seg_of(p, f->i), h = head_seg(p, sg);
    size_t from = p->s.seg[sg].from;
    if (k > 0 && seg_of(p, p->f[k - 1].i) == sg && p->f[k - 1].i + 2 == f->i &&
        is_word(p, f->i - 1, "or"))
        return (int)k - 1; /* "an increase of 2.99% or £6.57 a year" */
    int equiv = equiv_to(p, from + 1);
    if (h < 0 && sg > 0 && (is_word(p, from, "or") || is_word(p, from, "worth") || equiv))
        h = sg - 1; /* "by 1.99 percent, or £3.38 a year", "0.5%, worth £1.1m",
                       "3.99 per cent, equivalent to £9 a year" */
    if (k == 0 || h < 0 || p->f[k - 1].i < p->s.seg[h].from || p->f[k - 1].i >= p->s.seg[h].to)
        return -1;
    for (size_t i = from + (equiv ? 2 : 0); i < f->i; i++)
        if (tok(p, i)->kind == TOK_WORD && !mark(p, LEX_APPROX, i) && !is_word(p, i, "or") &&
            !is_word(p, i, "worth"))
            return -1;
    return (int)k - 1;
}

/* "33 per cent of its spending in 2012/13, up from 24 per cent in
 * 2009/10": a figure that a clause opens with an earlier level for ("up
 * from", "compared with") is the same measure as the figure of the clause
 * before, of its type: the index of that figure, or -1. */
static int compared_before(const pass *p, size_t k)
{
    /* "had 2,981 officers and 329 PCSOs ..., compared with 2,710 and 382
     * five years earlier": the clause's j-th figure is the j-th of the
     * clause before, when both hold as many, joined by "and" */
    int sg = seg_of(p, p->f[k].i);
    size_t first = k, n1 = 0, n0 = 0;
    while (first > 0 && seg_of(p, p->f[first - 1].i) == sg)
        first--;
    for (size_t q = first; q < p->nf && seg_of(p, p->f[q].i) == sg; q++)
        n1++;
    for (size_t q = first; q-- > 0 && seg_of(p, p->f[q].i) == sg - 1;)
        n0++;
    size_t j = k - first;
    if (first == 0 || (j > 0 && !is_word(p, p->f[k].i - 1, "and")))
        return -1;
    const fig *f = &p->f[k], *lead = &p->f[first];
    size_t r = n1 > 1 && n0 == n1 ? first - n0 + j : first - 1;
    const fig *a = &p->f[r];
    size_t b = before_approx(p, lead->i);
    if ((j > 0 && r == first - 1) || a->type != f->type || seg_of(p, a->i) != sg - 1 ||
        b == (size_t)-1)
        return -1;
    for (size_t c = 0; c < p->s.ncue; c++) {
        const ing_cue *q = &p->s.cue[c];
        if (q->cls == p->lx->nm.compared && q->from == p->s.seg[sg].from && q->to == b + 1)
            return (int)r;
    }
    return -1;
}

static void structure_cues(pass *p, fig *f, size_t left)
{
    size_t b = before_approx(p, f->i);
    /* "will increase officer numbers by 120, to 3,520": a change said in
     * the clause before still makes "to N" where it ends */
    left = change_left(p, f, left);
    if (f->move == 1)
        add_cue(f, p->lx->nm.from);
    int d = 0;
    if (f->move == 2 || (b != (size_t)-1 && is_word(p, b, "to") && !equiv_to(p, b) && !f->move &&
                         change_cue_in(p, left, f->i, &d)))
        add_cue(f, p->lx->nm.to);
    if (f->whole)
        add_cue(f, p->lx->nm.whole);
    if (f->national)
        add_cue(f, p->lx->nm.national);
    if (f->max)
        add_cue(f, p->lx->nm.max);
    if (f->base != (size_t)-1)
        add_cue(f, p->lx->nm.of);
    if (tok(p, f->i)->num.is_range || f->words_range)
        add_cue(f, p->lx->nm.low);
    if (sourced(p, f->i + 1))
        add_cue(f, p->lx->nm.source); /* "£62.1m from council tax" */
    if (f->type == FIG_COUNT && b != (size_t)-1 && is_word(p, b, "to") && !equiv_to(p, b) &&
        !f->move && !change_cue_in(p, left, f->i, &d) && !has_cue(f, p->lx->nm.reach))
        add_cue(f, p->lx->nm.toplain); /* "cameras to 20,000 officers" */
}

/* Whether token i may stand between two figures as a noun of the first:
 * a group, a unit, a modifier, or inside one of the first two. */
static int noun_word(const pass *p, size_t i)
{
    return mark(p, LEX_GROUP, i) || mark(p, LEX_UNIT, i) || mark(p, LEX_MODIFIER, i) ||
           inside_term(p, i);
}

static size_t concept_end(const pass *p, size_t j);

/* Figures joined by "and" with only their nouns between ("1,100 police
 * officers and 900 staff posts", "80 more police officers and 25 PCSOs"). */
static int coordinated(const pass *p, const fig *a, const fig *b)
{
    if (seg_of(p, a->i) != seg_of(p, b->i))
        return 0;
    int joined = 0;
    /* "18 per cent of its PCSOs and 11 per cent of its staff": a share's
     * base is its noun */
    size_t base_end = a->base != (size_t)-1 ? concept_end(p, a->base) : 0;
    /* "grant of £48.2m and council tax income of £39.7m": b's own concept
     * and "of" before it */
    size_t own = b->i;
    if (b->i > a->i + 2 && is_word(p, b->i - 1, "of")) {
        size_t k = b->i - 1;
        while (k > a->i + 1 && (mark(p, LEX_CONCEPT, k - 1) || inside_concept_at(p, k - 1)))
            k--;
        if (k < b->i - 1 && mark(p, LEX_CONCEPT, k))
            own = k;
    }
    for (size_t i = a->i + 1; i < own; i++) {
        if (i < base_end)
            continue;
        if (mark(p, LEX_CUE, i) && !mark(p, LEX_MODIFIER, i))
            return 0; /* "£21m have been achieved and a further £13m": a verb of each */
        if (is_word(p, i, "and"))
            joined = 1;
        else if (!noun_word(p, i) && !p->s.used[i])
            return 0;
    }
    return joined;
}

/* Counts in a list ("3,591 officers, 1,768 staff and 220 PCSOs"): only
 * their nouns and a comma or "and" between them. */
static int listed(const pass *p, const fig *a, const fig *b)
{
    if (a->type != FIG_COUNT || b->type != FIG_COUNT)
        return 0;
    int joined = 0;
    for (size_t i = a->i + 1; i < b->i; i++) {
        const ing_tok *t = tok(p, i);
        if (is_word(p, i, "and") || (t->kind == TOK_MARK && t->mark == ','))
            joined = 1;
        else if (!noun_word(p, i) && !(t->kind == TOK_MARK && (t->mark == '(' || t->mark == ')')) &&
                 !p->s.seg[seg_of(p, i)].paren)
            return 0; /* past a parenthesis: "122 PCSOs (118.4 FTE) and 74 specials" */
    }
    return joined;
}

static int restates(const pass *p, size_t k);

/* The figure listed after figure a, past one in brackets that restates it
 * ("122 PCSOs (118.4 FTE) and 74 special constables"); NULL when none. */
static const fig *next_listed(const pass *p, const fig *a)
{
    const fig *b = a + 1;
    if (b + 1 < p->f + p->nf && p->s.seg[seg_of(p, b->i)].paren &&
        restates(p, (size_t)(b - p->f)) == (int)(a - p->f))
        b++;
    return b < p->f + p->nf && listed(p, a, b) ? b : NULL;
}

/* Coordinated figures share their verb: the change said after the last
 * ("... have been cut") and the verb before the first ("recruit 80 more
 * officers and 25 PCSOs"). */
static void share_coordinated_cues(pass *p)
{
    const char *chg = p->lx->nm.change;
    for (size_t k = p->nf; k-- > 1;) {
        fig *a = &p->f[k - 1], *b = &p->f[k];
        if (!has_cue(b, chg) || has_cue(a, chg) || !coordinated(p, a, b))
            continue;
        add_cue(a, chg);
        add_cue(a, b->negative ? p->lx->nm.down : p->lx->nm.up);
        a->negative = b->negative;
    }
    /* "94 per cent of officers and 91 per cent of staff held the required
     * vetting": and the verb said after the last (its clause, up to the
     * next figure) */
    for (size_t k = p->nf; k-- > 1;) {
        fig *a = &p->f[k - 1], *b = &p->f[k];
        if (!coordinated(p, a, b))
            continue;
        size_t end = k + 1 < p->nf ? p->f[k + 1].i : p->s.t.n;
        for (size_t q = 0; q < p->s.ncue; q++) {
            const ing_cue *c = &p->s.cue[q];
            if (c->from > b->i && c->from < end && seg_of(p, c->from) == seg_of(p, b->i) &&
                !is_change_cue(p, c->cls))
                add_cue(a, c->cls);
        }
    }
    for (size_t k = 1; k < p->nf; k++) {
        fig *a = &p->f[k - 1], *b = &p->f[k];
        if (!coordinated(p, a, b))
            continue;
        if (has_cue(a, chg) && !has_cue(b, chg))
            b->negative = a->negative; /* "has lost 1,100 officers and 700 staff" */
        for (int c = 0; c < a->cues.n; c++)
            add_cue(b, a->cues.item[c]);
    }
}

/* Whether figure b's clause is "and" + a subject of its own + b with its
 * verb left out ("and council tax the remaining 37%"): only concepts,
 * articles, approximations and "remaining"-like words before b. */
static int gapped(const pass *p, const fig *a, const fig *b)
{
    int sg = seg_of(p, b->i), named = 0, sa = seg_of(p, a->i);
    size_t from = p->s.seg[sg].from;
    /* the clause before, or the one before a parenthesis after it */
    if (sg == 0 || !(sa == sg - 1 || (sa == sg - 2 && p->s.seg[sg - 1].paren)) ||
        a->type != b->type || !is_word(p, from, "and"))
        return 0;
    for (size_t i = from + 1; i < b->i; i++) {
        const ing_term *c = mark(p, LEX_CUE, i);
        if (mark(p, LEX_CONCEPT, i))
            named = 1;
        else if (c ? strcmp(c->value, "further") != 0
                   : !mark(p, LEX_DET, i) && !mark(p, LEX_APPROX, i) && !inside_concept_at(p, i))
            return 0;
    }
    return named;
}

/* The figure whose verb figure k's gapped clause leaves out: the one
 * before it, or the one a parenthesis between them restates ("council tax
 * pays £206.1m (29%) and central grant £506.5m"); NULL when k's clause is
 * not gapped. */
static const fig *gap_partner(const pass *p, size_t k)
{
    if (k == 0)
        return NULL;
    size_t a = k - 1;
    int r = p->s.seg[seg_of(p, p->f[a].i)].paren ? restates(p, a) : -1;
    if (r >= 0)
        a = (size_t)r;
    return gapped(p, &p->f[a], &p->f[k]) ? &p->f[a] : NULL;
}

/* Whether the words from..to are only the noun phrase of a list item
 * before its figure ("earmarked reserves of", "and", "2,519 staff"):
 * concepts, groups, units, modifiers, articles, approximations, "of". */
static int item_words(const pass *p, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (mark(p, LEX_APPROX, i)) {
            i = mark_end(p, LEX_APPROX, i) - 1; /* "a total of £5.1m" */
            continue;
        }
        if (!mark(p, LEX_CONCEPT, i) && !inside_concept_at(p, i) && !noun_word(p, i) &&
            !mark(p, LEX_DET, i) && !is_word(p, i, "of") && !is_word(p, i, "and") &&
            !p->s.used[i] && !(mark(p, LEX_LINK, i) && mark(p, LEX_CONCEPT, i + 1)))
            return 0; /* "and total usable reserves of £40.3m" */
    }
    return 1;
}

/* The figure before a list's item ("held general reserves of £11.2m,
 * earmarked reserves of £29.1m and ...", "savings of £2.1m in 2025/26,
 * £1.6m in 2026/27"): the first figure of the clause before, whose last
 * is of figure k's type, when k's clause is the item's noun phrase and its
 * figures (no verb of its own); else NULL. */
static const fig *item_partner(const pass *p, size_t k)
{
    int sg = seg_of(p, p->f[k].i);
    size_t j = k;
    while (j > 0 && seg_of(p, p->f[j - 1].i) == sg)
        j--;
    if (j == 0 || sg == 0 || p->s.seg[sg].paren || p->s.seg[sg].cond)
        return NULL;
    const fig *g = &p->f[j - 1];
    if (seg_of(p, g->i) != sg - 1 || g->type != p->f[j].type ||
        !item_words(p, p->s.seg[sg].from, p->f[j].i))
        return NULL;
    for (size_t q = j; q < k; q++)
        if (!item_words(p, p->f[q].i + 1, p->f[q + 1].i))
            return NULL;
    /* the first of that clause's figures, which its verb is right by
     * ("requires savings of £0.6m in 2025/26 and £0.8m in 2026/27, a
     * total of £1.4m") */
    while (g > p->f && seg_of(p, g[-1].i) == sg - 1 && g[-1].type == g->type)
        g--;
    return g;
}

/* A gapped clause's figure takes the verb of the figure before it. */
static void gapped_cues(pass *p)
{
    for (size_t k = 1; k < p->nf; k++) {
        const fig *a = gap_partner(p, k);
        for (int c = 0; a && c < a->cues.n; c++)
            add_cue(&p->f[k], a->cues.item[c]);
    }
}

/* Whether clause sg names a concept. */
static int seg_names_concept(const pass *p, int sg)
{
    for (size_t i = p->s.seg[sg].from; i < p->s.seg[sg].to; i++)
        if (mark(p, LEX_CONCEPT, i))
            return 1;
    return 0;
}

static void find_cues(pass *p)
{
    for (size_t k = 0; k < p->nf; k++) {
        fig *f = &p->f[k];
        size_t left, right;
        context_of(p, f, &left, &right);
        cues_in(p, f, left, right);
        int h = head_seg(p, seg_of(p, f->i)), v = seg_of(p, f->i) + 2;
        if (h >= 0)
            cues_in(p, f, p->s.seg[h].from, p->s.seg[h].to);
        /* "1,100 of its officers and staff, around 2 per cent of its
         * workforce, were overdue for vetting": the verb an apposition
         * holds off, in a clause of no figure of its own */
        if (v < (int)p->s.nseg && apposed_verb(p, v) && !seg_has_fig(p, v))
            cues_in(p, f, p->s.seg[v].from, p->s.seg[v].to);
        /* A list's item takes the cues of the item before it, those right
         * by that figure too ("requires savings of £2.1m in 2025/26, £1.6m
         * in 2026/27": @npneed) */
        const fig *it = f->cues.n == 0 ? item_partner(p, k) : NULL;
        for (int c = 0; it && c < it->cues.n; c++)
            if (it->cues.item[c][0] != '@' || strncmp(it->cues.item[c], "@np", 3) == 0)
                add_cue(f, it->cues.item[c]);
        /* A clause of figures alone ("by over £8.4m") takes the cues of the
         * clause before it; one that names its concept is no such clause
         * ("After the panel vetoed a 7% rise, the precept was set at ..."). */
        for (int sg = seg_of(p, f->i) - 1; f->cues.n == 0 && sg >= 0 && !p->s.seg[sg].cond &&
                                           !seg_names_concept(p, seg_of(p, f->i));
             sg--)
            cues_in(p, f, p->s.seg[sg].from, p->s.seg[sg].to);
        /* what closes a gap goes on over an "and" */
        if (f->cues.n == 0 && k > 0 && means_go_on(p, &p->f[k - 1], f))
            add_cue(f, p->lx->nm.meet);
        structural_change(p, f, left);
        np_cues(p, f);
        structure_cues(p, f, left);
        if ((p->item && k == 0 && f->i <= 1) || f->resp_item)
            add_cue(f, p->lx->nm.part);
        int r = restates(p, k);
        if (r >= 0) {
            for (int c = 0; c < p->f[r].cues.n; c++)
                add_cue(f, p->f[r].cues.item[c]);
            f->negative = p->f[r].negative;
        } else if ((r = compared_before(p, k)) >= 0) {
            for (int c = 0; c < p->f[r].cues.n; c++)
                if (p->f[r].cues.item[c][0] != '@')
                    add_cue(f, p->f[r].cues.item[c]);
            /* a bare count compared with one of a group counts that group */
            if (f->type == FIG_COUNT && !f->own_group && p->f[r].own_group) {
                f->group = p->f[r].group;
                f->own_group = 1;
            }
        }
    }
    share_coordinated_cues(p);
    gapped_cues(p);
}

/* ---- keys ---- */

static int unit_fits(const ing_key_row *r, const char *unit)
{
    if (!unit)
        return 1;
    for (int k = 0; k < r->nunit; k++)
        if (strcmp(r->unit[k], unit) == 0)
            return 1;
    return 0;
}

/* The unit a fact of row r gets. */
static const char *unit_for(const ing_key_row *r, const fig *f, ing_fig_type type)
{
    if (type == FIG_RATE)
        return f->rate;
    if (type == FIG_COUNT && f->noun_unit && unit_fits(r, f->noun_unit))
        return f->noun_unit;
    return r->unit[0];
}

static double value_of(const pass *p, const fig *f)
{
    return tok(p, f->i)->num.value;
}

/* Row group "" takes any figure, "*" one with a group, else that group. */
static int group_fits(const ing_key_row *r, const fig *f)
{
    if (!r->group[0])
        return 1;
    if (strcmp(r->group, "*") == 0)
        return f->group != NULL;
    return f->group && strcmp(r->group, f->group) == 0;
}

/* Whether |v| is within the row's plausible values. */
static int plausible(const ing_key_row *r, double v)
{
    double a = fabs(v);
    if (!isnan(r->max) && a > fabs(r->max))
        return 0;
    return isnan(r->min) || r->min < 0 || a >= r->min;
}

/* The first row for (concept, role, type) that fits the figure; `any`
 * admits rows whose role is "*" (not for a national figure: those need a
 * row of their own).  first: the concept's first row, index + 1
 * (ing_lexicon_first_row). */
static const ing_key_row *find_row(const pass *p, const fig *f, const char *concept, size_t first,
                                   const char *role, ing_fig_type type, int any)
{
    for (size_t k = first; k; k = p->lx->row_next[k - 1]) {
        const ing_key_row *r = &p->lx->row[k - 1];
        if (r->type != type)
            continue;
        if (r->role != role && !(any && r->role == p->lx->any && !f->national))
            continue;
        if (!group_fits(r, f))
            continue;
        if (type == FIG_RATE && !unit_fits(r, f->rate))
            continue;
        /* "18,540 records" are not officers; a backlog may count cases */
        if (type == FIG_COUNT && f->noun_unit && !unit_fits(r, f->noun_unit) &&
            ing_lexicon_is_group(p->lx, concept))
            continue;
        if (!plausible(r, value_of(p, f)))
            continue;
        return r;
    }
    return NULL;
}

static int rule_applies(const ing_role_rule *r, const fig *f)
{
    for (int k = 0; k < r->nneed; k++)
        if (!has_cue(f, r->need[k]))
            return 0;
    return 1;
}

/* Roles restricted by structure: a national figure takes only the national
 * role, a ceiling only the ceiling. */
static int role_allowed(const pass *p, const fig *f, const char *role)
{
    if (f->national && strcmp(role, "national") != 0)
        return 0;
    if (f->max && strcmp(role, "max") != 0)
        return 0;
    (void)p;
    return 1;
}

typedef struct choice {
    const ing_key_row *row;
    const char *concept, *role;
    ing_fig_type type;
} choice;

/* The roles of the decision list that apply to a figure, in file order:
 * what the rows' cues and the figure's structure allow, the same for every
 * concept the figure is tried with.  A list that reaches the "none" row
 * ends there (`none`): the figure takes no role after it. */
typedef struct fig_roles {
    const char **role; /* the pass's room (borrowed) */
    size_t n;
    int none;
} fig_roles;

static void fig_roles_init(pass *p, const fig *f, fig_roles *out)
{
    if (!p->roles)
        p->roles = peel_xmalloc((p->lx->nrule ? p->lx->nrule : 1) * sizeof *p->roles);
    out->role = p->roles;
    out->n = 0;
    out->none = 0;
    for (size_t k = 0; k < p->lx->nrule; k++) {
        const ing_role_rule *r = &p->lx->rule[k];
        if (!rule_applies(r, f))
            continue;
        if (r->role == p->lx->none_role) {
            out->none = 1;
            return;
        }
        if (role_allowed(p, f, r->role))
            out->role[out->n++] = r->role;
    }
}

/* The first of the figure's roles that concept has a key for: 1; -1 when
 * none has and the list ends at "none"; else 0. */
static int try_concept(const pass *p, const fig *f, const fig_roles *roles, const char *concept,
                       choice *out)
{
    ing_fig_type types[2] = {f->type, f->type};
    int ntypes = 1;
    if (f->type == FIG_RATE && f->rate && strcmp(f->rate, "GBP/year") == 0)
        types[ntypes++] = FIG_MONEY; /* "£1m per year": money, and the period says per year */
    size_t first = ing_lexicon_first_row(p->lx, concept);
    /* Rows for the role itself first, then rows that take any role. */
    for (int any = 0; any < 2; any++)
        for (int t = 0; t < ntypes; t++) {
            for (size_t k = 0; k < roles->n; k++) {
                const ing_key_row *row =
                    find_row(p, f, concept, first, roles->role[k], types[t], any);
                if (row) {
                    out->row = row;
                    out->concept = concept;
                    out->role = roles->role[k];
                    out->type = types[t];
                    return 1;
                }
            }
            if (roles->none)
                return -1; /* as the list read in order stops at its "none" row */
        }
    return 0;
}

/* ---- concept candidates ---- */

static const char *concept_at(const pass *p, size_t i)
{
    const ing_term *t = mark(p, LEX_CONCEPT, i);
    if (t)
        return t->value;
    t = mark(p, LEX_GROUP, i);
    return t ? t->value : NULL;
}

/* Concepts of tokens [from, to) by distance from the figure, nearest first;
 * skip is a token whose concept is left for later (a share's base). */
/* The token of what a change right after figure i changes ("4.2 per cent
 * rise in the police precept", "a 5% cut to its grant"), or (size_t)-1. */
static size_t changed_noun(const pass *p, size_t i)
{
    const ing_term *c = mark(p, LEX_CUE, i + 1);
    if (!c || (strcmp(c->value, "up") != 0 && strcmp(c->value, "down") != 0))
        return (size_t)-1;
    size_t k = mark_end(p, LEX_CUE, i + 1);
    if (!is_word(p, k, "in") && !is_word(p, k, "of") && !is_word(p, k, "to"))
        return (size_t)-1;
    for (k++;
         k < p->s.t.n && !concept_at(p, k) && (mark(p, LEX_DET, k) || mark(p, LEX_MODIFIER, k));
         k++)
        ;
    return k < p->s.t.n && concept_at(p, k) ? k : (size_t)-1;
}

/* Whether a change word and "of" lead from token at to figure i ("a
 * precept increase of 2.99%", "a grant cut of £3m"): the concept that
 * ends at `at` is what the figure changes. */
static int changes_into(const pass *p, size_t at, size_t i)
{
    const ing_term *c = mark(p, LEX_CUE, at);
    if (!c || (strcmp(c->value, "up") != 0 && strcmp(c->value, "down") != 0))
        return 0;
    size_t k = mark_end(p, LEX_CUE, at), b = before_approx(p, i);
    return is_word(p, k, "of") && (k + 1 == i || b == k);
}

/* How far a concept at token j is from the figure at i: a word after the
 * figure's own few words counts double, since what follows a figure beyond
 * its noun ("£4m of savings") is most often another thing. */
static size_t distance(const pass *p, size_t i, size_t j, size_t end)
{
    if (j < i)
        return end > i || changes_into(p, end, i) ? 0 : i - end + 1;
    /* "£4.3m of savings", "£25.1m in usable reserves": the figure's own noun */
    int joined = is_word(p, i + 1, "of") || is_word(p, i + 1, "in") || is_word(p, i + 1, "on") ||
                 sourced(p, i + 1); /* "to spend £48m on capital projects" */
    if (joined &&
        (j == i + 2 || (j == i + 3 && (mark(p, LEX_MODIFIER, i + 2) || is_word(p, i + 2, "the")))))
        return 0; /* "£62.1m from council tax", "£61.5m through the precept" */
    if (j == changed_noun(p, i))
        return 0; /* "a 4.2 per cent rise in the police precept" */
    size_t d = j - i;
    return d <= NOUN_WINDOW ? d : 2 * d;
}

static size_t concept_end(const pass *p, size_t j)
{
    return mark(p, LEX_CONCEPT, j) ? mark_end(p, LEX_CONCEPT, j) : mark_end(p, LEX_GROUP, j);
}

/* Whether token j names the group a share of another clause is of ("had
 * vetted 96 per cent of its workforce, leaving 312 people ..."): that
 * share's base, no concept of f's. */
static int others_base(const pass *p, const fig *f, size_t j)
{
    if (mark(p, LEX_CONCEPT, j))
        return 0;
    for (size_t k = 0; k < p->nf; k++)
        if (p->f[k].type == FIG_SHARE && p->f[k].base == j &&
            seg_of(p, p->f[k].i) != seg_of(p, f->i))
            return 1;
    return 0;
}

static void cands_by_distance(const pass *p, const fig *f, size_t from, size_t to, size_t skip,
                              int groups, name_set *cs)
{
    size_t order[256], n = 0;
    for (size_t j = from; j < to && n < 256; j++) {
        if (j == skip || !concept_at(p, j) || (!groups && !mark(p, LEX_CONCEPT, j)) ||
            others_base(p, f, j))
            continue;
        size_t at = n++;
        while (at > 0 && distance(p, f->i, order[at - 1], concept_end(p, order[at - 1])) >
                             distance(p, f->i, j, concept_end(p, j))) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = j;
    }
    for (size_t k = 0; k < n; k++)
        set_add(cs, concept_at(p, order[k]));
}

static void cands_of_seg(const pass *p, const fig *f, int sg, size_t skip, int groups, name_set *cs)
{
    cands_by_distance(p, f, p->s.seg[sg].from, p->s.seg[sg].to, skip, groups, cs);
}

/* "The force's general reserve, held at 3% of the budget under its
 * policy, is £5.1m": when clause sg opens with the verb ("is", "stand
 * at") after a clause set off by commas or brackets, that clause is said
 * of the subject before it, a clause of no figure: the subject's clause,
 * or -1. */
static int apposition_subject(const pass *p, int sg)
{
    if (sg < 2 || seg_has_fig(p, sg - 2) || !apposed_verb(p, sg))
        return -1;
    return sg - 2;
}

/* The concept of qualifier word q and the concept term at j together
 * ("general" and "reserves": "general reserves"), when the lexicon has
 * that term whole; else NULL. */
static const char *qualified(const pass *p, size_t q, size_t j)
{
    enum { MAXW = 6 };
    const char *w[MAXW];
    size_t wh[MAXW];
    const ing_term *at[8];
    size_t e = mark_end(p, LEX_CONCEPT, j);
    int n = 1;
    if (!p->s.word[q] || e - j + 1 > MAXW)
        return NULL;
    w[0] = p->s.word[q];
    wh[0] = p->s.whash[q];
    for (size_t k = j; k < e; k++, n++) {
        w[n] = p->s.word[k];
        wh[n] = p->s.whash[k];
    }
    int found = ing_lexicon_at(p->lx, w, wh, n, at, 8);
    for (int k = 0; k < found; k++)
        if (at[k]->kind == LEX_CONCEPT && at[k]->nword == n)
            return at[k]->value;
    return NULL;
}

/* "Reserves at 31 March 2025: general £6.0m; earmarked £18.7m": an item
 * clause of one word and its figure names a kind of a concept of an
 * earlier clause, the two words being a concept of their own.  Returns
 * that concept (and in *sg the clause of the concept it qualifies), or
 * NULL. */
static const char *item_kind(const pass *p, const fig *f, int *sg)
{
    int g = seg_of(p, f->i);
    size_t q = f->i - 1;
    if (g == 0 || f->i < 2 || q != p->s.seg[g].from || tok(p, q)->kind != TOK_WORD ||
        tok(p, q - 1)->kind != TOK_MARK || !tok(p, q - 1)->mark ||
        !strchr(":;", tok(p, q - 1)->mark) || concept_at(p, q) || mark(p, LEX_CUE, q))
        return NULL;
    for (size_t j = p->s.seg[g].from; j-- > 0;)
        if (mark(p, LEX_CONCEPT, j)) {
            *sg = seg_of(p, j);
            return qualified(p, q, j);
        }
    return NULL;
}

/* "£203 per head, of which police officers cost £98": a clause opening
 * "of which" or "of whom" names a part, not the whole before it. */
static int part_clause(const pass *p, int sg)
{
    size_t st = p->s.seg[sg].from;
    return is_word(p, st, "of") && (is_word(p, st + 1, "which") || is_word(p, st + 1, "whom"));
}

static void build_cands(pass *p, const fig *f, name_set *cs)
{
    /* A count of its own group ("1,001 staff") or of something foreign is
     * never about another group of the sentence. */
    int sg = seg_of(p, f->i), groups = !f->foreign_noun && !(f->type == FIG_COUNT && f->own_group);
    cs->n = 0;
    int ksg;
    const char *kind = item_kind(p, f, &ksg);
    if (kind)
        set_add(cs, kind);
    /* the figure's clause: concepts (for a count, before groups: a vetting
     * backlog of "16,000 staff" is not a count of staff), and a count's noun */
    /* a share of a group ("18 per cent of its PCSOs"): the clause's concepts
     * ("... are women"), then that group, before the clause's other groups */
    int of_group = f->type == FIG_SHARE && f->own_group && f->base != (size_t)-1 &&
                   mark(p, LEX_GROUP, f->base);
    cands_of_seg(p, f, sg, f->base, f->type != FIG_COUNT && !of_group, cs);
    /* and the clause of its verb, when an apposition holds it off
     * (find_cues) */
    int v = sg + 2;
    if (v < (int)p->s.nseg && apposed_verb(p, v) && !seg_has_fig(p, v))
        cands_of_seg(p, f, v, f->base, f->type != FIG_COUNT && !of_group, cs);
    if ((f->type == FIG_COUNT && f->own_group && !f->foreign_noun) || of_group)
        set_add(cs, f->group);
    if (groups)
        cands_of_seg(p, f, sg, f->base, 1, cs);
    int h = head_seg(p, sg);
    if (h >= 0)
        cands_of_seg(p, f, h, f->base, groups, cs);
    /* the subject an apposition interrupts, then the rest of the sentence:
     * earlier clauses first, nearest first */
    int subj = apposition_subject(p, sg);
    if (subj >= 0)
        cands_of_seg(p, f, subj, f->base, groups, cs);
    /* An "if" clause and the main clause speak of different things. */
    int cond = p->s.seg[sg].cond;
    for (int k = sg - 1; k >= 0; k--)
        if (p->s.seg[k].cond == cond)
            cands_of_seg(p, f, k, f->base, groups, cs);
    /* "an additional £5.9m, which will be invested in ...": a relative
     * clause after says what is done with the figure, not what it is */
    for (int k = sg + 1; k < (int)p->s.nseg; k++)
        if (p->s.seg[k].cond == cond && !is_word(p, p->s.seg[k].from, "which") &&
            !part_clause(p, k))
            cands_of_seg(p, f, k, f->base, groups, cs);
    if (f->base != (size_t)-1)
        set_add(cs, concept_at(p, f->base));
}

/* ---- periods ---- */

/* A period's text; "at that point", "for that year": the period stated
 * last before it in the sentence, else the sentence before's. */
static const char *period_text(const pass *p, const ing_period *per)
{
    if (per->text)
        return per->text;
    const char *before = NULL;
    for (size_t k = 0; k < p->s.nper && p->s.per[k].from < per->from; k++)
        if (p->s.per[k].text)
            before = p->s.per[k].text;
    return before ? before : prev_carry(p)->period;
}

static int may_take(const ing_period *per, const fig *f)
{
    return per->owner == (size_t)-1 || per->owner == f->i;
}

/* The period of a clause for a figure: the nearest after it (before the
 * next figure), else the nearest before it (after the figure before). */
static const ing_period *period_in_seg(const pass *p, const fig *f, int sg)
{
    const ing_period *after = NULL, *before = NULL;
    size_t next = p->s.seg[sg].to, prev = p->s.seg[sg].from;
    for (size_t k = 0; k < p->nf; k++) {
        size_t i = p->f[k].i;
        if (seg_of(p, i) == sg && i > f->i && i < next)
            next = i;
        if (seg_of(p, i) == sg && i < f->i && i >= prev)
            prev = i + 1;
    }
    for (size_t k = 0; k < p->s.nper; k++) {
        const ing_period *per = &p->s.per[k];
        if (seg_of(p, per->from) != sg || !may_take(per, f))
            continue;
        if (per->from > f->i && per->from < next && !after)
            after = per;
        if (per->to <= f->i && per->from >= prev)
            before = per;
    }
    return after ? after : before;
}

/* A clause's trailing period, after its last figure ("reduced by 0.6% from
 * £72.917m to £72.501m in 2016/17"): it dates the figures before, unless a
 * new verb of its own comes between ("has had to make £50m in savings and
 * must save a further £5m by 2024"). */
static const ing_period *trailing_period(const pass *p, const fig *f, int sg)
{
    size_t last = p->s.seg[sg].from;
    for (size_t k = 0; k < p->nf; k++)
        if (seg_of(p, p->f[k].i) == sg && p->f[k].i > last)
            last = p->f[k].i;
    for (size_t k = 0; k < p->s.ncue; k++)
        if (p->s.cue[k].from > f->i && p->s.cue[k].from < last &&
            !is_change_cue(p, p->s.cue[k].cls))
            return NULL;
    for (size_t k = 0; k < p->s.nper; k++)
        if (seg_of(p, p->s.per[k].from) == sg && p->s.per[k].from > last &&
            may_take(&p->s.per[k], f))
            return &p->s.per[k];
    return NULL;
}

/* A relative period restated in dates right after it ("over the four years
 * of the spending review (i.e. between March 2011 and March 2015)"). */
static const ing_period *restated(const pass *p, const ing_period *per)
{
    if (!per || per->dated)
        return per;
    int sg = seg_of(p, per->from);
    if (sg + 1 < (int)p->s.nseg && p->s.seg[sg + 1].restate)
        for (size_t k = 0; k < p->s.nper; k++)
            if (seg_of(p, p->s.per[k].from) == sg + 1 && p->s.per[k].dated)
                return &p->s.per[k];
    return per;
}

/* Concepts named in a clause (concept marks only). */
static int seg_names_other(const pass *p, int sg, const char *concept)
{
    for (size_t i = p->s.seg[sg].from; i < p->s.seg[sg].to; i++) {
        const char *c = mark(p, LEX_CONCEPT, i) ? mark(p, LEX_CONCEPT, i)->value : NULL;
        if (!c)
            c = mark(p, LEX_GROUP, i) ? mark(p, LEX_GROUP, i)->value : NULL;
        if (c && c != concept && !(mark(p, LEX_CONCEPT, i) && p->s.used[i]))
            return 1;
    }
    return 0;
}

/* Whether a period dates another figure said "from" ("3,200 officers, down
 * from 4,100 in 2010": 2010 is the earlier figure's, not the 3,200's). */
static int dates_another(const pass *p, const fig *f, const ing_period *q)
{
    for (size_t k = 0; k < p->nf; k++) {
        const fig *g = &p->f[k];
        size_t b = before_approx(p, g->i);
        if (g != f && b != (size_t)-1 && is_word(p, b, "from") &&
            seg_of(p, g->i) == seg_of(p, q->from) && period_in_seg(p, g, seg_of(p, g->i)) == q)
            return 1;
    }
    return 0;
}

/* Whether a cue's word is also a change word ("an extra £5.1m", "150
 * additional officers"): it qualifies its figure, no verb of its own. */
static int change_word(const pass *p, const ing_cue *c)
{
    for (size_t k = 0; k < p->s.ncue; k++)
        if (p->s.cue[k].from == c->from && is_change_cue(p, p->s.cue[k].cls))
            return 1;
    return 0;
}

/* Whether a clause opens with a participle ("..., raising £1.4m",
 * "..., funded by the £13 increase"): it goes on from the clause before,
 * with no verb (nor period) of its own. */
static int participle(const pass *p, size_t i)
{
    if (i >= p->s.t.n || tok(p, i)->kind != TOK_WORD)
        return 0;
    const char *w = tok(p, i)->word;
    size_t n = strlen(w);
    return n > 4 && (strcmp(w + n - 3, "ing") == 0 || strcmp(w + n - 2, "ed") == 0);
}

/* Whether a figure's clause says a verb of its own before it: a cue that is
 * no change nor a level reached ("; it has already delivered £36.5m of
 * this", "which represents 18 per cent"), so that it is no apposition of
 * the clause before ("an increase of £6.2m", "adding £14.94 a year",
 * "taking it to 2,130"). */
static int own_verb(const pass *p, const fig *f)
{
    size_t from = seg_start(p, f->i);
    for (size_t k = 0; k < p->s.ncue; k++) {
        const ing_cue *c = &p->s.cue[k];
        if (c->from >= from && c->from < f->i && !is_change_cue(p, c->cls) &&
            c->cls != p->lx->nm.reach && !change_word(p, c) &&
            !(c->from == from && participle(p, from)))
            return 1;
    }
    return 0;
}

/* Whether token i is a word in "-ing" ("meaning", "raising"): a clause it
 * opens goes on from the one before ("-ed" forms open clauses of their
 * own time: "funded by a drawdown ... in 2016/17"). */
static int ing_form(const pass *p, size_t i)
{
    if (i >= p->s.t.n || tok(p, i)->kind != TOK_WORD)
        return 0;
    const char *w = tok(p, i)->word;
    size_t n = strlen(w);
    return n > 4 && strcmp(w + n - 3, "ing") == 0;
}

/* Whether clause sg is in brackets that hold a figure ("Band D £243.15
 * (2022/23: £233.15)"): a period said there is that figure's alone. */
static int bracketed_with_fig(const pass *p, int sg)
{
    if (!p->s.seg[sg].paren)
        return 0;
    int lo = sg, hi = sg;
    while (lo > 0 && p->s.seg[lo - 1].paren)
        lo--;
    while (hi + 1 < (int)p->s.nseg && p->s.seg[hi + 1].paren)
        hi++;
    for (int g = lo; g <= hi; g++)
        if (seg_has_fig(p, g))
            return 1;
    return 0;
}

/* Whether a period opens the sentence before its first word of a clause
 * ("In 2019/20 the precept will rise by 3.99%, and the net budget will
 * grow by £4.3m"): it frames every clause. */
static int opens_sentence(const pass *p, const ing_period *q)
{
    return q->dated && (q->from == 0 || (q->from == 1 && mark(p, LEX_FRAME, 0))) &&
           (p->nf == 0 || q->to <= p->f[0].i);
}

static const char *choose_period(const pass *p, const fig *f, const char *concept)
{
    int sg = seg_of(p, f->i);
    const ing_period *per = period_in_seg(p, f, sg);
    /* "Since 2010 it has lost 1,100 officers and 700 staff": a figure
     * coordinated with the one before shares its period */
    for (const fig *a = f; !per && a > p->f && coordinated(p, a - 1, a); a--)
        per = period_in_seg(p, a - 1, sg);
    /* "core grant of £48.2m and council tax income of £39.7m in 2022/23":
     * and the period said after the last */
    for (const fig *a = f; !per && a + 1 < p->f + p->nf && coordinated(p, a, a + 1); a++)
        per = period_in_seg(p, a + 1, sg);
    /* "closed by using £1.5m of reserves and making £2.4m of savings": the
     * means after an "and" share the period of the first */
    if (!per && f > p->f && has_cue(f, p->lx->nm.meet) && means_go_on(p, f - 1, f))
        per = period_in_seg(p, f - 1, sg);
    /* "3,591 officers, 1,768 staff and 220 PCSOs at the end of March 2021":
     * a list's figures share the period said after its last */
    for (const fig *a = f, *b; !per && (b = next_listed(p, a)) != NULL; a = b)
        per = period_in_seg(p, b, seg_of(p, b->i));
    /* "At 31 March 2024 it had 33,746 officers, 1,218 PCSOs and 11,214
     * staff": and the period said before its first */
    for (const fig *a = f; !per && a > p->f && listed(p, a - 1, a); a--)
        per = period_in_seg(p, a - 1, seg_of(p, a[-1].i));
    /* "(2022/23: £233.15)": a figure in brackets has a period said in
     * them before it */
    for (int g = sg; !per && g > 0 && p->s.seg[g].paren && p->s.seg[g - 1].paren; g--)
        for (size_t k = 0; k < p->s.nper; k++)
            if (seg_of(p, p->s.per[k].from) == g - 1 && may_take(&p->s.per[k], f))
                per = &p->s.per[k];
    /* "In March 2019 it had 2,104 officers, or 2,061.5 FTE": a figure that
     * restates another has its period */
    int r = restates(p, (size_t)(f - p->f));
    if (!per && r >= 0)
        per = period_in_seg(p, &p->f[r], seg_of(p, p->f[r].i));
    /* "of which council tax pays £206.1m (29%) and central grant £506.5m":
     * a figure that restates another, or whose clause is gapped after it,
     * takes the period that one is given, however it is given */
    const fig *g = r >= 0 ? &p->f[r] : gap_partner(p, (size_t)(f - p->f));
    if (!per && g)
        return choose_period(p, g, concept);
    /* "At 31 March 2024 it held general reserves of £11.2m, earmarked
     * reserves of £29.1m and ...": a list's item has its item before's */
    const fig *it = per ? NULL : item_partner(p, (size_t)(f - p->f));
    if (it)
        return choose_period(p, it, concept);
    /* "The budget for 2023/24 (£189.3m, after £2.7m of savings) was
     * approved in January": a parenthesis is dated by the clause it
     * explains, the period said last there */
    int h = head_seg(p, sg);
    for (size_t k = 0; !per && h >= 0 && k < p->s.nper; k++)
        if (seg_of(p, p->s.per[k].from) == h && may_take(&p->s.per[k], f) &&
            (k + 1 == p->s.nper || seg_of(p, p->s.per[k + 1].from) != h))
            per = &p->s.per[k];
    /* "£3.86bn for 2025-26, of which £1.1bn is funded by council tax": a
     * part said in an "of which" clause has the period of its whole */
    if (!per && f > p->f && part_clause(p, sg)) {
        /* "of which 43 per cent is funded by council tax and 57 per cent
         * by grants": every part's whole is the figure before the clause */
        const fig *a = f - 1;
        while (a > p->f && seg_of(p, a->i) == sg)
            a--;
        if (seg_of(p, a->i) == sg)
            a = f - 1;
        per = period_in_seg(p, a, seg_of(p, a->i));
        if (!per)
            per = trailing_period(p, a, seg_of(p, a->i));
        /* "5,736 people (5,212 FTE), of whom 2,708 were officers": past
         * the whole's restatement, the whole's */
        int rw = per ? -1 : restates(p, (size_t)(a - p->f));
        if (rw >= 0)
            return choose_period(p, &p->f[rw], concept);
    }
    if (!per && f->move != 1)
        per = trailing_period(p, f, sg);
    /* "The 2023-24 budget of £411.2m includes savings of £6.5m": a period
     * before the clause's first figure frames the clause (not past an "and":
     * "In 2010 it had 2,000 officers and now has 1,700") */
    if (!per && f->move != 1) {
        const fig *first = f;
        while (first > p->f && seg_of(p, first[-1].i) == sg)
            first--;
        for (size_t i = first->i; first != f && i < f->i; i++)
            if (is_word(p, i, "and"))
                first = f;
        if (first != f)
            for (size_t k = 0; k < p->s.nper; k++)
                if (seg_of(p, p->s.per[k].from) == sg && p->s.per[k].to <= first->i &&
                    may_take(&p->s.per[k], f) && !dates_another(p, f, &p->s.per[k]))
                    per = &p->s.per[k];
    }
    per = restated(p, per);
    if (!per && p->s.seg[sg].when && sg > 0) {
        /* "..., when it will face a gap of £167m": the time just before */
        for (size_t k = 0; k < p->s.nper; k++)
            if (seg_of(p, p->s.per[k].from) == sg - 1)
                per = &p->s.per[k];
    }
    if (!per && !p->s.seg[sg].cond) {
        size_t bd = (size_t)-1;
        /* "a gap of £12m in 2019-20 to 2022-23, to be met from savings of
         * £8m", "..., with the precept rising by 6.99%": a clause that goes
         * on from the one before with no verb of its own takes its time
         * whatever that one is about */
        size_t st0 = p->s.seg[sg].from;
        /* "The budget for FY2022/23, at £381.6m, includes a £2.2m
         * contribution from reserves": the subject's time is its verb's */
        int subj = apposition_subject(p, sg);
        int goes_on = sg > 0 && ((is_word(p, st0, "to") && is_word(p, st0 + 1, "be")) ||
                                 is_word(p, st0, "with") || ing_form(p, st0));
        /* "£42m of savings since 2010/11, which equates to 21% of its
         * budget": a share of a base in a relative clause is a ratio of
         * its own, dated only by its clause, unless it is what the figure
         * before makes up ("£62.1m, which pays for 41% of its budget") */
        int ratio = sg > 0 && is_word(p, st0, "which") && f->type == FIG_SHARE &&
                    f->base != (size_t)-1 && !makeup_before(p, f);
        /* "Reserves at 31 March 2025: general £6.0m": an item naming a kind
         * of the concept of the clause it is listed after has its time */
        int ksg = -1;
        const char *kind = item_kind(p, f, &ksg);
        if (!kind || strcmp(kind, concept) != 0)
            ksg = -1;
        for (size_t k = 0; k < p->s.nper; k++) {
            const ing_period *q = &p->s.per[k];
            int qs = seg_of(p, q->from);
            if (qs == sg || ratio || p->s.seg[qs].cond ||
                (bracketed_with_fig(p, qs) && !p->s.seg[sg].paren) ||
                (seg_names_other(p, qs, concept) && !(goes_on && qs == sg - 1) && qs != subj &&
                 !opens_sentence(p, q) && qs != ksg) ||
                !may_take(q, f) || dates_another(p, f, q) || (qs > sg && seg_has_fig(p, qs)))
                continue; /* a later clause's period with its own figure is that figure's */
            /* "The budget for 2025/26, set at £96.2m, was approved in
             * February": the verb after an apposition has its own time */
            if (qs > sg && apposition_subject(p, qs) >= 0)
                continue;
            /* nor an earlier clause's, after a figure of its own, when this
             * clause has its own verb (but a period before every figure
             * frames the sentence) */
            if (qs < sg && q->from > p->f[0].i && seg_has_fig(p, qs) && own_verb(p, f) &&
                !(goes_on && qs == sg - 1))
                continue;
            size_t d = q->from > f->i ? q->from - f->i : f->i - q->from;
            if (d < bd) {
                bd = d;
                per = q;
            }
        }
    }
    const char *text = per ? period_text(p, per) : NULL;
    if (!text && p->item && p->intro.period && !f->move)
        text = p->intro.period; /* "... data for the 12 months to September 2018 show that:" */
    return text ? text : "";
}

/* ---- emitting ---- */

static char *item_label(peel_arena *a, const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && strchr(";,. ", text[n - 1]))
        n--;
    if (n >= 4 && strncmp(text + n - 4, " and", 4) == 0)
        n -= 4;
    while (n > 0 && strchr(";,. ", text[n - 1]))
        n--;
    return peel_arena_strndup(a, text, n);
}

static const char *key_name(peel_arena *a, const ing_key_row *r, const fig *f)
{
    const char *g = strstr(r->key, "{group}");
    if (!g)
        return r->key;
    return peel_arena_printf(a, "%.*s%s%s", (int)(g - r->key), r->key, f->group ? f->group : "",
                             g + 7);
}

static void emit(pass *p, const fig *f, const choice *c, const char *period, double value,
                 int decimals)
{
    peel_arena *a = &p->cx->rep->arena;
    const ing_tok *t = tok(p, f->i);
    char buf[64];
    peel_num_format(value, decimals, buf, sizeof buf);
    ing_fact *x = peel_arena_alloc(a, sizeof *x);
    x->key = key_name(a, c->row, f);
    x->value = peel_arena_strdup(a, buf);
    x->unit = unit_for(c->row, f, c->type);
    x->period = period;
    x->raw = peel_arena_strndup(a, p->b->text + t->start, t->end - t->start);
    x->pattern = peel_arena_printf(a, "%s/%s", c->concept, c->role);
    x->label = p->b->intro ? item_label(a, p->b->text) : "";
    x->sentence = ing_sentence_of(a, p->b->text, p->b->ends, p->b->nends, t->start);
    x->pillar = c->row->pillar;
    x->line = ing_span_line(p->b->span, p->b->nspan, t->start);
    peel_vec_push(&p->cx->rep->facts, x);
}

/* "over the next four years" on a fact whose concept counts its years. */
static void emit_years(pass *p, const fig *f, const choice *c)
{
    /* the years a level moves over ("reduce from £154m to £43m over the
     * next four years") or a range spans; a single amount's period is only
     * its period ("use £8.9m of reserves over the next four years") */
    if (!f->move && !tok(p, f->i)->num.is_range)
        return;
    for (size_t k = 0; k < p->s.nper; k++) {
        const ing_period *per = &p->s.per[k];
        if (!per->years || seg_of(p, per->from) != seg_of(p, f->i) || per->counted)
            continue;
        p->s.per[k].counted = 1; /* once, however many facts it dates */
        fig years = *f;
        years.type = FIG_COUNT;
        years.noun_unit = NULL;
        for (size_t r = 0; r < p->lx->nrow; r++) {
            const ing_key_row *row = &p->lx->row[r];
            if (row->concept == c->concept && strcmp(row->role, "years") == 0) {
                choice y = {
                    .row = row, .concept = c->concept, .role = row->role, .type = FIG_COUNT};
                /* the count is the period's, on the period's first figure */
                for (size_t i = per->from; i < per->to; i++)
                    if (tok(p, i)->kind == TOK_FIG) {
                        years.i = i;
                        break;
                    }
                emit(p, &years, &y, per->text, per->years, 0);
                return;
            }
        }
    }
}

/* The figure's concept, role and key row: its candidates in turn, then the
 * concepts it points back to, then the concept that stands for any. */
static int decide_roles(pass *p, const fig *f, const fig_roles *roles, choice *c)
{
    name_set cs;
    build_cands(p, f, &cs);
    for (int k = 0; k < cs.n; k++) {
        int r = try_concept(p, f, roles, cs.item[k], c);
        if (r < 0)
            return 0;
        if (r > 0)
            return 1;
    }
    /* a sentence that points back: the concept of the sentence before */
    const carry *from[2] = {prev_carry(p), p->item ? &p->intro : NULL};
    for (int k = 0; k < 2; k++)
        if (from[k] && from[k]->concept) {
            int r = try_concept(p, f, roles, from[k]->concept, c);
            if (r > 0)
                return 1;
            if (r < 0)
                return 0;
        }
    return try_concept(p, f, roles, p->lx->any, c) > 0;
}

static int decide(pass *p, const fig *f, choice *c)
{
    fig_roles roles;
    fig_roles_init(p, f, &roles);
    return decide_roles(p, f, &roles, c);
}

/* "Comparing July 2018 with September 2018:" dates a movement in the list. */
static const char *movement_period(const pass *p, const fig *f, const char *period)
{
    if (period[0] || !f->move || p->intro.ndated != 2 || !p->item)
        return period;
    return p->intro.dated[f->move - 1];
}

/* A movement's first figure is a fact only when dated in its own words
 * ("from 1,425 in March 2018"), or when the key says where the movement
 * starts (reserves now). */
static int keep_from(const pass *p, const fig *f, const choice *c)
{
    if (f->move != 1 || strcmp(c->role, "opening") == 0)
        return 1;
    return period_in_seg(p, f, seg_of(p, f->i)) != NULL || movement_period(p, f, "")[0];
}

/* "£3.38 a year": the rate is the figure's own, no other figure's period. */
static void own_rates(pass *p)
{
    for (size_t k = 0; k < p->nf; k++) {
        const fig *f = &p->f[k];
        if (f->type != FIG_RATE || f->rate_to <= f->rate_from)
            continue;
        for (size_t q = 0; q < p->s.nper; q++)
            if (p->s.per[q].from < f->rate_to && p->s.per[q].to > f->rate_from)
                p->s.per[q].owner = f->i;
    }
}

/* The first concept marked in the sentence, or NULL. */
static const char *first_concept(const pass *p)
{
    return sent_first_concept(&p->s);
}

/* "£17.4bn in England and Wales, an increase of £1.2bn": a change said in
 * apposition (no verb of its own) to a national figure is national. */
static void national_apposition(pass *p)
{
    int down;
    for (size_t k = 1; k < p->nf; k++) {
        fig *f = &p->f[k];
        int sg = seg_of(p, f->i);
        if (p->f[k - 1].national && seg_of(p, p->f[k - 1].i) == sg - 1 &&
            change_cue_in(p, p->s.seg[sg].from, p->s.seg[sg].to, &down) && !own_verb(p, f))
            f->national = 1;
    }
}

/* ---- "respectively": a list of figures matched item by item ---- */

/* A list's separator at j: ",", "and" or ", and"; returns what follows. */
static size_t list_sep(const pass *p, size_t j)
{
    if (j < p->s.t.n && tok(p, j)->kind == TOK_MARK && tok(p, j)->mark == ',')
        j++;
    if (is_word(p, j, "and"))
        j++;
    return j;
}

/* One group named at j on its own, not a pair's name ("officers" of
 * "officers and staff"); returns its end, or 0. */
static size_t lone_group_at(const pass *p, size_t j, const char **g)
{
    if (tok(p, j)->kind != TOK_WORD || !p->s.word[j] || p->s.run[j] < 1)
        return 0;
    const ing_term *at[8];
    int found = ing_lexicon_at(p->lx, p->s.word + j, p->s.whash + j, p->s.run[j], at, 8);
    size_t best = 0;
    for (int k = 0; k < found; k++) {
        int pair = 0;
        for (int w = 0; w < at[k]->nword; w++)
            pair |= strcmp(at[k]->word[w], "and") == 0;
        if (at[k]->kind == LEX_GROUP && !pair && (size_t)at[k]->nword > best) {
            best = (size_t)at[k]->nword;
            *g = at[k]->value;
        }
    }
    return best ? j + best : 0;
}

/* The first list of two or more groups; their number, at most max. */
static int group_list(const pass *p, const char **g, int max)
{
    for (size_t j = 0; j < p->s.t.n; j++) {
        int n = 0;
        size_t k = j, e;
        while (n < max && k < p->s.t.n && (e = lone_group_at(p, k, &g[n]))) {
            n++;
            size_t nx = list_sep(p, e);
            if (nx == e)
                break;
            k = nx;
        }
        if (n >= 2)
            return n;
    }
    return 0;
}

static int is_year_tok(const pass *p, size_t j)
{
    return j < p->s.t.n && tok(p, j)->kind == TOK_FIG && tok(p, j)->num.unit == PEEL_UNIT_YEAR;
}

/* The first list of two or more years ("2023/24 and 2024/25"): their
 * tokens and number, at most max. */
static int year_list(const pass *p, size_t *y, int max)
{
    for (size_t j = 0; j < p->s.t.n; j++) {
        int n = 0;
        for (size_t k = j; n < max && is_year_tok(p, k); k = list_sep(p, k + 1)) {
            y[n++] = k;
            if (list_sep(p, k + 1) == k + 1)
                break;
        }
        if (n >= 2)
            return n;
    }
    return 0;
}

/* Whether figure k + 1 follows figure k in a list ("2,940, 1,980 and 210"). */
static int next_in_list(const pass *p, size_t k)
{
    return k + 1 < p->nf && p->f[k + 1].type == p->f[k].type && p->f[k + 1].i > p->f[k].i + 1 &&
           list_sep(p, p->f[k].i + 1) == p->f[k + 1].i;
}

/* "33.5% and 61% of its officers and staff respectively", "£21.4m and
 * £17.8m for 2023/24 and 2024/25 respectively": each figure of a list is
 * of the group, and in the year, of the same place in a list of them. */
static void respective(pass *p)
{
    size_t r = 0;
    while (r < p->s.t.n && !is_word(p, r, "respectively"))
        r++;
    if (r == p->s.t.n)
        return;
    enum { MAX_ITEMS = 6 };
    const char *g[MAX_ITEMS];
    size_t y[MAX_ITEMS];
    int ng = group_list(p, g, MAX_ITEMS), ny = year_list(p, y, MAX_ITEMS);
    for (size_t k = 0; k < p->nf;) {
        int n = 1;
        while (next_in_list(p, k + (size_t)n - 1))
            n++;
        for (int m = 0; m < n; m++) {
            if (n == ng) {
                p->f[k + m].group = g[m];
                p->f[k + m].own_group = 1;
            }
            if (n == ny)
                p->f[k + m].resp_year = y[m] + 1;
            /* sums matched to things the lexicon does not name are parts */
            if (n >= 2 && n != ng && n != ny && p->f[k + m].type == FIG_MONEY)
                p->f[k + m].resp_item = 1;
        }
        k += (size_t)n;
    }
}

static const char *year_text(const pass *p, size_t j)
{
    const ing_tok *t = tok(p, j);
    return peel_arena_strndup(&p->cx->rep->arena, p->b->text + t->start, t->end - t->start);
}

/* "The average Band D precept across England rose by £14.93, or 5.9%": a
 * figure that restates a national one is national too. */
static void restated_scope(pass *p)
{
    for (size_t k = 1; k < p->nf; k++) {
        int r = restates(p, k);
        if (r >= 0 && p->f[r].national)
            p->f[k].national = 1;
    }
}

static void facts_of_sentence(pass *p, carry *next)
{
    collect_figures(p);
    respective(p);
    own_rates(p);
    find_movements(p);
    find_scopes(p);
    national_apposition(p);
    restated_scope(p);
    find_cues(p);
    for (size_t k = 0; k < p->nf; k++) {
        fig *f = &p->f[k];
        choice c;
        if (f->excluded || !decide(p, f, &c))
            continue;
        if (c.type == FIG_RATE && f->rate_to > f->rate_from)
            ing_sent_drop_period(&p->s, f->rate_from, f->rate_to);
        /* a range in words is a fact only where the key has its ends */
        if (f->words_range && strcmp(c.row->role, "low") != 0)
            continue;
        if (!keep_from(p, f, &c))
            continue;
        const char *period = f->resp_year ? year_text(p, f->resp_year - 1)
                                          : movement_period(p, f, choose_period(p, f, c.concept));
        const peel_num *n = &tok(p, f->i)->num;
        double v = n->value;
        double hi_v = f->words_range ? f->words_hi : n->hi;
        if (strcmp(c.role, "high") == 0)
            v = hi_v;
        if (strcmp(c.row->role, "change") == 0 && f->negative)
            v = -v; /* changes are signed; savings and gaps stay amounts */
        emit(p, f, &c, period, v, peel_num_base_decimals(n));
        if ((n->is_range || f->words_range) && strcmp(c.role, "low") == 0) {
            choice hi = c;
            fig g = *f;
            g.max = 0;
            add_cue(&g, p->lx->nm.high);
            /* the high end of a range is a fact of its own */
            for (size_t r = 0; r < p->lx->nrow; r++)
                if (p->lx->row[r].concept == c.concept && strcmp(p->lx->row[r].role, "high") == 0) {
                    hi.row = &p->lx->row[r];
                    hi.role = hi.row->role;
                    emit(p, &g, &hi, period, hi_v, peel_num_base_decimals(n));
                }
        }
        emit_years(p, f, &c);
        next->concept = c.concept;
        next->role = c.role;
    }
    take_periods(&p->s, next);
    if (!next->concept)
    next->concept = first_concept(p);
}

/* Whether the sentence points back to the one before ("this", "at that
 * point", or a sentence with figures but no concept of its own). */
static int points_back(const pass *p)
{
    int concept = 0;
    for (size_t i = 0; i < p->s.t.n; i++) {
        if (mark(p, LEX_REFER, i) || mark(p, LEX_REFER_PERIOD, i))
            return 1;
        concept |= mark(p, LEX_CONCEPT, i) != NULL;
    }
    return !concept;
}

static void analyse_text(pass *p, const char *text, size_t from, size_t to, const peel_num *num,
                         size_t nnum, carry *out)
{
    ing_sent_analyse(&p->s, p->lx, &p->cx->rep->arena, text, from, to, num, nnum);
    memset(out, 0, sizeof *out);
}

/* The carry of a list's introduction: its dates ("Comparing July 2018
 * with September 2018:"), and its concept and period, taken back through the
 * sentences it points back to ("It will invest:" after "... plans to invest
 * £1.58 billion from 2018/19 to 2022/23. It will fund £380m of this ..."). */
static void read_intro(pass *p, const char *intro)
{
    memset(&p->intro, 0, sizeof p->intro);
    if (!intro)
        return;
    ing_intro_memo *memo = p->b->memo;
    if (memo && memo->text == intro) {
        p->intro = memo->carry; /* the list's item before read it */
        return;
    }
    ing_block ib = *p->b;
    size_t *ends = NULL, cap_ends = 0;
    ib.text = intro;
    ib.nends = ing_sentence_ends(intro, &ends, &cap_ends);
    ib.ends = ends;
    const ing_block *keep = p->b;
    /* the introduction read as the block for a while; put back below */
    // cppcheck-suppress autoVariables
    p->b = &ib;
    carry c = {0};
    peel_num *num;
    size_t nnum = ing_scan_nums(intro, &num);
    for (size_t k = 0, pos = 0; k < ib.nends; k++) {
        size_t end = ib.ends[k];
        carry unused;
        analyse_text(p, intro, pos, end, num, nnum, &unused);
        if (!points_back(p))
            memset(&c, 0, sizeof c);
        take_periods(&p->s, &c);
        const char *concept = first_concept(p);
        c.concept = concept ? concept : c.concept;
        pos = end;
    }
    free(num);
    free(ends);
    p->intro = c;
    p->b = keep;
    if (memo) {
        memo->text = intro;
        memo->carry = c;
    }
}

/* Sentence by sentence, each with the carry of the one before when it
 * points back.  A sentence without figures makes no fact and its carry
 * (first concept, periods) is its own, not the one before's; so it stops
 * after a look at its bytes, or after its tokens, and is read in full only
 * when a figure of the sentence after, pointing back, asks for that carry
 * (prev_carry). */
long ing_span_line(const ing_span *span, size_t nspan, size_t off)
{
    /* The last span starting at or before off (a block has a few lines). */
    size_t k = 0;
    while (k + 1 < nspan && span[k + 1].at <= off)
        k++;
    return nspan ? span[k].line : 0;
}

void ing_facts_work_release(ing_facts_work *w)
{
    ing_sent_release(&w->s);
    ing_sent_release(&w->prev);
    free(w->roles);
    w->roles = NULL;
}

void ing_facts_match(ing_ctx *cx, const ing_block *b)
{
    ing_facts_work own = {0}, *w = b->work ? b->work : &own;
    /* The work's sentences are this block's to use; given back below. */
    lookback prev = {.s = w->prev};
    pass p = {
        .cx = cx, .lx = &cx->cat->lexicon, .b = b, .prev = &prev, .s = w->s, .roles = w->roles};
    p.item = b->intro != NULL;
    read_intro(&p, b->intro);
    peel_arena *a = &cx->rep->arena;
    size_t pos = 0, plain_from = 0, plain_to = 0;
    int plain = 0; /* the sentence before had no figures: [plain_from, plain_to) */
    for (size_t k = 0; k < b->nends; k++) {
        size_t end = b->ends[k];
        if (!ing_may_hold_figures(p.lx, b->text, pos, end, b->num, b->nnum) ||
            !ing_sent_tokens(&p.s, p.lx, a, b->text, pos, end, b->num, b->nnum)) {
            plain = 1;
            plain_from = pos;
            plain_to = end;
        } else {
            ing_sent_finish(&p.s, a);
            carry next = {0};
            if (!points_back(&p))
                lookback_take(&prev, &next); /* nothing: the sentence stands alone */
            else if (plain)
                lookback_defer(&prev, plain_from, plain_to);
            facts_of_sentence(&p, &next);
            lookback_take(&prev, &next);
            plain = 0;
        }
        p.item = 0; /* only the item's first sentence is the list's part */
        pos = end;
    }
    w->s = p.s;
    w->prev = prev.s;
    w->roles = p.roles;
    if (w == &own)
        ing_facts_work_release(&own);
    free(p.f);
}
