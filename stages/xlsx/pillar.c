/* The pillar sheets pipeline/workbook.csv describes: sections that are
 * lists (one figure a row: label, value, period, line, note) or grids
 * (rows of a report table, or rows the layout names, by columns).
 *
 * All cells of all the pillar's sheets are planned (named and placed)
 * before any is evaluated, so a formula may point at a cell further down
 * or on another of these sheets. */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

enum { LIST_LABEL, LIST_VALUE, LIST_PERIOD };

typedef struct plan_row { /* decorations written once the cells are known */
    xl_sheet *sheet;
    lxw_row_t row;
    lxw_col_t line_col; /* where the report lines go */
    xl_sym **cell;      /* the row's cells */
    size_t ncell;
    const char *note; /* list rows: the layout's note */
    int list;
} plan_row;

typedef struct period_row { /* a grid's periods, written once its cells are known */
    xl_sheet *sheet;
    lxw_row_t row;
    xl_sym ***cells; /* per column, its cells */
    size_t *n;
    size_t ncol;
} period_row;

typedef struct planner {
    xl_book *b;
    xl_sheet *sheet;
    lxw_row_t r;
    lxw_col_t line_col, note_col; /* one "Report line" column down the sheet */
    peel_vec rows;                /* plan_row* */
    peel_vec periods;             /* period_row* */
} planner;

static plan_row *new_row(planner *p, size_t ncell, int list)
{
    plan_row *pr = peel_arena_alloc(&p->b->arena, sizeof *pr);
    pr->sheet = p->sheet;
    pr->row = p->r;
    pr->cell = peel_arena_alloc(&p->b->arena, sizeof(xl_sym *) * (ncell + 1));
    pr->list = list;
    peel_vec_push(&p->rows, pr);
    return pr;
}

/* "<a>.<b>", a cell's name or scope, in the book's arena (joined by hand:
 * one for every cell of a grid). */
static const char *dotted(xl_book *b, const char *a, const char *c)
{
    return peel_arena_concat(&b->arena, (const char *[]){a, ".", c}, 3);
}

static xl_sym *cell(planner *p, const char *name, const xl_lcol *lc, const char *expr,
                    lxw_col_t col)
{
    xl_sym *s = xl_sym_new(p->b, name);
    s->sheet = p->sheet;
    s->row = p->r;
    s->col = col;
    s->expr = expr;
    s->format = lc->format;
    s->define = lc->define;
    s->lay_line = lc->line;
    return s;
}

static void section_head(planner *p, const xl_lsection *sec)
{
    xl_book *b = p->b;
    xl_text(p->sheet, p->r++, 0, sec->label, b->st.section);
    if (sec->note && sec->note[0])
        xl_text(p->sheet, p->r++, 0, sec->note, b->st.note);
}

/* ---- lists ------------------------------------------------------------- */

static size_t fact_count(xl_book *b, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < b->rec->nfact; i++)
        n += strcmp(b->rec->facts[i].key, key) == 0;
    return n;
}

/* The label of one fact of an `each` line: the layout's label with {label}
 * replaced by the fact's own label, its leading printed figure dropped. */
static const char *each_label(xl_book *b, const xl_lcol *lc, size_t nth)
{
    xl_figure fig;
    const char *src = peel_arena_printf(&b->arena, "%s#%zu", lc->source, nth);
    if (!xl_figure_find(b, src, NULL, NULL, &fig))
        return lc->label;
    const char *own = fig.table_row >= 0 ? peel_arena_strdup(&b->arena, fig.what) : fig.what;
    size_t n = strlen(fig.raw);
    if (n && strncmp(own, fig.raw, n) == 0)
        own += n;
    while (*own == ' ')
        own++;
    if (!lc->label[0])
        return own;
    return xl_subst(b, lc->label, peel_arena_printf(&b->arena, "label=%s", own), NULL);
}

/* The report's own label of the table column a figure source points at
 * ("England and Wales rate"), or NULL when it is no table figure of this
 * report. */
