/* The words facts go by (pipeline/lexicon.csv) and the keys they make
 * (pipeline/facts.csv), loaded once per catalogue.
 *
 * lexicon.csv: kind,value,terms,note.  `terms` lists phrases separated by
 * '|'; a phrase is split into words at blanks and hyphens, as sentences are
 * (tokens.c), so "full-time equivalents" and "full time equivalents" are the
 * same term.  `role` rows are the role decision list: `terms` is a list of
 * cue classes joined by '+', all of which must be among a figure's cues.
 *
 * facts.csv: key,pillar,concept,role,figure,group,unit,min,max,definition. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "peel_csv.h"
#include "peel_vocab.h"

static const char *const KIND_NAMES[LEX_NKIND] = {
    [LEX_CONCEPT] = "concept",   [LEX_GROUP] = "group",
    [LEX_UNIT] = "unit",         [LEX_CUE] = "cue",
    [LEX_SCOPE] = "scope",       [LEX_BOUND] = "bound",
    [LEX_RATE] = "rate",         [LEX_APPROX] = "approx",
    [LEX_FRAME] = "frame",       [LEX_DET] = "det",
    [LEX_SPAN] = "span",         [LEX_WHEN] = "when",
    [LEX_REFER] = "refer",       [LEX_REFER_PERIOD] = "refer_period",
    [LEX_OUTOF] = "outof",       [LEX_MONTH] = "month",
    [LEX_TIME] = "time",         [LEX_FRACTION] = "fraction",
    [LEX_LINK] = "link",         [LEX_RELFRAME] = "relframe",
    [LEX_MODIFIER] = "modifier", [LEX_NOT_PERIOD] = "not_period"};

static const char *const TYPE_NAMES[FIG_NTYPE] = {
    [FIG_MONEY] = "money", [FIG_SHARE] = "share", [FIG_COUNT] = "count", [FIG_RATE] = "rate"};

/* ---- building ---- */

enum { NAME_SLOTS = 1 << 14 }; /* room for the interned strings (a few thousand) */

typedef struct builder {
    ing_lexicon *lx;
    peel_vec terms;     /* ing_term*, arena-owned */
    peel_vec rules;     /* ing_role_rule* */
    peel_vec rows;      /* ing_key_row* */
    const char **names; /* interned strings, open addressing; owned */
    size_t nnames;
} builder;

size_t ing_lexicon_hash(const char *s, size_t n)
{
    size_t h = ING_HASH_START;
    for (size_t i = 0; i < n; i++)
        h = ing_hash_byte(h, (unsigned char)s[i]);
    return h;
}

/* One copy of each value string, so that values compare by pointer. */
static const char *intern(builder *b, const char *s, size_t n)
{
    size_t i = ing_lexicon_hash(s, n) & (NAME_SLOTS - 1);
    for (; b->names[i]; i = (i + 1) & (NAME_SLOTS - 1))
        if (strlen(b->names[i]) == n && memcmp(b->names[i], s, n) == 0)
            return b->names[i];
    if (b->nnames + 1 >= NAME_SLOTS / 2)
        return peel_arena_strndup(&b->lx->arena, s, n); /* full: a copy of its own */
    b->names[i] = peel_arena_strndup(&b->lx->arena, s, n);
    b->nnames++;
    return b->names[i];
}

/* Splits a phrase into lower-case words at blanks and hyphens; *lens gets
 * their lengths. */
static int split_words(builder *b, const char *s, size_t n, const char ***out, const size_t **lens)
{
    const char *w[32] = {0};
    int nw = 0;
    size_t i = 0;
    while (i < n && nw < 32) {
        while (i < n && (s[i] == ' ' || s[i] == '-'))
            i++;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '-')
            j++;
        if (j > i) {
            char *c = peel_arena_strndup(&b->lx->arena, s + i, j - i);
            for (char *p = c; *p; p++)
                *p = (char)tolower((unsigned char)*p);
            w[nw++] = intern(b, c, strlen(c));
        }
        i = j;
    }
    const char **words = peel_arena_alloc(&b->lx->arena, (size_t)(nw ? nw : 1) * sizeof *words);
    size_t *wl = peel_arena_alloc(&b->lx->arena, (size_t)(nw ? nw : 1) * sizeof *wl);
    memcpy(words, w, (size_t)nw * sizeof *w);
    for (int k = 0; k < nw; k++)
        wl[k] = strlen(w[k]);
    *out = words;
    *lens = wl;
    return nw;
}

