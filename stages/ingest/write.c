/* The parse's findings as typed records (peel_rec.h), and those records as
 * the CSV files of data/.  All files are written to temporaries first and
 * renamed into place only when every one of them is complete, so a failure
 * leaves the previous records as they were. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "peel_text.h"
#include "ing.h"
#include "peel_afile.h"
#include "peel_rec.h"

#define STR(s) peel_records_str(out, (s))

static void meta_records(const ing_report *rep, peel_records *out)
{
    peel_records_reserve(out, PEEL_META, rep->meta.n);
    for (size_t i = 0; i < rep->meta.n; i++) {
        const ing_meta *m = rep->meta.item[i];
        peel_meta *r = peel_records_add(out, PEEL_META);
        r->key = STR(m->key);
        r->value = STR(m->value);
        r->line = m->line;
    }
}

/* Judgments in pillar order, the pillar row first, then in the order met. */
static int judgment_before(const ing_judgment *a, const ing_judgment *b)
{
    peel_pillar ra = peel_pillar_parse(a->pillar, NULL), rb = peel_pillar_parse(b->pillar, NULL);
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
static peel_yesno inspected(const ing_report *rep, const ing_judgment *j)
{
    int any = j->inspected;
    for (size_t i = 0; !j->component[0] && i < rep->judgments.n; i++) {
        const ing_judgment *c = rep->judgments.item[i];
        if (strcmp(c->pillar, j->pillar) == 0 && c->component[0] && c->inspected >= 0)
            any = any == 1 || c->inspected == 1 ? 1 : 0;
    }
    return any == 1 ? PEEL_YES : any == 0 ? PEEL_NO : PEEL_UNSAID;
}

static peel_grade grade_of(const char *name)
{
    return name ? peel_grade_parse(name, NULL) : PEEL_GRADE_NONE;
}

static void judgment_records(ing_report *rep, peel_records *out)
{
    sort_judgments(&rep->judgments);
    peel_records_reserve(out, PEEL_JUDGMENTS, rep->judgments.n);
    for (size_t i = 0; i < rep->judgments.n; i++) {
        const ing_judgment *j = rep->judgments.item[i];
        peel_judgment *r = peel_records_add(out, PEEL_JUDGMENTS);
        /* The summary table is the report's own statement of grades; the
         * section heading stands in where the table has none. */
        const char *grade = j->summary_grade ? j->summary_grade : j->section_grade;
        r->pillar = peel_pillar_parse(j->pillar, NULL);
        r->component = STR(j->component);
        r->label = STR(j->label);
        r->grade = grade_of(grade);
        r->last_inspected = STR(j->last_inspected ? j->last_inspected : grade ? rep->year : "");
        r->line = j->summary_grade ? j->summary_line : j->section_line;
        r->inspected = inspected(rep, j);
        r->summary_grade = grade_of(j->summary_grade);
        r->summary_line = j->summary_line;
        r->section_grade = grade_of(j->section_grade);
        r->section_line = j->section_line;
        r->scope_line = j->scope_line;
    }
}

static void cell_records(const ing_report *rep, peel_records *out)
{
    peel_records_reserve(out, PEEL_TABLES, rep->cells.n);
    for (size_t i = 0; i < rep->cells.n; i++) {
        const ing_cell *c = rep->cells.item[i];
        peel_cell *r = peel_records_add(out, PEEL_TABLES);
        r->table = STR(c->table);
        r->trow = STR(c->row);
        r->column = STR(c->column);
        r->value = peel_value_parse(c->value);
        r->unit = STR(c->unit);
        r->period = STR(c->period);
        r->raw = STR(c->raw);
        r->line = c->line;
        r->pillar = peel_pillar_parse(c->pillar, NULL);
        r->table_label = STR(c->table_label);
        r->row_label = STR(c->row_label);
        r->column_label = STR(c->column_label);
        r->printed = peel_printed_of(r->raw, NULL);
    }
}

static void finding_records(const ing_report *rep, peel_records *out)
{
    peel_records_reserve(out, PEEL_FINDINGS, rep->findings.n);
    for (size_t i = 0; i < rep->findings.n; i++) {
        const ing_finding *f = rep->findings.item[i];
        peel_finding *r = peel_records_add(out, PEEL_FINDINGS);
        r->pillar = peel_pillar_parse(f->pillar, NULL);
        r->component = STR(f->component);
        r->kind = peel_kind_parse(f->kind);
        r->text = STR(f->text);
        r->line = f->line;
        r->number = f->number;
        r->last_line = f->last_line;
    }
}

static void figure_records(const ing_report *rep, peel_records *out)
{
    peel_records_reserve(out, PEEL_FIGURES, rep->figures.n);
    for (size_t i = 0; i < rep->figures.n; i++) {
        const ing_figure *f = rep->figures.item[i];
        peel_figure *r = peel_records_add(out, PEEL_FIGURES);
        r->value = peel_value_parse(f->value);
        r->unit = f->num.unit;
        r->raw = STR(f->raw);
        r->sentence = STR(f->sentence);
        r->line = f->line;
        if (f->num.is_range)
            r->high = peel_value_make(f->num.hi, peel_num_base_decimals(&f->num));
        r->pillar = peel_pillar_parse(f->pillar, NULL);
        r->component = STR(f->component);
        r->block = f->block;
        r->item = f->item;
        r->intro = f->intro ? PEEL_YES : PEEL_UNSAID;
        r->printed = peel_printed_of(r->raw, r->sentence);
    }
}

/* One fact as the typed model holds it; its strings stay borrowed. */
static void fact_record(const ing_fact *f, peel_fact *r)
{
    memset(r, 0, sizeof *r);
    r->key = f->key ? f->key : "";
    r->value = peel_value_parse(f->value);
    r->unit = f->unit ? f->unit : "";
    r->period = f->period ? f->period : "";
    r->line = f->line;
    r->raw = f->raw ? f->raw : "";
    r->pillar = peel_pillar_parse(f->pillar ? f->pillar : "", NULL);
    r->label = f->label ? f->label : "";
    r->pattern = f->pattern ? f->pattern : "";
    r->sentence = f->sentence ? f->sentence : "";
}

void ing_write_fact(peel_csv_writer *w, const ing_fact *f)
{
    peel_fact r;
    fact_record(f, &r);
    peel_records_put(w, PEEL_FACTS, &r);
}

static void fact_records(const ing_report *rep, peel_records *out)
{
    peel_records_reserve(out, PEEL_FACTS, rep->facts.n);
    for (size_t i = 0; i < rep->facts.n; i++) {
        peel_fact *r = peel_records_add(out, PEEL_FACTS);
        fact_record(rep->facts.item[i], r);
        r->key = STR(r->key);
        r->unit = STR(r->unit);
        r->period = STR(r->period);
        r->raw = STR(r->raw);
        r->label = STR(r->label);
        r->pattern = STR(r->pattern);
        r->sentence = STR(r->sentence);
        r->printed = peel_printed_of(r->raw, r->sentence);
    }
}

static void summary_records(const ing_report *rep, peel_records *out)
{
    peel_records_reserve(out, PEEL_SUMMARIES, rep->summaries.n);
    for (size_t i = 0; i < rep->summaries.n; i++) {
        const ing_summary *s = rep->summaries.item[i];
        peel_summary *r = peel_records_add(out, PEEL_SUMMARIES);
        r->pillar = peel_pillar_parse(s->pillar, NULL);
        r->component = STR(s->component);
        r->text = STR(s->text);
        r->line = s->line;
        r->from = s->from;
    }
}

static void coverage_records(const ing_doc *doc, peel_records *out)
{
    peel_records_reserve(out, PEEL_COVERAGE, doc->nline);
    for (size_t i = 0; i < doc->nline; i++) {
        const ing_line *l = &doc->line[i];
        peel_coverage *r = peel_records_add(out, PEEL_COVERAGE);
        r->line = (long)i + 1;
        r->kind = STR(l->kind);
        r->detail = STR(l->detail);
        r->pillar = l->pillar ? peel_pillar_parse(l->pillar, NULL) : PEEL_NOPILLAR;
        r->component = STR(l->pillar && l->component ? l->component : "");
    }
}

void ing_records_build(ing_ctx *cx, peel_records *out)
{
    meta_records(cx->rep, out);
    judgment_records(cx->rep, out);
    cell_records(cx->rep, out);
    finding_records(cx->rep, out);
    figure_records(cx->rep, out);
    fact_records(cx->rep, out);
    summary_records(cx->rep, out);
    coverage_records(cx->doc, out);
}

peel_status ing_write_records(peel_records *recs, const char *data_dir, peel_err *err)
{
    peel_afile af[PEEL_NRECORD_FILES] = {0};
    peel_status st = peel_mkdirs(data_dir, err);
    size_t opened = 0;
    for (; st == PEEL_OK && opened < PEEL_NRECORD_FILES; opened++) {
        char path[4200];
        peel_path_join(path, sizeof path, NULL, data_dir, peel_schema((peel_file)opened)->name);
        /* Through the records' own text, which validation then checks. */
        const char *text;
        size_t len;
        st = peel_records_text(recs, (peel_file)opened, &text, &len, err);
        if (st == PEEL_OK)
            st = peel_afile_open(&af[opened], path, err);
        if (st != PEEL_OK)
            break;
        if (fwrite(text, 1, len, af[opened].fp) != len) {
            st = PEEL_FAIL(err, PEEL_ECANTCREAT, NULL, 0, "cannot write %s: write error: %s", path,
                           strerror(errno));
            break;
        }
    }
    for (size_t i = 0; i < opened && st == PEEL_OK; i++)
        st = peel_afile_commit(&af[i], err);
    for (size_t i = 0; i < PEEL_NRECORD_FILES; i++)
        peel_afile_abort(&af[i]);
    return st;
}
