/* One sentence analysed: its tokens, what the lexicon marks in them, its
 * clauses (segments) and its periods.  The facts pass (facts.c) reads it. */
#include <stdlib.h>
#include <string.h>

#include "facts.h"

enum { MAX_AT = 64 }; /* terms starting at one token, of every kind */

/* Room in the per-token arrays for the sentence's tokens (a merge of
 * fractions only makes them fewer): grown, never shrunk, as *s is reused. */
static void size_token_arrays(ing_sent *s)
{
    size_t n = s->t.n ? s->t.n : 1;
    if (n <= s->cap_tok)
        return;
    s->word = peel_xrealloc(s->word, n * sizeof *s->word);
    s->whash = peel_xrealloc(s->whash, n * sizeof *s->whash);
    s->run = peel_xrealloc(s->run, n * sizeof *s->run);
    s->seg_of = peel_xrealloc(s->seg_of, n * sizeof *s->seg_of);
    s->used = peel_xrealloc(s->used, n);
    s->cap_tok = n;
}

/* The words from each token to the next mark. */
static void count_runs(ing_sent *s)
{
    for (size_t i = s->t.n; i-- > 0;)
        s->run[i] = s->t.tok[i].kind == TOK_MARK ? 0 : 1 + (i + 1 < s->t.n ? s->run[i + 1] : 0);
}

/* Each token's hash (the tokenizer's) and lexicon word (NULL when no term
 * has it: no term starts there), once for all the matching.  Returns
 * whether a fraction term may be in the sentence: a word one may start
 * with, then (there or later) a word one may end with.  Most sentences
 * have none, and their tokens are then not asked for fractions one by one. */
static int hash_words(ing_sent *s)
{
    int may_start = 0, may_end = 0;
    for (size_t i = 0; i < s->t.n; i++) {
        const ing_tok *t = &s->t.tok[i];
        s->whash[i] = t->hash;
        s->word[i] =
            t->kind == TOK_MARK ? NULL : ing_lexicon_word(s->lx, t->word, t->wlen, t->hash);
        if (!s->word[i])
            continue;
        may_start = may_start || ing_lexicon_may_fraction(s->lx, t->hash);
        may_end = may_end || (may_start && ing_lexicon_may_end_fraction(s->lx, t->word, t->wlen));
    }
    count_runs(s);
    return may_end;
}

/* Every term starting at token i (its words up to a mark), any kind. */
static int terms_at(const ing_sent *s, size_t i, const ing_term **out)
{
    if (!s->word[i])
        return 0;
    return ing_lexicon_at(s->lx, s->word + i, s->whash + i, s->run[i], out, MAX_AT);
}

/* The longest fraction term at token i, or NULL.  Only the words a
 * fraction may start with are looked up. */
static const ing_term *fraction_at(const ing_sent *s, size_t i)
{
    const ing_term *at[MAX_AT], *t = NULL;
    int n = ing_lexicon_may_fraction(s->lx, s->whash[i]) ? terms_at(s, i, at) : 0;
    for (int k = 0; k < n; k++)
        if (at[k]->kind == LEX_FRACTION && (!t || at[k]->nword > t->nword))
            t = at[k];
    return t;
}

/* Token *tok, the first of fraction term t whose last token ends at `end`,
 * made the share figure the term says. */
static void make_share(ing_tok *tok, const ing_term *t, size_t end)
{
    memset(&tok->num, 0, sizeof tok->num);
    tok->kind = TOK_FIG;
    tok->num.value = tok->num.hi = strtod(t->value, NULL);
    tok->num.unit = PEEL_UNIT_PCT;
    tok->num.scale = 1;
    tok->num.is_word = 1;
    tok->num.decimals = strchr(t->value, '.') ? 1 : 0;
    tok->num.start = tok->start;
    tok->num.end = tok->end = end;
}

/* "a quarter", "three quarters": the tokens become one share figure, which
 * keeps its first word's hash and lexicon word. */
