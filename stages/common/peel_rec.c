/* The records container and the two codecs of the schema: records to CSV
 * (peel_records_write) and CSV to records (peel_records_read), one field
 * type at a time. */
#include "peel_rec.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "peel_text.h"

void peel_records_init(peel_records *r)
{
    memset(r, 0, sizeof *r);
    peel_arena_init(&r->arena);
    r->dir = "";
}

/* File f's text and fields are no longer its records'.  Asked at every
 * record added, when there are none to drop. */
static void drop_text(peel_records *r, peel_file f)
{
    int fields = (size_t)f < PEEL_NRECORD_FILES && r->fields[f].name;
    if (!r->text[f] && !fields)
        return;
    free(r->text[f]);
    r->text[f] = NULL;
    if (fields)
        peel_csv_doc_release(&r->fields[f]);
}

void peel_records_release(peel_records *r)
{
    for (int f = 0; f < PEEL_NFILE; f++)
        drop_text(r, (peel_file)f);
    for (size_t i = 0; i < r->parsed.n; i++)
        peel_arena_release(r->parsed.item[i]);
    peel_vec_release(&r->parsed, free);
    peel_arena_release(&r->arena);
    memset(r, 0, sizeof *r);
    r->dir = "";
}

const char *peel_records_str(peel_records *r, const char *s)
{
    return s && s[0] ? peel_arena_strdup(&r->arena, s) : "";
}

/* ---- the arrays, by file ---- */

/* File f's array and the count field that goes with it. */
static void *rows_of(const peel_records *r, peel_file f, size_t *n)
{
    switch (f) {
    case PEEL_META:
        *n = r->nmeta;
        return r->meta;
    case PEEL_JUDGMENTS:
        *n = r->njudgment;
        return r->judgments;
    case PEEL_TABLES:
        *n = r->ncell;
        return r->cells;
    case PEEL_FINDINGS:
        *n = r->nfinding;
        return r->findings;
    case PEEL_FIGURES:
        *n = r->nfigure;
        return r->figures;
    case PEEL_FACTS:
        *n = r->nfact;
        return r->facts;
    case PEEL_SUMMARIES:
        *n = r->nsummary;
        return r->summaries;
    case PEEL_COVERAGE:
        *n = r->ncoverage;
        return r->coverage;
    case PEEL_REJECTS:
        *n = r->nreject;
        return r->rejects;
    case PEEL_RECONCILIATION:
        *n = r->ncheck;
        return r->checks;
    default:
        *n = r->nsidecar;
        return r->sidecars;
    }
}

static void rows_set(peel_records *r, peel_file f, void *items, size_t n)
{
    drop_text(r, f);
    switch (f) {
    case PEEL_META:
        r->meta = items, r->nmeta = n;
        break;
    case PEEL_JUDGMENTS:
        r->judgments = items, r->njudgment = n;
        break;
    case PEEL_TABLES:
        r->cells = items, r->ncell = n;
        break;
    case PEEL_FINDINGS:
        r->findings = items, r->nfinding = n;
        break;
    case PEEL_FIGURES:
        r->figures = items, r->nfigure = n;
        break;
    case PEEL_FACTS:
        r->facts = items, r->nfact = n;
        break;
    case PEEL_SUMMARIES:
        r->summaries = items, r->nsummary = n;
        break;
    case PEEL_COVERAGE:
        r->coverage = items, r->ncoverage = n;
        break;
    case PEEL_REJECTS:
        r->rejects = items, r->nreject = n;
        break;
    case PEEL_RECONCILIATION:
        r->checks = items, r->ncheck = n;
        break;
    default:
        r->sidecars = items, r->nsidecar = n;
    }
}

const void *peel_records_items(const peel_records *r, peel_file f, size_t *n)
{
    return rows_of(r, f, n);
}

size_t peel_records_count(const peel_records *r, peel_file f)
{
    size_t n;
    rows_of(r, f, &n);
    return n;
}

