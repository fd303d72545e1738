/* peel_buf: data is never NULL once initialised, and always terminated;
 * formatted text, into a buffer or an arena, whole whether or not it fit
 * the room there was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "peel_mem.h"

static void test_buf_empty(void **state)
{
    (void)state;
    peel_buf b;
    peel_buf_init(&b);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(b.len, 0);
    peel_buf_clear(&b);
    assert_string_equal(b.data, "");
    char *s = peel_buf_detach(&b);
    assert_string_equal(s, "");
    free(s);
    assert_non_null(b.data);
    peel_buf_release(&b);
    assert_non_null(b.data);
    assert_string_equal(peel_buf_str(&b), "");
}

static void test_buf_grows(void **state)
{
    (void)state;
    peel_buf b;
    peel_buf_init(&b);
    for (int i = 0; i < 1000; i++)
        peel_buf_printf(&b, "%d,", i % 10);
    assert_int_equal(b.len, 2000);
    assert_int_equal(strlen(b.data), 2000);
    peel_buf_clear(&b);
    assert_string_equal(b.data, "");
    peel_buf_add(&b, "ab", 2);
    assert_string_equal(b.data, "ab");
    peel_buf_release(&b);
    assert_string_equal(b.data, "");

    /* Zeroed instead of initialised: usable all the same. */
    peel_buf z;
    memset(&z, 0, sizeof z);
    peel_buf_puts(&z, "x");
    assert_string_equal(z.data, "x");
    peel_buf_release(&z);
    assert_non_null(z.data);
}

/* Bytes made in place: what was committed is the contents, terminated;
 * room asked for past the capacity moves the contents with it. */
static void test_buf_room(void **state)
{
    (void)state;
    peel_buf b;
    peel_buf_init(&b);
    peel_buf_commit(&b, 0); /* nothing asked for: still the shared "" */
    assert_string_equal(b.data, "");
    char *p = peel_buf_room(&b, 3);
    p[0] = 'a';
    p[1] = 'b';
    p[2] = 'c';
    peel_buf_commit(&b, 2); /* fewer than the room */
    assert_int_equal(b.len, 2);
    assert_string_equal(b.data, "ab");
    for (int i = 0; i < 100; i++) {
        p = peel_buf_room(&b, 1000);
        memset(p, 'a' + i % 26, 1000);
        peel_buf_commit(&b, 1000);
    }
    assert_int_equal(b.len, 100002);
    assert_int_equal(strlen(b.data), 100002);
    assert_true(b.cap > b.len);
    assert_int_equal(b.data[2], 'a');
    assert_int_equal(b.data[100001], 'a' + 99 % 26);
    p = peel_buf_room(&b, 0);
    assert_ptr_equal(p, b.data + b.len);
    peel_buf_commit(&b, 0);
    assert_int_equal(b.len, 100002);
    peel_buf_release(&b);
}

/* Texts formatted into a buffer's room, and past it. */
static void test_buf_printf_room(void **state)
{
    (void)state;
    peel_buf b;
    peel_buf_init(&b);
    peel_buf_printf(&b, "%s", "");
    assert_string_equal(b.data, "");
    peel_buf_puts(&b, "head:");
    char big[300];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int i = 0; i < 40; i++) {
        size_t before = b.len;
        peel_buf_printf(&b, "%d%s", i, i % 3 ? "." : big); /* 64, 128... bytes of room */
        assert_int_equal(b.len, strlen(b.data));
        assert_int_equal(b.len - before, (i < 10 ? 1 : 2) + (i % 3 ? 1 : sizeof big - 1));
    }
    assert_memory_equal(b.data, "head:0xxx", 9);
    peel_buf_printf(&b, "%s", "");
    assert_int_equal(b.len, strlen(b.data));
    peel_buf_release(&b);
}

/* Texts formatted in an arena: in the room its block has, or in a new
 * block (longer than a block too), each whole, packed byte to byte, and
 * none overwriting another; an allocation after them is still 16-byte
 * aligned and zeroed. */
