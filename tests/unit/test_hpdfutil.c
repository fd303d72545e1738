/* peel_hpdfutil.c: each of libharu's helpers the programs define gives what
 * libharu's own gives (found past ours with dlsym RTLD_NEXT), bytes written
 * and pointer returned, on the edges of its contract: nothing to do, NULL,
 * short and long lengths, overlapping copies, bounds on a string, every
 * value swapped; and it is the definition libharu's own calls bind to. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT, RTLD_DEFAULT */
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dlfcn.h>
#include <limits.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

typedef HPDF_BYTE *(*memcpy_fn)(HPDF_BYTE *, const HPDF_BYTE *, HPDF_UINT);
typedef void *(*memset_fn)(void *, HPDF_BYTE, HPDF_UINT);
typedef HPDF_UINT (*strlen_fn)(const char *, HPDF_INT);

/* libharu's own definition of name. */
static void *libharus(const char *name)
{
    void *sym = dlsym(RTLD_NEXT, name);
    assert_non_null(sym);
    return sym;
}

/* The name the dynamic linker binds libharu's calls to is ours, and
 * libharu's own users of the helpers work with them: a memory stream
 * copies what it is given and reads it back with HPDF_MemCpy, through the
 * PLT; libharu's HPDF_UInt16Swap copies with it too. */
static void test_ours_bound(void **state)
{
    (void)state;
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_MemCpy"), (void *)HPDF_MemCpy);
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_MemSet"), (void *)HPDF_MemSet);
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_StrLen"), (void *)HPDF_StrLen);
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_UInt16Swap"), (void *)HPDF_UInt16Swap);
    assert_ptr_not_equal(libharus("HPDF_MemCpy"), (void *)HPDF_MemCpy);
    assert_ptr_not_equal(libharus("HPDF_UInt16Swap"), (void *)HPDF_UInt16Swap);

    HPDF_Error_Rec error;
    HPDF_Error_Init(&error, NULL);
    HPDF_MMgr mmgr = HPDF_MMgr_New(&error, 0, NULL, NULL);
    assert_non_null(mmgr);
    HPDF_Stream stream = HPDF_MemStream_New(mmgr, 64);
    assert_non_null(stream);
    static const char text[] = "several buffers' worth of text, each copied by HPDF_MemCpy";
    for (int i = 0; i < 10; i++) {
        assert_int_equal(HPDF_Stream_Write(stream, (const HPDF_BYTE *)text, sizeof text), HPDF_OK);
    }
    assert_int_equal(HPDF_Stream_Seek(stream, 0, HPDF_SEEK_SET), HPDF_OK);
    for (int i = 0; i < 10; i++) {
        char back[sizeof text];
        HPDF_UINT len = sizeof back;
        assert_int_equal(HPDF_Stream_Read(stream, (HPDF_BYTE *)back, &len), HPDF_OK);
        assert_int_equal(len, sizeof text);
        assert_memory_equal(back, text, sizeof text);
    }
    HPDF_Stream_Free(stream);
    HPDF_MMgr_Free(mmgr);

    void (*swap)(HPDF_UINT16 *) = (void (*)(HPDF_UINT16 *))libharus("HPDF_UInt16Swap");
    HPDF_UINT16 v = 0x1234;
    swap(&v);
    assert_int_equal(v, 0x3412);
}

/* Every 2 bytes read big-endian as libharu's swap reads them, in place. */
static void test_uint16swap(void **state)
{
    (void)state;
    void (*swap)(HPDF_UINT16 *) = (void (*)(HPDF_UINT16 *))libharus("HPDF_UInt16Swap");
    for (unsigned u = 0; u < 0x10000u; u++) {
        HPDF_UINT16 mine = (HPDF_UINT16)u, theirs = (HPDF_UINT16)u;
        HPDF_UInt16Swap(&mine);
        swap(&theirs);
        assert_int_equal(mine, theirs);
    }
    const HPDF_BYTE be[2] = {0xAB, 0xCD};
    HPDF_UINT16 v;
    memcpy(&v, be, sizeof v);
    HPDF_UInt16Swap(&v);
    assert_int_equal(v, 0xABCD);
}

#define BUF 16384