static const char *source_column(xl_book *b, const char *src, const peel_table *t)
{
    xl_figure fig;
    if (src[0] == '@' && t) {
        int ci = peel_table_col(t, src);
        return ci >= 0 ? t->col[ci].label : NULL;
    }
    if (strncmp(src, "table:", 6) != 0 || !xl_figure_find(b, src, NULL, NULL, &fig))
        return NULL;
    return b->rec->cells[fig.table_row].column_label;
}

/* A label with {column} (the column of the line's own figure) and
 * {column:NAME} (of line NAME of the same section) replaced by the report's
 * column labels, so that a comparator is named as the report names it
 * ("Most Similar Forces rate"); "comparator" when the table is not there. */
static const char *column_label(xl_book *b, const xl_lsection *sec, const xl_lcol *own,
                                const peel_table *t, const char *label)
{
    if (!strstr(label, "{column"))
        return label;
    peel_buf out;
    peel_buf_init(&out);
    for (const char *p = label; *p;) {
        const char *close = strncmp(p, "{column", 7) == 0 ? strchr(p, '}') : NULL;
        if (!close || (p[7] != '}' && p[7] != ':')) {
            peel_buf_putc(&out, *p++);
            continue;
        }
        const xl_lcol *lc = p[7] == '}' ? own : NULL;
        for (size_t i = 0; !lc && i < sec->ncol; i++)
            if (strlen(sec->col[i].name) == (size_t)(close - p - 8) &&
                strncmp(sec->col[i].name, p + 8, (size_t)(close - p - 8)) == 0)
                lc = &sec->col[i];
        const char *col = lc ? source_column(b, lc->source, t) : NULL;
        peel_buf_puts(&out, col ? col : "comparator");
        p = close + 1;
    }
    const char *r = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return r;
}

static void list_row(planner *p, const xl_lsection *sec, const xl_lcol *lc, xl_sym *s,
                     const char *label)
{
    xl_text(p->sheet, p->r, LIST_LABEL, label, p->b->st.wrap);
    s->label = label;
    s->scope[0] = sec->name;
    plan_row *pr = new_row(p, 1, 1);
    pr->cell[pr->ncell++] = s;
    pr->line_col = p->line_col;
    pr->note = lc->note;
    p->r++;
}

static void plan_each(planner *p, const xl_lsection *sec, const xl_lcol *lc)
{
    xl_book *b = p->b;
    size_t n = fact_count(b, lc->source + 5);
    xl_sym *g = xl_sym_new(b, peel_arena_printf(&b->arena, "%s.%s", sec->name, lc->name));
    g->member = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * (n + 1));
    g->label = lc->label;
    g->lay_line = lc->line;
    for (size_t i = 1; i <= n; i++) {
        const char *expr = peel_arena_printf(&b->arena, "%s#%zu", lc->source, i);
        xl_sym *s =
            cell(p, peel_arena_printf(&b->arena, "%s#%zu", g->name, i), lc, expr, LIST_VALUE);
        g->member[g->nmember++] = s;
        list_row(p, sec, lc, s, each_label(b, lc, i));
    }
    if (!n) { /* say so rather than leave a silent gap */
        xl_sym *s =
            cell(p, peel_arena_printf(&b->arena, "%s#1", g->name), lc, lc->source, LIST_VALUE);
        list_row(p, sec, lc, s, xl_subst(b, lc->label, "label=listed part", NULL));
    }
}

static void plan_list(planner *p, const xl_lsection *sec)
{
    const xl_style *st = &p->b->st;
    for (lxw_col_t c = 0; c <= p->note_col; c++)
        xl_text(p->sheet, p->r, c, "", st->head);
    xl_text(p->sheet, p->r, LIST_LABEL, "Figure", st->head);
    xl_text(p->sheet, p->r, LIST_VALUE, "Value", st->head_num);
    xl_text(p->sheet, p->r, LIST_PERIOD, "Period", st->head_indent);
    xl_text(p->sheet, p->r, p->line_col, "Report line", st->head_num);
    xl_text(p->sheet, p->r, p->note_col, "Note", st->head_indent);
    p->r++;
    for (size_t i = 0; i < sec->ncol; i++) {
        const xl_lcol *lc = &sec->col[i];
        if (lc->each) {
            plan_each(p, sec, lc);
            continue;
        }
        xl_sym *s = cell(p, dotted(p->b, sec->name, lc->name), lc, lc->source, LIST_VALUE);
        list_row(p, sec, lc, s, column_label(p->b, sec, lc, NULL, lc->label));
    }
}

