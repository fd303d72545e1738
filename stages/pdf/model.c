/* One pillar's content, taken from the report's records: what the cover,
 * the summary, the findings and the checks show.  Tables are in tables.c. */
#include <stdlib.h>
#include <string.h>

#include "pd.h"

static const char *const KIND_KEYS[PD_NKIND] = {"cause_of_concern", "recommendation",
                                                "area_for_improvement"};
static const char *const KIND_TITLES[PD_NKIND] = {"Causes of concern", "Recommendations",
                                                  "Areas for improvement"};
static const char *const KIND_SINGULAR[PD_NKIND] = {"cause of concern", "recommendation",
                                                    "area for improvement"};
static const char *const KIND_PLURAL[PD_NKIND] = {"causes of concern", "recommendations",
                                                  "areas for improvement"};

const char *pd_kind_title(pd_kind k)
{
    return KIND_TITLES[k];
}

const char *pd_kind_singular(pd_kind k)
{
    return KIND_SINGULAR[k];
}

const char *pd_kind_count(pd_kind k, size_t n)
{
    return n == 1 ? KIND_SINGULAR[k] : KIND_PLURAL[k];
}

char *pd_clean(peel_arena *a, const char *s)
{
    /* Room for each 4-byte character to become the 3-byte U+FFFD. */
    char *d = peel_arena_alloc(a, strlen(s ? s : "") + 1), *w = d;
    for (const unsigned char *r = (const unsigned char *)(s ? s : ""); *r; r++) {
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

/* A field of row i as report text (OWASP apostrophe undone), cleaned. */
static const char *text_at(pd_pack *p, const peel_csv_doc *d, size_t i, const char *col)
{
    return pd_clean(&p->arena, peel_csv_text(peel_csv_get(d, i, peel_csv_col(d, col))));
}

static const char *field_at(const peel_csv_doc *d, size_t i, const char *col)
{
    return peel_csv_get(d, i, peel_csv_col(d, col));
}

static void meta(pd_pack *p, const peel_report *r)
{
    const char **dst[] = {&p->force,     &p->year,          &p->series,         &p->title,
                          &p->published, &p->file,          &p->published_date, &p->crc32,
                          &p->inspector, &p->inspector_role};
    static const char *const keys[] = {"force",     "year",          "series",         "title",
                                       "published", "file",          "published_date", "crc32",
                                       "inspector", "inspector_role"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        *dst[i] = pd_clean(&p->arena, peel_report_meta(r, keys[i]));
    if (!p->force[0])
        p->force = "Unnamed force";
}

/* The display label of a component of this pillar ("" for the pillar). */
static const char *component_label(pd_pack *p, const peel_report *r, const char *key)
{
    const peel_csv_doc *j = &r->judgments;
    for (size_t i = 0; i < j->nrow; i++)
        if (strcmp(field_at(j, i, "pillar"), p->pillar) == 0 &&
            strcmp(field_at(j, i, "component"), key) == 0 && field_at(j, i, "label")[0])
            return text_at(p, j, i, "label");
    return pd_clean(&p->arena, key);
}

static int inspected(const peel_csv_doc *j, size_t i, const char *year)
{
    const char *flag = field_at(j, i, "inspected");
    if (flag[0])
        return strcmp(flag, "yes") == 0;
    return strcmp(field_at(j, i, "last_inspected"), year) == 0;
}

static void judgments(pd_pack *p, const peel_report *r)
{
    const peel_csv_doc *j = &r->judgments;
    p->grade = "Ungraded";
    p->comp = peel_arena_alloc(&p->arena, (j->nrow + 1) * sizeof *p->comp);
    for (size_t i = 0; i < j->nrow; i++) {
        if (strcmp(field_at(j, i, "pillar"), p->pillar) != 0)
            continue;
        const char *grade = text_at(p, j, i, "grade");
        if (!field_at(j, i, "component")[0]) {
            p->grade = grade[0] ? grade : "Ungraded";
            continue;
        }
        pd_component *c = &p->comp[p->ncomp++];
        c->label = text_at(p, j, i, "label");
        if (!c->label[0])
            c->label = text_at(p, j, i, "component");
        c->grade = grade[0] ? grade : "Ungraded";
        c->last_inspected = text_at(p, j, i, "last_inspected");
        c->inspected = inspected(j, i, p->year);
    }
}

/* The pillar's summary paragraphs, and its components'. */
static void summary(pd_pack *p, const peel_report *r)
{
    const peel_csv_doc *s = &r->summaries;
    p->summary = peel_arena_alloc(&p->arena, (s->nrow + 1) * sizeof *p->summary);
    p->csummary = peel_arena_alloc(&p->arena, (s->nrow + 1) * sizeof *p->csummary);
    for (size_t i = 0; i < s->nrow; i++) {
        if (strcmp(field_at(s, i, "pillar"), p->pillar) != 0)
            continue;
        const char *component = field_at(s, i, "component");
        if (!component[0]) {
            p->summary[p->nsummary++] = text_at(p, s, i, "text");
            continue;
        }
        pd_csummary *cs = &p->csummary[p->ncsummary++];
        cs->component = component_label(p, r, component);
        cs->text = text_at(p, s, i, "text");
    }
}

static int kind_of(const char *key)
{
    for (int k = 0; k < PD_NKIND; k++)
        if (strcmp(key, KIND_KEYS[k]) == 0)
            return k;
    return -1;
}

/* Findings grouped by kind (causes of concern first), each kind in report
 * order. */
static void findings(pd_pack *p, const peel_report *r)
{
    const peel_csv_doc *f = &r->findings;
    p->finding = peel_arena_alloc(&p->arena, (f->nrow + 1) * sizeof *p->finding);
    for (int k = 0; k < PD_NKIND; k++)
        for (size_t i = 0; i < f->nrow; i++) {
            if (strcmp(field_at(f, i, "pillar"), p->pillar) != 0 ||
                kind_of(field_at(f, i, "kind")) != k)
                continue;
            pd_finding *x = &p->finding[p->nfinding++];
            x->kind = (pd_kind)k;
            x->component = component_label(p, r, field_at(f, i, "component"));
            x->text = text_at(p, f, i, "text");
            x->line = strtol(field_at(f, i, "source_line"), NULL, 10);
            x->last_line = strtol(field_at(f, i, "last_line"), NULL, 10);
            if (x->last_line < x->line)
                x->last_line = x->line;
            p->nkind[k]++;
        }
}

static int check_applies(const peel_csv_doc *d, size_t i, const char *pillar)
{
    const char *cp = field_at(d, i, "pillar");
    return !cp[0] || strcmp(cp, pillar) == 0;
}

static void check_count(pd_pack *p, const char *status)
{
    p->nchecks++;
    if (strcmp(status, "PASS") == 0)
        p->npass++;
    else if (strcmp(status, "WARN") == 0)
        p->nwarn++;
    else if (strcmp(status, "FAIL") == 0)
        p->nfail++;
    else
        p->nskip++;
}

static void check_add(pd_pack *p, const peel_csv_doc *d, size_t i)
{
    pd_check *c = &p->check[p->ncheck++];
    const char **dst[] = {&c->status,     &c->rule_id,   &c->description, &c->expected, &c->actual,
                          &c->difference, &c->tolerance, &c->unit,        &c->lines,    &c->note};
    static const char *const cols[] = {"status",       "rule_id",    "description", "expected",
                                       "actual",       "difference", "tolerance",   "unit",
                                       "source_lines", "note"};
    for (size_t k = 0; k < sizeof cols / sizeof *cols; k++)
        *dst[k] = text_at(p, d, i, cols[k]);
}

/* The pillar's and the whole report's WARN and FAIL, FAIL first. */
static void checks(pd_pack *p, const peel_report *r)
{
    static const char *const order[] = {"FAIL", "WARN"};
    const peel_csv_doc *d = &r->reconciliation;
    p->reconciled = d->ncol > 0;
    p->check = peel_arena_alloc(&p->arena, (d->nrow + 1) * sizeof *p->check);
    for (size_t i = 0; i < d->nrow; i++)
        if (check_applies(d, i, p->pillar))
            check_count(p, field_at(d, i, "status"));
    for (size_t o = 0; o < 2; o++)
        for (size_t i = 0; i < d->nrow; i++)
            if (check_applies(d, i, p->pillar) && strcmp(field_at(d, i, "status"), order[o]) == 0)
                check_add(p, d, i);
}

static void rejects(pd_pack *p, const peel_report *r)
{
    const peel_csv_doc *d = &r->rejects;
    p->reject = peel_arena_alloc(&p->arena, (d->nrow + 1) * sizeof *p->reject);
    for (size_t i = 0; i < d->nrow; i++) {
        pd_reject *x = &p->reject[p->nreject++];
        x->file = text_at(p, d, i, "file");
        x->line = text_at(p, d, i, "line");
        x->field = text_at(p, d, i, "field");
        x->value = text_at(p, d, i, "value");
        x->reason = text_at(p, d, i, "reason");
        x->source_line = text_at(p, d, i, "source_line");
    }
}

void pd_pack_build(pd_pack *p, const peel_report *r, const pd_table_map *map, const char *pillar)
{
    memset(p, 0, sizeof *p);
    peel_arena_init(&p->arena);
    p->pillar = pillar;
    p->label = peel_pillar_label(peel_pillar_parse(pillar, NULL));
    meta(p, r);
    judgments(p, r);
    summary(p, r);
    findings(p, r);
    pd_pack_tables(p, r, map);
    checks(p, r);
    rejects(p, r);
}

void pd_pack_release(pd_pack *p)
{
    peel_arena_release(&p->arena);
    memset(p, 0, sizeof *p);
}
