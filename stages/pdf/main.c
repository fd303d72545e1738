/* peel-pdf REPORT_DIR: the pdf stage on its own. */
#include <getopt.h>
#include <stdio.h>

#include "peel_cli.h"
#include "peel_data.h"
#include "pdf.h"
#include "peel_afile.h"
#include "peel_mem.h"

static const char USAGE[] =
    "usage: peel-pdf [options] REPORT_DIR\n"
    "\n"
    "Writes REPORT_DIR/effectiveness.pdf, efficiency.pdf and legitimacy.pdf,\n"
    "briefing packs for executives, from the records in REPORT_DIR/data/ and\n"
    "REPORT_DIR/reconciliation.csv.\n"
    "\n"
    "  -d, --data-dir DIR   folder with workbook.csv, whose opening lines say which\n"
    "                       pillar an opening table belongs to (default: see\n"
    "                       peel-run(1), FILES)\n"
    "      --font FILE      TrueType font to embed (default DejaVu Sans from\n"
    "                       the Debian package fonts-dejavu-core)\n"
    "      --bold-font FILE its bold face (default FILE's -Bold sibling)\n"
    "  -q, --quiet          no progress line, only errors\n"
    "  -h, --help           this text\n"
    "  -V, --version        version\n"
    "\n"
    "Exit status: 0 done, 64 usage, 65 invalid data file, 66 records or font\n"
    "missing, 73 cannot write a pack.\n";

int main(int argc, char **argv)
{
    const peel_cli cli = {"peel-pdf", PEEL_VERSION, USAGE};
    enum { OPT_FONT = 256, OPT_BOLD };
    static const struct option longopts[] = {{"data-dir", required_argument, NULL, 'd'},
                                             {"font", required_argument, NULL, OPT_FONT},
                                             {"bold-font", required_argument, NULL, OPT_BOLD},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"version", no_argument, NULL, 'V'},
                                             {NULL, 0, NULL, 0}};
    peel_mem_tune();
    peel_afile_ignore_sigxfsz();
    peel_pdf_opts o = {0};
    int c;
    while ((c = getopt_long(argc, argv, "d:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd':
            o.data_dir = optarg;
            break;
        case OPT_FONT:
            o.font_path = optarg;
            break;
        case OPT_BOLD:
            o.bold_font_path = optarg;
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
    if (st != PEEL_OK)
        return peel_cli_fail(&cli, st, &err);
    peel_pdf_result res;
    st = peel_pdf_run(&o, &res, &err);
    if (!o.quiet)
        peel_warnings_print(&res.warnings, cli.name, stderr);
    peel_warnings_release(&res.warnings);
    if (st != PEEL_OK)
        return peel_cli_fail(&cli, st, &err);
    if (!o.quiet)
        printf("%s: effectiveness.pdf, efficiency.pdf, legitimacy.pdf\n", o.report_dir);
    return 0;
}
