/* Unit tests for peel_afile: atomic replacement, abort, failure cleanup,
 * sweeping stray temporaries, mkdir -p. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "peel_afile.h"
#include "tmpdir.h"

static void join(char *out, size_t cap, const test_tmpdir *t, const char *name)
{
    snprintf(out, cap, "%s/%s", t->path, name);
}

/* The whole content of a small file, or "<missing>". */
static const char *slurp(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return "<missing>";
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

static int count_temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (strncmp(de->d_name, PEEL_TMP_PREFIX, strlen(PEEL_TMP_PREFIX)) == 0)
            n++;
    closedir(d);
    return n;
}

static void touch(const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    close(fd);
}

static void test_write_replaces(void **state)
{
    test_tmpdir *t = *state;
    char path[256];
    join(path, sizeof path, t, "out.csv");
    peel_err err;
    assert_int_equal(peel_afile_write(path, "old\n", 4, &err), PEEL_OK);
    assert_string_equal(slurp(path), "old\n");
    assert_int_equal(peel_afile_write(path, "new content\n", 12, &err), PEEL_OK);
    assert_string_equal(slurp(path), "new content\n");
    assert_int_equal(peel_afile_write(path, "", 0, &err), PEEL_OK);
    assert_string_equal(slurp(path), "");
    assert_int_equal(count_temporaries(t->path), 0);

    /* permissions are 0666 less the umask, as for any new file */
    mode_t mask = umask(022);
    umask(mask);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask);
}

static void test_tmp_in_target_folder(void **state)
{
    test_tmpdir *t = *state;
    char path[256], want[512];
    join(path, sizeof path, t, "report.xlsx");
    snprintf(want, sizeof want, "%s/" PEEL_TMP_PREFIX "report.xlsx.%ld.", t->path, (long)getpid());
    peel_afile af;
    peel_err err;
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_OK);
    assert_non_null(af.fp);
    assert_string_equal(af.path, path);
    assert_memory_equal(af.tmp_path, want, strlen(want));
    struct stat st;
    assert_int_equal(stat(af.tmp_path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    /* the final file appears only at commit */
    assert_string_equal(slurp(path), "<missing>");
    fputs("payload", af.fp);
    assert_int_equal(peel_afile_commit(&af, &err), PEEL_OK);
    assert_null(af.fp);
    assert_null(af.path);
    assert_null(af.tmp_path);
    assert_string_equal(slurp(path), "payload");
    assert_int_equal(count_temporaries(t->path), 0);
}

static void test_two_open_at_once(void **state)
{
    test_tmpdir *t = *state;
    char path[256];
    join(path, sizeof path, t, "same.csv");
    peel_afile a, b;
    peel_err err;
    assert_int_equal(peel_afile_open(&a, path, &err), PEEL_OK);
    /* squat on the next temporary name: open must step over it, not use it */
    char squat[512];
    const char *dot = strrchr(a.tmp_path, '.');
    snprintf(squat, sizeof squat, "%.*s.%lu", (int)(dot - a.tmp_path), a.tmp_path,
             strtoul(dot + 1, NULL, 10) + 1);
    int fd = open(squat, O_WRONLY | O_CREAT | O_EXCL, 0644);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "squatter", 8), 8);
    close(fd);
    assert_int_equal(peel_afile_open(&b, path, &err), PEEL_OK);
    assert_string_not_equal(a.tmp_path, b.tmp_path);
    assert_string_not_equal(squat, b.tmp_path);
    fputs("a", a.fp);
    fputs("b", b.fp);
    assert_int_equal(peel_afile_commit(&a, &err), PEEL_OK);
    assert_int_equal(peel_afile_commit(&b, &err), PEEL_OK);
    assert_string_equal(slurp(path), "b");
    assert_string_equal(slurp(squat), "squatter");
    assert_int_equal(unlink(squat), 0);
    assert_int_equal(count_temporaries(t->path), 0);
}

