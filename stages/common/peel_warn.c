/* Warnings collected by the stages (peel_warn.h). */
#include <stdarg.h>
#include <string.h>

#include "peel_warn.h"

void peel_warnings_init(peel_warnings *w)
{
    memset(w, 0, sizeof *w);
    peel_arena_init(&w->arena);
}

void peel_warnings_release(peel_warnings *w)
{
    peel_arena_release(&w->arena);
    memset(w, 0, sizeof *w);
}

static void keep(peel_warnings *w, const char *file, long line, const char *msg)
{
    w->count++;
    if (w->n == PEEL_WARN_KEPT)
        return;
    peel_warning *x = &w->item[w->n++];
    x->file = peel_arena_strdup(&w->arena, file ? file : "");
    x->line = line;
    x->msg = peel_arena_strdup(&w->arena, msg);
}

void peel_warnings_add(peel_warnings *w, const char *file, long line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    keep(w, file, line, msg);
}

void peel_warnings_total(peel_warnings *w, const char *file, const char *what)
{
    w->total_file = peel_arena_strdup(&w->arena, file ? file : "");
    w->total = peel_arena_strdup(&w->arena, what);
}

void peel_warnings_merge(peel_warnings *w, const peel_warnings *from)
{
    for (size_t i = 0; i < from->n; i++)
        keep(w, from->item[i].file, from->item[i].line, from->item[i].msg);
    w->count += from->count - (long)from->n;
}

/* "file:line: " ("file: " without a line, "" without a file). */
static void where(const peel_warning *x, char *out, size_t cap)
{
    if (x->line > 0)
        snprintf(out, cap, "%s:%ld: ", x->file, x->line);
    else if (x->file[0])
        snprintf(out, cap, "%s: ", x->file);
    else
        out[0] = '\0';
}

static int has_total(const peel_warnings *w)
{
    return w->count > (long)w->n && w->total;
}

void peel_warnings_print(const peel_warnings *w, const char *prog, FILE *fp)
{
    char at[600];
    for (size_t i = 0; i < w->n; i++) {
        where(&w->item[i], at, sizeof at);
        fprintf(fp, "%s: %swarning: %s\n", prog, at, w->item[i].msg);
    }
    if (has_total(w))
        fprintf(fp, "%s: %s: %ld %s\n", prog, w->total_file, w->count, w->total);
}

void peel_warnings_text(const peel_warnings *w, peel_buf *out)
{
    char at[600];
    for (size_t i = 0; i < w->n; i++) {
        where(&w->item[i], at, sizeof at);
        peel_buf_printf(out, "%s%s\n", at, w->item[i].msg);
    }
    if (has_total(w))
        peel_buf_printf(out, "%s: %ld %s\n", w->total_file, w->count, w->total);
}
