/* peel_ingest_run: the file read, split into lines, parsed into records, written as CSV. */
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "ing.h"
#include "ingest.h"
#include "peel_data.h"
#include "peel_text.h"

void ing_warn(ing_ctx *cx, long line, const char *fmt, ...)
{
    if (!cx->warn)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    peel_warnings_add(cx->warn, cx->doc->name, line, "%s", msg);
}

void ing_mark(ing_ctx *cx, size_t i, const char *kind, const char *detail)
{
    cx->doc->line[i].kind = kind;
    cx->doc->line[i].detail = detail;
}

static void account_for_every_line(ing_ctx *cx)
{
    for (size_t i = 0; i < cx->doc->nline; i++)
        if (!cx->doc->line[i].kind) {
            ing_warn(cx, (long)i + 1, "unrecognised line");
            ing_mark(cx, i, "unrecognised", NULL);
        }
    if (cx->warn)
        peel_warnings_total(cx->warn, cx->doc->name, "warnings in all (see coverage.csv)");
}

static int has_grades(const ing_report *rep)
{
    for (size_t i = 0; i < rep->judgments.n; i++) {
        const ing_judgment *j = rep->judgments.item[i];
        if (j->summary_grade || j->section_grade)
            return 1;
    }
    return 0;
}

static void add_file_meta(ing_ctx *cx, const char *path, const char *slug, uint32_t crc)
{
    char buf[64];
    ing_meta_add(cx->rep, "file", peel_path_base(path), 0);
    snprintf(buf, sizeof buf, "%zu", cx->doc->size);
    ing_meta_add(cx->rep, "size", buf, 0);
    snprintf(buf, sizeof buf, "%08x", (unsigned)crc);
    ing_meta_add(cx->rep, "crc32", buf, 0);
    snprintf(buf, sizeof buf, "%zu", cx->doc->nline);
    ing_meta_add(cx->rep, "lines", buf, 0);
    ing_meta_add(cx->rep, "slug", slug, 0);
}

peel_status ing_parse(ing_ctx *cx, peel_err *err)
{
    peel_status st = ing_parse_meta(cx, err);
    if (st != PEEL_OK)
        return st;
    ing_parse_structure(cx);
    ing_parse_prose(cx);
    account_for_every_line(cx);
    if (!has_grades(cx->rep))
        return PEEL_FAIL(err, PEEL_EDATA, cx->doc->name, 0,
                         "no grades found: neither an overall summary table nor graded sections");
    return PEEL_OK;
}

static peel_status load_doc(const peel_ingest_opts *o, ing_doc *doc, peel_err *err)
{
    char *data;
    size_t size;
    size_t max = o->max_bytes ? o->max_bytes : PEEL_INGEST_MAX_BYTES;
    peel_status st = peel_file_read(o->input, max, &data, &size, err);
    if (st != PEEL_OK)
        return st;
    if (size == 0) {
        free(data);
        return PEEL_FAIL(err, PEEL_EDATA, o->input, 0, "empty file");
    }
    return ing_doc_init(doc, o->input, data, size, o->max_line ? o->max_line : PEEL_INGEST_MAX_LINE,
                        err);
}

struct peel_ingest_catalog {
    ing_catalog cat;
};

peel_status peel_ingest_catalog_new(const char *data_dir, peel_ingest_catalog **out, peel_err *err)
{
    peel_ingest_catalog *c = peel_xcalloc(1, sizeof *c);
    peel_status st = peel_data_given(data_dir, err);
    if (st == PEEL_OK)
        st = ing_catalog_load(&c->cat, data_dir, err);
    if (st != PEEL_OK) {
        peel_ingest_catalog_free(c);
        c = NULL;
    }
    *out = c;
    return st;
}

const ing_catalog *peel_ingest_catalog_of(const peel_ingest_catalog *c)
{
    return &c->cat;
}

void peel_ingest_catalog_free(peel_ingest_catalog *c)
{
    if (c)
        ing_catalog_release(&c->cat);
    free(c);
}

peel_status peel_ingest_run(const peel_ingest_opts *o, peel_ingest_result *res, peel_err *err)
{
    ing_doc doc = {0};
    ing_catalog own = {0}; /* when the caller gave none */
    ing_report rep;
    ing_report_init(&rep);
    memset(res, 0, sizeof *res);
    peel_warnings_init(&res->warnings);
    peel_status st = load_doc(o, &doc, err);
    if (st == PEEL_OK && !o->catalog)
        st = peel_data_given(o->data_dir, err);
    if (st == PEEL_OK && !o->catalog)
        st = ing_catalog_load(&own, o->data_dir, err);
    const ing_catalog *cat = o->catalog ? &o->catalog->cat : &own;
    ing_ctx cx = {.doc = &doc, .rep = &rep, .cat = cat, .warn = &res->warnings};
    if (st == PEEL_OK && doc.cr_only)
        ing_warn(&cx, 1,
                 "the line ends are CR alone (old Mac OS text): each CR is read as a line end");
    if (st == PEEL_OK && doc.ncontrol > 0)
        ing_warn(&cx, doc.control_line,
                 "%zu control character%s read as space%s (the first on this line)", doc.ncontrol,
                 doc.ncontrol == 1 ? "" : "s", doc.ncontrol == 1 ? "" : "s");
    if (st == PEEL_OK)
        st = ing_parse(&cx, err);
    char data_dir[4200];
    if (st == PEEL_OK) {
        char force[160], year[32];
        peel_slug(rep.force, force, sizeof force);
        peel_slug(rep.year, year, sizeof year);
        snprintf(res->slug, sizeof res->slug, "%s-%s", force, year);
        snprintf(res->force, sizeof res->force, "%s", force);
        if (o->report_dir)
            st = peel_path_join(res->report_dir, sizeof res->report_dir, err, o->report_dir);
        else
            st = peel_path_join(res->report_dir, sizeof res->report_dir, err, o->outdir, res->slug);
        if (st == PEEL_OK)
            st = peel_path_join(data_dir, sizeof data_dir, err, res->report_dir, "data");
    }
    if (st == PEEL_OK) {
        res->lines = (long)doc.nline;
        res->size = (long long)doc.size;
        res->crc32 = peel_crc32(doc.data, doc.size);
        add_file_meta(&cx, o->input, res->slug, res->crc32);
        peel_records own_recs = {0}, *recs = o->records ? o->records : &own_recs;
        peel_records_init(recs);
        ing_records_build(&cx, recs);
        recs->dir = peel_records_str(recs, res->report_dir);
        st = ing_write_records(recs, data_dir, err);
        if (st != PEEL_OK || !o->records)
            peel_records_release(recs);
    }
    ing_report_release(&rep);
    ing_catalog_release(&own);
    ing_doc_release(&doc);
    return st;
}
