/* The walk over the report's shape: which pillar and component each line is
 * in, the grades under section headings, the findings lists, the summaries,
 * and handing table blocks to the table parsers.  Every line gets a coverage
 * kind here or in the passes it hands work to. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ing.h"

/* PEEL's fixed sentence that closes each judgment summary and opens the
 * detailed findings: it is not part of the summary. */
static const char DETAIL_OPENER[] = "we set out our detailed findings";

typedef struct walk {
    ing_ctx *cx;
    const char *pillar;       /* current pillar; NULL outside the pillars */
    const char *component;    /* current component; "" at pillar level */
    const ing_alias *pending; /* section whose grade line is expected next */
    const char *finding_kind; /* kind of the findings list we are in, or NULL */
    int finding_items;        /* findings seen in that list */
    int finding_paragraphs;   /* of them, paragraphs rather than bullets */
    ing_finding *last_finding;
    int in_summary;      /* prose goes to the summaries */
    int in_observations; /* ... as HM Inspector's observations on the whole force */
    int in_contents;
    const char *heading; /* text of the last heading (tables take their name from it) */
    ing_summary *last_summary;
    peel_vec leads;         /* an area's paragraphs about the force (ing_summary *) */
    ing_summary *last_lead; /* the last prose paragraph, when it is one of them */
} walk;

/* The kind a heading names, in the singular or the plural (peel_vocab.h). */
static const char *finding_kind_of(const char *norm)
{
    for (int k = 0; k < PEEL_NKIND; k++)
        if (strcmp(norm, peel_kind_plural((peel_kind)k)) == 0 ||
            strcmp(norm, peel_kind_singular((peel_kind)k)) == 0)
            return peel_kind_name((peel_kind)k);
    return NULL;
}

/* Heading or bold line: its text, or 0 when the line is neither. */
static int heading_text(const ing_line *l, const char **t, size_t *tl)
{
    int level = ing_heading(l, t, tl);
    if (level)
        return level;
    return ing_bold_line(l, t, tl) ? 7 : 0;
}

static size_t next_nonblank(const ing_doc *doc, size_t i)
{
    while (i < doc->nline && ing_is_blank(&doc->line[i]))
        i++;
    return i;
}

/* Nonzero when line i is where a grade is: a grade heading, or a heading
 * with a grade word of another PEEL format (named in on_other_grade). */
static int grade_line(const ing_doc *doc, size_t i)
{
    const char *t;
    size_t tl;
    if (i >= doc->nline || !heading_text(&doc->line[i], &t, &tl))
        return 0;
    return ing_grade_of(t, tl) || ing_other_grade_of(t, tl);
}

static size_t next_heading(const ing_doc *doc, size_t i)
{
    const char *t;
    size_t tl;
    while (i < doc->nline && !ing_heading(&doc->line[i], &t, &tl))
        i++;
    return i;
}

static void leave_section(walk *w)
{
    w->finding_kind = NULL;
    w->in_summary = 0;
    w->in_observations = 0;
    w->last_summary = NULL;
    w->last_lead = NULL;
}

static void on_grade(walk *w, size_t i, const char *grade)
{
    ing_ctx *cx = w->cx;
    if (!w->pending) {
        ing_warn(cx, (long)i + 1, "grade \"%s\" with no section heading before it", grade);
        ing_mark(cx, i, "unrecognised", grade);
        return;
    }
    ing_judgment *j = ing_judgment_get(cx->rep, w->pending);
    j->section_grade = grade;
    j->section_line = (long)i + 1;
    ing_mark(
        cx, i, "grade",
        peel_arena_printf(&cx->rep->arena, "%s %s", w->pending->pillar, w->pending->component));
    w->pending = NULL;
    w->in_summary = 1;
}

/* A grade word of another PEEL format ("### Adequate") where a grade goes.
 * Read as a plain heading it would drop the section's grade, and with it
 * the check of that grade against the summary table's, without a word: it
 * is named instead, and the line is left unread.  No grade is made up for
 * the section: the summary table's grade, when there is one, still stands. */
static void on_other_grade(walk *w, size_t i, const char *word)
{
    ing_ctx *cx = w->cx;
    if (w->pending)
        ing_warn(cx, (long)i + 1,
                 "\"%s\" is not a grade of this report format (newer PEEL reports use it): "
                 "the section grade of \"%s\" is not read, and its check against the "
                 "summary table is not made",
                 word, w->pending->label);
    else
        ing_warn(cx, (long)i + 1,
                 "\"%s\" is not a grade of this report format (newer PEEL reports use it), "
                 "and no section heading is before it",
                 word);
    ing_mark(cx, i, "unrecognised", word);
    w->in_summary = w->pending != NULL;
    w->pending = NULL;
}

