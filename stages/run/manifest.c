/* manifest.csv: one row per report (and per input that gave none, and one for
 * summary.xlsx), read back by the next run to decide what to skip. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_csv.h"
#include "rn.h"

const char *const RN_COLS[RN_NCOL] = {"kind",
                                      "report",
                                      "force",
                                      "status",
                                      "input",
                                      "input_size",
                                      "input_crc32",
                                      "sidecars",
                                      "rules_crc32",
                                      "program",
                                      "outputs",
                                      "warnings",
                                      "rejects",
                                      "pass",
                                      "warn",
                                      "fail",
                                      "skip",
                                      "stage",
                                      "reason",
                                      "seconds_ingest",
                                      "seconds_validate",
                                      "seconds_reconcile",
                                      "seconds_xlsx",
                                      "seconds_pdf",
                                      "seconds_total"};

rn_row *rn_row_new(void)
{
    rn_row *r = peel_xmalloc(sizeof *r);
    for (int c = 0; c < RN_NCOL; c++)
        r->f[c] = peel_xstrdup("");
    r->intact = -1;
    return r;
}

rn_row *rn_row_copy(const rn_row *r)
{
    rn_row *n = peel_xmalloc(sizeof *n);
    for (int c = 0; c < RN_NCOL; c++)
        n->f[c] = peel_xstrdup(r->f[c]);
    n->intact = -1;
    return n;
}

void rn_row_free(void *p)
{
    rn_row *r = p;
    if (!r)
        return;
    for (int c = 0; c < RN_NCOL; c++)
        free(r->f[c]);
    free(r);
}

void rn_row_set(rn_row *r, rn_col c, const char *v)
{
    char *n = peel_xstrdup(v ? v : "");
    free(r->f[c]);
    r->f[c] = n;
}

void rn_row_setf(rn_row *r, rn_col c, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rn_row_set(r, c, buf);
}

/* Why row i does not parse whole, or NULL: a row cut inside its outputs
 * list (a manifest cut short, a hand edit) must not vouch for a report. */
static const char *damaged(const peel_csv_doc *doc, size_t i, int outputs_col, char *why,
                           size_t cap)
{
    const peel_csv_row *r = &doc->row[i];
    if (r->nfield != doc->ncol)
        snprintf(why, cap, "is cut short or run on (%zu fields, the header has %zu)", r->nfield,
                 doc->ncol);
    else if (!rn_outputs_parse_ok(peel_csv_get(doc, i, outputs_col)))
        snprintf(why, cap, "has an outputs list that does not parse");
    else
        return NULL;
    return why;
}

peel_status rn_manifest_load(const char *path, peel_vec *rows, peel_vec *notes, peel_err *err)
{
    peel_csv_doc doc;
    peel_err e = {0};
    peel_status st = peel_csv_load(path, &doc, &e);
    if (st == PEEL_ENOINPUT)
        return PEEL_OK; /* first run */
    if (st != PEEL_OK) {
        *err = e;
        return st;
    }
    int col[RN_NCOL];
    /* Columns up to the reason are needed; timings may be missing. */
    for (int c = 0; c < RN_NCOL; c++) {
        col[c] = peel_csv_col(&doc, RN_COLS[c]);
        int needed = c <= (int)RN_C_REASON;
        if (col[c] < 0 && needed) {
            peel_csv_doc_release(&doc);
            return PEEL_FAIL(err, PEEL_EDATA, path, 1, "no column \"%s\"", RN_COLS[c]);
        }
    }
    for (size_t i = 0; i < doc.nrow; i++) {
        char why[128], note[1200];
        if (damaged(&doc, i, col[RN_C_OUTPUTS], why, sizeof why)) {
            const char *kind = peel_csv_get(&doc, i, col[RN_C_KIND]);
            const char *report = peel_csv_get(&doc, i, col[RN_C_REPORT]);
            int summary = strcmp(kind, "summary") == 0;
            snprintf(note, sizeof note, "%s:%ld: the %s row%s%.300s %s: it is not used%s", path,
                     doc.row[i].line, kind[0] ? kind : "report", report[0] ? " of " : "", report,
                     why,
                     summary                       ? ", summary.xlsx is written again"
                     : strcmp(kind, "report") == 0 ? ", the report is built again"
                                                   : "");
            peel_vec_push(notes, peel_xstrdup(note));
            continue;
        }
        rn_row *r = rn_row_new();
        for (int c = 0; c < RN_NCOL; c++)
            rn_row_set(r, (rn_col)c, peel_csv_text(peel_csv_get(&doc, i, col[c])));
        peel_vec_push(rows, r);
    }
    peel_csv_doc_release(&doc);
    return PEEL_OK;
}

static int kind_rank(const char *kind)
{
    return strcmp(kind, "report") == 0 ? 0 : strcmp(kind, "input") == 0 ? 1 : 2;
}

static int row_cmp(const void *pa, const void *pb)
{
    const rn_row *a = *(rn_row *const *)pa, *b = *(rn_row *const *)pb;
    int d = kind_rank(a->f[RN_C_KIND]) - kind_rank(b->f[RN_C_KIND]);
    if (d == 0)
        d = strcmp(a->f[RN_C_REPORT], b->f[RN_C_REPORT]);
    if (d == 0)
        d = strcmp(a->f[RN_C_INPUT], b->f[RN_C_INPUT]);
    return d;
}

void rn_manifest_sort(peel_vec *rows)
{
    if (rows->n > 1)
        qsort(rows->item, rows->n, sizeof *rows->item, row_cmp);
}

void rn_manifest_format(peel_vec *rows, peel_buf *out)
{
    rn_manifest_sort(rows);
    peel_csv_writer w;
    peel_csv_writer_init(&w, out);
    peel_csv_put_row(&w, RN_COLS, RN_NCOL);
    for (size_t i = 0; i < rows->n; i++) {
        const rn_row *r = rows->item[i];
        for (int c = 0; c < RN_NCOL; c++) {
            /* Paths and reasons may hold anything a user named a file. */
            if (c == RN_C_INPUT || c == RN_C_REASON)
                peel_csv_put_text(&w, r->f[c]);
            else
                peel_csv_put(&w, r->f[c]);
        }
        peel_csv_end_row(&w);
    }
}
