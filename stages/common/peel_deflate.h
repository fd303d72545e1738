/* The deflate level of every document, and the streams' memory reused
 * (peel_deflate.c says how, for libraries that have no setting for it). */
#ifndef PEEL_DEFLATE_H
#define PEEL_DEFLATE_H

#include <stddef.h>

/* Z_BEST_SPEED: deflate costs about half of level 6 for 11% larger files. */
#define PEEL_DEFLATE_LEVEL 1

/* How many blocks of ended streams are kept for the next streams
 * (peel_deflate.c), at most 10: for the tests. */
size_t peel_deflate_kept_blocks(void);

#endif
