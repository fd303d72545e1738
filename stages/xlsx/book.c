/* What every sheet gets once filled (column widths, frozen headers, print
 * setup) and what the workbook gets (defined names, document properties). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "peel_text.h"
#include "xl.h"

#define PAPER_A4 9

/* Header and footer text from the report: '&' starts a code there. */
static const char *hf_escape(xl_book *b, const char *s, size_t max)
{
    peel_buf out;
    peel_buf_init(&out);
    for (size_t i = 0; s[i] && out.len < max; i++) {
        if (s[i] == '&')
            peel_buf_putc(&out, '&');
        peel_buf_putc(&out, s[i]);
    }
    while (out.len && ((unsigned char)out.data[out.len - 1] & 0xC0) == 0x80)
        out.data[--out.len] = '\0'; /* never end inside a UTF-8 sequence */
    while (out.len && (unsigned char)out.data[out.len - 1] >= 0xC0)
        out.data[--out.len] = '\0';
    char *r = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return r;
}

#define DEFAULT_WIDTH 8.43 /* Excel's column width when none is set */

static void widths(xl_sheet *s)
{
    double final[XL_MAXCOL];
    for (lxw_col_t c = 0; c < XL_MAXCOL; c++) {
        double w = s->width[c];
        final[c] = DEFAULT_WIDTH;
        if (w <= 0)
            continue;
        if (w > s->cap[c])
            w = s->cap[c];
        if (w < 6)
            w = 6;
        final[c] = w + 1;
        xl_check(s->book, worksheet_set_column(s->ws, c, c, final[c], NULL), s->name);
    }
    xl_page_layout(s, final);
}

static void print_setup(xl_book *b, xl_sheet *s)
{
    lxw_worksheet *ws = s->ws;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, PAPER_A4);
    worksheet_fit_to_pages(ws, 1, s->one_page);
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    const char *force = hf_escape(b, b->force, 80);
    xl_check(b,
             worksheet_set_header(ws, peel_arena_printf(&b->arena, "&L&8%s&C&8%s %s: &A&R&8PEEL %s",
                                                        force, peel_pillar_label(b->pillar),
                                                        "workbook", hf_escape(b, b->year, 20))),
             s->name);
    xl_check(b,
             worksheet_set_footer(
                 ws, peel_arena_printf(&b->arena,
                                       "&L&8Source: %s&C&8Page &P of &N"
                                       "&R&8peelpack " PEEL_VERSION,
                                       hf_escape(b, peel_records_meta(b->rec, "file"), 80))),
             s->name);
    if (s->repeat_last)
        xl_check(b, worksheet_repeat_rows(ws, s->repeat_last, s->repeat_last), s->name);
    if (s->head_row || s->head_col)
        worksheet_freeze_panes(ws, s->head_row, s->head_col);
}

static void define_names(xl_book *b)
{
    for (size_t i = 0; i < b->names.n; i++) {
        const xl_sym *s = b->names.item[i];
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(((const xl_sym *)b->names.item[j])->define, s->define) == 0;
        /* Only names the layout loader checked reach libxlsxwriter. */
        if (dup || !xl_name_ok(s->define))
            continue;
        const char *f =
            peel_arena_printf(&b->arena, "=%s", xl_ref(b, NULL, s->sheet, s->row, s->col, 1));
        xl_check(b, workbook_define_name(b->wb, s->define, f), "defined names");
    }
}

/* The pillar's grade; Ungraded when the report has no row for it. */
static peel_grade pillar_grade(xl_book *b)
{
    for (size_t i = 0; i < b->rec->njudgment; i++) {
        const peel_judgment *j = &b->rec->judgments[i];
        if (j->pillar == b->pillar && !j->component[0])
            return j->grade;
    }
    return PEEL_UNGRADED;
}

/* A custom property's value holds at most 255 characters (libxlsxwriter
 * refuses more, and with it the whole workbook): a longer one (a force name
 * of 300 characters) is cut to 254 and "…"; the records keep it whole. */
static const char *prop_text(xl_book *b, const char *s)
{
    enum { PROP_MAX = 255 };
    size_t chars = 0, cut = 0;
    for (size_t i = 0; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80)
            continue; /* inside a character */
        if (++chars == PROP_MAX)
            cut = i; /* where the 255th starts: the "…" goes there */
    }
    if (chars <= PROP_MAX)
        return s;
    return peel_arena_printf(&b->arena, "%.*s\xe2\x80\xa6", (int)cut, s);
}

static void properties(xl_book *b, const char *date)
{
    const char *pillar = peel_pillar_label(b->pillar), *grade = peel_grade_name(pillar_grade(b));
    const char *file = peel_records_meta(b->rec, "file"), *crc = peel_records_meta(b->rec, "crc32");
    lxw_doc_properties p = {
        .title = (char *)peel_arena_printf(&b->arena, "%s: %s %s", b->force, pillar, b->year),
        .subject = (char *)peel_arena_printf(&b->arena,
                                             "%s figures, findings and checks from the PEEL %s "
                                             "inspection report",
                                             pillar, b->year),
        .author = "peelpack " PEEL_VERSION,
        .company = (char *)b->force,
        .category = "PEEL inspection",
        .keywords = (char *)peel_arena_printf(&b->arena, "PEEL, %s, %s, %s, %s", b->year, b->force,
                                              pillar, grade),
        .comments = (char *)peel_arena_printf(&b->arena,
                                              "Made from %s (CRC-32 %s). Figures in blue are as "
                                              "printed; formulas carry their computed values.",
                                              file, crc),
        .status = (char *)grade,
        .created = (time_t)peel_created_time(date)};
    xl_check(b, workbook_set_properties(b->wb, &p), "properties");
    xl_check(b, workbook_set_custom_property_string(b->wb, "Force", prop_text(b, b->force)),
             "properties");
    xl_check(b, workbook_set_custom_property_string(b->wb, "Year", b->year), "properties");
    xl_check(b, workbook_set_custom_property_string(b->wb, "Pillar", pillar), "properties");
    xl_check(b, workbook_set_custom_property_string(b->wb, "Grade", grade), "properties");
    xl_check(b, workbook_set_custom_property_string(b->wb, "Source file", prop_text(b, file)),
             "properties");
    xl_check(b, workbook_set_custom_property_string(b->wb, "Source CRC-32", crc), "properties");
}

void xl_book_finish(xl_book *b, const char *created_date)
{
    for (size_t i = 0; i < b->nsheet; i++) {
        widths(b->sheet[i]);
        print_setup(b, b->sheet[i]);
    }
    worksheet_set_tab_color(b->summary->ws, peel_grade_rgb(pillar_grade(b)));
    worksheet_activate(b->summary->ws);
    define_names(b);
    properties(b, created_date);
}
