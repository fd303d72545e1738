/* The About sheet: what the workbook holds (its sheets), how to read it
 * (the colour key, the units its figures are in), what to be careful with
 * (figures that mix periods or fail reconciliation, rejected records), and
 * the report it was made from (file, size, lines, CRC-32).  Written last,
 * when every other sheet is known. */
#include <stdio.h>
#include <string.h>

#include "xl.h"

enum { A_WHAT, A_DETAIL, A_WHERE, A_NCOL };

static lxw_row_t section(xl_sheet *s, lxw_row_t r, const char *title)
{
    xl_text(s, r, A_WHAT, title, s->book->st.section);
    return r + 1;
}

static lxw_row_t pair(xl_sheet *s, lxw_row_t r, const char *what, const char *detail)
{
    xl_text(s, r, A_WHAT, what, s->book->st.bold);
    xl_text(s, r, A_DETAIL, detail, s->book->st.wrap);
    return r + 1;
}

static lxw_row_t source(xl_book *b, xl_sheet *s, lxw_row_t r)
{
    static const char *const keys[][2] = {
        {"file", "Report file"}, {"size", "Size in bytes"},  {"lines", "Lines"},
        {"crc32", "CRC-32"},     {"title", "Report title"},  {"force", "Force"},
        {"year", "Year"},        {"published", "Published"}, {"isbn", "ISBN"}};
    r = section(s, r, "The report it was made from");
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = peel_records_meta(b->rec, keys[i][0]);
        if (v[0])
            r = pair(s, r, keys[i][1], v);
    }
    r = pair(s, r, "Made by",
             "peelpack " PEEL_VERSION ", from the report's records: the same "
             "report gives the same workbook, byte for byte.");
    return r + 1;
}

/* What each sheet holds; a pillar sheet says so in its layout label. */
static const char *sheet_what(const xl_book *b, const xl_sheet *sh)
{
    static const char *const ours[][2] = {
        {"Summary", "The pillar's grade and its components', findings and checks counted, the "
                    "key figures (defined names usable in formulas)."},
        {"About", "This sheet."},
        {"Data", "Every table of the report that belongs to the pillar, figures as numbers, "
                 "with differences, ratios, changes and totals as formulas."},
        {"Charts", "Native charts of the tables and of the pillar sheets' figures, with the "
                   "figures they are drawn from."},
        {"Findings", "Causes of concern, recommendations and areas for improvement, as the "
                     "report states them (a table: Findings_List)."},
        {"Reconciliation", "The checks of this pillar and of the whole report: what was "
                           "compared, the difference and the verdict (Checks_List)."},
        {"Rejects", "Records validation set aside, with the reason (Rejects_List)."},
        {"Sources", "Every figure typed in from the report: where it is, how it was printed, "
                    "its line and sentence (Sources_List)."}};
    for (size_t i = 0; i < sizeof ours / sizeof *ours; i++)
        if (strcmp(sh->name, ours[i][0]) == 0)
            return ours[i][1];
    for (size_t i = 0; i < b->lay->nsheet; i++)
        if (b->lay->sheet[i].pillar == b->pillar && strcmp(b->lay->sheet[i].name, sh->name) == 0)
            return b->lay->sheet[i].label;
    return "";
}

static lxw_row_t sheets(xl_book *b, xl_sheet *s, lxw_row_t r)
{
    r = section(s, r, "What the workbook holds");
    for (size_t i = 0; i < b->nsheet; i++) {
        xl_link(s, r, A_WHAT, b->sheet[i], 0, 0, b->sheet[i]->name);
        xl_text(s, r++, A_DETAIL, sheet_what(b, b->sheet[i]), b->st.wrap);
    }
    return r + 1;
}

static lxw_row_t colour_key(xl_book *b, xl_sheet *s, lxw_row_t r)
{
    const xl_family *plain = xl_family_find(b->lay, "*");
    static const struct {
        unsigned flags;
        const char *what;
    } inks[] = {
        {XL_BLUE, "Blue: a figure as printed in the report (its note gives the line)."},
        {0, "Black: computed by a formula over other cells, its result stored with it."},
        {XL_GREEN, "Green: a link to a figure held on another sheet."},
        {XL_FAIL, "Red fill: a figure that fails a reconciliation check, or a cell built on "
                  "one (its note names the check)."},
    };
    r = section(s, r, "Colour key");
    for (size_t i = 0; i < sizeof inks / sizeof *inks; i++) {
        xl_num(s, r, A_WHAT, 1234, xl_numfmt(b, plain, 0, inks[i].flags), 6);
        xl_note(s, r, A_WHAT, "A sample of the look, not a figure of the report.");
        xl_text(s, r++, A_DETAIL, inks[i].what, b->st.wrap);
    }
    xl_num(s, r, A_WHAT, 96, b->st.muted, 6);
    xl_text(s, r++, A_DETAIL, "Grey: a report line number.", b->st.wrap);
    for (int g = PEEL_OUTSTANDING; g < PEEL_NGRADE; g++) {
        xl_text(s, r, A_WHAT, peel_grade_name((peel_grade)g), xl_gradefmt(b, (peel_grade)g));
        if (g == PEEL_OUTSTANDING)
            xl_text(s, r, A_DETAIL, "The grades, in the colours the packs and summary.xlsx use.",
                    b->st.wrap);
        r++;
    }
    return r + 1;
}

