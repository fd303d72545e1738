/* The deflate level of every document (peel_deflate.c says how it is set
 * for libraries that have no setting for it). */
#ifndef PEEL_DEFLATE_H
#define PEEL_DEFLATE_H

/* Z_BEST_SPEED: deflate costs about half of level 6 for 11% larger files. */
#define PEEL_DEFLATE_LEVEL 1

#endif
