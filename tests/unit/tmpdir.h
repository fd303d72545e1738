/* A scratch folder for each cmocka test that touches files: made by the
 * setup (state gets a test_tmpdir*), removed with all it holds by the
 * teardown. */
#ifndef TEST_TMPDIR_H
#define TEST_TMPDIR_H

typedef struct test_tmpdir {
    char path[64]; /* /tmp/peel-test-XXXXXX */
} test_tmpdir;

int test_tmpdir_setup(void **state);
int test_tmpdir_teardown(void **state);

#endif
