/* libxlsxwriter's scratch files in memory (peel_scratch_mem.c says how). */
#ifndef PEEL_SCRATCH_MEM_H
#define PEEL_SCRATCH_MEM_H

#include <stdio.h>

/* Bytes a scratch stream holds in memory before it moves into a real file:
 * a normal report's largest part is a few hundred KB. */
#define PEEL_SCRATCH_MEM_MAX ((size_t)4 << 20)

/* Sets how many bytes a stream holds in memory before it moves into a file
 * (checked at each write; tests set 0 to move every stream at its first
 * write); gives the old limit. */
size_t peel_scratch_mem_limit(size_t max);

/* Overrides libxlsxwriter's own (utility.h): a read-write stream, at
 * offset 0 and empty, that the caller closes with fclose; NULL (errno set)
 * if it cannot be made.  tmpdir is where it goes if it outgrows memory. */
FILE *lxw_tmpfile(char *tmpdir);

#endif
