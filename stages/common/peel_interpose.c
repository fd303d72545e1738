/* The library definitions the programs' own hide (peel_interpose.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* RTLD_NEXT */
#endif
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include "peel_interpose.h"

void *peel_interpose_next(const char *name)
{
    void *sym = dlsym(RTLD_NEXT, name);
    if (!sym) {
        fprintf(stderr, "peelpack: the libraries' %s not found\n", name);
        exit(71);
    }
    return sym;
}