/* ---- grids ------------------------------------------------------------- */

static const peel_table *grid_table(xl_book *b, const char *glob)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < b->tix->ntable; i++)
            if (fnmatch(glob, b->tix->table[i].key, 0) == 0 &&
                peel_table_on(&b->tix->table[i], &b->lay->tcat, b->pillar) == !pass)
                return &b->tix->table[i];
    return NULL;
}

static const char *col_head(xl_book *b, const xl_lsection *sec, const xl_lcol *lc,
                            const peel_table *t)
{
    if (lc->label[0] || !t || lc->source[0] != '@')
        return column_label(b, sec, lc, t, lc->label);
    int ci = peel_table_col(t, lc->source);
    return ci >= 0 ? t->col[ci].label : lc->source + 1;
}

static void grid_head(planner *p, const xl_lsection *sec, const peel_table *t)
{
    xl_book *b = p->b;
    xl_text(p->sheet, p->r, 0, "", b->st.head);
    for (size_t i = 0; i < sec->ncol; i++)
        xl_text(p->sheet, p->r, (lxw_col_t)(1 + i), col_head(b, sec, &sec->col[i], t),
                b->st.head_num);
    for (lxw_col_t c = (lxw_col_t)(1 + sec->ncol); c < p->line_col; c++)
        xl_text(p->sheet, p->r, c, "", b->st.head);
    xl_text(p->sheet, p->r, p->line_col, "Report line", b->st.head_num);
    p->r++;
}

static void grid_row(planner *p, const xl_lsection *sec, const peel_table *t, const char *key,
                     const char *label, const char *vars, xl_sym **groups)
{
    xl_book *b = p->b;
    xl_text_kept(p->sheet, p->r, 0, label, b->st.wrap);
    plan_row *pr = new_row(p, sec->ncol, 0);
    pr->line_col = p->line_col;
    const char *scope = dotted(b, sec->name, key);
    for (size_t i = 0; i < sec->ncol; i++) {
        const xl_lcol *lc = &sec->col[i];
        xl_sym *s = cell(p, dotted(b, scope, lc->name), lc, xl_subst(b, lc->source, vars, key),
                         (lxw_col_t)(1 + i));
        s->define = NULL; /* a column's defined name is for its total */
        s->scope[0] = scope;
        s->scope[1] = sec->name;
        s->table = t;
        s->trow = key;
        s->label = label;
        pr->cell[pr->ncell++] = s;
        groups[i]->member[groups[i]->nmember++] = s;
    }
    p->r++;
}

static void grid_total(planner *p, const xl_lsection *sec, xl_sym **groups)
{
    xl_book *b = p->b;
    lxw_format *rule = xl_numfmt(b, NULL, 0, XL_TOTAL);
    xl_text(p->sheet, p->r, 0, sec->total_label, b->st.total_text);
    for (lxw_col_t c = 1; c <= p->line_col; c++)
        xl_text(p->sheet, p->r, c, "", rule);
    const char *scope = peel_arena_printf(&b->arena, "%s.total", sec->name);
    for (size_t i = 0; i < sec->ncol; i++) {
        const xl_lcol *lc = &sec->col[i];
        if (!lc->total[0])
            continue;
        const char *expr = strcmp(lc->total, "sum") == 0
                               ? peel_arena_printf(&b->arena, "sum([%s])", groups[i]->name)
                           : strcmp(lc->total, "same") == 0 ? lc->source
                                                            : lc->total;
        xl_sym *s = cell(p, dotted(b, scope, lc->name), lc, expr, (lxw_col_t)(1 + i));
        if (strcmp(lc->total, "sum") == 0)
            s->format = "same";
        else if (strcmp(lc->total, "same") != 0 && strcmp(lc->format, "auto") == 0)
            s->like = groups[i]->nmember ? groups[i]->member[0] : NULL; /* a leaf column */
        s->scope[0] = scope;
        s->scope[1] = sec->name;
        s->flags = XL_BOLD | XL_TOTAL;
        s->label = sec->total_label;
    }
    p->r++;
}