static void test_abort_keeps_old(void **state)
{
    test_tmpdir *t = *state;
    char path[256];
    join(path, sizeof path, t, "keep.csv");
    peel_err err;
    assert_int_equal(peel_afile_write(path, "old", 3, &err), PEEL_OK);
    peel_afile af;
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_OK);
    fputs("half-written", af.fp);
    fflush(af.fp);
    assert_int_equal(count_temporaries(t->path), 1);
    peel_afile_abort(&af);
    assert_string_equal(slurp(path), "old");
    assert_int_equal(count_temporaries(t->path), 0);
    /* abort is safe on a zeroed or already aborted peel_afile */
    peel_afile_abort(&af);
    peel_afile zero = {0};
    peel_afile_abort(&zero);
    assert_int_equal(peel_afile_commit(&zero, &err), PEEL_ESOFTWARE);
}

/* What a library writing by file name does at af->tmp_path, then
 * the commit: path holds what it wrote. */
static void by_name(peel_afile *af, const char *path)
{
    FILE *fp = fopen(af->tmp_path, "wb");
    assert_non_null(fp);
    fputs("by name", fp);
    assert_int_equal(fclose(fp), 0);
    peel_err err;
    assert_int_equal(peel_afile_commit(af, &err), PEEL_OK);
    assert_string_equal(slurp(path), "by name");
}

static void test_open_named(void **state)
{
    test_tmpdir *t = *state;
    char path[256];
    join(path, sizeof path, t, "book.xlsx");
    peel_afile af;
    peel_err err;
    assert_int_equal(peel_afile_open_named(&af, path, &err), PEEL_OK);
    assert_null(af.fp);
    by_name(&af, path);

    /* the library failed and left no file: commit fails cleanly */
    assert_int_equal(peel_afile_open_named(&af, path, &err), PEEL_OK);
    unlink(af.tmp_path);
    assert_int_equal(peel_afile_commit(&af, &err), PEEL_ECANTCREAT);
    assert_string_equal(slurp(path), "by name");
}

static void test_missing_folder(void **state)
{
    test_tmpdir *t = *state;
    char path[256];
    join(path, sizeof path, t, "no/such/out.csv");
    peel_afile af;
    peel_err err;
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_ECANTCREAT);
    assert_null(af.fp);
    assert_null(af.path);
    assert_null(af.tmp_path);
    assert_non_null(strstr(err.msg, path));
    assert_non_null(strstr(err.msg, "No such file or directory"));
    assert_int_equal(peel_afile_write(path, "x", 1, &err), PEEL_ECANTCREAT);
    assert_int_equal(count_temporaries(t->path), 0);

    char no[256];
    join(no, sizeof no, t, "no");
    struct stat st;
    assert_int_equal(stat(no, &st), -1);
}

static void test_commit_failure_removes_tmp(void **state)
{
    test_tmpdir *t = *state;
    char path[256], inside[300];
    /* a non-empty folder where the file should go: the rename must fail */
    join(path, sizeof path, t, "taken");
    assert_int_equal(mkdir(path, 0777), 0);
    snprintf(inside, sizeof inside, "%s/x", path);
    touch(inside);
    peel_afile af;
    peel_err err;
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_OK);
    fputs("data", af.fp);
    assert_int_equal(peel_afile_commit(&af, &err), PEEL_ECANTCREAT);
    assert_non_null(strstr(err.msg, path));
    assert_null(af.tmp_path);
    assert_int_equal(count_temporaries(t->path), 0);

    /* a path naming a folder, not a file */
    snprintf(inside, sizeof inside, "%s/", t->path);
    assert_int_equal(peel_afile_open(&af, inside, &err), PEEL_ECANTCREAT);
}

static void test_relative_path(void **state)
{
    test_tmpdir *t = *state;
    char cwd[512];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(t->path), 0);
    peel_err err;
    peel_status rc = peel_afile_write("rel.txt", "here", 4, &err);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, PEEL_OK);
    char path[256];
    join(path, sizeof path, t, "rel.txt");
    assert_string_equal(slurp(path), "here");
}

