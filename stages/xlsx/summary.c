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

/* A report line as the records print it: "" when unknown. */
static const char *line_text(xl_book *b, long line)
{
    return line > 0 ? peel_arena_printf(&b->arena, "%ld", line) : "";
}

/* Findings of `kind` in `area` (NULL: the whole pillar), as the Findings
 * sheet shows them. */
static long count_findings(xl_book *b, const char *component, peel_kind kind)
{
    long n = 0;
    for (size_t i = 0; i < b->rec->nfinding; i++) {
        const peel_finding *f = &b->rec->findings[i];
        n += f->pillar == b->pillar && f->kind == kind &&
             (!component || strcmp(f->component, component) == 0);
    }
    return n;
}

static void count_cells(xl_book *b, lxw_row_t r, const char *component, int whole)
{
    xl_sheet *s = b->summary;
    const char *areas = xl_range(b, s, b->findings, b->find_first, 0, b->find_last, 0);
    const char *kinds = xl_range(b, s, b->findings, b->find_first, 1, b->find_last, 1);
    lxw_format *fmt = xl_numfmt(b, NULL, 0, whole ? XL_BOLD : 0);
    for (int k = 0; k < PEEL_NKIND; k++) {
        const char *label = peel_kind_label((peel_kind)k);
        const char *f = whole
                            ? peel_arena_printf(&b->arena, "COUNTIF(%s,\"%s\")", kinds, label)
                            : peel_arena_printf(&b->arena, "SUMPRODUCT((%s=%s)*(%s=\"%s\"))", areas,
                                                xl_ref(b, s, s, r, S_AREA, 1), kinds, label);
        double v = (double)count_findings(b, whole ? NULL : component, (peel_kind)k);
        xl_formula(s, r, (lxw_col_t)(S_COC + k), f, v, fmt, 4);
    }
}

static void grade_row(xl_book *b, const peel_judgment *j, lxw_row_t r, int whole)
{
    xl_sheet *s = b->summary;
    const char *grade = peel_grade_name(j->grade);
    int inspected = j->inspected != PEEL_NO;
    xl_text(s, r, S_AREA, j->label, whole ? b->st.bold : b->st.wrap);
    xl_text(s, r, S_GRADE, grade, xl_gradefmt(b, j->grade));
    const char *sl = line_text(b, j->summary_line), *hl = line_text(b, j->section_line);
    xl_note(s, r, S_GRADE,
            peel_arena_printf(&b->arena, "Grade %s.\nSummary table: %s.\nSection heading: %s.",
                              grade,
                              sl[0] ? peel_arena_printf(&b->arena, "report line %s", sl)
                                    : "not in the summary table",
                              hl[0] ? peel_arena_printf(&b->arena, "report line %s", hl)
                                    : "no graded section heading"));
    xl_text(s, r, S_LAST, j->last_inspected, b->st.text);
    xl_text(s, r, S_NOW,
            inspected ? "Yes" : peel_arena_printf(&b->arena, "No: graded in %s", j->last_inspected),
            inspected ? b->st.text : b->st.bold);
    count_cells(b, r, j->component, whole);
    xl_num(s, r, S_LINE, (double)j->line, b->st.muted, 6);
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
    for (int c = 0; c < S_NCOL; c++)
        xl_text(s, r, c, head[c], c >= S_COC ? b->st.head_num : b->st.head);
    r++;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < b->rec->njudgment; i++) {
            const peel_judgment *j = &b->rec->judgments[i];
            if (j->pillar == b->pillar && (j->component[0] == '\0') == !pass)
                grade_row(b, j, r++, !pass);
        }
    return r;
}

static lxw_row_t grade_key(xl_book *b, lxw_row_t r)
{
    xl_text(b->summary, r, S_AREA, "Grade key", b->st.bold);
    for (int c = 0; c < PEEL_NGRADE - 1; c++) {
        peel_grade g = (peel_grade)(PEEL_OUTSTANDING + c);
        lxw_format *f = xl_gradefmt(b, g);
        xl_check(b,
                 worksheet_write_string(b->summary->ws, r, (lxw_col_t)(S_GRADE + c),
                                        peel_grade_name(g), f),
                 "Summary");
    }
    r++;
    xl_text(b->summary, r++, S_AREA,
            "Figures: blue as printed in the report, black computed by formula, green linked "
            "from another sheet. Hover over a figure for its report line.",
            b->st.note);
    return r + 1;
}

