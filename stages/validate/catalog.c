/* What the records may name, from the data files the ingest stage also reads:
 * the pillars' components (components.csv) and the units the fact catalogue
 * gives its keys (facts.csv, `unit`: one or several separated by '|').  Nothing specific to one
 * force lives here. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "peel_text.h"
#include "peel_components.h"
#include "vd.h"

/* Units any report record may carry: those the ingest stage gives table
 * cells (by the printed sign or the column), and the fact catalogue's own
 * ("count" when a pattern names none). */
static const char *const BASE_UNITS[] = {"%",        "GBP",   "GBP per head",        "FTE", "count",
                                         "officers", "staff", "per 1,000 population"};

/* Units a finance or HR sidecar may use: the report's money, share and
 * workforce units.  A fixed list, so that a typing slip ("GPB", "fte") is
 * caught instead of silently never matching a report figure. */
static const char *const SIDECAR_UNITS[] = {
    "GBP", "GBP per head", "%", "FTE", "count", "officers", "staff", "per 1,000 population"};

static int unit_in(const vd_catalog *cat, const char *unit)
{
    for (size_t i = 0; i < cat->units.n; i++)
        if (strcmp(cat->units.item[i], unit) == 0)
            return 1;
    return 0;
}

static void add_unit(vd_catalog *cat, const char *unit)
{
    if (!unit[0] || unit_in(cat, unit))
        return;
    peel_vec_push(&cat->units, peel_arena_strdup(&cat->arena, unit));
}

static peel_status load_components(vd_catalog *cat, const char *data_dir, peel_err *err)
{
    peel_components comps;
    peel_status st = peel_components_load(&comps, data_dir, err);
    for (size_t r = 0; st == PEEL_OK && r < comps.n; r++) {
        vd_component *c = peel_arena_alloc(&cat->arena, sizeof *c);
        c->pillar = comps.row[r].pillar_name;
        c->component = peel_arena_strdup(&cat->arena, comps.row[r].component);
        peel_vec_push(&cat->components, c);
    }
    if (st == PEEL_OK)
        peel_components_release(&comps);
    return st;
}

/* The fact catalogue is optional here: without it only the base units pass. */
static peel_status load_fact_units(vd_catalog *cat, const char *path, peel_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return PEEL_OK;
    peel_csv_doc doc;
    peel_status st = peel_csv_load_data(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int cu = peel_csv_col(&doc, "unit");
    for (size_t r = 0; cu >= 0 && r < doc.nrow; r++) {
        /* "officers|posts|FTE": every unit a key may take */
        const char *u = peel_csv_get(&doc, r, cu);
        while (*u) {
            size_t n = strcspn(u, "|");
            char one[128];
            if (n < sizeof one) {
                memcpy(one, u, n);
                one[n] = '\0';
                add_unit(cat, one);
            }
            u += n + (u[n] == '|');
        }
    }
    peel_csv_doc_release(&doc);
    return PEEL_OK;
}

peel_status vd_catalog_load(vd_catalog *cat, const char *data_dir, peel_err *err)
{
    char path[4200];
    peel_arena_init(&cat->arena);
    for (size_t i = 0; i < sizeof BASE_UNITS / sizeof *BASE_UNITS; i++)
        add_unit(cat, BASE_UNITS[i]);
    peel_status st = load_components(cat, data_dir, err);
    if (st != PEEL_OK)
        return st;
    peel_path_join(path, sizeof path, NULL, data_dir, "facts.csv");
    return load_fact_units(cat, path, err);
}

void vd_catalog_release(vd_catalog *cat)
{
    peel_vec_release(&cat->components, NULL);
    peel_vec_release(&cat->units, NULL);
    peel_arena_release(&cat->arena);
}

int vd_component_known(const vd_ctx *cx, const char *pillar, const char *component,
                       const char **other)
{
    if (!component[0])
        return 1;
    int elsewhere = 0;
    /* Asked for every record filed under a component: a name is compared
     * whole only when its first byte is the component's. */
    for (size_t i = 0; i < cx->cat->components.n; i++) {
        const vd_component *c = cx->cat->components.item[i];
        if (c->component[0] != component[0] || strcmp(c->component, component) != 0)
            continue;
        if (strcmp(c->pillar, pillar) == 0)
            return 1;
        elsewhere = 1;
        if (other)
            *other = c->pillar;
    }
    return elsewhere ? -1 : 0;
}

int vd_unit_known(const vd_ctx *cx, const char *unit)
{
    return unit_in(cx->cat, unit);
}

int vd_sidecar_unit(const char *unit)
{
    for (size_t i = 0; i < sizeof SIDECAR_UNITS / sizeof *SIDECAR_UNITS; i++)
        if (strcmp(SIDECAR_UNITS[i], unit) == 0)
            return 1;
    return 0;
}
