/* The Summary sheet: the pillar's grade and its components' grades with
 * the findings counted per area, the grade key, the checks counted by
 * status, the rejects, the key figures (defined names) and the contents.
 * Counts are formulas over the Findings, Reconciliation and Rejects
 * sheets, with the counts computed here cached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

enum { S_AREA, S_GRADE, S_LAST, S_NOW, S_COC, S_REC, S_AFI, S_LINE, S_NCOL };

static const char *jget(const xl_book *b, size_t r, const char *col)
{
    const peel_csv_doc *j = &b->rep->judgments;
    return peel_csv_text(peel_csv_get(j, r, peel_csv_col(j, col)));
}

/* Findings of `kind` in `area` (NULL: the whole pillar), as the Findings
 * sheet shows them. */
static long count_findings(xl_book *b, const char *component, const char *kind)
{
    const peel_csv_doc *f = &b->rep->findings;
    int fp = peel_csv_col(f, "pillar"), fc = peel_csv_col(f, "component"),
        fk = peel_csv_col(f, "kind");
    long n = 0;
    for (size_t i = 0; i < f->nrow; i++)
        n += strcmp(peel_csv_get(f, i, fp), b->pillar) == 0 &&
             strcmp(peel_csv_get(f, i, fk), kind) == 0 &&
             (!component || strcmp(peel_csv_get(f, i, fc), component) == 0);
    return n;
}

static void count_cells(xl_book *b, lxw_row_t r, const char *component, int whole)
{
    xl_sheet *s = b->summary;
    const char *areas = xl_range(b, s, b->findings, b->find_first, 0, b->find_last, 0);
    const char *kinds = xl_range(b, s, b->findings, b->find_first, 1, b->find_last, 1);
    lxw_format *fmt = xl_numfmt(b, NULL, 0, whole ? XL_BOLD : 0);
    for (int k = 0; k < 3; k++) {
        const char *label = xl_kind_label(XL_KINDS[k]);
        const char *f = whole
                            ? peel_arena_printf(&b->arena, "COUNTIF(%s,\"%s\")", kinds, label)
                            : peel_arena_printf(&b->arena, "SUMPRODUCT((%s=%s)*(%s=\"%s\"))", areas,
                                                xl_ref(b, s, s, r, S_AREA, 1), kinds, label);
        double v = (double)count_findings(b, whole ? NULL : component, XL_KINDS[k]);
        xl_formula(s, r, (lxw_col_t)(S_COC + k), f, v, fmt, 4);
    }
}

static void grade_row(xl_book *b, size_t j, lxw_row_t r, int whole)
{
    xl_sheet *s = b->summary;
    const char *grade = jget(b, j, "grade");
    int inspected = strcmp(jget(b, j, "inspected"), "no") != 0;
    xl_text(s, r, S_AREA, jget(b, j, "label"), whole ? b->st.bold : b->st.wrap);
    xl_text(s, r, S_GRADE, grade, xl_gradefmt(b, grade));
    const char *sl = jget(b, j, "summary_line"), *hl = jget(b, j, "section_line");
    xl_note(s, r, S_GRADE,
            peel_arena_printf(&b->arena, "Grade %s.\nSummary table: %s.\nSection heading: %s.",
                              grade,
                              sl[0] ? peel_arena_printf(&b->arena, "report line %s", sl)
                                    : "not in the summary table",
                              hl[0] ? peel_arena_printf(&b->arena, "report line %s", hl)
                                    : "no graded section heading"));
    xl_text(s, r, S_LAST, jget(b, j, "last_inspected"), b->st.text);
    xl_text(s, r, S_NOW,
            inspected
                ? "Yes"
                : peel_arena_printf(&b->arena, "No: graded in %s", jget(b, j, "last_inspected")),
            inspected ? b->st.text : b->st.bold);
    count_cells(b, r, jget(b, j, "component"), whole);
    xl_num(s, r, S_LINE, strtod(jget(b, j, "source_line"), NULL), b->st.muted, 6);
}

