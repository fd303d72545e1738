/* Spot checks by value on the records of the real report and the fictional
 * force.  The expected values were read off the report by hand: grades from
 * the overall summary table (lines 104-121) and the section headings, the
 * workforce table (lines 95-98), and facts from the finance and vetting
 * paragraphs (lines 759-763, 946). */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ing.h"
#include "ingest.h"
#include "peel_csv.h"

static char out_dir[256];

static void ingest(const char *report, char *report_dir, size_t cap)
{
    peel_ingest_opts o = {
        .input = report, .outdir = out_dir, .data_dir = PEEL_DATA_DIR, .quiet = 1};
    peel_ingest_result res;
    peel_err err = {0};
    assert_int_equal(peel_ingest_run(&o, &res, &err), PEEL_OK);
    snprintf(report_dir, cap, "%s", res.report_dir);
    peel_warnings_release(&res.warnings);
}

static void load(const char *report_dir, const char *name, peel_csv_doc *doc)
{
    char path[4200];
    peel_err err = {0};
    snprintf(path, sizeof path, "%s/data/%s", report_dir, name);
    assert_int_equal(peel_csv_load(path, doc, &err), PEEL_OK);
}

/* The row whose columns match all key=value pairs (NULL-terminated list). */
static size_t find_row(const peel_csv_doc *doc, ...)
{
    for (size_t r = 0; r < doc->nrow; r++) {
        va_list ap;
        va_start(ap, doc);
        int ok = 1;
        const char *col;
        while (ok && (col = va_arg(ap, const char *)) != NULL) {
            const char *want = va_arg(ap, const char *);
            ok = strcmp(peel_csv_text(peel_csv_get(doc, r, peel_csv_col(doc, col))), want) == 0;
        }
        va_end(ap);
        if (ok)
            return r;
    }
    fail_msg("no matching row");
    return 0;
}

static const char *cell(const peel_csv_doc *doc, size_t r, const char *col)
{
    return peel_csv_text(peel_csv_get(doc, r, peel_csv_col(doc, col)));
}

/* The force by any of its names makes the same generic label. */
static void generic_labels(void **state)
{
    static const char *const cases[][3] = {
        {"Northmoor Constabulary", "Northmoor Police workforce", "force workforce"},
        {"Northmoor Constabulary", "Northmoor Constabulary workforce", "force workforce"},
        {"Northmoor Constabulary", "Northmoor workforce", "force workforce"},
        {"Northmoor Constabulary", "Northmoor Police Service rate", "force rate"},
        {"Northmoor Constabulary", "Northmoor Police's workforce", "force workforce"},
        {"Northmoor Constabulary", "The constabulary's workforce", "force workforce"},
        {"Northmoor Constabulary", "the force's workforce", "force workforce"},
        {"the Metropolitan Police Service", "Metropolitan Police rate", "force rate"},
        {"Northmoor Constabulary", "England and Wales rate", "England and Wales rate"},
        {"Avon and Somerset Constabulary", "Avon rate", "Avon rate"},
    };
    (void)state;
    peel_arena a;
    peel_arena_init(&a);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_string_equal(ing_generic_label(&a, cases[k][1], cases[k][0]), cases[k][2]);
    peel_arena_release(&a);
}

/* Markup cleaning: blanks of every kind folded to one space and trimmed,
 * tags and footnote marks dropped, link text kept, escapes and bold
 * removed, and what is left byte for byte as it was. */
static void cleaning(void **state)
{
    static const char *const cases[][2] = {
        {"plain words, one space", "plain words, one space"},
        {"  lead and\ttab\r\nand  double   spaces  ", "lead and tab \nand double spaces"},
        {"a\t \tb", "a b"},
        {"**bold** and <b>tagged</b> text", "bold and tagged text"},
        {"a mark<sup>12</sup> here", "a mark here"},
        {"see [the  report](#ref) now", "see the report now"},
        {"[  spaced ](#x) link", "spaced link"},
        {"escaped \\(sic\\) and \\* star", "escaped (sic) and * star"},
        {"word <i>in</i>  italics *single", "word in italics *single"},
        {"\xC2\xA3 12m \xE2\x80\x93 caf\xC3\xA9 ", "\xC2\xA3 12m \xE2\x80\x93 caf\xC3\xA9"},
        {"   ", ""},
    };
    (void)state;
    peel_arena a;
    peel_arena_init(&a);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        assert_string_equal(ing_clean(&a, cases[k][0], strlen(cases[k][0])), cases[k][1]);
    peel_arena_release(&a);
}

