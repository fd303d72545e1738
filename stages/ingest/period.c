/* Periods a sentence states, as the corpus conventions write them:
 *
 *   dated     "2019/20", "March 2019", "31 March 2019", with the framing
 *             words that change their meaning kept ("by 2022/23", "since
 *             2010", "by the end of 2022/23", "since the Olympics in 2012",
 *             "from 2020/21 onwards") and the others dropped ("in", "during",
 *             "as of", "for the financial year");
 *   ranges    "between X and Y", "from X to Y", "the period X to Y" become
 *             "X to Y"; "2021 – 2022" is kept as printed;
 *   relative  a framing word, determiners, a count and a span ("over the
 *             next four years", "in the next 2 years", "over this spending
 *             review period", "over the four years of the spending review"),
 *             or a phrase of its own ("this year", "per year"), lower case.
 *
 * Which words play which part is the lexicon's (frame, det, span, when,
 * month, refer_period).  Figures inside a period (a day, "four" years) are
 * marked used: they are not facts. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"

static int is_word(const ing_sent *s, size_t i, const char *w)
{
    return i < s->t.n && s->t.tok[i].kind == TOK_WORD && strcmp(s->t.tok[i].word, w) == 0;
}

static int is_mark(const ing_sent *s, size_t i, char m)
{
    return i < s->t.n && s->t.tok[i].kind == TOK_MARK && s->t.tok[i].mark == m;
}

static int is_year(const ing_sent *s, size_t i)
{
    return i < s->t.n && s->t.tok[i].kind == TOK_FIG && s->t.tok[i].num.unit == PEEL_UNIT_YEAR;
}

/* A day of the month: a plain integer 1..31. */
static int is_day(const ing_sent *s, size_t i)
{
    if (i >= s->t.n || s->t.tok[i].kind != TOK_FIG)
        return 0;
    const peel_num *n = &s->t.tok[i].num;
    return n->unit == PEEL_UNIT_NONE && !n->is_range && !n->is_word && n->decimals == 0 &&
           n->value >= 1 && n->value <= 31;
}

/* End of a date at i ("2019", "2019/20", "2019/2020", "March 2019",
 * "31 March 2019", "1 May"), or 0. */
static size_t date_end(const ing_sent *s, size_t i)
{
    size_t j = i;
    if (is_day(s, j) && ing_sent_mark(s, LEX_MONTH, j + 1))
        j++;
    if (ing_sent_mark(s, LEX_MONTH, j)) {
        size_t m = ing_sent_mark_end(s, LEX_MONTH, j);
        if (is_year(s, m))
            return m + 1;
        return j > i ? m : 0; /* "1 May" needs its day */
    }
    if (!is_year(s, j))
        return 0;
    /* "2019/2020": two years joined by a slash. */
    if (is_mark(s, j + 1, '/') && is_year(s, j + 2) && s->t.tok[j + 1].start == s->t.tok[j].end)
        return j + 3;
    return j + 1;
}

/* Range after a date ending at e: "to", "and", "until" or a dash, then a
 * date.  Returns the end of the second date, or 0. */
static size_t range_end(const ing_sent *s, size_t e, int *dash)
{
    *dash = is_mark(s, e, '-');
    if (!(*dash || is_word(s, e, "to") || is_word(s, e, "and")))
        return 0;
    return date_end(s, e + 1);
}

/* Text of tokens [a, b) as printed. */
static const char *raw(const ing_sent *s, peel_arena *ar, size_t a, size_t b)
{
    return peel_arena_strndup(ar, s->text + s->t.tok[a].start,
                              s->t.tok[b - 1].end - s->t.tok[a].start);
}

