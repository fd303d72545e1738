/* The libraries' functions the programs define over their own: what the
 * files that do it share (peel_deflate.c, peel_scratch_mem.c,
 * peel_xlsxxml.c, peel_xlsxhash.c, peel_hpdfutil.c, peel_hpdfcmap.c,
 * peel_hpdfwrite.c, peel_hpdfmem.c; each says why).  Such a definition is
 * exported from the program (peel_interpose.list, given to the linker as
 * its dynamic list), so that the dynamic linker binds the library's calls,
 * its calls to itself through the PLT included, to the program's definition
 * first. */
#ifndef PEEL_INTERPOSE_H
#define PEEL_INTERPOSE_H

/* The library's own definition of the function called name, the one the
 * program's definition hides (dlsym RTLD_NEXT), looked up on each call: the
 * callers keep it.  A library without it cannot be (the programs link it),
 * so its absence ends the process with 71 (EX_OSERR), as memory does. */
void *peel_interpose_next(const char *name);

#endif
