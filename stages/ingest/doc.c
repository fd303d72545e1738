/* The report as lines.  Checks what must hold before any parsing: well-formed
 * UTF-8, no NUL bytes, lines of sane length.  A BOM and CRLF line ends are
 * accepted and give the same lines as plain LF; so do CR line ends in a file
 * that has no LF at all (old Mac OS text), rather than one long line. */
#include <stdlib.h>
#include <string.h>

#include "ing.h"
#include "peel_text.h"

static long line_of(const char *data, size_t off, char eol)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (data[i] == eol)
            line++;
    return line;
}

static peel_status check_bytes(const char *name, const char *data, size_t size, char eol,
                               peel_err *err)
{
    const char *nul = memchr(data, '\0', size);
    if (nul)
        return PEEL_FAIL(err, PEEL_EDATA, name, line_of(data, (size_t)(nul - data), eol),
                         "NUL byte in the text (a binary file, not a report?)");
    size_t bad = 0;
    if (!peel_utf8_valid(data, size, &bad))
        return PEEL_FAIL(err, PEEL_EDATA, name, line_of(data, bad, eol),
                         "invalid UTF-8 at byte %zu (reports must be UTF-8)", bad);
    return PEEL_OK;
}

/* Text from a report goes into workbooks (XML 1.0, where C0 controls but
 * tab and line ends, and U+FFFE/U+FFFF, are not allowed at all: one makes the
 * whole file unreadable to Excel and LibreOffice), PDFs and CSV.  A stray
 * form feed or escape (text converted from PDF often has them) is layout,
 * not content: it becomes a space, in place, so lengths and lines stay. */
static void blank_controls(ing_doc *doc, char *data, size_t size, char eol)
{
    for (size_t i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        int ctl = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
        int nonchar = c == 0xEF && i + 2 < size && (unsigned char)data[i + 1] == 0xBF &&
                      ((unsigned char)data[i + 2] == 0xBE || (unsigned char)data[i + 2] == 0xBF);
        if (!ctl && !nonchar)
            continue;
        if (doc->ncontrol++ == 0)
            doc->control_line = line_of(data, i, eol);
        if (ctl)
            data[i] = ' ';
        else
            data[i + 2] = (char)0xBD; /* U+FFFD, the replacement character */
    }
}

peel_status ing_doc_init(ing_doc *doc, const char *name, char *data, size_t size, size_t max_line,
                         peel_err *err)
{
    memset(doc, 0, sizeof *doc);
    doc->name = name;
    doc->data = data;
    doc->size = size;
    size_t off = 0;
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        off = 3;
    doc->cr_only = !memchr(data + off, '\n', size - off) && memchr(data + off, '\r', size - off);
    char eol = doc->cr_only ? '\r' : '\n';
    peel_status st = check_bytes(name, data + off, size - off, eol, err);
    if (st != PEEL_OK)
        return st;
    blank_controls(doc, data + off, size - off, eol);

    size_t cap = 1024;
    doc->line = peel_xmalloc(cap * sizeof *doc->line);
    while (off < size) {
        const char *s = data + off;
        const char *nl = memchr(s, eol, size - off);
        size_t len = nl ? (size_t)(nl - s) : size - off;
        off += len + (nl ? 1 : 0);
        if (len > 0 && s[len - 1] == '\r')
            len--;
        if (len > max_line)
            return PEEL_FAIL(err, PEEL_EDATA, name, (long)doc->nline + 1,
                             "line of %zu bytes is longer than the limit of %zu", len, max_line);
        if (doc->nline == cap) {
            cap *= 2;
            doc->line = peel_xrealloc(doc->line, cap * sizeof *doc->line);
        }
        doc->line[doc->nline++] = (ing_line){.s = s, .len = len};
    }
    return PEEL_OK;
}

void ing_doc_release(ing_doc *doc)
{
    free(doc->data);
    free(doc->line);
    memset(doc, 0, sizeof *doc);
}
