/* libharu's cmap lookup, resumed where the last one ended.
 *
 * HPDF_GetFont builds a CID font by asking HPDF_TTFontDef_GetGlyphid for
 * the glyph of every code point, 1 to 65,535 in order, and libharu 2.3.0
 * finds each code point's segment of the font's format-4 cmap by a linear
 * search from the first segment: 10 M instructions a font whatever its
 * subset holds, 25 M of the 190 M a report's packs cost.  The search's
 * answer, the first segment whose end is at or past the code point, can
 * only move forward as the code point grows, whatever order the ends are in
 * (every segment before it ends below the last code point, so below this
 * one): a lookup of a larger code point than the last in the same cmap
 * starts at the last one's segment.  The rest of the lookup is libharu's,
 * step for step, the out-of-range reads of a malformed cmap included; a
 * format-0 cmap and one without segments go to libharu's own.
 *
 * The cursor is kept for one cmap, named by its array of segment ends.  A
 * cmap is never changed once loaded, and a new one's array comes from
 * HPDF_GetMem (its parser's one allocation of it): so HPDF_GetMem is
 * defined here too, and drops the cursor when it hands out the address the
 * cursor names, whose cmap is then gone.  Both are exported for libharu's
 * own calls (peel_interpose.h).  One cursor a process: the programs call
 * libharu from one thread (peel-run's workers are processes). */

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>

#include "peel_interpose.h"

typedef struct cmap_cursor {
    const HPDF_UINT16 *end; /* the cmap's segment ends (borrowed); &no_cmap: none */
    HPDF_UINT segs;         /* its number of segments */
    HPDF_UINT16 code;       /* the code point looked up last */
    HPDF_UINT seg;          /* the segment libharu's search gives for it */
} cmap_cursor;

/* No cmap's array: what the cursor names when it names none (not NULL,
 * which a format-0 cmap has). */
static const HPDF_UINT16 no_cmap;
static cmap_cursor cursor = {&no_cmap, 0, 0, 0};

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);
typedef void *(*getmem_fn)(HPDF_MMgr, HPDF_UINT);

static glyphid_fn hpdf_glyphid(void)
{
    static glyphid_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("HPDF_TTFontDef_GetGlyphid");
    }
    return fn;
}

static getmem_fn hpdf_getmem(void)
{
    static getmem_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("HPDF_GetMem");
    }
    return fn;
}

void *HPDF_GetMem(HPDF_MMgr mmgr, HPDF_UINT size)
{
    void *mem = hpdf_getmem()(mmgr, size);
    if (mem == (const void *)cursor.end) {
        cursor.end = &no_cmap;
    }
    return mem;
}

/* The glyph of code in segment seg of cmap, as libharu 2.3.0 gives it:
 * 0 below the segment's start; the code plus the segment's delta when it
 * has no range offset; else the glyph array's entry the offset names plus
 * the delta, 0 past the array's count (the count itself is read, as
 * libharu does).  Arithmetic in libharu's widths: the index in 32 bits,
 * the glyph in 16. */
static HPDF_UINT16 glyph_in(const HPDF_TTF_CmapRange *cmap, HPDF_UINT segs, HPDF_UINT seg,
                            HPDF_UINT16 code)
{
    HPDF_UINT16 start = cmap->start_count[seg];
    if (start > code) {
        return 0;
    }
    HPDF_UINT16 delta = (HPDF_UINT16)cmap->id_delta[seg];
    HPDF_UINT16 range = cmap->id_range_offset[seg];
    if (range == 0) {
        return (HPDF_UINT16)(code + delta);
    }
    HPDF_UINT at = range / 2u + (HPDF_UINT)(code - start) - (segs - seg);
    if (at > cmap->glyph_id_array_count) {
        return 0;
    }
    return (HPDF_UINT16)(cmap->glyph_id_array[at] + delta);
}

/* libharu's search for code's segment, from the cursor's on, and the
 * glyph there; the cursor is left at code. */
static inline HPDF_UINT16 glyph_at(const HPDF_TTF_CmapRange *cmap, HPDF_UINT16 code)
{
    HPDF_UINT segs = cursor.segs;
    HPDF_UINT seg = cursor.seg;
    while (seg < segs && cmap->end_count[seg] < code) {
        seg++;
    }
    cursor.code = code;
    cursor.seg = seg;
    return glyph_in(cmap, segs, seg, code);
}

/* The lookups of other cmaps go through here: called once a font, its
 * cost stays out of the lookup's own. */
static __attribute__((noinline)) HPDF_UINT16
glyphid_anew(HPDF_FontDef fontdef, const HPDF_TTF_CmapRange *cmap, HPDF_UINT16 unicode)
{
    if (cmap->format == 0 || cmap->seg_count_x2 == 0) {
        return hpdf_glyphid()(fontdef, unicode); /* a table, or an error libharu sets */
    }
    cursor.end = cmap->end_count;
    cursor.segs = cmap->seg_count_x2 / 2u;
    cursor.seg = 0;
    return glyph_at(cmap, unicode);
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
    const HPDF_TTFontDefAttr_Rec *attr = fontdef->attr;
    const HPDF_TTF_CmapRange *cmap = &attr->cmap;
    if (cmap->end_count != cursor.end) {
        return glyphid_anew(fontdef, cmap, unicode);
    }
    if (unicode <= cursor.code) {
        cursor.seg = 0; /* backwards: libharu's search from the start */
    }
    return glyph_at(cmap, unicode);
}
