/* Small text utilities shared by the stages: UTF-8 checks, slugs, whole-file
 * reading with limits, checksums. */
#ifndef PEEL_TEXT_H
#define PEEL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "peel_err.h"

/* Nonzero when s[0..len) is well-formed UTF-8 (no overlong forms, surrogates
 * or code points past U+10FFFF).  When it is not, *bad_off (if not NULL) gets
 * the byte offset of the first bad sequence.  NUL bytes are valid UTF-8 here:
 * callers that refuse them check separately. */
int peel_utf8_valid(const char *s, size_t len, size_t *bad_off);

/* Writes the slug of `in` to out: ASCII letters lower-cased, digits kept,
 * every other run of characters (spaces, punctuation, UTF-8 sequences, control
 * characters, '/', '.') folded to one '-', no leading or trailing '-'.  Never
 * yields "", "." or "..": an empty result becomes "unnamed".  The result is
 * cut (at a character boundary, trailing '-' dropped) to fit cap-1 bytes.
 * Returns its length. */
size_t peel_slug(const char *in, char *out, size_t cap);

/* Reads a whole regular file into a NUL-terminated buffer the caller frees.
 * Errors: missing or unreadable (PEEL_ENOINPUT), a folder or other non-file
 * (PEEL_ENOINPUT, "is a folder"), larger than max_bytes (PEEL_EDATA, naming the
 * limit), read failure (PEEL_EIO). */
peel_status peel_file_read(const char *path, size_t max_bytes, char **data, size_t *len,
                           peel_err *err);

/* CRC-32 (zlib's) of a buffer, and of a whole file (-1 when unreadable). */
uint32_t peel_crc32(const void *data, size_t len);
long long peel_crc32_file(const char *path, long long *size_out);

/* The folder part and the last component of a path, into out. */
void peel_path_dir(const char *path, char *out, size_t cap);
const char *peel_path_base(const char *path);

#endif
