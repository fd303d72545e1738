/* The Reconciliation sheet (this pillar's checks and the report-wide ones,
 * status colour-coded, filterable) and the Rejects sheet (every record
 * validation set aside: a report with rejects still gets its workbooks,
 * and the rejects are listed in them). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

enum {
    C_RULE,
    C_KIND,
    C_PILLAR,
    C_DESC,
    C_EXP,
    C_ACT,
    C_DIFF,
    C_TOL,
    C_UNIT,
    C_STATUS,
    C_LINES,
    C_NOTE,
    C_NCOL
};

static const unsigned STATUS_RGB[4] = {0xC8E6C9, 0xFFE082, 0xEF9A9A, 0xE0E0E0};

typedef struct checkval {
    int ok;
    double v;
    int dec;
} checkval;

static checkval put_value(xl_book *b, lxw_row_t r, lxw_col_t c, const peel_cval *cv,
                          const xl_family *fam)
{
    checkval out = {0};
    if (!cv->num) {
        xl_text(b->recon, r, c, cv->text, b->st.right);
        return out;
    }
    out.ok = 1;
    out.dec = cv->dec;
    out.v = xl_kept(cv->v / fam->divisor);
    int dec = strstr(fam->name, "@m") ? 1 : out.dec; /* £m to a tenth */
    xl_num(b->recon, r, c, out.v, xl_numfmt(b, fam, dec, 0), xl_numwidth(fam, out.v, dec));
    return out;
}

/* A tolerance is a plus-or-minus: the family's first section after "±".
 * Made in a buffer and found by its text: a check row each, so a pattern kept
 * by address would add a slot for every row to the kit's memo. */
static lxw_format *tolerance_format(xl_book *b, const xl_family *fam, int dec)
{
    char num[256], tol[270];
    xl_pattern(fam->pattern, dec, num, sizeof num);
    num[strcspn(num, ";")] = '\0';
    const char *body = num[0] == '+' ? num + 1 : num;
    snprintf(tol, sizeof tol, "\"±\"%s", body);
    return xl_kit_numfmt_text(&b->kit, tol, 0, 0);
}

static void check_row(xl_book *b, const peel_check *k, lxw_row_t r)
{
    xl_sheet *s = b->recon;
    const char *unit = k->unit;
    int pct = strcmp(unit, "%") == 0;
    double scale = k->expected.num && fabs(k->expected.v) >= 1e6 ? 1e6 : 1;
    const xl_family *fam = xl_family_of_unit(b->lay, unit, scale);
    const xl_family *pts = xl_family_find(b->lay, "pts");
    xl_text_kept(s, r, C_RULE, k->rule_id, b->st.wrap);
    xl_text(s, r, C_KIND, k->kind, b->st.text);
    xl_text(s, r, C_PILLAR,
            k->pillar != PEEL_NOPILLAR ? peel_pillar_label(k->pillar) : "Whole report", b->st.text);
    xl_text_kept(s, r, C_DESC, k->description, b->st.wrap);
    checkval e = put_value(b, r, C_EXP, &k->expected, fam);
    checkval a = put_value(b, r, C_ACT, &k->actual, fam);
    int ddec = e.dec > a.dec ? e.dec : a.dec;
    if (e.ok && a.ok) {
        const char *ea = xl_ref(b, s, s, r, C_EXP, 0), *aa = xl_ref(b, s, s, r, C_ACT, 0);
        double diff = pct ? xl_sub(a.v, e.v) * 100 : xl_sub(a.v, e.v);
        const char *f = pct ? peel_arena_printf(&b->arena, "(%s-%s)*100", aa, ea)
                            : peel_arena_printf(&b->arena, "%s-%s", aa, ea);
        const xl_family *df = pct ? pts : fam;
        int fdec = strstr(df->name, "@m") ? 1 : ddec;
        xl_formula(s, r, C_DIFF, f, diff, xl_numfmt(b, df, fdec, 0), xl_numwidth(df, diff, fdec));
    }
    const peel_cval *t = &k->tolerance;
    if (t->num) {
        const xl_family *tf = pct ? pts : fam;
        int tdec = strstr(tf->name, "@m") ? 1 : t->dec;
        xl_num(s, r, C_TOL, t->v, tolerance_format(b, tf, tdec), xl_numwidth(tf, t->v, tdec) + 3);
    }
    xl_text(s, r, C_UNIT, unit, b->st.indent);
    xl_text(s, r, C_STATUS, peel_verdict_name(k->status), b->st.bold);
    xl_text(s, r, C_LINES, k->source_lines, b->st.lines);
    xl_text_kept(s, r, C_NOTE, k->note, b->st.note);
}

