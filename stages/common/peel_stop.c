#include "peel_stop.h"

#include <signal.h>

/* sig_atomic_t: the only type a handler may write and the program read. */
static volatile sig_atomic_t stop_signal;

void peel_stop_request(int sig)
{
    stop_signal = sig > 0 ? sig : SIGTERM;
}

int peel_stop_requested(void)
{
    return (int)stop_signal;
}
