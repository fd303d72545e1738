/* libharu's writing of a page's operators: a text's codes, numbers.
 *
 * Each text a page shows in a CID font is written as a hex string of its
 * codes by HPDF_Stream_WriteBinary (libharu 2.3.0's hpdf_streams.c), two
 * tests and two sums a nibble: about 2 M instructions a report.  Here a
 * byte's two digits come from a table.  The bytes written are libharu's,
 * and so are the pieces they are written in: HPDF_Stream_Write is given
 * each 256 digits as they fill (128 bytes of text) and what is left at the
 * end, and its first failure is returned at once; nothing is written for
 * an empty text.  An encrypted document's text (e not NULL) is libharu's
 * own to write.
 *
 * Each number of an operator (a position, a colour, a size) is written by
 * HPDF_FToA (hpdf_utils.c) with five decimals from which the trailing
 * zeros are then deleted one by one, about 110 instructions a number and
 * 3.4 M a report.  Here the digits kept are written once.  The number is
 * libharu's: the same float and double steps split it into its integer
 * and decimal parts, and the same bytes are left where libharu leaves
 * them (each digit deleted is a NUL, nothing past the last); a number
 * libharu would clamp or cannot split (past +-32767, not a number) or an
 * end of room the number could reach is libharu's own to write.
 *
 * Both exported for libharu's calls (peel_interpose.h). */

#include <string.h>

#include <hpdf.h>
#include <hpdf_streams.h>

#include "peel_interpose.h"

/* The digits of 128 bytes: what libharu writes at a time. */
#define PIECE_BYTES (HPDF_TEXT_DEFAULT_LEN / 2)

typedef HPDF_STATUS (*binary_fn)(HPDF_Stream, const HPDF_BYTE *, HPDF_UINT, HPDF_Encrypt);

static binary_fn hpdf_binary(void)
{
    static binary_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("HPDF_Stream_WriteBinary");
    }
    return fn;
}

/* Each byte's two upper-case hex digits, as libharu writes them: byte b's
 * at 2 * b. */
static const char digits[512 + 1] = "000102030405060708090A0B0C0D0E0F"
                                    "101112131415161718191A1B1C1D1E1F"
                                    "202122232425262728292A2B2C2D2E2F"
                                    "303132333435363738393A3B3C3D3E3F"
                                    "404142434445464748494A4B4C4D4E4F"
                                    "505152535455565758595A5B5C5D5E5F"
                                    "606162636465666768696A6B6C6D6E6F"
                                    "707172737475767778797A7B7C7D7E7F"
                                    "808182838485868788898A8B8C8D8E8F"
                                    "909192939495969798999A9B9C9D9E9F"
                                    "A0A1A2A3A4A5A6A7A8A9AAABACADAEAF"
                                    "B0B1B2B3B4B5B6B7B8B9BABBBCBDBEBF"
                                    "C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF"
                                    "D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF"
                                    "E0E1E2E3E4E5E6E7E8E9EAEBECEDEEEF"
                                    "F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF";

HPDF_STATUS HPDF_Stream_WriteBinary(HPDF_Stream stream, const HPDF_BYTE *data, HPDF_UINT len,
                                    HPDF_Encrypt e)
{
    if (e) {
        return hpdf_binary()(stream, data, len, e);
    }
    char buf[HPDF_TEXT_DEFAULT_LEN];
    while (len > 0) {
        HPDF_UINT n = len < PIECE_BYTES ? len : PIECE_BYTES;
        for (HPDF_UINT i = 0; i < n; i++) {
            memcpy(&buf[2 * (size_t)i], &digits[2 * (size_t)data[i]], 2);
        }
        HPDF_STATUS ret = HPDF_Stream_Write(stream, (const HPDF_BYTE *)buf, 2 * n);
        if (ret != HPDF_OK) {
            return ret;
        }
        data += n;
        len -= n;
    }
    return HPDF_OK;
}

typedef char *(*ftoa_fn)(char *, HPDF_REAL, char *);

static ftoa_fn hpdf_ftoa(void)
{
    static ftoa_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("HPDF_FToA");
    }
    return fn;
}

/* The most HPDF_FToA writes: a sign, 5 digits, a point and 5 decimals. */
#define FTOA_MOST 12

/* v's decimal digits (v < 100,000), at least one, written at out; the
 * end of them. */
static char *put_digits(char *out, HPDF_UINT32 v)
{
    char *end = out + 1 + (v >= 10u) + (v >= 100u) + (v >= 1000u) + (v >= 10000u);
    char *d = end;
    do {
        *--d = (char)('0' + v % 10u);
        v /= 10u;
    } while (d > out);
    return end;
}

char *HPDF_FToA(char *s, HPDF_REAL val, char *eptr)
{
    if (!(val >= -HPDF_LIMIT_MAX_REAL && val <= HPDF_LIMIT_MAX_REAL) || eptr - s < FTOA_MOST) {
        return hpdf_ftoa()(s, val, eptr); /* clamped, not a number, or cut short */
    }
    HPDF_REAL given = val;
    char *out = s;
    if (val < 0) {
        *out++ = '-';
        val = -val;
    }
    /* libharu's split, step for step: a double sum for the integer part,
     * float differences and products for the decimals. */
    HPDF_INT32 int_val = (HPDF_INT32)(val + 0.000005);
    HPDF_INT32 fpart_val = (HPDF_INT32)((HPDF_REAL)(val - (HPDF_REAL)int_val + 0.000005) * 100000);
    if (fpart_val < 0 || fpart_val > 100000) {
        return hpdf_ftoa()(s, given, eptr); /* cannot be: left to libharu's reading */
    }
    out = put_digits(out, (HPDF_UINT32)int_val);
    /* Five decimals, the trailing zeros and then a bare point deleted (a
     * part of 100,000, which libharu's loop takes as five zeros, has five
     * trailing zeros). */
    HPDF_UINT32 frac = (HPDF_UINT32)fpart_val;
    unsigned zeros = 0;
    while (zeros < 5 && frac % 10u == 0) {
        frac /= 10u;
        zeros++;
    }
    if (zeros == 5) {
        memset(out, 0, 6); /* the point and five zeros, each deleted */
        return out;
    }
    char *dec = out + 1 + (5 - zeros); /* one past the last kept decimal */
    out[0] = '.';
    for (char *d = dec; d > out + 1;) {
        *--d = (char)('0' + frac % 10u);
        frac /= 10u;
    }
    memset(dec, 0, zeros);
    return dec;
}
