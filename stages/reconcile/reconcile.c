/* peel_reconcile_run: the generic checks, then the catalogue's rules, then
 * the user's, each a row of reconciliation.csv. */
#include <stdio.h>
#include <string.h>

#include "peel_text.h"
#include "peel_afile.h"
#include "peel_data.h"
#include "rc.h"
#include "reconcile.h"

static peel_status load_rules(const peel_reconcile_opts *o, peel_arena *a, peel_vec *rules,
                              peel_err *err)
{
    char path[4200];
    peel_status st = PEEL_OK;
    if (o->rules_path)
        snprintf(path, sizeof path, "%s", o->rules_path);
    else if ((st = peel_data_given(o->data_dir, err)) == PEEL_OK)
        st = peel_path_join(path, sizeof path, err, o->data_dir, "rules.csv");
    if (st == PEEL_OK)
        st = rc_rules_load(path, a, rules, err);
    if (st == PEEL_OK && o->extra_rules)
        st = rc_rules_load(o->extra_rules, a, rules, err);
    return st;
}

peel_status peel_reconcile_rules_check(const char *data_dir, const char *extra_rules, peel_err *err)
{
    peel_reconcile_opts o = {.data_dir = data_dir, .extra_rules = extra_rules};
    peel_arena arena;
    peel_vec rules = {0};
    peel_arena_init(&arena);
    peel_status st = load_rules(&o, &arena, &rules, err);
    peel_vec_release(&rules, NULL);
    peel_arena_release(&arena);
    return st;
}

/* The checks, as rec's reconciliation records (any earlier ones replaced),
 * then reconciliation.csv written from them. */
static peel_status write_checks(const peel_reconcile_opts *o, peel_records *rec,
                                const peel_tindex *tables, const peel_vec *rules,
                                peel_reconcile_result *res, peel_err *err)
{
    rec->ncheck = 0;
    rc_data d = {rec, tables};
    rc_out out = {rec, 0, 0, 0, 0};
    rc_generic_checks(&d, rules, &out);
    rc_rules_run(&d, rules, &out);
    rec->reconciled = 1;
    res->pass = out.pass;
    res->warn = out.warn;
    res->fail = out.fail;
    res->skip = out.skip;

    char path[4200];
    peel_afile af = {0};
    peel_status st = peel_path_join(path, sizeof path, err, o->report_dir, "reconciliation.csv");
    if (st == PEEL_OK)
        st = peel_afile_open(&af, path, err);
    if (st != PEEL_OK)
        return st;
    peel_records_write(rec, PEEL_RECONCILIATION, af.fp);
    st = peel_afile_commit(&af, err);
    peel_afile_abort(&af);
    return st;
}

struct peel_reconcile_catalog {
    peel_arena arena; /* owns the rules */
    peel_vec rules;   /* rc_rule*: the shipped catalogue's, then the user's */
    peel_tcat tables; /* what the table columns are (peel_table.h) */
};

/* o's rules, then the table lines of o's data folder's workbook.csv, into
 * the zeroed *c (released by release_catalog either way). */
static peel_status load_catalog(peel_reconcile_catalog *c, const peel_reconcile_opts *o,
                                peel_err *err)
{
    peel_arena_init(&c->arena);
    peel_tcat_init(&c->tables);
    peel_status st = load_rules(o, &c->arena, &c->rules, err);
    if (st == PEEL_OK)
        st = peel_data_given(o->data_dir, err);
    char path[4200];
    if (st == PEEL_OK)
        st = peel_path_join(path, sizeof path, err, o->data_dir, "workbook.csv");
    if (st == PEEL_OK)
        st = peel_tcat_load(&c->tables, path, err);
    return st;
}

static void release_catalog(peel_reconcile_catalog *c)
{
    peel_tcat_release(&c->tables);
    peel_vec_release(&c->rules, NULL);
    peel_arena_release(&c->arena);
}

/* arg: the user's extra rules, or NULL. */
static peel_status kind_load(void *cat, const char *data_dir, const void *arg, peel_err *err)
{
    peel_reconcile_opts o = {.data_dir = data_dir, .extra_rules = arg};
    return load_catalog(cat, &o, err);
}

static void kind_release(void *cat)
{
    release_catalog(cat);
}

static const peel_catalog_kind CATALOG = {sizeof(peel_reconcile_catalog), kind_load, kind_release};

peel_status peel_reconcile_catalog_new(const char *data_dir, const char *extra_rules,
                                       peel_reconcile_catalog **out, peel_err *err)
{
    void *cat;
    peel_status st = peel_catalog_new(&CATALOG, data_dir, extra_rules, &cat, err);
    *out = cat;
    return st;
}

void peel_reconcile_catalog_free(peel_reconcile_catalog *c)
{
    peel_catalog_free(&CATALOG, c);
}

peel_status peel_reconcile_run(const peel_reconcile_opts *o, peel_reconcile_result *res,
                               peel_err *err)
{
    peel_records own, *rec = o->records;
    peel_reconcile_catalog own_cat = {0}; /* when the caller gave no catalogue */
    const peel_reconcile_catalog *cat = o->catalog ? o->catalog : &own_cat;
    memset(res, 0, sizeof *res);
    peel_status st = o->catalog ? PEEL_OK : load_catalog(&own_cat, o, err);
    if (st == PEEL_OK && !rec && (st = peel_records_load(&own, o->report_dir, 0, err)) == PEEL_OK)
        rec = &own;
    if (st == PEEL_OK) {
        peel_tindex tables;
        peel_tindex_build(&tables, rec, &cat->tables);
        st = write_checks(o, rec, &tables, &cat->rules, res, err);
        peel_tindex_release(&tables);
    }
    if (rec == &own)
        peel_records_release(&own);
    release_catalog(&own_cat);
    return st;
}
