/* libharu's byte helpers done by libc; its 2-byte swap without a copy.
 *
 * libharu 2.3.0 copies, clears and measures memory with helpers of its own
 * (HPDF_MemCpy, HPDF_MemSet, HPDF_StrLen in hpdf_utils.c), a byte a loop
 * turn, and calls them through the PLT from every file of the library.  In
 * a report's three packs they cost about 45 M instructions: each operator a
 * page writes clears a scratch buffer of several hundred bytes
 * (HPDF_MemSet), each write to a memory stream copies byte by byte
 * (HPDF_MemCpy), and each font clears a 128 KB map.  libc's functions do the
 * same work a machine word or a vector at a time.
 *
 * How: as peel_deflate.c does for zlib, the programs that link libharu
 * define these functions and export them (stages/CMakeLists.txt,
 * peel_interpose.list), so that the dynamic linker binds libharu's own
 * calls here.  Each keeps libharu 2.3.0's contract exactly (read from the
 * Debian build's code, not only its header), return value included:
 * HPDF_MemCpy and HPDF_MemSet return the end of what they wrote, not its
 * start as memcpy and memset do; n is 0 allowed with any pointer.  Linked
 * into programs only, not into the stage libraries, for the reason
 * peel_deflate.c gives. */
#include <stdint.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_utils.h>

/* Forward, a byte at a time: what libharu's copy gives when out starts
 * inside in (each byte read after the one before it was written), which
 * memmove does not.  Should libharu ever copy so, it gets its own bytes. */
static HPDF_BYTE *copy_forward(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    if (n == 0) {
        return out; /* libharu touches neither pointer */
    }
    for (HPDF_UINT i = 0; i < n; i++) {
        out[i] = in[i];
    }
    return out + n;
}

/* Up to this many bytes, a loop costs less than a call to memmove: most of
 * libharu's copies are of 2 (its CIDToGIDMap's byte swap, 65,535 a font). */
#define PEEL_HPDF_SHORT_COPY 16u

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    if (n == 2) { /* the byte swap's, in libharu's order */
        out[0] = in[0];
        out[1] = in[1];
        return out + 2;
    }
    if (n <= PEEL_HPDF_SHORT_COPY) {
        return copy_forward(out, in, n);
    }
    uintptr_t to = (uintptr_t)out;
    uintptr_t from = (uintptr_t)in;
    if (to > from && to - from < n) {
        return copy_forward(out, in, n);
    }
    /* out before in or apart: memmove gives the forward copy's bytes. */
    memmove(out, in, n);
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    if (n == 0) {
        return s;
    }
    memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

/* NULL is 0 long; a negative maxlen means no bound.  libharu counts in an
 * int, so its answer for a string of 2 GiB or more is not libc's: no
 * string libharu measures comes near. */
HPDF_UINT HPDF_StrLen(const char *s, HPDF_INT maxlen)
{
    if (!s) {
        return 0;
    }
    if (maxlen < 0) {
        return (HPDF_UINT)strlen(s);
    }
    return (HPDF_UINT)strnlen(s, (size_t)maxlen);
}

/* The 2 bytes at value read big-endian, as a font's numbers are stored:
 * libharu copies them out with HPDF_MemCpy first, for each character of a
 * text it shows (the UTF-8 encoder's CIDs) and each number of a font it
 * reads. */
void HPDF_UInt16Swap(HPDF_UINT16 *value)
{
    const HPDF_BYTE *b = (const HPDF_BYTE *)value;
    *value = (HPDF_UINT16)((HPDF_UINT16)b[0] << 8 | (HPDF_UINT16)b[1]);
}
