/* The TrueType fonts, found at run time.  libharu's standard fonts print
 * £ ’ – with WinAnsiEncoding, but have no ŵ ŷ for Welsh names (nor most
 * other letters beyond Western European), and no 8-bit encoding of
 * libharu's holds those and ’ – together; so the packs embed DejaVu Sans
 * through the UTF-8 CID path, as subsets of what each pack prints
 * (subset.c), which also looks the same in every viewer.  When a font is
 * missing the message says which file and which Debian package provides
 * it. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pd.h"

#define PD_FONT_PACKAGE "fonts-dejavu-core"
#define PD_FONT_FILE "DejaVuSans.ttf"
#define PD_BOLD_FILE "DejaVuSans-Bold.ttf"

/* Where distributions install DejaVu Sans; Debian's first. */
static const char *const FONT_DIRS[] = {
    "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/dejavu",          "/usr/share/fonts/TTF",
    "/usr/local/share/fonts/dejavu",    "/usr/local/share/fonts"};

static int readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* Big-endian integers of the font file. */
static unsigned long be(const unsigned char *b, int n)
{
    unsigned long v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | b[i];
    return v;
}

/* Reads the table directory of a TrueType file into dir (16 bytes a table);
 * returns the number of tables, or 0 when the file is not one. */
static unsigned long read_directory(FILE *fp, unsigned char *dir, size_t cap, long *size)
{
    unsigned char head[12];
    if (fseek(fp, 0, SEEK_END) != 0 || (*size = ftell(fp)) < 12 || fseek(fp, 0, SEEK_SET) != 0 ||
        fread(head, 1, sizeof head, fp) != sizeof head)
        return 0;
    unsigned long version = be(head, 4), n = be(head + 4, 2);
    if ((version != 0x00010000UL && version != 0x74727565UL /* "true" */) || n == 0 ||
        n * 16 > cap || fread(dir, 16, n, fp) != n)
        return 0;
    return n;
}

/* Nonzero when `path` is a TrueType font whose tables libharu needs are
 * all there and inside the file.  libharu 2.3.0 itself crashes on some
 * files that are not fonts, so they never reach it. */
static int truetype(const char *path)
{
    static const char *const needed[] = {"cmap", "glyf", "head", "hhea", "hmtx",
                                         "loca", "maxp", "name", "OS/2"};
    unsigned char dir[16 * 256];
    long size = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    unsigned long n = read_directory(fp, dir, sizeof dir, &size);
    fclose(fp);
    size_t found = 0;
    for (unsigned long i = 0; i < n; i++) {
        const unsigned char *t = dir + 16 * i;
        if (be(t + 8, 4) + be(t + 12, 4) > (unsigned long)size)
            return 0;
        for (size_t k = 0; k < sizeof needed / sizeof *needed; k++)
            found += memcmp(t, needed[k], 4) == 0;
    }
    return n && found == sizeof needed / sizeof *needed;
}

static peel_status not_truetype(const char *path, peel_err *err)
{
    return PEEL_FAIL(
        err, PEEL_ENOINPUT, path, 0,
        "not a TrueType font libharu can embed: install the Debian package " PD_FONT_PACKAGE
        " (it provides " PD_FONT_FILE "), or pass --font FILE");
}

static peel_status missing(const char *path, peel_err *err)
{
    return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0,
                     "font not found or unreadable: install the Debian package " PD_FONT_PACKAGE
                     " (it provides " PD_FONT_FILE "), or pass --font FILE");
}

/* The default regular font: the first readable one of FONT_DIRS. */
static peel_status default_font(char *regular, size_t cap, peel_err *err)
{
    for (size_t i = 0; i < sizeof FONT_DIRS / sizeof *FONT_DIRS; i++) {
        snprintf(regular, cap, "%s/%s", FONT_DIRS[i], PD_FONT_FILE);
        if (readable(regular))
            return PEEL_OK;
    }
    snprintf(regular, cap, "%s/%s", FONT_DIRS[0], PD_FONT_FILE);
    return missing(regular, err);
}

/* The bold face next to the regular one ("X.ttf" -> "X-Bold.ttf"); the
 * regular face stands in when there is none, so headings stay readable. */
static void sibling_bold(const char *regular, char *bold, size_t cap)
{
    const char *dot = strrchr(regular, '.'), *slash = strrchr(regular, '/');
    if (dot && (!slash || dot > slash)) {
        snprintf(bold, cap, "%.*s-Bold%s", (int)(dot - regular), regular, dot);
        if (readable(bold))
            return;
    }
    snprintf(bold, cap, "%s", regular);
}

peel_status pd_font_find(const peel_pdf_opts *o, char *regular, char *bold, size_t cap,
                         peel_err *err)
{
    if (o->font_path) {
        snprintf(regular, cap, "%s", o->font_path);
        if (!readable(regular))
            return missing(regular, err);
    } else {
        peel_status st = default_font(regular, cap, err);
        if (st != PEEL_OK)
            return st;
    }
    if (o->bold_font_path) {
        snprintf(bold, cap, "%s", o->bold_font_path);
        if (!readable(bold))
            return missing(bold, err);
    } else {
        sibling_bold(regular, bold, cap);
    }
    return PEEL_OK;
}

peel_status pd_font_check(const char *path, peel_err *err)
{
    if (!readable(path))
        return missing(path, err);
    return truetype(path) ? PEEL_OK : not_truetype(path, err);
}
