#include "peel_data.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "peel_mem.h"
#include "peel_text.h"

/* Both come from the build (stages/CMakeLists.txt): the source tree's data
 * folder, and the data folder's path relative to the installed bin/. */
#ifndef PEEL_DATA_DIR
#error "PEEL_DATA_DIR (the build-time data folder) must be defined"
#endif
#ifndef PEEL_DATA_REL
#define PEEL_DATA_REL "../share/peelpack"
#endif

static int is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static peel_status put(const char *dir, char *out, size_t cap, peel_err *err)
{
    int n = snprintf(out, cap, "%s", dir);
    if (n < 0 || (size_t)n >= cap)
        return PEEL_FAIL(err, PEEL_EUSAGE, dir, 0, "data folder name longer than %zu bytes",
                         cap - 1);
    return PEEL_OK;
}

/* <folder of the running program>/PEEL_DATA_REL into out; "" when the
 * program's own path cannot be read. */
static void next_to_program(char *out, size_t cap)
{
    char exe[PATH_MAX], bindir[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    out[0] = '\0';
    if (n <= 0)
        return;
    exe[n] = '\0';
    peel_path_dir(exe, bindir, sizeof bindir);
    int m = snprintf(out, cap, "%s/%s", bindir, PEEL_DATA_REL);
    if (m < 0 || (size_t)m >= cap)
        out[0] = '\0';
}

peel_status peel_data_given(const char *data_dir, peel_err *err)
{
    if (!data_dir)
        return PEEL_FAIL(err, PEEL_EUSAGE, NULL, 0, "no data folder given");
    return PEEL_OK;
}

peel_status peel_catalog_new(const peel_catalog_kind *k, const char *data_dir, const void *arg,
                             void **out, peel_err *err)
{
    *out = NULL;
    peel_status st = peel_data_given(data_dir, err);
    if (st != PEEL_OK)
        return st;
    void *cat = peel_xcalloc(1, k->size);
    st = k->load(cat, data_dir, arg, err);
    if (st != PEEL_OK) {
        peel_catalog_free(k, cat);
        return st;
    }
    *out = cat;
    return PEEL_OK;
}

void peel_catalog_free(const peel_catalog_kind *k, void *cat)
{
    if (!cat)
        return;
    k->release(cat);
    free(cat);
}

peel_status peel_data_dir(const char *given, char *out, size_t cap, peel_err *err)
{
    if (cap > 0)
        out[0] = '\0';
    if (given)
        return put(given, out, cap, err);
    char installed[PATH_MAX + 64];
    next_to_program(installed, sizeof installed);
    /* An installed program finds its own share/peelpack before the build's
     * folder: an installed copy never reads the source tree. */
    if (installed[0] && is_folder(installed))
        return put(installed, out, cap, err);
    if (is_folder(PEEL_DATA_DIR))
        return put(PEEL_DATA_DIR, out, cap, err);
    return PEEL_FAIL(err, PEEL_ENOINPUT, NULL, 0,
                     "no data folder: neither %s (next to the program) nor %s (the build's) "
                     "is a folder; give -d DIR",
                     installed[0] ? installed : "../share/peelpack", PEEL_DATA_DIR);
}
