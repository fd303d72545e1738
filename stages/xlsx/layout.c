/* pipeline/workbook.csv: what the workbooks show beyond the generic sheets.
 *
 * One line per thing, `kind` first:
 *   unit, format   how a record unit / a derived figure is shown
 *   force, comparator   column key prefixes telling the force from comparators
 *   opening        which pillar an opening table (before the pillars) belongs to
 *   sheet          a pillar sheet; section: a block on it; col / row / item /
 *                  each: its columns, explicit rows and list items.
 *   chart          a chart of a pillar sheet's figures, on the Charts sheet.
 * Keeping fact keys, table keys and labels here keeps the code free of any
 * report's names and figures. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xl.h"

enum {
    L_KIND,
    L_PILLAR,
    L_SHEET,
    L_SECTION,
    L_NAME,
    L_LABEL,
    L_SOURCE,
    L_FORMAT,
    L_TOTAL,
    L_DEFINE,
    L_NOTE,
    L_NCOL
};
static const char *const COLS[L_NCOL] = {"kind",   "pillar", "sheet", "section", "name", "label",
                                         "source", "format", "total", "define",  "note"};

typedef struct lctx {
    xl_layout *lay;
    int col[L_NCOL];
    size_t r;
    peel_err *err;
} lctx;

static const char *f(const lctx *c, int k)
{
    return peel_csv_get(&c->lay->doc, c->r, c->col[k]);
}

static long line_of(const lctx *c)
{
    return c->lay->doc.row[c->r].line;
}

static peel_status bad(const lctx *c, int k, const char *msg)
{
    PEEL_FAIL(c->err, PEEL_EDATA, c->lay->path, line_of(c), "%s (\"%s\")", msg, f(c, k));
    peel_err_field(c->err, COLS[k]);
    return PEEL_EDATA;
}

int xl_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64 || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)name[i]) && name[i] != '_')
            return 0;
    /* Names that read as a cell (A1, XFD1048576) or as R1C1 are refused by
     * Excel: letters then digits only, or R/C followed by digits. */
    size_t i = 0;
    while (i < n && isalpha((unsigned char)name[i]))
        i++;
    int digits_after = i > 0 && i < n;
    for (size_t j = i; j < n && digits_after; j++)
        digits_after = isdigit((unsigned char)name[j]) != 0;
    if (digits_after && i <= 3)
        return 0;
    if (strcasecmp(name, "TRUE") == 0 || strcasecmp(name, "FALSE") == 0)
        return 0;
    /* R1C1 forms: R, C, RC, R2, C3, R2C3. */
    const char *p = name;
    if (*p == 'R' || *p == 'r') {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == 'C' || *p == 'c') {
        p++;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == '\0')
        return 0;
    return 1;
}

int xl_sheet_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 31 || name[0] == '\'' || name[n - 1] == '\'')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strchr("[]:*?/\\", name[i]) || (unsigned char)name[i] < 0x20)
            return 0;
    return 1;
}

/* Nonzero when name is one of the list sheets' tables (Excel compares
 * names without case). */
static int table_name(const char *name)
{
    static const char *const tables[] = XL_TABLE_NAMES;
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
        if (strcasecmp(name, tables[i]) == 0)
            return 1;
    return 0;
}

static int has_brace_placeholder(const char *p)
{
    return strstr(p, "{.d}") != NULL;
}

static peel_status add_family(lctx *c, int derived)
{
    xl_layout *lay = c->lay;
    if (!f(c, L_NAME)[0])
        return bad(c, L_NAME, "a unit or format needs a name");
    if (!has_brace_placeholder(f(c, L_FORMAT)))
        return bad(c, L_FORMAT, "a number format needs {.d} where the decimals go");
    char *end;
    double div = strtod(f(c, L_SOURCE), &end);
    if (*end || !(div > 0))
        return bad(c, L_SOURCE, "the divisor must be a number above 0");
    xl_family *fam = &lay->fam[lay->nfam++];
    fam->name = f(c, L_NAME);
    fam->label = f(c, L_LABEL);
    fam->pattern = f(c, L_FORMAT);
    fam->divisor = div;
    fam->additive = strcmp(f(c, L_TOTAL), "sum") == 0;
    fam->note = f(c, L_NOTE);
    xl_family_widths(fam);
    (void)derived;
    return PEEL_OK;
}

