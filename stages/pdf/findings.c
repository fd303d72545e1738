/* Findings: causes of concern, then recommendations, then areas for
 * improvement, each numbered, with its component and report lines.  A
 * finding is kept on one page when it fits one; nested points are
 * indented under their lead-in. */
#include <string.h>

#include "pd.h"

#define TEXT_X (PD_LEFT + 30.0f)
#define NUM_X (PD_LEFT + 11.0f)
#define POINT_INDENT 16.0f

static const unsigned KIND_RGB[PEEL_NKIND] = {PD_FAIL, 0xE08A00u, PD_ACCENT};

/* Length of a nested point's "- " marker with its leading spaces, and its
 * depth (two spaces a level), or 0 when the line is not a point. */
static size_t point_marker(const char *line, size_t len, int *depth)
{
    size_t sp = 0;
    while (sp < len && line[sp] == ' ')
        sp++;
    if (sp + 1 < len && (line[sp] == '-' || line[sp] == '*') && line[sp + 1] == ' ') {
        *depth = 1 + (int)(sp / 2);
        return sp + 2;
    }
    return 0;
}

/* Lead text and nested points, each point with its bullet. */
static void body(pd_ctx *c, pd_block *b, const char *text, const char *number)
{
    const char *s = text;
    int first = 1;
    for (;;) {
        size_t len = strcspn(s, "\n");
        int depth = 0;
        size_t m = point_marker(s, len, &depth);
        char *line = peel_arena_strndup(&c->arena, s + m, len - m);
        if (m) {
            float x = TEXT_X + POINT_INDENT * (float)depth;
            pd_block_text(c, b, &c->body, line, x, depth > 1 ? "–" : "•", x - 10.0f);
        } else if (len || first) {
            pd_block_text(c, b, &c->body, line, TEXT_X, first ? number : NULL, NUM_X);
        }
        first = 0;
        if (!s[len])
            break;
        s += len + 1;
    }
}

static const char *where(pd_ctx *c, const pd_finding *f)
{
    return f->last_line > f->line
               ? peel_arena_printf(&c->arena, "Report lines %ld–%ld", f->line, f->last_line)
               : peel_arena_printf(&c->arena, "Report line %ld", f->line);
}

/* One finding; its component is named above it when it differs from the
 * previous finding's, in the same block so the two stay together. */
static void finding(pd_ctx *c, const pd_finding *f, size_t number, int new_component)
{
    pd_block b;
    pd_block_init(&b);
    b.accent = KIND_RGB[f->kind];
    pd_style comp = c->h3;
    comp.size = 9.0f;
    comp.lead = 14.0f;
    if (new_component) {
        pd_block_text(c, &b, &comp, f->component, PD_LEFT, NULL, 0.0f);
        pd_block_gap(c, &b, 3.0f);
        b.accent_from = b.n;
    }
    pd_block_gap(c, &b, 2.0f);
    body(c, &b, f->text, peel_arena_printf(&c->arena, "%zu.", number));
    pd_block_text(c, &b, &c->note, where(c, f), TEXT_X, NULL, 0.0f);
    pd_block_gap(c, &b, 3.0f);
    pd_block_draw(c, &b, 1);
    c->y -= 10.0f;
}

static void kind(pd_ctx *c, peel_kind k)
{
    const pd_pack *p = c->pack;
    pd_heading(c, 1, peel_arena_printf(&c->arena, "%s (%zu)", peel_kind_title(k), p->nkind[k]), 1);
    if (!p->nkind[k]) {
        pd_paragraph(c, &c->note,
                     peel_arena_printf(&c->arena, "The report gives no %s for this pillar.",
                                       peel_kind_singular(k)));
        return;
    }
    size_t n = 0;
    const char *last = NULL;
    for (size_t i = 0; i < p->nfinding; i++) {
        const pd_finding *f = &p->finding[i];
        if (f->kind != k)
            continue;
        finding(c, f, ++n, !last || strcmp(last, f->component) != 0);
        last = f->component;
    }
}

void pd_findings(pd_ctx *c)
{
    pd_heading(c, 0, "Findings", 0);
    for (int k = 0; k < PEEL_NKIND; k++)
        kind(c, (peel_kind)k);
}