void peel_records_reserve(peel_records *r, peel_file f, size_t want)
{
    if (want <= r->cap[f]) /* first: every record added asks */
        return;
    size_t n, size = peel_schema(f)->size;
    char *old = rows_of(r, f, &n);
    /* The arena cannot grow a block: a bigger one replaces it (doubling, so
     * the arrays given up add up to less than the last). */
    size_t cap = r->cap[f] ? r->cap[f] * 2 : 16;
    if (cap < want)
        cap = want;
    char *items = peel_arena_alloc(&r->arena, cap * size);
    if (n)
        memcpy(items, old, n * size);
    r->cap[f] = cap;
    rows_set(r, f, items, n);
}

/* A zeroed record's strings are "" and its pillar none, as the schema reads
 * an empty row. */
static void blank(const peel_file_schema *s, char *rec)
{
    for (size_t i = 0; i < s->nfield; i++) {
        const peel_field *f = &s->field[i];
        if (f->type == PEEL_FT_STR || f->type == PEEL_FT_TEXT)
            *(const char **)(void *)(rec + f->offset) = "";
        else if (f->type == PEEL_FT_PILLAR)
            *(peel_pillar *)(void *)(rec + f->offset) = PEEL_NOPILLAR;
        else if (f->type == PEEL_FT_CVAL)
            ((peel_cval *)(void *)(rec + f->offset))->text = "";
    }
}

/* File f's empty record: made once a records set, in its arena. */
static const char *blank_of(peel_records *r, peel_file f)
{
    if (!r->blank[f]) {
        const peel_file_schema *s = peel_schema(f);
        char *rec = peel_arena_alloc(&r->arena, s->size);
        memset(rec, 0, s->size);
        blank(s, rec);
        if (f == PEEL_SIDECAR)
            ((peel_sidecar *)(void *)rec)->file = "";
        r->blank[f] = rec;
    }
    return r->blank[f];
}

void *peel_records_add(peel_records *r, peel_file f)
{
    size_t n, size = peel_schema(f)->size;
    const char *empty = blank_of(r, f);
    rows_of(r, f, &n);
    peel_records_reserve(r, f, n + 1);
    char *items = rows_of(r, f, &n);
    char *rec = items + n * size;
    memcpy(rec, empty, size);
    rows_set(r, f, items, n + 1);
    return rec;
}

const char *peel_records_meta(const peel_records *r, const char *key)
{
    for (size_t i = 0; i < r->nmeta; i++)
        if (strcmp(r->meta[i].key, key) == 0)
            return r->meta[i].value;
    return "";
}

/* ---- values ---- */

static int decimals_of(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot ? (int)strspn(dot + 1, "0123456789") : 0;
}

peel_value peel_value_parse(const char *text)
{
    peel_value v = {0};
    if (text && text[0]) {
        v.has = 1;
        v.v = strtod(text, NULL);
        v.dec = decimals_of(text);
    }
    return v;
}

peel_value peel_value_make(double x, int dec)
{
    char buf[128];
    peel_num_format(x, dec, buf, sizeof buf);
    return peel_value_parse(buf);
}

/* Whole numbers without decimals, others to four places; "" when not finite. */
static void format_check_number(double v, char *buf, size_t cap)
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return;
    }
    double r = round(v);
    if (fabs(v - r) < 1e-9 * (fabs(v) > 1 ? fabs(v) : 1)) {
        peel_num_format(r, 0, buf, cap);
        return;
    }
    peel_num_format(v, 4, buf, cap);
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
}

/* A check figure's text read back: a number when it is wholly one. */
static peel_cval cval_of(const char *text)
{
    peel_cval c = {text, 0, 0, 0};
    char *end;
    if (!text[0])
        return c;
    double v = strtod(text, &end);
    if (*end || !isfinite(v))
        return c;
    c.num = 1;
    c.v = v;
    const char *dot = strchr(text, '.');
    c.dec = dot ? (int)strlen(dot + 1) : 0;
    return c;
}