static int kind_of(const char *name)
{
    for (int k = 0; k < LEX_NKIND; k++)
        if (KIND_NAMES[k] && strcmp(KIND_NAMES[k], name) == 0)
            return k;
    return -1;
}

static peel_status add_rule(builder *b, const char *role, const char *terms, const char *path,
                            long line, peel_err *err)
{
    ing_role_rule *r = peel_arena_alloc(&b->lx->arena, sizeof *r);
    r->role = intern(b, role, strlen(role));
    for (const char *s = terms; *s;) {
        const char *plus = strchr(s, '+');
        size_t n = plus ? (size_t)(plus - s) : strlen(s);
        if (n == 0 || r->nneed == ING_ROLE_MAX_NEEDS)
            return PEEL_FAIL(err, PEEL_EDATA, path, line,
                             "a role needs at most %d cue classes joined by '+'",
                             ING_ROLE_MAX_NEEDS);
        r->need[r->nneed++] = intern(b, s, n);
        s = plus ? plus + 1 : s + n;
    }
    peel_vec_push(&b->rules, r);
    return PEEL_OK;
}

static void add_terms(builder *b, int kind, const char *value, const char *terms)
{
    const char *v = intern(b, value, strlen(value));
    for (const char *s = terms; *s;) {
        const char *bar = strchr(s, '|');
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        ing_term *t = peel_arena_alloc(&b->lx->arena, sizeof *t);
        t->kind = (ing_lex_kind)kind;
        t->value = v;
        t->nword = split_words(b, s, n, (const char ***)&t->word, &t->wlen);
        if (t->nword > 0)
            peel_vec_push(&b->terms, t);
        s = bar ? bar + 1 : s + n;
    }
}