static void merge_fractions(ing_sent *s)
{
    size_t out = 0;
    size_token_arrays(s);
    if (!hash_words(s))
        return;
    for (size_t i = 0; i < s->t.n; out++) {
        const ing_term *t = fraction_at(s, i);
        if (out != i) {
            s->t.tok[out] = s->t.tok[i];
            s->word[out] = s->word[i];
            s->whash[out] = s->whash[i];
        }
        if (t)
            make_share(&s->t.tok[out], t, s->t.tok[i + (size_t)t->nword - 1].end);
        i += t ? (size_t)t->nword : 1;
    }
    if (out < s->t.n) {
        s->t.n = out;
        count_runs(s);
    }
}

/* The unit term of `nword` words at token i, or NULL. */
static const ing_term *unit_at(const ing_sent *s, size_t i, int nword)
{
    const ing_term *at[MAX_AT];
    int n = terms_at(s, i, at);
    for (int k = 0; k < n; k++)
        if (at[k]->kind == LEX_UNIT && at[k]->nword == nword)
            return at[k];
    return NULL;
}

/* Whether tokens [open, close] are a bracket that only restates the unit
 * term ending right before it: "full-time equivalent (FTE)". */
static int unit_gloss(const ing_sent *s, size_t open, size_t close)
{
    const ing_term *in = unit_at(s, open + 1, (int)(close - open - 1));
    if (!in)
        return 0;
    for (size_t k = 1; k <= open && k <= (size_t)s->lx->max_words; k++) {
        const ing_term *u = unit_at(s, open - k, (int)k);
        if (u && strcmp(u->value, in->value) == 0)
            return 1;
    }
    return 0;
}

/* Such a bracket is dropped: it holds no figure, and as a clause of its
 * own it would part the count from its noun and its period ("1,796
 * full-time equivalent (FTE) officers at 31 March 2019"). */
static void drop_unit_glosses(ing_sent *s)
{
    size_t out = 0, n = s->t.n;
    for (size_t i = 0; i < n; i++) {
        if (s->t.tok[i].kind == TOK_MARK && s->t.tok[i].mark == '(' && i > 0) {
            size_t c = i + 1;
            while (c < n && c <= i + 4 && s->t.tok[c].kind == TOK_WORD)
                c++;
            if (c < n && c > i + 1 && s->t.tok[c].kind == TOK_MARK && s->t.tok[c].mark == ')' &&
                unit_gloss(s, i, c)) {
                i = c;
                continue;
            }
        }
        if (out != i) {
            s->t.tok[out] = s->t.tok[i];
            s->word[out] = s->word[i];
            s->whash[out] = s->whash[i];
        }
        out++;
    }
    if (out < n) {
        s->t.n = out;
        count_runs(s);
    }
}

static void add_cue(ing_sent *s, const char *cls, size_t from, size_t to)
{
    for (size_t k = 0; k < s->ncue; k++)
        if (s->cue[k].cls == cls && s->cue[k].to >= to)
            return; /* inside a longer cue of its class */
    if (s->ncue == s->cap_cue) {
        s->cap_cue = s->cap_cue ? s->cap_cue * 2 : 16;
        s->cue = peel_xrealloc(s->cue, s->cap_cue * sizeof *s->cue);
    }
    s->cue[s->ncue++] = (ing_cue){cls, from, to};
}

/* A rise or fall said inside a concept's name still counts ("a £54m
 * budget reduction"); other cues there do not ("the amount local people pay
 * towards policing" names the precept, it raises nothing). */
static int is_change_class(const ing_sent *s, const char *cls)
{
    return cls == s->lx->nm.up || cls == s->lx->nm.down;
}

/* Room for LEX_NKIND marks a token, every one NULL.  The cells the sentence
 * before set are cleared one by one (a few a sentence) rather than the
 * whole array: only find_marks writes marks. */
static void clear_marks(ing_sent *s)
{
    size_t cells = (size_t)LEX_NKIND * (s->t.n ? s->t.n : 1);
    for (size_t k = 0; k < s->nset; k++)
        s->mark[s->set[k]] = NULL;
    s->nset = 0;
    if (cells > s->cap_mark) {
        s->mark = peel_xrealloc(s->mark, cells * sizeof(const ing_term *));
        s->mark_end = peel_xrealloc(s->mark_end, cells * sizeof(size_t));
        memset(s->mark + s->cap_mark, 0, (cells - s->cap_mark) * sizeof(const ing_term *));
        s->cap_mark = cells;
    }
}

