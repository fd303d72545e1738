/* Unit tests for the probes' syncs made at once (stages/run/syncer.c): each
 * report is told what was synced, a folder to move whole is listed as
 * rn_outputs_list lists it (when its syncs are prepared, else by the
 * threads), a file whose sync fails leaves its documents to the commit, and
 * a stopped run syncs nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../unit/tmpdir.h"
#include "peel_mem.h"
#include "rn.h"

enum { NREPORT = 40 }; /* more than the threads: each takes several */

static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* A staged report folder: two documents and a record in data/. */
static void staged(const test_tmpdir *t, int i, char *dir, size_t cap, peel_vec *docs)
{
    snprintf(dir, cap, "%s/%d", t->path, i);
    assert_int_equal(mkdir(dir, 0777), 0);
    char data[512], text[64];
    snprintf(data, sizeof data, "%s/data", dir);
    assert_int_equal(mkdir(data, 0777), 0);
    snprintf(text, sizeof text, "report %d", i);
    put(dir, "effectiveness.pdf", text);
    put(dir, "effectiveness.xlsx", text);
    put(data, "meta.csv", text);
    rn_commit_documents(dir, docs);
}

static void test_each_told_and_listed(void **state)
{
    test_tmpdir *t = *state;
    int done[NREPORT];
    char *listed[NREPORT];
    char dirs[NREPORT][256];
    rn_syncer *s = rn_syncer_start();
    for (int i = 0; i < NREPORT; i++) {
        peel_vec docs = {0};
        staged(t, i, dirs[i], sizeof dirs[i], &docs);
        assert_int_equal(docs.n, 2);
        done[i] = -1;
        listed[i] = NULL;
        /* every other report moves whole: its folder too, and its list */
        rn_syncer_add(s, &docs, i % 2 ? NULL : dirs[i], &done[i], &listed[i]);
        assert_int_equal(docs.n, 0); /* taken */
    }
    rn_syncer_finish(s, 1);
    for (int i = 0; i < NREPORT; i++) {
        if (i % 2) {
            assert_int_equal(done[i], RN_SYNCED_DOCS);
            assert_null(listed[i]);
            continue;
        }
        assert_int_equal(done[i], RN_SYNCED_DOCS | RN_SYNCED_FOLDER);
        peel_buf want;
        peel_buf_init(&want);
        rn_outputs_list(dirs[i], &want);
        assert_non_null(listed[i]);
        assert_string_equal(listed[i], want.data);
        assert_non_null(strstr(listed[i], "data/meta.csv:"));
        peel_buf_release(&want);
        free(listed[i]);
    }
}

/* Prepared (while the next report is built), a folder is listed then: what
 * changes in it afterwards is not in its list. */
static void test_listed_as_prepared(void **state)
{
    test_tmpdir *t = *state;
    char dir[256], moved[256], *listed = NULL, *other = NULL;
    peel_vec docs = {0}, later = {0};
    staged(t, 0, dir, sizeof dir, &docs);
    peel_buf want;
    peel_buf_init(&want);
    rn_outputs_list(dir, &want);
    int done = -1, done_later = -1;
    rn_syncer *s = rn_syncer_start();
    rn_syncer_add(s, &docs, dir, &done, &listed);
    rn_syncer_prepare(s);
    assert_null(listed); /* given only when the syncs are over */
    put(dir, "effectiveness.xlsx", "a longer workbook than it was");
    staged(t, 1, moved, sizeof moved, &later); /* added after: listed by a thread */
    rn_syncer_add(s, &later, moved, &done_later, &other);
    rn_syncer_finish(s, 1);
    assert_int_equal(done, RN_SYNCED_DOCS | RN_SYNCED_FOLDER);
    assert_non_null(listed);
    assert_string_equal(listed, want.data);
    assert_int_equal(done_later, RN_SYNCED_DOCS | RN_SYNCED_FOLDER);
    assert_non_null(other);
    assert_non_null(strstr(other, "data/meta.csv:"));
    peel_buf_release(&want);
    free(listed);
    free(other);
}

static void test_failed_sync_left_to_commit(void **state)
{
    test_tmpdir *t = *state;
    char dir[256];
    peel_vec docs = {0};
    staged(t, 0, dir, sizeof dir, &docs);
    peel_vec_push(&docs, peel_xstrdup("/nonexistent/peel-syncer/gone.pdf"));
    int done = -1;
    char *listed = NULL;
    rn_syncer *s = rn_syncer_start();
    rn_syncer_add(s, &docs, dir, &done, &listed);
    rn_syncer_finish(s, 1);
    /* no document counts as synced, the folder's own sync does not either */
    assert_int_equal(done, 0);
    assert_non_null(listed); /* what the folder holds is known all the same */
    free(listed);
}

static void test_stopped_syncs_nothing(void **state)
{
    test_tmpdir *t = *state;
    char dir[256];
    peel_vec docs = {0};
    staged(t, 0, dir, sizeof dir, &docs);
    int done = 0;
    char *listed = NULL;
    rn_syncer *s = rn_syncer_start();
    rn_syncer_add(s, &docs, dir, &done, &listed);
    rn_syncer_finish(s, 0);
    assert_int_equal(done, 0);
    assert_null(listed);
    rn_syncer_finish(rn_syncer_start(), 1); /* an empty list: nothing to do */
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, test_tmpdir_setup, test_tmpdir_teardown)
    const struct CMUnitTest tests[] = {
        T(test_each_told_and_listed),
        T(test_listed_as_prepared),
        T(test_failed_sync_left_to_commit),
        T(test_stopped_syncs_nothing),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
