/* peel-ingest REPORT -o DIR: the ingest stage on its own. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "peel_cli.h"
#include "peel_data.h"
#include "ingest.h"
#include "peel_afile.h"
#include "peel_mem.h"

static const char USAGE[] =
    "usage: peel-ingest [options] REPORT -o OUTDIR\n"
    "       peel-ingest [options] --sentences FILE.csv\n"
    "\n"
    "Parses a PEEL report into CSV records under OUTDIR/<force>-<year>/data/.\n"
    "With --sentences, reads sentences instead (a CSV file with a `sentence`\n"
    "column and an optional `id`), each as a paragraph of a report, and writes\n"
    "the named facts found in each to standard output as facts.csv rows with\n"
    "the row's id first.\n"
    "\n"
    "  -o, --output DIR   output root (required for a report)\n"
    "  -d, --data-dir DIR folder with components.csv, lexicon.csv and facts.csv\n"
    "                     (default: see peel-run(1), FILES)\n"
    "      --sentences F  sentence mode: the named facts of each row of F\n"
    "      --max-size N   largest report accepted, in bytes (default 32 MiB)\n"
    "  -q, --quiet        no warnings, only errors\n"
    "  -h, --help         this text\n"
    "  -V, --version      version\n"
    "\n"
    "Exit status: 0 done, 64 usage, 65 invalid report, 66 report missing,\n"
    "73 cannot write outputs.\n";

int main(int argc, char **argv)
{
    const peel_cli cli = {"peel-ingest", PEEL_VERSION, USAGE};
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},   {"data-dir", required_argument, NULL, 'd'},
        {"max-size", required_argument, NULL, 'm'}, {"sentences", required_argument, NULL, 's'},
        {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},        {NULL, 0, NULL, 0}};
    peel_mem_tune();
    peel_afile_ignore_sigxfsz();
    peel_ingest_opts o = {0};
    const char *sentences = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "o:d:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            o.outdir = optarg;
            break;
        case 'd':
            o.data_dir = optarg;
            break;
        case 'm':
            o.max_bytes = strtoull(optarg, NULL, 10);
            break;
        case 'q':
            o.quiet = 1;
            break;
        case 's':
            sentences = optarg;
            break;
        default:
            return peel_cli_option(&cli, c);
        }
    }
    if (sentences ? optind != argc || o.outdir : optind != argc - 1 || !o.outdir)
        return peel_cli_usage(&cli);
    peel_err err = {0};
    char data_dir[PEEL_DATA_DIR_MAX];
    peel_status st = peel_cli_data_dir(&o.data_dir, data_dir, sizeof data_dir, &err);
    if (sentences) {
        if (st == PEEL_OK)
            st = peel_ingest_sentences(sentences, o.data_dir, NULL, stdout, &err);
        return st == PEEL_OK ? 0 : peel_cli_fail(&cli, st, &err);
    }
    o.input = argv[optind];
    if (st != PEEL_OK)
        return peel_cli_fail(&cli, st, &err);
    peel_ingest_result res;
    st = peel_ingest_run(&o, &res, &err);
    if (!o.quiet)
        peel_warnings_print(&res.warnings, cli.name, stderr);
    if (st == PEEL_OK && !o.quiet)
        printf("%s: %ld lines, %ld warnings -> %s/data\n", o.input, res.lines, res.warnings.count,
               res.report_dir);
    peel_warnings_release(&res.warnings);
    return st == PEEL_OK ? 0 : peel_cli_fail(&cli, st, &err);
}
