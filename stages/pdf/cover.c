/* The cover: whose pack, which pillar, the grade at a glance, when the
 * report was published and where the pack came from; the contents are
 * filled in at the end, when every section's page is known. */
#include <string.h>

#include "pd.h"

#define BAND_MIN_H 300.0f
#define BAND_TEXT 0xC9D6E3u
#define WHITE 0xFFFFFFu

/* Wrapped lines of `text` in `st` drawn from the cursor down. */
static void lines(pd_ctx *c, const pd_style *st, const char *text, float x, float width)
{
    pd_line *l;
    size_t n = pd_wrap(&c->arena, st->font, st->size, text, width, &l);
    for (size_t i = 0; i < n; i++, c->y -= st->lead)
        pd_text(c, st, x, pd_baseline(st, c->y), l[i].s, l[i].len);
}

/* Height `text` takes wrapped in `st` across the page. */
static float height(pd_ctx *c, const pd_style *st, const char *text)
{
    pd_line *l;
    return (float)pd_wrap(&c->arena, st->font, st->size, text, PD_WIDTH, &l) * st->lead;
}

/* The navy band: series and title, then force and pillar, large.  A long
 * force name is set smaller (down to 18 points) and the band grows to hold
 * it.  Returns the band's height. */
static float band(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    pd_style kicker = {c->font, 10.0f, 14.0f, BAND_TEXT};
    pd_style force = {c->bold, 30.0f, 36.0f, WHITE};
    pd_style pillar = {c->font, 24.0f, 30.0f, BAND_TEXT};
    const char *series = p->series[0] ? p->series : "PEEL";
    const char *kick = peel_arena_printf(&c->arena, "%s %s · %s", series, p->year, p->title);
    while (force.size > 18.0f && height(c, &force, p->force) > 2.0f * force.lead)
        force.size -= 4.0f, force.lead = force.size * 1.2f;
    float h = 64.0f + height(c, &kicker, kick) + 4.0f + kicker.lead + 28.0f +
              height(c, &force, p->force) + 4.0f + pillar.lead + 36.0f;
    h = h > BAND_MIN_H ? h : BAND_MIN_H;
    pd_rect(c, 0.0f, PD_PAGE_H - h, PD_PAGE_W, h, PD_NAVY);
    pd_rect(c, 0.0f, PD_PAGE_H - h - 5.0f, PD_PAGE_W, 5.0f, peel_grade_rgb(p->grade));
    c->y = PD_PAGE_H - 64.0f;
    lines(c, &kicker, kick, PD_LEFT, PD_WIDTH);
    c->y -= 4.0f;
    lines(c, &kicker, "Briefing pack for executives", PD_LEFT, PD_WIDTH);
    c->y -= 28.0f;
    lines(c, &force, p->force, PD_LEFT, PD_WIDTH);
    c->y -= 4.0f;
    lines(c, &pillar, p->label, PD_LEFT, PD_WIDTH);
    return h;
}

static void grade(pd_ctx *c, float band_h)
{
    const pd_pack *p = c->pack;
    pd_style label = {c->bold, 9.0f, 13.0f, PD_MUTED};
    c->y = PD_PAGE_H - band_h - 40.0f;
    pd_stext(c, &label, PD_LEFT, pd_baseline(&label, c->y),
             peel_arena_printf(&c->arena, "%s grade", p->label));
    c->y -= label.lead + 4.0f;
    pd_grade_badge(c, PD_LEFT, c->y, 20.0f, p->grade);
    c->y -= pd_badge_height(20.0f) + 18.0f;
}

/* The pack in one line, for the reader who stops at the cover. */
static const char *in_brief(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    peel_arena *a = &c->arena;
    const char *s = "In this pack:";
    for (int k = 0; k < PEEL_NKIND; k++)
        s = peel_arena_printf(a, "%s%s %zu %s", s, k ? "," : "", p->nkind[k],
                              pd_kind_count((peel_kind)k, p->nkind[k]));
    if (!p->reconciled)
        return peel_arena_printf(a, "%s; figures not yet reconciled.", s);
    const char *else_ = pd_elsewhere(c);
    return peel_arena_printf(a, "%s; reconciliation %zu FAIL, %zu WARN.%s%s", s, p->nfail, p->nwarn,
                             else_[0] ? " " : "", else_);
}

