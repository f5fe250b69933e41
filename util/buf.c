/* Growable byte buffer. */
#include "vb_util.h"

#include <stdlib.h>
#include <string.h>

void vb_buf_reserve(vb_buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            fprintf(stderr, "vanban: buffer too large\n");
            abort();
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        fprintf(stderr, "vanban: out of memory (buffer of %zu bytes)\n", cap);
        abort();
    }
    b->data = p;
    b->cap = cap;
}

void vb_buf_append(vb_buf *b, const void *data, size_t len) {
    vb_buf_reserve(b, len);
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void vb_buf_puts(vb_buf *b, const char *s) { vb_buf_append(b, s, strlen(s)); }

void vb_buf_putc(vb_buf *b, char c) { vb_buf_append(b, &c, 1); }

void vb_buf_vprintf(vb_buf *b, const char *fmt, va_list ap) {
    /* format straight into the free space; only a longer result formats twice */
    va_list ap2;
    va_copy(ap2, ap);
    vb_buf_reserve(b, 128);
    size_t room = b->cap - b->len;
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    if (n > 0 && (size_t)n >= room) {
        vb_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
    }
    if (n > 0) b->len += (size_t)n;
    b->data[b->len] = '\0';
    va_end(ap2);
}

void vb_buf_printf(vb_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vb_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void vb_buf_clear(vb_buf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void vb_buf_free(vb_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *vb_buf_detach(vb_buf *b, size_t *len) {
    if (!b->data) vb_buf_reserve(b, 0), b->data[0] = '\0';
    char *p = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

bool vb_buf_put_superscript(vb_buf *buf, const char *s) {
    static const char *const sup[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    if (!*s) return false;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9') return false;
    for (const char *p = s; *p; p++) vb_buf_puts(buf, sup[*p - '0']);
    return true;
}
