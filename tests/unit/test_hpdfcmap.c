/* peel_hpdfcmap.c: the lookups from a table of the cmap's glyphs (or,
 * for a cmap read past its arrays, resumed from the last one) give the
 * glyph libharu's own HPDF_TTFontDef_GetGlyphid gives (found past ours with
 * dlsym RTLD_NEXT) for every code point, in every order of lookups; the
 * kept width gives libharu's HPDF_TTFontDef_GetGidWidth for every glyph
 * index, and HPDF_TTFontDef_GetCharWidth libharu's width and marks of used
 * glyphs for every code point.  On the full DejaVu faces and on subsets of
 * them made as the packs make theirs (the layout's characters and a
 * report's text; a sparse one with many segments), two and three fonts
 * taking turns; and on cmaps made by hand for the edges: segment ends out
 * of order, none past the last code point, glyph indexes on and past the
 * array's end or below its start (what lies past an array read as it is at
 * each lookup), no segments, a format-0 table, and a cmap or metrics whose
 * array is handed out again at the same address once the first is freed. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>

#include "pd.h"
#include "peel_text.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define DEJAVU_BOLD "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);
typedef HPDF_INT16 (*width_fn)(HPDF_FontDef, HPDF_UINT16);

/* libharu's own name, not ours. */
static void *libharu_sym(const char *name, void *ours)
{
    void *sym = dlsym(RTLD_NEXT, name);
    assert_non_null(sym);
    assert_ptr_not_equal(sym, ours);
    return sym;
}

static glyphid_fn libharus(void)
{
    glyphid_fn fn;
    *(void **)&fn = libharu_sym("HPDF_TTFontDef_GetGlyphid", (void *)HPDF_TTFontDef_GetGlyphid);
    return fn;
}

static width_fn libharus_gid_width(void)
{
    width_fn fn;
    *(void **)&fn = libharu_sym("HPDF_TTFontDef_GetGidWidth", (void *)HPDF_TTFontDef_GetGidWidth);
    return fn;
}

static width_fn libharus_char_width(void)
{
    width_fn fn;
    *(void **)&fn = libharu_sym("HPDF_TTFontDef_GetCharWidth", (void *)HPDF_TTFontDef_GetCharWidth);
    return fn;
}

/* Every glyph index's width in fd by ours and by libharu's: upwards (past
 * the font's glyphs too), each asked twice running, and in the order
 * CIDFontType2_New asks, the glyph of each code point in turn. */
static void all_gid_widths(HPDF_FontDef fd)
{
    width_fn theirs = libharus_gid_width();
    for (unsigned g = 0; g < 0x10000u; g++) {
        assert_int_equal(HPDF_TTFontDef_GetGidWidth(fd, (HPDF_UINT16)g),
                         theirs(fd, (HPDF_UINT16)g));
        assert_int_equal(HPDF_TTFontDef_GetGidWidth(fd, (HPDF_UINT16)g),
                         theirs(fd, (HPDF_UINT16)g));
    }
    for (unsigned u = 0; u < 0x10000u; u++) {
        HPDF_UINT16 g = HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)u);
        assert_int_equal(HPDF_TTFontDef_GetGidWidth(fd, g), theirs(fd, g));
    }
}

/* Every code point looked up in fd by ours and by libharu's: upwards (as
 * HPDF_GetFont does), downwards, and in a scrambled order (an odd step
 * through all 65,536 visits each once). */
static void all_codes(HPDF_FontDef fd)
{
    glyphid_fn theirs = libharus();
    for (unsigned u = 0; u < 0x10000u; u++) {
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)u), theirs(fd, (HPDF_UINT16)u));
    }
    for (unsigned u = 0x10000u; u-- > 0;) {
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)u), theirs(fd, (HPDF_UINT16)u));
    }
    for (unsigned k = 0, u = 12345; k < 0x10000u; k++, u = (u + 40503u) & 0xFFFFu) {
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)u), theirs(fd, (HPDF_UINT16)u));
    }
}

/* ---- real fonts, loaded by libharu as the packs load theirs */

typedef struct fonts {
    HPDF_Doc pdf, twin;               /* twin: a second load of a font, for libharu's marks */
    char name[3][PEEL_HPDF_MEM_NAME]; /* subsets in memory; "" once loaded */
} fonts;

static HPDF_FontDef load_in(HPDF_Doc pdf, const char *path)
{
    const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
    assert_non_null(name);
    HPDF_FontDef fd = HPDF_GetFontDef(pdf, name);
    assert_non_null(fd);
    return fd;
}

