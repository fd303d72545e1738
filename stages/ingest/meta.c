/* Report metadata: force, year, title, inspector, publication month, ISBN.
 * The shapes are those of every PEEL report's front and back matter. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ing.h"

static const char *find_ci(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return s;
    return NULL;
}

/* First "2018/19" shaped year in s, copied to out. */
static int year_in(const char *s, char *out, size_t cap)
{
    for (size_t i = 0; s[i]; i++) {
        const char *p = s + i;
        if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
            isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3]) && p[4] == '/' &&
            isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6]) &&
            (i == 0 || !isdigit((unsigned char)p[-1])) && !isdigit((unsigned char)p[7])) {
            snprintf(out, cap, "%.7s", p);
            return 1;
        }
    }
    return 0;
}

static long find_title(ing_ctx *cx, char *year, size_t cap)
{
    long year_line = 0;
    ing_report *rep = cx->rep;
    for (size_t i = 0; i < cx->doc->nline && i < 40; i++) {
        const char *t;
        size_t tl;
        if (!ing_heading(&cx->doc->line[i], &t, &tl))
            continue;
        char *text = ing_clean(&rep->arena, t, tl);
        if (!year[0] && year_in(text, year, cap)) {
            year_line = (long)i + 1;
            ing_meta_add(rep, "title", text, year_line);
            ing_mark(cx, i, "title", NULL);
        } else if (i < 5 && !cx->doc->line[i].kind) {
            ing_meta_add(rep, "series", text, (long)i + 1);
            ing_mark(cx, i, "title", NULL);
        }
    }
    return year_line;
}

static void find_force(ing_ctx *cx)
{
    static const char lead[] = "An inspection of ";
    for (size_t i = 0; i < cx->doc->nline && i < 60 && !cx->rep->force; i++) {
        const ing_line *l = &cx->doc->line[i];
        if (l->len <= sizeof lead || strncasecmp(l->s, lead, sizeof lead - 1) != 0)
            continue;
        char *name = ing_clean(&cx->rep->arena, l->s + sizeof lead - 1, l->len - sizeof lead + 1);
        if (strncasecmp(name, "the ", 4) == 0)
            name += 4;
        size_t n = strlen(name);
        while (n > 0 && name[n - 1] == '.')
            name[--n] = '\0';
        if (n == 0)
            continue;
        cx->rep->force = name;
        ing_meta_add(cx->rep, "force", name, (long)i + 1);
        ing_mark(cx, i, "title", NULL);
    }
}

/* "**Name**" then, after blanks, a line naming the role ("HM Inspector of ..."). */
static void find_inspector(ing_ctx *cx)
{
    for (size_t i = 0; i < cx->doc->nline; i++) {
        const char *t;
        size_t tl;
        if (!ing_bold_line(&cx->doc->line[i], &t, &tl) || ing_grade_of(t, tl))
            continue;
        size_t j = i + 1;
        while (j < cx->doc->nline && ing_is_blank(&cx->doc->line[j]))
            j++;
        if (j == cx->doc->nline)
            return;
        const char *rt;
        size_t rtl;
        if (ing_heading(&cx->doc->line[j], &rt, &rtl) ||
            ing_bold_line(&cx->doc->line[j], &rt, &rtl))
            continue;
        char *role = ing_clean(&cx->rep->arena, cx->doc->line[j].s, cx->doc->line[j].len);
        if (!find_ci(role, "inspector") || strlen(role) > 80)
            continue;
        ing_meta_add(cx->rep, "inspector", ing_clean(&cx->rep->arena, t, tl), (long)i + 1);
        ing_meta_add(cx->rep, "inspector_role", role, (long)j + 1);
        ing_mark(cx, i, "inspector", NULL);
        ing_mark(cx, j, "inspector", NULL);
        return;
    }
}

static const char *const MONTHS[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

/* "September 2019 | ©HMICFRS 2019 | ISBN: 978-1-78655-863-3" */
static void find_imprint(ing_ctx *cx)
{
    for (size_t i = cx->doc->nline; i-- > 0;) {
        const ing_line *l = &cx->doc->line[i];
        char *text = ing_clean(&cx->rep->arena, l->s, l->len);
        const char *isbn = find_ci(text, "ISBN");
        if (!isbn)
            continue;
        ing_mark(cx, i, "meta", NULL);
        const char *p = isbn + 4;
        while (*p == ':' || *p == ' ')
            p++;
        size_t n = strcspn(p, " |");
        ing_meta_add(cx->rep, "isbn", peel_arena_strndup(&cx->rep->arena, p, n), (long)i + 1);
        for (int m = 0; m < 12; m++) {
            int year;
            char month[16];
            if (sscanf(text, "%15s %d", month, &year) == 2 && strcmp(month, MONTHS[m]) == 0) {
                char buf[32];
                snprintf(buf, sizeof buf, "%s %d", MONTHS[m], year);
                ing_meta_add(cx->rep, "published", buf, (long)i + 1);
                snprintf(buf, sizeof buf, "%04d-%02d-01", year, m + 1);
                ing_meta_add(cx->rep, "published_date", buf, (long)i + 1);
            }
        }
        return;
    }
}

peel_status ing_parse_meta(ing_ctx *cx, peel_err *err)
{
    char year[16] = "";
    long year_line = find_title(cx, year, sizeof year);
    find_force(cx);
    if (!cx->rep->force)
        return PEEL_FAIL(err, PEEL_EDATA, cx->doc->name, 0,
                         "no \"An inspection of ...\" line near the top: not a PEEL report");
    if (!year[0])
        return PEEL_FAIL(err, PEEL_EDATA, cx->doc->name, 0,
                         "no inspection year (such as 2018/19) in the title headings");
    cx->rep->year = peel_arena_strdup(&cx->rep->arena, year);
    ing_meta_add(cx->rep, "year", year, year_line);
    find_inspector(cx);
    find_imprint(cx);
    return PEEL_OK;
}
