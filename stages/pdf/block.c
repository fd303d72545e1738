/* Blocks: wrapped lines laid out together.  A block that fits on a page is
 * moved whole to the next page rather than split; a longer one is split
 * between lines, never inside one.  Headings stay with what follows. */
#include <string.h>

#include "pd.h"

/* Width of the accent bar and its gap to the text. */
#define ACCENT_W 3.0f

void pd_block_init(pd_block *b)
{
    memset(b, 0, sizeof *b);
}

static pd_bline *add(pd_ctx *c, pd_block *b)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        pd_bline *l = peel_arena_alloc(&c->arena, cap * sizeof *l);
        if (b->n)
            memcpy(l, b->l, b->n * sizeof *l);
        b->l = l;
        b->cap = cap;
    }
    pd_bline *l = &b->l[b->n++];
    memset(l, 0, sizeof *l);
    return l;
}

void pd_block_text(pd_ctx *c, pd_block *b, const pd_style *st, const char *text, float x,
                   const char *marker, float marker_x)
{
    pd_line *lines;
    size_t n = pd_wrap(&c->arena, st->font, st->size, text, PD_RIGHT - x, &lines);
    for (size_t i = 0; i < n; i++) {
        pd_bline *l = add(c, b);
        l->s = lines[i].s;
        l->len = lines[i].len;
        l->x = x;
        l->lead = st->lead;
        l->st = st;
        l->marker = i == 0 ? marker : NULL;
        l->marker_x = marker_x;
        b->height += st->lead;
    }
}

void pd_block_gap(pd_ctx *c, pd_block *b, float h)
{
    pd_bline *l = add(c, b);
    l->lead = h;
    b->height += h;
}

void pd_block_badge(pd_block *b, unsigned bg, unsigned fg)
{
    size_t i = b->n;
    while (i > 0 && !b->l[i - 1].marker)
        i--;
    if (i > 0) {
        b->l[i - 1].marker_bg = bg;
        b->l[i - 1].marker_fg = fg;
    }
}

static void accent(pd_ctx *c, const pd_block *b, float top)
{
    if (b->accent && top > c->y)
        pd_rect(c, PD_LEFT, c->y, ACCENT_W, top - c->y, b->accent);
}

/* The marker first: text extraction then reads "1. The force ...". */
static void draw_line(pd_ctx *c, const pd_bline *l)
{
    float base = pd_baseline(l->st, c->y);
    if (l->marker && l->marker_bg) {
        float size = l->st->size * 0.8f;
        float top = c->y - (l->lead - pd_badge_height(size)) / 2.0f;
        pd_badge(c, l->marker_x, top, size, l->marker, l->marker_bg, l->marker_fg);
    } else if (l->marker) {
        pd_stext(c, l->st, l->marker_x, base, l->marker);
    }
    pd_text(c, l->st, l->x, base, l->s, l->len);
}

void pd_block_draw(pd_ctx *c, const pd_block *b, int keep)
{
    if (keep && b->height <= PD_FULL_PAGE)
        pd_need(c, b->height);
    float top = c->y;
    int barred = b->accent_from == 0; /* the accent bar has begun */
    for (size_t i = 0; i < b->n; i++) {
        const pd_bline *l = &b->l[i];
        if (i == b->accent_from) {
            top = c->y;
            barred = 1;
        }
        if (!l->st) { /* a gap: not at the top of a page */
            if (c->y < PD_TOP)
                c->y -= l->lead;
            continue;
        }
        if (c->y - l->lead < PD_BOTTOM && c->y < PD_TOP) {
            if (barred)
                accent(c, b, top);
            pd_page_new(c, 1);
            top = c->y;
        }
        draw_line(c, l);
        c->y -= l->lead;
    }
    if (barred)
        accent(c, b, top);
}

void pd_paragraph(pd_ctx *c, const pd_style *st, const char *text)
{
    pd_block b;
    pd_block_init(&b);
    pd_block_text(c, &b, st, text, PD_LEFT, NULL, 0.0f);
    /* Short paragraphs whole; longer ones may split, but keep two lines
     * together at the foot of a page. */
    pd_need(c, b.n <= 4 ? b.height : 2.0f * st->lead);
    pd_block_draw(c, &b, b.n <= 4);
    pd_space(c, st->lead * 0.55f);
}

/* Level 0 opens a section with a rule under its title: on a new page,
 * unless more than 40% of this one is still empty (and it is not the
 * cover), so short sections do not leave pages nearly blank. */
static void section_title(pd_ctx *c, const char *title)
{
    if (c->pages.n <= 1 || pd_room(c) < PD_FULL_PAGE * 0.4f)
        pd_page_new(c, 1);
    else
        c->y -= 28.0f;
    pd_bookmark(c, 0, title);
    pd_block b;
    pd_block_init(&b);
    pd_block_text(c, &b, &c->h1, title, PD_LEFT, NULL, 0.0f);
    pd_block_draw(c, &b, 0);
    pd_rect(c, PD_LEFT, c->y - 4.0f, 36.0f, 2.5f, PD_ACCENT);
    c->y -= 16.0f;
}

void pd_heading(pd_ctx *c, int level, const char *title, int bookmark)
{
    if (level == 0) {
        section_title(c, title);
        return;
    }
    const pd_style *st = level == 1 ? &c->h2 : &c->h3;
    pd_block b;
    pd_block_init(&b);
    pd_block_text(c, &b, st, title, PD_LEFT, NULL, 0.0f);
    pd_space(c, level == 1 ? 12.0f : 6.0f);
    /* Never alone at the foot of a page: room for it and some lines. */
    pd_need(c, b.height + (level == 1 ? 70.0f : 45.0f));
    if (bookmark)
        pd_bookmark(c, level, title);
    pd_block_draw(c, &b, 0);
    c->y -= level == 1 ? 4.0f : 2.0f;
}