static xl_lsheet *find_sheet(xl_layout *lay, const char *pillar, const char *name)
{
    peel_pillar p = peel_pillar_parse(pillar, NULL);
    for (size_t i = 0; i < lay->nsheet; i++)
        if (lay->sheet[i].pillar == p && strcmp(lay->sheet[i].name, name) == 0)
            return &lay->sheet[i];
    return NULL;
}

static xl_lsection *find_section(xl_lsheet *s, const char *name)
{
    for (size_t i = 0; s && i < s->nsec; i++)
        if (strcmp(s->sec[i].name, name) == 0)
            return &s->sec[i];
    return NULL;
}

/* Names inside a section are joined with '.' into cell names: keep them
 * plain so "[section.row.col]" stays unambiguous. */
static int ident_ok(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
            return 0;
    return 1;
}

static peel_status add_sheet(lctx *c)
{
    xl_layout *lay = c->lay;
    if (peel_pillar_parse(f(c, L_PILLAR), NULL) == PEEL_NOPILLAR)
        return bad(c, L_PILLAR, "unknown pillar");
    if (!xl_sheet_name_ok(f(c, L_SHEET)))
        return bad(c, L_SHEET, "not a usable worksheet name");
    static const char *const ours[] = {"Summary",  "About",          "Data",    "Charts",
                                       "Findings", "Reconciliation", "Rejects", "Sources"};
    for (size_t i = 0; i < sizeof ours / sizeof *ours; i++)
        if (strcasecmp(f(c, L_SHEET), ours[i]) == 0)
            return bad(c, L_SHEET, "that sheet name is taken by a sheet every workbook has");
    if (find_sheet(lay, f(c, L_PILLAR), f(c, L_SHEET)))
        return bad(c, L_SHEET, "sheet declared twice");
    xl_lsheet *s = &lay->sheet[lay->nsheet++];
    s->pillar = peel_pillar_parse(f(c, L_PILLAR), NULL);
    s->name = f(c, L_SHEET);
    s->label = f(c, L_LABEL);
    s->note = f(c, L_NOTE);
    s->sec = peel_arena_alloc(&lay->arena, sizeof *s->sec * lay->doc.nrow);
    return PEEL_OK;
}

static peel_status add_section(lctx *c)
{
    xl_lsheet *s = find_sheet(c->lay, f(c, L_PILLAR), f(c, L_SHEET));
    if (!s)
        return bad(c, L_SHEET, "section of a sheet not declared above");
    if (!ident_ok(f(c, L_SECTION)) || find_section(s, f(c, L_SECTION)))
        return bad(c, L_SECTION, "section name missing, repeated or not plain");
    xl_lsection *sec = &s->sec[s->nsec++];
    const char *src = f(c, L_SOURCE);
    sec->line = line_of(c);
    sec->name = f(c, L_SECTION);
    sec->label = f(c, L_LABEL);
    sec->note = f(c, L_NOTE);
    sec->grid = src[0] != '\0';
    if (strncmp(src, "table:", 6) == 0)
        sec->table = src + 6;
    else if (src[0] && strcmp(src, "grid") != 0)
        return bad(c, L_SOURCE, "a section's source is empty (a list), grid or table:GLOB");
    sec->total_label = f(c, L_TOTAL)[0] ? f(c, L_TOTAL) : NULL;
    size_t cap = c->lay->doc.nrow;
    sec->col = peel_arena_alloc(&c->lay->arena, sizeof *sec->col * cap);
    sec->row = peel_arena_alloc(&c->lay->arena, sizeof *sec->row * cap);
    return PEEL_OK;
}

static int format_ok(const xl_layout *lay, const char *fmt)
{
    if (strcmp(fmt, "auto") == 0 || strcmp(fmt, "same") == 0)
        return 1;
    char name[64];
    size_t n = strcspn(fmt, ":");
    if (n >= sizeof name)
        return 0;
    memcpy(name, fmt, n);
    name[n] = '\0';
    if (fmt[n] == ':' && !(isdigit((unsigned char)fmt[n + 1]) && fmt[n + 2] == '\0'))
        return 0;
    return xl_family_find(lay, name) != NULL;
}

