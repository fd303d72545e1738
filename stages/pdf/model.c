/* One pillar's content, taken from the report's records: what the cover,
 * the summary, the findings and the checks show.  Tables are in tables.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "pd.h"

const char *pd_kind_count(peel_kind k, size_t n)
{
    return n == 1 ? peel_kind_singular(k) : peel_kind_plural(k);
}

/* Bytes pd_clean keeps as they are: printable ASCII, LF, and every byte of
 * a character in the BMP past ASCII (lead bytes below 0xF0 and
 * continuation bytes). */
static int kept(unsigned char b)
{
    return (unsigned)(b - 0x20) < 0x5F || b == '\n' || (b >= 0x80 && b < 0xF0);
}

const char *pd_clean(peel_arena *a, const char *s)
{
    const char *text = s ? s : "";
    const unsigned char *r = (const unsigned char *)text;
    while (kept(*r))
        r++;
    if (!*r) /* most text: nothing to change, so nothing to copy */
        return text;
    /* Room for each 4-byte character to become the 3-byte U+FFFD. */
    size_t plain = (size_t)(r - (const unsigned char *)text);
    char *d = peel_arena_alloc(a, plain + strlen((const char *)r) + 1);
    memcpy(d, text, plain);
    char *w = d + plain;
    for (; *r; r++) {
        if (*r == '\r')
            continue;
        if (*r >= 0xF0) { /* beyond the BMP: libharu would print a space */
            memcpy(w, "\xEF\xBF\xBD", 3);
            w += 3;
            while ((r[1] & 0xC0) == 0x80)
                r++;
            continue;
        }
        *w++ = (*r < 0x20 && *r != '\n') || *r == 0x7f ? ' ' : (char)*r;
    }
    *w = '\0';
    return d;
}

static const char *clean(pd_pack *p, const char *s)
{
    return pd_clean(&p->arena, s);
}

