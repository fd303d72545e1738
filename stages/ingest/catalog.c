/* The data files that hold what is specific to reports: component names and
 * their aliases (components.csv), the words named facts go by (lexicon.csv)
 * and the fact keys they make (facts.csv). */
#include <stdio.h>
#include <string.h>

#include "peel_text.h"
#include "ing.h"
#include "peel_components.h"
#include "peel_csv.h"
#include "peel_vocab.h"

static peel_status load_aliases(ing_catalog *cat, const char *data_dir, peel_err *err)
{
    peel_components comps;
    peel_status st = peel_components_load(&comps, data_dir, err);
    for (size_t r = 0; st == PEEL_OK && r < comps.n; r++) {
        const peel_component *c = &comps.row[r];
        ing_alias *a = peel_arena_alloc(&cat->arena, sizeof *a);
        a->pillar = c->pillar_name;
        a->component = peel_arena_strdup(&cat->arena, c->component);
        a->label = peel_arena_strdup(&cat->arena, c->label);
        a->key = ing_norm(&cat->arena, c->alias, strlen(c->alias));
        peel_vec_push(&cat->aliases, a);
    }
    if (st == PEEL_OK)
        peel_components_release(&comps);
    return st;
}

peel_status ing_catalog_load(ing_catalog *cat, const char *data_dir, peel_err *err)
{
    char path[4096];
    memset(cat, 0, sizeof *cat);
    peel_arena_init(&cat->arena);
    peel_status st = load_aliases(cat, data_dir, err);
    if (st != PEEL_OK)
        return st;
    char facts[4096];
    if ((st = peel_path_join(path, sizeof path, err, data_dir, "lexicon.csv")) != PEEL_OK ||
        (st = peel_path_join(facts, sizeof facts, err, data_dir, "facts.csv")) != PEEL_OK)
        return st;
    return ing_lexicon_load(&cat->lexicon, path, facts, err);
}

void ing_catalog_release(ing_catalog *cat)
{
    peel_vec_release(&cat->aliases, NULL);
    ing_lexicon_release(&cat->lexicon);
    peel_arena_release(&cat->arena);
}

const ing_alias *ing_alias_named(const ing_catalog *cat, const char *norm)
{
    for (size_t i = 0; i < cat->aliases.n; i++) {
        const ing_alias *a = cat->aliases.item[i];
        if (strcmp(a->key, norm) == 0)
            return a;
    }
    return NULL;
}

const ing_alias *ing_alias_find(const ing_catalog *cat, const char *s, size_t len)
{
    peel_arena tmp;
    peel_arena_init(&tmp);
    const ing_alias *found = ing_alias_named(cat, ing_norm(&tmp, s, len));
    peel_arena_release(&tmp);
    return found;
}
