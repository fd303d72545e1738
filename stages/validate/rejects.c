/* The rejects a run collects, and data/rejects.csv.
 *
 * rejects.csv (contract: DESIGN.md "Records", peel_rec.c reads it):
 *   file,line,field,value,reason,source_line,message
 * file is relative to data/, line the CSV line the record starts on (empty
 * when the finding is about a file or the whole report, so no record is
 * dropped for it), value the offending text written with the formula guard,
 * source_line the report line when known. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_text.h"
#include "peel_afile.h"
#include "vd.h"

void vd_ctx_init(vd_ctx *cx)
{
    memset(cx, 0, sizeof *cx);
    peel_arena_init(&cx->arena);
    cx->force = "";
    cx->year_label = "";
}

void vd_ctx_release(vd_ctx *cx)
{
    peel_vec_release(&cx->rejects, NULL);
    peel_arena_release(&cx->arena);
}

const char *vd_get(const vd_row *row, const char *name)
{
    return peel_csv_get(row->doc, row->r, peel_csv_col(row->doc, name));
}

static void add(vd_ctx *cx, const char *file, long line, long source_line, const char *field,
                const char *value, const char *reason, const char *fmt, va_list ap)
    __attribute__((format(printf, 8, 0)));

static void add(vd_ctx *cx, const char *file, long line, long source_line, const char *field,
                const char *value, const char *reason, const char *fmt, va_list ap)
{
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    vd_reject_entry *j = peel_arena_alloc(&cx->arena, sizeof *j);
    j->file = peel_arena_strdup(&cx->arena, file);
    j->line = line;
    j->field = peel_arena_strdup(&cx->arena, field ? field : "");
    j->value = peel_arena_strdup(&cx->arena, value ? value : "");
    j->reason = reason;
    j->source_line = source_line;
    j->message = peel_arena_strdup(&cx->arena, msg);
    peel_vec_push(&cx->rejects, j);
}

void vd_reject(const vd_row *row, const char *field, const char *value, const char *reason,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(row->cx, row->file, row->doc->row[row->r].line, row->source_line, field, value, reason, fmt,
        ap);
    va_end(ap);
}

void vd_reject_at(vd_ctx *cx, const char *file, long line, long source_line, const char *field,
                  const char *value, const char *reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(cx, file, line, source_line, field, value, reason, fmt, ap);
    va_end(ap);
}

static int by_record(const void *a, const void *b)
{
    const vd_reject_entry *x = *(const vd_reject_entry *const *)a;
    const vd_reject_entry *y = *(const vd_reject_entry *const *)b;
    int c = strcmp(x->file, y->file);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

long vd_rejected_records(const vd_ctx *cx)
{
    size_t n = 0;
    const vd_reject_entry **rec = peel_xcalloc(cx->rejects.n + 1, sizeof(const vd_reject_entry *));
    for (size_t i = 0; i < cx->rejects.n; i++) {
        const vd_reject_entry *j = cx->rejects.item[i];
        if (j->line > 1) /* the header (line 1), files and the report leave no record out */
            rec[n++] = j;
    }
    if (n > 1)
        qsort(rec, n, sizeof(const vd_reject_entry *), by_record);
    long distinct = 0;
    for (size_t i = 0; i < n; i++)
        distinct += i == 0 || by_record(&rec[i - 1], &rec[i]) != 0;
    free(rec);
    return distinct;
}

peel_status vd_rejects_write(const vd_ctx *cx, peel_records *rec, const char *data_dir,
                             peel_err *err)
{
    rec->nreject = 0;
    peel_records_reserve(rec, PEEL_REJECTS, cx->rejects.n);
    for (size_t i = 0; i < cx->rejects.n; i++) {
        const vd_reject_entry *j = cx->rejects.item[i];
        peel_reject *k = peel_records_add(rec, PEEL_REJECTS);
        k->file = peel_records_str(rec, j->file);
        k->line = j->line;
        k->field = peel_records_str(rec, j->field);
        k->value = peel_records_str(rec, j->value);
        k->reason = peel_records_str(rec, j->reason);
        k->source_line = j->source_line;
        k->message = peel_records_str(rec, j->message);
    }
    char path[4400];
    peel_afile af = {0};
    peel_path_join(path, sizeof path, NULL, data_dir, "rejects.csv");
    peel_status st = peel_afile_open(&af, path, err);
    if (st != PEEL_OK)
        return st;
    if (peel_records_write(rec, PEEL_REJECTS, af.fp)) {
        peel_afile_abort(&af);
        return PEEL_FAIL(err, PEEL_ECANTCREAT, path, 0, "write failed");
    }
    return peel_afile_commit(&af, err);
}
