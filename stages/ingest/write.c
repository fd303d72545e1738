/* Writes the records as CSV files in data/.  All files are written to
 * temporaries first and renamed into place only when every one of them is
 * complete, so a failure leaves the previous records as they were. */
#include <stdio.h>
#include <string.h>

#include "ing.h"
#include "peel_afile.h"
#include "peel_csv.h"
#include "peel_report.h"

enum { NFILES = 8 };

typedef void (*writer_fn)(ing_ctx *cx, peel_csv_writer *w);

static void put_line(peel_csv_writer *w, long line)
{
    if (line > 0)
        peel_csv_put_long(w, line);
    else
        peel_csv_put(w, "");
}

static void header(peel_csv_writer *w, const char *const *names, size_t n)
{
    peel_csv_put_row(w, names, n);
}

static void write_meta(ing_ctx *cx, peel_csv_writer *w)
{
    static const char *const h[] = {"key", "value", "source_line"};
    header(w, h, 3);
    for (size_t i = 0; i < cx->rep->meta.n; i++) {
        const ing_meta *m = cx->rep->meta.item[i];
        peel_csv_put(w, m->key);
        peel_csv_put_text(w, m->value);
        put_line(w, m->line);
        peel_csv_end_row(w);
    }
}

/* Judgments in pillar order, the pillar row first, then in the order met. */
static int judgment_before(const ing_judgment *a, const ing_judgment *b)
{
    int ra = peel_pillar_index(a->pillar), rb = peel_pillar_index(b->pillar);
    if (ra != rb)
        return ra < rb;
    return !a->component[0] && b->component[0];
}

static void sort_judgments(peel_vec *v)
{
    for (size_t i = 1; i < v->n; i++)
        for (size_t k = i; k > 0 && judgment_before(v->item[k], v->item[k - 1]); k--) {
            void *t = v->item[k];
            v->item[k] = v->item[k - 1];
            v->item[k - 1] = t;
        }
}

/* A pillar counts as inspected when any of its components was. */
static const char *inspected(const ing_report *rep, const ing_judgment *j)
{
    int any = j->inspected;
    for (size_t i = 0; !j->component[0] && i < rep->judgments.n; i++) {
        const ing_judgment *c = rep->judgments.item[i];
        if (strcmp(c->pillar, j->pillar) == 0 && c->component[0] && c->inspected >= 0)
            any = any == 1 || c->inspected == 1 ? 1 : 0;
    }
    return any == 1 ? "yes" : any == 0 ? "no" : "";
}

static void write_judgments(ing_ctx *cx, peel_csv_writer *w)
{
    static const char *const h[] = {"pillar",        "component",      "label",
                                    "grade",         "last_inspected", "source_line",
                                    "inspected",     "summary_grade",  "summary_line",
                                    "section_grade", "section_line",   "scope_line"};
    header(w, h, sizeof h / sizeof *h);
    sort_judgments(&cx->rep->judgments);
    for (size_t i = 0; i < cx->rep->judgments.n; i++) {
        const ing_judgment *j = cx->rep->judgments.item[i];
        /* The summary table is the report's own statement of grades; the
         * section heading stands in where the table has none. */
        const char *grade = j->summary_grade ? j->summary_grade : j->section_grade;
        long line = j->summary_grade ? j->summary_line : j->section_line;
        const char *last = j->last_inspected ? j->last_inspected : grade ? cx->rep->year : "";
        peel_csv_put(w, j->pillar);
        peel_csv_put(w, j->component);
        peel_csv_put_text(w, j->label);
        peel_csv_put(w, grade ? grade : "");
        peel_csv_put(w, last);
        put_line(w, line);
        peel_csv_put(w, inspected(cx->rep, j));
        peel_csv_put(w, j->summary_grade ? j->summary_grade : "");
        put_line(w, j->summary_line);
        peel_csv_put(w, j->section_grade ? j->section_grade : "");
        put_line(w, j->section_line);
        put_line(w, j->scope_line);
        peel_csv_end_row(w);
    }
}

static void write_tables(ing_ctx *cx, peel_csv_writer *w)
{
    static const char *const h[] = {"table",  "row",         "column",    "value",
                                    "unit",   "period",      "raw",       "source_line",
                                    "pillar", "table_label", "row_label", "column_label"};
    header(w, h, sizeof h / sizeof *h);
    for (size_t i = 0; i < cx->rep->cells.n; i++) {
        const ing_cell *c = cx->rep->cells.item[i];
        peel_csv_put(w, c->table);
        peel_csv_put(w, c->row);
        peel_csv_put(w, c->column);
        peel_csv_put(w, c->value);
        peel_csv_put(w, c->unit);
        peel_csv_put_text(w, c->period);
        peel_csv_put_text(w, c->raw);
        put_line(w, c->line);
        peel_csv_put(w, c->pillar);
        peel_csv_put_text(w, c->table_label);
        peel_csv_put_text(w, c->row_label);
        peel_csv_put_text(w, c->column_label);
        peel_csv_end_row(w);
    }
}

