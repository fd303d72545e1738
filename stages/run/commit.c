/* A report's commit: what its worker built in the staging folder is moved
 * into the report's folder only when every stage has succeeded, so a report
 * that fails keeps its earlier records and documents untouched.
 *
 * Durability at the cost of a few syncs per report, not one or two per file:
 * the workers write the staging folder in place, unsynced (peel_afile_set_staging),
 * and here each document (.xlsx, .pdf) is synced before its rename and the
 * report folder once after the renames.  A report with no folder yet takes
 * its staged folder whole: one rename, its documents synced before it, the
 * folder and the output folder after.  What a probe built has its documents
 * and its staged folder synced already, by the syncer's threads once every
 * probe has ended (syncer.c): its commit then syncs only the folder its
 * renames changed (the output folder when it moved whole; a folder's own
 * entries are the same after its rename).  A new report's folder is placed
 * by the run itself, with the others, before one sync of the output folder
 * (rn_commit_place, build.c): its commit has nothing left to move.  So once
 * the run says a report is
 * done, a crash leaves every document whole.  The records are not synced:
 * the manifest, written (and synced) after them, holds each one's size and
 * CRC-32, and a record a crash damaged makes the next run build the report
 * again.  A kill in the middle of the moves leaves some files new and some
 * old; the manifest still holds the old ones' CRCs (it is written at the end
 * of the run), so the next run finds the report changed and builds it again. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "peel_afile.h"
#include "peel_text.h"

/* The report folder's parts, in the order they are moved: records first,
 * documents last (a reader who opens a document finds its records there). */
static const char *const PARTS[] = {"data/sidecars", "data", ""};
enum { NPART = sizeof PARTS / sizeof *PARTS };

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

static int is_document(const char *part, const char *name)
{
    return !part[0] && (ends_with(name, ".xlsx") || ends_with(name, ".pdf"));
}

/* A file of a kind a build makes in that part: what a build that no longer
 * makes it leaves stale (a pillar gone, a sidecar dropped).  Anything else a
 * user put in the folder is theirs. */
static int is_ours(const char *part, const char *name)
{
    if (part[0])
        return ends_with(name, ".csv");
    return is_document(part, name) || strcmp(name, "reconciliation.csv") == 0;
}

/* dir/part/name; part "" is dir itself, name NULL the part's folder. */
static void part_path(char *out, size_t cap, const char *dir, const char *part, const char *name)
{
    if (part[0] && name)
        peel_path_join(out, cap, NULL, dir, part, name);
    else if (part[0] || name)
        peel_path_join(out, cap, NULL, dir, part[0] ? part : name);
    else
        peel_path_join(out, cap, NULL, dir);
}

/* The regular files of dir/part, dot files left out (sorted, owned). */
static void files_of(const char *dir, const char *part, peel_vec *names)
{
    char path[4500];
    part_path(path, sizeof path, dir, part, NULL);
    DIR *d = opendir(path);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] != '.' && rn_entry_kind(d, de) == 'f')
            peel_vec_push(names, peel_xstrdup(de->d_name));
    }
    closedir(d);
    if (names->n > 1)
        qsort(names->item, names->n, sizeof *names->item, rn_by_name);
}

static int listed(const peel_vec *names, const char *name)
{
    /* An empty list has no array: bsearch must not be given NULL. */
    return names->n > 0 &&
           bsearch(&name, names->item, names->n, sizeof *names->item, rn_by_name) != NULL;
}

static peel_status failed(peel_err *err, const char *what, const char *path, int e)
{
    return PEEL_FAIL(err, PEEL_ECANTCREAT, NULL, 0, "%s %s: %s", what, path, strerror(e));
}

/* Syncs a folder (its entries: the renames made in it), or fails naming it. */
static peel_status sync_folder(const char *dir, peel_err *err)
{
    int e = peel_afile_sync_dir(dir);
    return e ? failed(err, "cannot sync the folder", dir, e) : PEEL_OK;
}

/* Syncs dir/part/name if it is a document not yet synced; records are not
 * synced (the manifest's CRCs vouch for them). */
static peel_status sync_document(const char *dir, const char *part, const char *name, int synced,
                                 peel_err *err)
{
    if ((synced & RN_SYNCED_DOCS) || !is_document(part, name))
        return PEEL_OK;
    char path[4800];
    part_path(path, sizeof path, dir, part, name);
    int e = peel_afile_sync_file(path);
    return e ? failed(err, "cannot sync", path, e) : PEEL_OK;
}

/* Moves the staged files of one part into place (documents synced first). */
static peel_status move_part(const char *staged, const char *dir, const char *part,
                             const peel_vec *names, int synced, peel_err *err)
{
    char to_dir[4500];
    part_path(to_dir, sizeof to_dir, dir, part, NULL);
    peel_status st = names->n > 0 ? peel_mkdirs(to_dir, err) : PEEL_OK;
    for (size_t i = 0; i < names->n && st == PEEL_OK; i++) {
        const char *name = names->item[i];
        char from[4800], to[4800];
        part_path(from, sizeof from, staged, part, name);
        part_path(to, sizeof to, dir, part, name);
        st = sync_document(staged, part, name, synced, err);
        if (st == PEEL_OK && rename(from, to) != 0)
            st = failed(err, "cannot move the new file into place as", to, errno);
    }
    return st;
}

