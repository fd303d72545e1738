/* Reconciliation: every check of the pillar (and of the whole report) that
 * did not pass, with what was expected, what the report says and the lines
 * to look at; then the records validation rejected.  A report with rejects
 * still gets its packs, and the rejects are listed in them. */
#include <string.h>

#include "pd.h"

#define CARD_X (PD_LEFT + 14.0f)

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* "1 failing check elsewhere (legitimacy)" for counts by pillar; "" for none. */
static const char *others(pd_ctx *c, const size_t *n, const char *one, const char *many)
{
    size_t total = 0;
    const char *where = "";
    for (int i = 0; i < PEEL_NPILLAR; i++) {
        if (!n[i])
            continue;
        total += n[i];
        where = peel_arena_printf(&c->arena, "%s%s%s", where, where[0] ? ", " : "",
                                  peel_pillar_name((peel_pillar)i));
    }
    return total ? peel_arena_printf(&c->arena, "%zu %s elsewhere (%s)", total,
                                     plural(total, one, many), where)
                 : "";
}

const char *pd_elsewhere(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    const char *f = others(c, p->other_fail, "failing check", "failing checks");
    const char *w = others(c, p->other_warn, "warning", "warnings");
    if (!f[0] && !w[0])
        return "";
    return peel_arena_printf(&c->arena, "The report has %s%s%s.", f, f[0] && w[0] ? " and " : "",
                             w);
}

static const char *overview(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    peel_arena *a = &c->arena;
    const char *skipped =
        p->nskip ? peel_arena_printf(a,
                                     " %zu more could not run: their inputs are not in the "
                                     "report.",
                                     p->nskip)
                 : "";
    const char *else_ = pd_elsewhere(c);
    if (!p->reconciled)
        return "No reconciliation has been run for this report yet, so no figure has been "
               "checked against another.";
    if (!p->nchecks)
        return peel_arena_printf(a,
                                 "The reconciliation has no check of this pillar or of the "
                                 "report as a whole.%s%s",
                                 else_[0] ? " " : "", else_);
    if (!p->ncheck)
        return peel_arena_printf(
            a, "%s %zu %s of this pillar and of the report as a whole %s.%s%s%s",
            plural(p->npass, "The", "All"), p->npass, plural(p->npass, "check", "checks"),
            plural(p->npass, "passes", "pass"), skipped, else_[0] ? " " : "", else_);
    return peel_arena_printf(a,
                             "%zu of the %zu checks of this pillar and of the report as a whole "
                             "need attention: %zu FAIL, %zu WARN; %zu pass.%s%s%s",
                             p->ncheck, p->nchecks, p->nfail, p->nwarn, p->npass, skipped,
                             else_[0] ? " " : "", else_);
}

/* The overview behind a badge saying the outcome in one word. */
static void outcome(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    const char *word = !p->reconciled ? "NOT RUN" : p->nfail ? "FAIL" : p->nwarn ? "WARN" : "PASS";
    unsigned bg = !p->reconciled ? 0x9E9E9Eu : p->nfail ? PD_FAIL : p->nwarn ? PD_WARN : PD_PASS;
    unsigned fg = bg == PD_WARN ? 0x000000u : 0xFFFFFFu;
    float x = PD_LEFT + pd_badge_width(c, c->body.size * 0.8f, word) + 8.0f;
    pd_block b;
    pd_block_init(&b);
    pd_block_text(c, &b, &c->body, overview(c), x, word, PD_LEFT);
    pd_block_badge(&b, bg, fg);
    pd_block_gap(c, &b, 6.0f);
    pd_block_draw(c, &b, 1);
}

static void card(pd_ctx *c, const pd_check *k)
{
    int fail = k->status == PEEL_FAIL;
    unsigned bg = fail ? PD_FAIL : PD_WARN, fg = fail ? 0xFFFFFFu : 0x000000u;
    float bsize = c->bold_body.size * 0.8f;
    float bw = pd_badge_width(c, bsize, "WARN"), fw = pd_badge_width(c, bsize, "FAIL");
    float bx = CARD_X, tx = bx + (bw > fw ? bw : fw) + 8.0f;
    pd_block b;
    pd_block_init(&b);
    b.accent = bg;
    pd_block_gap(c, &b, 3.0f);
    pd_block_text(c, &b, &c->bold_body, k->what, tx, peel_verdict_name(k->status), bx);
    pd_block_badge(&b, bg, fg);
    pd_block_text(c, &b, &c->small, k->detail, tx, NULL, 0.0f);
    pd_block_text(c, &b, &c->note, k->where, tx, NULL, 0.0f);
    if (k->note[0])
        pd_block_text(c, &b, &c->note, peel_arena_printf(&c->arena, "Note: %s", k->note), tx, NULL,
                      0.0f);
    pd_block_gap(c, &b, 3.0f);
    pd_block_draw(c, &b, 1);
    c->y -= 10.0f;
}

static void rejects(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    static const float width[5] = {PD_WIDTH * 0.2f, PD_WIDTH * 0.1f, PD_WIDTH * 0.17f,
                                   PD_WIDTH * 0.4f, PD_WIDTH * 0.13f};
    static const pd_align align[5] = {PD_AL_LEFT, PD_AL_LEFT, PD_AL_LEFT, PD_AL_LEFT, PD_AL_RIGHT};
    static const char *const head[5] = {"Record", "Field", "Value", "Reason", "Report line"};
    pd_heading(c, 1, peel_arena_printf(&c->arena, "Validation rejects (%zu)", p->nreject), 1);
    if (!p->nreject) {
        pd_paragraph(c, &c->note, "Validation rejected no record of this report.");
        return;
    }
    pd_paragraph(c, &c->note,
                 "These records failed validation and are left out of this pack's figures "
                 "and findings.");
    pd_grid g = {.ncol = 5, .width = width, .align = align, .head = head, .x = PD_LEFT};
    pd_grid_begin(c, &g);
    for (size_t i = 0; i < p->nreject; i++) {
        const pd_reject *r = &p->reject[i];
        pd_cell cells[5] = {
            {peel_arena_printf(&c->arena, "%s:%s", r->file, r->line), PEEL_GRADE_NONE, 0, 0},
            {r->field, PEEL_GRADE_NONE, 0, 0},
            {r->value, PEEL_GRADE_NONE, 0, 0},
            {r->reason, PEEL_GRADE_NONE, 0, 0},
            {r->source_line[0] ? r->source_line : "–", PEEL_GRADE_NONE, 0, 0}};
        pd_grid_row(c, &g, cells);
    }
}

void pd_checks(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    pd_heading(c, 0, "Reconciliation", 0);
    outcome(c);
    if (p->ncheck)
        pd_heading(c, 1, peel_arena_printf(&c->arena, "Checks that did not pass (%zu)", p->ncheck),
                   1);
    for (size_t i = 0; i < p->ncheck; i++)
        card(c, &p->check[i]);
    rejects(c);
}