/* A paragraph about the force opens with it, by any of its names. */
static void opens_with_force(void **state)
{
    static const struct {
        const char *force, *text;
        int want;
    } cases[] = {
        {"Northmoor Constabulary", "The force has sufficient armed officers.", 1},
        {"Northmoor Constabulary", "Northmoor Constabulary has a good understanding.", 1},
        {"Northmoor Constabulary", "Northmoor Police works well with others.", 1},
        {"Northmoor Constabulary", "The constabulary's plan is ambitious.", 1},
        {"Northmoor Constabulary", "The force’s plan is ambitious.", 1},
        {"the Metropolitan Police Service", "The Metropolitan Police Service has a plan.", 1},
        {"Northmoor Constabulary", "Last year we identified an area for improvement.", 0},
        {"Northmoor Constabulary", "Because of the threat, the force has received funding.", 0},
        {"Northmoor Constabulary", "Forces must set out their threat.", 0},
        {"Northmoor Constabulary", "The forcefield is strong.", 0},
        {"Northmoor Constabulary", "Force.", 0},
    };
    (void)state;
    peel_arena a;
    peel_arena_init(&a);
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        int got = ing_opens_with_force(&a, cases[k].text, cases[k].force) != 0;
        if (got != cases[k].want)
            fail_msg("%s: got %d", cases[k].text, got);
    }
    peel_arena_release(&a);
}

/* Armed policing has no summary and no findings in the bundled report: its
 * section's paragraphs about the force stand in, marked as such; no area
 * the report sums up gets any. */
static void met_section_summaries(void **state)
{
    (void)state;
    char dir[4096];
    peel_csv_doc s;
    ingest(MET_REPORT, dir, sizeof dir);
    load(dir, "summaries.csv", &s);
    const char *want[] = {"509", "521", "525"};
    size_t n = 0;
    for (size_t r = 0; r < s.nrow; r++) {
        if (strcmp(peel_csv_get(&s, r, peel_csv_col(&s, "from")), "section") != 0)
            continue;
        assert_string_equal(peel_csv_get(&s, r, peel_csv_col(&s, "component")), "armed-policing");
        assert_true(n < 3);
        assert_string_equal(peel_csv_get(&s, r, peel_csv_col(&s, "source_line")), want[n]);
        n++;
    }
    assert_int_equal(n, 3);
    peel_csv_doc_release(&s);
}

static void met_grades(void **state)
{
    (void)state;
    char dir[4096];
    peel_csv_doc j;
    ingest(MET_REPORT, dir, sizeof dir);
    load(dir, "judgments.csv", &j);
    assert_int_equal(j.nrow, 13);
    size_t r = find_row(&j, "pillar", "effectiveness", "component", "", NULL);
    assert_string_equal(cell(&j, r, "grade"), "Requires improvement");
    r = find_row(&j, "pillar", "legitimacy", "component", "", NULL);
    assert_string_equal(cell(&j, r, "grade"), "Good"); /* only under its heading */
    assert_string_equal(cell(&j, r, "summary_grade"), "");
    assert_string_equal(cell(&j, r, "source_line"), "821");
    r = find_row(&j, "component", "serious-organised-crime", NULL);
    assert_string_equal(cell(&j, r, "grade"), "Outstanding");
    r = find_row(&j, "component", "armed-policing", NULL); /* "Armed response capability" */
    assert_string_equal(cell(&j, r, "grade"), "Ungraded");
    assert_string_equal(cell(&j, r, "inspected"), "yes"); /* "Firearms capability": Yes */
    r = find_row(&j, "component", "treating-public-fairly",
                 NULL); /* "Fair treatment of the public" */
    assert_string_equal(cell(&j, r, "grade"), "Good");
    assert_string_equal(cell(&j, r, "last_inspected"), "2018/19");
    r = find_row(&j, "component", "ethical-lawful-behaviour", NULL);
    assert_string_equal(cell(&j, r, "grade"), "Requires improvement");
    assert_string_equal(cell(&j, r, "section_line"), "906");
    peel_csv_doc_release(&j);
}

