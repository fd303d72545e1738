/* Prose: every number in it becomes a figure with its sentence, and the fact
 * patterns run over it.  Paragraphs broken by a page turn (or by a footnote
 * block) are joined again first, so that sentences are whole. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ing.h"

typedef struct unit {
    size_t line;      /* index of its first line */
    const char *text; /* cleaned text: its line's own (borrowed) while it has one, else own's */
    size_t len;
    peel_buf own;   /* the text of a unit of several lines */
    ing_span *span; /* the report line each part of text comes from (in the arena) */
    size_t nspan, cap;
    int bullet; /* 0 paragraph, else depth */
    int footnote;
} unit;

static int is_prose_kind(const char *k)
{
    return k &&
           (strcmp(k, "prose") == 0 || strcmp(k, "summary") == 0 || strcmp(k, "finding") == 0 ||
            strcmp(k, "bullet") == 0 || strcmp(k, "footnote") == 0);
}

/* Appends a line's cleaned text (in the report's arena) to the unit; its
 * bytes, and the space that joins it to the text before, are of that line.
 * A unit of one line, most of them, reads that line's text as it is. */
static void unit_add(peel_arena *a, unit *u, const char *text, long line)
{
    if (u->nspan == u->cap) {
        /* a new array when full (most units have one line, few more than
         * four); the old one stays in the arena */
        ing_span *old = u->span;
        u->cap = u->cap ? u->cap * 2 : 4;
        u->span = peel_arena_alloc(a, u->cap * sizeof *u->span);
        if (u->nspan)
            memcpy(u->span, old, u->nspan * sizeof *u->span);
    }
    u->span[u->nspan++] = (ing_span){u->len, line};
    size_t n = strlen(text);
    if (u->nspan == 1) {
        u->text = text;
        u->len = n;
        return;
    }
    if (u->nspan == 2)
        peel_buf_add(&u->own, u->text, u->len);
    if (u->len)
        peel_buf_putc(&u->own, ' ');
    peel_buf_add(&u->own, text, n);
    u->text = peel_buf_str(&u->own);
    u->len = u->own.len;
}

static int ends_open(const unit *u)
{
    if (!u->len)
        return 0;
    unsigned char c = (unsigned char)u->text[u->len - 1];
    /* 0x9d and 0x99 end the UTF-8 of a closing curly quote or apostrophe. */
    return !strchr(".!?:;)'\"", c) && c != 0x9d && c != 0x99;
}

/* Gathers the prose lines into units, joining page-broken paragraphs. */
static size_t gather(ing_ctx *cx, unit **out)
{
    size_t n = 0, cap = 64;
    unit *u = peel_xcalloc(cap, sizeof *u);
    long open_para = -1; /* index of the last paragraph unit, while it may go on */
    for (size_t i = 0; i < cx->doc->nline; i++) {
        ing_line *l = &cx->doc->line[i];
        if (!is_prose_kind(l->kind))
            continue;
        const char *t;
        size_t tl;
        int depth = ing_bullet(l, &t, &tl);
        if (!depth) {
            t = l->s;
            tl = l->len;
        }
        const char *text = ing_clean_line(&cx->rep->arena, l, t, tl);
        int foot = strcmp(l->kind, "footnote") == 0;
        if (!depth && !foot && open_para >= 0 && islower((unsigned char)text[0]) &&
            ends_open(&u[open_para])) {
            unit_add(&cx->rep->arena, &u[open_para], text, (long)i + 1);
            continue;
        }
        if (n == cap) {
            cap *= 2;
            u = peel_xrealloc(u, cap * sizeof *u);
            memset(u + n, 0, (cap - n) * sizeof *u);
        }
        u[n].line = i;
        u[n].bullet = depth;
        u[n].footnote = foot;
        unit_add(&cx->rep->arena, &u[n], text, (long)i + 1);
        if (!depth && !foot)
            open_para = (long)n;
        else if (depth)
            open_para = -1;
        n++;
    }
    *out = u;
    return n;
}

/* The unit's figures become figures.csv rows; *nums gets them in order
 * (owned by the caller) for the fact pass, which so reads them once. */
static size_t add_figures(ing_ctx *cx, const unit *u, const ing_line *l, int block, int item,
                          int intro, const size_t *ends, size_t nends, peel_num **nums)
{
    ing_report *rep = cx->rep;
    const char *s = u->text;
    size_t pos = 0, n = 0, cap = 0;
    peel_num num;
    *nums = NULL;
    while (peel_num_next(s, u->len, &pos, &num)) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            *nums = peel_xrealloc(*nums, cap * sizeof **nums);
        }
        (*nums)[n++] = num;
        ing_figure *f = peel_arena_alloc(&rep->arena, sizeof *f);
        char value[64];
        peel_num_format(num.value, peel_num_base_decimals(&num), value, sizeof value);
        f->num = num;
        f->value = peel_arena_strdup(&rep->arena, value);
        f->raw = peel_arena_strndup(&rep->arena, s + num.start, num.end - num.start);
        f->sentence = ing_sentence_of(&rep->arena, s, ends, nends, num.start);
        f->pillar = l->pillar ? l->pillar : "";
        f->component = l->component ? l->component : "";
        f->line = ing_span_line(u->span, u->nspan, num.start);
        f->block = block;
        f->item = item;
        f->intro = intro;
        peel_vec_push(&rep->figures, f);
    }
    return n;
}

