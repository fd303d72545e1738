/* Benchmark corpus: N reports made from the real one, each a different force
 * (the 43 forces of England and Wales, then numbered ones) in a different
 * year, with every figure in tables and prose perturbed within ±10%, so
 * that reconciliation does real work and some checks fail.  With --long it
 * writes one report instead, the real one with its prose repeated to about
 * the given size; with --long-table, the real one with ROWS more rows in
 * its first table that states a change (rows of another role, figures of
 * its last row varied), and ROWS/4 more in its first table of shares
 * ("as % of"), so that every check on table rows meets a long table.
 *
 *   gen_corpus REPORT FORCES OUTDIR N [SEED]
 *   gen_corpus --long REPORT OUT BYTES
 *   gen_corpus --long-table REPORT OUT ROWS */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        exit(66);
    }
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n)
        exit(74);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static unsigned long long rng_state;

static double uniform(void) /* xorshift64*: the same corpus for the same seed */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

/* Writes the number at s[0..n) (digits, commas, one point) scaled by f,
 * printed the same way: same decimals, commas when it had them. */
static void put_scaled(FILE *out, const char *s, size_t n, double f, int is_pct)
{
    char digits[64];
    size_t d = 0, dec = 0;
    int commas = 0, after = 0;
    for (size_t i = 0; i < n && d + 1 < sizeof digits; i++) {
        if (s[i] == ',')
            commas = 1;
        else if (s[i] == '.') {
            after = 1;
            digits[d++] = '.';
        } else {
            digits[d++] = s[i];
            dec += (size_t)after;
        }
    }
    digits[d] = '\0';
    double v = atof(digits) * f;
    if (is_pct && v > 100)
        v = 100;
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", (int)dec, v);
    if (!commas) {
        fputs(buf, out);
        return;
    }
    size_t intlen = strcspn(buf, ".");
    for (size_t i = 0; buf[i]; i++) {
        if (i > 0 && i < intlen && (intlen - i) % 3 == 0)
            fputc(',', out);
        fputc(buf[i], out);
    }
}

static int is_year(const char *s, size_t n, const char *end)
{
    return n == 4 && (s[0] == '1' || s[0] == '2') && !memchr(s, ',', n) &&
           (s + n >= end || s[n] != '%');
}

/* Numbers that are not measures: days of months, "12 months", "per 1,000". */
static int not_a_measure(const char *line, const char *p, const char *q, const char *end)
{
    static const char *const after[] = {" January", " February", " March", " April", " May",
                                        " June", " July", " August", " September", " October",
                                        " November", " December", " months", " population",
                                        "st ", "th "};
    for (size_t i = 0; i < sizeof after / sizeof *after; i++) {
        size_t k = strlen(after[i]);
        if ((size_t)(end - q) >= k && strncmp(q, after[i], k) == 0)
            return 1;
    }
    return p - line >= 4 && strncmp(p - 4, "per ", 4) == 0;
}

/* Copies a line, perturbing its figures; years and list numbers stay. */
static void perturb_line(FILE *out, const char *s, size_t len)
{
    const char *end = s + len;
    int in_label = 0; /* table labels name measures, they are not figures */
    for (const char *p = s; p < end;) {
        if (end - p >= 3 && strncmp(p, "<b>", 3) == 0)
            in_label = 1;
        else if (end - p >= 4 && strncmp(p, "</b>", 4) == 0)
            in_label = 0;
        /* After a '/' the digits end a period ("2018/19"), not a figure. */
        int starts = !in_label && isdigit((unsigned char)*p) &&
                     (p == s || (!isalnum((unsigned char)p[-1]) && p[-1] != '/'));
        if (!starts) {
            fputc(*p++, out);
            continue;
        }
        const char *q = p;
        while (q < end && (isdigit((unsigned char)*q) ||
                           ((*q == ',' || *q == '.') && q + 1 < end && isdigit((unsigned char)q[1]))))
            q++;
        size_t n = (size_t)(q - p);
        int pct = (q < end && *q == '%') || (end - q > 8 && strncmp(q, " percent", 8) == 0);
        if (is_year(p, n, end) || not_a_measure(s, p, q, end) || (q < end && (*q == '/' || isalpha((unsigned char)*q))) ||
            (q + 1 < end && *q == '.' && q[1] == ' ' && p == s))
            fwrite(p, 1, n, out);
        else
            put_scaled(out, p, n, 0.9 + 0.2 * uniform(), pct);
        p = q;
    }
}