static void test_sweep(void **state)
{
    test_tmpdir *t = *state;
    static const char *stray[] = {
        PEEL_TMP_PREFIX "a.csv.999999999.0", /* writer long gone */
        PEEL_TMP_PREFIX "b.csv",             /* no owner in the name */
    };
    static const char *kept[] = {"keep.csv", ".peeltmpx", "peeltmp.c", "a.csv"};
    char path[256];
    for (size_t i = 0; i < 2; i++) {
        join(path, sizeof path, t, stray[i]);
        touch(path);
    }
    for (size_t i = 0; i < 4; i++) {
        join(path, sizeof path, t, kept[i]);
        touch(path);
    }
    /* a folder with the prefix is not ours to remove */
    join(path, sizeof path, t, PEEL_TMP_PREFIX "dir");
    assert_int_equal(mkdir(path, 0777), 0);
    /* a temporary this (living) process is writing stays */
    peel_afile live;
    peel_err err;
    join(path, sizeof path, t, "live.csv");
    assert_int_equal(peel_afile_open(&live, path, &err), PEEL_OK);

    assert_int_equal(peel_afile_sweep(t->path), 2);
    for (size_t i = 0; i < 4; i++) {
        join(path, sizeof path, t, kept[i]);
        assert_int_equal(access(path, F_OK), 0);
    }
    for (size_t i = 0; i < 2; i++) {
        join(path, sizeof path, t, stray[i]);
        assert_int_equal(access(path, F_OK), -1);
    }
    assert_int_equal(access(live.tmp_path, F_OK), 0);
    peel_afile_abort(&live);
    join(path, sizeof path, t, "missing");
    assert_int_equal(peel_afile_sweep(path), 0);
}

static void test_mkdirs(void **state)
{
    test_tmpdir *t = *state;
    char path[256];
    peel_err err;
    join(path, sizeof path, t, "a/b//c/");
    assert_int_equal(peel_mkdirs(path, &err), PEEL_OK);
    join(path, sizeof path, t, "a/b/c");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    /* existing folders are fine */
    assert_int_equal(peel_mkdirs(path, &err), PEEL_OK);
    assert_int_equal(peel_mkdirs(t->path, &err), PEEL_OK);

    /* a file in the way, at the end or in the middle */
    join(path, sizeof path, t, "file");
    touch(path);
    assert_int_equal(peel_mkdirs(path, &err), PEEL_ECANTCREAT);
    assert_non_null(strstr(err.msg, "not a folder"));
    join(path, sizeof path, t, "file/sub");
    assert_int_equal(peel_mkdirs(path, &err), PEEL_ECANTCREAT);
    assert_non_null(strstr(err.msg, "not a folder"));
}

/* Someone who can write in the output folder and guesses the temporary's
 * names (they are predictable: name, pid, counter) pre-creates them: as
 * files, as links to a file of ours, as dangling links.  O_EXCL never opens
 * or follows any of them: the write takes a free name, the victim and the
 * planted files are untouched, no file appears where a link points. */
