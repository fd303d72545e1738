/* components.csv (peel_components.h). */
#include <stdio.h>
#include <string.h>

#include "peel_text.h"
#include "peel_components.h"
#include "peel_csv.h"

peel_status peel_components_load(peel_components *c, const char *data_dir, peel_err *err)
{
    char path[4200];
    memset(c, 0, sizeof *c);
    peel_arena_init(&c->arena);
    peel_csv_doc doc;
    peel_status st = peel_path_join(path, sizeof path, err, data_dir, "components.csv");
    if (st == PEEL_OK)
        st = peel_csv_load_data(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int cp = peel_csv_col(&doc, "pillar"), cc = peel_csv_col(&doc, "component");
    int cl = peel_csv_col(&doc, "label"), ca = peel_csv_col(&doc, "alias");
    if (cp < 0 || cc < 0 || cl < 0 || ca < 0)
        st = PEEL_FAIL(err, PEEL_EDATA, path, 1, "header must be pillar,component,label,alias");
    c->row = peel_arena_alloc(&c->arena, (doc.nrow + 1) * sizeof *c->row);
    for (size_t r = 0; r < doc.nrow && st == PEEL_OK; r++) {
        const char *pillar = peel_csv_get(&doc, r, cp), *alias = peel_csv_get(&doc, r, ca);
        const char *label = peel_csv_get(&doc, r, cl);
        peel_pillar p = peel_pillar_parse(pillar, NULL);
        if ((int)p == PEEL_NPILLAR || !*alias || !*label) {
            st = PEEL_FAIL(err, PEEL_EDATA, path, doc.row[r].line,
                           "needs a pillar (effectiveness, efficiency, legitimacy), a label and "
                           "an alias");
            break;
        }
        c->row[c->n++] = (peel_component){
            .pillar = p,
            .pillar_name = peel_pillar_name(p),
            .component = peel_arena_strdup(&c->arena, peel_csv_get(&doc, r, cc)),
            .label = peel_arena_strdup(&c->arena, label),
            .alias = peel_arena_strdup(&c->arena, alias),
            .line = doc.row[r].line,
        };
    }
    peel_csv_doc_release(&doc);
    if (st != PEEL_OK)
        peel_components_release(c);
    return st;
}

void peel_components_release(peel_components *c)
{
    peel_arena_release(&c->arena);
    memset(c, 0, sizeof *c);
}
