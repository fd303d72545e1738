#include "peel_vocab.h"

#include <string.h>

/* Index of s in words[0..n), or n. */
static int word_index(const char *s, const char *const *words, int n)
{
    int i = 0;
    while (i < n && strcmp(s, words[i]) != 0)
        i++;
    return i;
}

const char *const PEEL_PILLARS[PEEL_NPILLAR] = {"effectiveness", "efficiency", "legitimacy"};

const char *peel_pillar_name(peel_pillar p)
{
    return p < PEEL_NPILLAR ? PEEL_PILLARS[p] : "";
}

const char *peel_pillar_label(peel_pillar p)
{
    static const char *const LABELS[PEEL_NPILLAR] = {"Effectiveness", "Efficiency", "Legitimacy"};
    return p < PEEL_NPILLAR ? LABELS[p] : "";
}

peel_pillar peel_pillar_parse(const char *s, int *known)
{
    int i = word_index(s, PEEL_PILLARS, PEEL_NPILLAR);
    if (known)
        *known = i < PEEL_NPILLAR || !s[0];
    return (peel_pillar)i;
}

static const char *const GRADES[PEEL_NGRADE] = {
    "", "Outstanding", "Good", "Requires improvement", "Inadequate", "Ungraded"};

const char *peel_grade_name(peel_grade g)
{
    return g < PEEL_NGRADE ? GRADES[g] : "";
}

peel_grade peel_grade_parse(const char *s, int *known)
{
    int i = word_index(s, GRADES, PEEL_NGRADE);
    if (known)
        *known = i < PEEL_NGRADE;
    return i < PEEL_NGRADE ? (peel_grade)i : PEEL_GRADE_NONE;
}

unsigned peel_grade_rgb(peel_grade g)
{
    static const unsigned RGB[PEEL_NGRADE] = {0x9E9E9E, 0x1B5E20, 0x66BB6A,
                                              0xFFB300, 0xC62828, 0x9E9E9E};
    return g < PEEL_NGRADE ? RGB[g] : 0x9E9E9E;
}

unsigned peel_grade_text_rgb(peel_grade g)
{
    return g == PEEL_OUTSTANDING || g == PEEL_INADEQUATE ? 0xFFFFFF : 0x000000;
}

static const char *const KINDS[PEEL_NKIND] = {"cause_of_concern", "recommendation",
                                              "area_for_improvement"};

const char *peel_kind_name(peel_kind k)
{
    return k < PEEL_NKIND ? KINDS[k] : "";
}

const char *peel_kind_label(peel_kind k)
{
    static const char *const L[PEEL_NKIND] = {"Cause of concern", "Recommendation",
                                              "Area for improvement"};
    return k < PEEL_NKIND ? L[k] : "";
}

const char *peel_kind_title(peel_kind k)
{
    static const char *const L[PEEL_NKIND] = {"Causes of concern", "Recommendations",
                                              "Areas for improvement"};
    return k < PEEL_NKIND ? L[k] : "";
}

const char *peel_kind_singular(peel_kind k)
{
    static const char *const L[PEEL_NKIND] = {"cause of concern", "recommendation",
                                              "area for improvement"};
    return k < PEEL_NKIND ? L[k] : "";
}

const char *peel_kind_plural(peel_kind k)
{
    static const char *const L[PEEL_NKIND] = {"causes of concern", "recommendations",
                                              "areas for improvement"};
    return k < PEEL_NKIND ? L[k] : "";
}

peel_kind peel_kind_parse(const char *s)
{
    return (peel_kind)word_index(s, KINDS, PEEL_NKIND);
}

static const char *const VERDICTS[PEEL_NVERDICT] = {"PASS", "WARN", "FAIL", "SKIP"};

const char *peel_verdict_name(peel_verdict v)
{
    return v < PEEL_NVERDICT ? VERDICTS[v] : "";
}

peel_verdict peel_verdict_parse(const char *s)
{
    return (peel_verdict)word_index(s, VERDICTS, PEEL_NVERDICT);
}

static const char *const FROMS[PEEL_NFROM] = {"summary", "observations", "section"};

const char *peel_from_name(peel_from f)
{
    return (unsigned)f < PEEL_NFROM ? FROMS[f] : "";
}

peel_from peel_from_parse(const char *s)
{
    return (peel_from)word_index(s, FROMS, PEEL_NFROM);
}

static const char *const YESNO[3] = {"", "yes", "no"};

const char *peel_yesno_name(peel_yesno y)
{
    return (unsigned)y < 3 ? YESNO[y] : "";
}

peel_yesno peel_yesno_parse(const char *s, int *known)
{
    int i = word_index(s, YESNO, 3);
    if (known)
        *known = i < 3;
    return i < 3 ? (peel_yesno)i : PEEL_UNSAID;
}