static void write_findings(ing_ctx *cx, peel_csv_writer *w)
{
    static const char *const h[] = {"pillar",      "component", "kind",     "text",
                                    "source_line", "number",    "last_line"};
    header(w, h, sizeof h / sizeof *h);
    for (size_t i = 0; i < cx->rep->findings.n; i++) {
        const ing_finding *f = cx->rep->findings.item[i];
        peel_csv_put(w, f->pillar);
        peel_csv_put(w, f->component);
        peel_csv_put(w, f->kind);
        peel_csv_put_text(w, f->text);
        put_line(w, f->line);
        peel_csv_put_long(w, f->number);
        put_line(w, f->last_line);
        peel_csv_end_row(w);
    }
}

static void write_figures(ing_ctx *cx, peel_csv_writer *w)
{
    static const char *const h[] = {"value",       "unit", "raw",    "sentence",
                                    "source_line", "high", "pillar", "component",
                                    "block",       "item", "intro"};
    header(w, h, sizeof h / sizeof *h);
    for (size_t i = 0; i < cx->rep->figures.n; i++) {
        const ing_figure *f = cx->rep->figures.item[i];
        peel_csv_put(w, f->value);
        peel_csv_put(w, peel_unit_name(f->num.unit));
        peel_csv_put_text(w, f->raw);
        peel_csv_put_text(w, f->sentence);
        put_line(w, f->line);
        if (f->num.is_range)
            peel_csv_put_num(w, f->num.hi, peel_num_base_decimals(&f->num));
        else
            peel_csv_put(w, "");
        peel_csv_put(w, f->pillar);
        peel_csv_put(w, f->component);
        peel_csv_put_long(w, f->block);
        peel_csv_put_long(w, f->item);
        peel_csv_put(w, f->intro ? "yes" : "");
        peel_csv_end_row(w);
    }
}

const char *const ING_FACT_COLUMNS[ING_FACT_NCOLUMN] = {
    "key", "value",  "unit",  "period",  "source_line",
    "raw", "pillar", "label", "pattern", "sentence"};

void ing_write_fact(peel_csv_writer *w, const ing_fact *f)
{
    peel_csv_put(w, f->key);
    peel_csv_put(w, f->value);
    peel_csv_put(w, f->unit);
    peel_csv_put_text(w, f->period);
    put_line(w, f->line);
    peel_csv_put_text(w, f->raw);
    peel_csv_put(w, f->pillar);
    peel_csv_put_text(w, f->label);
    peel_csv_put(w, f->pattern);
    peel_csv_put_text(w, f->sentence);
    peel_csv_end_row(w);
}

static void write_facts(ing_ctx *cx, peel_csv_writer *w)
{
    header(w, ING_FACT_COLUMNS, ING_FACT_NCOLUMN);
    for (size_t i = 0; i < cx->rep->facts.n; i++)
        ing_write_fact(w, cx->rep->facts.item[i]);
}

static void write_summaries(ing_ctx *cx, peel_csv_writer *w)
{
    static const char *const h[] = {"pillar", "component", "text", "source_line"};
    header(w, h, 4);
    for (size_t i = 0; i < cx->rep->summaries.n; i++) {
        const ing_summary *s = cx->rep->summaries.item[i];
        peel_csv_put(w, s->pillar);
        peel_csv_put(w, s->component);
        peel_csv_put_text(w, s->text);
        put_line(w, s->line);
        peel_csv_end_row(w);
    }
}

static void write_coverage(ing_ctx *cx, peel_csv_writer *w)
{
    static const char *const h[] = {"line", "kind", "detail", "pillar", "component"};
    header(w, h, 5);
    for (size_t i = 0; i < cx->doc->nline; i++) {
        const ing_line *l = &cx->doc->line[i];
        peel_csv_put_long(w, (long)i + 1);
        peel_csv_put(w, l->kind);
        peel_csv_put_text(w, l->detail ? l->detail : "");
        peel_csv_put(w, l->pillar ? l->pillar : "");
        peel_csv_put(w, l->pillar && l->component ? l->component : "");
        peel_csv_end_row(w);
    }
}

static const struct {
    const char *name;
    writer_fn write;
} FILES[NFILES] = {
    {"meta.csv", write_meta},           {"judgments.csv", write_judgments},
    {"tables.csv", write_tables},       {"findings.csv", write_findings},
    {"figures.csv", write_figures},     {"facts.csv", write_facts},
    {"summaries.csv", write_summaries}, {"coverage.csv", write_coverage},
};

peel_status ing_write_records(ing_ctx *cx, const char *data_dir, peel_err *err)
{
    peel_afile af[NFILES] = {0};
    peel_status st = peel_mkdirs(data_dir, err);
    size_t opened = 0;
    for (; st == PEEL_OK && opened < NFILES; opened++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", data_dir, FILES[opened].name);
        st = peel_afile_open(&af[opened], path, err);
        if (st != PEEL_OK)
            break;
        peel_csv_writer w;
        peel_csv_writer_init(&w, af[opened].fp);
        FILES[opened].write(cx, &w);
    }
    for (size_t i = 0; i < opened && st == PEEL_OK; i++)
        st = peel_afile_commit(&af[i], err);
    for (size_t i = 0; i < NFILES; i++)
        peel_afile_abort(&af[i]);
    return st;
}
