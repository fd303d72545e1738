/* Font files for libharu held in memory (peel_hpdfmem.c): bytes registered
 * under a name, which HPDF_LoadTTFontFromFile then loads as it would the
 * file of that name.  Linked, with the HPDF_FileReader_New it defines over
 * libharu's, into every program that loads fonts this way (stages/
 * CMakeLists.txt, peel_library_hooks ... HPDF; the benchmark's floor):
 * a program without it does not link.  One registry a process, for the one
 * thread that calls libharu (peel-run's workers are processes). */
#ifndef PEEL_HPDFMEM_H
#define PEEL_HPDFMEM_H

#include <stddef.h>

/* The room a registered name takes, its NUL included. */
#define PEEL_HPDF_MEM_NAME 48

/* The most bytes one registration holds: what libharu's 32-bit stream
 * offsets reach (HPDF_INT). */
#define PEEL_HPDF_MEM_MAX 0x7FFFFFFF

/* Gives the bytes back to their owner: called once, with the arg given. */
typedef void (*peel_hpdf_mem_release)(void *arg);

/* Registers the len bytes at data as a font file for libharu and writes
 * its name to name (PEEL_HPDF_MEM_NAME bytes): a path under /dev/null/,
 * which names no file (/dev/null is not a folder), unique in the process.
 *
 * Ownership: the bytes stay the caller's, borrowed, unchanged and valid,
 * until release(arg) is called, exactly once (release NULL: bytes that
 * outlive every document):
 *   - by libharu's stream over them when libharu frees it: when the name is
 *     opened (HPDF_FileReader_New, once: the name is then unregistered) the
 *     stream takes the registration over, and libharu frees it with the
 *     document (HPDF_Free) or, when the load fails, at once;
 *   - by peel_hpdf_mem_drop when the name was never opened;
 *   - by this call itself when it refuses the bytes: then it returns -1 and
 *     name is "" (len over PEEL_HPDF_MEM_MAX).
 * Returns 0 otherwise.  Memory: the process ends with 71 (peel_xmalloc). */
int peel_hpdf_mem_add(const void *data, size_t len, peel_hpdf_mem_release release, void *arg,
                      char name[PEEL_HPDF_MEM_NAME]);

/* Unregisters name and releases its bytes when it is still registered
 * (never opened); nothing for any other name ("" included). */
void peel_hpdf_mem_drop(const char *name);

#endif
