/* The fact pattern catalogue (pipeline/facts.csv): templates such as
 *   "budget for {period:year} is {budget.net:gbp}"
 * compiled to POSIX extended regular expressions.  A placeholder {key:type}
 * captures one figure as the fact `key`; {period:...} and {period_to:...}
 * give the period of the match's facts; {*} skips words within a sentence.
 * Types: gbp, pct, count, year, date. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ing.h"
#include "peel_csv.h"

enum { MAX_HOLES = 12 };

typedef struct hole {
    char *key; /* fact key, or "period" / "period_to" */
    const char *type;
    int group; /* regex group holding it */
} hole;

struct ing_fact_pattern {
    char *id, *pillar, *unit, *period;
    char *keyword; /* a literal word that must be in the text, lower case */
    regex_t re;
    int has_intro;
    regex_t intro;
    hole hole[MAX_HOLES];
    int nhole;
    size_t ngroup;
    long line; /* line in facts.csv */
};

#define DIGITS "([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?"
#define WORDNUM                                                                                    \
    "(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"      \
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"  \
    "ninety)([- ](one|two|three|four|five|six|seven|eight|nine))?"
#define MONTH                                                                                      \
    "(January|February|March|April|May|June|July|August|September|October|November|December)"

static const struct {
    const char *name, *regex;
} TYPES[] = {
    {"gbp", "(£" DIGITS "( ?(m|bn|k|million|billion)\\>)?)"},
    {"pct", "((" DIGITS "|" WORDNUM ")( percent| per cent|%))"},
    {"count", "(" DIGITS "|\\<" WORDNUM "\\>)"},
    {"year", "([0-9]{4}(/[0-9]{2})?)"},
    {"date", "((" MONTH " )?[0-9]{4})"},
};