static void met_workforce(void **state)
{
    (void)state;
    char dir[4096];
    peel_csv_doc t;
    ingest(MET_REPORT, dir, sizeof dir);
    load(dir, "tables.csv", &t);
    size_t r = find_row(&t, "table", "force-workforce", "row", "police-officer", "column",
                        "fte-in-post-on-31-march-2019", NULL);
    assert_string_equal(cell(&t, r, "value"), "30435");
    assert_string_equal(cell(&t, r, "unit"), "FTE");
    assert_string_equal(cell(&t, r, "raw"), "30,435");
    assert_string_equal(cell(&t, r, "source_line"), "96");
    r = find_row(&t, "table", "force-workforce", "row", "police-staff", "column",
                 "fte-in-post-on-31-march-2014", NULL);
    assert_string_equal(cell(&t, r, "value"), "11303");
    r = find_row(&t, "table", "force-workforce", "row", "police-community-support-officer",
                 "column", "percentage-change", NULL);
    assert_string_equal(cell(&t, r, "value"), "-40");
    assert_string_equal(cell(&t, r, "unit"), "%");
    assert_string_equal(cell(&t, r, "period"), "31 March 2014 to 31 March 2019");
    r = find_row(&t, "table", "comparison-of-force-workforce-ethnicity-with-local-population",
                 "column", "local-population-proportion", "source_line", "803", NULL);
    assert_string_equal(cell(&t, r, "value"), "40.2");
    peel_csv_doc_release(&t);
}

static void met_facts(void **state)
{
    (void)state;
    char dir[4096];
    peel_csv_doc f;
    ingest(MET_REPORT, dir, sizeof dir);
    load(dir, "facts.csv", &f);
    size_t r = find_row(&f, "key", "budget.net", NULL);
    assert_string_equal(cell(&f, r, "value"), "3381000000");
    assert_string_equal(cell(&f, r, "period"), "2019/20");
    r = find_row(&f, "key", "reserves.opening", NULL);
    assert_string_equal(cell(&f, r, "value"), "154000000");
    r = find_row(&f, "key", "reserves.closing", NULL);
    assert_string_equal(cell(&f, r, "value"), "43000000");
    assert_string_equal(cell(&f, r, "source_line"), "763");
    r = find_row(&f, "key", "reserves.general", NULL);
    assert_string_equal(cell(&f, r, "value"), "46000000");
    r = find_row(&f, "key", "investment.total", NULL);
    assert_string_equal(cell(&f, r, "value"), "1580000000");
    r = find_row(&f, "key", "investment.part", "source_line", "636", NULL);
    assert_string_equal(cell(&f, r, "value"), "130000000");
    assert_string_equal(cell(&f, r, "label"), "£130m in its fleet to reduce emissions");
    r = find_row(&f, "key", "vetting.no_clearance.pcsos", NULL);
    assert_string_equal(cell(&f, r, "value"), "72");
    assert_string_equal(cell(&f, r, "period"), "April 2019");
    r = find_row(&f, "key", "diversity.bame.officers", NULL);
    assert_string_equal(cell(&f, r, "raw"), "Fourteen percent");
    assert_string_equal(cell(&f, r, "value"), "14");
    peel_csv_doc_release(&f);
}

static void met_nested_finding(void **state)
{
    (void)state;
    char dir[4096];
    peel_csv_doc f;
    ingest(MET_REPORT, dir, sizeof dir);
    load(dir, "findings.csv", &f);
    assert_int_equal(f.nrow, 26); /* 4 + 6 + 1 + 3 + 8 + 4, counted in the report */
    size_t r = find_row(&f, "source_line", "929", NULL);
    assert_string_equal(cell(&f, r, "last_line"), "932");
    assert_non_null(strstr(cell(&f, r, "text"), "The force should ensure it:\n- has sufficient"));
    r = find_row(&f, "source_line", "348", NULL); /* a cause of concern stated as a paragraph */
    assert_string_equal(cell(&f, r, "kind"), "cause_of_concern");
    assert_string_equal(cell(&f, r, "component"), "protecting-vulnerable-people");
    peel_csv_doc_release(&f);
}