static HPDF_FontDef load(fonts *f, const char *path)
{
    return load_in(f->pdf, path);
}

/* The subset of the face at path holding want's characters, loaded. */
static HPDF_FontDef load_subset(fonts *f, int slot, const char *path, const pd_cps *want)
{
    pd_face face = {0};
    peel_err err = {0};
    assert_int_equal(pd_face_open(&face, path, &err), PEEL_OK);
    assert_int_equal(pd_face_subset(&face, want, f->name[slot], &err), PEEL_OK);
    pd_face_close(&face);
    HPDF_FontDef fd = load(f, f->name[slot]);
    f->name[slot][0] = '\0';
    return fd;
}

static int fonts_setup(void **state)
{
    fonts *f = calloc(1, sizeof *f);
    if (!f || !(f->pdf = HPDF_New(NULL, NULL)) || !(f->twin = HPDF_New(NULL, NULL))) {
        if (f) {
            HPDF_Free(f->pdf);
        }
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int fonts_teardown(void **state)
{
    fonts *f = *state;
    for (int i = 0; i < 3; i++) {
        peel_hpdf_mem_drop(f->name[i]);
    }
    HPDF_Free(f->pdf);
    HPDF_Free(f->twin);
    free(f);
    return 0;
}

static void test_full_faces(void **state)
{
    fonts *f = *state;
    HPDF_FontDef regular = load(f, DEJAVU);
    HPDF_FontDef bold = load(f, DEJAVU_BOLD);
    all_codes(regular);
    all_codes(bold);
    all_gid_widths(regular);
    all_gid_widths(bold);
}

/* Each code point's width in mine by ours and in theirs, the same font
 * loaded again, by libharu's, in the order given (a step through all
 * 65,536 code points from first); the glyphs each marks used are the
 * same after each pass. */
static void char_widths(HPDF_FontDef mine, HPDF_FontDef theirs, unsigned first, unsigned step)
{
    width_fn libharu = libharus_char_width();
    for (unsigned k = 0, u = first; k < 0x10000u; k++, u = (u + step) & 0xFFFFu) {
        assert_int_equal(HPDF_TTFontDef_GetCharWidth(mine, (HPDF_UINT16)u),
                         libharu(theirs, (HPDF_UINT16)u));
    }
    HPDF_TTFontDefAttr a = mine->attr, b = theirs->attr;
    assert_int_equal(a->num_glyphs, b->num_glyphs);
    assert_memory_equal(a->glyph_tbl.flgs, b->glyph_tbl.flgs, a->num_glyphs);
}

/* The face marks glyphs as text is measured: the first time a glyph is
 * measured, and the parts of a composite one (DejaVu's accented letters),
 * then widths from marked glyphs. */
static void test_char_widths(void **state)
{
    fonts *f = *state;
    HPDF_FontDef mine = load(f, DEJAVU);
    HPDF_FontDef theirs = load_in(f->twin, DEJAVU);
    char_widths(mine, theirs, 0xE9, 40503u);   /* scrambled: marks as they come */
    char_widths(mine, theirs, 0, 1);           /* every glyph marked now */
    char_widths(mine, theirs, 0xFFFF, 0xFFFF); /* downwards */
}

/* The layout's characters and the bundled report's text, as a pack's. */
static void pack_chars(pd_cps *want)
{
    char *text;
    size_t len;
    peel_err err = {0};
    assert_int_equal(peel_file_read(PEEL_TEST_REPORT, 0, &text, &len, &err), PEEL_OK);
    pd_cps_chrome(want);
    pd_cps_add_text(want, text);
    free(text);
}

static void test_pack_subsets(void **state)
{
    fonts *f = *state;
    pd_cps *want = calloc(1, sizeof *want);
    assert_non_null(want);
    pack_chars(want);
    HPDF_FontDef regular = load_subset(f, 0, DEJAVU, want);
    HPDF_FontDef bold = load_subset(f, 1, DEJAVU_BOLD, want);
    free(want);
    all_codes(regular);
    all_codes(bold);
    all_gid_widths(regular);
    all_gid_widths(bold);
    /* The two taking turns, upwards: the lookup of one font never reads
     * the other's table; then three, more than there are tables. */
    glyphid_fn theirs = libharus();
    width_fn their_width = libharus_gid_width();
    for (unsigned u = 0; u < 0x10000u; u++) {
        HPDF_FontDef fd = u % 3 ? regular : bold;
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)u), theirs(fd, (HPDF_UINT16)u));
        HPDF_UINT16 g = (HPDF_UINT16)(u % 7);
        assert_int_equal(HPDF_TTFontDef_GetGidWidth(fd, g), their_width(fd, g));
    }
    HPDF_FontDef full = load(f, DEJAVU);
    HPDF_FontDef three[3] = {regular, bold, full};
    for (unsigned u = 0; u < 0x10000u; u += 3) {
        for (unsigned i = 0; i < 3; i++) {
            HPDF_FontDef fd = three[(u / 3 + i) % 3];
            assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)u),
                             theirs(fd, (HPDF_UINT16)u));
        }
    }
}