peel_cval peel_cval_number(peel_records *r, double v)
{
    char buf[64];
    format_check_number(v, buf, sizeof buf);
    return cval_of(peel_records_str(r, buf));
}

peel_cval peel_cval_word(peel_records *r, const char *text)
{
    peel_cval c = {peel_records_str(r, text), 0, 0, 0};
    return c;
}

/* ---- records -> CSV ---- */

#define AT(rec, f, T) ((const T *)(const void *)((const char *)(rec) + (f)->offset))
typedef const char *cstr;

static void put_line(peel_csv_writer *w, long line)
{
    if (line > 0)
        peel_csv_put_long(w, line);
    else
        peel_csv_put(w, "");
}

/* Writes one field. */
static void put_field(peel_csv_writer *w, const peel_field *f, const void *rec)
{
    switch (f->type) {
    case PEEL_FT_STR:
        peel_csv_put(w, *AT(rec, f, cstr));
        return;
    case PEEL_FT_TEXT:
        peel_csv_put_text(w, *AT(rec, f, cstr));
        return;
    case PEEL_FT_LINE:
        put_line(w, *AT(rec, f, long));
        return;
    case PEEL_FT_INT:
        peel_csv_put_long(w, *AT(rec, f, long));
        return;
    case PEEL_FT_VALUE: {
        const peel_value *v = AT(rec, f, peel_value);
        if (v->has)
            peel_csv_put_num(w, v->v, v->dec);
        else
            peel_csv_put(w, "");
        return;
    }
    case PEEL_FT_PILLAR:
        peel_csv_put(w, peel_pillar_name(*AT(rec, f, peel_pillar)));
        return;
    case PEEL_FT_GRADE:
        peel_csv_put(w, peel_grade_name(*AT(rec, f, peel_grade)));
        return;
    case PEEL_FT_KIND:
        peel_csv_put(w, peel_kind_name(*AT(rec, f, peel_kind)));
        return;
    case PEEL_FT_YESNO:
        peel_csv_put(w, peel_yesno_name(*AT(rec, f, peel_yesno)));
        return;
    case PEEL_FT_UNIT:
        peel_csv_put(w, peel_unit_name(*AT(rec, f, peel_unit)));
        return;
    case PEEL_FT_FROM:
        peel_csv_put(w, peel_from_name(*AT(rec, f, peel_from)));
        return;
    case PEEL_FT_VERDICT:
        peel_csv_put(w, peel_verdict_name(*AT(rec, f, peel_verdict)));
        return;
    case PEEL_FT_CVAL: {
        const peel_cval *c = AT(rec, f, peel_cval);
        /* Numbers as written; words are text like any other. */
        if (c->num)
            peel_csv_put(w, c->text);
        else
            peel_csv_put_text(w, c->text);
        return;
    }
    }
}

void peel_records_put_header(peel_csv_writer *w, peel_file f)
{
    const peel_file_schema *s = peel_schema(f);
    for (size_t i = 0; i < s->nfield; i++)
        peel_csv_put(w, s->field[i].name);
    peel_csv_end_row(w);
}

void peel_records_put(peel_csv_writer *w, peel_file f, const void *rec)
{
    const peel_file_schema *s = peel_schema(f);
    for (size_t i = 0; i < s->nfield; i++)
        put_field(w, &s->field[i], rec);
    peel_csv_end_row(w);
}

/* File f's rows appended to *out, setting their `row`; with keep, their
 * fields to *keep as well (peel_csv_writer_keep).  In memory, then written
 * at once: a stream would take a call per field. */
