/* Allocation that cannot fail: on exhaustion the process ends with a message
 * (exit 71), as git's xmalloc does.  Every caller would otherwise carry an
 * error path it can never test. */
#ifndef PEEL_MEM_H
#define PEEL_MEM_H

#include <stddef.h>

void *peel_xmalloc(size_t n);
void *peel_xcalloc(size_t count, size_t size);
void *peel_xrealloc(void *p, size_t n);
char *peel_xstrdup(const char *s);
char *peel_xstrndup(const char *s, size_t n);

/* Tells malloc to keep what it has freed rather than give the top of the
 * heap back at once (call first thing in main).  libxlsxwriter and zlib
 * allocate and free a few hundred KB for every file of a workbook and
 * every deflated stream; with the default 128 KB trim threshold each cycle
 * gave those pages back and faulted them in again (about 5,000 page faults
 * a report).  Peak RSS is unchanged: the heap only stays at its peak. */
void peel_mem_tune(void);

/* Growable byte buffer.  Once initialised (peel_buf_init), `data` is never
 * NULL and always NUL-terminated: "" (a shared, unwritten byte) until
 * something is added.  The struct owns `data`; release with
 * peel_buf_release. */
typedef struct peel_buf {
    char *data;
    size_t len;
    size_t cap;
} peel_buf;

void peel_buf_init(peel_buf *b);
void peel_buf_release(peel_buf *b);
void peel_buf_clear(peel_buf *b);
void peel_buf_add(peel_buf *b, const char *s, size_t n);
void peel_buf_puts(peel_buf *b, const char *s);
void peel_buf_putc(peel_buf *b, char c);
void peel_buf_printf(peel_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for n more bytes after the contents, for a writer that makes its
 * bytes in place (as Redis's sdsMakeRoomFor): returns where they go.  Write
 * at most n there, then peel_buf_commit with how many were written; the
 * pointer is valid until the next call on b.  Inline: a writer asks for
 * room for every field, and almost always has it already. */
void peel_buf_grow(peel_buf *b, size_t n); /* room for n more bytes and the NUL */
static inline char *peel_buf_room(peel_buf *b, size_t n)
{
    if (b->cap - b->len <= n) /* cap 0 (len 0): no room at all */
        peel_buf_grow(b, n);
    return b->data + b->len;
}
/* The n bytes written after peel_buf_room are now part of the contents. */
static inline void peel_buf_commit(peel_buf *b, size_t n)
{
    b->len += n;
    if (b->cap) /* cap 0: nothing was added, data is the shared "" */
        b->data[b->len] = '\0';
}
/* Returns the contents ("" when empty); the buffer still owns them. */
const char *peel_buf_str(const peel_buf *b);
/* Hands the contents to the caller (who frees them) and empties the buffer. */
char *peel_buf_detach(peel_buf *b);

/* Growable array of pointers, used for lists of owned strings or records. */
typedef struct peel_vec {
    void **item;
    size_t n;
    size_t cap;
} peel_vec;

void peel_vec_push(peel_vec *v, void *item);
/* Frees the array; calls free_item on each item first when it is not NULL. */
void peel_vec_release(peel_vec *v, void (*free_item)(void *));

/* Arena: many small allocations with one owner, freed together.  Records of
 * one report live in one arena, so nothing in them is freed one by one. */
typedef struct peel_arena_block peel_arena_block;
typedef struct peel_arena {
    peel_arena_block *head;  /* owned chain of blocks */
    peel_arena_block *spare; /* owned: blocks a rewind emptied, used again first */
} peel_arena;

void peel_arena_init(peel_arena *a);
void peel_arena_release(peel_arena *a);
void *peel_arena_alloc(peel_arena *a, size_t n); /* zeroed, 16-byte aligned */
/* Strings (strndup, strdup, printf) are packed byte to byte, unaligned. */
char *peel_arena_strndup(peel_arena *a, const char *s, size_t n);
char *peel_arena_strdup(peel_arena *a, const char *s);
char *peel_arena_printf(peel_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* parts[0..n) one after another, whole, as one string: what a "%s%s..."
 * printf makes, without parsing a format (a tenth of its cost for the
 * labels and notes made for every cell). */
char *peel_arena_concat(peel_arena *a, const char *const *parts, size_t n);
/* The same into out (cap > 0 bytes), cut to fit as snprintf would cut it;
 * returns out.  Names, keys and references are joined so for every cell,
 * where a printf costs ten times as much. */
const char *peel_concat(char *out, size_t cap, const char *const *parts, size_t n);
/* Where an arena ends now, and a rewind to it: everything allocated since
 * the mark is given back at once (its blocks kept for the allocations that
 * follow).  Marks nest as a stack does: rewind the inner one first.  For a
 * scratch arena of texts that live only while they are handed on (a cell's
 * note, a formula's parse), so that what it holds stays the size of one
 * piece of work, not of all of them. */
typedef struct peel_arena_mark {
    peel_arena_block *block; /* the head when marked (NULL: the arena was empty) */
    size_t used;             /* its bytes in use then */
} peel_arena_mark;

peel_arena_mark peel_arena_here(const peel_arena *a);
void peel_arena_rewind(peel_arena *a, peel_arena_mark m);

#endif
