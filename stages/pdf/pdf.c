/* peel_pdf_run: per report, one briefing pack per pillar, each written to
 * a temporary beside its final name and renamed into place only when whole. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_text.h"
#include "pd.h"
#include "peel_data.h"
#include "peel_afile.h"

static void ctx_init(pd_ctx *c, const pd_pack *p, const pd_fonts *fonts)
{
    memset(c, 0, sizeof *c);
    c->pack = p;
    c->fonts = fonts;
    peel_arena_init(&c->arena);
    peel_buf_init(&c->buf);
}

/* Every way out of a pack comes here: done, a libharu error (its handler
 * jumped back to render), or a subset that could not be made. */
static void ctx_release(pd_ctx *c)
{
    pd_doc_drop_fonts(c);
    if (c->pdf)
        HPDF_Free(c->pdf);
    peel_vec_release(&c->pages, NULL);
    peel_buf_release(&c->buf);
    peel_arena_release(&c->arena);
}

/* libharu's codes that a user can act on, in words (hpdf_error.h). */
static const char *hpdf_reason(HPDF_STATUS code)
{
    switch (code) {
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
        return "the font's licence does not allow embedding";
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_TTC_FILE:
        return "the font file is not in a form libharu reads";
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
        return "a file could not be opened or written";
    case HPDF_FAILD_TO_ALLOC_MEM:
        return "out of memory";
    default:
        return "libharu failed";
    }
}

/* What a libharu error means here: the font, the file, or our fault. */
static peel_status hpdf_failure(const pd_ctx *c, const char *path, peel_err *err)
{
    unsigned code = (unsigned)c->hpdf_error, detail = (unsigned)c->hpdf_detail;
    const char *why = hpdf_reason(c->hpdf_error);
    if (c->hpdf_error == HPDF_OK) /* pd_doc_fault: ours, not libharu's */
        return PEEL_FAIL(err, c->fail_status, path, 0, "%s", c->doing);
    if (c->fail_status == PEEL_ENOINPUT)
        return PEEL_FAIL(err, PEEL_ENOINPUT, c->loading, 0,
                         "cannot load the TrueType font: %s (libharu error 0x%04X, detail %u); "
                         "install the Debian package fonts-dejavu-core, or pass --font FILE",
                         why, code, detail);
    /* A write error reaches us through the compressing stream as a zlib
     * error whose detail is the file error. */
    int io = c->hpdf_error == HPDF_FILE_IO_ERROR ||
             (c->hpdf_error == HPDF_ZLIB_ERROR && c->hpdf_detail == HPDF_FILE_IO_ERROR);
    if (c->fail_status == PEEL_ECANTCREAT && io)
        return PEEL_FAIL(err, PEEL_ECANTCREAT, NULL, 0, "cannot write %s: write error: %s", path,
                         c->hpdf_errno ? strerror(c->hpdf_errno) : "an I/O error");
    if (c->fail_status == PEEL_ECANTCREAT)
        return PEEL_FAIL(err, PEEL_ECANTCREAT, path, 0,
                         "cannot write the pack: %s (libharu error 0x%04X, detail %u)", why, code,
                         detail);
    return PEEL_FAIL(err, c->fail_status, path, 0, "libharu error 0x%04X (detail %u) while %s",
                     code, detail, c->doing ? c->doing : "drawing");
}

/* Lays out and saves one pack to tmp.  libharu errors jump back here. */
static peel_status render(pd_ctx *c, const char *tmp, const char *path, peel_err *err)
{
    if (setjmp(c->jmp))
        return hpdf_failure(c, path, err);
    pd_doc_new(c);
    pd_doc_info(c);
    pd_cover(c);
    pd_glance(c);
    pd_figures(c);
    pd_findings(c);
    pd_components(c);
    pd_checks(c);
    pd_cover_contents(c);
    pd_footers(c);
    pd_doc_save(c, tmp);
    return PEEL_OK;
}

/* The pack's characters, and a subset of each font holding them. */
static peel_status subset_fonts(pd_ctx *c, pd_fonts *fonts, peel_err *err)
{
    pd_fonts_collect(fonts, c->pack, &c->glyphs);
    peel_status st = pd_face_subset(&fonts->face[0], &c->glyphs, c->font_name[0], err);
    if (st == PEEL_OK && !fonts->same)
        st = pd_face_subset(&fonts->face[1], &c->glyphs, c->font_name[1], err);
    return st;
}

