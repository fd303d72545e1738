/* What the checks read: the report's validated records and the rows of its
 * sidecar CSVs (the CSV files in data/sidecars, put there by the driver and checked by
 * validate; rejected rows are left out). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rc.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sidecar file names in sorted order, so results never depend on the folder. */
static size_t list_sidecars(const char *dir, peel_vec *names)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".csv") == 0 && e->d_name[0] != '.')
            peel_vec_push(names, peel_xstrdup(e->d_name));
    }
    closedir(dp);
    if (names->n > 1)
        qsort(names->item, names->n, sizeof *names->item, cmp_names);
    return names->n;
}

static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

static void add_rows(rc_data *d, const char *name, const peel_csv_doc *doc)
{
    int ck = peel_csv_col(doc, "key"), cv = peel_csv_col(doc, "value");
    int cu = peel_csv_col(doc, "unit"), cp = peel_csv_col(doc, "period");
    int cs = peel_csv_col(doc, "source");
    for (size_t r = 0; r < doc->nrow; r++) {
        rc_sidecar_row *s = peel_arena_alloc(&d->arena, sizeof *s);
        s->file = peel_arena_strdup(&d->arena, name);
        s->key = peel_arena_strdup(&d->arena, peel_csv_get(doc, r, ck));
        s->value = strtod(peel_csv_get(doc, r, cv), NULL);
        s->decimals = decimals_of(peel_csv_get(doc, r, cv));
        s->unit = peel_arena_strdup(&d->arena, peel_csv_get(doc, r, cu));
        s->period = peel_arena_strdup(&d->arena, peel_csv_text(peel_csv_get(doc, r, cp)));
        s->source = peel_arena_strdup(&d->arena, peel_csv_text(peel_csv_get(doc, r, cs)));
        s->csv_line = doc->row[r].line;
        peel_vec_push(&d->sidecar_rows, s);
    }
}

void rc_data_init(rc_data *d, const peel_report *rep)
{
    memset(d, 0, sizeof *d);
    d->rep = rep;
    peel_arena_init(&d->arena);
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/data/sidecars", rep->dir);
    peel_vec names = {0};
    list_sidecars(dir, &names);
    for (size_t i = 0; i < names.n; i++) {
        char rel[300];
        peel_csv_doc doc;
        peel_err ignored = {0};
        snprintf(rel, sizeof rel, "sidecars/%s", (const char *)names.item[i]);
        /* A sidecar that does not parse is already in rejects.csv (validate
         * says why); its rows cannot be compared, the report's still can. */
        if (peel_data_load(rep->dir, rel, &rep->rejects, &doc, &ignored) != PEEL_OK)
            continue;
        add_rows(d, rel, &doc);
        peel_csv_doc_release(&doc);
    }
    peel_vec_release(&names, free);
}

void rc_data_release(rc_data *d)
{
    peel_vec_release(&d->sidecar_rows, NULL);
    peel_arena_release(&d->arena);
}
