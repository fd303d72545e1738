/* The characters a pack prints, gathered before its fonts are loaded so
 * that each font is cut down to them (subset.c).
 *
 * They are every string of the pack's model, plus what the layout itself
 * writes: printable ASCII (numbers, headings, labels) and the few other
 * characters of its literals (PD_CHROME; unit.pdf_units checks the sources
 * use no other).  Bookmarks and the document information are made of the
 * same strings.  pd_glyphs_check stands guard where text is drawn: a
 * character that was not gathered would print as an empty box, so drawing
 * one stops the pack as a fault of peel-pdf instead.
 *
 * A character the font itself lacks is reported, once a run, with the
 * record file and field it came from; it prints as the font's
 * missing-character box and still copies as itself (the ToUnicode map is
 * the identity). */
#include <stdio.h>
#include <string.h>

#include "peel_text.h"
#include "pd.h"

/* The non-ASCII characters the layout's own literals print: the middle
 * dot between parts of a line, the en dash of ranges and empty cells, the
 * bullet, the pound sign of figures and the ellipsis of cut labels. */
#define PD_CHROME "\xC2\xB7\xE2\x80\x93\xE2\x80\xA2\xC2\xA3\xE2\x80\xA6"

void pd_cps_add(pd_cps *s, unsigned cp)
{
    if (cp < PD_CPS_SIZE)
        s->bit[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

int pd_cps_has(const pd_cps *s, unsigned cp)
{
    return cp < PD_CPS_SIZE && (s->bit[cp >> 3] >> (cp & 7) & 1);
}

static unsigned cont(unsigned char b)
{
    return (b & 0xC0) == 0x80 ? (unsigned)(b & 0x3F) : 0xFFFFFFFFu;
}

size_t pd_utf8_next(const char *str, size_t len, unsigned *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    *cp = PD_NOT_CHAR;
    if (len == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 1;
    if (n == 1 || n > len)
        return 1;
    unsigned v = s[0] & (0x7Fu >> n);
    for (size_t i = 1; i < n; i++) {
        unsigned c = cont(s[i]);
        if (c == 0xFFFFFFFFu)
            return 1;
        v = v << 6 | c;
    }
    static const unsigned least[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v >= least[n] && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF))
        *cp = v;
    return *cp == PD_NOT_CHAR ? 1 : n;
}

void pd_cps_add_text(pd_cps *s, const char *text)
{
    size_t len = strlen(text);
    for (size_t i = 0; i < len;) {
        unsigned cp;
        i += pd_utf8_next(text + i, len - i, &cp);
        pd_cps_add(s, cp);
    }
}

void pd_cps_chrome(pd_cps *s)
{
    for (unsigned cp = 0x20; cp < 0x7F; cp++)
        pd_cps_add(s, cp);
    pd_cps_add_text(s, PD_CHROME);
}

/* ------------------------------------------------------------ the fonts */

peel_status pd_fonts_open(pd_fonts *f, pd_face faces[2], const char *regular, const char *bold,
                          const char *report_dir, peel_warnings *warn, peel_err *err)
{
    memset(f, 0, sizeof *f);
    f->face = faces;
    f->report_dir = report_dir;
    f->warn = warn;
    f->same = strcmp(regular, bold) == 0;
    peel_status st = pd_face_keep(&faces[0], regular, err);
    if (st == PEEL_OK && !f->same)
        st = pd_face_keep(&faces[1], bold, err);
    return st;
}

void pd_fonts_finish(const pd_fonts *f)
{
    peel_warnings_total(f->warn, f->report_dir, "characters in all are not in the fonts");
}

/* Where a string of the pack came from: a record file and field, and the
 * report line of its record (0 when it has none). */
typedef struct source {
    const char *file; /* under the report's folder, or an absolute path (a data file) */
    const char *field;
    long line;
} source;

/* "F" or "F (the bold face)" or "F nor B" for the faces lacking cp. */
static void lacking(const pd_fonts *f, unsigned cp, char *out, size_t cap)
{
    int r = !pd_face_has(&f->face[0], cp), b = !f->same && !pd_face_has(&f->face[1], cp);
    if (r && b)
        snprintf(out, cap, "in neither %s nor %s", f->face[0].path, f->face[1].path);
    else
        snprintf(out, cap, "not in %s", r ? f->face[0].path : f->face[1].path);
}

static void warn_missing(pd_fonts *f, unsigned cp, const char *utf8, size_t n, const source *src)
{
    pd_cps_add(&f->warned, cp);
    char where[64] = "", which[8300], file[4600];
    if (src->line > 0)
        snprintf(where, sizeof where, " (report line %ld)", src->line);
    lacking(f, cp, which, sizeof which);
    if (src->file[0] == '/') /* a data file, not a record file of the report */
        snprintf(file, sizeof file, "%s", src->file);
    else
        peel_path_join(file, sizeof file, NULL, f->report_dir, src->file);
    peel_warnings_add(f->warn, file, 0,
                      "field %s%s: U+%04X '%.*s' is %s: it prints as the font's "
                      "missing-character box",
                      src->field, where, cp, (int)n, utf8, which);
}

static void add(pd_fonts *f, pd_cps *want, const source *src, const char *text)
{
    size_t len = text ? strlen(text) : 0;
    for (size_t i = 0; i < len;) {
        i += peel_printable_run(text + i, len - i);
        if (i == len)
            break;
        unsigned cp;
        size_t n = pd_utf8_next(text + i, len - i, &cp);
        /* LF breaks lines (pd_wrap); no other control character is left. */
        if (cp >= 0x20 && cp != PD_NOT_CHAR && !pd_cps_has(want, cp)) {
            pd_cps_add(want, cp);
            int missing =
                !pd_face_has(&f->face[0], cp) || (!f->same && !pd_face_has(&f->face[1], cp));
            if (missing && !pd_cps_has(&f->warned, cp))
                warn_missing(f, cp, text + i, n, src);
        }
        i += n;
    }
}

/* Fields of one record, by name. */
typedef struct field {
    const char *name;
    const char *text;
} field;

static void add_fields(pd_fonts *f, pd_cps *want, const char *file, long line, const field *v,
                       size_t n)
{
    for (size_t i = 0; i < n; i++) {
        source src = {file, v[i].name, line};
        add(f, want, &src, v[i].text);
    }
}

#define ADD(f, want, file, line, ...)                                                              \
    do {                                                                                           \
        const field v_[] = {__VA_ARGS__};                                                          \
        add_fields((f), (want), (file), (line), v_, sizeof v_ / sizeof *v_);                       \
    } while (0)

static void add_meta(pd_fonts *f, pd_cps *want, const pd_pack *p)
{
    ADD(f, want, "data/meta.csv", 0, {"force", p->force}, {"year", p->year}, {"series", p->series},
        {"title", p->title}, {"published", p->published}, {"published_date", p->published_date},
        {"file", p->file}, {"crc32", p->crc32}, {"inspector", p->inspector},
        {"inspector_role", p->inspector_role});
    ADD(f, want, "data/judgments.csv", 0, {"pillar", p->label});
    for (size_t i = 0; i < p->ncomp; i++)
        ADD(f, want, "data/judgments.csv", 0, {"label", p->comp[i].label},
            {"last_inspected", p->comp[i].last_inspected});
    /* Grades and verdicts are closed vocabularies in ASCII. */
}

static void add_prose(pd_fonts *f, pd_cps *want, const pd_pack *p)
{
    for (size_t i = 0; i < p->nsummary; i++)
        ADD(f, want, "data/summaries.csv", 0, {"text", p->summary[i]});
    for (size_t i = 0; i < p->nobservation; i++)
        ADD(f, want, "data/summaries.csv", 0, {"text", p->observation[i]});
    for (size_t i = 0; i < p->ncsummary; i++)
        ADD(f, want, "data/summaries.csv", 0, {"component", p->csummary[i].component},
            {"text", p->csummary[i].text});
    for (size_t i = 0; i < p->nfinding; i++) {
        const pd_finding *x = &p->finding[i];
        ADD(f, want, "data/findings.csv", x->line, {"component", x->component}, {"text", x->text});
    }
}

static void add_tables(pd_fonts *f, pd_cps *want, const pd_pack *p)
{
    for (size_t i = 0; i < p->ntable; i++) {
        const pd_table *t = &p->table[i];
        const char *file = "data/tables.csv";
        ADD(f, want, file, t->first_line, {"table", t->key}, {"table_label", t->label},
            {"unit", t->unit}, {"period", t->period});
        for (size_t k = 0; k < t->ncol; k++)
            ADD(f, want, file, t->first_line, {"column_label", t->col[k].label},
                {"unit", t->col[k].unit}, {"period", t->col[k].period});
        for (size_t r = 0; r < t->nrow; r++) {
            ADD(f, want, file, t->first_line, {"row_label", t->row[r].label});
            for (size_t k = 0; k < t->ncol; k++)
                ADD(f, want, file, t->first_line, {"raw", t->row[r].raw[k]});
        }
    }
}

/* Key figures: the catalogue's words and the facts' figures and periods. */
static void add_keyfigs(pd_fonts *f, pd_cps *want, const pd_pack *p)
{
    for (size_t i = 0; i < p->nkblock; i++) {
        const pd_kblock *b = &p->kblock[i];
        ADD(f, want, p->layout_path, 0, {"label", b->title}, {"note", b->note});
        for (size_t k = 0; b->head && k <= b->ncol; k++)
            ADD(f, want, p->layout_path, 0, {"label", b->head[k]});
        for (size_t r = 0; r < b->nrow; r++) {
            const pd_krow *x = &b->row[r];
            ADD(f, want, "data/facts.csv", 0, {"label", x->label});
            for (size_t k = 0; k < b->ncol; k++)
                ADD(f, want, "data/facts.csv", 0, {"raw", x->cell[k].text},
                    {"period", x->cell[k].period}, {"source_line", x->cell[k].lines});
        }
        for (size_t k = 0; k < b->chart.ncol; k++)
            ADD(f, want, p->layout_path, 0, {"label", b->chart.col[k].label});
        for (size_t r = 0; r < b->chart.nrow; r++)
            ADD(f, want, "data/facts.csv", 0, {"label", b->chart.row[r].label});
    }
    for (size_t i = 0; i < p->nunstated; i++)
        ADD(f, want, p->layout_path, 0, {"label", p->unstated[i]});
}

static void add_checks(pd_fonts *f, pd_cps *want, const pd_pack *p)
{
    for (size_t i = 0; i < p->ncheck; i++) {
        const pd_check *k = &p->check[i];
        ADD(f, want, "reconciliation.csv", 0, {"description", k->what}, {"expected", k->detail},
            {"source_lines", k->where}, {"note", k->note});
    }
    for (size_t i = 0; i < p->nreject; i++) {
        const pd_reject *r = &p->reject[i];
        ADD(f, want, "data/rejects.csv", 0, {"file", r->file}, {"line", r->line},
            {"field", r->field}, {"value", r->value}, {"reason", r->reason},
            {"source_line", r->source_line});
    }
}

void pd_fonts_collect(pd_fonts *f, const pd_pack *p, pd_cps *want)
{
    memset(want, 0, sizeof *want);
    pd_cps_chrome(want);
    add_meta(f, want, p);
    add_prose(f, want, p);
    add_tables(f, want, p);
    add_keyfigs(f, want, p);
    add_checks(f, want, p);
}

void pd_glyphs_check(pd_ctx *c, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        i += peel_printable_run(s + i, len - i);
        if (i == len)
            break;
        unsigned cp = (unsigned char)s[i];
        i += cp < 0x80 ? 1 : pd_utf8_next(s + i, len - i, &cp);
        if (cp != PD_NOT_CHAR && !pd_cps_has(&c->glyphs, cp))
            pd_doc_fault(c, peel_arena_printf(&c->arena,
                                              "internal error: U+%04X is drawn but was not "
                                              "gathered for the font subset (stages/pdf/glyphs.c)",
                                              cp));
    }
}