static void on_alias(walk *w, size_t i, const ing_alias *a)
{
    ing_ctx *cx = w->cx;
    w->pillar = a->pillar;
    w->component = a->component;
    leave_section(w);
    if (a->component[0])
        ing_judgment_get(cx->rep, a);
    /* A pillar's own heading ("# Efficiency") has no grade under it; the
     * question heading that follows later does. */
    w->pending = grade_line(cx->doc, next_nonblank(cx->doc, i + 1)) ? a : NULL;
    if (w->pending)
        ing_judgment_get(cx->rep, a);
    ing_mark(cx, i, "heading",
             peel_arena_printf(&cx->rep->arena, "%s %s", a->pillar, a->component));
}

/* "HM Inspector's observations", whatever the apostrophe: the inspector's
 * own summary of the force, a fixed part of the PEEL format. */
static int observations_heading(const char *norm)
{
    size_t n = strlen(norm);
    return strncmp(norm, "hm inspector", 12) == 0 && n > 25 &&
           strcmp(norm + n - 12, "observations") == 0 && n < 40;
}

static void on_heading(walk *w, size_t i, int level, const char *t, size_t tl)
{
    ing_ctx *cx = w->cx;
    const char *norm = ing_norm(&cx->rep->arena, t, tl);
    const char *grade = ing_grade_named(norm);
    if (grade) {
        on_grade(w, i, grade);
        return;
    }
    const char *other = ing_other_grade_named(norm);
    if (other) {
        on_other_grade(w, i, other);
        return;
    }
    w->in_contents = 0;
    const ing_alias *a = ing_alias_named(cx->cat, norm);
    if (a) {
        on_alias(w, i, a);
        return;
    }
    const char *kind = finding_kind_of(norm);
    leave_section(w);
    w->pending = NULL;
    if (kind) {
        w->finding_kind = kind;
        w->finding_items = w->finding_paragraphs = 0;
        w->last_finding = NULL;
        ing_mark(cx, i, "finding_heading", kind);
        return;
    }
    if (strcmp(norm, "contents") == 0) {
        w->in_contents = 1;
    } else if (strcmp(norm, "overall summary") == 0) {
        w->pillar = NULL;
        ing_parse_overall_summary(cx, i + 1, next_heading(cx->doc, i + 1));
    } else if (strcmp(norm, "summary") == 0) {
        w->in_summary = 1;
    } else if (observations_heading(norm)) {
        w->pillar = NULL; /* on the whole force, before the pillars */
        w->component = NULL;
        w->in_summary = w->in_observations = 1;
    } else if (level == 1 && strcmp(norm, "force in context") != 0) {
        w->pillar = NULL; /* a new part of the report outside the pillars */
        w->component = NULL;
    }
    w->heading = ing_clean(&cx->rep->arena, t, tl);
    ing_mark(cx, i, "heading", NULL);
}

static ing_finding *new_finding(walk *w, size_t i, const char *text)
{
    ing_report *rep = w->cx->rep;
    ing_finding *f = peel_arena_alloc(&rep->arena, sizeof *f);
    f->pillar = w->pillar ? w->pillar : "";
    f->component = w->component ? w->component : "";
    f->kind = w->finding_kind;
    f->text = text;
    f->line = f->last_line = (long)i + 1;
    /* One more than the last of its area and kind: found from the end, so
     * that a long report's findings are not each compared with all before */
    for (size_t k = rep->findings.n; k-- > 0;) {
        const ing_finding *g = rep->findings.item[k];
        if (strcmp(g->pillar, f->pillar) == 0 && strcmp(g->component, f->component) == 0 &&
            strcmp(g->kind, f->kind) == 0) {
            f->number = g->number;
            break;
        }
    }
    f->number++;
    peel_vec_push(&rep->findings, f);
    w->finding_items++;
    w->last_finding = f;
    if (!w->pillar)
        ing_warn(w->cx, f->line, "finding outside any pillar");
    return f;
}

