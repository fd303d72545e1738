/* libxlsxwriter's XML writer without printf.
 *
 * libxlsxwriter 1.1.4 writes every tag of a workbook's XML parts through
 * the functions of its xmlwriter.c, and each of them formats through
 * fprintf: "<%s", then " %s=" and "\"%s\"" for each attribute, then ">".
 * Every attribute is first copied into a struct of two 2,080-byte arrays
 * with strncpy, which pads the rest of each array with zeros, and an
 * integer attribute is formatted with snprintf.  In a report's three
 * workbooks these cost about 45 M instructions, a seventh of the xlsx
 * stage, for bytes that need no formatting at all.
 *
 * How: as peel_hpdfutil.c does for libharu, the programs that link
 * libxlsxwriter define these functions and export them (stages/
 * CMakeLists.txt, peel_interpose.list), so that the dynamic linker binds
 * the library's own calls, made through its PLT, here.  Each writes the
 * bytes libxlsxwriter 1.1.4's own writes (read from the Debian build's
 * code, and checked against it byte for byte: tests/unit/test_xlsxxml.c):
 * an attribute's & < > " and newline as entities, a data element's & < >
 * only; an attribute's key and value cut at 2,079 bytes; an integer
 * attribute printed as a signed int, as "%d" prints the library's
 * uint32_t.  The double attribute and the other writers are left to the
 * library (few calls). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>
#include <xlsxwriter/xmlwriter.h>

#include "peel_mem.h"

static void put(FILE *f, const char *s)
{
    fputs_unlocked(s, f);
}

/* s, each of `special` in it written as its entity: the runs between are
 * written whole. */
static void put_escaped(FILE *f, const char *s, const char *special)
{
    for (;;) {
        size_t n = strcspn(s, special);
        fwrite_unlocked(s, 1, n, f);
        s += n;
        switch (*s) {
        case '\0':
            return;
        case '&':
            put(f, "&amp;");
            break;
        case '<':
            put(f, "&lt;");
            break;
        case '>':
            put(f, "&gt;");
            break;
        case '"':
            put(f, "&quot;");
            break;
        default: /* '\n', in an attribute */
            put(f, "&#xA;");
            break;
        }
        s++;
    }
}

/* " key=\"value\"" for each attribute, the values escaped or not. */
static void put_attributes(FILE *f, struct xml_attribute_list *attributes, int escaped)
{
    struct xml_attribute *a;
    if (!attributes)
        return;
    STAILQ_FOREACH(a, attributes, list_entries)
    {
        putc_unlocked(' ', f);
        put(f, a->key);
        put(f, "=\"");
        if (escaped)
            put_escaped(f, a->value, "&<>\"\n");
        else
            put(f, a->value);
        putc_unlocked('"', f);
    }
}

static void open_tag(FILE *f, const char *tag, struct xml_attribute_list *attributes, int escaped)
{
    putc_unlocked('<', f);
    put(f, tag);
    put_attributes(f, attributes, escaped);
}

void lxw_xml_start_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes)
{
    open_tag(xmlfile, tag, attributes, 1);
    putc_unlocked('>', xmlfile);
}

void lxw_xml_start_tag_unencoded(FILE *xmlfile, const char *tag,
                                 struct xml_attribute_list *attributes)
{
    open_tag(xmlfile, tag, attributes, 0);
    putc_unlocked('>', xmlfile);
}

void lxw_xml_end_tag(FILE *xmlfile, const char *tag)
{
    put(xmlfile, "</");
    put(xmlfile, tag);
    putc_unlocked('>', xmlfile);
}

void lxw_xml_empty_tag(FILE *xmlfile, const char *tag, struct xml_attribute_list *attributes)
{
    open_tag(xmlfile, tag, attributes, 1);
    put(xmlfile, "/>");
}

void lxw_xml_empty_tag_unencoded(FILE *xmlfile, const char *tag,
                                 struct xml_attribute_list *attributes)
{
    open_tag(xmlfile, tag, attributes, 0);
    put(xmlfile, "/>");
}

void lxw_xml_data_element(FILE *xmlfile, const char *tag, const char *data,
                          struct xml_attribute_list *attributes)
{
    open_tag(xmlfile, tag, attributes, 1);
    putc_unlocked('>', xmlfile);
    put_escaped(xmlfile, data, "&<>");
    lxw_xml_end_tag(xmlfile, tag);
}

/* LXW_ATTRIBUTE_COPY's result, without the zeros strncpy pads with. */
static void copy_cut(char *dst, const char *src)
{
    size_t n = strnlen(src, LXW_MAX_ATTRIBUTE_LENGTH - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

struct xml_attribute *lxw_new_attribute_str(const char *key, const char *value)
{
    struct xml_attribute *a = peel_xmalloc(sizeof *a);
    copy_cut(a->key, key);
    copy_cut(a->value, value);
    return a;
}

struct xml_attribute *lxw_new_attribute_int(const char *key, uint32_t value)
{
    struct xml_attribute *a = peel_xmalloc(sizeof *a);
    copy_cut(a->key, key);
    /* "%d" of the value as the library passes it: an int. */
    int32_t v = (int32_t)value;
    char digits[12], *p = digits + sizeof digits;
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    *--p = '\0';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    memcpy(a->value, p, (size_t)(digits + sizeof digits - p));
    return a;
}
