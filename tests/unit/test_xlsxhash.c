/* peel_xlsxhash.c: the _generate_hash_key the programs define gives
 * libxlsxwriter's own result (found past ours with dlsym RTLD_NEXT) for
 * keys of every length to past three words, zero runs of every length at
 * every offset, no zero bytes and all zero bytes, bucket counts from 1 to
 * the largest; and it is the definition the library's own calls bind to. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT, RTLD_DEFAULT */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>
#include <xlsxwriter/hash_table.h>

#include "peel_xlsxhash.h"

typedef size_t (*hash_fn)(void *, size_t, size_t);

static hash_fn librarys(void)
{
    hash_fn fn;
    *(void **)&fn = dlsym(RTLD_NEXT, "_generate_hash_key"); /* POSIX: a function from dlsym */
    assert_non_null(fn);
    return fn;
}

static const size_t BUCKETS[] = {1, 2, 7, 128, 1021, 4096, UINT32_MAX, SIZE_MAX};

/* Ours and the library's agree on the first n bytes of key, every bucket
 * count. */
static void agree(unsigned char *key, size_t n)
{
    hash_fn theirs = librarys();
    for (size_t b = 0; b < sizeof BUCKETS / sizeof *BUCKETS; b++) {
        assert_int_equal(_generate_hash_key(key, n, BUCKETS[b]), theirs(key, n, BUCKETS[b]));
    }
}

/* n xorshift bytes that are never zero, so that the zeros are the test's. */
static void nonzero_bytes(unsigned char *p, size_t n, uint32_t *state)
{
    for (size_t i = 0; i < n; i++) {
        *state ^= *state << 13;
        *state ^= *state >> 17;
        *state ^= *state << 5;
        p[i] = (unsigned char)(1 + *state % 255);
    }
}

static void lengths_with_and_without_zeros(void **st)
{
    (void)st;
    enum { MAX = 40 };
    unsigned char key[MAX];
    uint32_t state = 2463534242U;
    for (size_t n = 0; n <= MAX; n++) {
        nonzero_bytes(key, MAX, &state);
        agree(key, n); /* no zero byte */
        memset(key, 0, sizeof key);
        agree(key, n); /* all zero */
        key[0] = 0xff;
        agree(key, n); /* one nonzero byte first, then zeros */
    }
}

/* A run of `run` zero bytes at every offset of a 40-byte key: inside a
 * word, across two, covering whole words, at the start and the end. */
static void zero_runs_everywhere(void **st)
{
    (void)st;
    enum { LEN = 40 };
    unsigned char key[LEN];
    uint32_t state = 88675123U;
    for (size_t run = 1; run <= LEN; run++) {
        for (size_t at = 0; at + run <= LEN; at++) {
            nonzero_bytes(key, LEN, &state);
            memset(key + at, 0, run);
            agree(key, LEN);
            agree(key + 1, LEN - 1); /* the words unaligned */
        }
    }
}

/* What the library hashes most: a format as lxw_format_get_xf_index copies
 * it, its strings mostly padding. */
static void a_format_key(void **st)
{
    (void)st;
    lxw_format *f = lxw_format_new();
    assert_non_null(f);
    format_set_bold(f);
    format_set_num_format(f, "0.0%");
    format_set_bg_color(f, 0xDCE6F1);
    agree((unsigned char *)f, sizeof *f);
    lxw_format_free(f);
}

/* The name resolves to our definition, not the library's, so the
 * library's calls bind to it; and a table the library builds and searches
 * with our buckets finds each of its keys. */
static void the_library_calls_ours(void **st)
{
    (void)st;
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "_generate_hash_key"), (void *)_generate_hash_key);
    assert_ptr_not_equal((void *)librarys(), (void *)_generate_hash_key);
    lxw_hash_table *t = lxw_hash_new(128, 0, 0);
    assert_non_null(t);
    static char keys[][8] = {"alpha", "beta", "", "gamma\0x"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        assert_non_null(lxw_insert_hash_element(t, keys[i], keys[i], sizeof keys[i]));
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        char copy[8];
        memcpy(copy, keys[i], sizeof copy);
        lxw_hash_element *e = lxw_hash_key_exists(t, copy, sizeof copy);
        assert_non_null(e);
        assert_ptr_equal(e->value, keys[i]);
    }
    assert_int_equal(t->unique_count, sizeof keys / sizeof *keys);
    lxw_hash_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lengths_with_and_without_zeros),
        cmocka_unit_test(zero_runs_everywhere),
        cmocka_unit_test(a_format_key),
        cmocka_unit_test(the_library_calls_ours),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