static const char *lower_raw(const ing_sent *s, peel_arena *ar, size_t a, size_t b)
{
    char *t = (char *)raw(s, ar, a, b);
    for (char *p = t; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return t;
}

/* A framing word of `value` (keep or drop) ending just before token i:
 * returns its first token, or (size_t)-1. */
static size_t frame_before(const ing_sent *s, size_t i, const char *value)
{
    for (size_t k = i; k-- > 0 && i - k <= 5;) {
        const ing_term *t = ing_sent_mark(s, LEX_FRAME, k);
        if (t && ing_sent_mark_end(s, LEX_FRAME, k) == i && strcmp(t->value, value) == 0)
            return k;
    }
    return (size_t)-1;
}

/* A framing word of either kind ends just before token i. */
static int framed_at(const ing_sent *s, size_t i)
{
    return frame_before(s, i, "drop") != (size_t)-1 || frame_before(s, i, "keep") != (size_t)-1;
}

/* A keep frame a few words before i with only words between ("since the
 * Olympics in 2012"); returns its first token, or (size_t)-1. */
static size_t keep_frame_near(const ing_sent *s, size_t i)
{
    for (size_t k = i, words = 0; k-- > 0 && words <= 4; words++) {
        if (s->t.tok[k].kind != TOK_WORD)
            return (size_t)-1;
        const ing_term *t = ing_sent_mark(s, LEX_FRAME, k);
        if (t && strcmp(t->value, "keep") == 0 && ing_sent_mark_end(s, LEX_FRAME, k) <= i)
            return k;
    }
    return (size_t)-1;
}

/* "for the first time since 2011": a record, not the figure's period. */
static int not_period_before(const ing_sent *s, size_t f)
{
    for (size_t k = f + 1; k-- > 0 && f - k <= 6;)
        if (ing_sent_mark(s, LEX_NOT_PERIOD, k) && ing_sent_mark_end(s, LEX_NOT_PERIOD, k) > f)
            return 1;
    return 0;
}

/* A comparison's base ends just before token i ("than", "compared with"). */
/* "a £4.5m-a-year saving": a phrase glued by a hyphen to the figure
 * before it is the figure's rate, a word of its noun, not its period. */
static int glued_to_figure(const ing_sent *s, size_t i)
{
    if (i == 0 || s->t.tok[i - 1].kind != TOK_FIG)
        return 0;
    size_t a = s->t.tok[i - 1].end, b = s->t.tok[i].start;
    return b == a + 1 && s->text[a] == '-';
}

static int comparison_before(const ing_sent *s, size_t i)
{
    for (size_t k = i; k-- > 0 && i - k <= 6;) /* "than there were in" */
        if (ing_sent_mark(s, LEX_NOT_PERIOD, k) && ing_sent_mark_end(s, LEX_NOT_PERIOD, k) == i)
            return 1;
    return 0;
}

static void add_period(ing_sent *s, size_t from, size_t to, const char *text, int dated, int years)
{
    if (s->nper == s->cap_per) {
        s->cap_per = s->cap_per ? s->cap_per * 2 : 8;
        s->per = peel_xrealloc(s->per, s->cap_per * sizeof *s->per);
    }
    ing_period *p = &s->per[s->nper++];
    p->from = from;
    p->to = to;
    p->text = text;
    p->dated = dated;
    p->years = years;
    p->counted = 0;
    p->owner = (size_t)-1;
    for (size_t k = from; k < to; k++)
        s->used[k] = 1;
}

/* "from April", "by March", "in September": a month without its year,
 * capitalised, right after a framing word (kept, or dropped but for "of":
 * "the budget of March" names a thing); returns its end, or 0. */
static size_t bare_month_at(ing_sent *s, peel_arena *ar, size_t i)
{
    if (!ing_sent_mark(s, LEX_MONTH, i) || !isupper((unsigned char)s->text[s->t.tok[i].start]))
        return 0;
    size_t e = ing_sent_mark_end(s, LEX_MONTH, i);
    size_t f = frame_before(s, i, "keep"), from = f;
    if (f == (size_t)-1 && (f = frame_before(s, i, "drop")) != (size_t)-1 && !is_word(s, f, "of"))
        from = i;
    if (from == (size_t)-1 || date_end(s, e) || is_day(s, e) || not_period_before(s, f))
        return 0;
    add_period(s, f, e, raw(s, ar, from, e), 1, 0);
    return e;
}

/* A dated period whose date starts at i; returns its end, or 0. */
static size_t dated_at(ing_sent *s, peel_arena *ar, size_t i)
{
    size_t e = date_end(s, i);
    if (!e)
        return bare_month_at(s, ar, i);
    int dash;
    size_t e2 = range_end(s, e, &dash);
    size_t from = i, to = e2 ? e2 : e;
    const char *text;
    size_t f;
    if (e2 && !dash) {
        /* "from X to Y", "between X and Y", "between the period X to Y". */
        size_t fr = frame_before(s, i, "keep");
        if (fr == (size_t)-1 && i >= 3 && is_word(s, i - 3, "between"))
            fr = i - 3;
        if (fr != (size_t)-1)
            from = fr;
        text = peel_arena_printf(ar, "%s to %s", raw(s, ar, i, e), raw(s, ar, e + 1, e2));
    } else if (!e2 && is_word(s, e, "onwards") && (f = frame_before(s, i, "keep")) != (size_t)-1 &&
               is_word(s, f, "from")) {
        from = f;
        to = e + 1;
        text = raw(s, ar, f, to);
    } else if (!e2 && (f = keep_frame_near(s, i)) != (size_t)-1 && !is_word(s, f, "from") &&
               !is_word(s, f, "between")) {
        from = f;
        text = not_period_before(s, f) ? NULL : raw(s, ar, f, to);
    } else {
        text = raw(s, ar, i, to);
        if ((f = frame_before(s, i, "drop")) != (size_t)-1)
            from = f;
        /* "the CSR of 2010", "the 2018 survey": a year naming a thing; "an
         * increase of £21.3m on 2023/24": a bare year after "on" is the base
         * of a comparison (a day is a date: "on 31 March 2019") */
        if (f != (size_t)-1 && (is_word(s, f, "of") || (is_word(s, f, "on") && e == i + 1)))
            text = NULL;
        /* "£1.2m less than in 2018/19": the base of a comparison */
        size_t lead = f != (size_t)-1 ? f : i;
        if (comparison_before(s, lead) || comparison_before(s, i))
            text = NULL;
    }
    /* "the 2022/23 financial year" */
    if (ing_sent_mark(s, LEX_SPAN, to) && !e2)
        to = ing_sent_mark_end(s, LEX_SPAN, to);
    if (text)
        add_period(s, from, to, text, 1, 0);
    else
        for (size_t k = from; k < to; k++)
            s->used[k] = 1;
    return to;
}

/* A count before a span: "four" or "2" (a figure token); 0 when none. */
static int count_at(const ing_sent *s, size_t i)
{
    if (i >= s->t.n || s->t.tok[i].kind != TOK_FIG)
        return 0;
    const peel_num *n = &s->t.tok[i].num;
    if (n->unit != PEEL_UNIT_NONE || n->is_range || n->decimals || n->value < 1 || n->value > 50)
        return 0;
    return (int)n->value;
}

/* Determiners and a count from i; returns the first token after them. */
static size_t skip_dets(const ing_sent *s, size_t i, int *count)
{
    for (;;) {
        if (ing_sent_mark(s, LEX_DET, i)) {
            size_t e = ing_sent_mark_end(s, LEX_DET, i);
            /* "over the medium term": a determiner that is also a span is
             * the span when no span follows it ("the medium term financial
             * plan" has one) */
            int c = 0;
            if (ing_sent_mark(s, LEX_SPAN, i) && !ing_sent_mark(s, LEX_SPAN, skip_dets(s, e, &c)))
                return i;
            i = e;
        } else if (count_at(s, i) && ing_sent_mark(s, LEX_SPAN, i + 1))
            *count = count_at(s, i++);
        else
            return i;
    }
}

/* A relative period from a framing word at i ("over the next four years");
 * returns its end, or 0. */
static size_t relative_at(ing_sent *s, peel_arena *ar, size_t i)
{
    if (!ing_sent_mark(s, LEX_FRAME, i) || !ing_sent_mark(s, LEX_RELFRAME, i))
        return 0;
    int count = 0;
    size_t j = skip_dets(s, ing_sent_mark_end(s, LEX_FRAME, i), &count);
    if (j == ing_sent_mark_end(s, LEX_FRAME, i) || !ing_sent_mark(s, LEX_SPAN, j))
        return 0;
    size_t e = ing_sent_mark_end(s, LEX_SPAN, j);
    if (date_end(s, e))
        return 0; /* "between the period 2008/09 to 2020/21": the dates say it */
    /* "over the winter of 2022/23": a span of a date is that date's */
    size_t d;
    if (is_word(s, e, "of") && (d = date_end(s, e + 1))) {
        add_period(s, i, d, raw(s, ar, i, d), 1, 0);
        return d;
    }
    /* "... of the spending review" */
    if (is_word(s, e, "of")) {
        int c2 = 0;
        size_t k = skip_dets(s, e + 1, &c2);
        if (ing_sent_mark(s, LEX_SPAN, k))
            e = ing_sent_mark_end(s, LEX_SPAN, k);
    }
    /* "the 12 months to September 2018": a span ending on a date */
    if ((is_word(s, e, "to") || is_word(s, e, "ending") || is_word(s, e, "ended")) &&
        (d = date_end(s, e + 1))) {
        add_period(s, i, d, raw(s, ar, i, d), 1, 0);
        return d;
    }
    add_period(s, i, e, lower_raw(s, ar, i, e), 0, count);
    return e;
}

/* Periods side by side ("per year over the next four years") are one. */
static void merge_adjacent(ing_sent *s, peel_arena *ar)
{
    size_t out = 0;
    for (size_t k = 0; k < s->nper; k++) {
        ing_period *q = &s->per[k];
        if (out > 0 && s->per[out - 1].to == q->from && s->per[out - 1].text && q->text) {
            ing_period *p = &s->per[out - 1];
            p->text = peel_arena_printf(ar, "%s %s", p->text, q->text);
            p->to = q->to;
            p->dated |= q->dated;
            if (q->years)
                p->years = q->years;
            continue;
        }
        s->per[out++] = *q;
    }
    s->nper = out;
}

void ing_sent_find_periods(ing_sent *s, peel_arena *ar)
{
    s->nper = 0;
    for (size_t i = 0; i < s->t.n;) {
        size_t e;
        if ((e = dated_at(s, ar, i)) || (e = relative_at(s, ar, i))) {
            i = e;
            continue;
        }
        if (ing_sent_mark(s, LEX_WHEN, i)) {
            e = ing_sent_mark_end(s, LEX_WHEN, i);
            /* "five years earlier": one that opens with a span counts back
             * from the count before it, and is none without one unless a
             * framing word puts it in time itself ("as at year end") */
            size_t from = i;
            if (ing_sent_mark(s, LEX_SPAN, i)) {
                int counted = i > 0 && count_at(s, i - 1) && !s->used[i - 1];
                if (!counted && !framed_at(s, i)) {
                    i = e;
                    continue;
                }
                if (counted)
                    from = i - 1;
            }
            /* "an increase of £10 on last year": the base of a comparison
             * the lexicon names whole, no period of the figure */
            /* "95 fewer than there were five years ago": counted back, a
             * comparison's base */
            if (glued_to_figure(s, from)) {
                i = e;
                continue;
            }
            if (not_period_before(s, from) || (from < i && comparison_before(s, from))) {
                for (size_t k = from; k < e; k++)
                    s->used[k] = 1;
            } else
                add_period(s, from, e, lower_raw(s, ar, from, e), 0, 0);
            i = e;
            continue;
        }
        if (ing_sent_mark(s, LEX_REFER_PERIOD, i)) {
            e = ing_sent_mark_end(s, LEX_REFER_PERIOD, i);
            add_period(s, i, e, NULL, 0, 0); /* resolved from the sentence before */
            i = e;
            continue;
        }
        i++;
    }
    merge_adjacent(s, ar);
}

void ing_sent_drop_period(ing_sent *s, size_t from, size_t to)
{
    for (size_t k = 0; k < s->nper; k++)
        if (s->per[k].from >= from && s->per[k].to <= to) {
            memmove(&s->per[k], &s->per[k + 1], (s->nper - k - 1) * sizeof *s->per);
            s->nper--;
            k--;
        }
}
