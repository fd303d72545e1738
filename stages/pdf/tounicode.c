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
 * The stream object libharu made is kept and only its contents replaced.
 *
 * The map is the same for every font, so it is deflated once a process,
 * not by libharu for each of a report's six fonts (2 M instructions a
 * report): the stream then holds the deflated bytes with no filter of its
 * own, and its dictionary says /Filter as libharu would have (the last
 * key, which is where libharu adds it).  The bytes are the same: zlib gives
 * the same output for the same input and level whatever sizes it is fed
 * in, and deflateInit here is the one libharu calls (peel_deflate.c's
 * where that is linked). */
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <zlib.h>

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

/* The map deflated as libharu deflates a stream (HPDF_Stream_WriteToStream:
 * deflateInit at the default level, then Z_FINISH), made once a process;
 * NULL when zlib fails, and libharu then deflates the text itself. */
static const peel_buf *deflated_map(void)
{
    static peel_buf z;
    static int tried;
    if (tried)
        return z.len ? &z : NULL;
    tried = 1;
    const peel_buf *text = identity_map();
    z_stream s = {0};
    if (deflateInit(&s, Z_DEFAULT_COMPRESSION) != Z_OK)
        return NULL;
    uLong cap = deflateBound(&s, (uLong)text->len);
    peel_buf_init(&z);
    s.next_in = (Bytef *)text->data;
    s.avail_in = (uInt)text->len;
    s.next_out = (Bytef *)peel_buf_room(&z, cap);
    s.avail_out = (uInt)cap;
    if (deflate(&s, Z_FINISH) == Z_STREAM_END)
        peel_buf_commit(&z, (size_t)s.total_out);
    deflateEnd(&s);
    return z.len ? &z : NULL;
}

/* The map's stream holds deflated bytes already: libharu is not to deflate
 * them again.  A before-write hook, as libharu sets the stream's filter
 * when it writes the font, just before (the font's own hook; pd_doc_new
 * asks for every stream deflated). */
static HPDF_STATUS keep_deflated(HPDF_Dict map)
{
    map->filter = HPDF_STREAM_FILTER_NONE;
    return HPDF_OK;
}

/* The /Filter entry libharu writes last in a deflated stream's dictionary. */
static HPDF_STATUS write_filter(HPDF_Dict map, HPDF_Stream out)
{
    (void)map;
    return HPDF_Stream_WriteStr(out, "/Filter [ /FlateDecode ]\012");
}

void pd_tounicode_fix(pd_ctx *c, HPDF_Font font)
{
    HPDF_Dict map = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!map || !map->stream)
        return; /* a libharu that made none, or a fixed one: nothing to mend */
    HPDF_MemStream_FreeData(map->stream);
    const peel_buf *z = deflated_map(), *text = identity_map();
    int hooks_free = !map->before_write_fn && !map->write_fn;
    const peel_buf *put = z && hooks_free ? z : text;
    HPDF_STATUS st =
        HPDF_Stream_Write(map->stream, (const HPDF_BYTE *)put->data, (HPDF_UINT)put->len);
    if (st != HPDF_OK)
        pd_doc_fail(c, st);
    if (put == z) {
        map->before_write_fn = keep_deflated;
        map->write_fn = write_filter;
    }
}
