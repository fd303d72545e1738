#include "console.h"

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

void peel_console_init(peel_console *c, FILE *out, FILE *err, int bar, int quiet)
{
    memset(c, 0, sizeof *c);
    c->out = out;
    c->err = err;
    c->bar = bar && !quiet;
    c->quiet = quiet;
    c->last_draw = -1;
}

/* Nonzero when fp can still be written to. */
static int open_stream(const peel_console *c, const FILE *fp)
{
    return fp == c->out ? !c->out_gone : !c->err_gone;
}

/* Flushes fp; a failure (EPIPE: the reader has gone) means it is gone for
 * the rest of the run.  Nothing printed is worth stopping the work for. */
static void flush_stream(peel_console *c, FILE *fp)
{
    if (fflush(fp) == 0 && !ferror(fp))
        return;
    clearerr(fp);
    if (fp == c->out)
        c->out_gone = 1;
    else
        c->err_gone = 1;
}

void peel_console_clear(peel_console *c)
{
    if (c->bar_shown && open_stream(c, c->err)) {
        fputs("\r\033[K", c->err);
        flush_stream(c, c->err);
    }
    c->bar_shown = 0;
}

static int columns(FILE *fp)
{
    struct winsize ws;
    if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    return 80;
}

static void clock_text(double s, char *out, size_t cap)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, cap, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, cap, "%ld:%02ld", t / 60, t % 60);
}

/* [#######.......] 12/43 0:12, ~0:30 left  northmoor-police-2018-19 */
static void draw(peel_console *c, const peel_run_event *ev)
{
    if (!open_stream(c, c->err))
        return;
    char line[1024], el[32], left[32], counts[128];
    int width = columns(c->err) - 1;
    clock_text(ev->elapsed, el, sizeof el);
    if (ev->total == 0) {
        snprintf(line, sizeof line, "%s  %s", el, c->phase);
    } else {
        if (ev->done > 0 && ev->done < ev->total) {
            clock_text(ev->counted / (double)ev->done * (double)(ev->total - ev->done), left,
                       sizeof left);
        } else
            snprintf(left, sizeof left, ev->done > 0 ? "0:00" : "?");
        snprintf(counts, sizeof counts, " %zu/%zu %s, ~%s left  ", ev->done, ev->total, el, left);
        int barw = width / 4 < 10 ? 10 : width / 4;
        int fill = (int)((double)barw * (double)ev->done / (double)ev->total);
        char bar[256];
        int k = 0;
        bar[k++] = '[';
        for (int i = 0; i < barw && k < (int)sizeof bar - 2; i++)
            bar[k++] = i < fill ? '#' : '.';
        bar[k++] = ']';
        bar[k] = '\0';
        snprintf(line, sizeof line, "%s%s%s", bar, counts, c->current);
    }
    if ((int)strlen(line) > width)
        line[width > 0 ? width : 0] = '\0';
    fprintf(c->err, "\r\033[K%s", line);
    flush_stream(c, c->err);
    c->bar_shown = 1;
    c->last_draw = ev->elapsed;
}

static void log_line(peel_console *c, const peel_run_event *ev)
{
    if (!open_stream(c, c->out))
        return;
    fprintf(c->out, "peel-run: [%zu/%zu] %s: %s", ev->done, ev->total, ev->slug, ev->status);
    double total = 0;
    int any = 0;
    for (int i = 0; i < PEEL_RUN_NSTAGE; i++)
        if (ev->seconds[i] >= 0) {
            fprintf(c->out, "%s%s %.2fs", any ? ", " : " (", PEEL_RUN_STAGES[i], ev->seconds[i]);
            total += ev->seconds[i];
            any = 1;
        }
    if (any)
        fprintf(c->out, "; total %.2fs)", total);
    if (strcmp(ev->status, "failed") != 0)
        fprintf(c->out,
                "; %ld warnings, %ld rejects; checks %ld pass, %ld warn, %ld fail, %ld skip",
                ev->warnings, ev->rejects, ev->pass, ev->warn, ev->fail, ev->skip);
    fputc('\n', c->out);
    flush_stream(c, c->out);
}

void peel_console_event(void *ctx, const peel_run_event *ev)
{
    peel_console *c = ctx;
    switch (ev->kind) {
    case PEEL_RUN_EV_ERROR:
    case PEEL_RUN_EV_WARNING:
        if (ev->kind == PEEL_RUN_EV_WARNING && c->quiet)
            return;
        peel_console_clear(c);
        if (!open_stream(c, c->err))
            return;
        fprintf(c->err, "peel-run: %s: %s\n", ev->kind == PEEL_RUN_EV_ERROR ? "error" : "warning",
                ev->msg);
        flush_stream(c, c->err);
        if (c->bar)
            draw(c, ev);
        return;
    case PEEL_RUN_EV_PHASE:
        snprintf(c->phase, sizeof c->phase, "%s", ev->msg);
        if (c->bar)
            draw(c, ev);
        else if (!c->quiet && open_stream(c, c->out)) {
            fprintf(c->out, "peel-run: %s\n", ev->msg);
            flush_stream(c, c->out);
        }
        return;
    case PEEL_RUN_EV_START:
        snprintf(c->current, sizeof c->current, "%s", ev->slug);
        if (c->bar)
            draw(c, ev);
        return;
    case PEEL_RUN_EV_DONE:
        if (c->bar)
            draw(c, ev);
        else if (!c->quiet)
            log_line(c, ev);
        return;
    case PEEL_RUN_EV_TICK:
        if (c->bar && ev->elapsed - c->last_draw >= 0.5)
            draw(c, ev);
        return;
    }
}
