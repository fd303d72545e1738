/* Where libxlsxwriter writes its scratch files (each part of a workbook
 * goes through a temporary before it is zipped, about 35 per workbook):
 * in memory when a tmpfs is at hand, which costs fewer system calls and no
 * disk, else in the folder the caller gives.  libxlsxwriter unlinks each
 * scratch file as it creates it, so none is left behind whatever happens. */
#include <stdlib.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "xlsx.h"

#define TMPFS_MAGIC_NUMBER 0x01021994 /* statfs f_type of a tmpfs (linux/magic.h) */

static int writable_tmpfs(const char *dir)
{
    struct statfs fs;
    return dir && dir[0] && statfs(dir, &fs) == 0 && fs.f_type == TMPFS_MAGIC_NUMBER &&
           access(dir, W_OK | X_OK) == 0;
}

size_t peel_xlsx_scratch(const char *given, const char *fallback, const char *out[2])
{
    if (given) {
        out[0] = given;
        return 1;
    }
    const char *const candidates[] = {getenv("TMPDIR"), "/dev/shm", getenv("XDG_RUNTIME_DIR")};
    size_t n = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates && !n; i++)
        if (writable_tmpfs(candidates[i]))
            out[n++] = candidates[i];
    out[n++] = fallback;
    return n;
}