static void write_rows(peel_records *r, peel_file f, peel_buf *out, peel_csv_doc *keep)
{
    size_t n, size = peel_schema(f)->size;
    peel_csv_writer w;
    peel_csv_writer_init(&w, out);
    if (keep)
        peel_csv_writer_keep(&w, keep, peel_schema(f)->name);
    peel_records_put_header(&w, f);
    char *items = rows_of(r, f, &n);
    for (size_t k = 0; k < n; k++) {
        char *rec = items + k * size;
        *(long *)(void *)rec = w.line; /* every record struct starts with its row */
        peel_records_put(&w, f, rec);
    }
    peel_csv_writer_keep_end(&w);
}

int peel_records_write(peel_records *r, peel_file f, FILE *fp)
{
    peel_buf text;
    peel_buf_init(&text);
    write_rows(r, f, &text, NULL);
    int bad = fwrite(text.data, 1, text.len, fp) != text.len;
    peel_buf_release(&text);
    return bad || ferror(fp) != 0;
}

/* ---- CSV -> records ---- */

#define SET(rec, f, T) ((T *)(void *)((char *)(rec) + (f)->offset))

static peel_status unknown(peel_err *err, const char *name, long line, const peel_field *f,
                           const char *text)
{
    PEEL_FAIL(err, PEEL_EDATA, name, line, "\"%s\" is not a %s this file may hold", text,
              f->type == PEEL_FT_PILLAR  ? "pillar"
              : f->type == PEEL_FT_GRADE ? "grade"
              : f->type == PEEL_FT_KIND  ? "kind of finding"
              : f->type == PEEL_FT_YESNO ? "yes or no"
              : f->type == PEEL_FT_UNIT  ? "unit of prose figures"
              : f->type == PEEL_FT_FROM  ? "source of a summary (summary, observations or section)"
                                         : "status");
    peel_err_field(err, f->name);
    return PEEL_EDATA;
}

static int parse_unit(const char *s, peel_unit *u)
{
    static const peel_unit units[] = {PEEL_UNIT_NONE, PEEL_UNIT_GBP, PEEL_UNIT_PCT, PEEL_UNIT_YEAR};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(s, peel_unit_name(units[i])) == 0) {
            *u = units[i];
            return 1;
        }
    return 0;
}

/* A field's text as the records keep it: the field itself when its
 * document's text is the records' (`own`), else a copy. */
static const char *keep_str(peel_records *r, const char *text, int own)
{
    return own ? (text[0] ? text : "") : peel_records_str(r, text);
}

/* Reads one field's text into the record; 0 when a closed vocabulary does
 * not know the word.  `own`: as keep_str. */
static int get_field(peel_records *r, const peel_field *f, const char *text, int own, void *rec)
{
    int known = 1;
    switch (f->type) {
    case PEEL_FT_STR:
        *SET(rec, f, const char *) = keep_str(r, text, own);
        break;
    case PEEL_FT_TEXT:
        *SET(rec, f, const char *) = keep_str(r, peel_csv_text(text), own);
        break;
    case PEEL_FT_LINE:
    case PEEL_FT_INT:
        *SET(rec, f, long) = strtol(text, NULL, 10);
        break;
    case PEEL_FT_VALUE:
        *SET(rec, f, peel_value) = peel_value_parse(text);
        break;
    case PEEL_FT_PILLAR:
        *SET(rec, f, peel_pillar) = peel_pillar_parse(text, &known);
        break;
    case PEEL_FT_GRADE:
        *SET(rec, f, peel_grade) = peel_grade_parse(text, &known);
        break;
    case PEEL_FT_KIND:
        known = (*SET(rec, f, peel_kind) = peel_kind_parse(text)) < PEEL_NKIND;
        break;
    case PEEL_FT_YESNO:
        *SET(rec, f, peel_yesno) = peel_yesno_parse(text, &known);
        break;
    case PEEL_FT_UNIT:
        known = parse_unit(text, SET(rec, f, peel_unit));
        break;
    case PEEL_FT_FROM:
        /* an older file without the column: the report's own summaries */
        known = (*SET(rec, f, peel_from) = text[0] ? peel_from_parse(text) : PEEL_FROM_SUMMARY) <
                PEEL_NFROM;
        break;
    case PEEL_FT_VERDICT:
        known = (*SET(rec, f, peel_verdict) = peel_verdict_parse(text)) < PEEL_NVERDICT;
        break;
    case PEEL_FT_CVAL:
        *SET(rec, f, peel_cval) = cval_of(keep_str(r, peel_csv_text(text), own));
        break;
    }
    return known;
}