static int has_total(const xl_lsection *sec)
{
    for (size_t i = 0; sec->total_label && i < sec->ncol; i++)
        if (sec->col[i].total[0])
            return 1;
    return 0;
}

/* A grid whose table the report lacks (cut off, or another year's
 * layout) still gives its totals as names, known to be unknown, because
 * other sections may use them: their cells then say "n/a" rather than the
 * whole workbook failing on an unknown name. */
static void absent_totals(planner *p, const xl_lsection *sec)
{
    xl_book *b = p->b;
    for (size_t i = 0; has_total(sec) && i < sec->ncol; i++) {
        if (!sec->col[i].total[0])
            continue;
        xl_sym *s =
            xl_sym_new(b, peel_arena_printf(&b->arena, "%s.total.%s", sec->name, sec->col[i].name));
        s->label = sec->total_label;
        s->lay_line = sec->col[i].line;
        s->state = XL_DONE; /* not known, and on no sheet */
    }
}

static void plan_grid(planner *p, const xl_lsection *sec)
{
    xl_book *b = p->b;
    const peel_table *t = sec->table ? grid_table(b, sec->table) : NULL;
    if (sec->table && !t) {
        xl_text(p->sheet, p->r++, 0, "Not stated in this report.", b->st.msg);
        absent_totals(p, sec);
        peel_vec_push(&b->absent, (void *)sec->name);
        return;
    }
    grid_head(p, sec, t);
    xl_sym **groups = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * (sec->ncol + 1));
    size_t nrow = t ? t->nrow : sec->nrow;
    period_row *pr = peel_arena_alloc(&b->arena, sizeof *pr);
    *pr = (period_row){.sheet = p->sheet, .row = p->r++, .ncol = sec->ncol};
    pr->cells = peel_arena_alloc(&b->arena, sizeof *pr->cells * (sec->ncol + 1));
    pr->n = peel_arena_alloc(&b->arena, sizeof *pr->n * (sec->ncol + 1));
    peel_vec_push(&p->periods, pr);
    for (size_t i = 0; i < sec->ncol; i++) {
        /* The column's cells as a group "section.col", for sum(). */
        groups[i] =
            xl_sym_new(b, peel_arena_printf(&b->arena, "%s.%s", sec->name, sec->col[i].name));
        groups[i]->member = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * (nrow + 1));
        groups[i]->label = sec->col[i].label;
        pr->cells[i] = groups[i]->member;
    }
    for (size_t r = 0; r < nrow; r++)
        if (t)
            grid_row(p, sec, t, t->row[r].key, t->row[r].label, "", groups);
        else
            grid_row(p, sec, NULL, sec->row[r].name, sec->row[r].label, sec->row[r].vars, groups);
    for (size_t i = 0; i < sec->ncol; i++)
        pr->n[i] = groups[i]->nmember;
    if (has_total(sec))
        grid_total(p, sec, groups);
}

/* ---- the sheets -------------------------------------------------------- */

static void plan_sheet(planner *p, const xl_lsheet *ls)
{
    size_t widest = 2; /* a list's value and period */
    for (size_t i = 0; i < ls->nsec; i++)
        if (ls->sec[i].grid && ls->sec[i].ncol > widest)
            widest = ls->sec[i].ncol;
    p->line_col = (lxw_col_t)(1 + widest);
    p->note_col = (lxw_col_t)(2 + widest);
    xl_sheet_title(p->sheet, peel_arena_printf(&p->b->arena, "%s: %s", p->b->force, ls->label),
                   ls->note);
    p->r = 3;
    for (size_t i = 0; i < ls->nsec; i++) {
        const xl_lsection *sec = &ls->sec[i];
        lxw_row_t first = p->r;
        section_head(p, sec);
        if (sec->grid)
            plan_grid(p, sec);
        else
            plan_list(p, sec);
        xl_keep(p->sheet, first, p->r - 1);
        p->r++;
    }
    xl_cap(p->sheet, 0, 46);
    for (lxw_col_t c = 1; c < XL_MAXCOL; c++)
        xl_cap(p->sheet, c, 18);
    xl_cap(p->sheet, p->note_col, 38);
    p->sheet->head_row = 2;
}

