/* libFuzzer target: the validate stage's checks over arbitrary CSV.  The
 * first byte picks the schema (a record file or the sidecar one); the rest
 * is parsed as that file and checked row by row.  The value grammar also
 * gets the whole input as one string. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vd.h"

static void grammar(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1), bad[32];
    double v;
    long n;
    memcpy(s, data, size);
    s[size] = '\0';
    (void)vd_plain_number(s, &v);
    (void)vd_integer(s, &n);
    (void)vd_year_label(s);
    (void)vd_years_in_text(s, bad, sizeof bad);
    (void)vd_period(s);
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static vd_catalog cat;
    static int loaded;
    peel_err err = {0};
    if (!loaded) {
        if (vd_catalog_load(&cat, PEEL_DATA_DIR, &err) != PEEL_OK)
            abort();
        loaded = 1;
    }
    if (size == 0)
        return 0;
    grammar(data + 1, size - 1);
    /* The first byte picks the file: a record file, or a sidecar. */
    unsigned pick = data[0] % (PEEL_NRECORD_FILES + 1);
    peel_file f = pick == PEEL_NRECORD_FILES ? PEEL_SIDECAR : (peel_file)pick;
    peel_csv_doc doc;
    if (peel_csv_parse("fuzz", (const char *)data + 1, size - 1, &doc, &err) != PEEL_OK)
        return 0;
    /* A fresh context per input, sharing the catalogue read-only. */
    vd_ctx cx;
    vd_ctx_init(&cx);
    cx.cat = &cat;
    cx.lines = 1200;
    cx.year = 2018;
    cx.year_label = "2018/19";
    cx.force = "Northmoor Constabulary";
    vd_read_meta(&cx, &doc);
    vd_check_doc(&cx, f, peel_schema(f)->name, &doc);
    char missing[128];
    (void)vd_check_pillars(&cx, &doc, &doc, &doc, missing, sizeof missing);
    (void)vd_check_end(&cx, &doc);
    (void)vd_rejected_records(&cx);
    peel_csv_doc_release(&doc);
    vd_ctx_release(&cx);
    return 0;
}