static peel_status add_member(lctx *c, const char *kind)
{
    xl_lsheet *s = find_sheet(c->lay, f(c, L_PILLAR), f(c, L_SHEET));
    xl_lsection *sec = find_section(s, f(c, L_SECTION));
    if (!sec)
        return bad(c, L_SECTION, "member of a section not declared above");
    if (!ident_ok(f(c, L_NAME)))
        return bad(c, L_NAME, "name missing or not plain (letters, digits, _ and -)");
    if (strcmp(kind, "row") == 0) {
        if (!sec->grid || sec->table)
            return bad(c, L_KIND, "explicit rows belong to a grid section without a table");
        xl_lrow *row = &sec->row[sec->nrow++];
        row->name = f(c, L_NAME);
        row->label = f(c, L_LABEL);
        row->vars = f(c, L_SOURCE);
        return PEEL_OK;
    }
    int is_col = strcmp(kind, "col") == 0;
    if (is_col != sec->grid)
        return bad(c, L_KIND,
                   is_col ? "a col belongs to a grid section"
                          : "an item belongs to a list section");
    const char *msg = xl_expr_check(f(c, L_SOURCE));
    if (msg)
        return bad(c, L_SOURCE, msg);
    if (f(c, L_TOTAL)[0] && strcmp(f(c, L_TOTAL), "sum") != 0 &&
        strcmp(f(c, L_TOTAL), "same") != 0 && (msg = xl_expr_check(f(c, L_TOTAL))) != NULL)
        return bad(c, L_TOTAL, msg);
    if (!format_ok(c->lay, f(c, L_FORMAT)))
        return bad(c, L_FORMAT, "format is auto, same, or a format name with an optional :N");
    if (f(c, L_DEFINE)[0] && !xl_name_ok(f(c, L_DEFINE)))
        return bad(c, L_DEFINE, "not a usable defined name");
    if (f(c, L_DEFINE)[0] && table_name(f(c, L_DEFINE)))
        return bad(c, L_DEFINE, "that name is taken by a table every workbook has");
    xl_lcol *col = &sec->col[sec->ncol++];
    col->line = line_of(c);
    col->name = f(c, L_NAME);
    col->label = f(c, L_LABEL);
    col->source = f(c, L_SOURCE);
    col->format = f(c, L_FORMAT);
    col->total = f(c, L_TOTAL);
    col->define = f(c, L_DEFINE)[0] ? f(c, L_DEFINE) : NULL;
    col->note = f(c, L_NOTE);
    col->each = strcmp(kind, "each") == 0;
    if (col->each && strncmp(col->source, "fact:", 5) != 0)
        return bad(c, L_SOURCE, "an each line repeats a fact: fact:KEY");
    return PEEL_OK;
}

/* chart,PILLAR,SHEET,NAME,cells|series,TITLE,REF|REF...,,[total],,NOTE */
static peel_status add_chart(lctx *c)
{
    xl_layout *lay = c->lay;
    if (!find_sheet(lay, f(c, L_PILLAR), f(c, L_SHEET)))
        return bad(c, L_SHEET, "chart of a sheet not declared above");
    if (!ident_ok(f(c, L_SECTION)))
        return bad(c, L_SECTION, "a chart needs a plain name");
    if (strcmp(f(c, L_NAME), "cells") != 0 && strcmp(f(c, L_NAME), "series") != 0)
        return bad(c, L_NAME, "a chart draws cells or series");
    if (f(c, L_TOTAL)[0] && strcmp(f(c, L_TOTAL), "total") != 0)
        return bad(c, L_TOTAL, "a chart's total is empty or total");
    xl_lchart *ch = &lay->chart[lay->nchart++];
    *ch = (xl_lchart){.line = line_of(c),
                      .pillar = peel_pillar_parse(f(c, L_PILLAR), NULL),
                      .sheet = f(c, L_SHEET),
                      .name = f(c, L_SECTION),
                      .label = f(c, L_LABEL),
                      .note = f(c, L_NOTE),
                      .series = f(c, L_NAME)[0] == 's',
                      .total = f(c, L_TOTAL)[0] != '\0'};
    const char *src = f(c, L_SOURCE);
    ch->ref = peel_arena_alloc(&lay->arena, sizeof *ch->ref * (strlen(src) / 2 + 2));
    for (const char *p = src; *p;) {
        size_t n = strcspn(p, "|");
        char *ref = peel_arena_strndup(&lay->arena, p, n);
        int plain = n > 0;
        for (size_t i = 0; i < n && plain; i++)
            plain =
                ref[i] == '.' || ref[i] == '_' || ref[i] == '-' || isalnum((unsigned char)ref[i]);
        if (!plain)
            return bad(c, L_SOURCE, "a chart's source is cell names joined by |");
        ch->ref[ch->nref++] = ref;
        p += n + (p[n] == '|');
    }
    if (!ch->nref)
        return bad(c, L_SOURCE, "a chart's source is cell names joined by |");
    return PEEL_OK;
}

