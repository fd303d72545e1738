/* The overall summary table (grades and "Last inspected") and the scope table
 * ("Inspected in 2018/19?").  Their rows are irregular: leading tabs or not,
 * bold or not, trailing tabs, pillar rows with the grade on a row of its own
 * or missing.  Each row is read as its non-empty cells, and a cell is known by
 * what it is: a pillar, a grade, a year, "Last inspected", or a name. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ing.h"
#include "peel_text.h"

enum { MAX_CELLS = 16 };

typedef struct row_cells {
    char *cell[MAX_CELLS];
    size_t n;
} row_cells;

static void split_cells(peel_arena *a, const ing_line *l, row_cells *rc)
{
    size_t start = 0;
    rc->n = 0;
    for (size_t i = 0; i <= l->len && rc->n < MAX_CELLS; i++) {
        if (i < l->len && l->s[i] != '\t')
            continue;
        char *c = ing_clean(a, l->s + start, i - start);
        if (c[0])
            rc->cell[rc->n++] = c;
        start = i + 1;
    }
}

static int is_year(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return n == 4 || (s[4] == '/' && isdigit((unsigned char)s[5]) && isdigit((unsigned char)s[6]));
}

typedef struct summary_row {
    const ing_alias *pillar; /* a pillar cell */
    const char *grade, *year, *name;
    const char *other_grade; /* a grade word of another PEEL format */
    int last_inspected_cell;
} summary_row;

static void read_row(ing_ctx *cx, const row_cells *rc, summary_row *sr)
{
    memset(sr, 0, sizeof *sr);
    for (size_t k = 0; k < rc->n; k++) {
        const char *c = rc->cell[k];
        const char *norm = ing_norm(&cx->rep->arena, c, strlen(c));
        const ing_alias *a = ing_alias_named(cx->cat, norm);
        const char *grade = ing_grade_named(norm), *other = ing_other_grade_named(norm);
        if (a && !a->component[0] && !sr->pillar)
            sr->pillar = a;
        else if (grade && !sr->grade)
            sr->grade = grade;
        else if (other && !sr->other_grade)
            sr->other_grade = other;
        else if (is_year(c) && !sr->year)
            sr->year = c;
        else if (strcasecmp(c, "last inspected") == 0)
            sr->last_inspected_cell = 1;
        else if (!sr->name)
            sr->name = c;
    }
}

/* The alias of a component name, or a made-up one (validation rejects it)
 * so that the row is kept, not lost. */
static const ing_alias *component_of(ing_ctx *cx, const char *name, const char *pillar, long line)
{
    const ing_alias *a = ing_alias_find(cx->cat, name, strlen(name));
    if (a && a->component[0])
        return a;
    ing_warn(cx, line, "unknown component \"%s\" (add it to components.csv)", name);
    ing_alias *made = peel_arena_alloc(&cx->rep->arena, sizeof *made);
    char slug[128];
    peel_slug(name, slug, sizeof slug);
    made->pillar = pillar ? pillar : "";
    made->label = name;
    made->key = name;
    made->component = peel_arena_strdup(&cx->rep->arena, slug);
    return made;
}

void ing_parse_overall_summary(ing_ctx *cx, size_t from, size_t to)
{
    const ing_alias *pillar = NULL;
    for (size_t i = from; i < to; i++) {
        const ing_line *l = &cx->doc->line[i];
        if (!ing_has_tab(l) || ing_is_blank(l))
            continue;
        row_cells rc;
        summary_row sr;
        split_cells(&cx->rep->arena, l, &rc);
        read_row(cx, &rc, &sr);
        long line = (long)i + 1;
        if (sr.pillar)
            pillar = sr.pillar;
        const ing_alias *target = NULL;
        if (sr.name)
            target = component_of(cx, sr.name, pillar ? pillar->pillar : NULL, line);
        else if (sr.grade && pillar)
            target = pillar;
        if (target && sr.grade) {
            ing_judgment *j = ing_judgment_get(cx->rep, target);
            j->summary_grade = sr.grade;
            j->summary_line = line;
            j->last_inspected = sr.year ? sr.year : NULL;
        } else if (target && sr.other_grade) {
            /* As under a section heading (structure.c, on_other_grade). */
            ing_warn(cx, line,
                     "\"%s\" is not a grade of this report format (newer PEEL reports use it): "
                     "the summary table's grade of \"%s\" is not read, and its check against "
                     "the section's grade is not made",
                     sr.other_grade, target->label);
        } else if (target) {
            ing_warn(cx, line, "summary table row without a grade");
        } else if (!sr.pillar) {
            ing_warn(cx, line, "summary table row not understood");
            ing_mark(cx, i, "unrecognised", NULL);
            continue;
        }
        ing_mark(
            cx, i, "summary_table",
            target ? peel_arena_printf(&cx->rep->arena, "%s %s", target->pillar, target->component)
                   : NULL);
    }
}

/* "Yes", "No", or "No – graded Good in 2017" style cells. */
void ing_parse_scope_table(ing_ctx *cx, size_t from, size_t to)
{
    ing_mark(cx, from, "scope_table", "header");
    for (size_t i = from + 1; i < to; i++) {
        row_cells rc;
        split_cells(&cx->rep->arena, &cx->doc->line[i], &rc);
        long line = (long)i + 1;
        if (rc.n < 2) {
            ing_warn(cx, line, "scope table row needs an area and a yes or no");
            ing_mark(cx, i, "unrecognised", NULL);
            continue;
        }
        const ing_alias *a = component_of(cx, rc.cell[0], NULL, line);
        ing_judgment *j = ing_judgment_get(cx->rep, a);
        j->inspected = strncasecmp(rc.cell[1], "yes", 3) == 0  ? 1
                       : strncasecmp(rc.cell[1], "no", 2) == 0 ? 0
                                                               : -1;
        if (j->inspected < 0)
            ing_warn(cx, line, "scope table says \"%s\", not yes or no", rc.cell[1]);
        j->scope_line = line;
        ing_mark(cx, i, "scope_table",
                 peel_arena_printf(&cx->rep->arena, "%s %s", a->pillar, a->component));
    }
}
