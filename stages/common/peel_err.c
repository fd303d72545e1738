#include "peel_err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

peel_status peel_err_set_at(peel_err *err, peel_status status, const char *file, long line,
                            const char *src_file, int src_line, const char *fmt, ...)
{
    if (!err)
        return status;
    err->status = status;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->field[0] = '\0';
    err->src_file = src_file;
    err->src_line = src_line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return status;
}

void peel_err_field(peel_err *err, const char *field)
{
    if (err)
        snprintf(err->field, sizeof err->field, "%s", field ? field : "");
}

void peel_err_clear(peel_err *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

/* Our source file as the tree names it ("stages/xlsx/kit.c"): __FILE__ is
 * whatever path the build gave the compiler. */
static const char *src_name(const char *path)
{
    const char *s = strstr(path, "stages/");
    if (s)
        return s;
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void peel_err_format(const peel_err *err, char *out, size_t cap)
{
    char where[600] = "", at[200] = "";
    if (err->file[0] && err->line > 0)
        snprintf(where, sizeof where, "%s:%ld: ", err->file, err->line);
    else if (err->file[0])
        snprintf(where, sizeof where, "%s: ", err->file);
    /* An internal fault is ours to find: say where it was raised. */
    if (err->status == PEEL_ESOFTWARE && err->src_file)
        snprintf(at, sizeof at, " (internal error at %s:%d)", src_name(err->src_file),
                 err->src_line);
    if (err->field[0])
        snprintf(out, cap, "%s%s: %s%s", where, err->field, err->msg, at);
    else
        snprintf(out, cap, "%s%s%s", where, err->msg, at);
}

const char *peel_status_name(peel_status status)
{
    switch (status) {
    case PEEL_OK:
        return "ok";
    case PEEL_EUSAGE:
        return "usage error";
    case PEEL_EDATA:
        return "invalid input";
    case PEEL_ENOINPUT:
        return "input missing";
    case PEEL_ESOFTWARE:
        return "internal error";
    case PEEL_EOS:
        return "system error";
    case PEEL_ECANTCREAT:
        return "cannot write";
    case PEEL_EIO:
        return "read error";
    case PEEL_ELOCKED:
        return "locked";
    }
    return "error";
}