/* Every seventh code point the face has: hundreds of one-character
 * segments. */
static void test_sparse_subset(void **state)
{
    fonts *f = *state;
    pd_cps *want = calloc(1, sizeof *want);
    assert_non_null(want);
    for (unsigned u = 0x20; u < 0xFFFE; u += 7) {
        pd_cps_add(want, u);
    }
    HPDF_FontDef fd = load_subset(f, 2, DEJAVU, want);
    free(want);
    HPDF_TTFontDefAttr attr = fd->attr;
    assert_true(attr->cmap.seg_count_x2 / 2 > 200);
    all_codes(fd);
}

/* ---- cmaps made by hand */

#define CAP 64 /* each array's room: the lookups read past the segments */

typedef struct made {
    HPDF_Error_Rec error;
    HPDF_MMgr mmgr;
    HPDF_FontDef_Rec fd;
    HPDF_TTFontDefAttr_Rec attr;
    HPDF_UINT16 start[CAP], range[CAP], glyphs[CAP];
    HPDF_INT16 delta[CAP];
    HPDF_BYTE flags[CAP]; /* glyphs marked used */
} made;

/* A new cmap in m: its array of ends from libharu's allocator, as a
 * loaded font's is (a cmap is never changed once made), the previous one's
 * freed; the arrays filled with what the segments set nowhere overrides. */
static void made_fresh(made *m)
{
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    HPDF_FreeMem(m->mmgr, c->end_count);
    c->format = 4;
    c->end_count = HPDF_GetMem(m->mmgr, CAP * sizeof *c->end_count);
    assert_non_null(c->end_count);
    c->start_count = m->start;
    c->id_delta = m->delta;
    c->id_range_offset = m->range;
    c->glyph_id_array = m->glyphs;
    for (unsigned i = 0; i < CAP; i++) {
        c->end_count[i] = (HPDF_UINT16)(0xF000u + i); /* past the segments */
        m->start[i] = (HPDF_UINT16)(0x10u * i);
        m->delta[i] = (HPDF_INT16)(i * 3);
        m->range[i] = 0;
        m->glyphs[i] = (HPDF_UINT16)(1000u + i);
    }
}

static int made_setup(void **state)
{
    made *m = calloc(1, sizeof *m);
    if (!m) {
        return -1;
    }
    HPDF_Error_Init(&m->error, NULL);
    m->mmgr = HPDF_MMgr_New(&m->error, 0, NULL, NULL);
    m->fd.error = &m->error;
    m->fd.mmgr = m->mmgr;
    m->fd.attr = &m->attr;
    m->fd.missing_width = 777;
    m->attr.glyph_tbl.flgs = m->flags;
    *state = m;
    made_fresh(m);
    return 0;
}

static int made_teardown(void **state)
{
    made *m = *state;
    HPDF_FreeMem(m->mmgr, m->attr.cmap.end_count);
    HPDF_FreeMem(m->mmgr, m->attr.h_metric);
    HPDF_MMgr_Free(m->mmgr);
    free(m);
    return 0;
}

/* Sets segment i of m's cmap. */
static void seg(made *m, unsigned i, unsigned start, unsigned end, int delta, unsigned range)
{
    m->attr.cmap.end_count[i] = (HPDF_UINT16)end;
    m->start[i] = (HPDF_UINT16)start;
    m->delta[i] = (HPDF_INT16)delta;
    m->range[i] = (HPDF_UINT16)range;
}

/* New metrics in m, from libharu's allocator as a loaded font's: CAP
 * glyphs of advances up to the largest, em units to the em; the previous
 * ones freed. */
