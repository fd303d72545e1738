/* peel-validate REPORT_DIR: the validate stage on its own. */
#include <getopt.h>
#include <stdio.h>

#include "peel_cli.h"
#include "peel_data.h"
#include "peel_afile.h"
#include "validate.h"
#include "peel_mem.h"

static const char USAGE[] =
    "usage: peel-validate [options] REPORT_DIR\n"
    "\n"
    "Checks the records under REPORT_DIR/data/ (and any sidecar CSVs in\n"
    "REPORT_DIR/data/sidecars/) and writes what fails to REPORT_DIR/data/rejects.csv.\n"
    "\n"
    "  -d, --data-dir DIR folder with components.csv and facts.csv (default: see\n"
    "                     peel-run(1), FILES)\n"
    "  -q, --quiet        no summary line, only errors\n"
    "  -h, --help         this text\n"
    "  -V, --version      version\n"
    "\n"
    "Exit status: 0 done (rejects allowed), 64 usage, 65 incomplete or unreadable\n"
    "records, 66 records missing, 73 cannot write rejects.csv.\n";

int main(int argc, char **argv)
{
    const peel_cli cli = {"peel-validate", PEEL_VERSION, USAGE};
    static const struct option longopts[] = {{"data-dir", required_argument, NULL, 'd'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"version", no_argument, NULL, 'V'},
                                             {NULL, 0, NULL, 0}};
    peel_mem_tune();
    peel_afile_ignore_sigxfsz();
    peel_validate_opts o = {0};
    int c;
    while ((c = getopt_long(argc, argv, "d:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o.data_dir = optarg;
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
    peel_validate_result res = {0};
    peel_err err = {0};
    char data_dir[PEEL_DATA_DIR_MAX];
    peel_status st = peel_cli_data_dir(&o.data_dir, data_dir, sizeof data_dir, &err);
    if (st == PEEL_OK)
        st = peel_validate_run(&o, &res, &err);
    if (!o.quiet && (st == PEEL_OK || res.incomplete))
        printf(
            "%s: %ld records checked, %ld rejects (%ld records left out) -> %s/data/rejects.csv\n",
            o.report_dir, res.records, res.rejects, res.rejected_records, o.report_dir);
    if (st != PEEL_OK)
        return peel_cli_fail(&cli, st, &err);
    return 0;
}
