/* Sidecar CSVs: figures finance and HR teams supply for a report
 * (force,key,value,unit,period,source), copied by the driver to
 * data/sidecars/.  Each bad row is rejected on its own, naming the file and
 * line, so good rows of the same file still reach reconciliation; a file that
 * cannot be read at all is named with the line where reading failed. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_text.h"
#include "vd.h"

static void check_file(vd_ctx *cx, const char *dir, const char *name, peel_vec *keep)
{
    char path[4500], rel[600];
    peel_csv_doc doc;
    peel_err e = {0};
    peel_path_join(path, sizeof path, NULL, dir, name);
    snprintf(rel, sizeof rel, "sidecars/%s", name);
    peel_status st = peel_csv_load(path, &doc, &e);
    if (st != PEEL_OK) {
        vd_reject_at(cx, rel, e.line, 0, e.field, "",
                     st == PEEL_EDATA ? "bad_csv" : "unreadable_file",
                     "cannot read the file: %s; none of its rows is used", e.msg);
        return;
    }
    vd_check_doc(cx, PEEL_SIDECAR, rel, &doc);
    if (keep) {
        vd_sidecar *s = peel_xmalloc(sizeof *s);
        s->rel = peel_xstrdup(rel);
        s->doc = doc;
        peel_vec_push(keep, s);
    } else {
        peel_csv_doc_release(&doc);
    }
}

void vd_sidecar_free(void *p)
{
    vd_sidecar *s = p;
    peel_csv_doc_release(&s->doc);
    free(s->rel);
    free(s);
}

long vd_check_sidecars(vd_ctx *cx, const char *data_dir, peel_vec *keep)
{
    char dir[4200];
    peel_path_join(dir, sizeof dir, NULL, data_dir, "sidecars");
    peel_vec names = {0};
    if (peel_csv_files(dir, &names) != 0) {
        if (errno != ENOENT)
            vd_reject_at(cx, "sidecars/", 0, 0, "", "", "unreadable_file",
                         "cannot list the sidecar folder: %s", strerror(errno));
        return 0;
    }
    for (size_t i = 0; i < names.n; i++)
        check_file(cx, dir, names.item[i], keep);
    long n = (long)names.n;
    peel_vec_release(&names, free);
    return n;
}
