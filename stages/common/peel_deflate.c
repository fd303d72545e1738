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
 * libraries: a library that is linked elsewhere must not change zlib there.
 *
 * Each stream's memory, too, is reused.  zlib 1.2.13 allocates five blocks
 * for a stream (its state, about 6 KB, and at the callers' window and
 * memory level four of 64 KB: the window, prev, head and the pending
 * buffer) and frees them at deflateEnd; a report opens about 199 streams.
 * A stream whose caller left zalloc and zfree Z_NULL (both libraries do)
 * is given an allocator that hands out the blocks of streams already ended,
 * a few kept per process, and malloc's only when none of the size is kept.
 * The bytes do not change: zlib's output does not depend on what its
 * memory held before, as its own allocator (zcalloc) is malloc, not
 * calloc, and hands it recycled heap.  deflateReset clears the hash heads
 * (CLEAR_HASH), prev is written before it is read ("initialized on the
 * fly": an entry on no hash chain is never followed), fill_window zeroes
 * the window past the stream's data as far as a match may be compared
 * (WIN_INIT bytes, tracked by high_water, which deflateInit2_ sets to 0),
 * so a comparison past the data meets zeros or the stream's own bytes, and
 * the pending buffer is written before it is sent (deflate.c, zutil.c).
 * One thread a process, as every program here is. */
#include <stddef.h>
#include <stdlib.h>

#include <zlib.h>

#include "peel_deflate.h"
#include "peel_interpose.h"

/* A block's size, before it (zfree is not told it); max_align_t keeps what
 * follows aligned as malloc's blocks are. */
typedef union block_head {
    size_t size;
    // cppcheck-suppress unusedStructMember ; there for its size and alignment
    max_align_t align;
} block_head;

/* The blocks of ended streams, kept for the next (most recent last): two
 * streams' worth, as a program has at most one or two open at a time. */
enum { KEPT_MAX = 10 };
static block_head *kept[KEPT_MAX];
static size_t n_kept;

size_t peel_deflate_kept_blocks(void)
{
    return n_kept;
}

/* zlib's zalloc: a kept block of the size asked for, else a new one. */
static voidpf reuse_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    size_t n = (size_t)items * size;
    for (size_t i = n_kept; i-- > 0;) {
        if (kept[i]->size == n) {
            block_head *b = kept[i];
            kept[i] = kept[--n_kept];
            return b + 1;
        }
    }
    block_head *b = malloc(sizeof *b + n);
    if (!b) {
        return Z_NULL; /* zlib returns Z_MEM_ERROR to its caller */
    }
    b->size = n;
    return b + 1;
}

/* zlib's zfree: the block kept while there is room, else freed. */
static void reuse_free(voidpf opaque, voidpf address)
{
    (void)opaque;
    block_head *b = (block_head *)address - 1;
    if (n_kept < KEPT_MAX) {
        kept[n_kept++] = b;
    } else {
        free(b);
    }
}

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
    if (strm && !strm->zalloc && !strm->zfree) {
        strm->zalloc = reuse_alloc;
        strm->zfree = reuse_free;
        strm->opaque = Z_NULL;
    }
    return zlib_init2()(strm, PEEL_DEFLATE_LEVEL, method, window_bits, mem_level, strategy, version,
                        stream_size);
}

/* deflateInit_ is deflateInit2_ with zlib's defaults (zlib.h, deflate.c). */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}
