/* The closed vocabularies of the records (DESIGN.md, "Records"): pillars,
 * grades, kinds of finding, check verdicts, yes/no.  Each is an enum with
 * the words the CSV files carry, so that stages compare values, not strings.
 * Units are not here: they are an open vocabulary, kept as text (the fact
 * catalogue in pipeline/facts.csv adds its own). */
#ifndef PEEL_VOCAB_H
#define PEEL_VOCAB_H

/* Pillars in report order.  PEEL_NOPILLAR is the empty field: a table of the
 * report's opening pages, or a report-wide check. */
typedef enum peel_pillar {
    PEEL_EFFECTIVENESS,
    PEEL_EFFICIENCY,
    PEEL_LEGITIMACY,
    PEEL_NOPILLAR
} peel_pillar;
#define PEEL_NPILLAR 3
extern const char *const PEEL_PILLARS[PEEL_NPILLAR];
/* "effectiveness"..., "" for PEEL_NOPILLAR. */
const char *peel_pillar_name(peel_pillar p);
/* "Effectiveness"..., "" for PEEL_NOPILLAR. */
const char *peel_pillar_label(peel_pillar p);
/* The pillar a word names: PEEL_NOPILLAR for "" (and for any other word,
 * with *known set to 0 when known is not NULL). */
peel_pillar peel_pillar_parse(const char *s, int *known);

/* Grades on the PEEL scale; PEEL_GRADE_NONE is the empty field. */
typedef enum peel_grade {
    PEEL_GRADE_NONE,
    PEEL_OUTSTANDING,
    PEEL_GOOD,
    PEEL_REQUIRES_IMPROVEMENT,
    PEEL_INADEQUATE,
    PEEL_UNGRADED,
    PEEL_NGRADE
} peel_grade;
/* "Outstanding"..., "" for PEEL_GRADE_NONE. */
const char *peel_grade_name(peel_grade g);
/* The grade a word names (exactly); PEEL_GRADE_NONE for "" and unknown
 * words (*known 0 for the latter). */
peel_grade peel_grade_parse(const char *s, int *known);
/* Grade colour as 0xRRGGBB (Outstanding dark green, Good green, Requires
 * improvement amber, Inadequate red, Ungraded and none grey), and the text
 * colour that reads on it. */
unsigned peel_grade_rgb(peel_grade g);
unsigned peel_grade_text_rgb(peel_grade g);

/* Kinds of finding, in the order the documents list them. */
typedef enum peel_kind {
    PEEL_CAUSE_OF_CONCERN,
    PEEL_RECOMMENDATION,
    PEEL_AREA_FOR_IMPROVEMENT,
    PEEL_NKIND
} peel_kind;
const char *peel_kind_name(peel_kind k);     /* "cause_of_concern" (the records' word) */
const char *peel_kind_label(peel_kind k);    /* "Cause of concern" */
const char *peel_kind_title(peel_kind k);    /* "Causes of concern" */
const char *peel_kind_singular(peel_kind k); /* "cause of concern" */
const char *peel_kind_plural(peel_kind k);   /* "causes of concern" */
/* PEEL_NKIND for a word that is not a kind. */
peel_kind peel_kind_parse(const char *s);

/* A check's verdict (reconciliation.csv's status). */
typedef enum peel_verdict {
    PEEL_PASS,
    PEEL_WARN,
    PEEL_FAIL,
    PEEL_SKIP,
    PEEL_NVERDICT
} peel_verdict;
const char *peel_verdict_name(peel_verdict v); /* "PASS"... */
/* PEEL_NVERDICT for a word that is not a verdict. */
peel_verdict peel_verdict_parse(const char *s);

/* Where a summary paragraph comes from (summaries.csv's "from"): the
 * report's summary of a pillar or an area, HM Inspector's observations on
 * the whole force, or, for an area the report sums up nowhere, a paragraph
 * of its section about what the force does. */
typedef enum peel_from {
    PEEL_FROM_SUMMARY,
    PEEL_FROM_OBSERVATIONS,
    PEEL_FROM_SECTION,
    PEEL_NFROM
} peel_from;
const char *peel_from_name(peel_from f); /* "summary", "observations", "section" */
/* PEEL_NFROM for a word that is not one of them. */
peel_from peel_from_parse(const char *s);

/* yes, no, or not said (the empty field). */
typedef enum peel_yesno { PEEL_UNSAID, PEEL_YES, PEEL_NO } peel_yesno;
const char *peel_yesno_name(peel_yesno y); /* "", "yes", "no" */
/* PEEL_UNSAID for "" and for other words (*known 0). */
peel_yesno peel_yesno_parse(const char *s, int *known);

#endif
