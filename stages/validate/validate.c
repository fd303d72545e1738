/* peel_validate_run: load the records, run the schema table over each file,
 * check the sidecars and that the report is whole, write data/rejects.csv. */
#include <stdio.h>
#include <string.h>

#include "peel_data.h"
#include "validate.h"
#include "vd.h"

typedef struct vd_records {
    peel_csv_doc doc[VD_NRECORDS]; /* one per VD_RECORD_SCHEMAS entry; owned */
    int loaded[VD_NRECORDS];       /* nonzero when doc[i] holds the file */
    peel_err bad;                  /* the first file that could not be parsed */
} vd_records;

static const peel_csv_doc *record(const vd_records *rec, const char *file)
{
    static const peel_csv_doc empty = {0};
    for (size_t i = 0; i < VD_NRECORDS; i++)
        if (strcmp(VD_RECORD_SCHEMAS[i].file, file) == 0 && rec->loaded[i])
            return &rec->doc[i];
    return &empty;
}

/* A missing record file stops the run (PEEL_ENOINPUT: ingest has not run).
 * A file that does not parse is a reject, and the run goes on to find
 * everything else before failing. */
static peel_status load_records(vd_ctx *cx, const char *data_dir, vd_records *rec, peel_err *err)
{
    for (size_t i = 0; i < VD_NRECORDS; i++) {
        char path[4400];
        peel_err e = {0};
        snprintf(path, sizeof path, "%s/%s", data_dir, VD_RECORD_SCHEMAS[i].file);
        peel_status st = peel_csv_load(path, &rec->doc[i], &e);
        if (st == PEEL_OK) {
            rec->loaded[i] = 1;
            continue;
        }
        if (st != PEEL_EDATA) {
            *err = e;
            return st;
        }
        vd_reject_at(cx, VD_RECORD_SCHEMAS[i].file, e.line, 0, "", "", "bad_csv",
                     "cannot read the file: %s; none of its rows is used", e.msg);
        if (rec->bad.status == PEEL_OK)
            rec->bad = e;
    }
    return PEEL_OK;
}

static void release_records(vd_records *rec)
{
    for (size_t i = 0; i < VD_NRECORDS; i++)
        if (rec->loaded[i])
            peel_csv_doc_release(&rec->doc[i]);
}

static void check_records(vd_ctx *cx, const vd_records *rec)
{
    vd_read_meta(cx, record(rec, "meta.csv"));
    for (size_t i = 0; i < VD_NRECORDS; i++)
        if (rec->loaded[i])
            vd_check_doc(cx, &VD_RECORD_SCHEMAS[i], VD_RECORD_SCHEMAS[i].file, &rec->doc[i]);
}

peel_status peel_validate_run(const peel_validate_opts *opts, peel_validate_result *res,
                              peel_err *err)
{
    char data_dir[4200];
    vd_ctx cx;
    vd_records rec;
    memset(res, 0, sizeof *res);
    memset(&rec, 0, sizeof rec);
    if (!opts || !opts->report_dir || !opts->report_dir[0])
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no report folder given");
    snprintf(data_dir, sizeof data_dir, "%s/data", opts->report_dir);
    vd_ctx_init(&cx);
    peel_status st = peel_data_given(opts->data_dir, err);
    if (st == PEEL_OK)
        st = vd_catalog_load(&cx, opts->data_dir, err);
    if (st == PEEL_OK)
        st = load_records(&cx, data_dir, &rec, err);
    if (st != PEEL_OK)
        goto out;

    check_records(&cx, &rec);
    vd_check_sidecars(&cx, data_dir);
    int missing =
        vd_check_pillars(&cx, record(&rec, "judgments.csv"), record(&rec, "findings.csv"),
                         record(&rec, "summaries.csv"), res->missing, sizeof res->missing);
    res->truncated = vd_check_end(&cx, record(&rec, "meta.csv"));
    /* Only a report missing whole pillars is incomplete: one without its
     * closing publication line is read for what it holds, and the reject
     * row says it may be cut off. */
    res->incomplete = missing > 0;
    res->records = cx.records;
    res->rejects = (long)cx.rejects.n;
    res->rejected_records = vd_rejected_records(&cx);

    st = vd_rejects_write(&cx, data_dir, err);
    if (st != PEEL_OK)
        goto out;
    if (rec.bad.status != PEEL_OK) {
        *err = rec.bad;
        st = rec.bad.status;
    } else if (missing) {
        st = PEEL_FAIL(err, PEEL_EDATA, opts->report_dir, 0,
                       "incomplete report: %s missing (the report looks cut off; see "
                       "data/rejects.csv)",
                       res->missing);
    }
out:
    release_records(&rec);
    vd_ctx_release(&cx);
    return st;
}
