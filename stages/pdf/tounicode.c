/* A standard ToUnicode map for the embedded fonts.
 *
 * libharu 2.3.0 (Debian 12) gives a Type0 font loaded with its UTF-8 encoder
 * a /ToUnicode stream that is really the encoding CMap: CMapType 1 with one
 * `<0000> <FFFF> 0` cidrange.  A ToUnicode map must use bfchar/bfrange, and
 * a range may not cross a first-byte boundary, so readers warn about it
 * ("Invalid 'begincidrange' operator") and may not copy text.
 *
 * With that encoder the character code is the Unicode (BMP) code point, so
 * the right map is the identity, written as one bfrange per high byte
 * (surrogates excluded), in blocks of at most 100 as the CMap spec asks.
 * The stream object libharu made is kept and only its contents replaced. */
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include "pd.h"

static const char cmap_head[] = "/CIDInit /ProcSet findresource begin\n"
                                "12 dict begin\n"
                                "begincmap\n"
                                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
                                "/Supplement 0 >> def\n"
                                "/CMapName /Adobe-Identity-UCS def\n"
                                "/CMapType 2 def\n"
                                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";

static const char cmap_tail[] = "endcmap\n"
                                "CMapName currentdict /CMap defineresource pop\n"
                                "end\n"
                                "end\n";

static int is_surrogate_block(unsigned hi)
{
    return hi >= 0xD8 && hi <= 0xDF;
}

/* The identity ranges, `count beginbfrange ... endbfrange` per block. */
static void write_ranges(peel_buf *b)
{
    enum { PER_BLOCK = 100 };
    unsigned hi = 0;
    while (hi < 0x100) {
        unsigned block[PER_BLOCK], n = 0;
        for (; hi < 0x100 && n < PER_BLOCK; hi++)
            if (!is_surrogate_block(hi))
                block[n++] = hi;
        peel_buf_printf(b, "%u beginbfrange\n", n);
        for (unsigned i = 0; i < n; i++)
            peel_buf_printf(b, "<%02X00> <%02XFF> <%02X00>\n", block[i], block[i], block[i]);
        peel_buf_puts(b, "endbfrange\n");
    }
}

/* The map's text, the same for every font: made once a process (5 KB,
 * kept to its end) rather than printed line by line for each font. */
static const peel_buf *identity_map(void)
{
    static peel_buf map;
    if (!map.len) {
        peel_buf_init(&map);
        peel_buf_puts(&map, cmap_head);
        write_ranges(&map);
        peel_buf_puts(&map, cmap_tail);
    }
    return &map;
}

void pd_tounicode_fix(pd_ctx *c, HPDF_Font font)
{
    HPDF_Dict map = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!map || !map->stream)
        return; /* a libharu that made none, or a fixed one: nothing to mend */
    HPDF_MemStream_FreeData(map->stream);
    const peel_buf *text = identity_map();
    HPDF_STATUS st =
        HPDF_Stream_Write(map->stream, (const HPDF_BYTE *)text->data, (HPDF_UINT)text->len);
    if (st != HPDF_OK)
        pd_doc_fail(c, st);
}
