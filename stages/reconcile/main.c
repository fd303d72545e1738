/* peel-reconcile REPORT_DIR: the reconcile stage on its own. */
#include <getopt.h>
#include <stdio.h>

#include "peel_cli.h"
#include "peel_data.h"
#include "peel_afile.h"
#include "reconcile.h"
#include "peel_mem.h"

static const char USAGE[] =
    "usage: peel-reconcile [options] REPORT_DIR\n"
    "\n"
    "Checks every figure of a report against the others it must agree with and\n"
    "writes REPORT_DIR/reconciliation.csv.\n"
    "\n"
    "  -r, --rules FILE   extra rules, in the catalogue's format\n"
    "      --catalogue FILE  use FILE instead of the shipped rules.csv\n"
    "  -d, --data-dir DIR folder with the shipped rules.csv (default: see\n"
    "                     peel-run(1), FILES)\n"
    "  -s, --strict       exit 65 when any check fails\n"
    "  -q, --quiet        only errors\n"
    "  -h, --help         this text\n"
    "  -V, --version      version\n"
    "\n"
    "Exit status: 0 done (failed checks are reported, not errors, unless --strict),\n"
    "64 usage, 65 a malformed rule (or a FAIL with --strict), 66 records missing,\n"
    "73 cannot write.\n";

int main(int argc, char **argv)
{
    const peel_cli cli = {"peel-reconcile", PEEL_VERSION, USAGE};
    static const struct option longopts[] = {
        {"rules", required_argument, NULL, 'r'},    {"catalogue", required_argument, NULL, 'c'},
        {"data-dir", required_argument, NULL, 'd'}, {"strict", no_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},        {NULL, 0, NULL, 0}};
    peel_mem_tune();
    peel_afile_ignore_sigxfsz();
    peel_reconcile_opts o = {0};
    int strict = 0, c;
    while ((c = getopt_long(argc, argv, "r:d:sqhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'r':
            o.extra_rules = optarg;
            break;
        case 'c':
            o.rules_path = optarg;
            break;
        case 'd':
            o.data_dir = optarg;
            break;
        case 's':
            strict = 1;
            break;
        case 'q':
            o.quiet = 1;
            break;
        default:
            return peel_cli_option(&cli, c);
        }
    }
    int rc = peel_cli_operand(&cli, argc, argv, &o.report_dir);
    if (rc)
        return rc;
    peel_reconcile_result res;
    peel_err err = {0};
    char data_dir[PEEL_DATA_DIR_MAX];
    peel_status st = peel_cli_data_dir(&o.data_dir, data_dir, sizeof data_dir, &err);
    if (st == PEEL_OK || o.rules_path) /* --catalogue needs no data folder */
        st = peel_reconcile_run(&o, &res, &err);
    if (st != PEEL_OK)
        return peel_cli_fail(&cli, st, &err);
    if (!o.quiet)
        printf("%s: %ld pass, %ld warn, %ld fail, %ld skip\n", o.report_dir, res.pass, res.warn,
               res.fail, res.skip);
    return strict && res.fail ? PEEL_EDATA : 0;
}
