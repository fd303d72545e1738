/* Unit tests for the table index: grouping of cells into tables, what each
 * column is (from the catalogue's force and comparator prefixes), lookups,
 * the opening tables' pillars; and the string map beneath it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "peel_map.h"
#include "peel_table.h"

static void cell(peel_records *r, peel_pillar p, const char *table, const char *row,
                 const char *col, const char *unit, const char *period, double v)
{
    peel_cell *c = peel_records_add(r, PEEL_TABLES);
    c->pillar = p;
    c->table = peel_records_str(r, table);
    c->trow = peel_records_str(r, row);
    c->column = peel_records_str(r, col);
    c->unit = peel_records_str(r, unit);
    c->period = peel_records_str(r, period);
    c->value = peel_value_make(v, 0);
    c->line = (long)r->ncell + 10;
}

static void catalogue(peel_tcat *cat)
{
    peel_status st;
    peel_err err = {0};
    peel_tcat_init(cat);
    assert_int_equal(peel_tcat_line(cat, "force", "", "force-", "w.csv", 2, &st, &err), 1);
    assert_int_equal(peel_tcat_line(cat, "comparator", "", "england-", "w.csv", 3, &st, &err), 1);
    assert_int_equal(
        peel_tcat_line(cat, "opening", "efficiency", "*-workforce", "w.csv", 4, &st, &err), 1);
    assert_int_equal(st, PEEL_OK);
    assert_int_equal(peel_tcat_line(cat, "sheet", "efficiency", "x", "w.csv", 5, &st, &err), 0);
    assert_int_equal(peel_tcat_check(cat, "w.csv", &err), PEEL_OK);
}

static void test_columns_classified(void **state)
{
    (void)state;
    peel_records r;
    peel_tcat cat;
    peel_tindex ix;
    peel_records_init(&r);
    catalogue(&cat);
    /* An opening time series: two dated columns and a change. */
    cell(&r, PEEL_NOPILLAR, "force-workforce", "officer", "fte-2019", "FTE", "31 March 2019", 100);
    cell(&r, PEEL_NOPILLAR, "force-workforce", "officer", "fte-2014", "FTE", "31 March 2014", 90);
    cell(&r, PEEL_NOPILLAR, "force-workforce", "officer", "change", "%", "2014 to 2019", 11);
    cell(&r, PEEL_NOPILLAR, "force-workforce", "staff", "fte-2019", "FTE", "31 March 2019", 50);
    /* A comparison in a pillar's own section. */
    cell(&r, PEEL_EFFICIENCY, "spend", "spend", "force-spend", "GBP", "2018/19", 297);
    cell(&r, PEEL_EFFICIENCY, "spend", "spend", "england-spend", "GBP", "2018/19", 192);
    /* The same key in the opening pages, after. */
    cell(&r, PEEL_NOPILLAR, "spend", "spend", "force-spend", "GBP", "2018/19", 297);
    peel_tindex_build(&ix, &r, &cat);
    assert_int_equal(ix.ntable, 3);
    const peel_table *w = peel_tindex_find(&ix, PEEL_NOPILLAR, "force-workforce");
    assert_non_null(w);
    assert_int_equal(w->ncol, 3);
    assert_int_equal(w->nrow, 2);
    assert_int_equal(w->latest, 0);
    assert_int_equal(w->earliest, 1);
    assert_int_equal(w->change, 2);
    assert_int_equal(w->comparator, -1);
    assert_int_equal(peel_table_col(w, "@force"), 0); /* no force column: the first */
    assert_null(w->unit);                             /* FTE and % */
    assert_int_equal(w->first_line, 11);
    assert_int_equal(w->last_line, 14);
    int staff = peel_table_row(&ix, w, "staff");
    assert_int_equal(staff, 1);
    assert_int_equal(peel_table_cell(w, staff, 0), 3);
    assert_int_equal(peel_table_cell(w, staff, 1), -1);
    assert_int_equal(peel_table_row(&ix, w, "nobody"), -1);
    const peel_table *s = peel_tindex_find(&ix, PEEL_EFFICIENCY, "spend");
    assert_int_equal(s->force, 0);
    assert_int_equal(s->comparator, 1);
    assert_int_equal(s->latest, -1);
    assert_true(s->col[0].force && !s->col[1].force);
    assert_string_equal(s->unit, "GBP");
    assert_true(s->all_values);
    /* The first table of a key is the one whose first cell comes first. */
    assert_ptr_equal(peel_tindex_first(&ix, "spend"), s);
    assert_int_equal(ix.table_of[6], 2);
    /* Opening tables go where the catalogue says; a pillar's own where it is. */
    assert_true(peel_table_on(w, &cat, PEEL_EFFICIENCY));
    assert_false(peel_table_on(w, &cat, PEEL_LEGITIMACY));
    assert_true(peel_table_on(s, &cat, PEEL_EFFICIENCY));
    assert_false(peel_table_on(s, &cat, PEEL_EFFECTIVENESS));
    peel_tindex_release(&ix);
    peel_tcat_release(&cat);
    peel_records_release(&r);
}

static void test_long_table(void **state)
{
    (void)state;
    enum { ROWS = 20000 };
    peel_records r;
    peel_tcat cat;
    peel_tindex ix;
    peel_records_init(&r);
    catalogue(&cat);
    for (int i = 0; i < ROWS; i++) {
        char row[32];
        snprintf(row, sizeof row, "r%d", i);
        cell(&r, PEEL_EFFECTIVENESS, "t", row, "force-rate", "", "2019", i);
        cell(&r, PEEL_EFFECTIVENESS, "t", row, "england-rate", "", "2019", -i);
    }
    peel_tindex_build(&ix, &r, &cat);
    const peel_table *t = peel_tindex_find(&ix, PEEL_EFFECTIVENESS, "t");
    assert_int_equal(t->nrow, ROWS);
    for (int i = 0; i < ROWS; i += 997) {
        char row[32];
        snprintf(row, sizeof row, "r%d", i);
        int k = peel_table_row(&ix, t, row);
        assert_int_equal(k, i);
        assert_true(r.cells[peel_table_cell(t, k, t->comparator)].value.v == -i);
    }
    peel_tindex_release(&ix);
    peel_tcat_release(&cat);
    peel_records_release(&r);
}

static void test_bad_lines(void **state)
{
    (void)state;
    peel_tcat cat;
    peel_status st;
    peel_err err = {0};
    char msg[600];
    peel_tcat_init(&cat);
    peel_tcat_line(&cat, "opening", "finance", "x", "w.csv", 9, &st, &err);
    assert_int_equal(st, PEEL_EDATA);
    peel_err_format(&err, msg, sizeof msg);
    assert_string_equal(msg, "w.csv:9: pillar: unknown pillar (\"finance\")");
    assert_int_equal(peel_tcat_check(&cat, "w.csv", &err), PEEL_EDATA);
    peel_tcat_release(&cat);
}

static void test_map(void **state)
{
    (void)state;
    peel_map m;
    static char keys[5000][8];
    static int values[5000];
    peel_map_init(&m);
    assert_null(peel_map_get(&m, "none"));
    for (int i = 0; i < 5000; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        values[i] = i;
        peel_map_put(&m, keys[i], &values[i]);
    }
    peel_map_put(&m, "k7", &values[8]); /* a later value replaces */
    assert_int_equal(m.n, 5000);
    assert_ptr_equal(peel_map_get(&m, "k4999"), &values[4999]);
    assert_ptr_equal(peel_map_get(&m, "k7"), &values[8]);
    assert_null(peel_map_get(&m, "k5000"));
    peel_map_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_classified),
        cmocka_unit_test(test_long_table),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
