/* pipeline/components.csv, read once for every stage that needs it: the
 * pillars' components, one row per name a report may print for one
 *   pillar,component,label,alias
 * (component empty for the pillar itself; label the name documents show). */
#ifndef PEEL_COMPONENTS_H
#define PEEL_COMPONENTS_H

#include <stddef.h>

#include "peel_err.h"
#include "peel_mem.h"
#include "peel_vocab.h"

typedef struct peel_component {
    peel_pillar pillar;
    const char *pillar_name; /* peel_pillar_name(pillar) */
    const char *component, *label, *alias;
    long line; /* in components.csv */
} peel_component;

typedef struct peel_components {
    peel_component *row;
    size_t n;
    peel_arena arena; /* owns rows and strings */
} peel_components;

/* Loads data_dir/components.csv.  PEEL_EDATA naming the line when the
 * header lacks a column or a row has no known pillar, label or alias. */
peel_status peel_components_load(peel_components *c, const char *data_dir, peel_err *err);
void peel_components_release(peel_components *c);

#endif
