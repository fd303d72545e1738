/* A CIDToGIDMap as long as the pack needs.
 *
 * libharu 2.3.0 gives each UTF-8 font a CIDToGIDMap of all 65,535 BMP code
 * points (131,070 bytes) whatever the font holds, and deflates it when it
 * saves: with the subset fonts that map was the largest thing left to
 * compress.  A glyph index is read at bytes 2c and 2c+1 of the map for the
 * character code c (PDF 1.7, 9.7.4.2), so a map that ends after the highest
 * code the pack draws serves every character on its pages.  libharu's own
 * entries are kept, only the zeros past that end go.  The stream object
 * stays the one libharu made. */
#include <stdint.h>
#include <string.h>

#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "pd.h"

/* The highest code point of s, or 0 when s is empty. */
static unsigned highest(const pd_cps *s)
{
    unsigned top = PD_CPS_SIZE / 8;               /* past the last byte that may be set */
    for (uint64_t word = 0; top >= 8; top -= 8) { /* 64 empty code points at a time */
        memcpy(&word, s->bit + top - 8, sizeof word);
        if (word)
            break;
    }
    for (unsigned i = top; i-- > 0;)
        if (s->bit[i])
            for (unsigned b = 8; b-- > 0;)
                if (s->bit[i] >> b & 1)
                    return i * 8 + b;
    return 0;
}

/* The CIDFontType2 dictionary's map stream, or NULL when there is none. */
static HPDF_Dict map_of(HPDF_Font font)
{
    HPDF_Array kids = HPDF_Dict_GetItem((HPDF_Dict)font, "DescendantFonts", HPDF_OCLASS_ARRAY);
    HPDF_Dict cid = kids ? HPDF_Array_GetItem(kids, 0, HPDF_OCLASS_DICT) : NULL;
    HPDF_Dict map = cid ? HPDF_Dict_GetItem(cid, "CIDToGIDMap", HPDF_OCLASS_DICT) : NULL;
    return map && map->stream ? map : NULL;
}

void pd_cidmap_trim(pd_ctx *c, HPDF_Font font)
{
    HPDF_Dict map = map_of(font);
    if (!map)
        return; /* a libharu that writes none, or names the identity */
    HPDF_Stream s = map->stream;
    HPDF_UINT want = 2 * (highest(&c->glyphs) + 1), n = want;
    if (want >= s->size)
        return;
    HPDF_BYTE *keep = peel_arena_alloc(&c->arena, want);
    HPDF_STATUS st = HPDF_Stream_Seek(s, 0, HPDF_SEEK_SET);
    if (st == HPDF_OK)
        st = HPDF_Stream_Read(s, keep, &n);
    if (st == HPDF_OK && n == want) {
        HPDF_MemStream_FreeData(s);
        st = HPDF_Stream_Write(s, keep, want);
    }
    if (st != HPDF_OK || n != want)
        pd_doc_fail(c, st);
}
