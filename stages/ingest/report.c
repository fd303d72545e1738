/* The records of one report, all owned by its arena. */
#include <string.h>

#include "ing.h"

void ing_report_init(ing_report *rep)
{
    memset(rep, 0, sizeof *rep);
    peel_arena_init(&rep->arena);
}

void ing_report_release(ing_report *rep)
{
    peel_vec_release(&rep->meta, NULL);
    peel_vec_release(&rep->judgments, NULL);
    peel_vec_release(&rep->cells, NULL);
    peel_vec_release(&rep->findings, NULL);
    peel_vec_release(&rep->figures, NULL);
    peel_vec_release(&rep->facts, NULL);
    peel_vec_release(&rep->summaries, NULL);
    peel_arena_release(&rep->arena);
}

void ing_meta_add(ing_report *rep, const char *key, const char *value, long line)
{
    ing_meta *m = peel_arena_alloc(&rep->arena, sizeof *m);
    m->key = key;
    m->value = peel_arena_strdup(&rep->arena, value);
    m->line = line;
    peel_vec_push(&rep->meta, m);
}

ing_judgment *ing_judgment_get(ing_report *rep, const ing_alias *alias)
{
    for (size_t i = 0; i < rep->judgments.n; i++) {
        ing_judgment *j = rep->judgments.item[i];
        if (strcmp(j->pillar, alias->pillar) == 0 && strcmp(j->component, alias->component) == 0)
            return j;
    }
    ing_judgment *j = peel_arena_alloc(&rep->arena, sizeof *j);
    j->pillar = alias->pillar;
    j->component = alias->component;
    j->label = alias->label;
    j->inspected = -1;
    peel_vec_push(&rep->judgments, j);
    return j;
}
