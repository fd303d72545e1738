/* libFuzzer target: the report parser on arbitrary bytes.  The catalogues
 * are loaded once; each input is split into lines and parsed in memory. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ing.h"

static ing_catalog cat;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!loaded) {
        peel_err err = {0};
        if (ing_catalog_load(&cat, PEEL_DATA_DIR, &err) != PEEL_OK)
            abort();
        loaded = 1;
    }
    char *copy = peel_xmalloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    ing_doc doc;
    ing_report rep;
    ing_report_init(&rep);
    peel_err err = {0};
    if (ing_doc_init(&doc, "fuzz", copy, size, (size_t)65536, &err) == PEEL_OK) {
        ing_ctx cx = {.doc = &doc, .rep = &rep, .cat = &cat};
        (void)ing_parse(&cx, &err);
    }
    ing_report_release(&rep);
    ing_doc_release(&doc);
    return 0;
}
