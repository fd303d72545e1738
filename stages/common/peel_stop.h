/* A request to stop, made by a signal handler and seen by long loops.
 *
 * peel-run catches SIGINT, SIGTERM and SIGHUP and asks the run to stop; the
 * loops that can take long on one input (reading a file, walking folders,
 * starting workers) look here between steps and end early with an error
 * saying so, instead of finishing work that will be thrown away.  Programs
 * that catch no signal never set it, so for them nothing changes. */
#ifndef PEEL_STOP_H
#define PEEL_STOP_H

/* Records that signal `sig` asked the program to stop.  Async-signal-safe:
 * meant to be called from a signal handler. */
void peel_stop_request(int sig);

/* The signal that asked to stop, or 0 when none did. */
int peel_stop_requested(void);

#endif