/* Perturbs a line's figures, then puts the force's names in place of the
 * Met's (its full name, then its stem): in that order, so that numbered
 * forces ("Northmoor 0048 Constabulary") keep their numbers. */
static void write_line(FILE *out, const char *s, size_t len, const char *force, const char *stem)
{
    static const char full[] = "Metropolitan Police Service", short_[] = "Metropolitan Police";
    char *p;
    size_t n;
    FILE *mem = open_memstream(&p, &n);
    if (!mem)
        exit(71);
    perturb_line(mem, s, len);
    fclose(mem);
    for (size_t i = 0; i < n;) {
        if (n - i >= sizeof full - 1 && memcmp(p + i, full, sizeof full - 1) == 0) {
            fputs(force, out);
            i += sizeof full - 1;
        } else if (n - i >= sizeof short_ - 1 && memcmp(p + i, short_, sizeof short_ - 1) == 0) {
            fputs(stem, out);
            i += sizeof short_ - 1;
        } else {
            fputc(p[i++], out);
        }
    }
    free(p);
}

static void stem_of(const char *force, char *stem, size_t cap)
{
    snprintf(stem, cap, "%s", force);
    static const char *const suffix[] = {" Constabulary", " Police Service", " Police"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(stem), k = strlen(suffix[i]);
        if (n > k && strcmp(stem + n - k, suffix[i]) == 0) {
            stem[n - k] = '\0';
            break;
        }
    }
}

static void one_report(const char *text, size_t len, const char *force, int year, FILE *out)
{
    char stem[200];
    stem_of(force, stem, sizeof stem);
    for (const char *p = text; p < text + len;) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
        if (n > 44 && strncmp(p, "## Police effectiveness, efficiency and legitimacy ", 51) == 0)
            fprintf(out, "## Police effectiveness, efficiency and legitimacy %d/%02d", year,
                    (year + 1) % 100);
        else
            write_line(out, p, n, force, stem);
        fputc('\n', out);
        p += n + 1;
    }
}

static int corpus(const char *report, const char *forces_path, const char *dir, int n,
                  unsigned long long seed)
{
    size_t len, flen;
    char *text = slurp(report, &len), *forces = slurp(forces_path, &flen);
    char *names[64];
    int nf = 0;
    for (char *tok = strtok(forces, "\n"); tok && nf < 64; tok = strtok(NULL, "\n"))
        names[nf++] = tok;
    rng_state = seed ? seed : 88172645463325252ULL;
    for (int i = 0; i < n; i++) {
        char force[200], path[4200];
        if (i < nf)
            snprintf(force, sizeof force, "%s", names[i]);
        else
            snprintf(force, sizeof force, "Northmoor %04d Constabulary", i);
        int year = 2014 + i / (nf > 0 ? nf : 1) % 10;
        snprintf(path, sizeof path, "%s/report-%04d.txt", dir, i);
        FILE *out = fopen(path, "wb");
        if (!out) {
            perror(path);
            return 73;
        }
        one_report(text, len, force, year, out);
        fclose(out);
    }
    free(text);
    free(forces);
    return 0;
}

/* A long paragraph of prose: the part of the report that is repeated. */
static int is_prose(const char *p, size_t n)
{
    return n > 200 && isupper((unsigned char)p[0]) && !memchr(p, '\t', n);
}

/* How often to repeat the prose so that the file nears `bytes`. */
static long repeats(const char *text, size_t len, long bytes)
{
    long prose = 0;
    for (const char *p = text; p < text + len;) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
        if (is_prose(p, n))
            prose += (long)n + 2;
        p += n + 1;
    }
    long rest = (long)len - prose, times = prose > 0 ? (bytes - rest) / prose : 1;
    return times > 1 ? times : 1;
}

/* The real report with each prose line repeated until the file nears `bytes`. */
static int long_report(const char *report, const char *path, long bytes)
{
    size_t len;
    char *text = slurp(report, &len);
    long times = repeats(text, len, bytes);
    FILE *out = fopen(path, "wb");
    if (!out)
        return 73;
    for (const char *p = text; p < text + len;) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
        int prose = is_prose(p, n);
        for (long k = 0; k < (prose ? times : 1); k++) {
            fwrite(p, 1, n, out);
            fputs(prose ? "\n\n" : "\n", out);
        }
        p += n + 1;
    }
    fclose(out);
    free(text);
    return 0;
}

