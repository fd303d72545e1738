/* The data files that hold what is specific to reports: component names and
 * their aliases (components.csv), the words named facts go by (lexicon.csv)
 * and the fact keys they make (facts.csv). */
#include <stdio.h>
#include <string.h>

#include "ing.h"
#include "peel_csv.h"
#include "peel_report.h"

static peel_status load_aliases(ing_catalog *cat, const char *path, peel_err *err)
{
    peel_csv_doc doc;
    peel_status st = peel_csv_load(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int cp = peel_csv_col(&doc, "pillar"), cc = peel_csv_col(&doc, "component");
    int cl = peel_csv_col(&doc, "label"), ca = peel_csv_col(&doc, "alias");
    if (cp < 0 || cc < 0 || cl < 0 || ca < 0) {
        st = PEEL_FAIL(err, PEEL_EDATA, path, 1, "header must be pillar,component,label,alias");
        goto out;
    }
    for (size_t r = 0; r < doc.nrow; r++) {
        const char *pillar = peel_csv_get(&doc, r, cp), *alias = peel_csv_get(&doc, r, ca);
        if (peel_pillar_index(pillar) == PEEL_NPILLAR || !*alias || !*peel_csv_get(&doc, r, cl)) {
            st = PEEL_FAIL(err, PEEL_EDATA, path, doc.row[r].line,
                           "needs a pillar (effectiveness, efficiency, legitimacy), a label and "
                           "an alias");
            goto out;
        }
        ing_alias *a = peel_arena_alloc(&cat->arena, sizeof *a);
        a->pillar = peel_arena_strdup(&cat->arena, pillar);
        a->component = peel_arena_strdup(&cat->arena, peel_csv_get(&doc, r, cc));
        a->label = peel_arena_strdup(&cat->arena, peel_csv_get(&doc, r, cl));
        a->key = ing_norm(&cat->arena, alias, strlen(alias));
        peel_vec_push(&cat->aliases, a);
    }
out:
    peel_csv_doc_release(&doc);
    return st;
}

peel_status ing_catalog_load(ing_catalog *cat, const char *data_dir, peel_err *err)
{
    char path[4096];
    memset(cat, 0, sizeof *cat);
    peel_arena_init(&cat->arena);
    snprintf(path, sizeof path, "%s/components.csv", data_dir);
    peel_status st = load_aliases(cat, path, err);
    if (st != PEEL_OK)
        return st;
    char facts[4096];
    snprintf(path, sizeof path, "%s/lexicon.csv", data_dir);
    snprintf(facts, sizeof facts, "%s/facts.csv", data_dir);
    return ing_lexicon_load(&cat->lexicon, path, facts, err);
}

void ing_catalog_release(ing_catalog *cat)
{
    peel_vec_release(&cat->aliases, NULL);
    ing_lexicon_release(&cat->lexicon);
    peel_arena_release(&cat->arena);
}

const ing_alias *ing_alias_find(const ing_catalog *cat, const char *s, size_t len)
{
    peel_arena tmp;
    peel_arena_init(&tmp);
    const char *key = ing_norm(&tmp, s, len);
    const ing_alias *found = NULL;
    for (size_t i = 0; i < cat->aliases.n && !found; i++) {
        const ing_alias *a = cat->aliases.item[i];
        if (strcmp(a->key, key) == 0)
            found = a;
    }
    peel_arena_release(&tmp);
    return found;
}
