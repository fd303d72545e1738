/* Figures in the records: a fact by key (the n-th when a key repeats), a
 * table cell by table glob, row key and column selector, or a cell record
 * by index; with how the report printed it, its line and sentence. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "peel_num.h"
#include "xl.h"

/* Display decimals of a printed figure in its family (money printed in
 * billions is shown in millions: "£2.75 billion" has no decimals in £m). */
static void shown(const xl_layout *lay, const char *unit, const peel_printed *p,
                  const peel_value *value, xl_figure *out)
{
    double scale = p->parsed ? p->scale : 1;
    int dec = p->parsed ? p->decimals : value->dec;
    out->fam = xl_family_of_unit(lay, unit, scale);
    if (strstr(out->fam->name, "@m") && scale > 1e6)
        dec -= (int)lround(log10(scale / 1e6));
    out->dec = dec < 0 ? 0 : dec;
}

/* The family and decimals, and the value as the cell holds it. */
static void printed(const xl_layout *lay, const char *unit, const peel_printed *p,
                    const peel_value *value, xl_figure *out)
{
    shown(lay, unit, p, value, out);
    out->value = xl_kept(value->v / out->fam->divisor);
}

/* The value as the record's text reads ("1580000000"), for comparing
 * statements of a fact. */
static int same_value(const peel_value *a, const peel_value *b)
{
    return a->has == b->has && a->v == b->v && a->dec == b->dec;
}

long xl_twin_cell(const xl_book *b, const peel_table *t, long tr)
{
    const peel_cell *c = &b->rec->cells[tr];
    long o = peel_table_cell(t, peel_table_row(b->tix, t, c->trow), peel_table_col(t, c->column));
    return o >= 0 && o != tr && same_value(&b->rec->cells[o].value, &c->value) ? o : -1;
}

/* Lines of the same cell with the same value in other tables of its key:
 * a table the report prints twice (opening and pillar). */
static const char *table_also(xl_book *b, long tr)
{
    const peel_cell *c = &b->rec->cells[tr];
    peel_buf out;
    peel_buf_init(&out);
    for (size_t i = 0; i < b->tix->ntable; i++) {
        const peel_table *t = &b->tix->table[i];
        long o = strcmp(t->key, c->table) == 0 ? xl_twin_cell(b, t, tr) : -1;
        if (o >= 0 && b->rec->cells[o].line != c->line)
            peel_buf_printf(&out, "%s%ld", out.len ? ", " : "", b->rec->cells[o].line);
    }
    char *s = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return s;
}

void xl_figure_of_table(xl_book *b, long tr, xl_figure *out)
{
    const peel_cell *c = &b->rec->cells[tr];
    memset(out, 0, sizeof *out);
    out->raw = c->raw;
    out->unit = c->unit;
    out->period = c->period;
    out->line = c->line;
    /* In the scratch arena: most figures are linked to where they are
     * held, and their texts then serve only a note. */
    const char *what[] = {c->table_label, ": ", c->row_label, ", ", c->column_label};
    out->what = peel_arena_concat(&b->tmp, what, 5);
    const char *sentence[] = {"Table \"",      c->table_label,  "\", row \"", c->row_label,
                              "\", column \"", c->column_label, "\""};
    out->sentence = peel_arena_concat(&b->tmp, sentence, 7);
    out->also = table_also(b, tr);
    out->table_row = tr;
    out->fact_row = -1;
    printed(b->lay, out->unit, &c->printed, &c->value, out);
}

int xl_figure_decimals(const xl_book *b, long tr)
{
    const peel_cell *c = &b->rec->cells[tr];
    xl_figure fig;
    shown(b->lay, c->unit, &c->printed, &c->value, &fig); /* no value: only its decimals */
    return fig.dec;
}

/* Other lines stating the same fact with the same value ("761, 786"). */
static const char *also_lines(xl_book *b, size_t r)
{
    const peel_fact *f = &b->rec->facts[r];
    long seen[32];
    size_t n = 0;
    peel_buf out;
    peel_buf_init(&out);
    for (size_t i = 0; i < b->rec->nfact && n < 32; i++) {
        const peel_fact *o = &b->rec->facts[i];
        /* the value first: most facts differ in it, and it is cheapest */
        if (o->line == f->line || !same_value(&o->value, &f->value) || strcmp(o->key, f->key) != 0)
            continue;
        size_t k = 0;
        while (k < n && seen[k] != o->line)
            k++;
        if (k < n)
            continue;
        seen[n++] = o->line;
        peel_buf_printf(&out, "%s%ld", out.len ? ", " : "", o->line);
    }
    char *s = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return s;
}

void xl_figure_of_fact(xl_book *b, long fr, xl_figure *out)
{
    const peel_fact *f = &b->rec->facts[fr];
    memset(out, 0, sizeof *out);
    out->raw = f->raw;
    out->unit = f->unit;
    out->period = f->period;
    out->line = f->line;
    out->what = f->label[0] ? f->label : f->key;
    out->sentence = f->sentence;
    out->also = also_lines(b, (size_t)fr);
    out->table_row = -1;
    out->fact_row = fr;
    printed(b->lay, out->unit, &f->printed, &f->value, out);
}

static long fact_row(xl_book *b, const char *key, int nth)
{
    for (size_t i = 0; i < b->rec->nfact; i++)
        if (strcmp(b->rec->facts[i].key, key) == 0 && --nth == 0)
            return (long)i;
    return -1;
}

static long table_cell(const xl_book *b, const peel_table *t, const char *row, const char *sel)
{
    return peel_table_cell(t, peel_table_row(b->tix, t, row), peel_table_col(t, sel));
}

int xl_figure_find(xl_book *b, const char *src, const peel_table *table, const char *row,
                   xl_figure *out)
{
    long r = -1;
    if (strncmp(src, "fact:", 5) == 0) {
        char key[256];
        int nth = 1;
        peel_concat(key, sizeof key, (const char *[]){src + 5}, 1);
        char *hash = strchr(key, '#');
        if (hash) {
            *hash = '\0';
            nth = atoi(hash + 1);
        }
        if ((r = fact_row(b, key, nth)) < 0)
            return 0;
        xl_figure_of_fact(b, r, out);
        return 1;
    }
    if (strncmp(src, "table:", 6) == 0)
        r = peel_tindex_ref(b->tix, &b->lay->tcat, b->pillar, src + 6);
    else if (src[0] == '@' && table && row)
        r = table_cell(b, table, row, src);
    else if (src[0] == '#')
        r = strtol(src + 1, NULL, 10);
    if (r < 0 || (size_t)r >= b->rec->ncell)
        return 0;
    xl_figure_of_table(b, r, out);
    return 1;
}

const char *xl_figure_note(xl_book *b, const xl_figure *f)
{
    char line[XL_LONG_TEXT];
    xl_ltoa(line, f->line);
    int also = f->also && f->also[0];
    const char *parts[] = {"Report line ",
                           line,
                           ", printed \"",
                           f->raw,
                           "\".\n",
                           f->sentence,
                           also ? " Also stated at line " : "",
                           also ? f->also : "",
                           also ? "." : ""};
    return peel_arena_concat(&b->tmp, parts, 9);
}
