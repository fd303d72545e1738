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

#include "vd.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "*.csv", skipping dot files (our own temporaries, editors' backups). */
static int is_sidecar_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".csv") == 0;
}

static void check_file(vd_ctx *cx, const char *dir, const char *name, peel_vec *keep)
{
    char path[4500], rel[600];
    peel_csv_doc doc;
    peel_err e = {0};
    snprintf(path, sizeof path, "%s/%s", dir, name);
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
    snprintf(dir, sizeof dir, "%s/sidecars", data_dir);
    DIR *d = opendir(dir);
    if (!d) {
        if (errno != ENOENT)
            vd_reject_at(cx, "sidecars/", 0, 0, "", "", "unreadable_file",
                         "cannot list the sidecar folder: %s", strerror(errno));
        return 0;
    }
    peel_vec names = {0};
    for (struct dirent *de; (de = readdir(d));)
        if (is_sidecar_name(de->d_name))
            peel_vec_push(&names, peel_xstrdup(de->d_name));
    closedir(d);
    if (names.n)
        qsort(names.item, names.n, sizeof *names.item, by_name);
    for (size_t i = 0; i < names.n; i++)
        check_file(cx, dir, names.item[i], keep);
    long n = (long)names.n;
    peel_vec_release(&names, free);
    return n;
}