static void northmoor_scope(void **state)
{
    (void)state;
    char dir[4096];
    peel_csv_doc j;
    ingest(NORTHMOOR_REPORT, dir, sizeof dir);
    assert_non_null(strstr(dir, "northmoor-constabulary-2018-19"));
    load(dir, "judgments.csv", &j);
    size_t r = find_row(&j, "component", "treating-public-fairly", NULL);
    assert_string_equal(cell(&j, r, "inspected"), "no");
    assert_string_equal(cell(&j, r, "grade"), "Good");
    assert_string_equal(cell(&j, r, "last_inspected"), "2017");
    assert_string_equal(cell(&j, r, "section_grade"), ""); /* no section this year */
    r = find_row(&j, "pillar", "efficiency", "component", "", NULL);
    assert_string_equal(cell(&j, r, "grade"), "Good"); /* missing from the table */
    assert_string_equal(cell(&j, r, "source_line"), "157");
    r = find_row(&j, "component", "planning-for-the-future", NULL);
    assert_string_equal(cell(&j, r, "grade"), "Outstanding");
    peel_csv_doc_release(&j);
}

/* The bundled lexicon and fact catalogue (pipeline/). */
static void bundled_lexicon(ing_lexicon *lx)
{
    peel_err err;
    assert_int_equal(
        ing_lexicon_load(lx, PEEL_DATA_DIR "/lexicon.csv", PEEL_DATA_DIR "/facts.csv", &err),
        PEEL_OK);
}

/* The figures a sentence of a long block is given are exactly those of the
 * block's figures inside it, in order (they are found by bisection), and
 * the prefilter says "none" only of a sentence whose tokens hold none. */
static void block_figures_by_sentence(void **state)
{
    (void)state;
    ing_lexicon lx;
    bundled_lexicon(&lx);
    char text[8192];
    size_t off = 0;
    for (int k = 0; k < 60; k++) {
        size_t room = sizeof text - off;
        int n = k % 3 == 0   ? snprintf(text + off, room, "It had %d officers and %d staff. ",
                                        100 + k, 200 + k)
                : k % 3 == 1 ? snprintf(text + off, room, "The force said so. ")
                             : snprintf(text + off, room, "A quarter of %d were new. ", 300 + k);
        assert_true(n > 0 && (size_t)n < room);
        off += (size_t)n;
    }
    peel_num *num;
    size_t nnum = ing_scan_nums(text, &num), seen = 0, len = strlen(text);
    peel_arena a;
    peel_arena_init(&a);
    ing_tokens t = {0};
    for (size_t pos = 0, k = 0; pos < len; k++) {
        size_t end = ing_sentence_end(text, pos);
        ing_tokenize(&a, text, pos, end, num, nnum, &t);
        size_t figs = 0, words = 0;
        for (size_t i = 0; i < t.n; i++) {
            if (t.tok[i].kind == TOK_FIG && !t.tok[i].num.is_word) {
                assert_true(seen < nnum);
                assert_int_equal(t.tok[i].start, num[seen].start); /* the next, in order */
                seen++;
            }
            figs += t.tok[i].kind == TOK_FIG;
            words += t.tok[i].kind == TOK_WORD;
        }
        assert_int_equal(figs, k % 3 == 0 ? 2 : k % 3 == 1 ? 0 : 1);
        assert_true(words > 0);
        if (figs)
            assert_true(ing_may_hold_figures(&lx, text, pos, end, num, nnum));
        pos = end;
    }
    assert_int_equal(seen, nnum); /* every figure, once */
    ing_tokens_release(&t);
    peel_arena_release(&a);
    free(num);
    ing_lexicon_release(&lx);
}

/* Words as the tokenizer writes them: lower case, digits kept, bytes past
 * ASCII as they are, apostrophes inside a word made straight, a hyphen
 * between letters splitting without a token; each hashed as the lexicon
 * hashes its words. */