static int type_index(const char *name)
{
    for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++)
        if (strcmp(TYPES[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int count_groups(const char *re)
{
    int n = 0;
    for (const char *p = re; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '(')
            n++;
    }
    return n;
}

static void literal(peel_buf *b, char c)
{
    if (strchr(".[]()*+?{}|^$\\", c))
        peel_buf_putc(b, '\\');
    peel_buf_putc(b, c);
}

/* Translates a template to a regex; fills the holes.  Returns NULL and sets
 * *why on a bad template. */
static char *translate(ing_fact_pattern *p, const char *tpl, const char **why)
{
    peel_buf b;
    peel_buf_init(&b);
    int group = 0;
    for (const char *s = tpl; *s;) {
        if (*s == '\'') {
            /* Reports print apostrophes straight or curly. */
            peel_buf_puts(&b, "('|’)");
            group++;
            s++;
            continue;
        }
        if (*s != '{') {
            literal(&b, *s++);
            continue;
        }
        const char *close = strchr(s, '}');
        if (!close) {
            *why = "a '{' without its '}'";
            goto fail;
        }
        size_t n = (size_t)(close - s - 1);
        if (n == 1 && s[1] == '*') {
            peel_buf_puts(&b, "([^.!?]|\\.[0-9])*");
            group++;
        } else {
            const char *colon = memchr(s + 1, ':', n);
            char type[16] = "";
            size_t tn = colon ? (size_t)(close - colon - 1) : 0;
            if (colon && tn < sizeof type) {
                memcpy(type, colon + 1, tn);
                type[tn] = '\0';
            }
            int t = colon && colon > s + 1 ? type_index(type) : -1;
            if (t < 0 || p->nhole == MAX_HOLES) {
                *why = "placeholders are {key:type} with type gbp, pct, count, year or date";
                goto fail;
            }
            hole *h = &p->hole[p->nhole++];
            h->key = peel_xstrndup(s + 1, (size_t)(colon - s - 1));
            h->type = TYPES[t].name;
            h->group = group + 1;
            peel_buf_puts(&b, TYPES[t].regex);
            group += count_groups(TYPES[t].regex);
        }
        s = close + 1;
    }
    p->ngroup = (size_t)group + 1;
    return peel_buf_detach(&b);
fail:
    peel_buf_release(&b);
    return NULL;
}

/* The longest run of letters in the template outside placeholders. */
static char *keyword_of(const char *tpl)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (const char *s = tpl; *s;) {
        if (*s == '{') {
            const char *close = strchr(s, '}');
            s = close ? close + 1 : s + strlen(s);
            continue;
        }
        const char *w = s;
        while (isalpha((unsigned char)*s))
            s++;
        if ((size_t)(s - w) > best_n) {
            best = w;
            best_n = (size_t)(s - w);
        }
        if (s == w)
            s++;
    }
    char *k = peel_xstrndup(best ? best : "", best_n);
    for (char *c = k; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return k;
}

void ing_fact_pattern_free(void *ptr)
{
    ing_fact_pattern *p = ptr;
    if (!p)
        return;
    free(p->id);
    free(p->pillar);
    free(p->unit);
    free(p->period);
    free(p->keyword);
    for (int i = 0; i < p->nhole; i++)
        free(p->hole[i].key);
    if (p->ngroup)
        regfree(&p->re);
    if (p->has_intro)
        regfree(&p->intro);
    free(p);
}

static peel_status compile_row(ing_catalog *cat, const peel_csv_doc *doc, size_t r, const int *col,
                               peel_err *err)
{
    const char *path = doc->name;
    long line = doc->row[r].line;
    ing_fact_pattern *p = peel_xcalloc(1, sizeof *p);
    p->id = peel_xstrdup(peel_csv_get(doc, r, col[0]));
    p->pillar = peel_xstrdup(peel_csv_get(doc, r, col[1]));
    p->unit = peel_xstrdup(peel_csv_get(doc, r, col[2]));
    p->period = peel_xstrdup(peel_csv_get(doc, r, col[3]));
    p->line = line;
    const char *intro = peel_csv_get(doc, r, col[4]), *tpl = peel_csv_get(doc, r, col[5]);
    const char *why = NULL;
    char *re = *tpl ? translate(p, tpl, &why) : NULL;
    if (!re) {
        ing_fact_pattern_free(p);
        return PEEL_FAIL(err, PEEL_EDATA, path, line, "bad pattern: %s",
                         why ? why : "the pattern is empty");
    }
    int rc = regcomp(&p->re, re, REG_EXTENDED | REG_ICASE);
    free(re);
    if (rc != 0) {
        p->ngroup = 0;
        ing_fact_pattern_free(p);
        return PEEL_FAIL(err, PEEL_EDATA, path, line, "pattern does not compile");
    }
    if (*intro) {
        ing_fact_pattern tmp = {0};
        char *ire = translate(&tmp, intro, &why);
        for (int i = 0; i < tmp.nhole; i++)
            free(tmp.hole[i].key);
        if (!ire || regcomp(&p->intro, ire, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0) {
            free(ire);
            ing_fact_pattern_free(p);
            return PEEL_FAIL(err, PEEL_EDATA, path, line, "intro pattern does not compile");
        }
        free(ire);
        p->has_intro = 1;
    }
    p->keyword = keyword_of(tpl);
    peel_vec_push(&cat->patterns, p);
    return PEEL_OK;
}

peel_status ing_facts_compile(ing_catalog *cat, const char *path, peel_err *err)
{
    static const char *const names[] = {"id", "pillar", "unit", "period", "intro", "pattern"};
    peel_csv_doc doc;
    peel_status st = peel_csv_load(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int col[6];
    for (int i = 0; i < 6; i++)
        if ((col[i] = peel_csv_col(&doc, names[i])) < 0)
            st = PEEL_FAIL(err, PEEL_EDATA, path, 1,
                           "header must be id,pillar,unit,period,intro,pattern");
    for (size_t r = 0; r < doc.nrow && st == PEEL_OK; r++)
        st = compile_row(cat, &doc, r, col, err);
    peel_csv_doc_release(&doc);
    return st;
}

/* ---- matching ---- */

static const char *unit_of(const ing_fact_pattern *p, const hole *h)
{
    if (strcmp(h->type, "gbp") == 0)
        return "GBP";
    if (strcmp(h->type, "pct") == 0)
        return "%";
    return p->unit[0] ? p->unit : "count";
}

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

static void emit(ing_ctx *cx, const ing_fact_pattern *p, const ing_block *b, const regmatch_t *m,
                 size_t base)
{
    peel_arena *a = &cx->rep->arena;
    const char *period = p->period[0] ? p->period : "", *period_to = NULL;
    for (int k = 0; k < p->nhole; k++) {
        const regmatch_t *g = &m[p->hole[k].group];
        const char *s = b->text + base + g->rm_so;
        size_t n = (size_t)(g->rm_eo - g->rm_so);
        if (strcmp(p->hole[k].key, "period") == 0)
            period = peel_arena_strndup(a, s, n);
        else if (strcmp(p->hole[k].key, "period_to") == 0)
            period_to = peel_arena_strndup(a, s, n);
    }
    if (period_to)
        period = peel_arena_printf(a, "%s to %s", period, period_to);
    for (int k = 0; k < p->nhole; k++) {
        const hole *h = &p->hole[k];
        const regmatch_t *g = &m[h->group];
        size_t off = base + (size_t)g->rm_so, n = (size_t)(g->rm_eo - g->rm_so);
        peel_num num;
        if (strncmp(h->key, "period", 6) == 0 || peel_num_parse(b->text + off, n, &num) != 0)
            continue;
        char value[64];
        peel_num_format(num.value, peel_num_base_decimals(&num), value, sizeof value);
        ing_fact *f = peel_arena_alloc(a, sizeof *f);
        f->key = h->key;
        f->value = peel_arena_strdup(a, value);
        f->unit = unit_of(p, h);
        f->period = period;
        f->raw = peel_arena_strndup(a, b->text + off, n);
        f->pattern = p->id;
        f->label = b->intro ? item_label(a, b->text) : "";
        f->sentence = ing_sentence_at(a, b->text, off);
        f->pillar = p->pillar[0] ? p->pillar : b->pillar;
        f->line = b->line_at[off];
        peel_vec_push(&cx->rep->facts, f);
    }
}

/* The block's text in lower case, owned by the caller: keywords are lower
 * case, so one pass here and strstr per pattern replace a strcasestr per
 * pattern, which folded the case of the whole text again each time. */
static char *lower_copy(const char *text)
{
    char *l = peel_xstrdup(text);
    for (char *c = l; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return l;
}

void ing_facts_match(ing_ctx *cx, const ing_block *b)
{
    char *lower = lower_copy(b->text);
    for (size_t i = 0; i < cx->cat->patterns.n; i++) {
        const ing_fact_pattern *p = cx->cat->patterns.item[i];
        if (p->keyword[0] && !strstr(lower, p->keyword))
            continue;
        if (p->has_intro && (!b->intro || regexec(&p->intro, b->intro, 0, NULL, 0) != 0))
            continue;
        regmatch_t m[64];
        if (p->ngroup > sizeof m / sizeof *m)
            continue;
        size_t base = 0;
        while (regexec(&p->re, b->text + base, p->ngroup, m, base ? REG_NOTBOL : 0) == 0) {
            emit(cx, p, b, m, base);
            if (m[0].rm_eo == 0)
                break;
            base += (size_t)m[0].rm_eo;
        }
    }
    free(lower);
}
