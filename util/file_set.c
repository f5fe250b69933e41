/* A set of (st_dev, st_ino) pairs: open addressing, linear probing, grown at
 * half full, so a walk over many files stays linear. */
#include "vb_util.h"

#include <stdlib.h>

static uint64_t S_hash(uint64_t dev, uint64_t ino) {
    uint64_t h = ino * 0x9E3779B97F4A7C15ull ^ (dev + 0x632BE59BD9B4E019ull);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

/* (UINT64_MAX, UINT64_MAX) marks an empty slot; no file has it */
static bool S_used(const struct vb_file_id *s) { return s->dev != UINT64_MAX || s->ino != UINT64_MAX; }

static void S_insert(struct vb_file_id *slots, size_t cap, uint64_t dev, uint64_t ino) {
    size_t i = (size_t)S_hash(dev, ino) & (cap - 1);
    while (S_used(&slots[i])) i = (i + 1) & (cap - 1);
    slots[i].dev = dev;
    slots[i].ino = ino;
}

static struct vb_file_id *S_new_slots(size_t cap) {
    struct vb_file_id *slots = malloc(cap * sizeof *slots);
    if (!slots) {
        fprintf(stderr, "vanban: out of memory\n");
        abort();
    }
    for (size_t i = 0; i < cap; i++) slots[i].dev = slots[i].ino = UINT64_MAX;
    return slots;
}

bool vb_file_set_add(vb_file_set *set, uint64_t dev, uint64_t ino) {
    if (set->cap) {
        size_t i = (size_t)S_hash(dev, ino) & (set->cap - 1);
        for (; S_used(&set->slots[i]); i = (i + 1) & (set->cap - 1))
            if (set->slots[i].dev == dev && set->slots[i].ino == ino) return false;
    }
    if (2 * (set->n + 1) > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        struct vb_file_id *slots = S_new_slots(cap);
        for (size_t i = 0; i < set->cap; i++)
            if (S_used(&set->slots[i])) S_insert(slots, cap, set->slots[i].dev, set->slots[i].ino);
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    S_insert(set->slots, set->cap, dev, ino);
    set->n++;
    return true;
}

void vb_file_set_free(vb_file_set *set) {
    free(set->slots);
    set->slots = NULL;
    set->n = set->cap = 0;
}