static void words_as_written(void **state)
{
    (void)state;
    const char *text = "The Force's DON'T Caf\xC3\xA9s COVID19 rock\xE2\x80\x99n full-time "
                       "INTEROPERABILITY";
    static const char *const want[] = {"the",    "force's", "don't", "caf\xC3\xA9s",    "covid19",
                                       "rock'n", "full",    "time",  "interoperability"};
    peel_arena a;
    peel_arena_init(&a);
    ing_tokens t = {0};
    ing_tokenize(&a, text, 0, strlen(text), NULL, 0, &t);
    assert_int_equal(t.n, sizeof want / sizeof *want);
    for (size_t i = 0; i < t.n; i++) {
        assert_int_equal(t.tok[i].kind, TOK_WORD);
        assert_string_equal(t.tok[i].word, want[i]);
        assert_int_equal(t.tok[i].wlen, strlen(want[i]));
        assert_true(t.tok[i].hash == ing_lexicon_hash(want[i], strlen(want[i])));
    }
    assert_int_equal(t.tok[t.n - 1].end, strlen(text));
    ing_tokens_release(&t);
    peel_arena_release(&a);
}

/* A fraction term whose last word is not all ASCII letters ("a moiti\u00e9",
 * in a lexicon of its own) turns the first-letters test off: its sentence
 * still goes to the tokenizer, which makes the share. */
static void prefilter_with_an_odd_fraction(void **state)
{
    (void)state;
    char lexicon[300], cmd[900];
    snprintf(lexicon, sizeof lexicon, "%s/odd-lexicon.csv", out_dir);
    snprintf(cmd, sizeof cmd,
             "cp '%s/lexicon.csv' '%s' && printf 'fraction,50,une moiti\\303\\251,\\n' >> '%s'",
             PEEL_DATA_DIR, lexicon, lexicon);
    assert_int_equal(system(cmd), 0);
    ing_lexicon lx;
    peel_err err;
    assert_int_equal(ing_lexicon_load(&lx, lexicon, PEEL_DATA_DIR "/facts.csv", &err), PEEL_OK);
    assert_true(lx.fraction_odd);
    const char *text = "Une moiti\xC3\xA9 were new.";
    size_t end = ing_sentence_end(text, 0);
    peel_arena a;
    peel_arena_init(&a);
    ing_sent s = {0};
    assert_true(ing_sent_tokens(&s, &lx, &a, text, 0, end, NULL, 0) > 0);
    assert_true(ing_may_hold_figures(&lx, text, 0, end, NULL, 0));
    ing_sent_release(&s);
    peel_arena_release(&a);
    ing_lexicon_release(&lx);
}

/* The tokens of a sentence as ing_sent_tokens leaves them: a word as
 * itself, a figure as its value ("<value>%" a share), marks dropped. */
static void sentence_tokens(ing_sent *s, const ing_lexicon *lx, peel_arena *a, const char *text,
                            char *out, size_t cap)
{
    size_t end = ing_sentence_end(text, 0), off = 0;
    ing_sent_tokens(s, lx, a, text, 0, end, NULL, 0);
    out[0] = '\0';
    for (size_t i = 0; i < s->t.n && off < cap; i++) {
        const ing_tok *t = &s->t.tok[i];
        if (t->kind == TOK_WORD)
            off += (size_t)snprintf(out + off, cap - off, "%s ", t->word);
        else if (t->kind == TOK_FIG)
            off += (size_t)snprintf(out + off, cap - off, "%g%s ", t->num.value,
                                    t->num.unit == PEEL_UNIT_PCT ? "%" : "");
    }
}

/* Fraction terms become one share figure wherever they stand, and only
 * they: a word a fraction starts with and none it ends with after it (or
 * one it ends with before it) merges nothing, which lets most sentences
 * skip the asking token by token. */
