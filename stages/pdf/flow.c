/* The page flow: a cursor moving down the page, new pages when a block does
 * not fit, the running header, bookmarks, and the footers -- drawn last,
 * once every page exists, because "Page n of N" needs N. */
#include <string.h>

#include "pd.h"

#define HEADER_RULE_Y (PD_PAGE_H - 52.0f)
#define FOOTER_RULE_Y 44.0f

/* Force and pillar on the left, the pillar's grade on the right: whichever
 * page an executive lands on, they know whose pack and what grade. */
static void header(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    pd_style st = c->small;
    float base = HEADER_RULE_Y + 9.0f, right = PD_RIGHT;
    float bw = pd_badge_width(c, 7.5f, peel_grade_name(p->grade));
    float bh = pd_badge_height(7.5f);
    pd_grade_badge(c, right - bw, base + 8.5f + (bh - 8.5f) / 2.0f, 7.5f, p->grade);
    st.rgb = PD_MUTED;
    const char *year = peel_arena_printf(&c->arena, "PEEL %s", p->year);
    pd_stext_right(c, &st, right - bw - 8.0f, base, year);
    float room = PD_WIDTH - bw - 16.0f - pd_swidth(st.font, st.size, year);
    st.font = c->bold;
    st.rgb = PD_NAVY;
    const char *who = peel_arena_printf(&c->arena, "%s · %s", p->force, p->label);
    pd_stext(c, &st, PD_LEFT, base, pd_fit(c, st.font, st.size, who, room));
    pd_line_at(c, PD_LEFT, HEADER_RULE_Y, PD_RIGHT, HEADER_RULE_Y, 0.6f, PD_RULE);
}

void pd_page_new(pd_ctx *c, int running_header)
{
    HPDF_Page page = HPDF_AddPage(c->pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    peel_vec_push(&c->pages, page);
    c->page = page;
    c->y = PD_TOP;
    if (running_header)
        header(c);
}

int pd_need(pd_ctx *c, float h)
{
    if (c->y - h >= PD_BOTTOM || c->y >= PD_TOP)
        return 0;
    pd_page_new(c, 1);
    return 1;
}

void pd_space(pd_ctx *c, float h)
{
    if (c->y < PD_TOP)
        c->y -= h;
}

float pd_room(const pd_ctx *c)
{
    return c->y - PD_BOTTOM;
}

void pd_bookmark(pd_ctx *c, int level, const char *title)
{
    HPDF_Outline parent = level > 0 ? c->outline[level - 1] : NULL;
    HPDF_Outline o = HPDF_CreateOutline(c->pdf, parent, title, c->enc);
    HPDF_Destination d = HPDF_Page_CreateDestination(c->page);
    float top = c->y + 24.0f;
    HPDF_Destination_SetFitH(d, top > PD_PAGE_H ? PD_PAGE_H : top);
    HPDF_Outline_SetDestination(o, d);
    HPDF_Outline_SetOpened(o, HPDF_TRUE);
    c->outline[level] = o;
    for (int l = level + 1; l < 3; l++)
        c->outline[l] = NULL;
    if (c->ntoc < sizeof c->toc / sizeof *c->toc)
        c->toc[c->ntoc++] = (pd_toc){peel_arena_strdup(&c->arena, title), level, c->pages.n, d};
}

void pd_footers(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    pd_style st = c->note;
    for (size_t i = 0; i < c->pages.n; i++) {
        c->page = c->pages.item[i];
        pd_line_at(c, PD_LEFT, FOOTER_RULE_Y, PD_RIGHT, FOOTER_RULE_Y, 0.6f, PD_RULE);
        const char *pg = peel_arena_printf(&c->arena, "Page %zu of %zu", i + 1, c->pages.n);
        pd_stext_right(c, &st, PD_RIGHT, FOOTER_RULE_Y - 13.0f, pg);
        if (i == 0)
            continue; /* the cover says where the pack came from in full */
        const char *src =
            peel_arena_printf(&c->arena, "Generated from %s, CRC-32 %s", p->file, p->crc32);
        float room = PD_WIDTH - pd_swidth(st.font, st.size, pg) - 20.0f;
        pd_stext(c, &st, PD_LEFT, FOOTER_RULE_Y - 13.0f, pd_fit(c, st.font, st.size, src, room));
    }
}
