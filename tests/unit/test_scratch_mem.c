/* Unit tests for libxlsxwriter's scratch files in memory: a stream reads,
 * writes and seeks as a file does; one that outgrows memory moves into a
 * real file with its bytes and offset; and a workbook written through
 * memory is byte for byte the one written through files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "peel_scratch_mem.h"
#include "tmpdir.h"

static void test_reads_writes_seeks(void **state)
{
    (void)state;
    FILE *f = lxw_tmpfile(NULL);
    assert_non_null(f);
    assert_int_equal(fputs("hello, world", f), 1);
    assert_int_equal(ftell(f), 12);
    rewind(f);
    char buf[32] = "";
    assert_non_null(fgets(buf, sizeof buf, f));
    assert_string_equal(buf, "hello, world");
    assert_int_equal(fgetc(f), EOF); /* at the end: nothing more */
    /* Overwrite in the middle, then write past the end: a hole of zeros. */
    assert_int_equal(fseek(f, 7, SEEK_SET), 0);
    assert_int_equal(fwrite("W", 1, 1, f), 1);
    assert_int_equal(fseek(f, 3, SEEK_END), 0);
    assert_int_equal(fwrite("!", 1, 1, f), 1);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    assert_int_equal(ftell(f), 16);
    rewind(f);
    assert_int_equal(fread(buf, 1, sizeof buf, f), 16);
    assert_memory_equal(buf, "hello, World\0\0\0!", 16);
    assert_int_equal(fseek(f, -1, SEEK_SET), -1); /* before the start */
    assert_int_equal(fclose(f), 0);
}

/* Bytes i of a test pattern. */
static unsigned char pat(size_t i)
{
    return (unsigned char)(i * 31 + i / 251);
}

static void test_outgrows_memory(void **state)
{
    (void)state;
    size_t was = peel_scratch_mem_limit(100000);
    FILE *f = lxw_tmpfile(NULL);
    assert_non_null(f);
    enum { N = 350000, CHUNK = 7001 };
    unsigned char *chunk = malloc(CHUNK), *back = malloc(N);
    for (size_t at = 0; at < N; at += CHUNK) {
        size_t n = N - at < CHUNK ? N - at : CHUNK;
        for (size_t i = 0; i < n; i++)
            chunk[i] = pat(at + i);
        assert_int_equal(fwrite(chunk, 1, n, f), n);
    }
    assert_int_equal(ftell(f), N);
    /* A seek back after the move, and an overwrite there. */
    assert_int_equal(fseek(f, 5, SEEK_SET), 0);
    assert_int_equal(fwrite("xyz", 1, 3, f), 3);
    rewind(f);
    assert_int_equal(fread(back, 1, N, f), N);
    for (size_t i = 0; i < N; i++)
        if (i < 5 || i >= 8)
            assert_int_equal(back[i], pat(i));
    assert_memory_equal(back + 5, "xyz", 3);
    assert_int_equal(fclose(f), 0);
    free(chunk);
    free(back);
    peel_scratch_mem_limit(was);
}

/* A workbook with notes, a table and a long sheet in constant_memory mode
 * (its row store is a scratch stream too), into path. */
static void workbook(const char *path, int constant_memory)
{
    lxw_workbook_options o = {.constant_memory = (uint8_t)constant_memory};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    assert_non_null(wb);
    /* A fixed date: the two workbooks must not differ by the clock. */
    lxw_doc_properties props = {.title = "scratch", .created = 1767225600};
    workbook_set_properties(wb, &props);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Rows");
    for (lxw_row_t r = 0; r < 3000; r++) {
        worksheet_write_number(ws, r, 0, (double)r * 1.5, NULL);
        worksheet_write_string(ws, r, 1, "a string long enough to make the part grow", NULL);
    }
    if (!constant_memory) {
        lxw_worksheet *notes = workbook_add_worksheet(wb, "Notes");
        worksheet_write_string(notes, 0, 0, "figure", NULL);
        worksheet_write_comment(notes, 0, 0, "line 12 of the report");
    }
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    char *d = malloc(*n ? *n : 1);
    assert_int_equal(fread(d, 1, *n, f), *n);
    fclose(f);
    return d;
}

static void test_workbook_same_bytes(void **state)
{
    const char *dir = ((test_tmpdir *)*state)->path;
    char mem[512], file[512];
    for (int cm = 0; cm <= 1; cm++) {
        snprintf(mem, sizeof mem, "%s/mem%d.xlsx", dir, cm);
        snprintf(file, sizeof file, "%s/file%d.xlsx", dir, cm);
        workbook(mem, cm);
        size_t was = peel_scratch_mem_limit(0); /* every stream a real file */
        workbook(file, cm);
        peel_scratch_mem_limit(was);
        size_t nm, nf;
        char *a = slurp(mem, &nm), *b = slurp(file, &nf);
        assert_true(nm > 1000);
        assert_int_equal(nm, nf);
        assert_memory_equal(a, b, nm);
        assert_memory_equal(a + nm - 22, "PK\5\6", 4); /* the zip's end record */
        free(a);
        free(b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_writes_seeks),
        cmocka_unit_test(test_outgrows_memory),
        cmocka_unit_test_setup_teardown(test_workbook_same_bytes, test_tmpdir_setup,
                                        test_tmpdir_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
