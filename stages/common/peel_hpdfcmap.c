/* libharu's lookups in a loaded TrueType font: a code point's glyph in its
 * cmap, a glyph's width.
 *
 * HPDF_GetFont builds a CID font by asking HPDF_TTFontDef_GetGlyphid for
 * the glyph of every code point, 0 to 65,535 in order, then
 * HPDF_TTFontDef_GetGidWidth for the width of each of those glyphs (libharu
 * 2.3.0's static CIDFontType2_New); HPDF_Font_TextWidth asks
 * HPDF_TTFontDef_GetCharWidth for each character measured, in the text's
 * order.  libharu finds each code point's segment of the font's format-4
 * cmap by a linear search from the first segment (10 M instructions a font
 * whatever its subset holds) and divides for each width.  Here the first
 * lookup in a cmap fills a table of its answers in one pass over its
 * segments, each lookup after it reads its entry, and the width asked last
 * is kept.
 *
 * The table holds libharu's answers step for step.  Its search's answer,
 * the first segment whose end is at or past the code point, can only move
 * forward as the code point grows, whatever order the ends are in (every
 * segment before it ends below the last code point, so below this one): a
 * segment whose end is at or past the next code point to fill answers all
 * the code points up to its end, and one whose end is below it answers
 * none.  In a segment, 0 below its start; the code plus the segment's delta
 * when it has no range offset; else the glyph array's entry the offset
 * names plus the delta, 0 past the array's count.  Arithmetic in libharu's
 * widths: the index in 32 bits, the glyph in 16.
 *
 * A malformed cmap whose lookups read past its arrays (no segment ends at
 * or past some code point, or an index is the array's count, which libharu
 * reads) has no table: what lies past an array may change between lookups.
 * Its lookups resume libharu's search where the last one ended (one cursor
 * a process), the reads past the arrays done as libharu does them.  A
 * format-0 cmap and one without segments go to libharu's own.
 *
 * A table and the cursor are kept for one cmap, named by its array of
 * segment ends, and the kept width for one font's array of metrics.  A font
 * is never changed once loaded, and a new one's arrays come from
 * HPDF_GetMem (its parser's one allocation of each): so HPDF_GetMem is
 * defined here too, and drops what names the address it hands out, whose
 * font is then gone.  All are exported for libharu's own calls
 * (peel_interpose.h).  The programs call libharu from one thread (peel-run's
 * workers are processes). */

#include <string.h>

#include <hpdf.h>
#include <hpdf_fontdef.h>
#include <hpdf_mmgr.h>

#include "peel_interpose.h"

#define CODES 0x10000u /* the code points a lookup takes */

/* No cmap's array: what a table or the cursor names when it names none
 * (not NULL, which a format-0 cmap has). */
static const HPDF_UINT16 no_cmap;

/* A cmap's glyphs.  Entries outside [lo, hi) are 0: filling one writes
 * only the code points its segments answer with a glyph, and clears only
 * what the cmap before it wrote (a subset's few hundred, not 65,536). */
typedef struct cmap_table {
    const HPDF_UINT16 *end; /* the cmap's segment ends (borrowed); &no_cmap: none */
    HPDF_UINT lo, hi;
    HPDF_UINT16 glyph[CODES];
} cmap_table;

/* Two tables: a document's regular and bold faces, measured in turns. */
#define TABLES 2
_Static_assert(TABLES == 2, "table_of looks in two");
static cmap_table tables[TABLES] = {{&no_cmap, CODES, 0, {0}}, {&no_cmap, CODES, 0, {0}}};
static unsigned table_next; /* the one filled next */

typedef struct cmap_cursor {
    const HPDF_UINT16 *end; /* the cmap's segment ends (borrowed); &no_cmap: none */
    HPDF_UINT segs;         /* its number of segments */
    HPDF_UINT16 code;       /* the code point looked up last */
    HPDF_UINT seg;          /* the segment libharu's search gives for it */
} cmap_cursor;

static cmap_cursor cursor = {&no_cmap, 0, 0, 0};

typedef HPDF_UINT16 (*glyphid_fn)(HPDF_FontDef, HPDF_UINT16);
typedef HPDF_INT16 (*charwidth_fn)(HPDF_FontDef, HPDF_UINT16);
typedef void *(*getmem_fn)(HPDF_MMgr, HPDF_UINT);

static glyphid_fn hpdf_glyphid(void)
{
    static glyphid_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("HPDF_TTFontDef_GetGlyphid");
    }
    return fn;
}

