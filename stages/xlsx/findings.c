/* The Findings sheet: causes of concern, recommendations and areas for
 * improvement, grouped by area in the report's order, text wrapped. */
#include <stdlib.h>
#include <string.h>

#include "xl.h"

enum { F_AREA, F_KIND, F_NO, F_TEXT, F_LINES };

/* The label of a component as the judgments give it; the pillar's own
 * label for findings at pillar level. */
static const char *area_label(xl_book *b, const char *component)
{
    for (size_t i = 0; i < b->rec->njudgment; i++) {
        const peel_judgment *j = &b->rec->judgments[i];
        if (j->pillar == b->pillar && strcmp(j->component, component) == 0)
            return j->label;
    }
    return component[0] ? component : peel_pillar_label(b->pillar);
}

/* Components in the order of the judgments, then any others findings name. */
static size_t area_order(xl_book *b, const char **out, size_t cap)
{
    const peel_records *rec = b->rec;
    size_t n = 0;
    out[n++] = "";
    for (size_t i = 0; i < rec->njudgment && n < cap; i++)
        if (rec->judgments[i].pillar == b->pillar && rec->judgments[i].component[0])
            out[n++] = rec->judgments[i].component;
    for (size_t i = 0; i < rec->nfinding && n < cap; i++) {
        const peel_finding *f = &rec->findings[i];
        const char *c = f->pillar != PEEL_NOPILLAR ? f->component : NULL;
        size_t k = 0;
        while (c && k < n && strcmp(out[k], c) != 0)
            k++;
        if (c && k == n && f->pillar == b->pillar)
            out[n++] = c;
    }
    return n;
}

static void finding_row(xl_book *b, const peel_finding *f, lxw_row_t r)
{
    xl_sheet *s = b->findings;
    long first = f->line, last = f->last_line;
    xl_text(s, r, F_AREA, area_label(b, f->component), b->st.wrap);
    xl_text(s, r, F_KIND, peel_kind_label(f->kind), b->st.wrap);
    if (f->number > 0)
        xl_num(s, r, F_NO, (double)f->number, b->st.center, 4);
    xl_text(s, r, F_TEXT, f->text, b->st.wrap);
    if (last > first)
        xl_text(s, r, F_LINES, peel_arena_printf(&b->arena, "%ld–%ld", first, last), b->st.lines);
    else
        xl_num(s, r, F_LINES, (double)first, b->st.muted, 6);
}

void xl_findings_write(xl_book *b)
{
    static const char *const head[] = {"Area", "Kind", "No.", "Finding", "Report lines"};
    xl_sheet *s = b->findings;
    const peel_records *rec = b->rec;
    xl_sheet_title(
        s,
        peel_arena_printf(&b->arena, "%s: findings for %s", b->force, peel_pillar_label(b->pillar)),
        "Causes of concern, recommendations and areas for improvement, as the report "
        "states them, by area.");
    xl_list_head(s, head, "hhchh");
    lxw_row_t r = 4;
    b->find_first = r;
    const char *areas[64];
    size_t na = area_order(b, areas, 64);
    for (size_t a = 0; a < na; a++)
        for (int k = 0; k < PEEL_NKIND; k++)
            for (size_t i = 0; i < rec->nfinding; i++) {
                const peel_finding *f = &rec->findings[i];
                if (f->pillar == b->pillar && strcmp(f->component, areas[a]) == 0 &&
                    f->kind == (peel_kind)k) {
                    finding_row(b, f, r++);
                    b->nfind++;
                }
            }
    b->find_last = xl_list_end(s, "Findings_List", r, b->nfind, F_AREA,
                               "The report lists no findings for this pillar.", F_LINES + 1);
    xl_cap(s, F_AREA, 30);
    xl_cap(s, F_KIND, 20);
    xl_cap(s, F_NO, 5);
    xl_cap(s, F_TEXT, 95);
}
