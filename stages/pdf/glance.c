/* At a glance: the one-minute page.  The pillar's grade in a sentence, the
 * counts that matter as tiles, each component's grade and when it was last
 * inspected, then the inspectors' own summary of the pillar. */
#include <string.h>

#include "pd.h"

#define TILE_H 58.0f
#define TILE_GAP 8.0f

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* The grade as a badge, and in words beside it what it grades. */
static void verdict(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    float h = pd_badge_height(13.0f), top = c->y;
    float bw = pd_grade_badge(c, PD_LEFT, top, 13.0f, p->grade), x = PD_LEFT + bw + 12.0f;
    pd_style st = {c->bold, 11.0f, 14.0f, PD_NAVY};
    pd_style sub = c->note;
    const char *what = peel_arena_printf(&c->arena, "%s of %s", p->label, p->force);
    const char *when =
        peel_arena_printf(&c->arena, "PEEL %s inspection%s%s", p->year,
                          p->published[0] ? ", report published " : "", p->published);
    pd_stext(c, &st, x, top - 13.0f, pd_fit(c, st.font, st.size, what, PD_RIGHT - x));
    pd_stext(c, &sub, x, top - 25.0f, pd_fit(c, sub.font, sub.size, when, PD_RIGHT - x));
    c->y -= (h > 30.0f ? h : 30.0f) + 12.0f;
}

typedef struct tile {
    const char *number, *label;
    unsigned rgb; /* the number's colour: red or amber when it needs attention */
} tile;

static void draw_tile(pd_ctx *c, const tile *t, float x, float w)
{
    pd_round_rect(c, x, c->y - TILE_H, w, TILE_H, 5.0f, PD_ZEBRA);
    pd_rect(c, x, c->y - TILE_H, 3.0f, TILE_H, t->rgb);
    pd_style num = {c->bold, 20.0f, 26.0f, t->rgb == PD_WARN ? 0x9A6400u : t->rgb};
    pd_stext(c, &num, x + 10.0f, c->y - 26.0f, t->number);
    pd_style lab = c->note;
    lab.size = 7.5f;
    lab.rgb = PD_INK;
    pd_line *l;
    size_t n = pd_wrap(&c->arena, lab.font, lab.size, t->label, w - 14.0f, &l);
    for (size_t i = 0; i < n && i < 2; i++)
        pd_text(c, &lab, x + 10.0f, c->y - 39.0f - (float)i * 9.0f, l[i].s, l[i].len);
}

static const char *num(pd_ctx *c, size_t n)
{
    return peel_arena_printf(&c->arena, "%zu", n);
}

/* A count's colour: green at zero, else how much attention it needs. */
static unsigned alert(size_t n, unsigned rgb)
{
    return n ? rgb : PD_PASS;
}

static tile kind_tile(pd_ctx *c, peel_kind k)
{
    static const unsigned rgb[PEEL_NKIND] = {PD_FAIL, PD_WARN, PD_ACCENT};
    size_t n = c->pack->nkind[k];
    return (tile){num(c, n), pd_kind_count(k, n), alert(n, rgb[k])};
}

static void tiles(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    unsigned checks = p->nfail ? PD_FAIL : p->nwarn ? PD_WARN : PD_PASS;
    tile t[5] = {
        kind_tile(c, PEEL_CAUSE_OF_CONCERN),
        kind_tile(c, PEEL_RECOMMENDATION),
        kind_tile(c, PEEL_AREA_FOR_IMPROVEMENT),
        {peel_arena_printf(&c->arena, "%zu / %zu", p->nfail, p->nwarn),
         !p->reconciled       ? "reconciliation not yet run"
         : pd_elsewhere(c)[0] ? "FAIL / WARN here; more elsewhere"
                              : "reconciliation checks FAIL / WARN",
         p->reconciled ? checks : 0x9E9E9Eu},
        {num(c, p->nreject),
         plural(p->nreject, "record rejected by validation", "records rejected by validation"),
         alert(p->nreject, PD_WARN)}};
    float w = (PD_WIDTH - 4 * TILE_GAP) / 5.0f;
    pd_need(c, TILE_H + 10.0f);
    for (int i = 0; i < 5; i++)
        draw_tile(c, &t[i], PD_LEFT + (float)i * (w + TILE_GAP), w);
    c->y -= TILE_H + 10.0f;
}