static peel_status load_lexicon(builder *b, const char *path, peel_err *err)
{
    peel_csv_doc doc;
    peel_status st = peel_csv_load_data(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int ck = peel_csv_col(&doc, "kind"), cv = peel_csv_col(&doc, "value");
    int ct = peel_csv_col(&doc, "terms");
    if (ck < 0 || cv < 0 || ct < 0)
        st = PEEL_FAIL(err, PEEL_EDATA, path, 1, "header must have kind, value and terms");
    for (size_t r = 0; r < doc.nrow && st == PEEL_OK; r++) {
        const char *kind = peel_csv_get(&doc, r, ck), *value = peel_csv_get(&doc, r, cv);
        const char *terms = peel_csv_get(&doc, r, ct);
        long line = doc.row[r].line;
        if (strcmp(kind, "role") == 0) {
            st = value[0] ? add_rule(b, value, terms, path, line, err)
                          : PEEL_FAIL(err, PEEL_EDATA, path, line, "a role row needs a value");
            continue;
        }
        int k = kind_of(kind);
        if (k < 0)
            st = PEEL_FAIL(err, PEEL_EDATA, path, line, "unknown kind \"%s\"", kind);
        else if (!terms[0])
            st = PEEL_FAIL(err, PEEL_EDATA, path, line, "a %s row needs terms", kind);
        else
            add_terms(b, k, value, terms);
    }
    peel_csv_doc_release(&doc);
    return st;
}

/* ---- the key catalogue ---- */

static int type_of(const char *name)
{
    for (int t = 0; t < FIG_NTYPE; t++)
        if (strcmp(TYPE_NAMES[t], name) == 0)
            return t;
    return -1;
}

static double bound_of(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    return (*s && *end == '\0') ? v : NAN;
}

/* "officers|posts|FTE": the units a key takes, the first its default. */
static void split_units(builder *b, ing_key_row *k, const char *units)
{
    for (const char *s = units; *s && k->nunit < ING_KEY_MAX_UNITS;) {
        size_t n = strcspn(s, "|");
        if (n)
            k->unit[k->nunit++] = intern(b, s, n);
        s += n + (s[n] == '|');
    }
}

static peel_status load_keys(builder *b, const char *path, peel_err *err)
{
    static const char *const names[] = {"key",   "pillar", "concept", "role", "figure",
                                        "group", "unit",   "min",     "max"};
    enum { NCOL = sizeof names / sizeof *names };
    peel_csv_doc doc;
    peel_status st = peel_csv_load_data(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int col[NCOL];
    for (int i = 0; i < NCOL && st == PEEL_OK; i++)
        if ((col[i] = peel_csv_col(&doc, names[i])) < 0)
            st = PEEL_FAIL(err, PEEL_EDATA, path, 1,
                           "header must have key,pillar,concept,role,figure,group,unit,min,max");
    for (size_t r = 0; r < doc.nrow && st == PEEL_OK; r++) {
        const char *f[NCOL];
        for (int i = 0; i < NCOL; i++)
            f[i] = peel_csv_get(&doc, r, col[i]);
        long line = doc.row[r].line;
        int type = type_of(f[4]);
        if (!f[0][0] || !f[2][0] || !f[3][0] || !f[6][0] || type < 0 ||
            peel_pillar_parse(f[1], NULL) == PEEL_NOPILLAR) {
            st = PEEL_FAIL(err, PEEL_EDATA, path, line,
                           "needs a key, a pillar, a concept, a role, a unit and a figure type "
                           "(money, share, count or rate)");
            break;
        }
        ing_key_row *k = peel_arena_alloc(&b->lx->arena, sizeof *k);
        k->key = intern(b, f[0], strlen(f[0]));
        k->pillar = intern(b, f[1], strlen(f[1]));
        k->concept = intern(b, f[2], strlen(f[2]));
        k->role = intern(b, f[3], strlen(f[3]));
        k->type = (ing_fig_type)type;
        k->group = intern(b, f[5], strlen(f[5]));
        split_units(b, k, f[6]);
        k->min = bound_of(f[7]);
        k->max = bound_of(f[8]);
        peel_vec_push(&b->rows, k);
    }
    peel_csv_doc_release(&doc);
    return st;
}

/* ---- the finished lexicon ---- */

static const char *intern_cstr(builder *b, const char *s)
{
    return intern(b, s, strlen(s));
}

static void intern_names(builder *b, ing_names *nm)
{
    nm->up = intern_cstr(b, "up");
    nm->down = intern_cstr(b, "down");
    nm->reach = intern_cstr(b, "reach");
    nm->change = intern_cstr(b, "@change");
    nm->from = intern_cstr(b, "@from");
    nm->to = intern_cstr(b, "@to");
    nm->whole = intern_cstr(b, "@whole");
    nm->national = intern_cstr(b, "@national");
    nm->max = intern_cstr(b, "@max");
    nm->of = intern_cstr(b, "@of");
    nm->low = intern_cstr(b, "@low");
    nm->high = intern_cstr(b, "@high");
    nm->toplain = intern_cstr(b, "@toplain");
    nm->part = intern_cstr(b, "@part");
    nm->source = intern_cstr(b, "@source");
    nm->compared = intern_cstr(b, "compared");
    nm->makeup = intern_cstr(b, "makeup");
    nm->meet = intern_cstr(b, "meet");
}

/* Whether some role rule names `name` among its needs. */
static int rule_names(const peel_vec *rules, const char *name)
{
    for (size_t i = 0; i < rules->n; i++) {
        const ing_role_rule *r = rules->item[i];
        for (int k = 0; k < r->nneed; k++)
            if (r->need[k] == name)
                return 1;
    }
    return 0;
}

/* For each cue class, its "@np" name when a rule uses it.  A row's terms
 * come one after another with the same (interned) class: each class is
 * asked once a row, not once a term. */
static void index_np(builder *b, ing_lexicon *lx)
{
    lx->np = peel_arena_alloc(&lx->arena, (b->terms.n ? b->terms.n : 1) * sizeof *lx->np);
    const char *last = NULL;
    for (size_t i = 0; i < b->terms.n; i++) {
        const ing_term *t = b->terms.item[i];
        if (t->kind != LEX_CUE || t->value == last)
            continue;
        last = t->value;
        if (ing_lexicon_np(lx, t->value))
            continue;
        char np[96];
        snprintf(np, sizeof np, "@np%s", t->value);
        const char *name = intern_cstr(b, np);
        if (rule_names(&b->rules, name))
            lx->np[lx->nnp++] = (ing_np){t->value, name};
    }
}

const char *ing_lexicon_np(const ing_lexicon *lx, const char *cls)
{
    for (size_t i = 0; i < lx->nnp; i++)
        if (lx->np[i].cls == cls)
            return lx->np[i].np;
    return NULL;
}

static void *copy_items(peel_arena *a, const peel_vec *v, size_t size)
{
    char *out = peel_arena_alloc(a, (v->n ? v->n : 1) * size);
    for (size_t i = 0; i < v->n; i++)
        memcpy(out + i * size, v->item[i], size);
    return out;
}

enum { FRACTION_FIRST = 1, FRACTION_LAST = 2 };

static void index_fraction(ing_lexicon *lx, const ing_term *t, size_t first)
{
    const char *w = t->word[t->nword - 1];
    size_t n = t->wlen[t->nword - 1];
    lx->fraction[first] |= FRACTION_FIRST;
    for (size_t k = 0; k < n; k++)
        if (w[k] < 'a' || w[k] > 'z')
            lx->fraction_odd = 1;
    if (n && !lx->fraction_odd) {
        lx->fraction_last |= 1u << (w[0] - 'a');
        /* a word of one letter, whatever follows it (a blank or another
         * byte not a letter) */
        lx->figure_pair[w[0] - 'a'] |= n >= 2 ? UINT32_C(1) << peel_num_col((unsigned char)w[1])
                                              : UINT32_C(1) << PEEL_NUM_BLANK | UINT32_C(1);
    }
    lx->fraction_len |= 1u << (n < 31 ? n : 31);
    lx->fraction[ing_lexicon_hash(w, n) & (lx->nbucket - 1)] |= FRACTION_LAST;
}

/* The slot of w[0..n) in lx->words: where it is, or the empty one where it
 * goes. */
static size_t word_slot(const ing_lexicon *lx, const char *w, size_t n, size_t h)
{
    size_t i = h & (lx->nwords - 1);
    for (; lx->words[i]; i = (i + 1) & (lx->nwords - 1))
        if (strncmp(lx->words[i], w, n) == 0 && lx->words[i][n] == '\0')
            return i;
    return i;
}

/* Every term's words into lx->words, and each term pointing to the copy
 * there, so that words compare by pointer (intern() makes one copy of a
 * string only while it has room). */
static void index_words(ing_lexicon *lx)
{
    size_t total = 0;
    for (size_t i = 0; i < lx->nterm; i++)
        total += (size_t)lx->term[i].nword;
    lx->nwords = 1;
    while (lx->nwords < total * 2 + 1)
        lx->nwords *= 2;
    lx->words = peel_arena_alloc(&lx->arena, lx->nwords * sizeof *lx->words);
    memset(lx->words, 0, lx->nwords * sizeof *lx->words);
    for (size_t i = 0; i < lx->nterm; i++) {
        /* the term's word array is this lexicon's (split_words) */
        const char **w = (const char **)lx->term[i].word;
        for (int k = 0; k < lx->term[i].nword; k++) {
            size_t n = lx->term[i].wlen[k];
            size_t slot = word_slot(lx, w[k], n, ing_lexicon_hash(w[k], n));
            if (!lx->words[slot])
                lx->words[slot] = w[k];
            w[k] = lx->words[slot];
        }
    }
}

/* The key of a term of two words or more: its first two words' hashes. */
static size_t pair_hash(size_t h0, size_t h1)
{
    return (h0 * 16777619u) ^ h1;
}

/* Terms of one word chained by its hash, longer ones by their first two
 * words' (bucket2): a common first word ("the", "police", "per") starts
 * a score of terms, of which a sentence's next word leaves a few. */
static void index_terms(ing_lexicon *lx)
{
    lx->nbucket = 1;
    while (lx->nbucket < lx->nterm * 2)
        lx->nbucket *= 2;
    lx->bucket = peel_arena_alloc(&lx->arena, lx->nbucket * sizeof *lx->bucket);
    lx->bucket2 = peel_arena_alloc(&lx->arena, lx->nbucket * sizeof *lx->bucket2);
    lx->chain = peel_arena_alloc(&lx->arena, (lx->nterm ? lx->nterm : 1) * sizeof *lx->chain);
    lx->fraction = peel_arena_alloc(&lx->arena, lx->nbucket);
    memset(lx->fraction, 0, lx->nbucket);
    /* the number words' first two letters; the fractions' are added below */
    for (unsigned c0 = 0; c0 < 26; c0++)
        for (unsigned c1 = 0; c1 <= PEEL_NUM_BLANK; c1++)
            if (peel_num_spell_thirds(c0 + 1, c1))
                lx->figure_pair[c0] |= UINT32_C(1) << c1;
    /* Inserted from the last term so that chains run in file order. */
    for (size_t i = lx->nterm; i-- > 0;) {
        const ing_term *t = &lx->term[i];
        size_t h0 = ing_lexicon_hash(t->word[0], t->wlen[0]), h = h0 & (lx->nbucket - 1);
        size_t *head = &lx->bucket[h];
        if (t->nword > 1)
            head = &lx->bucket2[pair_hash(h0, ing_lexicon_hash(t->word[1], t->wlen[1])) &
                                (lx->nbucket - 1)];
        lx->chain[i] = *head;
        *head = i + 1;
        if (t->kind == LEX_FRACTION)
            index_fraction(lx, t, h);
        if (t->nword > lx->max_words)
            lx->max_words = t->nword;
    }
    if (lx->fraction_odd) /* a word not all ASCII letters: the first test passes all */
        for (int c0 = 0; c0 < 26; c0++)
            lx->figure_pair[c0] = UINT32_MAX;
}

/* Each concept's rows chained in file order (a figure's concept is tried
 * against its own few rows, not the whole catalogue).  Inserted from the
 * last row, as index_terms does. */
static void index_rows(ing_lexicon *lx)
{
    size_t n = lx->nrow ? lx->nrow : 1;
    lx->row_next = peel_arena_alloc(&lx->arena, n * sizeof *lx->row_next);
    lx->concept_rows = peel_arena_alloc(&lx->arena, n * sizeof *lx->concept_rows);
    for (size_t k = lx->nrow; k-- > 0;) {
        size_t c = 0;
        while (c < lx->nconcept_rows && lx->concept_rows[c].concept != lx->row[k].concept)
            c++;
        if (c == lx->nconcept_rows)
            lx->concept_rows[lx->nconcept_rows++] = (ing_concept_rows){lx->row[k].concept, 0};
        lx->row_next[k] = lx->concept_rows[c].first;
        lx->concept_rows[c].first = k + 1;
    }
}

size_t ing_lexicon_first_row(const ing_lexicon *lx, const char *concept)
{
    for (size_t c = 0; c < lx->nconcept_rows; c++)
        if (lx->concept_rows[c].concept == concept)
            return lx->concept_rows[c].first;
    return 0;
}

peel_status ing_lexicon_load(ing_lexicon *lx, const char *lexicon_path, const char *facts_path,
                             peel_err *err)
{
    memset(lx, 0, sizeof *lx);
    peel_arena_init(&lx->arena);
    builder b = {.lx = lx, .names = peel_xcalloc(NAME_SLOTS, sizeof(const char *))};
    peel_status st = load_lexicon(&b, lexicon_path, err);
    if (st == PEEL_OK)
        st = load_keys(&b, facts_path, err);
    if (st == PEEL_OK) {
        lx->term = copy_items(&lx->arena, &b.terms, sizeof *lx->term);
        lx->nterm = b.terms.n;
        lx->rule = copy_items(&lx->arena, &b.rules, sizeof *lx->rule);
        lx->nrule = b.rules.n;
        lx->row = copy_items(&lx->arena, &b.rows, sizeof *lx->row);
        lx->nrow = b.rows.n;
        index_words(lx);
        index_terms(lx);
        index_rows(lx);
        lx->none_role = intern(&b, "none", 4);
        lx->level_role = intern(&b, "level", 5);
        lx->any = intern(&b, "*", 1);
        intern_names(&b, &lx->nm);
        index_np(&b, lx);
    }
    peel_vec_release(&b.terms, NULL);
    peel_vec_release(&b.rules, NULL);
    peel_vec_release(&b.rows, NULL);
    free(b.names);
    if (st != PEEL_OK)
        ing_lexicon_release(lx);
    return st;
}

void ing_lexicon_release(ing_lexicon *lx)
{
    peel_arena_release(&lx->arena);
    memset(lx, 0, sizeof *lx);
}

int ing_lexicon_is_group(const ing_lexicon *lx, const char *value)
{
    for (size_t i = 0; i < lx->nterm; i++)
        if (lx->term[i].kind == LEX_GROUP && lx->term[i].value == value)
            return 1;
    return 0;
}

/* ---- matching ---- */

int ing_lexicon_may_fraction(const ing_lexicon *lx, size_t h0)
{
    return lx->nbucket && (lx->fraction[h0 & (lx->nbucket - 1)] & FRACTION_FIRST);
}

int ing_lexicon_may_end_fraction(const ing_lexicon *lx, const char *w, size_t n)
{
    if (lx->fraction_odd)
        return 1;
    if (!n || !ing_lexicon_may_end_fraction_with(lx, (unsigned char)w[0], n))
        return 0; /* the hash only for words that start and measure as one of those does */
    size_t h = ing_lexicon_hash(w, n);
    return lx->nbucket && (lx->fraction[h & (lx->nbucket - 1)] & FRACTION_LAST);
}

const char *ing_lexicon_word(const ing_lexicon *lx, const char *w, size_t n, size_t h)
{
    return lx->nwords ? lx->words[word_slot(lx, w, n, h)] : NULL;
}

/* Whether term t, of two words or more, is made of the first words of
 * w[0..n). */
static int long_term_is_at(const ing_term *t, const char *const *w, int n)
{
    if (t->nword > n)
        return 0;
    for (int k = 0; k < t->nword; k++)
        if (t->word[k] != w[k])
            return 0;
    return 1;
}

/* The two chains (one word, two words or more) walked together by term
 * index, which keeps the file order.  A term of the first chain is one
 * word, its only test; the chains are followed by value, not through a
 * pointer to the one that goes next (asked at most positions of every
 * sentence). */
int ing_lexicon_at(const ing_lexicon *lx, const char *const *w, const size_t *wh, int n,
                   const ing_term **out, int max)
{
    int found = 0;
    if (n <= 0 || !lx->nbucket)
        return 0;
    size_t mask = lx->nbucket - 1;
    size_t one = lx->bucket[wh[0] & mask];
    size_t more = n > 1 ? lx->bucket2[pair_hash(wh[0], wh[1]) & mask] : 0;
    while ((one || more) && found < max) {
        if (one && (!more || one < more)) {
            const ing_term *t = &lx->term[one - 1];
            one = lx->chain[one - 1];
            if (t->word[0] == w[0])
                out[found++] = t;
        } else {
            const ing_term *t = &lx->term[more - 1];
            more = lx->chain[more - 1];
            if (long_term_is_at(t, w, n))
                out[found++] = t;
        }
    }
    return found;
}
