/* Sidecars matched to reports by force, and which reports to build: each
 * is skipped when its input, sidecars, rules and program are those the
 * manifest recorded and every output it recorded is intact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "peel_text.h"

/* ---- sidecars ---- */

rn_fit rn_sidecar_fits(const rn_sidecar *sc, const char *force, const peel_vec *picked)
{
    int match = 0;
    for (size_t f = 0; !sc->why && f < sc->forces.n && !match; f++)
        match = strcmp(sc->forces.item[f], force) == 0;
    if (!match)
        return RN_FIT_NO;
    const char *base = peel_path_base(sc->path);
    for (size_t k = 0; k < picked->n; k++)
        if (strcmp(peel_path_base(((const rn_sidecar *)picked->item[k])->path), base) == 0)
            return RN_FIT_CLASH;
    return RN_FIT_YES;
}

void rn_sidecars_pick(const peel_vec *all, const char *force, peel_vec *picked)
{
    for (size_t s = 0; s < all->n; s++)
        if (rn_sidecar_fits(all->item[s], force, picked) == RN_FIT_YES)
            peel_vec_push(picked, all->item[s]);
}

/* rn_sidecars_pick for every report (a probe picked the same for the one
 * it built), saying what was not used and why. */
void rn_match_sidecars(rn_batch *b)
{
    for (size_t s = 0; s < b->sidecars.n; s++) {
        rn_sidecar *sc = b->sidecars.item[s];
        if (sc->why) {
            rn_say(b, PEEL_RUN_EV_WARNING, "sidecar %s not used: %s", sc->path, sc->why);
            continue;
        }
        for (size_t i = 0; i < b->nreport; i++) {
            rn_report *r = &b->reports[i];
            rn_fit fit = rn_sidecar_fits(sc, r->in->force, &r->sidecars);
            if (fit == RN_FIT_NO)
                continue;
            if (fit == RN_FIT_CLASH) {
                rn_say(b, PEEL_RUN_EV_WARNING,
                       "sidecar %s not used for %s: another sidecar of that name is", sc->path,
                       r->in->slug);
                continue;
            }
            peel_vec_push(&r->sidecars, sc);
            sc->used = 1;
        }
        if (!sc->used)
            rn_say(b, PEEL_RUN_EV_WARNING,
                   "sidecar %s matches no report of this run (its force column names no force "
                   "among the reports)",
                   sc->path);
    }
    for (size_t i = 0; i < b->nreport; i++) {
        rn_report *r = &b->reports[i];
        peel_buf key;
        peel_buf_init(&key);
        peel_vec names = {0};
        for (size_t k = 0; k < r->sidecars.n; k++) {
            const rn_sidecar *sc = r->sidecars.item[k];
            char item[600];
            snprintf(item, sizeof item, "%s:%lld:%08x", peel_path_base(sc->path), sc->size,
                     (unsigned)sc->crc);
            peel_vec_push(&names, peel_xstrdup(item));
        }
        if (names.n > 1)
            qsort(names.item, names.n, sizeof *names.item, rn_by_name);
        for (size_t k = 0; k < names.n; k++)
            peel_buf_printf(&key, "%s%s", k ? " " : "", (char *)names.item[k]);
        peel_vec_release(&names, free);
        r->sidecar_key = peel_buf_detach(&key);
        peel_buf_release(&key);
    }
}

/* ---- what to build ---- */

int rn_row_built(const rn_row *r)
{
    return strcmp(r->f[RN_C_STATUS], "ok") == 0 || strcmp(r->f[RN_C_STATUS], "invalid") == 0;
}

int rn_row_intact(const rn_batch *b, rn_row *r)
{
    if (r->intact < 0) {
        char dir[4400];
        r->intact =
            peel_path_join(dir, sizeof dir, NULL, b->outdir, r->f[RN_C_REPORT]) == PEEL_OK &&
            r->f[RN_C_REPORT][0] && rn_outputs_intact(dir, r->f[RN_C_OUTPUTS], 1);
    }
    return r->intact;
}

/* The input's file name is in the documents and meta.csv ("generated from
 * FILE"): a report renamed is built again, so that it is what a clean build
 * of the same inputs gives.  Only the folder changed: the row's input path
 * is updated, nothing else is (record.c). */
static int same_name(const rn_row *o, const rn_input *in)
{
    return strcmp(peel_path_base(o->f[RN_C_INPUT]), peel_path_base(in->path)) == 0;
}

static int unchanged(const rn_batch *b, const rn_report *r)
{
    rn_row *o = r->old;
    char size[32], crc[16];
    snprintf(size, sizeof size, "%lld", r->in->size);
    snprintf(crc, sizeof crc, "%08x", (unsigned)r->in->crc);
    return o && rn_row_built(o) && strcmp(o->f[RN_C_INPUT_SIZE], size) == 0 &&
           strcmp(o->f[RN_C_INPUT_CRC], crc) == 0 && same_name(o, r->in) &&
           strcmp(o->f[RN_C_SIDECARS], r->sidecar_key) == 0 &&
           strcmp(o->f[RN_C_RULES_CRC], b->rules_crc) == 0 &&
           strcmp(o->f[RN_C_PROGRAM], b->program) == 0 && rn_row_intact(b, o);
}

void rn_plan(rn_batch *b)
{
    b->builds = peel_xcalloc(b->nreport + 1, sizeof(rn_report *));
    for (size_t i = 0; i < b->nreport; i++) {
        rn_report *r = &b->reports[i];
        r->old = rn_old_row(b, "report", r->in->slug);
        if (!b->o->force && unchanged(b, r)) {
            b->res->unchanged++;
            /* Still invalid (incomplete, or FAILs under --strict): say so again. */
            const rn_row *o = r->old;
            long fails = strtol(o->f[RN_C_FAIL], NULL, 10);
            if (strcmp(o->f[RN_C_STATUS], "invalid") == 0) {
                b->any_bad = 1;
                b->res->failed++;
                peel_run_event ev = {
                    .kind = PEEL_RUN_EV_ERROR, .input = r->in->path, .slug = r->in->slug};
                char msg[2200];
                snprintf(msg, sizeof msg, "%s (unchanged since the last run): %s", r->in->slug,
                         o->f[RN_C_REASON]);
                ev.msg = msg;
                rn_emit(b, &ev);
            } else if (b->o->strict && fails > 0) {
                b->any_bad = 1;
                b->res->failed++;
                rn_say(b, PEEL_RUN_EV_ERROR,
                       "%s (unchanged since the last run): %ld reconciliation check%s FAIL "
                       "(--strict; see reconciliation.csv)",
                       r->in->slug, fails, fails == 1 ? "" : "s");
            }
            continue;
        }
        r->build = 1;
        b->builds[b->nbuild++] = r;
    }
}