static void made_metrics(made *m, HPDF_UINT16 em)
{
    HPDF_TTFontDefAttr_Rec *a = &m->attr;
    HPDF_FreeMem(m->mmgr, a->h_metric);
    a->h_metric = HPDF_GetMem(m->mmgr, CAP * sizeof *a->h_metric);
    assert_non_null(a->h_metric);
    for (unsigned i = 0; i < CAP; i++) {
        a->h_metric[i].advance_width = (HPDF_UINT16)(i * 1031u);
        a->h_metric[i].lsb = 0;
    }
    a->h_metric[5].advance_width = 0xFFFF;
    a->h_metric[CAP - 1].advance_width = 0xFFFF;
    a->num_glyphs = CAP;
    a->header.units_per_em = em;
}

static void test_made_in_order(void **state)
{
    made *m = *state;
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    /* Ranges into the glyph array (the index counts back over the segments
     * left), deltas of both signs, a gap between segments. */
    seg(m, 0, 0x20, 0x2F, 0, 8);     /* index 4 - 4 + (u - 0x20): on and past the count */
    seg(m, 1, 0x40, 0x45, -0x3F, 0); /* delta only */
    seg(m, 2, 0x100, 0x120, 7, 2);   /* index 1 - 2 + ...: below the array's start at first */
    seg(m, 3, 0xFFFF, 0xFFFF, 1, 0); /* the closing segment */
    c->seg_count_x2 = 8;
    c->glyph_id_array_count = 10;
    all_codes(&m->fd);
}

static void test_made_out_of_order(void **state)
{
    made *m = *state;
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    seg(m, 0, 0x50, 0x60, 1, 0);
    seg(m, 1, 0x10, 0x30, 2, 0); /* ends before the segment before it */
    seg(m, 2, 0x61, 0x70, 3, 4);
    seg(m, 3, 0x31, 0x45, 4, 0);
    seg(m, 4, 0x80, 0x9000, 5, 0); /* no segment past 0x9000: libharu reads one more */
    c->seg_count_x2 = 10;
    c->glyph_id_array_count = 40;
    all_codes(&m->fd);
}

/* The same edges in cmaps whose lookups stay inside their arrays (a
 * segment closes at 0xFFFF, no index is the array's count): the table's. */
static void test_made_table(void **state)
{
    made *m = *state;
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    seg(m, 0, 0x20, 0x2F, 0, 8);     /* index 4 - 5 + (u - 0x20): below the start, then on */
    seg(m, 1, 0x40, 0x45, -0x3F, 0); /* delta only */
    seg(m, 2, 0x100, 0x120, 7, 2);   /* index 1 - 3 + ... */
    seg(m, 3, 0x130, 0x140, 1, 300); /* index past the count all along */
    seg(m, 4, 0xFFFF, 0xFFFF, 1, 0); /* the closing segment: glyph 0 */
    c->seg_count_x2 = 10;
    c->glyph_id_array_count = 40;
    all_codes(&m->fd);
    /* Out of order, a gap, a delta that wraps to 0 inside a segment. */
    made_fresh(m);
    seg(m, 0, 0x50, 0x60, 1, 0);
    seg(m, 1, 0x10, 0x30, 2, 0); /* ends before the segment before it */
    seg(m, 2, 0x61, 0x70, 3, 4);
    seg(m, 3, 0x31, 0x45, 4, 0);
    seg(m, 4, 0x80, 0x9000, -0x100, 0);
    seg(m, 5, 0x9001, 0xFFFF, 5, 0);
    c->seg_count_x2 = 12;
    c->glyph_id_array_count = 40;
    all_codes(&m->fd);
}

/* What lies past a cmap's arrays, read by libharu at each lookup, changes
 * between lookups: ours reads it as it is then. */
static void test_made_live(void **state)
{
    made *m = *state;
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    glyphid_fn theirs = libharus();
    /* An index on the array's count, 10. */
    seg(m, 0, 0x20, 0x2F, 0, 20);
    seg(m, 1, 0xFFFF, 0xFFFF, 1, 0);
    c->seg_count_x2 = 4;
    c->glyph_id_array_count = 10;
    for (unsigned v = 0; v < 5; v++) {
        m->glyphs[10] = (HPDF_UINT16)(500u + v);
        HPDF_UINT16 code = (HPDF_UINT16)(0x20 + 10 - 8); /* index 10 */
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, code), theirs(&m->fd, code));
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, code), 500u + v);
        all_codes(&m->fd);
    }
    /* No segment past 0x8000: the one after the last is read. */
    made_fresh(m);
    seg(m, 0, 0x10, 0x8000, 1, 0);
    c->seg_count_x2 = 2;
    for (unsigned v = 0; v < 5; v++) {
        seg(m, 1, 0x9000u + v, 0, (int)v, 0); /* past the segments */
        for (unsigned u = 0x8001; u < 0x10000u; u += 0xFF) {
            assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, (HPDF_UINT16)u),
                             theirs(&m->fd, (HPDF_UINT16)u));
        }
    }
}

