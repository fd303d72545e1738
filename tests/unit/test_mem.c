/* peel_buf: data is never NULL once initialised, and always terminated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_empty),
        cmocka_unit_test(test_buf_grows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