static void set_mark(ing_sent *s, size_t cell, const ing_term *t, size_t end)
{
    if (!s->mark[cell]) {
        if (s->nset == s->cap_set) {
            s->cap_set = s->cap_set ? s->cap_set * 2 : 64;
            s->set = peel_xrealloc(s->set, s->cap_set * sizeof *s->set);
        }
        s->set[s->nset++] = cell;
    }
    s->mark[cell] = t;
    s->mark_end[cell] = end;
}

/* The cues among at[0..nat) into *cue, the longest first, file order among
 * equals (insertion sort: a token starts a few terms).  Returns how many. */
static int cues_longest_first(const ing_term *const *at, int nat, const ing_term **cue)
{
    int n = 0;
    for (int k = 0; k < nat; k++) {
        if (at[k]->kind != LEX_CUE)
            continue;
        int j = n++;
        for (; j > 0 && cue[j - 1]->nword < at[k]->nword; j--)
            cue[j] = cue[j - 1];
        cue[j] = at[k];
    }
    return n;
}

/* The longest term of each kind at each token (a term inside a longer one of
 * the same kind is not marked again: "reserve" in "general reserve"), and
 * the cues of every class, the longest of each class first: a word may be a
 * cue of several ("additional": a rise, and officers to be recruited).
 * covered[k] is the end of the last mark of kind k, the furthest any
 * reaches: token i is inside a concept's name when covered[LEX_CONCEPT] > i. */
static void find_marks(ing_sent *s)
{
    size_t n = s->t.n;
    clear_marks(s);
    s->ncue = 0;
    size_t covered[LEX_NKIND] = {0};
    for (size_t i = 0; i < n; i++) {
        const ing_term *at[MAX_AT], *cue[MAX_AT];
        int nat = terms_at(s, i, at);
        if (nat == 0)
            continue; /* no term starts here: no mark, no cue, nothing covered */
        for (int k = 0; k < nat; k++) {
            const ing_term *t = at[k];
            size_t cell = (size_t)t->kind * n + i;
            if (i < covered[t->kind] || (s->mark[cell] && s->mark[cell]->nword >= t->nword))
                continue;
            set_mark(s, cell, t, i + (size_t)t->nword);
        }
        int inside = covered[LEX_CONCEPT] > i;
        for (int k = 0; k < nat; k++) {
            size_t cell = (size_t)at[k]->kind * n + i;
            if (s->mark[cell])
                covered[at[k]->kind] = s->mark_end[cell];
        }
        int ncue = cues_longest_first(at, nat, cue);
        for (int k = 0; k < ncue; k++)
            if (!inside || is_change_class(s, cue[k]->value))
                add_cue(s, cue[k]->value, i, i + (size_t)cue[k]->nword);
    }
}

static int starts_with_word(const ing_sent *s, size_t i, const char *w)
{
    return i < s->t.n && s->t.tok[i].kind == TOK_WORD && strcmp(s->t.tok[i].word, w) == 0;
}

static int is_boundary(const ing_tok *t)
{
    return t->kind == TOK_MARK && strchr(",;:()-", t->mark);
}

static void add_seg(ing_sent *s, size_t from, size_t to, int paren)
{
    if (s->nseg == s->cap_seg) {
        s->cap_seg = s->cap_seg ? s->cap_seg * 2 : 8;
        s->seg = peel_xrealloc(s->seg, s->cap_seg * sizeof *s->seg);
    }
    ing_seg *g = &s->seg[s->nseg];
    memset(g, 0, sizeof *g);
    g->from = from;
    g->to = to;
    g->paren = paren;
    g->cond = starts_with_word(s, from, "if") || starts_with_word(s, from, "unless");
    g->when = starts_with_word(s, from, "when");
    g->restate = starts_with_word(s, from, "i") && from + 2 < to &&
                 s->t.tok[from + 1].kind == TOK_MARK && starts_with_word(s, from + 2, "e");
    for (size_t k = from; k < to; k++)
        s->seg_of[k] = (int)s->nseg;
    s->nseg++;
}

