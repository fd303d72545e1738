/* Figures in the records: a fact by key (the n-th when a key repeats), a
 * table cell by table glob, row key and column selector, or a tables record
 * by index; with how the report printed it, its line and sentence. */
#include <fnmatch.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_num.h"
#include "xl.h"

static const char *text_of(const peel_csv_doc *d, size_t r, const char *col)
{
    return peel_csv_text(peel_csv_get(d, r, peel_csv_col(d, col)));
}

/* Display decimals of a printed figure in its family (money printed in
 * billions is shown in millions: "£2.75 billion" has no decimals in £m). */
static void printed(const xl_layout *lay, const char *unit, const char *raw, const char *value,
                    xl_figure *out)
{
    peel_num n;
    double scale = 1;
    int dec = 0;
    if (peel_num_parse(raw, strlen(raw), &n) == 0) {
        scale = n.scale;
        dec = n.decimals;
    } else {
        const char *dot = strchr(value, '.');
        dec = dot ? (int)strlen(dot + 1) : 0;
    }
    out->fam = xl_family_of_unit(lay, unit, scale);
    if (strstr(out->fam->name, "@m") && scale > 1e6)
        dec -= (int)lround(log10(scale / 1e6));
    out->dec = dec < 0 ? 0 : dec;
    out->value = xl_kept(strtod(value, NULL) / out->fam->divisor);
}

void xl_figure_of_table(xl_book *b, long tr, xl_figure *out)
{
    const peel_csv_doc *d = &b->rep->tables;
    size_t r = (size_t)tr;
    memset(out, 0, sizeof *out);
    out->raw = text_of(d, r, "raw");
    out->unit = text_of(d, r, "unit");
    out->period = text_of(d, r, "period");
    out->line = strtol(text_of(d, r, "source_line"), NULL, 10);
    out->what = peel_arena_printf(&b->arena, "%s: %s, %s", text_of(d, r, "table_label"),
                                  text_of(d, r, "row_label"), text_of(d, r, "column_label"));
    out->sentence = peel_arena_printf(&b->arena, "Table \"%s\", row \"%s\", column \"%s\"",
                                      text_of(d, r, "table_label"), text_of(d, r, "row_label"),
                                      text_of(d, r, "column_label"));
    out->also = "";
    out->table_row = tr;
    out->fact_row = -1;
    printed(b->lay, out->unit, out->raw, text_of(d, r, "value"), out);
}

/* Other lines stating the same fact with the same value ("761, 786"). */
static const char *also_lines(xl_book *b, size_t r)
{
    const peel_csv_doc *d = &b->rep->facts;
    const char *key = text_of(d, r, "key"), *val = text_of(d, r, "value");
    long own = strtol(text_of(d, r, "source_line"), NULL, 10);
    long seen[32];
    size_t n = 0;
    peel_buf out;
    peel_buf_init(&out);
    for (size_t i = 0; i < d->nrow && n < 32; i++) {
        long li = strtol(text_of(d, i, "source_line"), NULL, 10);
        size_t k = 0;
        while (k < n && seen[k] != li)
            k++;
        if (li == own || k < n || strcmp(text_of(d, i, "key"), key) != 0 ||
            strcmp(text_of(d, i, "value"), val) != 0)
            continue;
        seen[n++] = li;
        peel_buf_printf(&out, "%s%ld", out.len ? ", " : "", li);
    }
    char *s = peel_arena_strdup(&b->arena, peel_buf_str(&out));
    peel_buf_release(&out);
    return s;
}

void xl_figure_of_fact(xl_book *b, long fr, xl_figure *out)
{
    const peel_csv_doc *d = &b->rep->facts;
    size_t r = (size_t)fr;
    memset(out, 0, sizeof *out);
    out->raw = text_of(d, r, "raw");
    out->unit = text_of(d, r, "unit");
    out->period = text_of(d, r, "period");
    out->line = strtol(text_of(d, r, "source_line"), NULL, 10);
    out->what = text_of(d, r, "label")[0] ? text_of(d, r, "label") : text_of(d, r, "key");
    out->sentence = text_of(d, r, "sentence");
    out->also = also_lines(b, r);
    out->table_row = -1;
    out->fact_row = fr;
    printed(b->lay, out->unit, out->raw, text_of(d, r, "value"), out);
}

static long fact_row(xl_book *b, const char *key, int nth)
{
    const peel_csv_doc *d = &b->rep->facts;
    int ck = peel_csv_col(d, "key");
    for (size_t i = 0; i < d->nrow; i++)
        if (strcmp(peel_csv_get(d, i, ck), key) == 0 && --nth == 0)
            return (long)i;
    return -1;
}

static long table_cell(const xl_table *t, const char *row, const char *sel)
{
    int ri = xl_table_row(t, row), ci = xl_table_col(t, sel);
    return ri < 0 || ci < 0 ? -1 : t->cell[(size_t)ri * XL_MAXTCOL + (size_t)ci];
}

/* table:GLOB/ROW/SEL: the table on this workbook's Data sheet first. */
static long table_ref(xl_book *b, const char *ref)
{
    char glob[256], row[256], sel[128];
    if (sscanf(ref, "%255[^/]/%255[^/]/%127s", glob, row, sel) != 3)
        return -1;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < b->ntab; i++) {
            const xl_table *t = &b->tab[i];
            if (fnmatch(glob, t->key, 0) != 0 || xl_table_on(t, b->lay, b->pillar) == !!pass)
                continue;
            long cell = table_cell(t, row, sel);
            if (cell >= 0)
                return cell;
        }
    return -1;
}

int xl_figure_find(xl_book *b, const char *src, const xl_table *table, const char *row,
                   xl_figure *out)
{
    long r = -1;
    if (strncmp(src, "fact:", 5) == 0) {
        char key[256];
        int nth = 1;
        snprintf(key, sizeof key, "%s", src + 5);
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
        r = table_ref(b, src + 6);
    else if (src[0] == '@' && table && row)
        r = table_cell(table, row, src);
    else if (src[0] == '#')
        r = strtol(src + 1, NULL, 10);
    if (r < 0 || (size_t)r >= b->rep->tables.nrow)
        return 0;
    xl_figure_of_table(b, r, out);
    return 1;
}

const char *xl_figure_note(xl_book *b, const xl_figure *f)
{
    const char *also = f->also && f->also[0]
                           ? peel_arena_printf(&b->arena, " Also stated at line %s.", f->also)
                           : "";
    return peel_arena_printf(&b->arena, "Report line %ld, printed \"%s\".\n%s%s", f->line, f->raw,
                             f->sentence, also);
}
