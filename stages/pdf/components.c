/* Component by component: for the reader with five minutes, each graded
 * component with its badge, when it was inspected, how many findings it
 * drew and the inspectors' summary of it. */
#include <string.h>

#include "pd.h"

static size_t count(const pd_pack *p, const char *component, peel_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nfinding; i++)
        n += p->finding[i].kind == k && strcmp(p->finding[i].component, component) == 0;
    return n;
}

/* "Last inspected 2017 (grade carried over) · 1 cause of concern, ..." */
static const char *facts(pd_ctx *c, const pd_component *k)
{
    const pd_pack *p = c->pack;
    peel_arena *a = &c->arena;
    const char *s =
        k->inspected ? peel_arena_printf(a, "Inspected %s", k->last_inspected)
                     : peel_arena_printf(a, "Last inspected %s: grade carried over",
                                         k->last_inspected[0] ? k->last_inspected : "(not stated)");
    const char *sep = " · ";
    for (int kind = 0; kind < PEEL_NKIND; kind++) {
        size_t n = count(p, k->label, (peel_kind)kind);
        if (!n)
            continue;
        s = peel_arena_printf(a, "%s%s%zu %s", s, sep, n, pd_kind_count((peel_kind)kind, n));
        sep = ", ";
    }
    return s;
}

/* An area the report sums up nowhere still shows what it found there. */
static void its_findings(pd_ctx *c, const pd_component *k)
{
    const pd_pack *p = c->pack;
    size_t n = 0;
    for (size_t i = 0; i < p->nfinding; i++)
        n += strcmp(p->finding[i].component, k->label) == 0;
    if (!n) {
        pd_paragraph(c, &c->note, "The report gives no summary and no findings for this area.");
        return;
    }
    pd_paragraph(c, &c->note, "The report gives no summary for this area; its findings:");
    for (size_t i = 0; i < p->nfinding; i++) {
        const pd_finding *f = &p->finding[i];
        if (strcmp(f->component, k->label) != 0)
            continue;
        pd_block b;
        pd_block_init(&b);
        pd_block_text(c, &b, &c->bold_body, peel_kind_label(f->kind), PD_LEFT, NULL, 0.0f);
        pd_block_text(c, &b, &c->body, f->text, PD_LEFT + 12.0f, NULL, 0.0f);
        pd_block_gap(c, &b, 6.0f);
        pd_block_draw(c, &b, 1);
    }
}

static void component(pd_ctx *c, const pd_component *k)
{
    const pd_pack *p = c->pack;
    pd_block head;
    pd_block_init(&head);
    /* The badge is drawn at 0.8 of the title's size (pd_block_draw). */
    const char *grade = peel_grade_name(k->grade);
    float x = PD_LEFT + pd_badge_width(c, c->h3.size * 0.8f, grade) + 8.0f;
    pd_block_text(c, &head, &c->h3, k->label, x, grade, PD_LEFT);
    pd_block_badge(&head, peel_grade_rgb(k->grade), peel_grade_text_rgb(k->grade));
    pd_block_text(c, &head, &c->note, facts(c, k), x, NULL, 0.0f);
    pd_block_gap(c, &head, 4.0f);
    pd_space(c, 8.0f);
    pd_need(c, head.height + 3.0f * c->body.lead);
    pd_bookmark(c, 1, k->label);
    pd_block_draw(c, &head, 1);
    size_t n = 0;
    for (size_t i = 0; i < p->ncsummary; i++)
        if (strcmp(p->csummary[i].component, k->label) == 0) {
            pd_paragraph(c, &c->body, p->csummary[i].text);
            n++;
        }
    if (!n)
        its_findings(c, k);
}

void pd_components(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    if (!p->ncomp)
        return;
    pd_heading(c, 0, "Component by component", 0);
    for (size_t i = 0; i < p->ncomp; i++)
        component(c, &p->comp[i]);
}
