/* How peel-run shows a batch: a progress bar on a terminal, otherwise one log
 * line per report (for cron mail and the journal); errors always, on stderr.
 * A stream whose reader has gone (`peel-run ... | head`, a closed terminal)
 * is written to no more: the console stops printing there and the run goes
 * on (main ignores SIGPIPE, so the write fails with EPIPE instead of killing
 * the run). */
#ifndef PEEL_RUN_CONSOLE_H
#define PEEL_RUN_CONSOLE_H

#include <stdio.h>

#include "run.h"

typedef struct peel_console {
    FILE *out;     /* log lines (stdout); borrowed */
    FILE *err;     /* warnings, errors and the bar (stderr); borrowed */
    int bar;       /* draw a progress bar on err */
    int quiet;     /* errors only */
    int bar_shown; /* a bar is on the screen now */
    int out_gone;  /* a write to out failed (its reader is gone): no more output there */
    int err_gone;  /* the same for err */
    double last_draw;
    char current[256]; /* the report last started */
    char phase[256];
} peel_console;

/* bar: err is a terminal and not quiet. */
void peel_console_init(peel_console *c, FILE *out, FILE *err, int bar, int quiet);
/* A peel_run_log_fn; ctx is the peel_console. */
void peel_console_event(void *ctx, const peel_run_event *ev);
/* Removes the bar, if one is shown. */
void peel_console_clear(peel_console *c);

#endif
