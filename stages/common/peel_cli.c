#include "peel_cli.h"

#include <getopt.h>
#include <stdio.h>

#include "peel_data.h"

int peel_cli_option(const peel_cli *cli, int opt)
{
    switch (opt) {
    case 'h':
        fputs(cli->usage, stdout);
        return 0;
    case 'V':
        printf("%s (peelpack) %s\n", cli->name, cli->version);
        return 0;
    default:
        return peel_cli_usage(cli);
    }
}

int peel_cli_usage(const peel_cli *cli)
{
    fputs(cli->usage, stderr);
    return PEEL_EUSAGE;
}

int peel_cli_fail(const peel_cli *cli, peel_status st, const peel_err *err)
{
    char msg[1400];
    peel_err_format(err, msg, sizeof msg);
    fprintf(stderr, "%s: %s\n", cli->name, msg);
    return st;
}

int peel_cli_operand(const peel_cli *cli, int argc, char **argv, const char **operand)
{
    if (optind != argc - 1)
        return peel_cli_usage(cli);
    *operand = argv[optind];
    return 0;
}

peel_status peel_cli_data_dir(const char **dir, char *buf, size_t cap, peel_err *err)
{
    peel_status st = peel_data_dir(*dir, buf, cap, err);
    *dir = buf;
    return st;
}
