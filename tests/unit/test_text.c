/* Unit tests for peel_text: UTF-8 checks, slugs, file reading, CRC-32, paths. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "peel_stop.h"
#include "peel_text.h"
#include "tmpdir.h"

typedef struct utf8_case {
    const char *name;
    const char *s;
    size_t len;
    int valid;
    size_t bad_off;
} utf8_case;

#define U(name, lit, valid, off)                                                                   \
    {                                                                                              \
        name, lit, sizeof lit - 1, valid, off                                                      \
    }

static const utf8_case utf8_cases[] = {
    U("empty", "", 1, 0),
    U("ascii", "Metropolitan Police", 1, 0),
    U("pound sign",
      "\xC2\xA3"
      "154m",
      1, 0),
    U("right quote and en dash",
      "force\xE2\x80\x99s 10\xE2\x80\x93"
      "15",
      1, 0),
    U("four-byte emoji", "ok \xF0\x9F\x98\x80", 1, 0),
    U("U+10FFFF", "\xF4\x8F\xBF\xBF", 1, 0),
    U("U+D7FF just below surrogates", "\xED\x9F\xBF", 1, 0),
    U("U+E000 just above surrogates", "\xEE\x80\x80", 1, 0),
    U("NUL is valid here", "a\0b", 1, 0),
    U("lone continuation", "ab\x80", 0, 2),
    U("overlong slash C0", "\xC0\xAF", 0, 0),
    U("overlong C1", "x\xC1\xBF", 0, 1),
    U("overlong three-byte", "\xE0\x80\xAF", 0, 0),
    U("overlong four-byte", "\xF0\x80\x80\xAF", 0, 0),
    U("surrogate D800", "ab\xED\xA0\x80", 0, 2),
    U("surrogate DFFF", "\xED\xBF\xBF", 0, 0),
    U("past U+10FFFF", "\xF4\x90\x80\x80", 0, 0),
    U("F5 lead", "\xF5\x80\x80\x80", 0, 0),
    U("FF byte", "abc\xFF", 0, 3),
    U("truncated two-byte at end", "abc\xC2", 0, 3),
    U("truncated three-byte at end", "\xE2\x80", 0, 0),
    U("truncated four-byte at end", "a\xF0\x9F\x98", 0, 1),
    U("bad continuation", "\xE2\x28\xA1", 0, 0),
    U("Latin-1 e-acute", "caf\xE9!", 0, 3),
};

static void test_utf8_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++) {
        const utf8_case *c = &utf8_cases[i];
        size_t off = 999;
        int ok = peel_utf8_valid(c->s, c->len, &off);
        if (ok != c->valid)
            fail_msg("%s: expected valid=%d", c->name, c->valid);
        if (!c->valid && off != c->bad_off)
            fail_msg("%s: bad offset %zu, expected %zu", c->name, off, c->bad_off);
    }
    /* bad_off may be NULL */
    assert_false(peel_utf8_valid("\xC0\xAF", 2, NULL));
}

typedef struct slug_case {
    const char *in;
    const char *out;
} slug_case;

static const slug_case slug_cases[] = {
    {"Metropolitan Police Service", "metropolitan-police-service"},
    {"../../etc/passwd", "etc-passwd"},
    {"Avon & Somerset Constabulary", "avon-somerset-constabulary"},
    {"Dyfed-Powys Police", "dyfed-powys-police"},
    {"Caf\xC3\xA9\x01"
     "Force",
     "caf-force"},
    {"  --Leading and trailing--  ", "leading-and-trailing"},
    {"2018/19", "2018-19"},
    {"", "unnamed"},
    /* Nothing to keep: "unnamed-" and the name's CRC-32, so that two such
     * names do not clash (zlib.crc32 of each name). */
    {".", "unnamed-0ed4e242"},
    {"..", "unnamed-9608161c"},
    {"\xE2\x80\x93\xE2\x80\x93", "unnamed-0cbebb89"},
    {"\xD0\x9F\xD0\xBE\xD0\xBB\xD0\xB8\xD1\x86\xD0\xB8\xD1\x8F "
     "\xD0\x9A\xD0\xB5\xD0\xBD\xD1\x82\xD0\xB0",
     "unnamed-07118070"},
    {"\xCE\x91\xCF\x83\xCF\x84\xCF\x85\xCE\xBD\xCE\xBF\xCE\xBC\xCE\xAF\xCE\xB1 "
     "\xCE\x9A\xCF\x81\xCE\xAE\xCF\x84\xCE\xB7\xCF\x82",
     "unnamed-f878cfa9"},
    {"ABC", "abc"},
};