static void status_colours(xl_book *b, lxw_row_t first, lxw_row_t last)
{
    for (int k = 0; k < 4; k++) {
        lxw_format *f = workbook_add_format(b->wb);
        format_set_bg_color(f, STATUS_RGB[k]);
        format_set_bold(f);
        char value[16];
        snprintf(value, sizeof value, "\"%s\"", peel_verdict_name((peel_verdict)k));
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value_string = value,
                                     .format = f};
        xl_check(
            b,
            worksheet_conditional_format_range(b->recon->ws, first, C_STATUS, last, C_STATUS, &cf),
            "Reconciliation");
    }
}

void xl_checks_write(xl_book *b)
{
    static const char *const head[C_NCOL] = {"Rule",     "Kind",   "Pillar",       "Check",
                                             "Expected", "Actual", "Difference",   "Tolerance",
                                             "Unit",     "Status", "Report lines", "Note"};
    xl_sheet *s = b->recon;
    const peel_records *rec = b->rec;
    xl_sheet_title(s,
                   peel_arena_printf(&b->arena, "%s: reconciliation checks for %s", b->force,
                                     peel_pillar_label(b->pillar)),
                   "Each check compares figures the report states. PASS agrees within the "
                   "rounding of the printed figures; WARN is close or expected to differ; FAIL "
                   "does not reconcile; SKIP lacks an input. Checks on the whole report are "
                   "included.");
    xl_list_head(s, head, "hhhhnnnnihhh");
    lxw_row_t r = 4;
    b->recon_first = r;
    for (size_t i = 0; i < rec->ncheck; i++) {
        const peel_check *k = &rec->checks[i];
        if (k->pillar != PEEL_NOPILLAR && k->pillar != b->pillar)
            continue;
        check_row(b, k, r++);
        b->nrecon++;
    }
    b->recon_last = xl_list_end(
        s, "Checks_List", r, b->nrecon, C_RULE,
        rec->reconciled ? "No checks apply to this pillar."
                        : "No checks run: reconciliation.csv is not there for this report.",
        C_NCOL);
    status_colours(b, b->recon_first, b->recon_last);
    xl_cap(s, C_RULE, 30);
    xl_cap(s, C_DESC, 50);
    xl_cap(s, C_LINES, 16);
    xl_cap(s, C_NOTE, 36);
}

enum { R_FILE, R_LINE, R_FIELD, R_VALUE, R_REASON, R_SOURCE, R_NCOL };
_Static_assert(R_REASON == XL_REJECT_REASON_COL, "the Summary counts rejects over this column");

void xl_rejects_write(xl_book *b)
{
    static const char *const head[R_NCOL] = {"Record file", "Record line", "Field",
                                             "Value",       "Reason",      "Report line"};
    xl_sheet *s = b->rejects;
    const peel_records *rec = b->rec;
    xl_sheet_title(s, peel_arena_printf(&b->arena, "%s: validation rejects", b->force),
                   "Records that failed validation. The workbook leaves them out of every "
                   "figure and lists them here, so nothing is dropped silently.");
    xl_list_head(s, head, "hnihhn");
    lxw_row_t r = 4;
    b->rej_first = r;
    for (size_t i = 0; i < rec->nreject; i++, r++) {
        const peel_reject *j = &rec->rejects[i];
        const char *text[R_NCOL] = {j->file, "", j->field, j->value, j->reason, ""};
        const long line[R_NCOL] = {[R_LINE] = j->line, [R_SOURCE] = j->source_line};
        for (int c = 0; c < R_NCOL; c++) {
            if (line[c] > 0)
                xl_num(s, r, c, (double)line[c], b->st.muted, 6);
            else
                xl_text(s, r, c, text[c],
                        c == R_REASON || c == R_VALUE ? b->st.wrap
                        : c == R_FIELD                ? b->st.indent
                                                      : b->st.text);
        }
        b->nrej++;
    }
    b->rej_last =
        xl_list_end(s, "Rejects_List", r, b->nrej, R_FILE,
                    rec->validated ? "No records were rejected."
                                   : "Validation has not run for this report (no rejects.csv).",
                    R_NCOL);
    xl_cap(s, R_VALUE, 40);
    xl_cap(s, R_REASON, 60);
}