/* Clauses: split at , ; : ( ) and dashes; the marks belong to no clause's
 * words but take the number of the clause they end. */
static void find_segments(ing_sent *s)
{
    size_t start = 0;
    int paren = 0;
    s->nseg = 0;
    for (size_t i = 0; i <= s->t.n; i++) {
        if (i < s->t.n && !is_boundary(&s->t.tok[i]))
            continue;
        if (i > start)
            add_seg(s, start, i, paren);
        if (i < s->t.n) {
            s->seg_of[i] = s->nseg ? (int)s->nseg - 1 : 0;
            if (s->t.tok[i].mark == '(')
                paren = 1;
            else if (s->t.tok[i].mark == ')')
                paren = 0;
        }
        start = i + 1;
    }
    if (s->nseg == 0)
        add_seg(s, 0, 0, 0);
}

static int is_count(const ing_sent *s, size_t i)
{
    return i < s->t.n && s->t.tok[i].kind == TOK_FIG && s->t.tok[i].num.unit == PEEL_UNIT_NONE &&
           !s->t.tok[i].num.is_word;
}

static int word_at(const ing_sent *s, size_t i, const char *w)
{
    return i < s->t.n && s->t.tok[i].kind == TOK_WORD && strcmp(s->t.tok[i].word, w) == 0;
}

/* "from 2190 to 1950": a year-like number moving to or from a count. */
static int counted_movement(const ing_sent *s, size_t i)
{
    return (i >= 3 && word_at(s, i - 1, "to") && is_count(s, i - 2) && word_at(s, i - 3, "from")) ||
           (i >= 1 && word_at(s, i - 1, "from") && word_at(s, i + 1, "to") && is_count(s, i + 2));
}

/* "2052 police officers": a 4-digit number the number grammar took for a
 * year counts the group that follows it. */
static void years_that_count(ing_sent *s)
{
    for (size_t i = 0; i + 1 < s->t.n; i++) {
        ing_tok *t = &s->t.tok[i];
        if (t->kind != TOK_FIG || t->num.unit != PEEL_UNIT_YEAR || t->end - t->start != 4)
            continue;
        if (counted_movement(s, i)) {
            t->num.unit = PEEL_UNIT_NONE; /* "fall from 2190 to 1950 by 2020" */
            continue;
        }
        for (size_t j = i + 1; j < s->t.n; j++) {
            if (ing_sent_mark(s, LEX_GROUP, j) || ing_sent_mark(s, LEX_UNIT, j)) {
                t->num.unit = PEEL_UNIT_NONE;
                break;
            }
            if (!ing_sent_mark(s, LEX_MODIFIER, j))
                break;
        }
    }
}

size_t ing_sent_tokens(ing_sent *s, const ing_lexicon *lx, peel_arena *a, const char *text,
                       size_t from, size_t to, const peel_num *num, size_t nnum)
{
    s->lx = lx;
    s->text = text;
    ing_tokenize(a, text, from, to, num, nnum, &s->t);
    merge_fractions(s);
    size_t nfig = 0;
    for (size_t i = 0; i < s->t.n; i++)
        nfig += s->t.tok[i].kind == TOK_FIG;
    return nfig;
}

void ing_sent_analyse(ing_sent *s, const ing_lexicon *lx, peel_arena *a, const char *text,
                      size_t from, size_t to, const peel_num *num, size_t nnum)
{
    ing_sent_tokens(s, lx, a, text, from, to, num, nnum);
    ing_sent_finish(s, a);
}

void ing_sent_finish(ing_sent *s, peel_arena *a)
{
    drop_unit_glosses(s);
    find_marks(s);
    years_that_count(s);
    find_segments(s);
    memset(s->used, 0, s->t.n ? s->t.n : 1);
    ing_sent_find_periods(s, a);
}

void ing_sent_release(ing_sent *s)
{
    ing_tokens_release(&s->t);
    free(s->mark);
    free(s->mark_end);
    free(s->set);
    free(s->seg_of);
    free(s->seg);
    free(s->per);
    free(s->used);
    free(s->cue);
    free(s->word);
    free(s->whash);
    free(s->run);
    memset(s, 0, sizeof *s);
}
