#include "peel_mem.h"

#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *checked(void *p)
{
    if (!p) {
        fputs("peelpack: out of memory\n", stderr);
        exit(71);
    }
    return p;
}

void peel_mem_tune(void)
{
    /* 64 MiB free at the top before the heap shrinks; 1 MiB asked of the
     * kernel at a time when it grows.  Failing (another allocator, as
     * under the sanitizers) changes only the speed. */
    (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
    (void)mallopt(M_TOP_PAD, 1 << 20);
}

void *peel_xmalloc(size_t n)
{
    return checked(malloc(n ? n : 1));
}

void *peel_xcalloc(size_t count, size_t size)
{
    return checked(calloc(count ? count : 1, size ? size : 1));
}

void *peel_xrealloc(void *p, size_t n)
{
    return checked(realloc(p, n ? n : 1));
}

char *peel_xstrdup(const char *s)
{
    return peel_xstrndup(s, strlen(s));
}

char *peel_xstrndup(const char *s, size_t n)
{
    char *d = peel_xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* What an empty buffer's data points at: never written (cap is 0). */
static char empty[1];

void peel_buf_init(peel_buf *b)
{
    b->data = empty;
    b->len = 0;
    b->cap = 0;
}

void peel_buf_release(peel_buf *b)
{
    if (b->cap)
        free(b->data);
    peel_buf_init(b);
}

void peel_buf_clear(peel_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->data[0] = '\0';
}

static void reserve(peel_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    /* A buffer zeroed rather than initialised has no data yet either. */
    b->data = b->cap ? peel_xrealloc(b->data, cap) : peel_xmalloc(cap);
    b->cap = cap;
}

void peel_buf_add(peel_buf *b, const char *s, size_t n)
{
    reserve(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void peel_buf_puts(peel_buf *b, const char *s)
{
    peel_buf_add(b, s, strlen(s));
}

void peel_buf_putc(peel_buf *b, char c)
{
    reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void peel_buf_grow(peel_buf *b, size_t n)
{
    reserve(b, n);
}

/* Formats into the room the buffer has, and only when the text is longer
 * than that again after making room: most texts are formatted once. */
void peel_buf_printf(peel_buf *b, const char *fmt, ...)
{
    size_t room = b->cap > b->len ? b->cap - b->len : 0; /* cap 0: the shared "" */
    va_list ap;
    va_start(ap, fmt);
    int n = room ? vsnprintf(b->data + b->len, room, fmt, ap) : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) {
        if (room)
            b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        reserve(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}

const char *peel_buf_str(const peel_buf *b)
{
    return b->data ? b->data : "";
}

char *peel_buf_detach(peel_buf *b)
{
    char *s = b->cap ? b->data : peel_xstrdup("");
    peel_buf_init(b);
    return s;
}

void peel_vec_push(peel_vec *v, void *item)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 16;
        v->item = peel_xrealloc(v->item, v->cap * sizeof *v->item);
    }
    v->item[v->n++] = item;
}

void peel_vec_release(peel_vec *v, void (*free_item)(void *))
{
    if (free_item)
        for (size_t i = 0; i < v->n; i++)
            free_item(v->item[i]);
    free(v->item);
    v->item = NULL;
    v->n = v->cap = 0;
}

struct peel_arena_block {
    peel_arena_block *next;
    size_t used;
    size_t cap;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_BLOCK = 64 * 1024 };

void peel_arena_init(peel_arena *a)
{
    a->head = NULL;
    a->spare = NULL;
}

static void free_chain(peel_arena_block *b)
{
    while (b) {
        peel_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void peel_arena_release(peel_arena *a)
{
    free_chain(a->head);
    free_chain(a->spare);
    a->head = a->spare = NULL;
}

peel_arena_mark peel_arena_here(const peel_arena *a)
{
    return (peel_arena_mark){a->head, a->head ? a->head->used : 0};
}

void peel_arena_rewind(peel_arena *a, peel_arena_mark m)
{
    while (a->head && a->head != m.block) {
        peel_arena_block *b = a->head;
        a->head = b->next;
        if (b->cap == ARENA_BLOCK) { /* kept for the next allocations */
            b->next = a->spare;
            a->spare = b;
        } else {
            free(b);
        }
    }
    if (a->head)
        a->head->used = m.used;
}

/* n bytes from the arena at an offset that is a multiple of align (1 or
 * 16), not cleared. */
static void *arena_take(peel_arena *a, size_t n, size_t align)
{
    peel_arena_block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        if (cap == ARENA_BLOCK && a->spare) {
            b = a->spare;
            a->spare = b->next;
        } else {
            b = peel_xmalloc(sizeof *b + cap);
        }
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
        at = 0;
    }
    b->used = at + n;
    return b->data + at;
}

void *peel_arena_alloc(peel_arena *a, size_t n)
{
    void *p = arena_take(a, n, 16);
    memset(p, 0, n);
    return p;
}

/* Strings are packed byte to byte and not cleared first: every byte of one
 * is written. */
char *peel_arena_strndup(peel_arena *a, const char *s, size_t n)
{
    char *d = arena_take(a, n + 1, 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *peel_arena_strdup(peel_arena *a, const char *s)
{
    return peel_arena_strndup(a, s, strlen(s));
}

const char *peel_concat(char *out, size_t cap, const char *const *parts, size_t n)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(parts[i]);
        if (k > cap - 1 - at)
            k = cap - 1 - at;
        memcpy(out + at, parts[i], k);
        at += k;
    }
    out[at] = '\0';
    return out;
}

char *peel_arena_concat(peel_arena *a, const char *const *parts, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += strlen(parts[i]);
    char *d = arena_take(a, total + 1, 1);
    peel_concat(d, total + 1, parts, n);
    return d;
}

/* Formats into the free end of the arena's block, and only when the text
 * does not fit there again into a block with room: most texts are
 * formatted once. */
char *peel_arena_printf(peel_arena *a, const char *fmt, ...)
{
    peel_arena_block *b = a->head;
    size_t room = b ? b->cap - b->used : 0;
    char *at = b ? (char *)b->data + b->used : NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = room ? vsnprintf(at, room, fmt, ap) : vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n < room) { /* formatted in place: claim it as a string */
        at[n] = '\0';       /* vsnprintf wrote it, unless it failed */
        b->used += (size_t)n + 1;
        return at;
    }
    char *d = arena_take(a, (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}
