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
#include <strings.h>

#include "peel_num.h"
#include "rc.h"

static const char *const APPROX[] = {"around", "approximately", "about", "roughly",
                                     "nearly", "almost",        "some"};

/* The word right before `raw` in the sentence, if it says the figure is
 * approximate ("around 27,000"). */
static int approximate(const char *raw, const char *sentence)
{
    const char *at = sentence ? strstr(sentence, raw) : NULL;
    if (!at || at == sentence)
        return 0;
    const char *end = at - 1;
    while (end > sentence && end[-1] == ' ')
        end--;
    const char *start = end;
    while (start > sentence && isalpha((unsigned char)start[-1]))
        start--;
    for (size_t i = 0; i < sizeof APPROX / sizeof *APPROX; i++)
        if ((size_t)(end - start) == strlen(APPROX[i]) &&
            strncasecmp(start, APPROX[i], strlen(APPROX[i])) == 0)
            return 1;
    return 0;
}

double rc_half_unit_of_raw(const char *raw, const char *sentence)
{
    peel_num n;
    if (peel_num_parse(raw, strlen(raw), &n) != 0)
        return 0;
    double half = peel_num_half_unit(&n);
    if (approximate(raw, sentence)) {
        /* Rounded at its last non-zero digit: "around 27,000" is 31,000 ± 500. */
        double v = fabs(round(n.value)), unit = 1;
        while (v >= 10 && fmod(v, unit * 10) == 0 && unit < 1e9)
            unit *= 10;
        if (unit * 0.5 > half)
            half = unit * 0.5;
    }
    return half;
}

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

static void make_val(rc_val *out, const char *value, const char *raw, const char *sentence,
                     const char *line)
{
    rc_val_number(out, strtod(value, NULL));
    out->err = rc_half_unit_of_raw(raw, sentence);
    add_line(out, strtol(line, NULL, 10));
}

/* ---- facts ---- */

static size_t resolve_fact(const peel_csv_doc *f, const char *key, rc_val *out, size_t max)
{
    int ck = peel_csv_col(f, "key"), cv = peel_csv_col(f, "value"), cr = peel_csv_col(f, "raw");
    int cs = peel_csv_col(f, "sentence"), cl = peel_csv_col(f, "source_line");
    size_t n = 0;
    for (size_t r = 0; r < f->nrow && n < max; r++)
        if (strcmp(peel_csv_get(f, r, ck), key) == 0)
            make_val(&out[n++], peel_csv_get(f, r, cv), peel_csv_text(peel_csv_get(f, r, cr)),
                     peel_csv_text(peel_csv_get(f, r, cs)), peel_csv_get(f, r, cl));
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

typedef struct table_cols {
    const peel_csv_doc *t;
    int ct, cp, ccol, cper;
    const char *pillar; /* the pillar context chosen for the table */
} table_cols;

static int is_change(const char *col)
{
    return strstr(col, "change") != NULL;
}

/* The column key a selector names, from the cells of that table. */
static const char *select_column(const table_cols *tc, const table_ref *t)
{
    if (t->col[0] != '@')
        return t->col;
    const char *best = NULL;
    int best_year = 0;
    for (size_t r = 0; r < tc->t->nrow; r++) {
        if (strcmp(peel_csv_get(tc->t, r, tc->ct), t->table) != 0 ||
            strcmp(peel_csv_get(tc->t, r, tc->cp), tc->pillar) != 0)
            continue;
        const char *col = peel_csv_get(tc->t, r, tc->ccol);
        int year = last_year(peel_csv_text(peel_csv_get(tc->t, r, tc->cper)));
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

static size_t resolve_table(const peel_csv_doc *t, const char *ref, rc_val *out, size_t max)
{
    table_ref tr;
    if (!parse_table_ref(ref, &tr))
        return 0;
    table_cols tc = {t, peel_csv_col(t, "table"), peel_csv_col(t, "pillar"),
                     peel_csv_col(t, "column"), peel_csv_col(t, "period"), NULL};
    for (size_t r = 0; r < t->nrow && !tc.pillar; r++)
        if (strcmp(peel_csv_get(t, r, tc.ct), tr.table) == 0 &&
            (!tr.pillar[0] || strcmp(peel_csv_get(t, r, tc.cp), tr.pillar) == 0))
            tc.pillar = peel_csv_get(t, r, tc.cp);
    const char *col = tc.pillar ? select_column(&tc, &tr) : NULL;
    if (!col)
        return 0;
    int crow = peel_csv_col(t, "row"), cv = peel_csv_col(t, "value"), craw = peel_csv_col(t, "raw");
    int cl = peel_csv_col(t, "source_line");
    size_t n = 0;
    for (size_t r = 0; r < t->nrow && n < max; r++)
        if (strcmp(peel_csv_get(t, r, tc.ct), tr.table) == 0 &&
            strcmp(peel_csv_get(t, r, tc.cp), tc.pillar) == 0 &&
            strcmp(peel_csv_get(t, r, tc.ccol), col) == 0 &&
            (strcmp(tr.row, "*") == 0 || strcmp(peel_csv_get(t, r, crow), tr.row) == 0) &&
            *peel_csv_get(t, r, cv))
            make_val(&out[n++], peel_csv_get(t, r, cv), peel_csv_text(peel_csv_get(t, r, craw)),
                     NULL, peel_csv_get(t, r, cl));
    return n;
}

/* ---- sidecars ---- */

static size_t resolve_sidecar(const rc_data *d, const char *ref, rc_val *out, size_t max)
{
    char key[160], sel[64] = "";
    const char *at = strchr(ref, '@');
    snprintf(key, sizeof key, "%.*s", at ? (int)(at - ref) : (int)strlen(ref), ref);
    if (at)
        snprintf(sel, sizeof sel, "%s", at + 1);
    const rc_sidecar_row *first = NULL, *last = NULL;
    size_t n = 0;
    for (size_t i = 0; i < d->sidecar_rows.n; i++) {
        const rc_sidecar_row *s = d->sidecar_rows.item[i];
        if (strcmp(s->key, key) != 0)
            continue;
        if (!first || strcmp(s->period, first->period) < 0)
            first = s;
        if (!last || strcmp(s->period, last->period) > 0)
            last = s;
        if ((!sel[0] || strcmp(sel, s->period) == 0) && n < max) {
            rc_val_number(&out[n], s->value);
            out[n++].err = 0.5 * pow(10, -s->decimals);
        }
    }
    const rc_sidecar_row *pick = strcmp(sel, "first") == 0 ? first
                                 : strcmp(sel, "last") == 0 ? last
                                                            : NULL;
    if (pick && max > 0) {
        rc_val_number(&out[0], pick->value);
        out[0].err = 0.5 * pow(10, -pick->decimals);
        return 1;
    }
    return n;
}

size_t rc_resolve(const rc_data *d, const char *ref, rc_val *out, size_t max)
{
    if (strncmp(ref, "fact:", 5) == 0)
        return resolve_fact(&d->rep->facts, ref + 5, out, max);
    if (strncmp(ref, "table:", 6) == 0)
        return resolve_table(&d->rep->tables, ref + 6, out, max);
    if (strncmp(ref, "sidecar:", 8) == 0)
        return resolve_sidecar(d, ref + 8, out, max);
    return 0;
}
