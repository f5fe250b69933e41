/* Arena allocator: a chain of large chunks, freed all at once. */
#include "vb_util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN _Alignof(max_align_t)

typedef struct chunk {
    struct chunk *prev;
    size_t size, used;
    _Alignas(max_align_t) unsigned char data[];
} chunk;

struct vb_arena {
    chunk *head;
    size_t total;
};

static void S_out_of_memory(size_t size) {
    fprintf(stderr, "vanban: out of memory (allocating %zu bytes)\n", size);
    abort();
}

vb_arena *vb_arena_new(void) {
    vb_arena *a = calloc(1, sizeof *a);
    if (!a) S_out_of_memory(sizeof *a);
    return a;
}

void vb_arena_free(vb_arena *a) {
    if (!a) return;
    chunk *c = a->head;
    while (c) {
        chunk *prev = c->prev;
        free(c);
        c = prev;
    }
    free(a);
}

/* Any object's alignment divides its size (sizeof is a multiple of
 * alignof), so an allocation is aligned to the largest power of two that
 * divides its size, up to max_align_t: a 24-byte struct takes 24 bytes, not
 * 32, and strings are packed byte to byte. */
static size_t S_align_for(size_t size) {
    size_t low = size & (~size + 1);
    return low && low < ALIGN ? low : ALIGN;
}

void *vb_arena_alloc(vb_arena *a, size_t size) {
    if (size > SIZE_MAX / 4) S_out_of_memory(size);
    size_t align = S_align_for(size);
    chunk *c = a->head;
    size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
    if (!c || at > c->size || c->size - at < size) {
        size_t cap = size > CHUNK_MIN ? size : CHUNK_MIN;
        if (c && c->size * 2 > cap && c->size < 16 * 1024 * 1024) cap = c->size * 2;
        chunk *n = malloc(sizeof *n + cap);
        if (!n) S_out_of_memory(cap);
        n->prev = c;
        n->size = cap;
        n->used = 0;
        a->head = c = n;
        a->total += cap;
        at = 0;
    }
    void *p = c->data + at;
    c->used = at + size;
    memset(p, 0, size);
    return p;
}

char *vb_arena_strndup(vb_arena *a, const char *s, size_t len) {
    char *p = vb_arena_alloc(a, len + 1);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *vb_arena_strdup(vb_arena *a, const char *s) {
    return vb_arena_strndup(a, s, strlen(s));
}

char *vb_arena_printf(vb_arena *a, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = vb_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

bool vb_arena_owns(const vb_arena *a, const void *p) {
    uintptr_t at = (uintptr_t)p;
    for (const chunk *c = a ? a->head : NULL; c; c = c->prev)
        if (at >= (uintptr_t)c->data && at < (uintptr_t)c->data + c->used) return true;
    return false;
}

size_t vb_arena_bytes(const vb_arena *a) { return a ? a->total : 0; }