static void fractions_merged(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"A quarter of them were new.", "25% of them were new "},
        {"Of them, a quarter were new and three quarters old.",
         "of them 25% were new and 75% old "},
        {"They were new, about half.", "they were new 50% "},
        {"A lot of them were one of a kind.", "a lot of them were 1 of a kind "},
        {"Half of a lot were more than new.", "half of a lot were more than new "},
        {"The third one was a quarter.", "the third 1 was 25% "},
        {"One in five said so.", "20% said so "}};
    ing_lexicon lx;
    bundled_lexicon(&lx);
    peel_arena a;
    peel_arena_init(&a);
    ing_sent s = {0};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char got[256];
        sentence_tokens(&s, &lx, &a, cases[k][0], got, sizeof got);
        assert_string_equal(got, cases[k][1]);
    }
    ing_sent_release(&s);
    peel_arena_release(&a);
    ing_lexicon_release(&lx);
}

/* The values of the terms ing_lexicon_at finds at the first n words of
 * text (blank-separated, lower case), at most max, joined by blanks. */
static void terms_found(const ing_lexicon *lx, const char *text, int n, int max, char *out,
                        size_t cap)
{
    const char *w[8];
    size_t wh[8];
    int nw = 0;
    for (const char *p = text; *p && nw < 8;) {
        size_t len = strcspn(p, " ");
        wh[nw] = ing_lexicon_hash(p, len);
        w[nw] = ing_lexicon_word(lx, p, len, wh[nw]);
        nw++;
        p += len + (p[len] == ' ');
    }
    const ing_term *at[8];
    int found = ing_lexicon_at(lx, w, wh, n < nw ? n : nw, at, max);
    size_t off = 0;
    out[0] = '\0';
    for (int k = 0; k < found && off < cap; k++)
        off += (size_t)snprintf(out + off, cap - off, "%s%s", k ? " " : "", at[k]->value);
}

/* The terms at a word, of one word and of more, come in file order
 * whichever chain holds them; one longer than the words given, or whose
 * later words differ, is not among them; max stops the list. */
static void lexicon_terms_at(void **state)
{
    (void)state;
    char lexicon[300], cmd[900];
    snprintf(lexicon, sizeof lexicon, "%s/at-lexicon.csv", out_dir);
    snprintf(cmd, sizeof cmd,
             "printf 'kind,value,terms,note\\nconcept,c1,police force,\\ngroup,g1,police,\\n"
             "unit,u1,police force area|police staff,\\ncue,q1,police,\\n' > '%s'",
             lexicon);
    assert_int_equal(system(cmd), 0);
    ing_lexicon lx;
    peel_err err;
    assert_int_equal(ing_lexicon_load(&lx, lexicon, PEEL_DATA_DIR "/facts.csv", &err), PEEL_OK);
    static const struct {
        const char *text;
        int n, max;
        const char *want;
    } cases[] = {{"police force area", 3, 8, "c1 g1 u1 q1"},
                 {"police force area", 2, 8, "c1 g1 q1"},
                 {"police force area", 1, 8, "g1 q1"},
                 {"police force area", 3, 2, "c1 g1"},
                 {"police staff", 2, 8, "g1 u1 q1"},
                 {"police area", 2, 8, "g1 q1"},
                 {"force area", 2, 8, ""}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char got[128];
        terms_found(&lx, cases[k].text, cases[k].n, cases[k].max, got, sizeof got);
        assert_string_equal(got, cases[k].want);
    }
    ing_lexicon_release(&lx);
}

/* A block's sentences found once (ing_sentence_ends) are those read one
 * after another from its start, and every byte's sentence
 * (ing_sentence_of) is the one of them holding it, blanks before it left
 * out; abbreviations and a closing quote end none. */
static void sentences_of_a_block(void **state)
{
    (void)state;
    const char *text = "It rose by 5%, e.g. in Kent. No. 4 fell! Was it approx. 10? "
                       "He said \"so.\" Then 12 more.";
    const char *want[] = {"It rose by 5%, e.g. in Kent.", "No. 4 fell!", "Was it approx. 10?",
                          "He said \"so.\" Then 12 more."};
    size_t *ends = NULL, cap = 0, n = ing_sentence_ends(text, &ends, &cap);
    assert_int_equal(n, 4);
    peel_arena a;
    peel_arena_init(&a);
    for (size_t k = 0, pos = 0; k < n; pos = ends[k++]) {
        assert_int_equal(ends[k], ing_sentence_end(text, pos));
        for (size_t off = pos; off < ends[k]; off++)
            if (text[off] != ' ')
                assert_string_equal(ing_sentence_of(&a, text, ends, n, off), want[k]);
    }
    peel_arena_release(&a);
    free(ends);
}