static peel_status write_pack(const pd_source *src, peel_pillar pillar, pd_fonts *fonts,
                              peel_err *err)
{
    char path[4200], name[32];
    snprintf(name, sizeof name, "%s.pdf", peel_pillar_name(pillar));
    peel_afile af = {0};
    peel_status st = peel_path_join(path, sizeof path, err, src->report_dir, name);
    if (st == PEEL_OK)
        st = peel_afile_open_named(&af, path, err);
    if (st != PEEL_OK)
        return st;
    pd_pack p;
    pd_ctx c;
    pd_pack_build(&p, src, pillar);
    ctx_init(&c, &p, fonts);
    st = subset_fonts(&c, fonts, err);
    if (st == PEEL_OK)
        st = render(&c, af.tmp_path, path, err);
    ctx_release(&c);
    pd_pack_release(&p);
    if (st != PEEL_OK) {
        peel_afile_abort(&af);
        return st;
    }
    return peel_afile_commit(&af, err);
}

static void close_faces(pd_face faces[2])
{
    pd_face_close(&faces[0]);
    pd_face_close(&faces[1]);
}

struct peel_pdf_catalog {
    pd_layout lay;
    /* The fonts, regular and bold, kept open from one run to the next in
     * the process (a worker of peel-run): opened on the first and again
     * when a font's path or file changes (pd_face_keep). */
    pd_face faces[2];
};

static peel_status catalog_load(void *cat, const char *data_dir, const void *arg, peel_err *err)
{
    (void)arg;
    return pd_layout_load(&((peel_pdf_catalog *)cat)->lay, data_dir, err);
}

static void catalog_release(void *cat)
{
    peel_pdf_catalog *c = cat;
    pd_layout_release(&c->lay);
    close_faces(c->faces);
}

static const peel_catalog_kind CATALOG = {sizeof(peel_pdf_catalog), catalog_load, catalog_release};

peel_status peel_pdf_catalog_new(const char *data_dir, peel_pdf_catalog **out, peel_err *err)
{
    void *cat;
    peel_status st = peel_catalog_new(&CATALOG, data_dir, NULL, &cat, err);
    *out = cat;
    return st;
}

void peel_pdf_catalog_free(peel_pdf_catalog *c)
{
    peel_catalog_free(&CATALOG, c);
}

void peel_pdf_catalog_close_fonts(peel_pdf_catalog *c)
{
    if (c)
        close_faces(c->faces);
}

peel_status peel_pdf_run(const peel_pdf_opts *opts, peel_pdf_result *res, peel_err *err)
{
    char font[4096], bold[4096];
    peel_records own;
    const peel_records *r = opts->records;
    pd_layout own_lay; /* when the caller gave no catalogue */
    memset(&own_lay, 0, sizeof own_lay);
    const pd_layout *lay = opts->catalog ? &opts->catalog->lay : &own_lay;
    pd_fonts fonts;
    pd_face own_faces[2]; /* when the caller gave no catalogue: closed at the end */
    memset(own_faces, 0, sizeof own_faces);
    pd_face *faces = opts->catalog ? opts->catalog->faces : own_faces;
    peel_pdf_result own_res;
    if (!res)
        res = &own_res;
    memset(res, 0, sizeof *res);
    peel_warnings_init(&res->warnings);
    peel_status st = PEEL_OK;
    if (!r) {
        if ((st = peel_records_load(&own, opts->report_dir, 0, err)) != PEEL_OK)
            goto out;
        r = &own;
    }
    st = pd_font_find(opts, font, bold, sizeof font, err);
    if (st == PEEL_OK) /* a font that is not one is said before the data */
        st = pd_fonts_open(&fonts, faces, font, bold, opts->report_dir, &res->warnings, err);
    if (st == PEEL_OK)
        st = peel_data_given(opts->data_dir, err);
    if (st == PEEL_OK && !opts->catalog)
        st = pd_layout_load(&own_lay, opts->data_dir, err);
    if (st == PEEL_OK) {
        peel_tindex tix;
        peel_tindex_build(&tix, r, &lay->tcat);
        pd_bylines by;
        pd_bylines_build(&by, r);
        pd_source src = {r, &tix, &by, lay, opts->report_dir};
        for (int i = 0; i < PEEL_NPILLAR && st == PEEL_OK; i++)
            st = write_pack(&src, (peel_pillar)i, &fonts, err);
        pd_bylines_release(&by);
        peel_tindex_release(&tix);
        pd_fonts_finish(&fonts);
    }
    if (faces == own_faces)
        close_faces(own_faces);
    if (r == &own)
        peel_records_release(&own);
out:
    if (own_lay.path[0])
        pd_layout_release(&own_lay);
    if (res == &own_res)
        peel_warnings_release(&own_res.warnings);
    return st;
}