/* Widths as libharu divides them: units to the em of several kinds,
 * advances to the largest, widths past 16 bits' sign; glyphs past the
 * font's, the missing width. */
static void test_made_widths(void **state)
{
    made *m = *state;
    width_fn theirs = libharus_gid_width();
    static const HPDF_UINT16 ems[] = {2048, 1000, 3, 1, 0xFFFF};
    for (size_t e = 0; e < sizeof ems / sizeof *ems; e++) {
        made_metrics(m, ems[e]);
        for (unsigned g = 0; g < 0x10000u; g += (g < 2 * CAP ? 1 : 97)) {
            assert_int_equal(HPDF_TTFontDef_GetGidWidth(&m->fd, (HPDF_UINT16)g),
                             theirs(&m->fd, (HPDF_UINT16)g));
        }
        for (unsigned g = CAP; g-- > 0;) {
            assert_int_equal(HPDF_TTFontDef_GetGidWidth(&m->fd, (HPDF_UINT16)g),
                             theirs(&m->fd, (HPDF_UINT16)g));
        }
    }
}

/* Character widths in a cmap with a table and in one without, against
 * libharu's from the same marks, which each leaves the same. */
static void made_char_widths(made *m)
{
    width_fn theirs = libharus_char_width();
    HPDF_BYTE before[CAP], after_mine[CAP];
    for (unsigned u = 0; u < 0x10000u; u += (u < 0x200 ? 1 : 31)) {
        memcpy(before, m->flags, CAP);
        HPDF_INT16 mine = HPDF_TTFontDef_GetCharWidth(&m->fd, (HPDF_UINT16)u);
        memcpy(after_mine, m->flags, CAP);
        memcpy(m->flags, before, CAP);
        assert_int_equal(mine, theirs(&m->fd, (HPDF_UINT16)u));
        assert_memory_equal(after_mine, m->flags, CAP);
    }
}

static void test_made_char_widths(void **state)
{
    made *m = *state;
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    made_metrics(m, 2048);
    seg(m, 0, 0x20, 0x7E, -0x1D, 0); /* glyphs 3..97: some past the font's 64 */
    seg(m, 1, 0x100, 0x110, 0, 4);
    seg(m, 2, 0xFFFF, 0xFFFF, 1, 0);
    c->seg_count_x2 = 6;
    c->glyph_id_array_count = 40;
    for (unsigned i = 0; i < CAP; i += 3) {
        m->flags[i] = 1; /* some marked already */
    }
    made_char_widths(m);
    made_fresh(m); /* no segment past 0x7E: no table */
    seg(m, 0, 0x20, 0x7E, -0x1D, 0);
    c->seg_count_x2 = 2;
    memset(m->flags, 0, CAP);
    made_char_widths(m);
}

static void test_made_degenerate(void **state)
{
    made *m = *state;
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    glyphid_fn theirs = libharus();
    /* An odd count of one: no segment, libharu reads the first anyway. */
    seg(m, 0, 0x30, 0x40, 9, 0);
    c->seg_count_x2 = 1;
    all_codes(&m->fd);
    /* No segments: 0 and an error, as libharu's. */
    made_fresh(m);
    c->seg_count_x2 = 0;
    for (unsigned u = 0; u < 0x10000u; u += 0x1111u) {
        HPDF_Error_Reset(&m->error);
        HPDF_UINT16 mine = HPDF_TTFontDef_GetGlyphid(&m->fd, (HPDF_UINT16)u);
        HPDF_STATUS mine_err = HPDF_Error_GetCode(&m->error);
        HPDF_Error_Reset(&m->error);
        assert_int_equal(mine, theirs(&m->fd, (HPDF_UINT16)u));
        assert_int_equal(mine_err, HPDF_Error_GetCode(&m->error));
        assert_int_equal(mine_err, HPDF_TTF_INVALID_CMAP);
    }
    HPDF_Error_Reset(&m->error);
    /* A format-0 table: the low byte's entry. */
    static HPDF_UINT16 table[256];
    for (unsigned i = 0; i < 256; i++) {
        table[i] = (HPDF_UINT16)(i ^ 0x5A);
    }
    made_fresh(m);
    c->format = 0;
    c->glyph_id_array = table;
    all_codes(&m->fd);
}

