/* The report as lines.  Checks what must hold before any parsing: well-formed
 * UTF-8 (text in another Unicode encoding is named as such), no NUL bytes,
 * lines of sane length.  A BOM and CRLF line ends are accepted and give the
 * same lines as plain LF; so do CR line ends in a file that has no LF at all
 * (old Mac OS text), rather than one long line. */
#include <stdlib.h>
#include <string.h>

#include "ing.h"
#include "peel_text.h"

/* How far into the file UTF-16 without a byte order mark is looked for. */
enum { SNIFF_BYTES = 4096 };

static long line_of(const char *data, size_t off, char eol)
{
    long line = 1;
    for (size_t i = 0; i < off; i++)
        if (data[i] == eol)
            line++;
    return line;
}

/* Text in another Unicode encoding: what it is, and its name for iconv. */
typedef struct other_encoding {
    const char *what;
    const char *iconv_name;
} other_encoding;

/* UTF-32 or UTF-16 by its byte order mark, or UTF-16 without one by its
 * shape: text that is mostly ASCII has a NUL in every other byte.  NULL
 * when the text is neither. */
static const other_encoding *other_unicode(const unsigned char *d, size_t size)
{
    static const other_encoding KINDS[] = {
        {"UTF-32 text (little-endian, byte order mark FF FE 00 00)", "UTF-32"},
        {"UTF-32 text (big-endian, byte order mark 00 00 FE FF)", "UTF-32"},
        {"UTF-16 text (little-endian, byte order mark FF FE)", "UTF-16"},
        {"UTF-16 text (big-endian, byte order mark FE FF)", "UTF-16"},
        {"UTF-16 text (little-endian, no byte order mark)", "UTF-16LE"},
        {"UTF-16 text (big-endian, no byte order mark)", "UTF-16BE"},
    };
    if (size >= 4 && memcmp(d, "\xFF\xFE\0\0", 4) == 0)
        return &KINDS[0];
    if (size >= 4 && memcmp(d, "\0\0\xFE\xFF", 4) == 0)
        return &KINDS[1];
    if (size >= 2 && d[0] == 0xFF && d[1] == 0xFE)
        return &KINDS[2];
    if (size >= 2 && d[0] == 0xFE && d[1] == 0xFF)
        return &KINDS[3];
    size_t n = (size < SNIFF_BYTES ? size : SNIFF_BYTES) & ~(size_t)1;
    size_t even = 0, odd = 0; /* NUL bytes at even and odd offsets */
    for (size_t i = 0; i < n; i += 2) {
        even += d[i] == 0;
        odd += d[i + 1] == 0;
    }
    size_t pairs = n / 2;
    /* Nearly every pair has one NUL, always on the same side. */
    if (pairs >= 2 && odd * 10 >= pairs * 9 && even * 10 <= pairs)
        return &KINDS[4];
    if (pairs >= 2 && even * 10 >= pairs * 9 && odd * 10 <= pairs)
        return &KINDS[5];
    return NULL;
}

static peel_status check_bytes(const char *name, const char *data, size_t size, char eol,
                               peel_err *err)
{
    const char *nul = memchr(data, '\0', size);
    const other_encoding *other = other_unicode((const unsigned char *)data, size);
    if (other)
        return PEEL_FAIL(err, PEEL_EDATA, name, 0,
                         "%s: convert it to UTF-8 (for example with iconv -f %s -t UTF-8)",
                         other->what, other->iconv_name);
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
    for (size_t i = 0; (i += peel_printable_run(data + i, size - i)) < size; i++) {
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