static void test_arena_printf(void **state)
{
    (void)state;
    peel_arena a;
    peel_arena_init(&a);
    enum { N = 400 };
    char *got[N];
    static char big[100000];
    memset(big, 'y', sizeof big - 1);
    for (int i = 0; i < N; i++) {
        int len = i % 7 == 0 ? 3000 + i * 13 : i % 50 == 0 ? 90000 : i % 5;
        got[i] = peel_arena_printf(&a, "%d:%.*s", i, len, big);
    }
    for (int i = 0; i < N; i++) {
        int len = i % 7 == 0 ? 3000 + i * 13 : i % 50 == 0 ? 90000 : i % 5;
        char head[16];
        int h = snprintf(head, sizeof head, "%d:", i);
        assert_int_equal(strlen(got[i]), (size_t)(h + len));
        assert_memory_equal(got[i], head, (size_t)h);
        for (int k = 0; k < len; k++)
            if (got[i][h + k] != 'y')
                fail_msg("text %d is overwritten at %d", i, k);
    }
    /* After a string, an allocation is aligned and zeroed, strings after it
     * are packed again. */
    char *r = peel_arena_printf(&a, "%s", "x"), *s = peel_arena_printf(&a, "%s", "abc");
    assert_ptr_equal(s, r + 2); /* packed */
    assert_string_equal(s, "abc");
    unsigned char *z = peel_arena_alloc(&a, 40);
    assert_int_equal(((size_t)z) % 16, 0);
    for (int k = 0; k < 40; k++)
        assert_int_equal(z[k], 0);
    char *t = peel_arena_strdup(&a, "de");
    assert_ptr_equal(t, (char *)z + 40);
    assert_string_equal(s, "abc");
    peel_arena_release(&a);
}

/* A rewind gives back what came after its mark, nested marks inner first:
 * what was there before stays as it was, the next allocation goes where
 * the rewound one went (a block emptied by a rewind is used again), and a
 * rewind to the mark of an empty arena empties it. */
static void test_arena_rewind(void **state)
{
    (void)state;
    peel_arena a;
    peel_arena_init(&a);
    peel_arena_mark empty = peel_arena_here(&a);
    char *keep = peel_arena_strdup(&a, "kept");
    peel_arena_mark outer = peel_arena_here(&a);
    char *first = peel_arena_printf(&a, "%s", "outer");
    peel_arena_mark inner = peel_arena_here(&a);
    static char big[200000];
    memset(big, 'z', sizeof big - 1);
    for (int i = 0; i < 20; i++) /* past several blocks, one longer than a block */
        peel_arena_printf(&a, "%.*s", i == 7 ? 150000 : 9000, big);
    peel_arena_rewind(&a, inner);
    assert_string_equal(first, "outer");
    char *again = peel_arena_printf(&a, "%s", "next");
    assert_ptr_equal(again, first + 6); /* where the rewound texts began */
    for (int i = 0; i < 20; i++)        /* the emptied blocks serve these */
        assert_int_equal(strlen(peel_arena_printf(&a, "%.*s", 9000, big)), 9000);
    peel_arena_rewind(&a, outer);
    assert_string_equal(keep, "kept");
    assert_ptr_equal(peel_arena_strdup(&a, "x"), keep + 5);
    unsigned char *z = peel_arena_alloc(&a, 64);
    for (int k = 0; k < 64; k++)
        assert_int_equal(z[k], 0);
    peel_arena_rewind(&a, empty);
    assert_null(a.head);
    assert_string_equal(peel_arena_strdup(&a, "after"), "after");
    peel_arena_release(&a);
    assert_null(a.head);
    assert_null(a.spare);
}

/* Parts joined whole, as "%s%s..." prints them: empty parts, none at all,
 * more than the lengths it keeps (16), a part longer than a block; packed
 * after the texts before them. */
static void test_arena_concat(void **state)
{
    (void)state;
    peel_arena a;
    peel_arena_init(&a);
    const char *abc[] = {"a", "", "bc"};
    char *s = peel_arena_concat(&a, abc, 3);
    assert_string_equal(s, "abc");
    assert_string_equal(peel_arena_concat(&a, abc, 0), "");
    assert_ptr_equal(peel_arena_concat(&a, abc, 1), s + 5); /* after "abc" and "" */
    const char *many[20];
    char want[64];
    size_t n = 0;
    for (int i = 0; i < 20; i++) {
        many[i] = i % 3 ? "xy" : "z";
        memcpy(want + n, many[i], strlen(many[i]));
        n += strlen(many[i]);
    }
    want[n] = '\0';
    assert_string_equal(peel_arena_concat(&a, many, 20), want);
    static char big[100000];
    memset(big, 'q', sizeof big - 1);
    const char *two[] = {big, "!"};
    char *t = peel_arena_concat(&a, two, 2);
    assert_int_equal(strlen(t), sizeof big);
    assert_int_equal(t[sizeof big - 1], '!');
    assert_string_equal(s, "abc");
    peel_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_empty),    cmocka_unit_test(test_buf_grows),
        cmocka_unit_test(test_buf_room),     cmocka_unit_test(test_buf_printf_room),
        cmocka_unit_test(test_arena_printf), cmocka_unit_test(test_arena_rewind),
        cmocka_unit_test(test_arena_concat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