/* A buffer of distinct-looking bytes, the same each time. */
static void fill(HPDF_BYTE *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        b[i] = (HPDF_BYTE)(i * 7 + 3);
    }
}

/* Copies n bytes from src to dst offsets of one buffer, with ours and with
 * libharu's, and compares the buffers and the pointers returned. */
static void copy_both(size_t dst, size_t src, HPDF_UINT n)
{
    static HPDF_BYTE mine[BUF], theirs[BUF];
    memcpy_fn copy = (memcpy_fn)libharus("HPDF_MemCpy");
    fill(mine, BUF);
    fill(theirs, BUF);
    HPDF_BYTE *r1 = HPDF_MemCpy(mine + dst, mine + src, n);
    HPDF_BYTE *r2 = copy(theirs + dst, theirs + src, n);
    assert_int_equal(r1 - mine, r2 - theirs);
    assert_int_equal(r1 - mine, (ptrdiff_t)(dst + n));
    assert_memory_equal(mine, theirs, BUF);
}

static void test_memcpy(void **state)
{
    (void)state;
    static const HPDF_UINT lens[] = {0, 1, 2, 3, 15, 16, 17, 31, 64, 100, 511, 4096};
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        copy_both(9000, 7, lens[i]);  /* apart */
        copy_both(7, 9000, lens[i]);  /* apart, backwards */
        copy_both(100, 101, lens[i]); /* out just before in */
        copy_both(101, 100, lens[i]); /* out just after in: the byte order shows */
        copy_both(103, 100, lens[i]);
        copy_both(100, 100, lens[i]); /* onto itself */
    }
    /* Nothing to copy: the pointer back, neither touched. */
    memcpy_fn copy = (memcpy_fn)libharus("HPDF_MemCpy");
    assert_null(HPDF_MemCpy(NULL, NULL, 0));
    assert_null(copy(NULL, NULL, 0));
}

static void set_both(size_t at, HPDF_BYTE c, HPDF_UINT n)
{
    static HPDF_BYTE mine[BUF], theirs[BUF];
    memset_fn set = (memset_fn)libharus("HPDF_MemSet");
    fill(mine, BUF);
    fill(theirs, BUF);
    HPDF_BYTE *r1 = HPDF_MemSet(mine + at, c, n);
    HPDF_BYTE *r2 = set(theirs + at, c, n);
    assert_int_equal(r1 - mine, r2 - theirs);
    assert_int_equal(r1 - mine, (ptrdiff_t)(at + n));
    assert_memory_equal(mine, theirs, BUF);
}

static void test_memset(void **state)
{
    (void)state;
    static const HPDF_UINT lens[] = {0, 1, 2, 7, 33, 512, 2048, 5000};
    static const HPDF_BYTE bytes[] = {0, 1, 0x7F, 0x80, 0xFF};
    for (size_t i = 0; i < sizeof lens / sizeof *lens; i++) {
        for (size_t j = 0; j < sizeof bytes; j++) {
            set_both(3, bytes[j], lens[i]);
        }
    }
    memset_fn set = (memset_fn)libharus("HPDF_MemSet");
    assert_null(HPDF_MemSet(NULL, 0, 0));
    assert_null(set(NULL, 0, 0));
}

static void test_strlen(void **state)
{
    (void)state;
    strlen_fn len = (strlen_fn)libharus("HPDF_StrLen");
    static const char *const strs[] = {NULL, "", "a", "abc", "a\xC3\xA9z", "0123456789abcdef0"};
    static const HPDF_INT bounds[] = {INT_MIN, -2, -1, 0, 1, 2, 3, 4, 16, 17, 18, INT_MAX};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {
        for (size_t j = 0; j < sizeof bounds / sizeof *bounds; j++) {
            assert_int_equal(HPDF_StrLen(strs[i], bounds[j]), len(strs[i], bounds[j]));
        }
    }
    assert_int_equal(HPDF_StrLen("abc", -1), 3);
    assert_int_equal(HPDF_StrLen("abc", 2), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ours_bound), cmocka_unit_test(test_uint16swap),
        cmocka_unit_test(test_memcpy),     cmocka_unit_test(test_memset),
        cmocka_unit_test(test_strlen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