static void test_printable_run(void **state)
{
    (void)state;
    /* Every length and every stop position across the 16- and 8-byte
     * blocks, with each kind of byte that ends a run. */
    static const unsigned char stops[] = {0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF, '\n', '\t'};
    char buf[48];
    for (size_t len = 0; len <= sizeof buf; len++) {
        memset(buf, 'a', sizeof buf);
        buf[0] = ' ';
        if (len > 1)
            buf[len - 1] = '~';
        assert_int_equal(peel_printable_run(buf, len), len);
        for (size_t at = 0; at < len; at++)
            for (size_t k = 0; k < sizeof stops; k++) {
                char c = buf[at];
                buf[at] = (char)stops[k];
                assert_int_equal(peel_printable_run(buf, len), at);
                buf[at] = c;
            }
    }
}

static void test_utoa(void **state)
{
    (void)state;
    static const struct {
        unsigned long long v;
        const char *text;
    } cases[] = {{0, "0"},
                 {7, "7"},
                 {10, "10"},
                 {1234567, "1234567"},
                 {18446744073709551615ULL, "18446744073709551615"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[32];
        memset(out, 'x', sizeof out);
        char *end = peel_utoa(out, cases[i].v);
        assert_int_equal(end - out, strlen(cases[i].text));
        assert_memory_equal(out, cases[i].text, strlen(cases[i].text));
        assert_int_equal(*end, 'x'); /* no NUL written */
    }
}

static void test_slug_table(void **state)
{
    (void)state;
    char out[128];
    for (size_t i = 0; i < sizeof slug_cases / sizeof slug_cases[0]; i++) {
        size_t n = peel_slug(slug_cases[i].in, out, sizeof out);
        assert_string_equal(out, slug_cases[i].out);
        assert_int_equal(n, strlen(slug_cases[i].out));
    }
}

static void test_slug_cut(void **state)
{
    (void)state;
    char out[8];
    /* cap 8 leaves 7 bytes: "abc-def" fits exactly */
    assert_int_equal(peel_slug("abc def ghi", out, sizeof out), 7);
    assert_string_equal(out, "abc-def");
    /* a cut falling just after a separator drops the dash */
    assert_int_equal(peel_slug("abcdef ghi", out, sizeof out), 6);
    assert_string_equal(out, "abcdef");
    char tiny[4];
    assert_int_equal(peel_slug("", tiny, sizeof tiny), 3);
    assert_string_equal(tiny, "unn");
}

/* ---- files ---- */

static void write_file(const char *path, const char *s, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(s, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static void test_file_read_ok(void **state)
{
    test_tmpdir *t = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/a.txt", t->path);
    write_file(path, "line one\nline two\n", 18);
    char *data = NULL;
    size_t len = 0;
    peel_err err;
    peel_err_clear(&err);
    assert_int_equal(peel_file_read(path, 1024, &data, &len, &err), PEEL_OK);
    assert_int_equal(len, 18);
    assert_string_equal(data, "line one\nline two\n");
    free(data);

    /* an empty file reads as "" */
    snprintf(path, sizeof path, "%s/empty.txt", t->path);
    write_file(path, "", 0);
    assert_int_equal(peel_file_read(path, 1024, &data, &len, &err), PEEL_OK);
    assert_int_equal(len, 0);
    assert_string_equal(data, "");
    free(data);
}

static void test_file_read_folder(void **state)
{
    test_tmpdir *t = *state;
    char *data = (char *)1;
    size_t len = 1;
    peel_err err;
    assert_int_equal(peel_file_read(t->path, 1024, &data, &len, &err), PEEL_ENOINPUT);
    assert_null(data);
    assert_int_equal(len, 0);
    assert_string_equal(err.msg, "is a folder, not a file");
    assert_string_equal(err.file, t->path);
}

static void test_file_read_missing(void **state)
{
    test_tmpdir *t = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/none.txt", t->path);
    char *data;
    size_t len;
    peel_err err;
    assert_int_equal(peel_file_read(path, 1024, &data, &len, &err), PEEL_ENOINPUT);
    assert_non_null(strstr(err.msg, "No such file"));
    assert_string_equal(err.file, path);
}

static void test_file_read_limit(void **state)
{
    test_tmpdir *t = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/big.txt", t->path);
    write_file(path, "0123456789", 10);
    char *data;
    size_t len;
    peel_err err;
    assert_int_equal(peel_file_read(path, 9, &data, &len, &err), PEEL_EDATA);
    assert_non_null(strstr(err.msg, "9-byte limit"));
    /* exactly at the limit is fine */
    assert_int_equal(peel_file_read(path, 10, &data, &len, &err), PEEL_OK);
    free(data);

    /* limits of whole MiB are named in MiB */
    static char big[(1 << 20) + 1];
    memset(big, 'x', sizeof big);
    write_file(path, big, sizeof big);
    assert_int_equal(peel_file_read(path, 1 << 20, &data, &len, &err), PEEL_EDATA);
    assert_non_null(strstr(err.msg, "1 MiB limit"));
}

static void test_crc32(void **state)
{
    test_tmpdir *t = *state;
    assert_int_equal(peel_crc32("123456789", 9), 0xCBF43926u);
    assert_int_equal(peel_crc32("", 0), 0);

    char path[128];
    snprintf(path, sizeof path, "%s/check.txt", t->path);
    write_file(path, "123456789", 9);
    long long size = -5;
    assert_int_equal(peel_crc32_file(path, &size), 0xCBF43926LL);
    assert_int_equal(size, 9);
    assert_int_equal(peel_crc32_file(path, NULL), 0xCBF43926LL);

    snprintf(path, sizeof path, "%s/none.txt", t->path);
    assert_int_equal(peel_crc32_file(path, &size), -1);
    assert_int_equal(peel_crc32_file(t->path, &size), -1);
}

/* A FIFO (no writer) and a device are refused by name and kind, at once:
 * neither read blocks nor spins (a FIFO's open would wait for a writer,
 * /dev/zero never ends). */
static void test_special_files(void **state)
{
    test_tmpdir *t = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/fifo.txt", t->path);
    assert_int_equal(mkfifo(path, 0600), 0);
    char *data;
    size_t len;
    uint32_t crc;
    long long size;
    peel_err err;
    assert_int_equal(peel_file_read(path, 1024, &data, &len, &err), PEEL_ENOINPUT);
    assert_string_equal(err.msg, "not a regular file: a FIFO");
    assert_string_equal(err.file, path);
    assert_int_equal(peel_file_crc32(path, 1024, &crc, &size, &err), PEEL_ENOINPUT);
    assert_string_equal(err.msg, "not a regular file: a FIFO");
    assert_int_equal(peel_crc32_file(path, &size), -1);

    assert_int_equal(peel_file_crc32("/dev/zero", 0, &crc, &size, &err), PEEL_ENOINPUT);
    assert_string_equal(err.msg, "not a regular file: a character device");
    snprintf(path, sizeof path, "%s/zero.txt", t->path);
    assert_int_equal(symlink("/dev/zero", path), 0);
    assert_int_equal(peel_file_read(path, 1024, &data, &len, &err), PEEL_ENOINPUT);
    assert_string_equal(err.msg, "not a regular file: a character device");
}

/* A huge sparse file is refused by its size before any byte is read. */
static void test_huge_sparse_file(void **state)
{
    test_tmpdir *t = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/sparse.txt", t->path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, (off_t)16 << 30), 0);
    close(fd);
    uint32_t crc = 1;
    long long size = 1;
    peel_err err;
    assert_int_equal(peel_file_crc32(path, (size_t)32 << 20, &crc, &size, &err), PEEL_EDATA);
    assert_string_equal(err.msg, "file is larger than the 32 MiB limit");
    assert_int_equal(crc, 0);
    assert_int_equal(size, 0);
    char *data;
    size_t len;
    assert_int_equal(peel_file_read(path, (size_t)32 << 20, &data, &len, &err), PEEL_EDATA);
    assert_string_equal(err.msg, "file is larger than the 32 MiB limit");
}

/* With a stop requested (peel-run's signal handler), reads end at once with
 * an error naming the signal.  The request cannot be withdrawn: this test
 * runs last. */
static void test_read_stops_on_request(void **state)
{
    test_tmpdir *t = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/check.txt", t->path);
    write_file(path, "123456789", 9);
    uint32_t crc;
    long long size;
    peel_err err;
    assert_int_equal(peel_file_crc32(path, 0, &crc, &size, &err), PEEL_OK);
    assert_int_equal(crc, 0xCBF43926u);
    assert_int_equal(size, 9);
    peel_stop_request(SIGTERM);
    assert_int_equal(peel_stop_requested(), SIGTERM);
    assert_int_equal(peel_file_crc32(path, 0, &crc, &size, &err), PEEL_EIO);
    assert_non_null(strstr(err.msg, "stopped by signal 15"));
    char *data;
    size_t len;
    assert_int_equal(peel_file_read(path, 1024, &data, &len, &err), PEEL_EIO);
    assert_null(data);
}

static void test_paths(void **state)
{
    (void)state;
    static const struct {
        const char *path, *dir, *base;
    } cases[] = {
        {"a/b/c.txt", "a/b", "c.txt"},
        {"c.txt", ".", "c.txt"},
        {"/c", "/", "c"},
        {"/", "/", ""},
        {"a//c", "a", "c"},
        {"a/b/", "a/b", ""},
        {"", ".", ""},
        {"./x", ".", "x"},
    };
    char out[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        peel_path_dir(cases[i].path, out, sizeof out);
        assert_string_equal(out, cases[i].dir);
        assert_string_equal(peel_path_base(cases[i].path), cases[i].base);
    }

    /* The checked join: whole, or "" and an error, never a cut path. */
    peel_err err = {0};
    assert_int_equal(peel_path_join(out, sizeof out, &err, "out", "met-2018", "data"), PEEL_OK);
    assert_string_equal(out, "out/met-2018/data");
    assert_int_equal(peel_path_join(out, sizeof out, NULL, "a"), PEEL_OK);
    assert_string_equal(out, "a");
    char cramped[12];
    assert_int_equal(peel_path_join(cramped, sizeof cramped, NULL, "out", "data"), PEEL_OK);
    assert_int_equal(peel_path_join(cramped, sizeof cramped, &err, "out", "rejects.csv"),
                     PEEL_EUSAGE);
    assert_string_equal(cramped, "");
    assert_non_null(strstr(err.msg, "path too long"));
    assert_int_equal(peel_path_join(cramped, sizeof cramped, NULL, "12345", "12345"), PEEL_OK);
    assert_int_equal(peel_path_join(cramped, sizeof cramped, NULL, "12345", "123456"), PEEL_EUSAGE);
    /* a tiny buffer truncates instead of overflowing */
    char tiny[4];
    peel_path_dir("abcdef/g", tiny, sizeof tiny);
    assert_string_equal(tiny, "abc");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_table),
        cmocka_unit_test(test_printable_run),
        cmocka_unit_test(test_utoa),
        cmocka_unit_test(test_slug_table),
        cmocka_unit_test(test_slug_cut),
        cmocka_unit_test_setup_teardown(test_file_read_ok, test_tmpdir_setup, test_tmpdir_teardown),
        cmocka_unit_test_setup_teardown(test_file_read_folder, test_tmpdir_setup,
                                        test_tmpdir_teardown),
        cmocka_unit_test_setup_teardown(test_file_read_missing, test_tmpdir_setup,
                                        test_tmpdir_teardown),
        cmocka_unit_test_setup_teardown(test_file_read_limit, test_tmpdir_setup,
                                        test_tmpdir_teardown),
        cmocka_unit_test_setup_teardown(test_crc32, test_tmpdir_setup, test_tmpdir_teardown),
        cmocka_unit_test_setup_teardown(test_special_files, test_tmpdir_setup,
                                        test_tmpdir_teardown),
        cmocka_unit_test_setup_teardown(test_huge_sparse_file, test_tmpdir_setup,
                                        test_tmpdir_teardown),
        cmocka_unit_test(test_paths),
        cmocka_unit_test_setup_teardown(test_read_stops_on_request, test_tmpdir_setup,
                                        test_tmpdir_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
