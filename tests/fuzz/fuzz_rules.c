/* libFuzzer target: the reconciliation rules parser (CSV, then every
 * expression). */
#include <stdint.h>

#include "rc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    peel_arena a;
    peel_vec rules = {0};
    peel_err err = {0};
    peel_arena_init(&a);
    (void)rc_rules_parse("fuzz", (const char *)data, size, &a, &rules, &err);
    peel_vec_release(&rules, NULL);
    peel_arena_release(&a);
    return 0;
}