/* An allocator with one block for the arrays of ends and of metrics,
 * handed out again once freed (the rest, the manager itself, from malloc):
 * the second cmap's or font's array lands where the first's was. */
#define BLOCK (CAP * sizeof(HPDF_TTF_LongHorMetric))
static _Alignas(16) unsigned char block[BLOCK];
static int block_taken;

static void *block_alloc(HPDF_UINT size)
{
    if (size != BLOCK) {
        return malloc(size);
    }
    assert_false(block_taken);
    block_taken = 1;
    return block;
}

static void block_free(void *p)
{
    if (p != block) {
        free(p);
        return;
    }
    assert_true(block_taken);
    block_taken = 0;
}

/* A cmap whose array of ends is the block, then another there, the
 * first with a table (closing at 0xFFFF) or without. */
static void made_again(made *m, HPDF_MMgr one, int closing)
{
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    glyphid_fn theirs = libharus();
    HPDF_UINT16 *kept = c->end_count;

    /* The first cmap: many segments, the last lookup in its 40th. */
    c->end_count = HPDF_GetMem(one, BLOCK);
    assert_ptr_equal(c->end_count, block);
    for (unsigned i = 0; i < CAP; i++) {
        seg(m, i, 0x10u * i, 0x10u * i + 0xF, 0, 0);
    }
    if (closing) {
        seg(m, CAP - 1, 0x10u * (CAP - 1), 0xFFFF, 0, 0);
    }
    c->seg_count_x2 = 2 * CAP;
    c->glyph_id_array_count = 0;
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, 0x285), theirs(&m->fd, 0x285));
    HPDF_FreeMem(one, c->end_count);

    /* The second, at the same address, one segment for all: the next code
     * point up is in its first segment, not where the first cmap's was. */
    c->end_count = HPDF_GetMem(one, BLOCK);
    assert_ptr_equal(c->end_count, block);
    for (unsigned i = 0; i < CAP; i++) {
        seg(m, i, 0x0, 0xFFFF, (int)i + 1, 0);
    }
    c->seg_count_x2 = 2 * CAP;
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, 0x286), theirs(&m->fd, 0x286));
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, 0x286), 0x287);
    all_codes(&m->fd);

    HPDF_FreeMem(one, c->end_count);
    c->end_count = kept;
}

/* Metrics in the block, then others there: the width kept is the first's
 * no longer.  (Checked once the block is free again: a failed check ends
 * the test.) */
static void metrics_again(made *m, HPDF_MMgr one)
{
    HPDF_TTFontDefAttr_Rec *a = &m->attr;
    width_fn theirs = libharus_gid_width();
    HPDF_TTF_LongHorMetric *kept = a->h_metric;
    HPDF_INT16 mine[2], libharu[2];
    a->num_glyphs = CAP;
    a->header.units_per_em = 1000;
    for (unsigned v = 0; v < 2; v++) {
        a->h_metric = HPDF_GetMem(one, BLOCK);
        assert_ptr_equal(a->h_metric, block);
        for (unsigned i = 0; i < CAP; i++) {
            a->h_metric[i].advance_width = (HPDF_UINT16)(100u * v + i);
        }
        mine[v] = HPDF_TTFontDef_GetGidWidth(&m->fd, 7);
        libharu[v] = theirs(&m->fd, 7);
        HPDF_FreeMem(one, a->h_metric);
    }
    a->h_metric = kept;
    for (unsigned v = 0; v < 2; v++) {
        assert_int_equal(mine[v], libharu[v]);
        assert_int_equal(mine[v], 100 * v + 7);
    }
}

static void test_made_again(void **state)
{
    made *m = *state;
    HPDF_MMgr one = HPDF_MMgr_New(&m->error, 0, block_alloc, block_free);
    assert_non_null(one);
    made_again(m, one, 0);
    made_again(m, one, 1);
    metrics_again(m, one);
    HPDF_MMgr_Free(one);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_faces, fonts_setup, fonts_teardown),
        cmocka_unit_test_setup_teardown(test_char_widths, fonts_setup, fonts_teardown),
        cmocka_unit_test_setup_teardown(test_pack_subsets, fonts_setup, fonts_teardown),
        cmocka_unit_test_setup_teardown(test_sparse_subset, fonts_setup, fonts_teardown),
        cmocka_unit_test_setup_teardown(test_made_in_order, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_out_of_order, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_table, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_live, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_widths, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_char_widths, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_degenerate, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_again, made_setup, made_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