/* The same counts as a sentence: tiles are for the eye, this for search
 * and for readers that extract text. */
static void counts(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    peel_arena *a = &c->arena;
    const char *checks =
        p->reconciled ? peel_arena_printf(a,
                                          "Reconciliation: %zu FAIL and %zu WARN of %zu checks "
                                          "(%zu pass, %zu could not run).",
                                          p->nfail, p->nwarn, p->nchecks, p->npass, p->nskip)
                      : "Reconciliation: not yet run for this report.";
    const char *s = "Findings:";
    for (int k = 0; k < PEEL_NKIND; k++)
        s = peel_arena_printf(a, "%s%s %zu %s", s,
                              k == 0                ? ""
                              : k == PEEL_NKIND - 1 ? " and"
                                                    : ",",
                              p->nkind[k], pd_kind_count((peel_kind)k, p->nkind[k]));
    const char *else_ = pd_elsewhere(c);
    pd_paragraph(c, &c->note,
                 peel_arena_printf(a, "%s. %s%s%s Validation rejects: %zu.", s, checks,
                                   else_[0] ? " " : "", else_, p->nreject));
}

static void components(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    static const float width[4] = {PD_WIDTH * 0.44f, PD_WIDTH * 0.24f, PD_WIDTH * 0.14f,
                                   PD_WIDTH * 0.18f};
    static const pd_align align[4] = {PD_AL_LEFT, PD_AL_LEFT, PD_AL_CENTER, PD_AL_LEFT};
    static const char *const head[4] = {"Component", "Grade", "Last inspected",
                                        "Inspected this year"};
    pd_heading(c, 1, "Component grades", 1);
    if (!p->ncomp) {
        pd_paragraph(c, &c->body, "The report grades no components of this pillar.");
        return;
    }
    pd_grid g = {.ncol = 4, .width = width, .align = align, .head = head, .x = PD_LEFT};
    pd_grid_begin(c, &g);
    for (size_t i = 0; i < p->ncomp; i++) {
        const pd_component *k = &p->comp[i];
        pd_cell cells[4] = {
            {k->label, PEEL_GRADE_NONE, 0, 0},
            {NULL, k->grade, 0, 0},
            {k->last_inspected[0] ? k->last_inspected : "not stated", PEEL_GRADE_NONE, 0, 0},
            {k->inspected ? "Yes" : "No: grade carried over", PEEL_GRADE_NONE, !k->inspected,
             k->inspected ? 0 : 0x9A6400u}};
        pd_grid_row(c, &g, cells);
    }
    c->y -= 6.0f;
}

static void summary(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    pd_heading(c, 1, "What the inspectors said", 1);
    if (!p->nsummary)
        pd_paragraph(c, &c->body, "The report gives no summary for this pillar.");
    for (size_t i = 0; i < p->nsummary; i++)
        pd_paragraph(c, &c->body, p->summary[i]);
}

/* The inspector's own overview of the force: what of it concerns this
 * pillar, and what concerns the force as a whole. */
static void observations(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    if (!p->nobservation)
        return;
    pd_heading(c, 1, "HM Inspector's observations", 1);
    pd_paragraph(c, &c->note,
                 peel_arena_printf(&c->arena,
                                   "From the report's overview of the whole force: the "
                                   "paragraphs about %s, and those about the force as a whole.",
                                   peel_pillar_name(p->pillar)));
    for (size_t i = 0; i < p->nobservation; i++)
        pd_paragraph(c, &c->body, p->observation[i]);
    if (p->inspector[0])
        pd_paragraph(c, &c->note,
                     peel_arena_printf(&c->arena, "%s%s%s", p->inspector,
                                       p->inspector_role[0] ? ", " : "", p->inspector_role));
}

void pd_glance(pd_ctx *c)
{
    pd_heading(c, 0, "At a glance", 0);
    verdict(c);
    tiles(c);
    counts(c);
    components(c);
    summary(c);
    observations(c);
}