static void meta(pd_pack *p, const peel_records *r)
{
    const char **dst[] = {&p->force,     &p->year,          &p->series,         &p->title,
                          &p->published, &p->file,          &p->published_date, &p->crc32,
                          &p->inspector, &p->inspector_role};
    static const char *const keys[] = {"force",     "year",          "series",         "title",
                                       "published", "file",          "published_date", "crc32",
                                       "inspector", "inspector_role"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        *dst[i] = clean(p, peel_records_meta(r, keys[i]));
    if (!p->force[0])
        p->force = "Unnamed force";
}

/* The display label of a component of this pillar ("" for the pillar). */
static const char *component_label(pd_pack *p, const peel_records *r, const char *key)
{
    for (size_t i = 0; i < r->njudgment; i++) {
        const peel_judgment *j = &r->judgments[i];
        if (j->pillar == p->pillar && strcmp(j->component, key) == 0 && j->label[0])
            return clean(p, j->label);
    }
    return clean(p, key);
}

static int inspected(const peel_judgment *j, const char *year)
{
    if (j->inspected != PEEL_UNSAID)
        return j->inspected == PEEL_YES;
    return strcmp(j->last_inspected, year) == 0;
}

static peel_grade shown_grade(peel_grade g)
{
    return g == PEEL_GRADE_NONE ? PEEL_UNGRADED : g;
}

static void judgments(pd_pack *p, const peel_records *r)
{
    p->grade = PEEL_UNGRADED;
    p->comp = peel_arena_alloc(&p->arena, (r->njudgment + 1) * sizeof *p->comp);
    for (size_t i = 0; i < r->njudgment; i++) {
        const peel_judgment *j = &r->judgments[i];
        if (j->pillar != p->pillar)
            continue;
        if (!j->component[0]) {
            p->grade = shown_grade(j->grade);
            continue;
        }
        pd_component *c = &p->comp[p->ncomp++];
        c->label = clean(p, j->label[0] ? j->label : j->component);
        c->grade = shown_grade(j->grade);
        c->last_inspected = clean(p, j->last_inspected);
        c->inspected = inspected(j, p->year);
    }
}

/* Words of a pillar, as five-letter stems ("prote" for protecting and
 * protects): those of its own label and its components' labels.  Shorter
 * words ("and", "the", "of") say nothing of a pillar. */
enum { STEM = 5, MAX_STEMS = 128 };
typedef struct stems {
    char s[MAX_STEMS][STEM + 1];
    size_t n;
} stems;

static int stems_has(const stems *st, const char *w)
{
    for (size_t i = 0; i < st->n; i++)
        if (strcmp(st->s[i], w) == 0)
            return 1;
    return 0;
}

/* Calls on(word stem) for each word of text of STEM letters or more. */
static void each_stem(const char *text, void (*on)(void *, const char *), void *ctx)
{
    for (const char *t = text; *t;) {
        size_t n = 0;
        char w[STEM + 1];
        while (isalpha((unsigned char)t[n]) || t[n] == '-')
            n++;
        if (n >= STEM) {
            for (size_t k = 0; k < STEM; k++)
                w[k] = (char)tolower((unsigned char)t[k]);
            w[STEM] = '\0';
            on(ctx, w);
        }
        t += n ? n : 1;
    }
}

static void add_stem(void *ctx, const char *w)
{
    stems *st = ctx;
    if (st->n < MAX_STEMS && !stems_has(st, w))
        memcpy(st->s[st->n++], w, STEM + 1);
}

/* What a paragraph says of each pillar: the pillars' stems it uses, found
 * in one walk over its words for all the pillars. */
typedef struct hits {
    const stems *of;          /* each pillar's words */
    stems seen[PEEL_NPILLAR]; /* of[i]'s stems found */
} hits;

static void count_hit(void *ctx, const char *w)
{
    hits *h = ctx;
    for (int i = 0; i < PEEL_NPILLAR; i++)
        if (stems_has(&h->of[i], w))
            add_stem(&h->seen[i], w);
}

/* The pillar a paragraph of the observations is about: the one whose words
 * it uses most (two at least, more than any other's); PEEL_NOPILLAR for the
 * force as a whole. */
static peel_pillar concerns(const stems *words, const char *text)
{
    hits h;
    h.of = words;
    for (int i = 0; i < PEEL_NPILLAR; i++)
        h.seen[i].n = 0;
    each_stem(text, count_hit, &h);
    size_t best = 0, second = 0;
    peel_pillar which = PEEL_NOPILLAR;
    for (int i = 0; i < PEEL_NPILLAR; i++) {
        if (h.seen[i].n > best) {
            second = best;
            best = h.seen[i].n;
            which = (peel_pillar)i;
        } else if (h.seen[i].n > second) {
            second = h.seen[i].n;
        }
    }
    return best >= 2 && best > second ? which : PEEL_NOPILLAR;
}

static void pillar_words(const peel_records *r, stems *words)
{
    memset(words, 0, sizeof *words * PEEL_NPILLAR);
    for (int i = 0; i < PEEL_NPILLAR; i++)
        each_stem(peel_pillar_label((peel_pillar)i), add_stem, &words[i]);
    for (size_t i = 0; i < r->njudgment; i++) {
        const peel_judgment *j = &r->judgments[i];
        if (j->pillar != PEEL_NOPILLAR)
            each_stem(j->label, add_stem, &words[j->pillar]);
    }
}

/* HM Inspector's observations on the whole force: the paragraphs about
 * this pillar, and those about the force as a whole. */
static void observations(pd_pack *p, const peel_records *r)
{
    stems *words = peel_arena_alloc(&p->arena, sizeof *words * PEEL_NPILLAR);
    pillar_words(r, words);
    p->observation = peel_arena_alloc(&p->arena, (r->nsummary + 1) * sizeof *p->observation);
    for (size_t i = 0; i < r->nsummary; i++) {
        const peel_summary *s = &r->summaries[i];
        if (s->pillar != PEEL_NOPILLAR || s->component[0])
            continue;
        peel_pillar about = concerns(words, s->text);
        if (about == p->pillar || about == PEEL_NOPILLAR)
            p->observation[p->nobservation++] = clean(p, s->text);
    }
}

/* The pillar's summary paragraphs, and its components'. */
static void summary(pd_pack *p, const peel_records *r)
{
    p->summary = peel_arena_alloc(&p->arena, (r->nsummary + 1) * sizeof *p->summary);
    p->csummary = peel_arena_alloc(&p->arena, (r->nsummary + 1) * sizeof *p->csummary);
    observations(p, r);
    for (size_t i = 0; i < r->nsummary; i++) {
        const peel_summary *s = &r->summaries[i];
        if (s->pillar != p->pillar)
            continue;
        if (!s->component[0]) {
            p->summary[p->nsummary++] = clean(p, s->text);
            continue;
        }
        pd_csummary *cs = &p->csummary[p->ncsummary++];
        cs->component = component_label(p, r, s->component);
        cs->text = clean(p, s->text);
        cs->line = s->line;
        cs->section = s->from == PEEL_FROM_SECTION;
    }
}

/* Findings grouped by kind (causes of concern first), each kind in report
 * order. */
static void findings(pd_pack *p, const peel_records *r)
{
    p->finding = peel_arena_alloc(&p->arena, (r->nfinding + 1) * sizeof *p->finding);
    for (int k = 0; k < PEEL_NKIND; k++)
        for (size_t i = 0; i < r->nfinding; i++) {
            const peel_finding *f = &r->findings[i];
            if (f->pillar != p->pillar || f->kind != (peel_kind)k)
                continue;
            pd_finding *x = &p->finding[p->nfinding++];
            x->kind = (peel_kind)k;
            x->component = component_label(p, r, f->component);
            x->text = clean(p, f->text);
            x->line = f->line;
            x->last_line = f->last_line < f->line ? f->line : f->last_line;
            p->nkind[k]++;
        }
}

static int check_applies(const peel_check *k, peel_pillar pillar)
{
    return k->pillar == PEEL_NOPILLAR || k->pillar == pillar;
}

static void check_count(pd_pack *p, peel_verdict status)
{
    p->nchecks++;
    if (status == PEEL_PASS)
        p->npass++;
    else if (status == PEEL_WARN)
        p->nwarn++;
    else if (status == PEEL_FAIL)
        p->nfail++;
    else
        p->nskip++;
}

static void check_add(pd_pack *p, const pd_source *src, const peel_check *k)
{
    pd_check *c = &p->check[p->ncheck++];
    c->status = k->status;
    pd_check_words(&p->arena, src, k, c);
}

/* The pillar's and the whole report's WARN and FAIL, FAIL first; and the
 * other pillars' counts, so that this pack never hides the report's. */
static void checks(pd_pack *p, const pd_source *src)
{
    static const peel_verdict order[] = {PEEL_FAIL, PEEL_WARN};
    const peel_records *r = src->rec;
    p->reconciled = r->reconciled;
    p->check = peel_arena_alloc(&p->arena, (r->ncheck + 1) * sizeof *p->check);
    for (size_t i = 0; i < r->ncheck; i++) {
        const peel_check *k = &r->checks[i];
        if (check_applies(k, p->pillar))
            check_count(p, k->status);
        else if (k->status == PEEL_FAIL)
            p->other_fail[k->pillar]++;
        else if (k->status == PEEL_WARN)
            p->other_warn[k->pillar]++;
    }
    for (size_t o = 0; o < 2; o++)
        for (size_t i = 0; i < r->ncheck; i++)
            if (check_applies(&r->checks[i], p->pillar) && r->checks[i].status == order[o])
                check_add(p, src, &r->checks[i]);
}

/* A record line as the records print it: "" when unknown. */
static const char *line_text(pd_pack *p, long line)
{
    return line > 0 ? peel_arena_printf(&p->arena, "%ld", line) : "";
}

static void rejects(pd_pack *p, const peel_records *r)
{
    p->reject = peel_arena_alloc(&p->arena, (r->nreject + 1) * sizeof *p->reject);
    for (size_t i = 0; i < r->nreject; i++) {
        const peel_reject *j = &r->rejects[i];
        pd_reject *x = &p->reject[p->nreject++];
        x->file = clean(p, j->file);
        x->line = line_text(p, j->line);
        x->field = clean(p, j->field);
        x->value = clean(p, j->value);
        x->reason = clean(p, j->reason);
        x->source_line = line_text(p, j->source_line);
    }
}

void pd_pack_build(pd_pack *p, const pd_source *src, peel_pillar pillar)
{
    const peel_records *r = src->rec;
    memset(p, 0, sizeof *p);
    peel_arena_init(&p->arena);
    p->pillar = pillar;
    p->label = peel_pillar_label(pillar);
    meta(p, r);
    judgments(p, r);
    summary(p, r);
    findings(p, r);
    pd_pack_tables(p, src);
    pd_pack_keyfigs(p, src);
    checks(p, src);
    rejects(p, r);
}

void pd_pack_release(pd_pack *p)
{
    peel_arena_release(&p->arena);
    memset(p, 0, sizeof *p);
}
