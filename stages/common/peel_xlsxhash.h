/* libxlsxwriter 1.1.4's hash of a key, defined over the library's own
 * (peel_xlsxhash.c says why and how). */
#ifndef PEEL_XLSXHASH_H
#define PEEL_XLSXHASH_H

#include <stddef.h>

/* FNV-1 over the data_len bytes at data, modulo num_buckets (not 0): the
 * bucket of a key in libxlsxwriter's hash tables, as the library's own
 * hash_table.c computes it.  Reads data only.  The name is the library's,
 * reserved or not: it is the one the library calls. */
size_t _generate_hash_key(void *data, size_t data_len, // NOLINT(bugprone-reserved-identifier)
                          size_t num_buckets);

#endif
