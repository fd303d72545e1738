/* References to the report's figures:
 *   fact:KEY                 facts.csv rows with that key (the first, outside sum())
 *   table:[PILLAR:]TABLE/ROW/COLUMN
 *                            ROW may be *; COLUMN a key or @latest, @earliest,
 *                            @change, @force, @comparator
 *   sidecar:KEY[@PERIOD|@first|@last]
 *                            rows of the report's sidecar CSVs
 * Each value carries the tolerance of its printed form and its report line. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "peel_num.h"
#include "rc.h"

void rc_val_number(rc_val *out, double v)
{
    memset(out, 0, sizeof *out);
    out->v = v;
}

static void add_line(rc_val *v, long line)
{
    if (line <= 0)
        return;
    for (int i = 0; i < v->nline; i++)
        if (v->line[i] == line)
            return;
    if (v->nline < RC_MAX_LINES)
        v->line[v->nline++] = line;
}

void rc_val_merge_lines(rc_val *into, const rc_val *from)
{
    for (int i = 0; i < from->nline; i++)
        add_line(into, from->line[i]);
}

/* A figure's value with the tolerance of its printed form and its line. */
static void figure_of(rc_val *out, double v, const peel_printed *printed, long line)
{
    rc_val_number(out, v);
    out->err = printed->half;
    add_line(out, line);
}

/* ---- facts ---- */

static size_t resolve_fact(const peel_records *rec, const char *key, rc_val *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rec->nfact && n < max; i++) {
        const peel_fact *f = &rec->facts[i];
        if (strcmp(f->key, key) == 0)
            figure_of(&out[n++], f->value.v, &f->printed, f->line);
    }
    return n;
}

/* ---- tables ---- */

/* The last four-digit year in a period ("31 March 2014" → 2014). */
static int last_year(const char *s)
{
    int y = 0;
    for (size_t i = 0; s[i]; i++)
        if ((i == 0 || !isdigit((unsigned char)s[i - 1])) && strspn(s + i, "0123456789") == 4)
            y = atoi(s + i);
    return y;
}

typedef struct table_ref {
    char pillar[32], table[160], row[160], col[160];
} table_ref;

static int parse_table_ref(const char *ref, table_ref *t)
{
    memset(t, 0, sizeof *t);
    const char *colon = strchr(ref, ':');
    const char *slash = strchr(ref, '/');
    if (colon && slash && colon < slash) {
        snprintf(t->pillar, sizeof t->pillar, "%.*s", (int)(colon - ref), ref);
        ref = colon + 1;
    }
    const char *s1 = strchr(ref, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
    if (!s1 || !s2 || strchr(s2 + 1, '/'))
        return 0;
    snprintf(t->table, sizeof t->table, "%.*s", (int)(s1 - ref), ref);
    snprintf(t->row, sizeof t->row, "%.*s", (int)(s2 - s1 - 1), s1 + 1);
    snprintf(t->col, sizeof t->col, "%s", s2 + 1);
    return t->table[0] && t->row[0] && t->col[0];
}

static int is_change(const char *col)
{
    return strstr(col, "change") != NULL;
}

/* The column key a selector names, from the cells of that table. */
static const char *select_column(const peel_records *rec, peel_pillar pillar, const table_ref *t)
{
    if (t->col[0] != '@')
        return t->col;
    const char *best = NULL;
    int best_year = 0;
    for (size_t r = 0; r < rec->ncell; r++) {
        const peel_cell *c = &rec->cells[r];
        if (strcmp(c->table, t->table) != 0 || c->pillar != pillar)
            continue;
        const char *col = c->column;
        int year = last_year(c->period);
        int change = is_change(col), force = strncmp(col, "force-", 6) == 0;
        if ((strcmp(t->col, "@change") == 0 && change) ||
            (strcmp(t->col, "@force") == 0 && force) ||
            (strcmp(t->col, "@comparator") == 0 && !force && !change))
            return col;
        if (change || !year)
            continue;
        if ((strcmp(t->col, "@latest") == 0 && (!best || year > best_year)) ||
            (strcmp(t->col, "@earliest") == 0 && (!best || year < best_year))) {
            best = col;
            best_year = year;
        }
    }
    return best;
}

static size_t resolve_table(const peel_records *rec, const char *ref, rc_val *out, size_t max)
{
    table_ref tr;
    if (!parse_table_ref(ref, &tr))
        return 0;
    int known = 1, found = 0;
    peel_pillar want = tr.pillar[0] ? peel_pillar_parse(tr.pillar, &known) : PEEL_NOPILLAR;
    peel_pillar pillar = PEEL_NOPILLAR;
    for (size_t r = 0; r < rec->ncell && known && !found; r++)
        if (strcmp(rec->cells[r].table, tr.table) == 0 &&
            (!tr.pillar[0] || rec->cells[r].pillar == want)) {
            pillar = rec->cells[r].pillar;
            found = 1;
        }
    const char *col = found ? select_column(rec, pillar, &tr) : NULL;
    if (!col)
        return 0;
    size_t n = 0;
    for (size_t r = 0; r < rec->ncell && n < max; r++) {
        const peel_cell *c = &rec->cells[r];
        if (strcmp(c->table, tr.table) == 0 && c->pillar == pillar && strcmp(c->column, col) == 0 &&
            (strcmp(tr.row, "*") == 0 || strcmp(c->trow, tr.row) == 0) && c->value.has)
            figure_of(&out[n++], c->value.v, &c->printed, c->line);
    }
    return n;
}

/* ---- sidecars ---- */

static void sidecar_val(rc_val *out, const peel_sidecar *s)
{
    rc_val_number(out, s->value.v);
    out->err = 0.5 * pow(10, -s->value.dec);
}

static size_t resolve_sidecar(const peel_records *rec, const char *ref, rc_val *out, size_t max)
{
    char key[160], sel[64] = "";
    const char *at = strchr(ref, '@');
    snprintf(key, sizeof key, "%.*s", at ? (int)(at - ref) : (int)strlen(ref), ref);
    if (at)
        snprintf(sel, sizeof sel, "%s", at + 1);
    const peel_sidecar *first = NULL, *last = NULL;
    size_t n = 0;
    for (size_t i = 0; i < rec->nsidecar; i++) {
        const peel_sidecar *s = &rec->sidecars[i];
        if (strcmp(s->key, key) != 0)
            continue;
        if (!first || strcmp(s->period, first->period) < 0)
            first = s;
        if (!last || strcmp(s->period, last->period) > 0)
            last = s;
        if ((!sel[0] || strcmp(sel, s->period) == 0) && n < max)
            sidecar_val(&out[n++], s);
    }
    const peel_sidecar *pick = strcmp(sel, "first") == 0  ? first
                               : strcmp(sel, "last") == 0 ? last
                                                          : NULL;
    if (pick && max > 0) {
        sidecar_val(&out[0], pick);
        return 1;
    }
    return n;
}

size_t rc_resolve(const rc_data *d, const char *ref, rc_val *out, size_t max)
{
    if (strncmp(ref, "fact:", 5) == 0)
        return resolve_fact(d->rec, ref + 5, out, max);
    if (strncmp(ref, "table:", 6) == 0)
        return resolve_table(d->rec, ref + 6, out, max);
    if (strncmp(ref, "sidecar:", 8) == 0)
        return resolve_sidecar(d->rec, ref + 8, out, max);
    return 0;
}