static void on_bullet(walk *w, size_t i, int depth, const char *t, size_t tl)
{
    ing_ctx *cx = w->cx;
    if (!w->finding_kind) {
        ing_mark(cx, i, "bullet", NULL);
        return;
    }
    const char *text = ing_clean_line(&cx->rep->arena, &cx->doc->line[i], t, tl);
    if (depth > 1 && w->last_finding) {
        ing_finding *f = w->last_finding;
        f->text = peel_arena_printf(&cx->rep->arena, "%s\n- %s", f->text, text);
        f->last_line = (long)i + 1;
    } else {
        new_finding(w, i, text);
    }
    ing_mark(cx, i, "finding", w->finding_kind);
}

static int ends_with(const char *s, char c)
{
    size_t n = strlen(s);
    return n > 0 && s[n - 1] == c;
}

/* A paragraph broken by a page turn goes on in lower case. */
static int continues(const char *text)
{
    return islower((unsigned char)text[0]);
}

static void on_summary_prose(walk *w, size_t i, const char *text)
{
    ing_ctx *cx = w->cx;
    if (strncasecmp(text, DETAIL_OPENER, sizeof DETAIL_OPENER - 1) == 0) {
        w->in_summary = 0;
        ing_mark(cx, i, "prose", NULL);
        return;
    }
    if (w->last_summary && continues(text)) {
        w->last_summary->text =
            peel_arena_printf(&cx->rep->arena, "%s %s", w->last_summary->text, text);
    } else {
        ing_summary *s = peel_arena_alloc(&cx->rep->arena, sizeof *s);
        s->pillar = w->pillar ? w->pillar : "";
        s->component = w->component ? w->component : "";
        s->text = text;
        s->line = (long)i + 1;
        s->from = w->in_observations ? PEEL_FROM_OBSERVATIONS : PEEL_FROM_SUMMARY;
        peel_vec_push(&cx->rep->summaries, s);
        w->last_summary = s;
    }
    ing_mark(cx, i, "summary", w->in_observations ? "observations" : NULL);
}

/* Prose inside a findings list: a paragraph finding ("Causes of concern"
 * stated as a paragraph), a list's introduction, or the end of the list. */
static void on_finding_prose(walk *w, size_t i, const char *text)
{
    if (ends_with(text, ':')) {
        ing_mark(w->cx, i, "prose", "finding list introduction");
        return;
    }
    if (w->last_finding && w->finding_paragraphs && continues(text)) {
        w->last_finding->text =
            peel_arena_printf(&w->cx->rep->arena, "%s %s", w->last_finding->text, text);
        w->last_finding->last_line = (long)i + 1;
        ing_mark(w->cx, i, "finding", w->finding_kind);
        return;
    }
    if (w->finding_items == 0) {
        new_finding(w, i, text);
        w->finding_paragraphs++;
        ing_mark(w->cx, i, "finding", w->finding_kind);
        return;
    }
    leave_section(w);
    ing_mark(w->cx, i, "prose", NULL);
}

/* Plain prose of an area's section.  A paragraph that opens with the force
 * as its subject ("The force has sufficient armed officers...") states what
 * the inspectors found there; it is kept in case the report sums the area
 * up nowhere (see section_summaries). */
static void on_prose(walk *w, size_t i, const char *text)
{
    ing_ctx *cx = w->cx;
    ing_mark(cx, i, "prose", NULL);
    if (w->last_lead && continues(text)) {
        w->last_lead->text = peel_arena_printf(&cx->rep->arena, "%s %s", w->last_lead->text, text);
        return;
    }
    w->last_lead = NULL;
    if (!w->pillar || !w->component || !w->component[0] ||
        !ing_opens_with_force(&cx->rep->arena, text, cx->rep->force))
        return;
    ing_summary *s = peel_arena_alloc(&cx->rep->arena, sizeof *s);
    s->pillar = w->pillar;
    s->component = w->component;
    s->text = text;
    s->line = (long)i + 1;
    s->from = PEEL_FROM_SECTION;
    peel_vec_push(&w->leads, s);
    w->last_lead = s;
}

/* Lines whose first character no report prose starts with. */
static int looks_unrecognised(const ing_line *l)
{
    unsigned char c = (unsigned char)l->s[0];
    if (c < 0x20 || strchr("|>!{}=~`^", c))
        return 1;
    if (c == '<')
        return !(l->len > 3 && (strncmp(l->s, "<b>", 3) == 0 || strncmp(l->s, "<i>", 3) == 0 ||
                                strncmp(l->s, "<sup>", 5) == 0));
    return 0;
}

