/* libFuzzer target: the two catalogues whose fields are expressions, both
 * read from the same input -- as pipeline/rules.csv (the CSV, then every
 * rule's expressions) and as pipeline/workbook.csv (every line, its
 * expressions checked) -- and the input itself as an expression of either
 * dialect, so that the one expression engine meets it three ways. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "peel_expr.h"
#include "rc.h"
#include "xl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    peel_arena a;
    peel_vec rules = {0};
    peel_err err = {0};
    peel_arena_init(&a);
    (void)rc_rules_parse("rules.csv", (const char *)data, size, &a, &rules, &err);
    peel_vec_release(&rules, NULL);
    xl_layout lay;
    (void)xl_layout_parse(&lay, "workbook.csv", (const char *)data, size, &err);
    xl_layout_release(&lay);
    /* The bytes as one expression (up to a NUL, which text never holds). */
    char *text = peel_xstrndup((const char *)data, size);
    const char *why;
    (void)peel_expr_parse(&a, text, &RC_EXPR_SYNTAX, &why);
    (void)xl_expr_check(text);
    free(text);
    peel_arena_release(&a);
    return 0;
}
