/* libxlsxwriter's hash of a key, its zero bytes skipped.
 *
 * libxlsxwriter 1.1.4 finds a format's index (lxw_format_get_xf_index) by
 * hashing a copy of the whole format, 568 bytes, with its
 * _generate_hash_key (hash_table.c): FNV-1 a byte a loop turn, each turn a
 * multiplication that waits for the one before.  A format equal to one
 * already given an index never keeps the index itself, so every cell
 * written with it hashes it again; a new format is hashed twice (looked up,
 * then inserted); and the fonts, fills and borders of the used formats are
 * hashed when the styles are written.  In a report's workbooks these hashes
 * cost about 2 M instructions, in the benchmark's floor (whose formats
 * repeat more) 6 M and about 3 % of its time.  Most of a format's bytes are
 * zero: three 128-byte strings, each a short name and its padding.
 *
 * A zero byte only multiplies the hash by the FNV prime (x ^ 0 is x), so a
 * run of k zero bytes multiplies it by the prime's k-th power, modulo 2^64
 * as size_t arithmetic wraps: one multiplication for a word of eight zero
 * bytes, and a nonzero byte takes the zeros before it with its own.  The
 * result is the library's to the bit, for any bytes, length and bucket
 * count (tests/unit/test_xlsxhash.c checks it against the library's own).
 *
 * How: as peel_xlsxxml.c does, the programs that link libxlsxwriter
 * define the function and export it (stages/CMakeLists.txt,
 * peel_interpose.list); the library's lxw_hash_key_exists and
 * lxw_insert_hash_element call it through their PLT (the Debian build
 * exports it: its STATIC is not static there), so they call this one. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "peel_xlsxhash.h"

/* libxlsxwriter's FNV-1: the 32-bit basis and prime, in a size_t. */
#define FNV_BASIS ((size_t)2166136261U)
#define P1 ((size_t)16777619U)
#define P2 (P1 * P1)
#define P4 (P2 * P2)

/* The prime's powers 0 to 8, modulo the size of size_t (constant
 * expressions: unsigned arithmetic wraps). */
static const size_t PRIME_POW[9] = {1, P1, P2, P2 *P1, P4, P4 *P1, P4 *P2, P4 *P2 *P1, P4 *P4};

/* hash over n <= 8 bytes: each nonzero byte multiplies by the prime once
 * for itself and once for each zero byte before it, then is mixed in. */
static size_t mix_bytes(size_t hash, const unsigned char *p, size_t n)
{
    size_t zeros = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            hash = (hash * PRIME_POW[zeros + 1]) ^ p[i];
            zeros = 0;
        } else {
            zeros++;
        }
    }
    return hash * PRIME_POW[zeros];
}

size_t _generate_hash_key(void *data, size_t data_len, size_t num_buckets)
{
    const unsigned char *p = data;
    size_t hash = FNV_BASIS;
    size_t i = 0;
    for (; data_len - i >= 8; i += 8) {
        uint64_t word;
        memcpy(&word, p + i, sizeof word);
        hash = word ? mix_bytes(hash, p + i, 8) : hash * PRIME_POW[8];
    }
    hash = mix_bytes(hash, p + i, data_len - i);
    return hash % num_buckets;
}