static void test_tmp_name_planted(void **state)
{
    test_tmpdir *t = *state;
    char dir[256], victim[256], nowhere[256], path[512], name[700];
    join(dir, sizeof dir, t, "out");
    join(victim, sizeof victim, t, "victim.csv");
    join(nowhere, sizeof nowhere, t, "created-through-a-link");
    assert_int_equal(mkdir(dir, 0755), 0);
    FILE *fp = fopen(victim, "wb");
    assert_non_null(fp);
    fputs("victim", fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/report.csv", dir);
    enum { PLANTED = 300 };
    for (int n = 0; n < PLANTED; n++) {
        snprintf(name, sizeof name, "%s/" PEEL_TMP_PREFIX "report.csv.%ld.%d", dir, (long)getpid(),
                 n);
        if (n % 3 == 0)
            assert_int_equal(symlink(victim, name), 0);
        else if (n % 3 == 1)
            assert_int_equal(symlink(nowhere, name), 0);
        else {
            fp = fopen(name, "wb");
            assert_non_null(fp);
            fputs("planted", fp);
            fclose(fp);
        }
    }
    peel_err err;
    assert_int_equal(peel_afile_write(path, "payload", 7, &err), PEEL_OK);
    assert_string_equal(slurp(path), "payload");
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_string_equal(slurp(victim), "victim");
    assert_int_equal(lstat(nowhere, &st), -1);
    for (int n = 0; n < PLANTED; n++) {
        snprintf(name, sizeof name, "%s/" PEEL_TMP_PREFIX "report.csv.%ld.%d", dir, (long)getpid(),
                 n);
        assert_int_equal(lstat(name, &st), 0);
        if (n % 3 == 2)
            assert_string_equal(slurp(name), "planted");
        else
            assert_true(S_ISLNK(st.st_mode));
    }
    /* The planted names are not ours: none was removed. */
    assert_int_equal(count_temporaries(dir), PLANTED);
}

/* Staging (a peel-run worker's private folder): written in place, no
 * temporary; a commit leaves the file, an abort removes the half-written
 * one; a library writing by name writes the file itself. */
static void test_staging_in_place(void **state)
{
    test_tmpdir *t = *state;
    char path[256];
    join(path, sizeof path, t, "figures.csv");
    peel_err err;
    peel_afile_set_staging(1);
    peel_afile af;
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_OK);
    assert_string_equal(af.tmp_path, path);
    fputs("whole", af.fp);
    fflush(af.fp);
    assert_string_equal(slurp(path), "whole");
    assert_int_equal(count_temporaries(t->path), 0);
    assert_int_equal(peel_afile_commit(&af, &err), PEEL_OK);
    assert_null(af.tmp_path);
    assert_string_equal(slurp(path), "whole");

    /* opened again: truncated; aborted: gone, never half there */
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_OK);
    assert_string_equal(slurp(path), "");
    fputs("half", af.fp);
    peel_afile_abort(&af);
    assert_string_equal(slurp(path), "<missing>");

    /* by name: nothing made before the library makes it (a file it
     * truncated would be flushed as it is closed) */
    join(path, sizeof path, t, "book.xlsx");
    assert_int_equal(peel_afile_open_named(&af, path, &err), PEEL_OK);
    assert_null(af.fp);
    assert_string_equal(af.tmp_path, path);
    assert_string_equal(slurp(path), "<missing>");
    by_name(&af, path);
    assert_int_equal(count_temporaries(t->path), 0);

    join(path, sizeof path, t, "no/such/out.csv");
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_ECANTCREAT);
    assert_non_null(strstr(err.msg, "cannot create it"));
    assert_null(af.tmp_path);

    /* a link planted where a file goes is not followed */
    char victim[256];
    join(victim, sizeof victim, t, "victim.txt");
    assert_int_equal(peel_afile_write(victim, "victim", 6, &err), PEEL_OK);
    join(path, sizeof path, t, "planted.csv");
    assert_int_equal(symlink(victim, path), 0);
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_ECANTCREAT);
    assert_string_equal(slurp(victim), "victim");
    assert_int_equal(peel_afile_open_named(&af, path, &err), PEEL_ECANTCREAT);
    assert_non_null(strstr(err.msg, "cannot create it"));
    assert_null(af.tmp_path);
    peel_afile_set_staging(0);

    /* off again: a temporary, renamed at commit */
    join(path, sizeof path, t, "figures.csv");
    assert_int_equal(peel_afile_open(&af, path, &err), PEEL_OK);
    assert_string_not_equal(af.tmp_path, path);
    peel_afile_abort(&af);
}

/* A file's writeback started early: the file as it was, and a path that
 * is a link or names nothing is no error (its sync says what is wrong). */
static void test_start_writeback(void **state)
{
    test_tmpdir *t = *state;
    char path[256], link[256];
    join(path, sizeof path, t, "pack.pdf");
    peel_err err;
    assert_int_equal(peel_afile_write(path, "%PDF", 4, &err), PEEL_OK);
    peel_afile_start_writeback(path);
    assert_string_equal(slurp(path), "%PDF");
    join(link, sizeof link, t, "link.pdf");
    assert_int_equal(symlink(path, link), 0);
    peel_afile_start_writeback(link);
    join(path, sizeof path, t, "no/such/file.pdf");
    peel_afile_start_writeback(path);
    assert_int_equal(count_temporaries(t->path), 0);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, test_tmpdir_setup, test_tmpdir_teardown)
    const struct CMUnitTest tests[] = {
        T(test_write_replaces),
        T(test_tmp_in_target_folder),
        T(test_two_open_at_once),
        T(test_abort_keeps_old),
        T(test_open_named),
        T(test_missing_folder),
        T(test_commit_failure_removes_tmp),
        T(test_relative_path),
        T(test_sweep),
        T(test_mkdirs),
        T(test_tmp_name_planted),
        T(test_staging_in_place),
        T(test_start_writeback),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
