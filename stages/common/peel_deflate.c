/* Every document deflated at zlib's fastest level.
 *
 * libxlsxwriter 1.1.4 (through minizip, for each part of a workbook) and
 * libharu 2.3.0 (for each stream of a pack) ask zlib for its default level,
 * 6, and neither has a setting for another.  Deflate was a quarter of the
 * instructions spent writing a report's six documents; at level 1 it costs
 * about half as much, and the documents are about 11% larger (the bundled
 * report's three workbooks 160 -> 178 KB, its packs 182 -> 205 KB).  The
 * documents stay byte-reproducible: a level is as deterministic as another.
 *
 * How: the programs define zlib's two entry points that start a deflate
 * stream, deflateInit_ and deflateInit2_, and export them
 * (peel_interpose.h), so that the dynamic linker binds the libraries'
 * calls here before libz; these call libz's own with the level
 * replaced.  Every other argument, the window and memory level included,
 * is the caller's.  Linked into each program that writes documents (and the
 * benchmark's floor, which writes them the same way), not into the stage
 * libraries: a library that is linked elsewhere must not change zlib there. */
#include <zlib.h>

#include "peel_deflate.h"
#include "peel_interpose.h"

typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);

/* libz's deflateInit2_, found once. */
static init2_fn zlib_init2(void)
{
    static init2_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("deflateInit2_"); /* POSIX: a function from dlsym */
    }
    return fn;
}

int deflateInit2_(z_streamp strm, int level, int method, int window_bits, int mem_level,
                  int strategy, const char *version, int stream_size)
{
    (void)level; /* the caller's: Z_DEFAULT_COMPRESSION in both libraries */
    return zlib_init2()(strm, PEEL_DEFLATE_LEVEL, method, window_bits, mem_level, strategy, version,
                        stream_size);
}

/* deflateInit_ is deflateInit2_ with zlib's defaults (zlib.h, deflate.c). */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}
