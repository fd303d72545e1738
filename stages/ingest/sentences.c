/* Sentence mode (peel-ingest --sentences FILE): the named-fact extractor on
 * sentences given one per CSV row, without a report around them.  Each row's
 * `sentence` is read as one paragraph (so a row of two sentences keeps its
 * context); its facts are written to `out` as facts.csv rows with the row's
 * `id` first.  source_line is the CSV line the row starts on.  This is how
 * the extractor is measured on a corpus (tests/ingest/corpus.py). */
#include <stdlib.h>
#include <string.h>

#include "ing.h"
#include "ingest.h"
#include "peel_data.h"

static void facts_of_row(const ing_catalog *cat, const char *sentence, long line, const char *id,
                         peel_csv_writer *w)
{
    ing_report rep;
    ing_report_init(&rep);
    ing_ctx cx = {.rep = &rep, .cat = cat};
    char *text = ing_clean(&rep.arena, sentence, strlen(sentence));
    peel_num *num;
    size_t nnum = ing_scan_nums(text, &num);
    const ing_span whole = {0, line};
    size_t *ends = NULL, cap_ends = 0;
    size_t nends = ing_sentence_ends(text, &ends, &cap_ends);
    ing_block b = {.text = text,
                   .ends = ends,
                   .nends = nends,
                   .span = &whole,
                   .nspan = 1,
                   .pillar = "",
                   .component = "",
                   .num = num,
                   .nnum = nnum};
    ing_facts_match(&cx, &b);
    free(num);
    free(ends);
    for (size_t i = 0; i < rep.facts.n; i++) {
        peel_csv_put(w, id);
        ing_write_fact(w, rep.facts.item[i]);
    }
    ing_report_release(&rep);
}

/* The rows written so far go to out; 0 on a write error. */
static int flush_rows(peel_buf *text, FILE *out)
{
    int ok = fwrite(text->data, 1, text->len, out) == text->len;
    peel_buf_clear(text);
    return ok;
}

peel_status peel_ingest_sentences(const char *path, const char *data_dir,
                                  const peel_ingest_catalog *catalog, FILE *out, peel_err *err)
{
    peel_csv_doc doc;
    peel_status st = peel_csv_load(path, &doc, err);
    if (st != PEEL_OK)
        return st;
    int cs = peel_csv_col(&doc, "sentence"), ci = peel_csv_col(&doc, "id");
    ing_catalog own = {0};
    const ing_catalog *cat = catalog ? peel_ingest_catalog_of(catalog) : &own;
    if (cs < 0)
        st = PEEL_FAIL(err, PEEL_EDATA, path, 1, "no \"sentence\" column in the header");
    else if (!catalog && (st = peel_data_given(data_dir, err)) == PEEL_OK)
        st = ing_catalog_load(&own, data_dir, err);
    if (st == PEEL_OK) {
        /* Each row's facts go to `out` as soon as they are found. */
        peel_buf text;
        peel_buf_init(&text);
        peel_csv_writer w;
        peel_csv_writer_init(&w, &text);
        peel_csv_put(&w, "id");
        const peel_file_schema *fs = peel_schema(PEEL_FACTS);
        for (size_t k = 0; k < fs->nfield; k++)
            peel_csv_put(&w, fs->field[k].name);
        peel_csv_end_row(&w);
        for (size_t r = 0; r < doc.nrow && flush_rows(&text, out); r++) {
            char id[32];
            const char *rid = peel_csv_get(&doc, r, ci);
            if (!rid[0]) {
                snprintf(id, sizeof id, "%ld", doc.row[r].line);
                rid = id;
            }
            facts_of_row(cat, peel_csv_get(&doc, r, cs), doc.row[r].line, rid, &w);
        }
        flush_rows(&text, out);
        peel_buf_release(&text);
        if (fflush(out) != 0 || ferror(out))
            st = PEEL_FAIL(err, PEEL_ECANTCREAT, "standard output", 0, "write error");
    }
    ing_catalog_release(&own);
    peel_csv_doc_release(&doc);
    return st;
}
