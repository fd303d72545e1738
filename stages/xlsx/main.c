/* peel-xlsx REPORT_DIR: the xlsx stage on its own. */
#include <getopt.h>
#include <stdio.h>

#include "peel_cli.h"
#include "peel_data.h"
#include "peel_afile.h"
#include "xlsx.h"
#include "peel_mem.h"

static const char USAGE[] =
    "usage: peel-xlsx [options] REPORT_DIR\n"
    "\n"
    "Writes REPORT_DIR/effectiveness.xlsx, efficiency.xlsx and legitimacy.xlsx\n"
    "from the records in REPORT_DIR/data/ and REPORT_DIR/reconciliation.csv.\n"
    "\n"
    "  -d, --data-dir DIR folder with workbook.csv, the pillar sheets' layout\n"
    "                     (default: see peel-run(1), FILES)\n"
    "  -t, --tmpdir DIR   folder for libxlsxwriter's scratch files (default: a tmpfs\n"
    "                     such as /dev/shm when there is one, else REPORT_DIR)\n"
    "  -q, --quiet        no progress line, only errors\n"
    "  -h, --help         this text\n"
    "  -V, --version      version\n"
    "\n"
    "Exit status: 0 done, 64 usage, 65 invalid layout, 66 records missing,\n"
    "73 cannot write a workbook.\n";

int main(int argc, char **argv)
{
    const peel_cli cli = {"peel-xlsx", PEEL_VERSION, USAGE};
    static const struct option longopts[] = {
        {"data-dir", required_argument, NULL, 'd'}, {"tmpdir", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},        {NULL, 0, NULL, 0}};
    peel_mem_tune();
    peel_afile_ignore_sigxfsz();
    peel_xlsx_opts o = {0};
    int c;
    while ((c = getopt_long(argc, argv, "d:t:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o.data_dir = optarg;
            break;
        case 't':
            o.tmpdir = optarg;
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
    peel_err err = {0};
    char data_dir[PEEL_DATA_DIR_MAX];
    peel_status st = peel_cli_data_dir(&o.data_dir, data_dir, sizeof data_dir, &err);
    if (st == PEEL_OK)
        st = peel_xlsx_run(&o, &err);
    if (st != PEEL_OK)
        return peel_cli_fail(&cli, st, &err);
    if (!o.quiet)
        printf("%s: effectiveness.xlsx, efficiency.xlsx, legitimacy.xlsx\n", o.report_dir);
    return 0;
}
