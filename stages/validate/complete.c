/* Checks across records: is the report whole, and is every line and
 * judgment accounted for exactly once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peel_vocab.h"
#include "vd.h"

/* Two judgments for one area would leave later stages to pick a grade. */
void vd_check_duplicate_judgments(vd_ctx *cx, const char *file, const peel_csv_doc *doc)
{
    int cp = peel_csv_col(doc, "pillar"), cc = peel_csv_col(doc, "component");
    int cl = peel_csv_col(doc, "source_line");
    for (size_t r = 0; r < doc->nrow; r++)
        for (size_t k = 0; k < r; k++) {
            if (strcmp(peel_csv_get(doc, r, cp), peel_csv_get(doc, k, cp)) != 0 ||
                strcmp(peel_csv_get(doc, r, cc), peel_csv_get(doc, k, cc)) != 0)
                continue;
            const char *what =
                *peel_csv_get(doc, r, cc) ? peel_csv_get(doc, r, cc) : peel_csv_get(doc, r, cp);
            vd_row row = {cx, file, doc, r, 0};
            long line;
            if (vd_integer(peel_csv_get(doc, r, cl), &line) && line >= 1 &&
                (cx->lines == 0 || line <= cx->lines))
                row.source_line = line;
            vd_reject(&row, *peel_csv_get(doc, r, cc) ? "component" : "pillar", what, "duplicate",
                      "a second judgment for %s (the first is on line %ld)", what,
                      doc->row[k].line);
            break;
        }
}

static void report_gap(vd_ctx *cx, const char *file, long from, long to)
{
    char span[64];
    if (from == to)
        snprintf(span, sizeof span, "%ld", from);
    else
        snprintf(span, sizeof span, "%ld-%ld", from, to);
    vd_reject_at(cx, file, 0, from, "line", span, "uncovered_line",
                 "report line%s %s %s not in coverage.csv: nothing says what became of %s",
                 from == to ? "" : "s", span, from == to ? "is" : "are",
                 from == to ? "it" : "them");
}

/* Every report line must say what consumed it (DESIGN.md: "none may go
 * unaccounted"); runs of missing lines are reported as one span. */
void vd_check_coverage_complete(vd_ctx *cx, const char *file, const peel_csv_doc *doc)
{
    if (cx->lines <= 0)
        return;
    unsigned char *seen = peel_xcalloc((size_t)cx->lines + 1, 1);
    int cl = peel_csv_col(doc, "line");
    long n;
    for (size_t r = 0; r < doc->nrow; r++)
        if (vd_integer(peel_csv_get(doc, r, cl), &n) && n >= 1 && n <= cx->lines)
            seen[n] = 1;
    for (long i = 1; i <= cx->lines; i++) {
        if (seen[i])
            continue;
        long j = i;
        while (j < cx->lines && !seen[j + 1])
            j++;
        report_gap(cx, file, i, j);
        i = j;
    }
    free(seen);
}

/* ---- is the report whole? ---- */

typedef struct pillar_state {
    long row_line;     /* CSV line of the pillar's own judgment row; 0 when none */
    long source_line;  /* its report line */
    const char *grade; /* its grade as written; "" when none */
    int graded;        /* the pillar row carries a grade on the PEEL scale */
    int has_section;   /* some row of the pillar names a section line */
    int not_inspected; /* the scope table says none of it was inspected this year */
} pillar_state;

