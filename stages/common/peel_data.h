/* Where the data catalogues are (components.csv, facts.csv, rules.csv,
 * workbook.csv): resolved here, in one place, by every
 * program's main(); the stage libraries and the driver are given the folder
 * and never guess it. */
#ifndef PEEL_DATA_H
#define PEEL_DATA_H

#include <stddef.h>

#include "peel_err.h"

/* Room for a resolved data folder (a path). */
enum { PEEL_DATA_DIR_MAX = 4096 };

/* Resolves the data folder into out[cap], first match wins:
 *   1. `given` (a -d/--data-dir option), when not NULL, as it is;
 *   2. <folder of the running program>/../share/peelpack (found through
 *      /proc/self/exe), when that is a folder: an installed copy, wherever
 *      its prefix was moved or unpacked;
 *   3. the source tree's pipeline/ the build was configured with
 *      (PEEL_DATA_DIR), when that is a folder: a program run from build/.
 * `given` is borrowed.  PEEL_ENOINPUT naming both candidates when neither
 * 2 nor 3 is a folder; PEEL_EUSAGE when the path does not fit in cap. */
peel_status peel_data_dir(const char *given, char *out, size_t cap, peel_err *err);

/* For the libraries, which are given the folder: PEEL_OK when `data_dir` is
 * set, else PEEL_EUSAGE ("no data folder given"), a caller that did not
 * resolve it -- never a silent fall back to the build's folder. */
peel_status peel_data_given(const char *data_dir, peel_err *err);

/* ---- a stage's catalogues, loaded once ----
 *
 * What a stage reads from the data folder is the same for every report
 * (layouts, rules, components).  peel-run loads it once, before its workers
 * fork, as the stage's catalogue (peel_xlsx_catalog, peel_pdf_catalog,
 * peel_validate_catalog, peel_reconcile_catalog), and every report borrows
 * it.  A kind says how its catalogue is made; what all of them do alike is
 * here: the folder checked, a zeroed block, the stage's own loading, nothing
 * left when it fails. */
typedef struct peel_catalog_kind {
    size_t size; /* of the stage's catalogue */
    /* Fills the zeroed *cat from data_dir (arg: the stage's own, or NULL).
     * On failure `release` still frees whatever it made. */
    peel_status (*load)(void *cat, const char *data_dir, const void *arg, peel_err *err);
    void (*release)(void *cat); /* what load made, never the block itself */
} peel_catalog_kind;

/* A new catalogue of kind k into *out (owned by the caller, freed with
 * peel_catalog_free), NULL on failure.  PEEL_EUSAGE without data_dir (as
 * peel_data_given); otherwise what k's load returns. */
peel_status peel_catalog_new(const peel_catalog_kind *k, const char *data_dir, const void *arg,
                             void **out, peel_err *err);
void peel_catalog_free(const peel_catalog_kind *k, void *cat); /* NULL is fine */

#endif
