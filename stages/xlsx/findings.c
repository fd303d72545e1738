/* The Findings sheet: causes of concern, recommendations and areas for
 * improvement, grouped by area in the report's order, text wrapped. */
#include <stdlib.h>
#include <string.h>

#include "xl.h"

enum { F_AREA, F_KIND, F_NO, F_TEXT, F_LINES };

const char *const XL_KINDS[3] = {"cause_of_concern", "recommendation", "area_for_improvement"};

const char *xl_kind_label(const char *kind)
{
    if (strcmp(kind, "cause_of_concern") == 0)
        return "Cause of concern";
    if (strcmp(kind, "recommendation") == 0)
        return "Recommendation";
    if (strcmp(kind, "area_for_improvement") == 0)
        return "Area for improvement";
    return kind;
}

/* The label of a component as the judgments give it; the pillar's own
 * label for findings at pillar level. */
static const char *area_label(xl_book *b, const char *component)
{
    const peel_csv_doc *j = &b->rep->judgments;
    int cp = peel_csv_col(j, "pillar"), cc = peel_csv_col(j, "component"),
        cl = peel_csv_col(j, "label");
    for (size_t i = 0; i < j->nrow; i++)
        if (strcmp(peel_csv_get(j, i, cp), b->pillar) == 0 &&
            strcmp(peel_csv_get(j, i, cc), component) == 0)
            return peel_csv_text(peel_csv_get(j, i, cl));
    return component[0] ? component : peel_pillar_label(peel_pillar_parse(b->pillar, NULL));
}

/* Components in the order of the judgments, then any others findings name. */
static size_t area_order(xl_book *b, const char **out, size_t cap)
{
    const peel_csv_doc *j = &b->rep->judgments, *f = &b->rep->findings;
    size_t n = 0;
    out[n++] = "";
    int jp = peel_csv_col(j, "pillar"), jc = peel_csv_col(j, "component");
    for (size_t i = 0; i < j->nrow && n < cap; i++)
        if (strcmp(peel_csv_get(j, i, jp), b->pillar) == 0 && peel_csv_get(j, i, jc)[0])
            out[n++] = peel_csv_get(j, i, jc);
    int fp = peel_csv_col(f, "pillar"), fc = peel_csv_col(f, "component");
    for (size_t i = 0; i < f->nrow && n < cap; i++) {
        const char *c = peel_csv_get(f, i, fp)[0] ? peel_csv_get(f, i, fc) : NULL;
        size_t k = 0;
        while (c && k < n && strcmp(out[k], c) != 0)
            k++;
        if (c && k == n && strcmp(peel_csv_get(f, i, fp), b->pillar) == 0)
            out[n++] = c;
    }
    return n;
}

static void finding_row(xl_book *b, size_t i, lxw_row_t r)
{
    const peel_csv_doc *f = &b->rep->findings;
    xl_sheet *s = b->findings;
    const char *comp = peel_csv_get(f, i, peel_csv_col(f, "component"));
    const char *kind = peel_csv_get(f, i, peel_csv_col(f, "kind"));
    long first = strtol(peel_csv_get(f, i, peel_csv_col(f, "source_line")), NULL, 10);
    long last = strtol(peel_csv_get(f, i, peel_csv_col(f, "last_line")), NULL, 10);
    const char *no = peel_csv_get(f, i, peel_csv_col(f, "number"));
    xl_text(s, r, F_AREA, area_label(b, comp), b->st.wrap);
    xl_text(s, r, F_KIND, xl_kind_label(kind), b->st.wrap);
    if (no[0])
        xl_num(s, r, F_NO, strtod(no, NULL), b->st.center, 4);
    xl_text(s, r, F_TEXT, peel_csv_text(peel_csv_get(f, i, peel_csv_col(f, "text"))), b->st.wrap);
    if (last > first)
        xl_text(s, r, F_LINES, peel_arena_printf(&b->arena, "%ld–%ld", first, last), b->st.lines);
    else
        xl_num(s, r, F_LINES, (double)first, b->st.muted, 6);
}

void xl_findings_write(xl_book *b)
{
    static const char *const head[] = {"Area", "Kind", "No.", "Finding", "Report lines"};
    xl_sheet *s = b->findings;
    const peel_csv_doc *f = &b->rep->findings;
    xl_sheet_title(s,
                   peel_arena_printf(&b->arena, "%s: findings for %s", b->force,
                                     peel_pillar_label(peel_pillar_parse(b->pillar, NULL))),
                   "Causes of concern, recommendations and areas for improvement, as the report "
                   "states them, by area.");
    lxw_row_t r = 3;
    for (lxw_col_t c = 0; c < 5; c++)
        xl_text(s, r, c, head[c], c == F_NO ? b->st.head_center : b->st.head);
    b->find_first = ++r;
    const char *areas[64];
    size_t na = area_order(b, areas, 64);
    int fp = peel_csv_col(f, "pillar"), fc = peel_csv_col(f, "component"),
        fk = peel_csv_col(f, "kind");
    for (size_t a = 0; a < na; a++)
        for (int k = 0; k < 3; k++)
            for (size_t i = 0; i < f->nrow; i++)
                if (strcmp(peel_csv_get(f, i, fp), b->pillar) == 0 &&
                    strcmp(peel_csv_get(f, i, fc), areas[a]) == 0 &&
                    strcmp(peel_csv_get(f, i, fk), XL_KINDS[k]) == 0) {
                    finding_row(b, i, r++);
                    b->nfind++;
                }
    if (!b->nfind)
        xl_text(s, r++, F_AREA, "The report lists no findings for this pillar.", b->st.msg);
    b->find_last = r - 1;
    xl_check(b, worksheet_autofilter(s->ws, 3, 0, b->find_last, F_LINES), "Findings");
    xl_cap(s, F_AREA, 30);
    xl_cap(s, F_KIND, 20);
    xl_cap(s, F_NO, 5);
    xl_cap(s, F_TEXT, 95);
    s->head_row = 4;
    s->repeat_last = 3;
}
