/* Drawing primitives over libharu: colours, boxes, rules, text on a
 * baseline and grade badges.  Everything is vector: no images. */
#include <string.h>

#include "pd.h"

/* Bezier handle length for a quarter circle. */
#define KAPPA 0.5523f

static float chan(unsigned rgb, int shift)
{
    return (float)((rgb >> shift) & 0xFF) / 255.0f;
}

/* The colours and the font are set only when they change: libharu keeps
 * the graphics state (and restores it with Q), and each operator it writes
 * costs a few thousand instructions; the pages look the same. */
void pd_fill_rgb(pd_ctx *c, unsigned rgb)
{
    float r = chan(rgb, 16), g = chan(rgb, 8), b = chan(rgb, 0);
    HPDF_RGBColor now = HPDF_Page_GetRGBFill(c->page);
    if (HPDF_Page_GetFillingColorSpace(c->page) != HPDF_CS_DEVICE_RGB || now.r != r || now.g != g ||
        now.b != b)
        HPDF_Page_SetRGBFill(c->page, r, g, b);
}

void pd_stroke_rgb(pd_ctx *c, unsigned rgb)
{
    float r = chan(rgb, 16), g = chan(rgb, 8), b = chan(rgb, 0);
    HPDF_RGBColor now = HPDF_Page_GetRGBStroke(c->page);
    if (HPDF_Page_GetStrokingColorSpace(c->page) != HPDF_CS_DEVICE_RGB || now.r != r ||
        now.g != g || now.b != b)
        HPDF_Page_SetRGBStroke(c->page, r, g, b);
}

void pd_rect(pd_ctx *c, float x, float y, float w, float h, unsigned rgb)
{
    pd_fill_rgb(c, rgb);
    HPDF_Page_Rectangle(c->page, x, y, w, h);
    HPDF_Page_Fill(c->page);
}

void pd_round_rect(pd_ctx *c, float x, float y, float w, float h, float r, unsigned rgb)
{
    HPDF_Page p = c->page;
    float k = KAPPA * r;
    if (r * 2.0f > h)
        r = h / 2.0f, k = KAPPA * r;
    pd_fill_rgb(c, rgb);
    HPDF_Page_MoveTo(p, x + r, y);
    HPDF_Page_LineTo(p, x + w - r, y);
    HPDF_Page_CurveTo(p, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
    HPDF_Page_LineTo(p, x + w, y + h - r);
    HPDF_Page_CurveTo(p, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
    HPDF_Page_LineTo(p, x + r, y + h);
    HPDF_Page_CurveTo(p, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
    HPDF_Page_LineTo(p, x, y + r);
    HPDF_Page_CurveTo(p, x, y + r - k, x + r - k, y, x + r, y);
    HPDF_Page_Fill(p);
}

void pd_line_at(pd_ctx *c, float x0, float y0, float x1, float y1, float width, unsigned rgb)
{
    pd_stroke_rgb(c, rgb);
    HPDF_Page_SetLineWidth(c->page, width);
    HPDF_Page_MoveTo(c->page, x0, y0);
    HPDF_Page_LineTo(c->page, x1, y1);
    HPDF_Page_Stroke(c->page);
}

void pd_text(pd_ctx *c, const pd_style *st, float x, float baseline, const char *s, size_t len)
{
    if (!len)
        return;
    pd_glyphs_check(c, s, len);
    peel_buf_clear(&c->buf);
    peel_buf_add(&c->buf, s, len);
    HPDF_Page_BeginText(c->page);
    if (HPDF_Page_GetCurrentFont(c->page) != st->font->h ||
        HPDF_Page_GetCurrentFontSize(c->page) != st->size)
        HPDF_Page_SetFontAndSize(c->page, st->font->h, st->size);
    pd_fill_rgb(c, st->rgb);
    HPDF_Page_TextOut(c->page, x, baseline, peel_buf_str(&c->buf));
    HPDF_Page_EndText(c->page);
}

void pd_stext(pd_ctx *c, const pd_style *st, float x, float baseline, const char *s)
{
    pd_text(c, st, x, baseline, s, strlen(s));
}

void pd_stext_right(pd_ctx *c, const pd_style *st, float right, float baseline, const char *s)
{
    pd_stext(c, st, right - pd_swidth(st->font, st->size, s), baseline, s);
}

void pd_stext_center(pd_ctx *c, const pd_style *st, float cx, float baseline, const char *s)
{
    pd_stext(c, st, cx - pd_swidth(st->font, st->size, s) / 2.0f, baseline, s);
}

/* The middle of a line box sits a little above the middle of the
 * lower-case letters, which is where the eye expects it. */
float pd_baseline(const pd_style *st, float top)
{
    return top - st->lead / 2.0f - st->size * 0.36f;
}

float pd_badge_height(float size)
{
    return size * 1.9f;
}

float pd_badge_width(pd_ctx *c, float size, const char *text)
{
    return pd_swidth(c->bold, size, text) + size * 1.7f;
}

float pd_badge(pd_ctx *c, float x, float top, float size, const char *text, unsigned bg,
               unsigned fg)
{
    float w = pd_badge_width(c, size, text), h = pd_badge_height(size);
    pd_round_rect(c, x, top - h, w, h, h * 0.3f, bg);
    pd_style st = {c->bold, size, h, fg};
    pd_stext(c, &st, x + size * 0.85f, top - h / 2.0f - size * 0.36f, text);
    return w;
}

float pd_grade_badge(pd_ctx *c, float x, float top, float size, peel_grade grade)
{
    return pd_badge(c, x, top, size, peel_grade_name(grade), peel_grade_rgb(grade),
                    peel_grade_text_rgb(grade));
}
