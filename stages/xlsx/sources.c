/* The Sources sheet: every figure typed in from the report, where it is
 * shown, and the report line and sentence it comes from.  The value column
 * links to the figure's cell, so the two cannot drift apart. */
#include <string.h>

#include "xl.h"

enum {
    O_SHEET,
    O_CELL,
    O_WHAT,
    O_VALUE,
    O_RAW,
    O_UNIT,
    O_PERIOD,
    O_LINE,
    O_ALSO,
    O_FAIL,
    O_SENTENCE,
    O_NCOL
};

static void source_row(xl_book *b, const xl_source *src, lxw_row_t r)
{
    xl_sheet *s = b->sources;
    const xl_sym *k = src->cell;
    xl_text(s, r, O_SHEET, k->sheet->name, b->st.text);
    xl_link(s, r, O_CELL, k->sheet, k->row, k->col,
            xl_ref(b, k->sheet, k->sheet, k->row, k->col, 0));
    xl_text_kept(s, r, O_WHAT, src->what, b->st.wrap);
    xl_formula(s, r, O_VALUE, xl_ref(b, s, k->sheet, k->row, k->col, 0), k->v,
               xl_numfmt(b, k->fam, k->dec, XL_GREEN | (k->fail ? XL_FAIL : 0)),
               xl_numwidth(k->fam, k->v, k->dec));
    xl_text(s, r, O_RAW, src->raw, b->st.indent);
    xl_text(s, r, O_UNIT, src->unit, b->st.text);
    xl_text_kept(s, r, O_PERIOD, k->period[0] ? k->period : XL_NO_PERIOD,
                 k->period[0] ? b->st.wrap : b->st.msg);
    xl_num(s, r, O_LINE, (double)k->line, b->st.text, 6);
    xl_text(s, r, O_ALSO, k->also, b->st.text);
    xl_text_kept(s, r, O_FAIL, k->fail ? k->fail->rule_id : "", b->st.wrap);
    xl_text_kept(s, r, O_SENTENCE, src->sentence, b->st.wrap);
}

void xl_sources_write(xl_book *b)
{
    static const char *const head[O_NCOL] = {"Sheet",
                                             "Cell",
                                             "Figure",
                                             "Value",
                                             "As printed",
                                             "Unit",
                                             "Period",
                                             "Report line",
                                             "Also stated at",
                                             "Fails check",
                                             "Sentence or table cell"};
    xl_sheet *s = b->sources;
    xl_sheet_title(
        s, peel_arena_printf(&b->arena, "%s: where every figure comes from", b->force),
        "Each figure typed in from the report: the cell it is in (click to go there), "
        "its value, how the report printed it, and the line and sentence it comes from.");
    xl_list_head(s, head, "hhhnihhnhhh");
    lxw_row_t r = 4;
    const xl_source *src = (const xl_source *)(const void *)b->sources_list.data;
    size_t n = b->sources_list.len / sizeof *src;
    for (size_t i = 0; i < n; i++) {
        peel_arena_mark scratch = peel_arena_here(&b->tmp);
        source_row(b, &src[i], r++);
        peel_arena_rewind(&b->tmp, scratch); /* its references */
    }
    xl_list_end(s, "Sources_List", r, n, O_SHEET,
                "No figures from the report are shown in this workbook.", O_NCOL);
    xl_cap(s, O_WHAT, 45);
    xl_cap(s, O_PERIOD, 22);
    xl_cap(s, O_FAIL, 24);
    xl_cap(s, O_SENTENCE, 80);
}
