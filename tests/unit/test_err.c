/* peel_err_format: the input's place first, and ours for internal faults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "peel_err.h"

static void test_format(void **state)
{
    (void)state;
    peel_err e = {0};
    char out[1400];
    PEEL_FAIL(&e, PEEL_EDATA, "rules.csv", 7, "bad %s", "op");
    peel_err_field(&e, "op");
    peel_err_format(&e, out, sizeof out);
    assert_string_equal(out, "rules.csv:7: op: bad op");
    PEEL_FAIL(&e, PEEL_ENOINPUT, "meta.csv", 0, "missing");
    peel_err_format(&e, out, sizeof out);
    assert_string_equal(out, "meta.csv: missing");
}

static void test_internal_fault_names_source(void **state)
{
    (void)state;
    peel_err e = {0};
    char out[1400];
    int line = __LINE__ + 1;
    PEEL_FAIL(&e, PEEL_ESOFTWARE, "x.xlsx", 0, "libxlsxwriter: oops");
    peel_err_format(&e, out, sizeof out);
    char want[300];
    snprintf(want, sizeof want, "x.xlsx: libxlsxwriter: oops (internal error at test_err.c:%d)",
             line);
    assert_string_equal(out, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_internal_fault_names_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
