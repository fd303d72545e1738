#include "peel_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "peel_mem.h"

void peel_map_init(peel_map *m)
{
    memset(m, 0, sizeof *m);
}

void peel_map_release(peel_map *m)
{
    free(m->slot);
    memset(m, 0, sizeof *m);
}

static size_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return (size_t)h;
}

/* The slot holding key, or the empty one where it would go. */
static peel_map_slot *find(const peel_map *m, const char *key)
{
    size_t i = hash(key) & (m->cap - 1);
    while (m->slot[i].key && strcmp(m->slot[i].key, key) != 0)
        i = (i + 1) & (m->cap - 1);
    return &m->slot[i];
}

static void grow(peel_map *m)
{
    peel_map old = *m;
    m->cap = old.cap ? old.cap * 2 : 64;
    m->slot = peel_xcalloc(m->cap, sizeof *m->slot);
    m->n = 0;
    for (size_t i = 0; i < old.cap; i++)
        if (old.slot[i].key) {
            *find(m, old.slot[i].key) = old.slot[i];
            m->n++;
        }
    free(old.slot);
}

void *peel_map_get(const peel_map *m, const char *key)
{
    if (!m->cap)
        return NULL;
    return find(m, key)->value;
}

void peel_map_put(peel_map *m, const char *key, void *value)
{
    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    peel_map_slot *s = find(m, key);
    if (!s->key) {
        s->key = key;
        m->n++;
    }
    s->value = value;
}
