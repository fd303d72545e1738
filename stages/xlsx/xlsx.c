/* peel_xlsx_run: the report's records and the layout in, one workbook per
 * pillar out, each written to a reserved temporary and renamed into place
 * only once libxlsxwriter has closed it without error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_text.h"
#include "peel_afile.h"
#include "peel_data.h"
#include "xl.h"
#include "xlsx.h"

/* Sheets in tab order; the pillar's own sheets go after Data. */
static peel_status add_sheets(xl_book *b)
{
    if (b->status != PEEL_OK)
        return b->status;
    if (!(b->summary = xl_sheet_add(b, "Summary")) || !(b->about = xl_sheet_add(b, "About")) ||
        !(b->data = xl_sheet_add(b, "Data")))
        return b->status;
    peel_status st = xl_pillars_add(b);
    if (st != PEEL_OK)
        return b->status;
    if (!(b->charts = xl_sheet_add(b, "Charts")) || !(b->findings = xl_sheet_add(b, "Findings")) ||
        !(b->recon = xl_sheet_add(b, "Reconciliation")) ||
        !(b->rejects = xl_sheet_add(b, "Rejects")) || !(b->sources = xl_sheet_add(b, "Sources")))
        return b->status;
    return PEEL_OK;
}

/* Fills the sheets in the order their cross-references need: figures
 * first, the sheets that point at them after. */
static peel_status fill(xl_book *b)
{
    xl_styles_init(b);
    xl_fails_find(b);
    peel_status st = add_sheets(b);
    if (st == PEEL_OK)
        st = xl_data_write(b);
    if (st == PEEL_OK)
        st = xl_pillars_write(b);
    if (st != PEEL_OK)
        return st;
    xl_findings_write(b);
    xl_checks_write(b);
    xl_rejects_write(b);
    xl_summary_write(b);
    if ((st = xl_charts_write(b)) != PEEL_OK)
        return st;
    xl_sources_write(b);
    xl_about_write(b);
    xl_book_finish(b, peel_records_meta(b->rec, "published_date"));
    return b->status;
}

static void book_init(xl_book *b, const peel_records *rec, const peel_tindex *tix,
                      const xl_layout *lay, peel_pillar pillar, peel_err *err)
{
    memset(b, 0, sizeof *b);
    peel_arena_init(&b->arena);
    peel_arena_init(&b->tmp);
    b->rec = rec;
    b->lay = lay;
    b->pillar = pillar;
    b->err = err;
    b->force = peel_records_meta(rec, "force");
    b->year = peel_records_meta(rec, "year");
    if (!b->force[0])
        b->force = "Unnamed force";
    b->tix = tix;
    b->table_sym = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * (rec->ncell + 1));
    b->fact_sym = peel_arena_alloc(&b->arena, sizeof(xl_sym *) * (rec->nfact + 1));
    b->fam_used = peel_arena_alloc(&b->arena, lay->nfam + 1);
}

static void book_release(xl_book *b)
{
    for (size_t i = 0; i < b->nsheet; i++) {
        peel_buf_release(&b->sheet[i]->wraps);
        peel_vec_release(&b->sheet[i]->keeps, NULL);
    }
    peel_buf_release(&b->sources_list);
    peel_vec_release(&b->syms, NULL);
    peel_map_release(&b->sym_names);
    peel_vec_release(&b->names, NULL);
    peel_vec_release(&b->chart_tables, NULL);
    peel_vec_release(&b->absent, NULL);
    peel_arena_release(&b->arena);
    peel_arena_release(&b->tmp);
}

/* One attempt at the workbook with scratch files in `scratch`; *again is
 * set when only those could not be made (another folder may do). */
