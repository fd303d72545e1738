/* Runs a fuzz target's entry point over files given on the command line, so
 * that every input a fuzzer ever crashed on stays a regression test in the
 * ordinary build (no libFuzzer needed). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            perror(argv[i]);
            return 1;
        }
        fseek(fp, 0, SEEK_END);
        long size = ftell(fp);
        rewind(fp);
        unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
        size_t got = buf ? fread(buf, 1, (size_t)size, fp) : 0;
        fclose(fp);
        LLVMFuzzerTestOneInput(buf, got);
        free(buf);
        n++;
    }
    printf("%d passed, 0 failed\n", n);
    return 0;
}
