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

peel_status peel_reconcile_run(const peel_reconcile_opts *o, peel_reconcile_result *res,
                               peel_err *err)
{
    peel_arena arena;
    peel_vec rules = {0};
    peel_records own, *rec = o->records;
    peel_tcat cat;
    memset(res, 0, sizeof *res);
    peel_arena_init(&arena);
    peel_tcat_init(&cat);
    peel_status st = load_rules(o, &arena, &rules, err);
    if (st == PEEL_OK)
        st = peel_data_given(o->data_dir, err);
    if (st == PEEL_OK) {
        /* What the table columns are is the layout catalogue's (peel_table.h). */
        char path[4200];
        if ((st = peel_path_join(path, sizeof path, err, o->data_dir, "workbook.csv")) == PEEL_OK)
            st = peel_tcat_load(&cat, path, err);
    }
    if (st == PEEL_OK && !rec && (st = peel_records_load(&own, o->report_dir, 0, err)) == PEEL_OK)
        rec = &own;
    if (st == PEEL_OK) {
        peel_tindex tables;
        peel_tindex_build(&tables, rec, &cat);
        st = write_checks(o, rec, &tables, &rules, res, err);
        peel_tindex_release(&tables);
    }
    if (rec == &own)
        peel_records_release(&own);
    peel_tcat_release(&cat);
    peel_vec_release(&rules, NULL);
    peel_arena_release(&arena);
    return st;
}