/* The printed form of a figure, from its raw text (and sentence). */
static void set_printed(peel_file f, void *rec)
{
    if (f == PEEL_TABLES) {
        peel_cell *c = rec;
        c->printed = peel_printed_of(c->raw, NULL);
    } else if (f == PEEL_FIGURES) {
        peel_figure *g = rec;
        g->printed = peel_printed_of(g->raw, g->sentence);
    } else if (f == PEEL_FACTS) {
        peel_fact *k = rec;
        k->printed = peel_printed_of(k->raw, k->sentence);
    }
}

/* Rejected (file, line) pairs, sorted, for leaving their records out. */
typedef struct reject_key {
    const char *file;
    long line;
} reject_key;

static int by_line(const void *a, const void *b)
{
    const reject_key *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

static int by_file_line(const void *a, const void *b)
{
    int c = strcmp(((const reject_key *)a)->file, ((const reject_key *)b)->file);
    return c ? c : by_line(a, b);
}

typedef struct reject_set {
    reject_key *key;
    size_t n;
} reject_set;

static void reject_set_init(reject_set *s, const peel_records *r)
{
    s->key = peel_xcalloc(r->nreject + 1, sizeof *s->key);
    s->n = 0;
    for (size_t i = 0; i < r->nreject; i++)
        if (r->rejects[i].line > 0)
            s->key[s->n++] = (reject_key){r->rejects[i].file, r->rejects[i].line};
    if (s->n > 1)
        qsort(s->key, s->n, sizeof *s->key, by_file_line);
}

static int reject_set_has(const reject_set *s, const char *file, long line)
{
    reject_key k = {file, line};
    return s->n && bsearch(&k, s->key, s->n, sizeof *s->key, by_file_line) != NULL;
}

/* The keys of s naming `file`, a run of them (s is sorted by file): a file's
 * records are then looked up by line alone, and a file no reject names
 * (most) not at all. */
static reject_set reject_set_file(const reject_set *s, const char *file)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(s->key[mid].file, file) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < s->n && strcmp(s->key[end].file, file) == 0)
        end++;
    return (reject_set){s->key + lo, end - lo};
}

/* Whether s, keys of one file (reject_set_file), names `line`. */
static int reject_set_has_line(const reject_set *s, long line)
{
    reject_key k = {NULL, line};
    return s->n && bsearch(&k, s->key, s->n, sizeof *s->key, by_line) != NULL;
}

/* doc's rows as records of f; `own`: doc's text becomes the records' (its
 * strings are kept as they are). */
static peel_status read_rows(peel_records *r, peel_file f, const peel_csv_doc *doc, int own,
                             const char *name, const reject_set *skip, peel_err *err)
{
    const peel_file_schema *s = peel_schema(f);
    int col[PEEL_MAXFIELD];
    for (size_t i = 0; i < s->nfield; i++)
        col[i] = peel_csv_col(doc, s->field[i].name);
    peel_records_reserve(r, f, peel_records_count(r, f) + doc->nrow);
    const char *file = f == PEEL_SIDECAR ? peel_records_str(r, name) : "";
    reject_set mine = skip ? reject_set_file(skip, name) : (reject_set){0};
    for (size_t k = 0; k < doc->nrow; k++) {
        if (mine.n && reject_set_has_line(&mine, doc->row[k].line))
            continue;
        char *rec = peel_records_add(r, f);
        *(long *)(void *)rec = doc->row[k].line;
        for (size_t i = 0; i < s->nfield; i++) {
            const char *text = peel_csv_get(doc, k, col[i]);
            if (!get_field(r, &s->field[i], text, own, rec))
                return unknown(err, doc->name, doc->row[k].line, &s->field[i], text);
        }
        if (f == PEEL_SIDECAR)
            ((peel_sidecar *)(void *)rec)->file = file;
        set_printed(f, rec);
    }
    return PEEL_OK;
}