static lxw_row_t grades(xl_book *b, lxw_row_t r)
{
    static const char *const head[S_NCOL] = {"Area",
                                             "Grade",
                                             "Last inspected",
                                             "Inspected this year",
                                             "Causes of concern",
                                             "Recommendations",
                                             "Areas for improvement",
                                             "Report line"};
    xl_sheet *s = b->summary;
    const peel_csv_doc *j = &b->rep->judgments;
    for (int c = 0; c < S_NCOL; c++)
        xl_text(s, r, c, head[c], c >= S_COC ? b->st.head_num : b->st.head);
    r++;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < j->nrow; i++)
            if (strcmp(jget(b, i, "pillar"), b->pillar) == 0 &&
                (jget(b, i, "component")[0] == '\0') == !pass)
                grade_row(b, i, r++, !pass);
    return r;
}

static lxw_row_t grade_key(xl_book *b, lxw_row_t r)
{
    static const char *const g[] = {"Outstanding", "Good", "Requires improvement", "Inadequate",
                                    "Ungraded"};
    xl_text(b->summary, r, S_AREA, "Grade key", b->st.bold);
    for (lxw_col_t c = 0; c < 5; c++) {
        lxw_format *f = xl_gradefmt(b, g[c]);
        xl_check(b, worksheet_write_string(b->summary->ws, r, (lxw_col_t)(S_GRADE + c), g[c], f),
                 "Summary");
    }
    r++;
    xl_text(b->summary, r++, S_AREA,
            "Figures: blue as printed in the report, black computed by formula, green linked "
            "from another sheet. Hover over a figure for its report line.",
            b->st.note);
    return r + 1;
}

static long count_status(xl_book *b, const char *status)
{
    const peel_csv_doc *d = &b->rep->reconciliation;
    int cp = peel_csv_col(d, "pillar"), cs = peel_csv_col(d, "status");
    long n = 0;
    for (size_t i = 0; i < d->nrow; i++) {
        const char *p = peel_csv_get(d, i, cp);
        n += (!p[0] || strcmp(p, b->pillar) == 0) && strcmp(peel_csv_get(d, i, cs), status) == 0;
    }
    return n;
}

static lxw_row_t checks(xl_book *b, lxw_row_t r)
{
    static const unsigned rgb[4] = {0xC8E6C9, 0xFFE082, 0xEF9A9A, 0xE0E0E0};
    xl_sheet *s = b->summary;
    xl_text(s, r++, S_AREA, "Reconciliation checks", b->st.section);
    xl_text(s, r, S_AREA, "Status", b->st.head);
    xl_text(s, r++, S_GRADE, "Checks", b->st.head_num);
    if (!b->nrecon)
        xl_text(s, r++, S_AREA,
                b->rep->reconciliation.ncol ? "No checks apply to this pillar."
                                            : "No checks run for this report.",
                b->st.msg);
    const char *range = xl_range(b, s, b->recon, b->recon_first, XL_RECON_STATUS_COL, b->recon_last,
                                 XL_RECON_STATUS_COL);
    lxw_row_t first = r;
    for (int k = 0; k < 4; k++, r++) {
        lxw_format *f = workbook_add_format(b->wb);
        format_set_bg_color(f, rgb[k]);
        format_set_bold(f);
        format_set_font_size(f, 10);
        xl_text(s, r, S_AREA, XL_STATUSES[k], f);
        xl_formula(s, r, S_GRADE,
                   peel_arena_printf(&b->arena, "COUNTIF(%s,\"%s\")", range, XL_STATUSES[k]),
                   (double)count_status(b, XL_STATUSES[k]), xl_numfmt(b, NULL, 0, 0), 4);
    }
    xl_text(s, r, S_AREA, "All checks", b->st.total_text);
    xl_formula(
        s, r, S_GRADE,
        peel_arena_printf(&b->arena, "SUM(%s)", xl_range(b, s, s, first, S_GRADE, r - 1, S_GRADE)),
        (double)b->nrecon, xl_numfmt(b, NULL, 0, XL_BOLD | XL_TOTAL), 4);
    xl_link(s, r, S_LAST, b->recon, 3, 0, "See the Reconciliation sheet");
    return r + 2;
}