/* The prefilter's first test (a word's first two letters, for number words
 * and the fractions' last words together) passes every word the tokens make
 * a figure of: each number word, each fraction, in three cases and in
 * several places of a sentence; and it stops sentences without one. */
static void prefilter_by_first_letters(void **state)
{
    (void)state;
    static const char *const words[] = {"zero",           "one",       "two",         "three",
                                        "four",           "five",      "six",         "seven",
                                        "eight",          "nine",      "ten",         "eleven",
                                        "twelve",         "thirteen",  "fourteen",    "fifteen",
                                        "sixteen",        "seventeen", "eighteen",    "nineteen",
                                        "twenty",         "thirty",    "forty",       "fifty",
                                        "sixty",          "seventy",   "eighty",      "ninety",
                                        "twenty-three",   "a hundred", "one hundred", "a quarter",
                                        "three quarters", "a half",    "about half",  "a third",
                                        "two thirds",     "two-thirds"};
    /* what comes before and after the word */
    static const char *const frames[][2] = {
        {"It was ", " of them. "},
        {"", " were new. "},
        {"(", ") said so. "},
        {"They said: ", "."},
        /* words longer than eight bytes before and after (read eight at a time) */
        {"Notwithstanding counterbalancing ", " undercounted."}};
    ing_lexicon lx;
    bundled_lexicon(&lx);
    peel_arena a;
    peel_arena_init(&a);
    ing_sent s = {0};
    for (size_t w = 0; w < sizeof words / sizeof *words; w++)
        for (int c = 0; c < 3; c++)
            for (size_t f = 0; f < sizeof frames / sizeof *frames; f++) {
                char word[32], text[128];
                snprintf(word, sizeof word, "%s", words[w]);
                for (char *p = word; *p; p++)
                    if (c == 2 || (c == 1 && p == word))
                        *p = (char)toupper((unsigned char)*p);
                snprintf(text, sizeof text, "%s%s%s", frames[f][0], word, frames[f][1]);
                size_t end = ing_sentence_end(text, 0);
                size_t figs = ing_sent_tokens(&s, &lx, &a, text, 0, end, NULL, 0);
                assert_true(figs > 0);
                assert_true(ing_may_hold_figures(&lx, text, 0, end, NULL, 0));
            }
    static const char *const plain[] = {"The force said so.", "Of all the staff, that is it.",
                                        "Then there were others, and so on.", "A B c d.",
                                        "Notwithstanding counterbalancing undercounted."};
    for (size_t k = 0; k < sizeof plain / sizeof *plain; k++)
        assert_false(ing_may_hold_figures(&lx, plain[k], 0, strlen(plain[k]), NULL, 0));
    ing_sent_release(&s);
    peel_arena_release(&a);
    ing_lexicon_release(&lx);
}

static int setup(void **state)
{
    (void)state;
    snprintf(out_dir, sizeof out_dir, "/tmp/peel-spot-XXXXXX");
    return mkdtemp(out_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", out_dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cleaning),
        cmocka_unit_test(generic_labels),
        cmocka_unit_test(opens_with_force),
        cmocka_unit_test(met_section_summaries),
        cmocka_unit_test(met_grades),
        cmocka_unit_test(met_workforce),
        cmocka_unit_test(met_facts),
        cmocka_unit_test(met_nested_finding),
        cmocka_unit_test(northmoor_scope),
        cmocka_unit_test(block_figures_by_sentence),
        cmocka_unit_test(prefilter_by_first_letters),
        cmocka_unit_test(prefilter_with_an_odd_fraction),
        cmocka_unit_test(words_as_written),
        cmocka_unit_test(sentences_of_a_block),
        cmocka_unit_test(fractions_merged),
        cmocka_unit_test(lexicon_terms_at),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
