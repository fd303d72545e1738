/* Unit tests for peel_data: the data folder's lookup order.  The program
 * copies itself into a bin/ beside a share/peelpack/ to see an "installed"
 * copy find its own folder (run as `test_data --print`, it prints what
 * peel_data_dir resolves). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "peel_data.h"

static void test_given_first(void **state)
{
    (void)state;
    char out[PEEL_DATA_DIR_MAX];
    peel_err err = {0};
    /* As given, even a folder that does not exist: the stage names the file. */
    assert_int_equal(peel_data_dir("/nonexistent/data", out, sizeof out, &err), PEEL_OK);
    assert_string_equal(out, "/nonexistent/data");
    char small[8];
    assert_int_equal(peel_data_dir("/a/longer/folder", small, sizeof small, &err), PEEL_EUSAGE);
    assert_non_null(strstr(err.msg, "longer than 7 bytes"));
}

static void test_build_folder_last(void **state)
{
    (void)state;
    /* This program lives in <build>/tests/, with no share/peelpack beside. */
    char out[PEEL_DATA_DIR_MAX];
    peel_err err = {0};
    assert_int_equal(peel_data_dir(NULL, out, sizeof out, &err), PEEL_OK);
    assert_string_equal(out, PEEL_DATA_DIR);
}

static void test_given_required(void **state)
{
    (void)state;
    peel_err err = {0};
    assert_int_equal(peel_data_given("/some/folder", &err), PEEL_OK);
    assert_int_equal(peel_data_given(NULL, &err), PEEL_EUSAGE);
    assert_string_equal(err.msg, "no data folder given");
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    assert_int_equal(fclose(in), 0);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(chmod(to, 0755), 0);
}

/* Runs `prog --print` and returns what it printed (a static buffer). */
static const char *resolved_by(const char *prog)
{
    static char got[PEEL_DATA_DIR_MAX + 16];
    char cmd[PEEL_DATA_DIR_MAX];
    snprintf(cmd, sizeof cmd, "'%s' --print", prog);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    if (!fgets(got, sizeof got, p))
        got[0] = '\0';
    assert_int_equal(pclose(p), 0);
    got[strcspn(got, "\n")] = '\0';
    return got;
}

static void test_installed_copy(void **state)
{
    (void)state;
    char root[] = "/tmp/peel-data-test.XXXXXX", path[256], prog[256], share[256], want[300];
    assert_non_null(mkdtemp(root));
    snprintf(path, sizeof path, "%s/bin", root);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(prog, sizeof prog, "%s/bin/test_data", root);
    copy_file("/proc/self/exe", prog);
    snprintf(path, sizeof path, "%s/share", root);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(share, sizeof share, "%s/share/peelpack", root);
    assert_int_equal(mkdir(share, 0755), 0);

    /* <bin>/../share/peelpack beside the program wins over the build's. */
    snprintf(want, sizeof want, "%s/bin/../share/peelpack", root);
    assert_string_equal(resolved_by(prog), want);
    /* Without it, the build's folder. */
    assert_int_equal(rmdir(share), 0);
    assert_string_equal(resolved_by(prog), PEEL_DATA_DIR);

    assert_int_equal(unlink(prog), 0);
    assert_int_equal(rmdir(path), 0);
    snprintf(path, sizeof path, "%s/bin", root);
    assert_int_equal(rmdir(path), 0);
    assert_int_equal(rmdir(root), 0);
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--print") == 0) {
        char out[PEEL_DATA_DIR_MAX];
        peel_err err = {0};
        if (peel_data_dir(NULL, out, sizeof out, &err) != PEEL_OK)
            return 1;
        printf("%s\n", out);
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_given_first), cmocka_unit_test(test_build_folder_last),
        cmocka_unit_test(test_given_required), cmocka_unit_test(test_installed_copy)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
