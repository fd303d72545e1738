/* libFuzzer target: the number parser, whole-field and in prose. */
#include <stdint.h>

#include "peel_num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    peel_num n;
    char out[64];
    if (peel_num_parse(s, size, &n) == 0)
        peel_num_format(n.value, peel_num_base_decimals(&n), out, sizeof out);
    size_t pos = 0;
    while (peel_num_next(s, size, &pos, &n)) {
        if (n.end > size || n.start >= n.end)
            __builtin_trap();
        peel_num_format(n.value, peel_num_base_decimals(&n), out, sizeof out);
        (void)peel_num_half_unit(&n);
    }
    return 0;
}