peel_status peel_records_read(peel_records *r, peel_file f, const peel_csv_doc *doc,
                              const char *name, peel_err *err)
{
    reject_set skip = {0};
    if (f != PEEL_REJECTS && f != PEEL_RECONCILIATION)
        reject_set_init(&skip, r);
    peel_status st = read_rows(r, f, doc, 0, name, &skip, err);
    free(skip.key);
    return st;
}

peel_status peel_records_text(peel_records *r, peel_file f, const char **data, size_t *len,
                              peel_err *err)
{
    (void)err; /* nothing can fail in memory: allocation ends the process */
    if (!r->text[f]) {
        peel_buf text;
        peel_buf_init(&text);
        /* A record file's fields are kept with its text, for validation. */
        peel_csv_doc *keep = (size_t)f < PEEL_NRECORD_FILES ? &r->fields[f] : NULL;
        if (keep)
            peel_csv_doc_release(keep);
        write_rows(r, f, &text, keep);
        r->text_len[f] = text.len;
        r->text[f] = peel_buf_detach(&text);
    }
    *data = r->text[f];
    *len = r->text_len[f];
    return PEEL_OK;
}

peel_status peel_records_take_fields(peel_records *r, peel_file f, const char *name,
                                     peel_csv_doc *doc, peel_err *err)
{
    const char *data = NULL;
    size_t len = 0;
    memset(doc, 0, sizeof *doc);
    if ((size_t)f >= PEEL_NRECORD_FILES)
        return PEEL_FAIL(err, PEEL_ESOFTWARE, name, 0, "%s is not a record file",
                         peel_schema(f)->name);
    /* Fields already taken: the text is encoded again, and they with it. */
    if (!r->fields[f].name)
        drop_text(r, f);
    peel_status st = peel_records_text(r, f, &data, &len, err);
    if (st == PEEL_OK)
        st = peel_csv_check_bytes(name, data, len, err);
    if (st != PEEL_OK)
        return st;
    *doc = r->fields[f];
    memset(&r->fields[f], 0, sizeof r->fields[f]);
    free(doc->name);
    doc->name = peel_xstrdup(name ? name : "");
    return PEEL_OK;
}

/* Leaves out f's records that `set` names; a sidecar's name its own file. */
static void drop_rejected_of(peel_records *r, peel_file f, const reject_set *set)
{
    const char *name = peel_schema(f)->name;
    reject_set mine = f == PEEL_SIDECAR ? *set : reject_set_file(set, name);
    if (!mine.n)
        return; /* none of f's: its records, and their text, stay as they are */
    size_t n, size = peel_schema(f)->size, kept = 0;
    char *items = rows_of(r, f, &n);
    for (size_t k = 0; k < n; k++) {
        char *rec = items + k * size;
        long row = *(long *)(void *)rec;
        if (f == PEEL_SIDECAR ? reject_set_has(&mine, ((peel_sidecar *)(void *)rec)->file, row)
                              : reject_set_has_line(&mine, row))
            continue;
        if (kept != k)
            memmove(items + kept * size, rec, size);
        kept++;
    }
    rows_set(r, f, items, kept);
}

