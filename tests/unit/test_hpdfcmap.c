/* peel_hpdfcmap.c: the lookup that resumes from the last one gives the
 * glyph libharu's own HPDF_TTFontDef_GetGlyphid gives (found past ours with
 * dlsym RTLD_NEXT) for every code point, in every order of lookups: on the
 * full DejaVu faces and on subsets of them made as the packs make theirs
 * (the layout's characters and a report's text; a sparse one with many
 * segments), two fonts taking turns; and on cmaps made by hand for the
 * edges: segment ends out of order, none past the last code point, glyph
 * indexes on and past the array's end or below its start, no segments, a
 * format-0 table, and a cmap whose array is handed out again at the same
 * address once the first is freed. */
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

static glyphid_fn libharus(void)
{
    glyphid_fn fn;
    void *sym = dlsym(RTLD_NEXT, "HPDF_TTFontDef_GetGlyphid");
    assert_non_null(sym);
    assert_ptr_not_equal(sym, (void *)HPDF_TTFontDef_GetGlyphid);
    *(void **)&fn = sym;
    return fn;
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
    HPDF_Doc pdf;
    char name[3][PEEL_HPDF_MEM_NAME]; /* subsets in memory; "" once loaded */
} fonts;

static HPDF_FontDef load(fonts *f, const char *path)
{
    const char *name = HPDF_LoadTTFontFromFile(f->pdf, path, HPDF_TRUE);
    assert_non_null(name);
    HPDF_FontDef fd = HPDF_GetFontDef(f->pdf, name);
    assert_non_null(fd);
    return fd;
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
    if (!f || !(f->pdf = HPDF_New(NULL, NULL))) {
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
    free(f);
    return 0;
}

static void test_full_faces(void **state)
{
    fonts *f = *state;
    all_codes(load(f, DEJAVU));
    all_codes(load(f, DEJAVU_BOLD));
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
    /* The two taking turns, upwards: the lookup of one font never resumes
     * from the other's. */
    glyphid_fn theirs = libharus();
    for (unsigned u = 0; u < 0x10000u; u++) {
        HPDF_FontDef fd = u % 3 ? regular : bold;
        assert_int_equal(HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)u), theirs(fd, (HPDF_UINT16)u));
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
    *state = m;
    made_fresh(m);
    return 0;
}

static int made_teardown(void **state)
{
    made *m = *state;
    HPDF_FreeMem(m->mmgr, m->attr.cmap.end_count);
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

/* An allocator with one block for the arrays of ends, handed out again
 * once freed (the rest, the manager itself, from malloc): the second
 * cmap's array lands where the first's was. */
static _Alignas(16) unsigned char block[CAP * sizeof(HPDF_UINT16)];
static int block_taken;

static void *block_alloc(HPDF_UINT size)
{
    if (size != sizeof block) {
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

static void test_made_again(void **state)
{
    made *m = *state;
    HPDF_TTF_CmapRange *c = &m->attr.cmap;
    glyphid_fn theirs = libharus();
    HPDF_MMgr one = HPDF_MMgr_New(&m->error, 0, block_alloc, block_free);
    assert_non_null(one);
    HPDF_UINT16 *kept = c->end_count;

    /* The first cmap: many segments, the last lookup in its 40th. */
    c->end_count = HPDF_GetMem(one, CAP * sizeof *c->end_count);
    assert_ptr_equal(c->end_count, block);
    for (unsigned i = 0; i < CAP; i++) {
        seg(m, i, 0x10u * i, 0x10u * i + 0xF, 0, 0);
    }
    c->seg_count_x2 = 2 * CAP;
    c->glyph_id_array_count = 0;
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, 0x285), theirs(&m->fd, 0x285));
    HPDF_FreeMem(one, c->end_count);

    /* The second, at the same address, one segment for all: the next code
     * point up is in its first segment, not where the first cmap's was. */
    c->end_count = HPDF_GetMem(one, CAP * sizeof *c->end_count);
    assert_ptr_equal(c->end_count, block);
    for (unsigned i = 0; i < CAP; i++) {
        seg(m, i, 0x0, 0xFFFF, (int)i + 1, 0);
    }
    c->seg_count_x2 = 2 * CAP;
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, 0x286), theirs(&m->fd, 0x286));
    assert_int_equal(HPDF_TTFontDef_GetGlyphid(&m->fd, 0x286), 0x287);
    all_codes(&m->fd);

    HPDF_FreeMem(one, c->end_count);
    HPDF_MMgr_Free(one);
    c->end_count = kept;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_full_faces, fonts_setup, fonts_teardown),
        cmocka_unit_test_setup_teardown(test_pack_subsets, fonts_setup, fonts_teardown),
        cmocka_unit_test_setup_teardown(test_sparse_subset, fonts_setup, fonts_teardown),
        cmocka_unit_test_setup_teardown(test_made_in_order, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_out_of_order, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_degenerate, made_setup, made_teardown),
        cmocka_unit_test_setup_teardown(test_made_again, made_setup, made_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
