/* peel-run [options] INPUT... -o OUTDIR: every report through every stage. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "peel_cli.h"
#include "peel_data.h"
#include "console.h"
#include "peel_afile.h"
#include "peel_mem.h"
#include "peel_stop.h"
#include "run.h"

static const char USAGE[] =
    "usage: peel-run [options] INPUT... -o OUTDIR\n"
    "\n"
    "Turns PEEL inspection reports into checked records, workbooks and briefing\n"
    "packs, one folder OUTDIR/<force>-<year>/ per report, plus OUTDIR/summary.xlsx\n"
    "and OUTDIR/manifest.csv.  INPUT is a report (.md, .txt), a sidecar CSV of\n"
    "finance or HR figures (force,key,value,unit,period,source), or a folder of\n"
    "them.  Reports unchanged since the last run are skipped.\n"
    "\n"
    "  -o, --output DIR   output folder (required)\n"
    "  -j, --jobs N       reports built at once (default: the number of cores)\n"
    "      --rules FILE   extra reconciliation rules, added to the shipped ones\n"
    "      --strict       a reconciliation FAIL makes the report invalid (exit 65)\n"
    "      --force        rebuild every report, changed or not\n"
    "  -d, --data-dir DIR folder of the data files (rules.csv, components.csv...);\n"
    "                     default: ../share/peelpack next to the program, else\n"
    "                     the build's pipeline/ (see peel-run(1), FILES)\n"
    "  -q, --quiet        print only errors\n"
    "  -v, --verbose      also print each stage's own warnings\n"
    "  -h, --help         this text\n"
    "  -V, --version      version\n"
    "\n"
    "Exit status: 0 all done (warnings allowed), 64 usage, 65 some input invalid\n"
    "(the others were still processed), 66 an input is missing, 73 cannot write,\n"
    "75 another peel-run holds the output folder (try later).\n"
    "See peel-run(1).\n";

/* SIGINT, SIGTERM, SIGHUP: the run stops at the next step it can (see
 * peel_stop.h and run.h), cleans up, and then ends by the same signal. */
static void on_signal(int sig)
{
    peel_stop_request(sig);
}

static int parse_jobs(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > 1024)
        return -1;
    *out = (int)v;
    return 0;
}

static int usage_error(const char *msg)
{
    fprintf(stderr, "peel-run: %s\n%s", msg, USAGE);
    return PEEL_EUSAGE;
}

int main(int argc, char **argv)
{
    const peel_cli cli = {"peel-run", PEEL_VERSION, USAGE};
    enum { OPT_RULES = 256, OPT_STRICT, OPT_FORCE };
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"rules", required_argument, NULL, OPT_RULES},
                                             {"strict", no_argument, NULL, OPT_STRICT},
                                             {"force", no_argument, NULL, OPT_FORCE},
                                             {"data-dir", required_argument, NULL, 'd'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"verbose", no_argument, NULL, 'v'},
                                             {"help", no_argument, NULL, 'h'},
                                             {"version", no_argument, NULL, 'V'},
                                             {NULL, 0, NULL, 0}};
    peel_mem_tune();
    peel_afile_ignore_sigxfsz();
    /* A closed standard output or error (`peel-run ... | head`, a pager
     * quit) must not kill the run by SIGPIPE half-way, lock held and
     * temporaries left: writes to it fail with EPIPE instead, the console
     * stops printing there, and the run finishes its work.  Workers inherit
     * this. */
    signal(SIGPIPE, SIG_IGN);
    peel_run_opts o = {0};
    int c, quiet = 0;
    /* GNU getopt permutes: "-o OUTDIR" may follow the inputs, as DESIGN.md writes it. */
    while ((c = getopt_long(argc, argv, "o:j:d:qvhV", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            o.outdir = optarg;
            break;
        case 'j':
            if (parse_jobs(optarg, &o.jobs) != 0)
                return usage_error("-j wants a number of jobs from 1 to 1024");
            break;
        case OPT_RULES:
            o.extra_rules = optarg;
            break;
        case OPT_STRICT:
            o.strict = 1;
            break;
        case OPT_FORCE:
            o.force = 1;
            break;
        case 'd':
            o.data_dir = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'v':
            o.verbose = 1;
            break;
        default:
            return peel_cli_option(&cli, c);
        }
    }
    if (!o.outdir)
        return usage_error("no output folder: give -o OUTDIR");
    if (optind >= argc)
        return usage_error("no input: name report files or folders");
    o.inputs = (const char *const *)argv + optind;
    o.ninput = (size_t)(argc - optind);

    peel_console con;
    peel_console_init(&con, stdout, stderr, isatty(STDERR_FILENO), quiet);
    o.log = peel_console_event;
    o.log_ctx = &con;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    peel_run_result res;
    peel_err err = {0};
    char data_dir[PEEL_DATA_DIR_MAX];
    peel_status st = peel_cli_data_dir(&o.data_dir, data_dir, sizeof data_dir, &err);
    if (st == PEEL_OK)
        st = peel_run_batch(&o, &res, &err);
    peel_console_clear(&con);
    int sig = peel_stop_requested();
    if (sig) {
        if (!con.err_gone)
            fprintf(stderr,
                    "peel-run: interrupted (%s); finished reports are in place, the rest "
                    "is redone next time\n",
                    strsignal(sig));
        /* Ended by the signal itself, as a shell or systemd expects of a
         * program stopped so (a shell shows 128 + the signal's number). */
        signal(sig, SIG_DFL);
        raise(sig);
        return 128 + sig;
    }
    if (st != PEEL_OK) {
        peel_cli_fail(&cli, st, &err);
        if (st == PEEL_EUSAGE)
            fputs(USAGE, stderr);
        return st;
    }
    if (!quiet && !con.out_gone) {
        if (res.nothing_to_do)
            printf("peel-run: nothing to do: %zu report%s unchanged in %s\n", res.unchanged,
                   res.unchanged == 1 ? "" : "s", o.outdir);
        else
            printf("peel-run: %zu report%s: %zu built, %zu unchanged, %zu failed or invalid%s; "
                   "-> %s\n",
                   res.reports, res.reports == 1 ? "" : "s", res.built, res.unchanged, res.failed,
                   res.summary_written ? "; summary.xlsx updated" : "", o.outdir);
    }
    return res.exit;
}