static void on_text(walk *w, size_t i)
{
    ing_ctx *cx = w->cx;
    const ing_line *l = &cx->doc->line[i];
    if (w->in_contents) {
        ing_mark(cx, i, "contents", NULL);
    } else if (l->len >= 3 && strspn(l->s, "-") == l->len) {
        ing_mark(cx, i, "rule", NULL);
    } else if (l->len > 5 && strncmp(l->s, "<sup>", 5) == 0) {
        ing_mark(cx, i, "footnote", NULL);
    } else if (looks_unrecognised(l)) {
        ing_warn(cx, (long)i + 1, "unrecognised line");
        ing_mark(cx, i, "unrecognised", NULL);
    } else {
        const char *text = ing_clean_line(&cx->rep->arena, &cx->doc->line[i], l->s, l->len);
        if (w->finding_kind)
            on_finding_prose(w, i, text);
        else if (w->in_summary && (w->pillar || w->in_observations))
            on_summary_prose(w, i, text);
        else
            on_prose(w, i, text);
    }
}

/* Consecutive lines holding tabs form one table block. */
static size_t on_table_block(walk *w, size_t i)
{
    ing_ctx *cx = w->cx;
    size_t end = i;
    while (end < cx->doc->nline && ing_has_tab(&cx->doc->line[end]) &&
           !ing_is_blank(&cx->doc->line[end]))
        end++;
    if (end == i)
        end = i + 1;
    if (w->in_contents) {
        for (size_t k = i; k < end; k++)
            ing_mark(cx, k, "contents", NULL);
    } else {
        ing_parse_tables(cx, i, end, w->pillar ? w->pillar : "", w->heading);
    }
    return end;
}

/* The areas (pillar, component) a report says something of its own about,
 * each once: a handful, from the component catalogue. */
typedef struct areas {
    const char **pc; /* pillar, component, pillar, ...; owned, strings borrowed */
    size_t n, cap;   /* pairs */
} areas;

static int has_area(const areas *a, const char *pillar, const char *component)
{
    for (size_t k = 0; k < a->n; k++)
        if (strcmp(a->pc[2 * k], pillar) == 0 && strcmp(a->pc[2 * k + 1], component) == 0)
            return 1;
    return 0;
}

static void add_area(areas *a, const char *pillar, const char *component)
{
    if (has_area(a, pillar, component))
        return;
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->pc = peel_xrealloc(a->pc, 2 * a->cap * sizeof *a->pc);
    }
    a->pc[2 * a->n] = pillar;
    a->pc[2 * a->n + 1] = component;
    a->n++;
}

/* An area with no summary and no findings of its own (in PEEL 2018/19,
 * armed policing) is still reported on in its section: its paragraphs
 * about the force become its summary, marked as taken from the section.
 * The areas said are gathered once, not searched for each paragraph among
 * all summaries and findings (quadratic in a long report). */
static void section_summaries(walk *w)
{
    ing_report *rep = w->cx->rep;
    areas said = {0};
    for (size_t k = 0; k < rep->summaries.n; k++) {
        const ing_summary *s = rep->summaries.item[k];
        add_area(&said, s->pillar, s->component);
    }
    for (size_t k = 0; k < rep->findings.n; k++) {
        const ing_finding *f = rep->findings.item[k];
        add_area(&said, f->pillar, f->component);
    }
    for (size_t i = 0; i < w->leads.n; i++) {
        ing_summary *s = w->leads.item[i];
        if (!has_area(&said, s->pillar, s->component))
            peel_vec_push(&rep->summaries, s);
    }
    free(said.pc);
    peel_vec_release(&w->leads, NULL);
}

void ing_parse_structure(ing_ctx *cx)
{
    walk w = {.cx = cx};
    ing_doc *doc = cx->doc;
    size_t done = 0;
    for (size_t i = 0; i < doc->nline;) {
        const ing_line *l = &doc->line[i];
        const char *t;
        size_t tl;
        int level, depth;
        if (l->kind) {
            i++;
        } else if (ing_is_blank(l)) {
            ing_mark(cx, i++, "blank", NULL);
        } else if (ing_has_tab(l)) {
            i = on_table_block(&w, i);
        } else if ((level = heading_text(l, &t, &tl)) > 0) {
            on_heading(&w, i++, level, t, tl);
        } else if ((depth = ing_bullet(l, &t, &tl)) > 0) {
            on_bullet(&w, i++, depth, t, tl);
        } else {
            on_text(&w, i++);
        }
        for (; done < i; done++) {
            doc->line[done].pillar = w.pillar;
            doc->line[done].component = w.component ? w.component : "";
        }
    }
    section_summaries(&w);
}