/* Report lines of a row's figures, ascending, without repeats. */
static void write_lines(xl_book *b, const plan_row *pr)
{
    long lines[16];
    size_t n = 0;
    for (size_t i = 0; i < pr->ncell; i++) {
        long l = pr->cell[i]->line;
        size_t j = 0;
        while (j < n && lines[j] != l)
            j++;
        if (l > 0 && j == n && n < 16)
            lines[n++] = l;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && lines[j - 1] > lines[j]; j--) {
            long t = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = t;
        }
    if (n == 1) {
        xl_num(pr->sheet, pr->row, pr->line_col, (double)lines[0], b->st.muted, 6);
    } else if (n > 1) {
        peel_buf buf;
        peel_buf_init(&buf);
        for (size_t i = 0; i < n; i++)
            peel_buf_printf(&buf, "%s%ld", i ? ", " : "", lines[i]);
        xl_text(pr->sheet, pr->row, pr->line_col, peel_buf_str(&buf), b->st.lines);
        peel_buf_release(&buf);
    }
}

static void decorate(xl_book *b, const plan_row *pr)
{
    write_lines(b, pr);
    if (!pr->list)
        return;
    const xl_sym *s = pr->cell[0];
    xl_text(pr->sheet, pr->row, LIST_PERIOD, s->period && s->period[0] ? s->period : XL_NO_PERIOD,
            s->period && s->period[0] ? b->st.indent : b->st.note);
    const char *note = pr->note ? pr->note : "";
    if (s->mixed)
        note = peel_arena_printf(&b->arena, "%s%s%s", note, note[0] ? "; " : "", s->mixed);
    if (s->fail)
        note = peel_arena_printf(
            &b->arena, "%s%s%s reconciliation check %s", note, note[0] ? "; " : "",
            s->fail_own ? "fails" : "built on a figure failing", s->fail->rule_id);
    if (s->also && s->also[0])
        note = peel_arena_printf(&b->arena, "%s%salso stated at line %s", note, note[0] ? "; " : "",
                                 s->also);
    if (note[0])
        xl_text(pr->sheet, pr->row, pr->line_col + 1, note, b->st.note);
}

peel_status xl_pillars_add(xl_book *b)
{
    for (size_t i = 0; i < b->lay->nsheet; i++) {
        const xl_lsheet *ls = &b->lay->sheet[i];
        if (ls->pillar == b->pillar && !xl_sheet_add(b, ls->name))
            return b->status;
    }
    return PEEL_OK;
}

peel_status xl_pillars_write(xl_book *b)
{
    planner p = {.b = b};
    size_t first = b->syms.n;
    for (size_t i = 0; i < b->lay->nsheet; i++) {
        const xl_lsheet *ls = &b->lay->sheet[i];
        if (ls->pillar != b->pillar)
            continue;
        p.sheet = NULL;
        for (size_t k = 0; k < b->nsheet; k++)
            if (strcmp(b->sheet[k]->name, ls->name) == 0)
                p.sheet = b->sheet[k];
        if (!p.sheet)
            return PEEL_ESOFTWARE;
        plan_sheet(&p, ls);
    }
    peel_status st = PEEL_OK;
    for (size_t i = first; i < b->syms.n && st == PEEL_OK; i++)
        st = xl_sym_eval(b, b->syms.item[i]);
    for (size_t i = 0; i < p.rows.n && st == PEEL_OK; i++)
        decorate(b, p.rows.item[i]);
    for (size_t i = 0; i < p.periods.n && st == PEEL_OK; i++) {
        const period_row *pr = p.periods.item[i];
        xl_period_row(pr->sheet, pr->row, 1, pr->cells, pr->n, pr->ncol);
    }
    peel_vec_release(&p.rows, NULL);
    peel_vec_release(&p.periods, NULL);
    return st;
}
