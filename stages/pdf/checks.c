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
    if (!p->reconciled)
        return "No reconciliation has been run for this report yet, so no figure has been "
               "checked against another.";
    if (!p->nchecks)
        return "The reconciliation has no check of this pillar or of the whole report.";
    if (!p->ncheck)
        return peel_arena_printf(a, "All %zu %s: this pillar's and the whole report's.%s", p->npass,
                                 plural(p->npass, "check passes", "checks pass"), skipped);
    return peel_arena_printf(a,
                             "%zu of the %zu checks of this pillar and of the whole report "
                             "need attention: %zu FAIL, %zu WARN; %zu pass.%s",
                             p->ncheck, p->nchecks, p->nfail, p->nwarn, p->npass, skipped);
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

/* Descriptions are written for the catalogue; a sentence starts upper-case. */
static const char *sentence(pd_ctx *c, const char *s)
{
    if (s[0] < 'a' || s[0] > 'z')
        return s;
    char *d = peel_arena_strdup(&c->arena, s);
    d[0] = (char)(d[0] - 'a' + 'A');
    return d;
}

static const char *figures(pd_ctx *c, const pd_check *k)
{
    peel_arena *a = &c->arena;
    const char *s =
        peel_arena_printf(a, "Expected %s · actual %s", pd_fmt_figure(a, k->expected, k->unit),
                          pd_fmt_figure(a, k->actual, k->unit));
    if (k->difference[0])
        s = peel_arena_printf(a, "%s · difference %s", s, pd_fmt_figure(a, k->difference, k->unit));
    if (k->tolerance[0])
        s = peel_arena_printf(a, "%s (tolerance %s)", s, pd_fmt_figure(a, k->tolerance, k->unit));
    return s;
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
    pd_block_text(c, &b, &c->bold_body,
                  sentence(c, k->description[0] ? k->description : k->rule_id), tx,
                  peel_verdict_name(k->status), bx);
    pd_block_badge(&b, bg, fg);
    pd_block_text(c, &b, &c->small, figures(c, k), tx, NULL, 0.0f);
    const char *lines = pd_fmt_lines(&c->arena, k->lines);
    pd_block_text(c, &b, &c->note,
                  peel_arena_printf(&c->arena, "Report %s %s · check %s",
                                    strchr(lines, ',') ? "lines" : "line",
                                    lines[0] ? lines : "not given", k->rule_id),
                  tx, NULL, 0.0f);
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
    pd_grid g = {5, width, align, head, PD_LEFT, 0};
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