static pillar_state pillar_look(const vd_ctx *cx, const peel_csv_doc *j, const char *pillar)
{
    pillar_state ps = {0};
    ps.grade = "";
    int cp = peel_csv_col(j, "pillar"), cc = peel_csv_col(j, "component");
    int cg = peel_csv_col(j, "grade"), cs = peel_csv_col(j, "section_line");
    int ci = peel_csv_col(j, "inspected"), cl = peel_csv_col(j, "source_line");
    for (size_t r = 0; r < j->nrow; r++) {
        if (strcmp(peel_csv_get(j, r, cp), pillar) != 0)
            continue;
        if (*peel_csv_get(j, r, cs))
            ps.has_section = 1;
        if (*peel_csv_get(j, r, cc) || ps.row_line)
            continue;
        long line;
        ps.row_line = j->row[r].line;
        ps.grade = peel_csv_get(j, r, cg);
        ps.graded = vd_grade(ps.grade);
        ps.not_inspected = strcmp(peel_csv_get(j, r, ci), "no") == 0;
        if (vd_integer(peel_csv_get(j, r, cl), &line) && line >= 1 &&
            (cx->lines == 0 || line <= cx->lines))
            ps.source_line = line;
    }
    return ps;
}

static int mentions_pillar(const peel_csv_doc *doc, const char *pillar)
{
    int cp = peel_csv_col(doc, "pillar");
    for (size_t r = 0; r < doc->nrow; r++)
        if (strcmp(peel_csv_get(doc, r, cp), pillar) == 0)
            return 1;
    return 0;
}

/* A pillar is missing when no judgment grades it, or when the report has
 * nothing of it at all (no section heading, finding or summary) though the
 * scope table does not say it went uninspected: the summary table at the
 * top survived, the rest of the report did not. */
static int pillar_missing(vd_ctx *cx, const char *pillar, const peel_csv_doc *j,
                          const peel_csv_doc *f, const peel_csv_doc *s)
{
    const char *label = peel_pillar_label(peel_pillar_parse(pillar, NULL));
    pillar_state ps = pillar_look(cx, j, pillar);
    if (!ps.graded) {
        vd_reject_at(cx, "judgments.csv", ps.row_line, ps.source_line, "grade", ps.grade,
                     "missing_pillar",
                     "no %s grade: the report has neither a graded %s row in its summary table "
                     "nor a graded %s section; it looks cut off",
                     label, label, label);
        return 1;
    }
    int knows_sections = peel_csv_col(j, "section_line") >= 0;
    if (knows_sections && !ps.has_section && !ps.not_inspected && !mentions_pillar(f, pillar) &&
        !mentions_pillar(s, pillar)) {
        vd_reject_at(cx, "judgments.csv", 0, ps.source_line, "section_line", "", "missing_pillar",
                     "the report grades %s in its summary but has no %s section, finding or "
                     "summary; it looks cut off",
                     label, label);
        return 1;
    }
    return 0;
}

int vd_check_pillars(vd_ctx *cx, const peel_csv_doc *judgments, const peel_csv_doc *findings,
                     const peel_csv_doc *summaries, char *missing, size_t cap)
{
    /* Every pillar is checked (each adds its reject), then named as a
     * reader would list them: "efficiency and legitimacy". */
    const char *gone[PEEL_NPILLAR] = {0};
    int n = 0;
    for (size_t i = 0; i < 3; i++)
        if (pillar_missing(cx, PEEL_PILLARS[i], judgments, findings, summaries))
            gone[n++] = PEEL_PILLARS[i];
    size_t len = 0;
    missing[0] = '\0';
    for (int i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " and " : ", ";
        int w = snprintf(missing + len, cap - len, "%s%s", sep, gone[i]);
        if (w > 0 && (size_t)w < cap - len)
            len += (size_t)w;
    }
    return n;
}

int vd_check_end(vd_ctx *cx, const peel_csv_doc *meta)
{
    int ck = peel_csv_col(meta, "key");
    if (cx->lines <= 0)
        return 0; /* no line count: meta.csv is not what ingest writes, and says so */
    for (size_t r = 0; r < meta->nrow; r++)
        if (strcmp(peel_csv_get(meta, r, ck), "isbn") == 0)
            return 0;
    vd_reject_at(cx, "meta.csv", 0, cx->lines, "key", "isbn", "missing_end",
                 "the report has no closing publication line (\"Month YYYY | (c)HMICFRS YYYY | "
                 "ISBN: ...\"); it looks cut off after line %ld",
                 cx->lines);
    return 1;
}
