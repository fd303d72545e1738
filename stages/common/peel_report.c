#include "peel_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Nonzero when rejects lists (name, line). */
static int rejected(const peel_csv_doc *rejects, const char *name, long line)
{
    if (!rejects || !rejects->nrow)
        return 0;
    int cf = peel_csv_col(rejects, "file"), cl = peel_csv_col(rejects, "line");
    for (size_t r = 0; r < rejects->nrow; r++)
        if (strcmp(peel_csv_get(rejects, r, cf), name) == 0 &&
            strtol(peel_csv_get(rejects, r, cl), NULL, 10) == line)
            return 1;
    return 0;
}

static void drop_rejected(peel_csv_doc *doc, const char *name, const peel_csv_doc *rejects)
{
    size_t kept = 0;
    for (size_t r = 0; r < doc->nrow; r++) {
        if (rejected(rejects, name, doc->row[r].line)) {
            for (size_t f = 0; f < doc->row[r].nfield; f++)
                free(doc->row[r].field[f]);
            free(doc->row[r].field);
            continue;
        }
        doc->row[kept++] = doc->row[r];
    }
    doc->nrow = kept;
}

peel_status peel_data_load(const char *report_dir, const char *name, const peel_csv_doc *rejects,
                           peel_csv_doc *doc, peel_err *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/data/%s", report_dir, name);
    peel_status st = peel_csv_load(path, doc, err);
    if (st == PEEL_OK)
        drop_rejected(doc, name, rejects);
    return st;
}

static peel_status load_optional(const char *path, peel_csv_doc *doc, peel_err *err)
{
    memset(doc, 0, sizeof *doc);
    return file_exists(path) ? peel_csv_load(path, doc, err) : PEEL_OK;
}

peel_status peel_report_load(peel_report *r, const char *report_dir, peel_err *err)
{
    static const char *const names[] = {"meta.csv",     "judgments.csv", "tables.csv",
                                        "findings.csv", "figures.csv",   "facts.csv",
                                        "summaries.csv"};
    peel_csv_doc *docs[] = {&r->meta,    &r->judgments, &r->tables,   &r->findings,
                            &r->figures, &r->facts,     &r->summaries};
    char path[4200];
    memset(r, 0, sizeof *r);
    snprintf(r->dir, sizeof r->dir, "%s", report_dir);
    snprintf(path, sizeof path, "%s/data/rejects.csv", report_dir);
    peel_status st = load_optional(path, &r->rejects, err);
    for (size_t i = 0; i < sizeof names / sizeof *names && st == PEEL_OK; i++)
        st = peel_data_load(report_dir, names[i], &r->rejects, docs[i], err);
    if (st == PEEL_OK) {
        snprintf(path, sizeof path, "%s/reconciliation.csv", report_dir);
        st = load_optional(path, &r->reconciliation, err);
    }
    if (st != PEEL_OK)
        peel_report_release(r);
    return st;
}

void peel_report_release(peel_report *r)
{
    peel_csv_doc *docs[] = {&r->meta,  &r->judgments, &r->tables,  &r->findings,       &r->figures,
                            &r->facts, &r->summaries, &r->rejects, &r->reconciliation, NULL};
    for (size_t i = 0; docs[i]; i++)
        peel_csv_doc_release(docs[i]);
}

const char *peel_report_meta(const peel_report *r, const char *key)
{
    int ck = peel_csv_col(&r->meta, "key"), cv = peel_csv_col(&r->meta, "value");
    for (size_t i = 0; i < r->meta.nrow; i++)
        if (strcmp(peel_csv_get(&r->meta, i, ck), key) == 0)
            return peel_csv_text(peel_csv_get(&r->meta, i, cv));
    return "";
}