/* Nonzero when line p[0..n) is a table row: a label, then tab-separated figures. */
static int is_table_row(const char *p, size_t n)
{
    return n > 0 && p[0] != '\t' && memchr(p, '\t', n) != NULL;
}

static int mentions(const char *p, size_t n, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if (strncasecmp(p + i, word, w) == 0)
            return 1;
    return 0;
}

/* Row k made from row p[0..n): its label numbered ("R7 Police Officer",
 * "<b>R7 White</b> as % of ..."), each figure scaled a little. */
static void put_row(FILE *out, const char *p, size_t n, long k)
{
    const char *tab = memchr(p, '\t', n);
    size_t label = (size_t)(tab - p);
    if (label >= 3 && strncmp(p, "<b>", 3) == 0)
        fprintf(out, "<b>R%ld %.*s", k, (int)(label - 3), p + 3);
    else
        fprintf(out, "R%ld %.*s", k, (int)label, p);
    double f = 0.9 + (double)(k % 17) / 80.0;
    for (const char *q = tab; q < p + n;) {
        const char *e = memchr(q + 1, '\t', (size_t)(p + n - q - 1));
        size_t len = e ? (size_t)(e - q - 1) : (size_t)(p + n - q - 1);
        const char *num = q + 1 + strcspn(q + 1, "0123456789");
        fputc('\t', out);
        if (num < q + 1 + len) {
            size_t digits = strspn(num, "0123456789,.");
            fwrite(q + 1, 1, (size_t)(num - q - 1), out);
            put_scaled(out, num, digits, f, memchr(num, '%', len) != NULL);
            fwrite(num + digits, 1, (size_t)(q + 1 + len - num - digits), out);
        } else {
            fwrite(q + 1, 1, len, out);
        }
        q += len + 1;
    }
    fputc('\n', out);
}

/* The real report with long tables (see the top of this file). */
static int long_table(const char *report, const char *path, long rows)
{
    size_t len;
    char *text = slurp(report, &len);
    FILE *out = fopen(path, "wb");
    if (!out)
        return 73;
    int in_table = 0, change_done = 0, shares_done = 0, change = 0;
    for (const char *p = text; p < text + len;) {
        const char *nl = memchr(p, '\n', (size_t)(text + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
        const char *next = p + n + 1;
        size_t next_n = 0;
        if (next < text + len) {
            const char *nl2 = memchr(next, '\n', (size_t)(text + len - next));
            next_n = nl2 ? (size_t)(nl2 - next) : (size_t)(text + len - next);
        }
        if (n > 0 && p[0] == '\t') { /* a header row */
            in_table = 1;
            change = mentions(p, n, "change");
        }
        fwrite(p, 1, n, out);
        fputc('\n', out);
        /* After a table's last row: its long tail. */
        if (in_table && is_table_row(p, n) && !(next < text + len && is_table_row(next, next_n))) {
            long extra = 0;
            if (change && !change_done)
                extra = rows, change_done = 1;
            else if (mentions(p, n, "as % of") && !shares_done)
                extra = rows / 4, shares_done = 1;
            for (long k = 1; k <= extra; k++)
                put_row(out, p, n, k);
            in_table = 0;
        }
        p += n + 1;
    }
    fclose(out);
    free(text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--long") == 0)
        return long_report(argv[2], argv[3], atol(argv[4]));
    if (argc == 5 && strcmp(argv[1], "--long-table") == 0)
        return long_table(argv[2], argv[3], atol(argv[4]));
    if (argc == 5 || argc == 6)
        return corpus(argv[1], argv[2], argv[3], atoi(argv[4]),
                      argc == 6 ? strtoull(argv[5], NULL, 10) : 0);
    fputs("usage: gen_corpus REPORT FORCES OUTDIR N [SEED]\n"
          "       gen_corpus --long REPORT OUT BYTES\n"
          "       gen_corpus --long-table REPORT OUT ROWS\n",
          stderr);
    return 64;
}