static peel_status add_line(lctx *c)
{
    xl_layout *lay = c->lay;
    const char *kind = f(c, L_KIND);
    if (strcmp(kind, "unit") == 0 || strcmp(kind, "format") == 0)
        return add_family(c, kind[0] == 'f');
    peel_status st;
    if (peel_tcat_line(&lay->tcat, kind, f(c, L_PILLAR), f(c, L_SOURCE), lay->path, line_of(c), &st,
                       c->err))
        return st;
    if (strncmp(kind, "pack", 4) == 0)
        return PEEL_OK; /* the packs' lines (stages/pdf/layout.c) */
    if (strcmp(kind, "sheet") == 0)
        return add_sheet(c);
    if (strcmp(kind, "section") == 0)
        return add_section(c);
    if (!strcmp(kind, "col") || !strcmp(kind, "row") || !strcmp(kind, "item") ||
        !strcmp(kind, "each"))
        return add_member(c, kind);
    if (strcmp(kind, "chart") == 0)
        return add_chart(c);
    return bad(c, L_KIND, "unknown kind");
}

/* The names the code asks for must exist: a layout without them is broken. */
static peel_status check_required(xl_layout *lay, peel_err *err)
{
    static const char *const need[] = {"pct", "pts", "ratio", "%", "*"};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++)
        if (!xl_family_find(lay, need[i]))
            return PEEL_FAIL(err, PEEL_EDATA, lay->path, 0, "no unit or format line named %s",
                             need[i]);
    return peel_tcat_check(&lay->tcat, lay->path, err);
}

static peel_status read_lines(xl_layout *lay, const char *path, peel_err *err);

peel_status xl_layout_load(xl_layout *lay, const char *path, peel_err *err)
{
    memset(lay, 0, sizeof *lay);
    snprintf(lay->path, sizeof lay->path, "%s", path);
    peel_arena_init(&lay->arena);
    peel_tcat_init(&lay->tcat);
    peel_status st = peel_csv_load(path, &lay->doc, err);
    return st == PEEL_OK ? read_lines(lay, path, err) : st;
}

peel_status xl_layout_parse(xl_layout *lay, const char *name, const char *data, size_t len,
                            peel_err *err)
{
    memset(lay, 0, sizeof *lay);
    snprintf(lay->path, sizeof lay->path, "%s", name);
    peel_arena_init(&lay->arena);
    peel_tcat_init(&lay->tcat);
    peel_status st = peel_csv_parse(name, data, len, &lay->doc, err);
    return st == PEEL_OK ? read_lines(lay, name, err) : st;
}

static peel_status read_lines(xl_layout *lay, const char *path, peel_err *err)
{
    peel_status st = peel_csv_check_width(&lay->doc, err);
    if (st != PEEL_OK)
        return st;
    lctx c = {.lay = lay, .err = err};
    for (int k = 0; k < L_NCOL; k++)
        if ((c.col[k] = peel_csv_col(&lay->doc, COLS[k])) < 0)
            return PEEL_FAIL(err, PEEL_EDATA, path, 1, "no column %s", COLS[k]);
    size_t n = lay->doc.nrow;
    lay->fam = peel_arena_alloc(&lay->arena, sizeof *lay->fam * (n + 1));
    lay->sheet = peel_arena_alloc(&lay->arena, sizeof *lay->sheet * (n + 1));
    lay->chart = peel_arena_alloc(&lay->arena, sizeof *lay->chart * (n + 1));
    for (c.r = 0; c.r < n && st == PEEL_OK; c.r++)
        st = add_line(&c);
    return st == PEEL_OK ? check_required(lay, err) : st;
}

void xl_layout_release(xl_layout *lay)
{
    peel_csv_doc_release(&lay->doc);
    peel_tcat_release(&lay->tcat);
    peel_arena_release(&lay->arena);
}

const xl_family *xl_family_find(const xl_layout *lay, const char *name)
{
    for (size_t i = 0; i < lay->nfam; i++)
        if (strcmp(lay->fam[i].name, name) == 0)
            return &lay->fam[i];
    return NULL;
}

const xl_family *xl_family_of_unit(const xl_layout *lay, const char *unit, double scale)
{
    if (scale >= 1e6) {
        char scaled[128];
        snprintf(scaled, sizeof scaled, "%s@m", unit);
        const xl_family *fam = xl_family_find(lay, scaled);
        if (fam)
            return fam;
    }
    const xl_family *fam = xl_family_find(lay, unit);
    return fam ? fam : xl_family_find(lay, "*");
}
