/* libxlsxwriter's scratch files in memory (peel_scratch_mem.c says how). */
#ifndef PEEL_SCRATCH_MEM_H
#define PEEL_SCRATCH_MEM_H

#include <stdio.h>

/* Bytes a scratch stream holds in memory before it moves into a real file:
 * a report's largest part is a few tens of KB (the bundled report's
 * shared strings, 29 KB); summary.xlsx's Figures sheet at 1,000 reports is
 * 10 MB, and held to 4 MiB it raised the run's peak RSS from 13.8 to 18.2
 * MiB. */
#define PEEL_SCRATCH_MEM_MAX ((size_t)1 << 20)

/* Sets how many bytes a stream holds in memory before it moves into a file
 * (checked at each write; tests set 0 to move every stream at its first
 * write); gives the old limit. */
size_t peel_scratch_mem_limit(size_t max);

/* Overrides libxlsxwriter's own (utility.h): a read-write stream, at
 * offset 0 and empty, that the caller closes with fclose; NULL (errno set)
 * if it cannot be made.  tmpdir is where it goes if it outgrows memory. */
FILE *lxw_tmpfile(char *tmpdir);

#endif