static long count_status(xl_book *b, peel_verdict status)
{
    long n = 0;
    for (size_t i = 0; i < b->rec->ncheck; i++) {
        const peel_check *c = &b->rec->checks[i];
        n += (c->pillar == PEEL_NOPILLAR || c->pillar == b->pillar) && c->status == status;
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
                b->rec->reconciled ? "No checks apply to this pillar."
                                   : "No checks run for this report.",
                b->st.msg);
    const char *range = xl_range(b, s, b->recon, b->recon_first, XL_RECON_STATUS_COL, b->recon_last,
                                 XL_RECON_STATUS_COL);
    lxw_row_t first = r;
    for (int k = 0; k < PEEL_NVERDICT; k++, r++) {
        lxw_format *f = workbook_add_format(b->wb);
        format_set_bg_color(f, rgb[k]);
        format_set_bold(f);
        format_set_font_size(f, 10);
        const char *name = peel_verdict_name((peel_verdict)k);
        xl_text(s, r, S_AREA, name, f);
        xl_formula(s, r, S_GRADE, peel_arena_printf(&b->arena, "COUNTIF(%s,\"%s\")", range, name),
                   (double)count_status(b, (peel_verdict)k), xl_numfmt(b, NULL, 0, 0), 4);
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
    if (!b->rec->validated)
        xl_text(s, r++, S_AREA, "Validation has not run for this report.", b->st.msg);
    return r + 1;
}

static lxw_row_t key_figures(xl_book *b, lxw_row_t r)
{
    xl_sheet *s = b->summary;
    xl_text(s, r++, S_AREA, "Key figures (defined names, usable in formulas)", b->st.section);
    xl_text(s, r, S_AREA, "Name", b->st.head);
    xl_text(s, r, S_GRADE, "Value", b->st.head_num);
    xl_text(s, r, S_LAST, "Where", b->st.head);
    xl_text(s, r++, S_NOW, "Period", b->st.head);
    if (!b->names.n)
        xl_text(s, r++, S_AREA, "None of the key figures is in this report.", b->st.msg);
    for (size_t i = 0; i < b->names.n; i++, r++) {
        const xl_sym *k = b->names.item[i];
        xl_text(s, r, S_AREA, k->define, b->st.text);
        xl_formula(s, r, S_GRADE, k->define, k->v,
                   xl_numfmt(b, k->fam, k->dec, k->fail ? XL_FAIL : 0),
                   xl_numwidth(k->fam, k->v, k->dec));
        if (k->fail)
            xl_note(s, r, S_GRADE, xl_fail_note(b, k));
        char cell[XL_CELL_NAME], label[XL_CELL_NAME + 32]; /* a sheet's name is at most 31 */
        xl_cell_name(cell, k->row, k->col, 0);
        xl_link(s, r, S_LAST, k->sheet, k->row, k->col,
                xl_join(label, sizeof label, k->sheet->name, ' ', cell));
        xl_text(s, r, S_NOW, k->period && k->period[0] ? k->period : XL_NO_PERIOD,
                k->period && k->period[0] ? b->st.wrap : b->st.msg);
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
    const char *published = peel_records_meta(b->rec, "published");
    xl_sheet_title(
        s,
        peel_arena_printf(&b->arena, "%s: %s %s", b->force, peel_pillar_label(b->pillar), b->year),
        peel_arena_printf(&b->arena,
                          "PEEL inspection %s%s%s. Made by peelpack from %s (%s lines, CRC-32 %s).",
                          b->year, published[0] ? ", published " : "", published,
                          peel_records_meta(b->rec, "file"), peel_records_meta(b->rec, "lines"),
                          peel_records_meta(b->rec, "crc32")));
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