void peel_records_drop_rejected(peel_records *r)
{
    reject_set set;
    reject_set_init(&set, r);
    for (int f = 0; f < PEEL_NFILE && set.n; f++)
        if (f != PEEL_REJECTS && f != PEEL_RECONCILIATION)
            drop_rejected_of(r, (peel_file)f, &set);
    free(set.key);
}

/* ---- a report folder ---- */

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Parses path (when it is there, or when required) and reads its rows. */
static peel_status load_file(peel_records *r, peel_file f, const char *path, const char *name,
                             int required, const reject_set *skip, peel_err *err)
{
    peel_csv_doc doc;
    if (!required && !file_exists(path))
        return PEEL_OK;
    peel_status st = peel_csv_load(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    st = read_rows(r, f, &doc, 1, name, skip, err);
    /* The text goes to the records (whatever read_rows found: a record it
     * made may point into it); the rest of the document is freed. */
    peel_arena *text = peel_xmalloc(sizeof *text);
    *text = doc.text;
    peel_arena_init(&doc.text);
    peel_vec_push(&r->parsed, text);
    peel_csv_doc_release(&doc);
    if (st == PEEL_OK && f == PEEL_REJECTS)
        r->validated = 1;
    if (st == PEEL_OK && f == PEEL_RECONCILIATION)
        r->reconciled = 1;
    return st;
}

/* Sidecars in name order; one that does not parse is left out (validation
 * rejects it and says why), the others still count. */
static void load_sidecars(peel_records *r, const char *dir, const reject_set *skip)
{
    peel_vec names = {0};
    peel_csv_files(dir, &names);
    for (size_t i = 0; i < names.n; i++) {
        char path[4600], rel[600];
        peel_err ignored = {0};
        peel_path_join(path, sizeof path, NULL, dir, (const char *)names.item[i]);
        snprintf(rel, sizeof rel, "sidecars/%s", (const char *)names.item[i]);
        size_t before = r->nsidecar;
        if (load_file(r, PEEL_SIDECAR, path, rel, 1, skip, &ignored) != PEEL_OK)
            r->nsidecar = before;
    }
    peel_vec_release(&names, free);
}

peel_status peel_records_load(peel_records *r, const char *report_dir, int coverage, peel_err *err)
{
    unsigned files = 0;
    for (int f = PEEL_META; f <= PEEL_COVERAGE; f++)
        if (f != PEEL_COVERAGE || coverage)
            files |= PEEL_FILE_BIT(f);
    return peel_records_load_only(r, report_dir, files, err);
}

peel_status peel_records_load_only(peel_records *r, const char *report_dir, unsigned files,
                                   peel_err *err)
{
    char path[4400];
    peel_records_init(r);
    r->dir = peel_records_str(r, report_dir);
    peel_status st = peel_path_join(path, sizeof path, err, report_dir, "data", "rejects.csv");
    if (st == PEEL_OK)
        st = load_file(r, PEEL_REJECTS, path, "rejects.csv", 0, NULL, err);
    reject_set skip = {0};
    if (st == PEEL_OK)
        reject_set_init(&skip, r);
    for (int f = PEEL_META; f <= PEEL_COVERAGE && st == PEEL_OK; f++) {
        if (!(files & PEEL_FILE_BIT(f)))
            continue;
        const char *name = peel_schema((peel_file)f)->name;
        if ((st = peel_path_join(path, sizeof path, err, report_dir, "data", name)) == PEEL_OK)
            st = load_file(r, (peel_file)f, path, name, 1, &skip, err);
    }
    if (st == PEEL_OK) {
        peel_path_join(path, sizeof path, NULL, report_dir, "data", "sidecars");
        load_sidecars(r, path, &skip);
        if ((st = peel_path_join(path, sizeof path, err, report_dir, "reconciliation.csv")) ==
            PEEL_OK)
            st = load_file(r, PEEL_RECONCILIATION, path, path, 0, NULL, err);
    }
    free(skip.key);
    if (st != PEEL_OK)
        peel_records_release(r);
    return st;
}
