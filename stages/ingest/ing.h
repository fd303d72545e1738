/* Internals of the ingest stage: the report as lines, and the records the
 * parse produces.  Every string in the records is allocated from the report's
 * arena (ing_report.arena), which owns them all. */
#ifndef ING_H
#define ING_H

#include <stddef.h>

#include "facts.h"
#include "peel_err.h"
#include "peel_mem.h"
#include "peel_num.h"
#include "peel_rec.h"
#include "peel_warn.h"

/* ---- the input as lines ---- */

typedef struct ing_line {
    const char *s;         /* borrowed from ing_doc.data; not NUL-terminated */
    size_t len;            /* without the line end */
    const char *kind;      /* coverage kind (static string); NULL until consumed */
    const char *detail;    /* what consumed it (arena string); may be NULL */
    const char *pillar;    /* section the line is in; NULL outside the pillars */
    const char *component; /* component within it; "" at pillar level */
    const char *clean;     /* ing_clean_line's text (arena, shared); NULL until made */
    const char *clean_of;  /* ... of clean_of[0..clean_len) */
    size_t clean_len;
} ing_line;

typedef struct ing_doc {
    const char *name; /* input path, for messages; borrowed */
    char *data;       /* the whole file; owned */
    size_t size;
    ing_line *line; /* line[i] is line i+1; owned */
    size_t nline;
    size_t ncontrol;   /* control characters made spaces (see ing_doc_init) */
    long control_line; /* the first one's line */
    int cr_only;       /* the line ends are CR alone (classic Mac OS text) */
} ing_doc;

/* Splits data (owned by doc from now on) into lines: BOM skipped, LF or CRLF
 * line ends, or CR alone in a file with no LF at all (cr_only; each CR is
 * then a line end), UTF-8 and NUL bytes checked (UTF-16 and UTF-32 text
 * named as such), line length limited.  Control characters other than tab
 * and line ends, and the non-characters U+FFFE and U+FFFF, become spaces
 * (U+FFFD for the latter), counted in ncontrol. */
peel_status ing_doc_init(ing_doc *doc, const char *name, char *data, size_t size, size_t max_line,
                         peel_err *err);
void ing_doc_release(ing_doc *doc);

/* ---- catalogues (data files) ---- */

typedef struct ing_alias {
    const char *pillar;    /* effectiveness, efficiency, legitimacy */
    const char *component; /* "" for the pillar itself */
    const char *label;     /* canonical display name */
    const char *key;       /* normalised alias text */
} ing_alias;

typedef struct ing_catalog {
    peel_arena arena;
    peel_vec aliases;    /* ing_alias* */
    ing_lexicon lexicon; /* lexicon.csv and facts.csv (owned) */
} ing_catalog;

peel_status ing_catalog_load(ing_catalog *cat, const char *data_dir, peel_err *err);
struct peel_ingest_catalog;
/* The catalogue inside the public, opaque one (ingest.c). */
const ing_catalog *peel_ingest_catalog_of(const struct peel_ingest_catalog *c);
void ing_catalog_release(ing_catalog *cat);
/* The alias whose normalised text equals that of s[0..len), or NULL. */
const ing_alias *ing_alias_find(const ing_catalog *cat, const char *s, size_t len);
/* The alias whose key is norm (text normalised by ing_norm), or NULL. */
const ing_alias *ing_alias_named(const ing_catalog *cat, const char *norm);

/* ---- records ---- */

typedef struct ing_meta {
    const char *key, *value;
    long line;
} ing_meta;

typedef struct ing_judgment {
    const char *pillar, *component, *label;
    const char *summary_grade; /* from the overall summary table; NULL if absent */
    const char *last_inspected;
    long summary_line;
    const char *section_grade; /* from under the section heading; NULL if absent */
    long section_line;
    int inspected; /* 1 yes, 0 no, -1 not in the scope table */
    long scope_line;
} ing_judgment;

typedef struct ing_cell {
    const char *pillar; /* "" for the report's opening tables */
    const char *table, *row, *column;
    const char *table_label, *row_label, *column_label;
    const char *value; /* formatted number; "" when the cell is not a number */
    const char *unit, *period, *raw;
    long line;
} ing_cell;

typedef struct ing_finding {
    const char *pillar, *component, *kind;
    const char *text; /* nested points follow as "\n- point" */
    long line, last_line;
    int number; /* 1-based within pillar, component and kind */
} ing_finding;

typedef struct ing_figure {
    peel_num num;
    const char *value, *raw, *sentence;
    const char *pillar, *component;
    long line;
    int block; /* paragraph or list it belongs to */
    int item;  /* 0 in a paragraph; 1-based bullet number in a list */
    int intro; /* the paragraph introduces a list (ends with ':') */
} ing_figure;

typedef struct ing_fact {
    const char *key, *value, *unit, *period, *raw, *pattern, *label, *sentence;
    const char *pillar;
    long line;
} ing_fact;

typedef struct ing_summary {
    const char *pillar, *component, *text;
    long line;
    peel_from from;
} ing_summary;

typedef struct ing_report {
    peel_arena arena; /* owns every string below */
    peel_vec meta, judgments, cells, findings, figures, facts, summaries; /* of the structs above */
    const char *force, *year;
} ing_report;

void ing_report_init(ing_report *rep);
void ing_report_release(ing_report *rep);
void ing_meta_add(ing_report *rep, const char *key, const char *value, long line);
/* The judgment row for pillar/component, created on first use. */
ing_judgment *ing_judgment_get(ing_report *rep, const ing_alias *alias);

/* ---- text helpers (text.c) ---- */

/* Markup removed: <tags>, **, [text](#) links kept as text, \( escapes,
 * <sup>n</sup> footnote marks dropped, blanks collapsed and trimmed. */