void ing_parse_prose(ing_ctx *cx)
{
    unit *u;
    size_t n = gather(cx, &u);
    int block = 0, item = 0;
    const char *intro = NULL;
    ing_intro_memo memo = {0};
    ing_facts_work work = {0};
    size_t *ends = NULL, cap_ends = 0; /* the unit's sentences, unit to unit */
    for (size_t k = 0; k < n; k++) {
        const ing_line *l = &cx->doc->line[u[k].line];
        int is_item = u[k].bullet && strcmp(l->kind, "finding") != 0;
        if (!is_item || item == 0)
            block++;
        item = is_item ? item + 1 : 0;
        int is_intro = !u[k].bullet && u[k].len && u[k].text[u[k].len - 1] == ':';
        if (!is_item)
            intro = is_intro ? u[k].text : NULL;
        peel_num *nums;
        size_t nends = ing_sentence_ends(u[k].text, &ends, &cap_ends);
        size_t nnum = add_figures(cx, &u[k], l, block, item, is_intro, ends, nends, &nums);
        ing_block b = {.text = u[k].text,
                       .num = nums,
                       .nnum = nnum,
                       .ends = ends,
                       .nends = nends,
                       .span = u[k].span,
                       .nspan = u[k].nspan,
                       .pillar = l->pillar ? l->pillar : "",
                       .component = l->component ? l->component : "",
                       .intro = is_item ? intro : NULL,
                       .memo = &memo,
                       .work = &work};
        ing_facts_match(cx, &b);
        free(nums);
    }
    ing_facts_work_release(&work);
    free(ends);
    for (size_t k = 0; k < n; k++)
        peel_buf_release(&u[k].own);
    free(u);
}

/* ---- sentences ---- */

/* Each with its length: a word before a dot is compared only with those of
 * its own length, and one longer than the longest is none. */
static const struct {
    const char *text;
    size_t len;
} ABBREVIATIONS[] = {{"e.g", 3}, {"i.e", 3}, {"etc", 3}, {"no", 2}, {"mr", 2},     {"mrs", 3},
                     {"ms", 2},  {"dr", 2},  {"st", 2},  {"vs", 2}, {"approx", 6}, {"cf", 2}};
enum { LONGEST_ABBREVIATION = 6 }; /* "approx" */

static int abbreviation_before(const char *text, size_t dot)
{
    size_t start = dot;
    while (start > 0 && dot - start <= LONGEST_ABBREVIATION &&
           (isalpha((unsigned char)text[start - 1]) || text[start - 1] == '.'))
        start--;
    size_t len = dot - start;
    if (len > LONGEST_ABBREVIATION)
        return 0; /* the word goes on before: longer than any */
    for (size_t k = 0; k < sizeof ABBREVIATIONS / sizeof *ABBREVIATIONS; k++)
        if (ABBREVIATIONS[k].len == len &&
            strncasecmp(text + start, ABBREVIATIONS[k].text, len) == 0)
            return 1;
    return 0;
}

/* A sentence ends at i when text[i] is . ! or ? followed by a blank and then
 * something that can start a sentence. */
static int sentence_end(const char *text, size_t i)
{
    char c = text[i];
    if ((c != '.' && c != '!' && c != '?') || text[i + 1] != ' ')
        return 0;
    unsigned char next = (unsigned char)text[i + 2];
    if (!(isupper(next) || isdigit(next) || next == '\'' || next == '"' || next >= 0x80))
        return 0;
    return text[i] != '.' || !abbreviation_before(text, i);
}

size_t ing_sentence_end(const char *text, size_t start)
{
    size_t end = start;
    /* only . ! ? can end one: the bytes between are passed over at once */
    while (text[end += strcspn(text + end, ".!?")] && !sentence_end(text, end))
        end++;
    return text[end] ? end + 1 : end;
}

size_t ing_sentence_ends(const char *text, size_t **ends, size_t *cap)
{
    size_t n = 0, len = strlen(text);
    for (size_t pos = 0; pos < len; n++) {
        if (n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            *ends = peel_xrealloc(*ends, *cap * sizeof **ends);
        }
        pos = (*ends)[n] = ing_sentence_end(text, pos);
    }
    return n;
}

char *ing_sentence_of(peel_arena *a, const char *text, const size_t *ends, size_t nends, size_t off)
{
    /* the first sentence ending after off, by bisection: a long paragraph
     * has many */
    size_t lo = 0, hi = nends;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ends[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t start = lo ? ends[lo - 1] : 0, end = lo < nends ? ends[lo] : strlen(text);
    while (start < end && text[start] == ' ')
        start++;
    return peel_arena_strndup(a, text + start, end - start);
}