static charwidth_fn hpdf_charwidth(void)
{
    static charwidth_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("HPDF_TTFontDef_GetCharWidth");
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

/* ---- one lookup, as libharu 2.3.0 makes it */

/* The glyph of code in segment seg of cmap (segs segments). */
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
static HPDF_UINT16 glyph_at(const HPDF_TTF_CmapRange *cmap, HPDF_UINT16 code)
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

/* ---- the table */

/* t's entries [from, to], already 0, as written by a segment: [lo, hi)
 * grows over them unless all they hold is 0 (a closing segment's 0xFFFF). */
static void table_wrote(cmap_table *t, HPDF_UINT from, HPDF_UINT to)
{
    if (from == to && t->glyph[from] == 0) {
        return;
    }
    if (from < t->lo) {
        t->lo = from;
    }
    if (to + 1 > t->hi) {
        t->hi = to + 1;
    }
}

/* t's entries [from, to] as segment seg of cmap (segs segments) gives
 * them; 0 when one of them is read past the glyph array (its index is the
 * array's count). */
static int fill_segment(cmap_table *t, const HPDF_TTF_CmapRange *cmap, HPDF_UINT segs,
                        HPDF_UINT seg, HPDF_UINT from, HPDF_UINT to)
{
    HPDF_UINT start = cmap->start_count[seg];
    HPDF_UINT code = from > start ? from : start; /* below the start: 0 */
    if (code > to) {
        return 1;
    }
    HPDF_UINT16 delta = (HPDF_UINT16)cmap->id_delta[seg];
    HPDF_UINT range = cmap->id_range_offset[seg];
    HPDF_UINT first = code;
    int whole = 1;
    if (range == 0) {
        for (; code <= to; code++) {
            t->glyph[code] = (HPDF_UINT16)(code + delta);
        }
    } else {
        /* The index grows with the code point, wrapping as libharu's does. */
        HPDF_UINT count = cmap->glyph_id_array_count;
        HPDF_UINT at = range / 2u + (code - start) - (segs - seg);
        for (; code <= to && at != count; code++, at++) {
            t->glyph[code] = at > count ? 0 : (HPDF_UINT16)(cmap->glyph_id_array[at] + delta);
        }
        whole = code > to;
    }
    if (code > first) {
        table_wrote(t, first, code - 1);
    }
    return whole;
}

/* Every entry of t 0. */
static void table_clear(cmap_table *t)
{
    if (t->lo < t->hi) {
        memset(&t->glyph[t->lo], 0, (t->hi - t->lo) * sizeof *t->glyph);
    }
    t->lo = CODES;
    t->hi = 0;
}

/* t filled with cmap's glyph for every code point; 0 when a lookup in it
 * reads past its arrays (t then names no cmap). */
static int table_fill(cmap_table *t, const HPDF_TTF_CmapRange *cmap)
{
    t->end = &no_cmap;
    table_clear(t);
    HPDF_UINT segs = cmap->seg_count_x2 / 2u;
    HPDF_UINT code = 0; /* the first code point not filled */
    for (HPDF_UINT seg = 0; seg < segs && code < CODES; seg++) {
        HPDF_UINT end = cmap->end_count[seg];
        if (end < code) {
            continue; /* the search passes it for every code point left */
        }
        if (!fill_segment(t, cmap, segs, seg, code, end)) {
            return 0;
        }
        code = end + 1;
    }
    if (code < CODES) {
        return 0; /* the search finds no segment for code */
    }
    t->end = cmap->end_count;
    return 1;
}

/* The table of cmap, NULL when none names it. */
static inline const HPDF_UINT16 *table_of(const HPDF_TTF_CmapRange *cmap)
{
    if (cmap->end_count == tables[0].end) {
        return tables[0].glyph;
    }
    if (cmap->end_count == tables[1].end) {
        return tables[1].glyph;
    }
    return NULL;
}

/* A lookup in a cmap with no table: called once a cmap (or each time for
 * one without), its cost stays out of the lookup's own. */
static __attribute__((noinline)) HPDF_UINT16
glyphid_anew(HPDF_FontDef fontdef, const HPDF_TTF_CmapRange *cmap, HPDF_UINT16 unicode)
{
    if (cmap->format == 0 || cmap->seg_count_x2 == 0) {
        return hpdf_glyphid()(fontdef, unicode); /* a table, or an error libharu sets */
    }
    if (cmap->end_count == cursor.end) {
        if (unicode <= cursor.code) {
            cursor.seg = 0; /* backwards: libharu's search from the start */
        }
        return glyph_at(cmap, unicode);
    }
    cmap_table *t = &tables[table_next];
    if (table_fill(t, cmap)) {
        table_next = (table_next + 1) % TABLES;
        return t->glyph[unicode];
    }
    cursor.end = cmap->end_count;
    cursor.segs = cmap->seg_count_x2 / 2u;
    cursor.seg = 0;
    return glyph_at(cmap, unicode);
}

HPDF_UINT16 HPDF_TTFontDef_GetGlyphid(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
    const HPDF_TTFontDefAttr_Rec *attr = fontdef->attr;
    const HPDF_UINT16 *glyph = table_of(&attr->cmap);
    if (glyph) {
        return glyph[unicode];
    }
    return glyphid_anew(fontdef, &attr->cmap, unicode);
}

/* ---- widths */

/* No font's metrics: what the kept width names when it names none. */
static const HPDF_TTF_LongHorMetric no_metrics;

typedef struct gid_width {
    const HPDF_TTF_LongHorMetric *metrics; /* the font's (borrowed); &no_metrics: none */
    HPDF_UINT16 gid;
    HPDF_INT16 width;
} gid_width;

static gid_width kept = {&no_metrics, 0, 0};

/* libharu 2.3.0's width of glyph gid in thousandths of the size: the
 * missing width past the font's glyphs, else the advance times 1000 over
 * the font's units to the em, in 32 unsigned bits, cut to 16. */
static __attribute__((noinline)) HPDF_INT16 gid_width_anew(HPDF_FontDef fontdef, HPDF_UINT16 gid)
{
    const HPDF_TTFontDefAttr_Rec *attr = fontdef->attr;
    if (gid >= attr->num_glyphs) {
        return fontdef->missing_width;
    }
    HPDF_UINT advance = attr->h_metric[gid].advance_width;
    kept.metrics = attr->h_metric;
    kept.gid = gid;
    kept.width = (HPDF_INT16)(advance * 1000u / attr->header.units_per_em);
    return kept.width;
}

HPDF_INT16 HPDF_TTFontDef_GetGidWidth(HPDF_FontDef fontdef, HPDF_UINT16 gid)
{
    const HPDF_TTFontDefAttr_Rec *attr = fontdef->attr;
    if (attr->h_metric == kept.metrics && gid == kept.gid) {
        return kept.width;
    }
    return gid_width_anew(fontdef, gid);
}

/* libharu's width of a character, the first time its glyph is measured:
 * it marks the glyph used and, embedding, the parts of a composite glyph
 * (a static function of libharu's). */
static __attribute__((noinline)) HPDF_INT16 char_width_anew(HPDF_FontDef fontdef,
                                                            HPDF_UINT16 unicode)
{
    return hpdf_charwidth()(fontdef, unicode);
}

/* libharu 2.3.0's width of a character is its glyph's as
 * HPDF_TTFontDef_GetGidWidth gives it, once the glyph is marked used; the
 * glyph looked up as HPDF_TTFontDef_GetGlyphid does, libharu's own the
 * rest of the time. */
HPDF_INT16 HPDF_TTFontDef_GetCharWidth(HPDF_FontDef fontdef, HPDF_UINT16 unicode)
{
    const HPDF_TTFontDefAttr_Rec *attr = fontdef->attr;
    const HPDF_UINT16 *glyph = table_of(&attr->cmap);
    if (!glyph) {
        return char_width_anew(fontdef, unicode);
    }
    HPDF_UINT16 gid = glyph[unicode];
    if (gid >= attr->num_glyphs || !attr->glyph_tbl.flgs[gid]) {
        return char_width_anew(fontdef, unicode);
    }
    return HPDF_TTFontDef_GetGidWidth(fontdef, gid);
}

/* ---- new arrays */

void *HPDF_GetMem(HPDF_MMgr mmgr, HPDF_UINT size)
{
    void *mem = hpdf_getmem()(mmgr, size);
    for (unsigned i = 0; i < TABLES; i++) {
        if (mem == (const void *)tables[i].end) {
            tables[i].end = &no_cmap;
        }
    }
    if (mem == (const void *)cursor.end) {
        cursor.end = &no_cmap;
    }
    if (mem == (const void *)kept.metrics) {
        kept.metrics = &no_metrics;
    }
    return mem;
}