char *ing_clean(peel_arena *a, const char *s, size_t len);
/* ing_clean of s[0..len), a part of line l, made once: the structure and
 * prose passes clean the same lines.  Shared between callers, who must not
 * change it; allocated from a. */
const char *ing_clean_line(peel_arena *a, ing_line *l, const char *s, size_t len);
/* Lower-case, markup removed, trailing ':' '.' '?' dropped: for matching. */
char *ing_norm(peel_arena *a, const char *s, size_t len);
/* The grade named by the text exactly (after ing_norm), or NULL. */
const char *ing_grade_of(const char *s, size_t len);
/* The same for grade words of other PEEL formats ("Adequate"), which are
 * not grades of this one. */
const char *ing_other_grade_of(const char *s, size_t len);
/* The same two for text already normalised by ing_norm: a heading or a
 * cell asked for a grade, another format's grade and an alias is
 * normalised once. */
const char *ing_grade_named(const char *norm);
const char *ing_other_grade_named(const char *norm);
/* Heading level (number of leading '#') or 0; *text gets the rest. */
int ing_heading(const ing_line *l, const char **text, size_t *tlen);
/* A line that is only bold text ("**Good**"); *text gets the inside. */
int ing_bold_line(const ing_line *l, const char **text, size_t *tlen);
/* Bullet depth (1 for "- x", 2 for "  - x") or 0; *text gets the item text. */
int ing_bullet(const ing_line *l, const char **text, size_t *tlen);
int ing_is_blank(const ing_line *l);
int ing_has_tab(const ing_line *l);
/* Labels with the force's own name replaced by "force", so that keys made
 * from them are the same in every report: under the title "Northmoor
 * Constabulary", "Northmoor rate", "Northmoor Police workforce", "Northmoor
 * Constabulary's workforce" and "The constabulary's workforce" all become
 * "force rate" or "force workforce". */
char *ing_generic_label(peel_arena *a, const char *label, const char *force);
/* Nonzero when the text opens with the force as its subject, by its name or
 * another ("The force has...", "Northmoor Police does...", "The
 * constabulary's plan..."). */
int ing_opens_with_force(peel_arena *a, const char *text, const char *force);

/* ---- the passes ---- */

typedef struct ing_ctx {
    ing_doc *doc;
    ing_report *rep;
    const ing_catalog *cat;
    peel_warnings *warn; /* where warnings go; NULL: nowhere */
} ing_ctx;

void ing_warn(ing_ctx *cx, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void ing_mark(ing_ctx *cx, size_t i, const char *kind, const char *detail);

/* The whole parse of a loaded document into cx->rep (no files written). */
peel_status ing_parse(ing_ctx *cx, peel_err *err);
peel_status ing_parse_meta(ing_ctx *cx, peel_err *err);
void ing_parse_structure(ing_ctx *cx); /* headings, grades, findings, summaries */
void ing_parse_overall_summary(ing_ctx *cx, size_t from, size_t to);
void ing_parse_scope_table(ing_ctx *cx, size_t from, size_t to);
void ing_parse_tables(ing_ctx *cx, size_t from, size_t to, const char *pillar, const char *heading);
void ing_parse_prose(ing_ctx *cx); /* figures and facts from prose left over */

/* The carry of a list's introduction, read once for all the list's items:
 * it depends on the introduction's text alone. */
typedef struct ing_intro_memo {
    const char *text; /* the introduction it was read from (borrowed); NULL: none yet */
    ing_carry carry;
} ing_intro_memo;

/* Where a block's text comes from: the bytes from `at` up to the next
 * span's start are of report line `line`. */
typedef struct ing_span {
    size_t at;
    long line;
} ing_span;

/* facts.c: the named facts of one block of prose (paragraph or bullet). */
typedef struct ing_block {
    const char *text;     /* cleaned text */
    const ing_span *span; /* its lines, by their first byte (the first at 0) */
    size_t nspan;
    const char *pillar, *component;
    const char *intro;   /* cleaned text of the list's introducing paragraph; NULL if none */
    const peel_num *num; /* the figures of text, in order (peel_num_next; borrowed) */
    size_t nnum;
    const size_t *ends; /* where each sentence of text ends (ing_sentence_ends; borrowed) */
    size_t nends;
    ing_intro_memo *memo; /* the caller's, kept across a list's items; may be NULL */
    ing_facts_work *work; /* the caller's, reused block to block; may be NULL */
} ing_block;
void ing_facts_match(ing_ctx *cx, const ing_block *b);
/* The report line of byte off of a text whose lines are span[0..nspan). */
long ing_span_line(const ing_span *span, size_t nspan, size_t off);
/* End (exclusive) of the sentence of text that starts at byte start. */
size_t ing_sentence_end(const char *text, size_t start);
/* The end of each sentence of text (its first from byte 0, each the next
 * from the end before), into *ends (grown, *cap its room; the caller's):
 * found once a block, for its figures, its facts and the facts pass.
 * Returns how many. */
size_t ing_sentence_ends(const char *text, size_t **ends, size_t *cap);
/* The sentence of text containing byte off, its leading blanks left out,
 * as an arena string; ends[0..nends) are text's (ing_sentence_ends). */
char *ing_sentence_of(peel_arena *a, const char *text, const size_t *ends, size_t nends,
                      size_t off);

/* write.c: the parse's records as the typed model (into out, initialised
 * by the caller), and those records written to data_dir atomically. */
void ing_records_build(ing_ctx *cx, peel_records *out);
peel_status ing_write_records(peel_records *recs, const char *data_dir, peel_err *err);
/* One fact as a row of facts.csv (sentence mode writes them one by one). */
void ing_write_fact(peel_csv_writer *w, const ing_fact *f);

#endif