static peel_status attempt(const peel_records *rec, const peel_tindex *tix, const xl_layout *lay,
                           peel_pillar pillar, const char *path, const char *scratch, int *again,
                           peel_err *err)
{
    xl_book b;
    book_init(&b, rec, tix, lay, pillar, err);
    peel_status st = xl_kit_open(&b.kit, path, scratch, 0, &b.arena, err);
    if (st == PEEL_OK) {
        b.wb = b.kit.wb;
        st = xl_kit_close(&b.kit, fill(&b), err);
    }
    *again = st == PEEL_ECANTCREAT && b.kit.closed == LXW_ERROR_CREATING_TMPFILE;
    book_release(&b);
    return st;
}

static peel_status write_pillar(const peel_records *rec, const peel_tindex *tix,
                                const xl_layout *lay, peel_pillar pillar,
                                const peel_xlsx_opts *opts, peel_err *err)
{
    char path[4200], name[32];
    snprintf(name, sizeof name, "%s.xlsx", peel_pillar_name(pillar));
    peel_status st = peel_path_join(path, sizeof path, err, opts->report_dir, name);
    if (st != PEEL_OK)
        return st;
    const char *dirs[2];
    size_t n = peel_xlsx_scratch(opts->tmpdir, opts->report_dir, dirs);
    int again = 1;
    for (size_t i = 0; i < n && again; i++) {
        if (i)
            peel_err_clear(err); /* the tmpfs would not do: the next folder will */
        st = attempt(rec, tix, lay, pillar, path, dirs[i], &again, err);
    }
    return st;
}

/* data_dir's workbook.csv into *lay (released by the caller either way). */
static peel_status layout_load(xl_layout *lay, const char *data_dir, peel_err *err)
{
    char path[4200];
    peel_status st = peel_path_join(path, sizeof path, err, data_dir, "workbook.csv");
    return st == PEEL_OK ? xl_layout_load(lay, path, err) : st;
}

struct peel_xlsx_catalog {
    xl_layout lay;
};

static peel_status catalog_load(void *cat, const char *data_dir, const void *arg, peel_err *err)
{
    (void)arg;
    return layout_load(&((peel_xlsx_catalog *)cat)->lay, data_dir, err);
}

static void catalog_release(void *cat)
{
    xl_layout_release(&((peel_xlsx_catalog *)cat)->lay);
}

static const peel_catalog_kind CATALOG = {sizeof(peel_xlsx_catalog), catalog_load, catalog_release};

const xl_layout *xl_catalog_layout(const peel_xlsx_catalog *c)
{
    return &c->lay;
}

peel_status peel_xlsx_catalog_new(const char *data_dir, peel_xlsx_catalog **out, peel_err *err)
{
    void *cat;
    peel_status st = peel_catalog_new(&CATALOG, data_dir, NULL, &cat, err);
    *out = cat;
    return st;
}

void peel_xlsx_catalog_free(peel_xlsx_catalog *c)
{
    peel_catalog_free(&CATALOG, c);
}

peel_status peel_xlsx_run(const peel_xlsx_opts *opts, peel_err *err)
{
    if (!opts || !opts->report_dir)
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no report folder given");
    peel_status st = peel_data_given(opts->data_dir, err);
    if (st != PEEL_OK)
        return st;
    peel_records own;
    const peel_records *rec = opts->records;
    if (!rec) {
        st = peel_records_load(&own, opts->report_dir, 0, err);
        if (st != PEEL_OK)
            return st;
        rec = &own;
    }
    xl_layout own_lay; /* when the caller gave no catalogue */
    memset(&own_lay, 0, sizeof own_lay);
    const xl_layout *lay = opts->catalog ? &opts->catalog->lay : &own_lay;
    if (!opts->catalog)
        st = layout_load(&own_lay, opts->data_dir, err);
    if (st == PEEL_OK) {
        /* One index of the tables serves the three workbooks. */
        peel_tindex tix;
        peel_tindex_build(&tix, rec, &lay->tcat);
        for (int i = 0; i < PEEL_NPILLAR && st == PEEL_OK; i++)
            st = write_pillar(rec, &tix, lay, (peel_pillar)i, opts, err);
        peel_tindex_release(&tix);
    }
    xl_layout_release(&own_lay);
    if (rec == &own)
        peel_records_release(&own);
    return st;
}
