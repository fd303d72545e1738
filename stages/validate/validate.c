/* peel_validate_run: the records (read from their files, or as the caller
 * holds them), the schema table run over each file, the sidecars checked and
 * the report checked whole; data/rejects.csv written, and the records left
 * validated: rejects added, the rows they name left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_text.h"
#include "peel_data.h"
#include "validate.h"
#include "vd.h"

typedef struct vd_records {
    peel_csv_doc doc[PEEL_NRECORD_FILES]; /* one per record file (peel_file); owned */
    int loaded[PEEL_NRECORD_FILES];       /* nonzero when doc[i] holds the file */
    peel_err bad;                         /* the first file that could not be parsed */
    peel_vec sidecars;                    /* vd_sidecar*: those that parsed */
} vd_records;

static const peel_csv_doc *record(const vd_records *rec, peel_file f)
{
    static const peel_csv_doc empty = {0};
    return rec->loaded[f] ? &rec->doc[f] : &empty;
}

static int holds_records(const peel_records *r)
{
    for (int f = PEEL_META; f < PEEL_NRECORD_FILES; f++)
        if (peel_records_count(r, (peel_file)f))
            return 1;
    return 0;
}

/* A missing record file stops the run (PEEL_ENOINPUT: ingest has not run).
 * A file that does not parse is a reject, and the run goes on to find
 * everything else before failing.  Records given hold each file's fields
 * as the text their file has gives them (the same codec wrote it): what is
 * checked is what is stored, without reading the file back or parsing it. */
static peel_status load_records(vd_ctx *cx, const char *data_dir, peel_records *given,
                                vd_records *rec, peel_err *err)
{
    for (size_t i = 0; i < PEEL_NRECORD_FILES; i++) {
        char path[4400];
        peel_err e = {0};
        const char *name = peel_schema((peel_file)i)->name;
        peel_path_join(path, sizeof path, NULL, data_dir, name);
        peel_status st = given
                             ? peel_records_take_fields(given, (peel_file)i, path, &rec->doc[i], &e)
                             : peel_csv_load(path, &rec->doc[i], &e);
        if (st == PEEL_OK) {
            rec->loaded[i] = 1;
            continue;
        }
        if (st != PEEL_EDATA) {
            *err = e;
            return st;
        }
        vd_reject_at(cx, name, e.line, 0, "", "", "bad_csv",
                     "cannot read the file: %s; none of its rows is used", e.msg);
        if (rec->bad.status == PEEL_OK)
            rec->bad = e;
    }
    return PEEL_OK;
}

static void release_records(vd_records *rec)
{
    for (size_t i = 0; i < PEEL_NRECORD_FILES; i++)
        if (rec->loaded[i])
            peel_csv_doc_release(&rec->doc[i]);
    peel_vec_release(&rec->sidecars, vd_sidecar_free);
}

static void check_records(vd_ctx *cx, const vd_records *rec)
{
    vd_read_meta(cx, record(rec, PEEL_META));
    for (size_t i = 0; i < PEEL_NRECORD_FILES; i++)
        if (rec->loaded[i])
            vd_check_doc(cx, (peel_file)i, peel_schema((peel_file)i)->name, &rec->doc[i]);
}

/* The validated records into out (its rejects already set): those given
 * lose the rows rejected; otherwise the files' rows are read, but those.
 * The sidecars' good rows either way. */
static peel_status keep_records(const vd_records *rec, int given, const char *report_dir,
                                peel_records *out, peel_err *err)
{
    peel_status st = PEEL_OK;
    if (given)
        peel_records_drop_rejected(out);
    for (size_t i = 0; !given && i < PEEL_NRECORD_FILES && st == PEEL_OK; i++)
        if (rec->loaded[i])
            st = peel_records_read(out, (peel_file)i, &rec->doc[i], peel_schema((peel_file)i)->name,
                                   err);
    for (size_t i = 0; i < rec->sidecars.n && st == PEEL_OK; i++) {
        const vd_sidecar *s = rec->sidecars.item[i];
        st = peel_records_read(out, PEEL_SIDECAR, &s->doc, s->rel, err);
    }
    out->dir = peel_records_str(out, report_dir);
    out->validated = 1;
    return st;
}

struct peel_validate_catalog {
    vd_catalog cat;
};

static peel_status catalog_load(void *cat, const char *data_dir, const void *arg, peel_err *err)
{
    (void)arg;
    return vd_catalog_load(&((peel_validate_catalog *)cat)->cat, data_dir, err);
}

static void catalog_release(void *cat)
{
    vd_catalog_release(&((peel_validate_catalog *)cat)->cat);
}

static const peel_catalog_kind CATALOG = {sizeof(peel_validate_catalog), catalog_load,
                                          catalog_release};

peel_status peel_validate_catalog_new(const char *data_dir, peel_validate_catalog **out,
                                      peel_err *err)
{
    void *cat;
    peel_status st = peel_catalog_new(&CATALOG, data_dir, NULL, &cat, err);
    *out = cat;
    return st;
}

void peel_validate_catalog_free(peel_validate_catalog *c)
{
    peel_catalog_free(&CATALOG, c);
}

peel_status peel_validate_run(const peel_validate_opts *opts, peel_validate_result *res,
                              peel_err *err)
{
    char data_dir[4200];
    vd_ctx cx;
    vd_catalog own_cat = {0}; /* when the caller gave no catalogue */
    vd_records rec;
    peel_records own = {0}, *out = opts && opts->records ? opts->records : &own;
    memset(res, 0, sizeof *res);
    memset(&rec, 0, sizeof rec);
    if (!opts || !opts->report_dir || !opts->report_dir[0])
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no report folder given");
    if (out == &own)
        peel_records_init(&own);
    int given = holds_records(out);
    vd_ctx_init(&cx);
    peel_status st = peel_path_join(data_dir, sizeof data_dir, err, opts->report_dir, "data");
    if (st == PEEL_OK)
        st = peel_data_given(opts->data_dir, err);
    if (st == PEEL_OK && !opts->catalog)
        st = vd_catalog_load(&own_cat, opts->data_dir, err);
    cx.cat = opts->catalog ? &opts->catalog->cat : &own_cat;
    if (st == PEEL_OK)
        st = load_records(&cx, data_dir, given ? out : NULL, &rec, err);
    if (st != PEEL_OK)
        goto out;

    check_records(&cx, &rec);
    vd_check_sidecars(&cx, data_dir, out == &own ? NULL : &rec.sidecars);
    int missing = vd_check_pillars(&cx, record(&rec, PEEL_JUDGMENTS), record(&rec, PEEL_FINDINGS),
                                   record(&rec, PEEL_SUMMARIES), res->missing, sizeof res->missing);
    res->truncated = vd_check_end(&cx, record(&rec, PEEL_META));
    /* Only a report missing whole pillars is incomplete: one without its
     * closing publication line is read for what it holds, and the reject
     * row says it may be cut off. */
    res->incomplete = missing > 0;
    res->records = cx.records;
    res->rejects = (long)cx.rejects.n;
    res->rejected_records = vd_rejected_records(&cx);

    st = vd_rejects_write(&cx, out, data_dir, err);
    /* A record file that does not parse leaves the records unvalidated:
     * later stages read the files, and say so. */
    if (st == PEEL_OK && out != &own && rec.bad.status == PEEL_OK)
        st = keep_records(&rec, given, opts->report_dir, out, err);
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
    vd_catalog_release(&own_cat);
    if (out == &own)
        peel_records_release(&own);
    return st;
}
