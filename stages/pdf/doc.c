/* The libharu document: error handling, fonts, compression, metadata and
 * the file.  libharu calls an error handler and then leaves its error state
 * set; the handler here records the code and jumps back to pdf.c, which
 * turns it into a peel_err and frees the document. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include "pd.h"
#include "peel_hpdfmem.h"
#include "peel_text.h"

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user)
{
    pd_ctx *c = user;
    c->hpdf_error = code;
    c->hpdf_detail = detail;
    /* libharu keeps only ferror()'s flag; the cause of a failed write (a
     * full disk, the file-size limit) is still in errno here. */
    c->hpdf_errno = errno;
    longjmp(c->jmp, 1);
}

void pd_doc_fail(pd_ctx *c, HPDF_STATUS code)
{
    on_error(code ? code : HPDF_INVALID_OBJECT, 0, c);
}

void pd_doc_fault(pd_ctx *c, const char *msg)
{
    c->doing = msg;
    c->fail_status = PEEL_ESOFTWARE;
    c->hpdf_error = HPDF_OK; /* not libharu's: hpdf_failure says msg alone */
    c->hpdf_detail = 0;
    longjmp(c->jmp, 1);
}

static pd_style style(const pd_font *f, float size, float lead, unsigned rgb)
{
    pd_style s = {f, size, lead, rgb};
    return s;
}

static void styles(pd_ctx *c)
{
    c->body = style(c->font, 10.0f, 14.5f, PD_INK);
    c->bold_body = style(c->bold, 10.0f, 14.5f, PD_INK);
    c->small = style(c->font, 8.5f, 12.0f, PD_INK);
    c->note = style(c->font, 8.0f, 11.0f, PD_MUTED);
    c->h1 = style(c->bold, 20.0f, 26.0f, PD_NAVY);
    c->h2 = style(c->bold, 13.5f, 19.0f, PD_NAVY);
    c->h3 = style(c->bold, 10.5f, 15.0f, PD_ACCENT);
}

/* Loads the subset of font i from memory, under the name pd_face_subset
 * registered it by: libharu's stream over it (peel_hpdfmem.c) then holds it
 * until the document is freed, so the name is no longer ours to drop. */
static pd_font *load_font(pd_ctx *c, int i)
{
    c->loading = c->fonts->face[i].path;
    c->doing = peel_arena_printf(&c->arena, "loading the TrueType font %s", c->loading);
    c->fail_status = PEEL_ENOINPUT;
    const char *name = HPDF_LoadTTFontFromFile(c->pdf, c->font_name[i], HPDF_TRUE);
    c->font_name[i][0] = '\0';
    HPDF_Font f = name ? HPDF_GetFont(c->pdf, name, "UTF-8") : NULL;
    if (!f)
        pd_doc_fail(c, HPDF_GetError(c->pdf));
    pd_tounicode_fix(c, f);
    pd_cidmap_trim(c, f);
    return pd_font_new(&c->arena, f);
}

void pd_doc_drop_fonts(pd_ctx *c)
{
    for (int i = 0; i < 2; i++) {
        peel_hpdf_mem_drop(c->font_name[i]);
        c->font_name[i][0] = '\0';
    }
}

void pd_doc_new(pd_ctx *c)
{
    c->doing = "creating the document";
    c->fail_status = PEEL_EOS;
    c->pdf = HPDF_New(on_error, c);
    if (!c->pdf)
        pd_doc_fail(c, HPDF_FAILD_TO_ALLOC_MEM);
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    /* UTF-8 for text, bookmarks and the info dictionary alike. */
    HPDF_UseUTFEncodings(c->pdf);
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    c->enc = HPDF_GetEncoder(c->pdf, "UTF-8");
    HPDF_SetPageMode(c->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    c->font = load_font(c, 0);
    c->bold = c->fonts->same ? c->font : load_font(c, 1);
    styles(c);
    c->doing = "laying out the pages";
    c->fail_status = PEEL_ESOFTWARE;
}

/* The creation date, as the workbooks say it (peel_created_time). */
static HPDF_Date created(const char *published_date)
{
    struct tm tm = {0};
    time_t t = (time_t)peel_created_time(published_date);
    gmtime_r(&t, &tm);
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec,         'Z',           0,          0};
    return d;
}

/* What libharu 2.3.0 has no call for, put in the catalogue itself: the
 * document's language (PEEL reports are in British English), for screen
 * readers and hyphenation, and a viewer showing the title, not the file
 * name, in its window. */
static void language(pd_ctx *c)
{
    HPDF_Dict cat = c->pdf->catalog, prefs = HPDF_Dict_New(c->pdf->mmgr);
    HPDF_STATUS st = prefs ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(cat, "Lang", HPDF_String_New(c->pdf->mmgr, "en-GB", NULL));
    if (st == HPDF_OK)
        st = HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    if (st == HPDF_OK)
        st = HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
    if (st != HPDF_OK)
        pd_doc_fail(c, st);
}

void pd_doc_info(pd_ctx *c)
{
    const pd_pack *p = c->pack;
    peel_arena *a = &c->arena;
    c->doing = "writing the document information";
    c->fail_status = PEEL_ESOFTWARE;
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE,
                     peel_arena_printf(a, "%s: %s %s briefing pack", p->force, p->label, p->year));
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, "peelpack " PEEL_VERSION);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, "peel-pdf " PEEL_VERSION);
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT,
                     peel_arena_printf(a,
                                       "%s grade, findings, key figures and checks from the "
                                       "PEEL %s inspection report on %s (%s)",
                                       p->label, p->year, p->force, p->file));
    HPDF_SetInfoAttr(c->pdf, HPDF_INFO_KEYWORDS,
                     peel_arena_printf(a, "PEEL, %s, %s, %s, %s", p->year, p->force, p->label,
                                       peel_grade_name(p->grade)));
    language(c);
    HPDF_Date d = created(p->published_date);
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, d);
}

void pd_doc_save(pd_ctx *c, const char *path)
{
    c->doing = peel_arena_printf(&c->arena, "writing %s", path);
    c->fail_status = PEEL_ECANTCREAT;
    errno = 0;
    HPDF_SaveToFile(c->pdf, path);
}
