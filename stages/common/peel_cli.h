/* What every peelpack program's command line has in common: --help and
 * --version, the usage text on a bad option, and the one line that reports
 * a failure.  Only main() functions use it: library code returns errors. */
#ifndef PEEL_CLI_H
#define PEEL_CLI_H

#include "peel_err.h"

typedef struct peel_cli {
    const char *name;    /* "peel-ingest" */
    const char *version; /* PEEL_VERSION */
    const char *usage;   /* the --help text */
} peel_cli;

/* For the getopt options every program shares ('h', 'V') and for unknown
 * ones: prints what they ask for and returns the exit status (0 or 64). */
int peel_cli_option(const peel_cli *cli, int opt);

/* The usage text on stderr; returns PEEL_EUSAGE. */
int peel_cli_usage(const peel_cli *cli);

/* "name: file:line: field: message" on stderr; returns `st`, the status the
 * failing call returned (the exit status). */
int peel_cli_fail(const peel_cli *cli, peel_status st, const peel_err *err);

/* After the options, the one operand (a stage's REPORT_DIR) into *operand:
 * 0, or the usage's exit status when there is not exactly one. */
int peel_cli_operand(const peel_cli *cli, int argc, char **argv, const char **operand);

/* The data folder a program uses (peel_data_dir: *dir as -d gave it, or
 * NULL for where the install keeps it) resolved into buf, *dir then
 * pointing at it. */
peel_status peel_cli_data_dir(const char **dir, char *buf, size_t cap, peel_err *err);

#endif