/* A value that reads naturally in a family's format: a share for a
 * percentage, a small ratio or difference of points, else an amount. */
static double sample(const xl_family *fam)
{
    char num[256];
    xl_pattern(fam->pattern, 0, num, sizeof num);
    if (strstr(num, "pts"))
        return 2.4;
    if (strstr(num, "×"))
        return 1.55;
    if (strchr(num, '%'))
        return 0.184;
    if (strstr(num, ",,")) /* shown in millions */
        return 154e6;
    return 1234.5;
}

/* The units of this workbook's figures (used[i]: family i is shown), as
 * the layout names them. */
static lxw_row_t units(xl_book *b, xl_sheet *s, lxw_row_t r, const unsigned char *used)
{
    r = section(s, r, "Units");
    xl_text(s, r, A_WHAT, "Shown as", b->st.head);
    xl_text(s, r, A_DETAIL, "What it is", b->st.head);
    xl_text(s, r++, A_WHERE, "Unit", b->st.head);
    for (size_t i = 0; i < b->lay->nfam; i++) {
        const xl_family *fam = &b->lay->fam[i];
        if (!used[i])
            continue;
        double v = sample(fam);
        xl_num(s, r, A_WHAT, v, xl_numfmt(b, fam, 1, 0), xl_numwidth(fam, v, 1));
        xl_text(s, r, A_DETAIL, fam->note[0] ? fam->note : fam->label, b->st.wrap);
        xl_text(s, r++, A_WHERE, fam->label[0] ? fam->label : "count", b->st.text);
    }
    return r + 1;
}

static lxw_row_t caveat_cells(xl_book *b, xl_sheet *s, lxw_row_t r, int failing)
{
    for (size_t i = 0; i < b->syms.n; i++) {
        const xl_sym *k = b->syms.item[i];
        const char *why = failing ? (k->fail && k->held ? xl_fail_note(b, k) : NULL) : k->mixed;
        if (!why || !k->sheet || !k->ok)
            continue;
        char cell[XL_CELL_NAME], label[XL_CELL_NAME + 32]; /* a sheet's name is at most 31 */
        xl_cell_name(cell, k->row, k->col, 0);
        xl_text(s, r, A_WHAT, k->label && k->label[0] ? k->label : k->name, b->st.indent);
        xl_text(s, r, A_DETAIL, why, b->st.wrap);
        xl_link(s, r++, A_WHERE, k->sheet, k->row, k->col,
                xl_join(label, sizeof label, k->sheet->name, ' ', cell));
    }
    return r;
}

static lxw_row_t caveats(xl_book *b, xl_sheet *s, lxw_row_t r)
{
    r = section(s, r, "Read with care");
    r = pair(s, r, "Percentages",
             "Held as fractions with a % format (18.4% is 0.184), so that Excel's arithmetic "
             "works; a difference of two percentages is in points.");
    r = pair(s, r, "Periods",
             "Each figure shows the period the report states for it, in its own words; "
             "\"not stated\" where the report gives none. A derived figure shows the periods of "
             "the figures it is built on.");
    r = pair(s, r, "Implied FTE",
             "A share applied to FTE gives full-time equivalent posts, not a count of people.");
    r = pair(s, r, "Formulas",
             "Every derived figure is a formula with its result stored, so a viewer that does not "
             "recalculate shows the same value.");
    r = pair(s, r, "Mixed periods",
             "These figures are ratios of figures stated for different periods:");
    lxw_row_t before = r;
    r = caveat_cells(b, s, r, 0);
    if (r == before)
        xl_text(s, r++, A_DETAIL, "None in this workbook.", b->st.msg);
    r = pair(s, r, "Failing checks",
             "These figures fail a reconciliation check; the cells built on them are filled red "
             "too:");
    before = r;
    r = caveat_cells(b, s, r, 1);
    if (r == before)
        xl_text(s, r++, A_DETAIL, "None in this workbook.", b->st.msg);
    r = pair(s, r, "Rejected records",
             b->nrej ? peel_arena_printf(&b->arena,
                                         "%zu record%s of the report failed validation and are "
                                         "left out of every figure (see the Rejects sheet).",
                                         b->nrej, b->nrej == 1 ? "" : "s")
                     : "None: every record passed validation.");
    return r + 1;
}

void xl_about_write(xl_book *b)
{
    xl_sheet *s = b->about;
    xl_sheet_title(s, peel_arena_printf(&b->arena, "%s: about this workbook", b->force),
                   peel_arena_printf(&b->arena,
                                     "The %s workbook of the PEEL %s inspection report: what it "
                                     "holds, how to read it, and where it comes from.",
                                     peel_pillar_label(b->pillar), b->year));
    /* The units the other sheets show, before this one's samples add theirs. */
    unsigned char *used = peel_arena_alloc(&b->arena, b->lay->nfam + 1);
    memcpy(used, b->fam_used, b->lay->nfam);
    lxw_row_t r = sheets(b, s, 3);
    r = colour_key(b, s, r);
    r = units(b, s, r, used);
    r = caveats(b, s, r);
    source(b, s, r);
    xl_cap(s, A_WHAT, 34);
    xl_cap(s, A_DETAIL, 100);
    xl_cap(s, A_WHERE, 24);
    s->head_row = 2;
}