/* Removes from dir/part the files of ours this build did not make. */
static void drop_stale(const char *dir, const char *part, const peel_vec *made)
{
    peel_vec old = {0};
    files_of(dir, part, &old);
    for (size_t i = 0; i < old.n; i++) {
        const char *name = old.item[i];
        if (is_ours(part, name) && !listed(made, name)) {
            char path[4800];
            part_path(path, sizeof path, dir, part, name);
            unlink(path);
        }
    }
    peel_vec_release(&old, free);
    if (strcmp(part, "data/sidecars") == 0 && made->n == 0) {
        char path[4600];
        part_path(path, sizeof path, dir, part, NULL);
        rmdir(path); /* only when empty: a user's file keeps it */
    }
}

/* RENAME_NOREPLACE: a folder that appeared meanwhile is never replaced. */
int rn_commit_place(const char *staged, const char *dir)
{
    return renameat2(AT_FDCWD, staged, AT_FDCWD, dir, RENAME_NOREPLACE) == 0;
}

/* A report with no folder yet: its staged folder moved whole, one rename
 * for a file each, its documents synced before and the folder and the one
 * it is in after (only the one it is in when the folder was synced where
 * it was staged: RN_SYNCED_FOLDER).  1 done, 0 not done (the folder is
 * there, or the file system cannot: the files are moved one by one, their
 * documents synced again unless synced), -1 failed (*st set). */
static int move_whole(const char *staged, const char *dir, const peel_vec *docs, int synced,
                      peel_status *st, peel_err *err)
{
    struct stat sb;
    if (lstat(dir, &sb) == 0 || errno != ENOENT)
        return 0;
    for (size_t i = 0; i < docs->n; i++)
        if ((*st = sync_document(staged, "", docs->item[i], synced, err)) != PEEL_OK)
            return -1;
    if (!rn_commit_place(staged, dir)) {
        if (errno == EEXIST || errno == EINVAL || errno == ENOSYS || errno == ENOTEMPTY)
            return 0;
        *st = failed(err, "cannot move the new folder into place as", dir, errno);
        return -1;
    }
    char parent[4400];
    peel_path_dir(dir, parent, sizeof parent);
    if ((*st = sync_folder(parent, err)) != PEEL_OK ||
        (!(synced & RN_SYNCED_FOLDER) && (*st = sync_folder(dir, err)) != PEEL_OK))
        return -1;
    return 1;
}

/* A folder the run placed (RN_SYNCED_PLACED): the output folder synced,
 * unless that was done (RN_SYNCED_LANDED). */
static peel_status placed(const char *dir, int synced, peel_err *err)
{
    if (synced & RN_SYNCED_LANDED)
        return PEEL_OK;
    char parent[4400];
    peel_path_dir(dir, parent, sizeof parent);
    return sync_folder(parent, err);
}

void rn_commit_documents(const char *staged, peel_vec *docs)
{
    peel_vec names = {0};
    files_of(staged, "", &names);
    for (size_t i = 0; i < names.n; i++) {
        if (is_document("", names.item[i])) {
            char path[4800];
            part_path(path, sizeof path, staged, "", names.item[i]);
            peel_vec_push(docs, peel_xstrdup(path));
        }
    }
    peel_vec_release(&names, free);
}

peel_status rn_commit(const char *staged, const char *dir, const char *slug, int synced,
                      int *whole_moved, peel_err *err)
{
    *whole_moved = (synced & RN_SYNCED_PLACED) != 0;
    if (*whole_moved)
        return placed(dir, synced, err);
    peel_vec names[NPART] = {{0}};
    for (int p = 0; p < NPART; p++)
        files_of(staged, PARTS[p], &names[p]);
    peel_status st = PEEL_OK;
    int whole = move_whole(staged, dir, &names[NPART - 1], synced, &st, err);
    *whole_moved = whole == 1;
    if (whole != 0) {
        for (int p = 0; p < NPART; p++)
            peel_vec_release(&names[p], free);
        return st;
    }
    st = peel_mkdirs(dir, err);
    for (int p = 0; p < NPART && st == PEEL_OK; p++) {
        if (!PARTS[p][0])
            rn_test_gate("PEEL_RUN_TEST_COMMIT_GATE", slug); /* records moved, documents not */
        st = move_part(staged, dir, PARTS[p], &names[p], synced, err);
    }
    for (int p = 0; p < NPART && st == PEEL_OK; p++)
        drop_stale(dir, PARTS[p], &names[p]);
    if (st == PEEL_OK)
        st = sync_folder(dir, err);
    for (int p = 0; p < NPART; p++)
        peel_vec_release(&names[p], free);
    return st;
}