static lxw_row_t rejects(xl_book *b, lxw_row_t r)
{
    xl_sheet *s = b->summary;
    xl_text(s, r++, S_AREA, "Validation rejects", b->st.section);
    xl_text(s, r, S_AREA, "Records set aside by validation", b->st.text);
    xl_formula(s, r, S_GRADE,
               peel_arena_printf(&b->arena, "COUNTA(%s)",
                                 xl_range(b, s, b->rejects, b->rej_first, XL_REJECT_REASON_COL,
                                          b->rej_last, XL_REJECT_REASON_COL)),
               (double)b->nrej, xl_numfmt(b, NULL, 0, XL_BOLD), 4);
    xl_link(s, r++, S_LAST, b->rejects, 3, 0, "See the Rejects sheet");
    if (!b->rep->rejects.ncol)
        xl_text(s, r++, S_AREA, "Validation has not run for this report.", b->st.msg);
    return r + 1;
}

static lxw_row_t key_figures(xl_book *b, lxw_row_t r)
{
    xl_sheet *s = b->summary;
    xl_text(s, r++, S_AREA, "Key figures (defined names, usable in formulas)", b->st.section);
    xl_text(s, r, S_AREA, "Name", b->st.head);
    xl_text(s, r, S_GRADE, "Value", b->st.head_num);
    xl_text(s, r++, S_LAST, "Where", b->st.head);
    if (!b->names.n)
        xl_text(s, r++, S_AREA, "None of the key figures is in this report.", b->st.msg);
    for (size_t i = 0; i < b->names.n; i++, r++) {
        const xl_sym *k = b->names.item[i];
        xl_text(s, r, S_AREA, k->define, b->st.text);
        xl_formula(s, r, S_GRADE, k->define, k->v, xl_numfmt(b, k->fam, k->dec, 0),
                   xl_numwidth(k->fam, k->v, k->dec));
        char cell[16];
        lxw_rowcol_to_cell(cell, k->row, k->col);
        xl_link(s, r, S_LAST, k->sheet, k->row, k->col,
                peel_arena_printf(&b->arena, "%s %s", k->sheet->name, cell));
    }
    return r + 1;
}

static lxw_row_t contents(xl_book *b, lxw_row_t r)
{
    xl_sheet *s = b->summary;
    xl_text(s, r++, S_AREA, "Sheets", b->st.section);
    for (size_t i = 0; i < b->nsheet; i++)
        if (b->sheet[i] != s)
            xl_link(s, r++, S_AREA, b->sheet[i], 0, 0, b->sheet[i]->name);
    return r;
}

void xl_summary_write(xl_book *b)
{
    xl_sheet *s = b->summary;
    const char *published = peel_report_meta(b->rep, "published");
    xl_sheet_title(
        s,
        peel_arena_printf(&b->arena, "%s: %s %s", b->force,
                          peel_pillar_label(peel_pillar_parse(b->pillar, NULL)), b->year),
        peel_arena_printf(&b->arena,
                          "PEEL inspection %s%s%s. Made by peelpack from %s (%s lines, CRC-32 %s).",
                          b->year, published[0] ? ", published " : "", published,
                          peel_report_meta(b->rep, "file"), peel_report_meta(b->rep, "lines"),
                          peel_report_meta(b->rep, "crc32")));
    lxw_row_t r = grades(b, 3) + 1;
    r = grade_key(b, r);
    r = checks(b, r);
    r = rejects(b, r);
    r = contents(b, r) + 1;
    key_figures(b, r);
    xl_cap(s, S_AREA, 46);
    xl_cap(s, S_GRADE, 22);
    for (int c = S_LAST; c < S_NCOL; c++)
        xl_cap(s, c, 14);
    xl_width(s, S_LAST, 12);
    xl_width(s, S_NOW, 21); /* the grade key's "Requires improvement" */
    for (int c = S_COC; c <= S_AFI; c++)
        xl_width(s, c, 14);
    s->head_row = 2;
    s->one_page = 1;
}
