/* Atomic output files: the content goes to a temporary file created with
 * O_EXCL in the final file's own folder, and only a complete, flushed and
 * synced file is renamed over the old one.  A run killed at any instant
 * leaves either the whole old file or the whole new one, plus at worst a
 * stray temporary that peel_afile_sweep removes next time.
 *
 * Temporaries are named ".peeltmp.<final name>.<pid>.<n>". */
#ifndef PEEL_AFILE_H
#define PEEL_AFILE_H

#include <stddef.h>
#include <stdio.h>

#include "peel_err.h"

#define PEEL_TMP_PREFIX ".peeltmp."

typedef struct peel_afile {
    FILE *fp;       /* open on the temporary; NULL after close/commit */
    char *path;     /* final path; owned */
    char *tmp_path; /* temporary path; owned */
} peel_afile;

/* Creates the temporary for `path` (mode 0666 less umask) and opens fp on it.
 * PEEL_ECANTCREAT when the folder is missing or not writable. */
peel_status peel_afile_open(peel_afile *af, const char *path, peel_err *err);

/* For libraries that write a file by name (libxlsxwriter, libharu): like
 * peel_afile_open, but with no stream (af->fp NULL): the library writes
 * the file at af->tmp_path, and commit renames it into place.  In staging
 * the library creates the file itself. */
peel_status peel_afile_open_named(peel_afile *af, const char *path, peel_err *err);

/* Flushes, syncs, closes and renames the temporary to the final path, then
 * syncs the folder (in place and without syncs: peel_afile_set_staging).  On any
 * failure the temporary is removed, the old file is untouched, and
 * PEEL_ECANTCREAT is returned.  Frees af's strings either way. */
peel_status peel_afile_commit(peel_afile *af, peel_err *err);

/* Removes the temporary and frees af's strings; the final path is untouched.
 * Safe to call on a zeroed or already committed peel_afile. */
void peel_afile_abort(peel_afile *af);

/* Writes a whole buffer atomically. */
peel_status peel_afile_write(const char *path, const void *data, size_t len, peel_err *err);

/* Staging (1), for a process that writes nothing but a staging folder of
 * its own and makes what it keeps durable itself as it moves it into place
 * (peel-run's workers: stages/run/commit.c).  Whatever is not moved is
 * thrown away, so a file is written in place under its own name, with no
 * temporary to rename and no sync: open truncates it, abort removes it (a
 * half-written file is never moved), commit only closes it.  Off (0) by
 * default.  Process-wide. */
void peel_afile_set_staging(int on);

/* fsync of a file, or of a folder (its entries: the renames made in it),
 * by path.  0 or an errno value; a file system that cannot sync a folder
 * (EINVAL, ENOTSUP) counts as done. */
int peel_afile_sync_file(const char *path);
int peel_afile_sync_dir(const char *dir);

/* Starts writing a file's data to the disk, without waiting for it or for
 * the file system's journal (sync_file_range's SYNC_FILE_RANGE_WRITE), so
 * that its sync later finds it written.  Best effort: errors are the sync's
 * to report. */
void peel_afile_start_writeback(const char *path);

/* Removes stray temporaries (names starting with PEEL_TMP_PREFIX) in `dir`
 * left by a killed run.  Returns how many were removed. */
int peel_afile_sweep(const char *dir);

/* Makes a write past the file-size limit (ulimit -f) fail with EFBIG, so
 * that it is reported as "cannot write FILE" (exit 73) like a full disk,
 * instead of SIGXFSZ killing the program.  Each program's main calls it
 * first; peel-run's workers inherit it. */
void peel_afile_ignore_sigxfsz(void);

/* Creates `dir` and any missing parents (like mkdir -p).  PEEL_ECANTCREAT
 * when it cannot, or when a non-folder is in the way. */
peel_status peel_mkdirs(const char *dir, peel_err *err);

#endif
