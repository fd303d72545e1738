/* The fonts cut down to the glyphs a pack uses, with HarfBuzz's subsetter.
 *
 * libharu 2.3.0 embeds a TrueType font whole but for its glyf table, and
 * builds its CID font by looking every one of the 65,536 BMP code points up
 * in the font's cmap: with DejaVu Sans (760 KB, 5,000 glyphs) that is most
 * of what a pack costs.  A subset holding only the pack's characters gives
 * the same glyphs, widths and hinting at a fraction of the price.
 *
 * libharu loads fonts only from files, and reads the file again when it
 * saves the document; each subset stays in memory, HarfBuzz's blob,
 * registered under a name that libharu's file reader, defined over its own,
 * answers with a stream over the blob (stages/common/peel_hpdfmem.c): no
 * temporary file, no folder for one. */
#include <errno.h>
#include <stdint.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pd.h"
#include "peel_hpdfmem.h"

/* The tables libharu 2.3.0 reads and embeds (hpdf_fontdef_tt.c); the
 * subsetter drops every other one, layout tables included, so that it does
 * not spend time closing over substitutions libharu never makes. */
static const char *const KEPT_TABLES[] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                          "hmtx", "loca", "maxp", "name", "post", "prep"};

static int kept(hb_tag_t tag)
{
    for (size_t i = 0; i < sizeof KEPT_TABLES / sizeof *KEPT_TABLES; i++)
        if (hb_tag_from_string(KEPT_TABLES[i], 4) == tag)
            return 1;
    return 0;
}

/* The tags of f's tables that libharu does not read. */
static void collect_drop(pd_face *f)
{
    hb_tag_t tags[64];
    unsigned start = 0, n;
    do {
        n = sizeof tags / sizeof *tags;
        hb_face_get_table_tags(f->face, start, &n, tags);
        for (unsigned i = 0; i < n; i++)
            if (!kept(tags[i]))
                hb_set_add(f->drop, tags[i]);
        start += n;
    } while (n == sizeof tags / sizeof *tags);
}

static pd_file_id file_id(const struct stat *st)
{
    return (pd_file_id){st->st_dev, st->st_ino, st->st_size, st->st_mtim};
}

static int same_file(const pd_file_id *a, const pd_file_id *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec;
}

peel_status pd_face_open(pd_face *f, const char *path, peel_err *err)
{
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s", path);
    /* The file's identity before it is read: a change made while it is
     * read shows as a different one the next time (pd_face_keep). */
    struct stat st;
    errno = 0;
    hb_blob_t *blob = stat(path, &st) == 0 ? hb_blob_create_from_file_or_fail(path) : NULL;
    if (!blob)
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0, "cannot read the TrueType font: %s",
                         errno ? strerror(errno) : "unreadable");
    f->id = file_id(&st);
    f->face = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    f->has = hb_set_create();
    f->drop = hb_set_create();
    hb_face_collect_unicodes(f->face, f->has);
    collect_drop(f);
    if (hb_set_is_empty(f->has) || !hb_set_allocation_successful(f->has) ||
        !hb_set_allocation_successful(f->drop)) {
        pd_face_close(f);
        return PEEL_FAIL(err, PEEL_ENOINPUT, path, 0,
                         "the TrueType font maps no characters (no usable cmap table): install "
                         "the Debian package fonts-dejavu-core, or pass --font FILE");
    }
    return PEEL_OK;
}

/* A worker of peel-run takes report after report: opening each font again
 * for each would check its table directory, read the file and collect its
 * code points and tables again. */
peel_status pd_face_keep(pd_face *f, const char *path, peel_err *err)
{
    struct stat st;
    if (f->face && strcmp(f->path, path) == 0 && stat(path, &st) == 0) {
        pd_file_id now = file_id(&st);
        if (same_file(&f->id, &now))
            return PEEL_OK;
    }
    pd_face_close(f);
    peel_status rc = pd_font_check(path, err);
    return rc == PEEL_OK ? pd_face_open(f, path, err) : rc;
}

void pd_face_close(pd_face *f)
{
    hb_set_destroy(f->drop);
    hb_set_destroy(f->has);
    hb_face_destroy(f->face);
    f->drop = f->has = NULL;
    f->face = NULL;
}

int pd_face_has(const pd_face *f, unsigned cp)
{
    return hb_set_has(f->has, cp);
}

/* The subsetter's input: want's characters, f's unused tables dropped. */
static hb_subset_input_t *subset_input(const pd_face *f, const pd_cps *want)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_t *u = hb_subset_input_unicode_set(in);
    for (unsigned i = 0; i < PD_CPS_SIZE / 8; i += 8) {
        uint64_t word;
        memcpy(&word, want->bit + i, sizeof word);
        if (!word) /* 64 code points, none wanted: most of the set */
            continue;
        for (unsigned j = i; j < i + 8; j++)
            for (unsigned b = 0; want->bit[j] >> b; b++)
                if (want->bit[j] >> b & 1 && hb_set_has(f->has, j * 8 + b))
                    hb_set_add(u, j * 8 + b);
    }
    hb_set_union(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), f->drop);
    return in;
}

static void release_blob(void *blob)
{
    hb_blob_destroy(blob);
}

peel_status pd_face_subset(const pd_face *f, const pd_cps *want, char name[PEEL_HPDF_MEM_NAME],
                           peel_err *err)
{
    name[0] = '\0';
    hb_subset_input_t *in = subset_input(f, want);
    hb_face_t *sub = in ? hb_subset_or_fail(f->face, in) : NULL;
    hb_subset_input_destroy(in);
    hb_blob_t *blob = sub ? hb_face_reference_blob(sub) : NULL;
    hb_face_destroy(sub);
    unsigned len = 0;
    const char *data = blob ? hb_blob_get_data(blob, &len) : NULL;
    if (!data || len == 0) {
        hb_blob_destroy(blob);
        return PEEL_FAIL(err, PEEL_ENOINPUT, f->path, 0,
                         "HarfBuzz cannot subset the TrueType font (or is out of memory): install "
                         "the Debian package fonts-dejavu-core, or pass --font FILE");
    }
    if (peel_hpdf_mem_add(data, len, release_blob, blob, name) != 0)
        return PEEL_FAIL(err, PEEL_ENOINPUT, f->path, 0,
                         "the subset of the TrueType font is over 2 GiB, more than libharu reads");
    return PEEL_OK;
}
