/* The run's inputs: operands walked into report files and sidecar CSVs, in
 * a fixed order (operands as given, folder entries by name), each read once
 * for its size and CRC-32.  Each real folder is walked once, however many
 * links lead to it (`ln -s . loop` would otherwise read every report again
 * at each level); only regular files are read, their size checked first. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "peel_csv.h"
#include "peel_stop.h"
#include "peel_text.h"
#include "rn.h"

enum { MAX_DEPTH = 16 };

/* A folder already walked: its identity, and the path it was walked by. */
typedef struct seen_folder {
    dev_t dev;
    ino_t ino;
    char *path; /* owned */
} seen_folder;

typedef struct walker {
    dev_t out_dev;
    ino_t out_ino;
    int has_out;
    peel_vec *reports, *sidecars;
    peel_vec seen;      /* seen_folder*, owned */
    peel_vec *warnings; /* owned strings, for the caller */
} walker;

static void warn(walker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void warn(walker *w, const char *fmt, ...)
{
    char msg[9000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    peel_vec_push(w->warnings, peel_xstrdup(msg));
}

static void seen_folder_free(void *p)
{
    seen_folder *f = p;
    if (f)
        free(f->path);
    free(f);
}

/* The path an earlier walk reached the folder `st` by, or NULL: then it is
 * recorded as reached by `path`. */
static const char *walked_before(walker *w, const struct stat *st, const char *path)
{
    for (size_t i = 0; i < w->seen.n; i++) {
        const seen_folder *f = w->seen.item[i];
        if (f->dev == st->st_dev && f->ino == st->st_ino)
            return f->path;
    }
    seen_folder *f = peel_xcalloc(1, sizeof *f);
    f->dev = st->st_dev;
    f->ino = st->st_ino;
    f->path = peel_xstrdup(path);
    peel_vec_push(&w->seen, f);
    return NULL;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcasecmp(s + n - k, suffix) == 0;
}

void rn_input_free(void *p)
{
    rn_input *in = p;
    if (!in)
        return;
    free(in->path);
    free(in->why);
    free(in->slug);
    free(in->force);
    free(in->staged);
    free(in->listed);
    peel_xlsx_overview_kept_free(in->kept);
    rn_kept_release(&in->probe);
    peel_vec_release(&in->said, free);
    free(in);
}

void rn_sidecar_free(void *p)
{
    rn_sidecar *sc = p;
    if (!sc)
        return;
    free(sc->path);
    free(sc->why);
    peel_vec_release(&sc->forces, free);
    free(sc);
}

/* A report input; e is the errno that makes it unreadable, or 0: read it
 * (a regular file within ingest's size limit, else why names the reason). */
static void add_report_err(walker *w, const char *path, int e)
{
    rn_input *in = peel_xcalloc(1, sizeof *in);
    in->path = peel_xstrdup(path);
    in->dup = -1;
    rn_kept_init(&in->probe);
    peel_err err = {0};
    peel_status st = e != 0
                         ? PEEL_FAIL(&err, PEEL_ENOINPUT, path, 0, "cannot read: %s", strerror(e))
                         : peel_file_crc32(path, PEEL_INGEST_MAX_BYTES, &in->crc, &in->size, &err);
    if (st != PEEL_OK) {
        char why[1300];
        peel_err_format(&err, why, sizeof why);
        in->why = peel_xstrdup(why);
        in->size = -1;
    }
    peel_vec_push(w->reports, in);
}

static void add_report(walker *w, const char *path)
{
    add_report_err(w, path, 0);
}

static void add_force(rn_sidecar *sc, const char *name)
{
    char slug[256];
    peel_slug(name, slug, sizeof slug);
    for (size_t i = 0; i < sc->forces.n; i++)
        if (strcmp(sc->forces.item[i], slug) == 0)
            return;
    peel_vec_push(&sc->forces, peel_xstrdup(slug));
}

static void add_sidecar(walker *w, const char *path)
{
    rn_sidecar *sc = peel_xcalloc(1, sizeof *sc);
    sc->path = peel_xstrdup(path);
    peel_vec_push(w->sidecars, sc);
    peel_csv_doc doc;
    peel_err e = {0};
    char msg[1300];
    if (peel_file_crc32(path, RN_SIDECAR_MAX, &sc->crc, &sc->size, &e) != PEEL_OK ||
        peel_csv_load(path, &doc, &e) != PEEL_OK) {
        peel_err_format(&e, msg, sizeof msg);
        sc->why = peel_xstrdup(msg);
        return;
    }
    int cf = peel_csv_col(&doc, "force");
    if (cf < 0) {
        snprintf(msg, sizeof msg,
                 "%s: no \"force\" column (a sidecar has the columns "
                 "force,key,value,unit,period,source)",
                 path);
        sc->why = peel_xstrdup(msg);
    }
    for (size_t i = 0; cf >= 0 && i < doc.nrow; i++) {
        const char *f = peel_csv_text(peel_csv_get(&doc, i, cf));
        if (f[0])
            add_force(sc, f);
    }
    peel_csv_doc_release(&doc);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk(walker *w, const char *dir, int depth)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return;
    if (w->has_out && st.st_dev == w->out_dev && st.st_ino == w->out_ino)
        return; /* our own outputs are no input */
    if (depth > MAX_DEPTH) {
        warn(w, "%s: folders nested more than %d deep are not read", dir, MAX_DEPTH);
        return;
    }
    const char *before = walked_before(w, &st, dir);
    if (before) {
        struct stat ls;
        int link = lstat(dir, &ls) == 0 && S_ISLNK(ls.st_mode);
        warn(w, "%s: %s the folder %s, already read: not read again", dir,
             link ? "a link to" : "is", before);
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        add_report_err(w, dir, errno); /* reported as unreadable, with the reason */
        return;
    }
    peel_vec names = {0};
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (de->d_name[0] != '.')
            peel_vec_push(&names, peel_xstrdup(de->d_name));
    closedir(d);
    if (names.n > 1)
        qsort(names.item, names.n, sizeof *names.item, by_name);
    for (size_t i = 0; i < names.n && !peel_stop_requested(); i++) {
        char path[4400];
        const char *name = names.item[i];
        snprintf(path, sizeof path, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", name);
        struct stat es;
        if (stat(path, &es) == 0 && S_ISDIR(es.st_mode))
            walk(w, path, depth + 1);
        else if (ends_with(name, ".csv"))
            add_sidecar(w, path);
        else if (ends_with(name, ".md") || ends_with(name, ".txt"))
            add_report(w, path); /* a dangling link lands here, as unreadable */
    }
    peel_vec_release(&names, free);
}

void rn_inputs_collect(const char *const *operands, size_t n, const char *outdir, peel_vec *reports,
                       peel_vec *sidecars, peel_vec *missing, peel_vec *warnings)
{
    walker w = {.reports = reports, .sidecars = sidecars, .warnings = warnings};
    struct stat st;
    if (stat(outdir, &st) == 0) {
        w.has_out = 1;
        w.out_dev = st.st_dev;
        w.out_ino = st.st_ino;
    }
    for (size_t i = 0; i < n && !peel_stop_requested(); i++) {
        const char *op = operands[i];
        if (stat(op, &st) != 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                peel_vec_push(missing, peel_xstrdup(op));
            else
                add_report(&w, op);
        } else if (S_ISDIR(st.st_mode))
            walk(&w, op, 0);
        else if (ends_with(op, ".csv"))
            add_sidecar(&w, op);
        else
            add_report(&w, op);
    }
    peel_vec_release(&w.seen, seen_folder_free);
}
