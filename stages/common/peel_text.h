/* Small text utilities shared by the stages: UTF-8 checks, slugs, whole-file
 * reading with limits, checksums. */
#ifndef PEEL_TEXT_H
#define PEEL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "peel_err.h"
#include "peel_mem.h"

/* Nonzero when s[0..len) is well-formed UTF-8 (no overlong forms, surrogates
 * or code points past U+10FFFF).  When it is not, *bad_off (if not NULL) gets
 * the byte offset of the first bad sequence.  NUL bytes are valid UTF-8 here:
 * callers that refuse them check separately. */
int peel_utf8_valid(const char *s, size_t len, size_t *bad_off);

/* How many bytes at s[0..len) are printable ASCII (0x20..0x7E) before the
 * first that is not: sixteen at a time by SSE2 where the machine has it,
 * else eight by word-at-a-time tests.  Most of a report and of what a pack
 * prints is such runs: ingest's control-byte check and the packs' glyph
 * walks step over them with it. */
size_t peel_printable_run(const char *s, size_t len);

/* Writes v's decimal digits at out (no sign, no NUL; at most 20 bytes)
 * and returns the end of what it wrote: the one digit writer of the texts
 * made without printf (cell names, keys, a figure's whole part). */
char *peel_utoa(char *out, unsigned long long v);

/* Writes the slug of `in` to out: ASCII letters lower-cased, digits kept,
 * every other run of characters (spaces, punctuation, UTF-8 sequences, control
 * characters, '/', '.') folded to one '-', no leading or trailing '-'.  Never
 * yields "", "." or "..": a name with nothing to keep (in another script, or
 * only punctuation) becomes "unnamed-" and the 8 hex digits of its CRC-32
 * ("unnamed-3fa2c1d0"), so that two such names stay apart; an empty one
 * "unnamed".  The result is cut (at a character boundary, trailing '-'
 * dropped) to fit cap-1 bytes.  Returns its length. */
size_t peel_slug(const char *in, char *out, size_t cap);

/* Reads a whole regular file into a NUL-terminated buffer the caller frees
 * (*data owned by the caller on PEEL_OK, NULL otherwise).  Only a regular
 * file is opened, and its size is checked before any byte is read, so a
 * FIFO, a device or a huge (sparse) file never blocks or spins.  Errors:
 * missing or unreadable (PEEL_ENOINPUT, "cannot open: ..."), a folder
 * (PEEL_ENOINPUT, "is a folder, not a file"), a FIFO, device or socket
 * (PEEL_ENOINPUT, "not a regular file: a FIFO"), larger than max_bytes
 * (PEEL_EDATA, naming the limit), read failure or a stop requested by a
 * signal (PEEL_EIO; see peel_stop.h). */
peel_status peel_file_read(const char *path, size_t max_bytes, char **data, size_t *len,
                           peel_err *err);

/* CRC-32 (zlib's) of a buffer. */
uint32_t peel_crc32(const void *data, size_t len);

/* CRC-32 and size of a whole file, read in chunks, with the checks and
 * errors of peel_file_read; max_bytes 0 means no size limit.  *crc and
 * *size are 0 on error. */
peel_status peel_file_crc32(const char *path, size_t max_bytes, uint32_t *crc, long long *size,
                            peel_err *err);

/* peel_file_crc32 without a limit or a message, for our own outputs: the
 * CRC, or -1 when the file cannot be read (*size_out 0). */
long long peel_crc32_file(const char *path, long long *size_out);

/* A period as two statements of it compare, appended to out: lower case,
 * without a leading "by", "in", "during", "for", "as of", "on" or "at"
 * ("by 2022/23" and "2022/23" date the same gap). */
void peel_period_identity(const char *period, peel_buf *out);

/* When a document says it was made, so that the same inputs give the same
 * bytes (never the clock): SOURCE_DATE_EPOCH when set (reproducible
 * builds), else `date` (YYYY-MM-DD, a report's publication; NULL or "" for
 * none) at midnight UTC, else 1980-01-01, the earliest a zip file can say.
 * Seconds since the epoch. */
long long peel_created_time(const char *date);

/* The parts given, joined with '/', into out (cap bytes): the one way paths
 * are built.  A path that does not fit is never cut (a cut path can name
 * another file): out gets "" and the result is PEEL_EUSAGE, with err (may
 * be NULL) naming the start of the path and the limit.  The parts end with
 * NULL; peel_path_join adds it. */
peel_status peel_path_join_parts(char *out, size_t cap, peel_err *err, const char *first, ...);
#define peel_path_join(out, cap, err, ...)                                                         \
    peel_path_join_parts((out), (cap), (err), __VA_ARGS__, (const char *)NULL)

/* The names of dir's CSV files ("*.csv", dot files left out: our own
 * temporaries, editors' backups) in name order, appended to *names as
 * owned strings.  Returns 0, or -1 (errno set) when dir cannot be read. */
int peel_csv_files(const char *dir, peel_vec *names);

/* The folder part and the last component of a path, into out. */
void peel_path_dir(const char *path, char *out, size_t cap);
const char *peel_path_base(const char *path);

/* Whether dir is a tmpfs this process can write in: where scratch files
 * cost no disk and fewer system calls (the workbooks' and fonts'). */
int peel_dir_is_tmpfs(const char *dir);

/* The first writable tmpfs of $TMPDIR, /dev/shm and $XDG_RUNTIME_DIR, or
 * NULL when there is none. */
const char *peel_tmpfs_dir(void);

#endif
