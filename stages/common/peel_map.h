/* A hash map from strings to pointers, for the lookups that a scan of every
 * earlier row made quadratic on long reports (table rows, named cells).
 * Keys are borrowed: they must outlive the map.  Open addressing, FNV-1a. */
#ifndef PEEL_MAP_H
#define PEEL_MAP_H

#include <stddef.h>

typedef struct peel_map_slot {
    const char *key; /* borrowed; NULL: empty */
    void *value;
} peel_map_slot;

typedef struct peel_map {
    peel_map_slot *slot; /* owned */
    size_t n, cap;
} peel_map;

void peel_map_init(peel_map *m);
void peel_map_release(peel_map *m);
/* The value of key, or NULL. */
void *peel_map_get(const peel_map *m, const char *key);
/* Sets key's value (replacing an earlier one). */
void peel_map_put(peel_map *m, const char *key, void *value);

#endif
