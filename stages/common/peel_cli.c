#include "peel_cli.h"

#include <stdio.h>

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
