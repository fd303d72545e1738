/* Where libxlsxwriter's scratch files go (each part of a workbook goes
 * through one before it is zipped, about 35 per workbook) when they are
 * real files: in the programs, a part is kept in memory until it outgrows
 * PEEL_SCRATCH_MEM_MAX (peel_scratch_mem.c); a larger part, and every part
 * where the library's own lxw_tmpfile is used (the stage's tests), goes to
 * a tmpfs when one is at hand, which costs fewer system calls and no disk,
 * else to the folder the caller gives.  libxlsxwriter unlinks each scratch
 * file as it creates it, so none is left behind whatever happens. */
#include "peel_text.h"
#include "xlsx.h"

size_t peel_xlsx_scratch(const char *given, const char *fallback, const char *out[2])
{
    if (given) {
        out[0] = given;
        return 1;
    }
    size_t n = 0;
    const char *tmpfs = peel_tmpfs_dir();
    if (tmpfs)
        out[n++] = tmpfs;
    out[n++] = fallback;
    return n;
}
