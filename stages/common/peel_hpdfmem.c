/* libharu's font files read from memory (peel_hpdfmem.h).
 *
 * libharu 2.3.0 loads a TrueType font only from a file: the pdf stage wrote
 * each HarfBuzz subset to a temporary for HPDF_LoadTTFontFromFile, and
 * libharu read the open file back with stdio when it loaded the tables and
 * again when it saved the document (HPDF_TTFontDef_SaveFontData): about
 * 1,400 seeks and 370 reads a report, besides each temporary's create,
 * write and unlink.
 *
 * How: HPDF_LoadTTFontFromFile opens its file with HPDF_FileReader_New,
 * which libharu exports and calls through the PLT, so the programs define
 * it and export it (peel_interpose.h).  For a name registered here it
 * returns a stream over the registered bytes, made by libharu's own
 * HPDF_CallbackReader_New; every other name goes to libharu's reader.  The
 * stream reads, seeks, tells and sizes as libharu 2.3.0's file reader does
 * (hpdf_streams.c: fread, fseek, ftell), its errors included, so that the
 * fonts, and the documents, are those the file gave.
 *
 * A registered name is a path under /dev/null/: no file has one, so no
 * real file is ever hidden by a registration, and a registered name that
 * reaches libharu's reader all the same (one opened already) fails to open
 * (ENOTDIR) as a missing file does. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_streams.h>

#include "peel_hpdfmem.h"
#include "peel_interpose.h"
#include "peel_mem.h"

#define NAME_PREFIX "/dev/null/peelpack-font-"

/* One registration: a list node while registered, then the attr of the
 * stream that took it over (freed with it). */
typedef struct mem_file {
    struct mem_file *next; /* the registry's list; NULL once opened */
    char name[PEEL_HPDF_MEM_NAME];
    const unsigned char *data; /* borrowed until release (peel_hpdf_mem_add) */
    long len;
    long pos; /* the stream's offset, past len after a seek there */
    peel_hpdf_mem_release release;
    void *arg;
} mem_file;

static mem_file *registry;          /* owned: the names not opened yet */
static unsigned long long sequence; /* the last name's number */

typedef HPDF_Stream (*reader_fn)(HPDF_MMgr, const char *);

static reader_fn library_reader(void)
{
    static reader_fn fn;
    if (!fn) {
        *(void **)&fn = peel_interpose_next("HPDF_FileReader_New");
    }
    return fn;
}

/* Gives f's bytes back and frees it. */
static void free_file(mem_file *f)
{
    if (f->release) {
        f->release(f->arg);
    }
    free(f);
}

int peel_hpdf_mem_add(const void *data, size_t len, peel_hpdf_mem_release release, void *arg,
                      char name[PEEL_HPDF_MEM_NAME])
{
    name[0] = '\0';
    if (len > PEEL_HPDF_MEM_MAX) {
        if (release) {
            release(arg);
        }
        return -1;
    }
    mem_file *f = peel_xcalloc(1, sizeof *f);
    snprintf(f->name, sizeof f->name, NAME_PREFIX "%llu", ++sequence);
    f->data = data;
    f->len = (long)len;
    f->release = release;
    f->arg = arg;
    f->next = registry;
    registry = f;
    memcpy(name, f->name, sizeof f->name);
    return 0;
}

/* Where the registry holds name, or NULL: names without the prefix are
 * never ours, and need no walk. */
static mem_file **find(const char *name)
{
    if (!name || strncmp(name, NAME_PREFIX, sizeof NAME_PREFIX - 1) != 0) {
        return NULL;
    }
    for (mem_file **at = &registry; *at; at = &(*at)->next) {
        if (strcmp((*at)->name, name) == 0) {
            return at;
        }
    }
    return NULL;
}

void peel_hpdf_mem_drop(const char *name)
{
    mem_file **at = find(name);
    if (at) {
        mem_file *f = *at;
        *at = f->next;
        free_file(f);
    }
}

/* ---- the stream, as libharu 2.3.0's file reader behaves */

/* fread of *siz bytes: the buffer cleared first (libharu's reader does),
 * fewer bytes at the end and HPDF_STREAM_EOF, which sets no error. */
static HPDF_STATUS mem_read(HPDF_Stream stream, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
    mem_file *f = stream->attr;
    size_t want = *siz;
    size_t left = f->pos < f->len ? (size_t)(f->len - f->pos) : 0;
    if (want <= left) {
        if (want > 0) {
            memcpy(ptr, f->data + f->pos, want);
        }
        f->pos += (long)want;
        return HPDF_OK;
    }
    if (left > 0) {
        memcpy(ptr, f->data + f->pos, left);
    }
    memset(ptr + left, 0, want - left);
    f->pos += (long)left;
    *siz = (HPDF_UINT)left;
    return HPDF_STREAM_EOF;
}

/* fseek: from the start for any mode but CUR and END; past the end is
 * allowed; before the start fails (EINVAL), which leaves stdio's error
 * flag clear, so libharu's detail, ferror(), is 0. */
static HPDF_STATUS mem_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode)
{
    mem_file *f = stream->attr;
    long base = mode == HPDF_SEEK_CUR ? f->pos : mode == HPDF_SEEK_END ? f->len : 0;
    if (base + pos < 0) {
        return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
    }
    f->pos = base + pos;
    return HPDF_OK;
}

/* libharu keeps ftell's offset in 32 bits and calls a negative one an
 * error: an offset past 2 GiB, which only seeking past the end reaches. */
static int tell_fails(HPDF_Stream stream)
{
    const mem_file *f = stream->attr;
    return f->pos > INT32_MAX;
}

/* ftell; on failure the error's code, as libharu's returns it. */
static HPDF_INT32 mem_tell(HPDF_Stream stream)
{
    if (tell_fails(stream)) {
        return (HPDF_INT32)HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
    }
    return (HPDF_INT32)((const mem_file *)stream->attr)->pos;
}

/* libharu's size: ftell, seek to the end and ftell, seek back; 0 when the
 * first tell fails. */
static HPDF_UINT32 mem_size(HPDF_Stream stream)
{
    if (tell_fails(stream)) {
        HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
        return 0;
    }
    return (HPDF_UINT32)((const mem_file *)stream->attr)->len;
}

static void mem_free(HPDF_Stream stream)
{
    mem_file *f = stream->attr;
    if (f) {
        free_file(f);
    }
    stream->attr = NULL;
}

HPDF_Stream HPDF_FileReader_New(HPDF_MMgr mmgr, const char *fname)
{
    mem_file **at = find(fname);
    if (!at) {
        return library_reader()(mmgr, fname);
    }
    mem_file *f = *at;
    HPDF_Stream s = HPDF_CallbackReader_New(mmgr, mem_read, mem_seek, mem_tell, mem_size, f);
    if (!s) {
        return NULL; /* HPDF_GetMem set the error; the name stays the caller's to drop */
    }
    s->free_fn = mem_free;
    *at = f->next;
    f->next = NULL;
    f->pos = 0;
    return s;
}
