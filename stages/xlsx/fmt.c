/* Cell formats.  Fixed styles are made once per workbook; number formats
 * are made on demand from a family's pattern and cached by their text, so
 * the same look is one lxw_format however many cells use it.
 *
 * Colours follow the finance modelling habit: figures typed in from a
 * source in blue, formulas in black, links to another sheet in green. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "xl.h"

static lxw_format *base(xl_book *b)
{
    return xl_kit_format(&b->kit);
}

void xl_styles_init(xl_book *b)
{
    xl_style *s = &b->st;
    s->title = base(b);
    format_set_bold(s->title);
    format_set_font_size(s->title, 15);
    format_set_font_color(s->title, XL_SECTION_INK);
    s->subtitle = base(b);
    format_set_italic(s->subtitle);
    format_set_font_color(s->subtitle, XL_INK_GREY);
    s->section = base(b);
    format_set_bold(s->section);
    format_set_font_size(s->section, 12);
    format_set_font_color(s->section, XL_SECTION_INK);
    s->head = base(b);
    format_set_bold(s->head);
    format_set_bg_color(s->head, XL_HEAD_BG);
    format_set_bottom(s->head, LXW_BORDER_THIN);
    format_set_text_wrap(s->head);
    s->head_num = base(b);
    format_set_bold(s->head_num);
    format_set_bg_color(s->head_num, XL_HEAD_BG);
    format_set_bottom(s->head_num, LXW_BORDER_THIN);
    format_set_text_wrap(s->head_num);
    format_set_align(s->head_num, LXW_ALIGN_RIGHT);
    s->head_indent = base(b);
    format_set_bold(s->head_indent);
    format_set_bg_color(s->head_indent, XL_HEAD_BG);
    format_set_bottom(s->head_indent, LXW_BORDER_THIN);
    format_set_indent(s->head_indent, 1);
    s->head_center = base(b);
    format_set_bold(s->head_center);
    format_set_bg_color(s->head_center, XL_HEAD_BG);
    format_set_bottom(s->head_center, LXW_BORDER_THIN);
    format_set_align(s->head_center, LXW_ALIGN_CENTER);
    s->center = base(b);
    format_set_align(s->center, LXW_ALIGN_CENTER);
    s->text = base(b);
    s->wrap = base(b);
    format_set_text_wrap(s->wrap);
    s->bold = base(b);
    format_set_bold(s->bold);
    s->total_text = base(b);
    format_set_bold(s->total_text);
    format_set_top(s->total_text, LXW_BORDER_THIN);
    s->muted = base(b);
    format_set_font_color(s->muted, XL_INK_GREY);
    s->note = base(b);
    format_set_italic(s->note);
    format_set_font_color(s->note, XL_INK_GREY);
    format_set_text_wrap(s->note);
    format_set_indent(s->note, 1);
    s->indent = base(b);
    format_set_indent(s->indent, 1);
    s->na = base(b);
    format_set_italic(s->na);
    format_set_font_color(s->na, XL_INK_GREY);
    format_set_align(s->na, LXW_ALIGN_RIGHT);
    s->lines = base(b);
    format_set_font_color(s->lines, XL_INK_GREY);
    format_set_align(s->lines, LXW_ALIGN_RIGHT);
    s->right = base(b);
    format_set_align(s->right, LXW_ALIGN_RIGHT);
    s->msg = base(b);
    format_set_italic(s->msg);
    format_set_font_color(s->msg, XL_INK_GREY);
    s->period = base(b); /* a period under a header: small, wrapped, as the header */
    format_set_italic(s->period);
    format_set_font_color(s->period, XL_INK_GREY);
    format_set_font_size(s->period, 9);
    format_set_text_wrap(s->period);
    format_set_align(s->period, LXW_ALIGN_RIGHT);
    s->link = base(b);
    format_set_font_color(s->link, LXW_COLOR_BLUE);
    format_set_underline(s->link, LXW_UNDERLINE_SINGLE);
    format_set_indent(s->link, 1);
}

/* The pattern with {.d} replaced by nothing or by "." and dec zeros. */
void xl_pattern(const char *pattern, int dec, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = pattern; *p && n + 12 < cap;) {
        if (strncmp(p, "{.d}", 4) == 0) {
            if (dec > 0) {
                out[n++] = '.';
                for (int i = 0; i < dec && i < 8; i++)
                    out[n++] = '0';
            }
            p += 4;
        } else {
            out[n++] = *p++;
        }
    }
    out[n] = '\0';
}

static lxw_format *cached(xl_book *b, const char *key)
{
    return xl_kit_cached(&b->kit, key);
}

static lxw_format *remember(xl_book *b, const char *key, lxw_format *f)
{
    return xl_kit_remember(&b->kit, key, f);
}

lxw_format *xl_numfmt(xl_book *b, const xl_family *fam, int dec, unsigned flags)
{
    for (size_t i = 0; fam && i < b->lay->nfam; i++)
        if (&b->lay->fam[i] == fam)
            b->fam_used[i] = 1; /* the About sheet lists the units shown */
    return xl_kit_numfmt(&b->kit, fam ? fam->pattern : "#,##0{.d}", dec, flags);
}

lxw_format *xl_gradefmt(xl_book *b, peel_grade grade)
{
    char key[128];
    snprintf(key, sizeof key, "g|%s", peel_grade_name(grade));
    lxw_format *f = cached(b, key);
    if (f)
        return f;
    f = base(b);
    format_set_bold(f);
    xl_grade_paint(f, grade, 0xFFFFFF);
    return remember(b, key, f);
}

void xl_family_widths(xl_family *fam)
{
    fam->millions = strstr(fam->pattern, ",,") != NULL;
    fam->percent = strchr(fam->pattern, '%') && !strstr(fam->pattern, "\"%");
    size_t label = strlen(fam->label);
    fam->unit_chars = strstr(fam->pattern, "pts") ? 5 : label > 3 ? 1 : (double)label;
}

double xl_numwidth(const xl_family *fam, double v, int dec)
{
    double shown = fabs(v);
    if (fam && fam->millions)
        shown /= 1e6;
    if (fam && fam->percent)
        shown *= 100;
    int digits = shown >= 1 ? (int)floor(log10(shown)) + 1 : 1;
    /* a thousands separator per three digits */
    int seps = (digits - 1) / 3;
    double w = digits + seps + (dec > 0 ? dec + 1 : 0) + (v < 0 ? 1 : 0);
    if (fam)
        w += fam->unit_chars;
    return w + 1;
}