static void facts(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    const char *by = p->inspector[0] ? p->inspector : NULL;
    pd_style st = c->body;
    if (p->published[0])
        lines(c, &st, peel_arena_printf(&c->arena, "Report published %s", p->published), PD_LEFT,
              PD_WIDTH);
    if (by)
        lines(c, &st,
              peel_arena_printf(&c->arena, "Inspected by %s%s%s", by,
                                p->inspector_role[0] ? ", " : "", p->inspector_role),
              PD_LEFT, PD_WIDTH);
    c->y -= 8.0f;
    lines(c, &c->bold_body, in_brief(c), PD_LEFT, PD_WIDTH);
    c->y -= 22.0f;
    c->contents_top = c->y;
}

static void provenance(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    float y = c->y;
    c->y = PD_BOTTOM + 30.0f;
    pd_line_at(c, PD_LEFT, c->y + 6.0f, PD_RIGHT, c->y + 6.0f, 0.6f, PD_RULE);
    lines(c, &c->small,
          peel_arena_printf(&c->arena, "generated from %s, CRC-32 %s", p->file, p->crc32), PD_LEFT,
          PD_WIDTH);
    lines(c, &c->note,
          "Made by peelpack " PEEL_VERSION " from the report's own text: grades, findings and "
          "figures as printed.",
          PD_LEFT, PD_WIDTH);
    c->y = y;
}

void pd_cover(pd_ctx *c)
{
    pd_page_new(c, 0);
    pd_bookmark(c, 0, "Cover");
    grade(c, band(c));
    facts(c);
    provenance(c);
}

#define TOC_LEAD 15.0f
#define TOC_SUB_LEAD 12.5f
#define TOC_BOTTOM (PD_BOTTOM + 62.0f) /* above the provenance lines */

static void toc_line(pd_ctx *c, const pd_toc *t)
{
    pd_style st = t->level == 0 ? c->bold_body : c->body;
    st.lead = TOC_LEAD;
    if (t->level > 0)
        st.rgb = PD_MUTED, st.lead = TOC_SUB_LEAD, st.size = 8.5f;
    float x = PD_LEFT + (t->level ? 14.0f : 0.0f), base = pd_baseline(&st, c->y);
    const char *pg = peel_arena_printf(&c->arena, "%zu", t->page);
    float pw = pd_swidth(st.font, st.size, pg);
    const char *title = pd_fit(c, st.font, st.size, t->title, PD_RIGHT - pw - 30.0f - x);
    float tw = pd_swidth(st.font, st.size, title);
    pd_stext(c, &st, x, base, title);
    pd_line_at(c, x + tw + 6.0f, base + 1.0f, PD_RIGHT - pw - 6.0f, base + 1.0f, 0.4f, PD_RULE);
    pd_stext_right(c, &st, PD_RIGHT, base, pg);
    /* The whole line is a link to the section, drawn without a border. */
    HPDF_Rect r = {x, c->y - st.lead, PD_RIGHT, c->y};
    HPDF_Annotation link = HPDF_Page_CreateLinkAnnot(c->page, r, t->dest);
    if (!link)
        pd_doc_fail(c, HPDF_GetError(c->pdf));
    HPDF_LinkAnnot_SetBorderStyle(link, 0.0f, 0, 0);
    HPDF_LinkAnnot_SetHighlightMode(link, HPDF_ANNOT_INVERT_BOX);
    c->y -= st.lead;
}

/* Section titles with their pages, sub-sections indented under them when
 * there is room for them all; else the sections alone. */
void pd_cover_contents(pd_ctx *c)
{
    float need = 0.0f;
    for (size_t i = 0; i < c->ntoc; i++)
        if (c->toc[i].page > 1 && c->toc[i].level <= 1)
            need += c->toc[i].level ? TOC_SUB_LEAD : TOC_LEAD;
    int subs = c->contents_top - 18.0f - need >= TOC_BOTTOM;
    c->page = c->pages.item[0];
    c->y = c->contents_top;
    pd_style head = {c->bold, 9.0f, 16.0f, PD_MUTED};
    pd_stext(c, &head, PD_LEFT, pd_baseline(&head, c->y), "CONTENTS");
    c->y -= head.lead + 2.0f;
    for (size_t i = 0; i < c->ntoc && c->y - TOC_LEAD >= TOC_BOTTOM; i++)
        if (c->toc[i].page > 1 && (c->toc[i].level == 0 || (subs && c->toc[i].level == 1)))
            toc_line(c, &c->toc[i]);
}
