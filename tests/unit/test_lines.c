/* Unit tests for records found by report line: the order (by line, then by
 * index), the first position of a line, lines with no record, and an empty
 * set of records. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "peel_lines.h"

static void fact_on(peel_records *r, long line)
{
    peel_fact *f = peel_records_add(r, PEEL_FACTS);
    f->line = line;
}

static void test_order_and_first(void **state)
{
    (void)state;
    peel_records r;
    peel_records_init(&r);
    const long lines[] = {30, 10, 20, 10, 30, 5};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        fact_on(&r, lines[i]);
    peel_lines_of o = peel_fact_lines(&r);
    assert_int_equal(o.n, 6);
    size_t *ix = peel_by_line(&o);
    const size_t want[] = {5, 1, 3, 2, 0, 4}; /* ties keep their order */
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(ix[i], want[i]);
    assert_int_equal(peel_by_line_first(&o, ix, 10), 1);
    assert_int_equal(peel_line_at(&o, ix[peel_by_line_first(&o, ix, 30)]), 30);
    assert_int_equal(peel_by_line_first(&o, ix, 15), 3); /* no record: the next line's */
    assert_int_equal(peel_by_line_first(&o, ix, 1), 0);
    assert_int_equal(peel_by_line_first(&o, ix, 99), 6);
    free(ix);
    peel_records_release(&r);
}

static void test_none(void **state)
{
    (void)state;
    peel_records r;
    peel_records_init(&r);
    peel_lines_of o = peel_cell_lines(&r);
    size_t *ix = peel_by_line(&o);
    assert_non_null(ix);
    assert_int_equal(peel_by_line_first(&o, ix, 10), 0);
    free(ix);
    peel_records_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_first),
        cmocka_unit_test(test_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
