/* libFuzzer target: the CSV reader. */
#include <stdint.h>

#include "peel_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    peel_csv_doc doc;
    peel_err err = {0};
    if (peel_csv_parse("fuzz", (const char *)data, size, &doc, &err) == PEEL_OK) {
        for (size_t r = 0; r < doc.nrow; r++)
            (void)peel_csv_text(peel_csv_get(&doc, r, (int)(r % (doc.ncol + 1))));
        peel_csv_doc_release(&doc);
    }
    return 0;
}
