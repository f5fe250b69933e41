/* Diagnostics and status names. */
#include "util_internal.h"

#include <string.h>

const char *vb_status_name(int status) {
    switch (status) {
    case VB_OK: return "ok";
    case VB_ERR_IO: return "input/output error";
    case VB_ERR_FORMAT: return "unreadable format";
    case VB_ERR_LIMIT: return "limit exceeded";
    case VB_ERR_USAGE: return "bad usage";
    case VB_ERR_INTERNAL: return "internal library error";
    case VB_ERR_EMPTY: return "no text";
    default: return "unknown error";
    }
}

void vb_diags_init(vb_diags *d, vb_arena *arena, const char *file) {
    memset(d, 0, sizeof *d);
    d->arena = arena;
    d->file = file;
}

void vb_diags_free(vb_diags *d) {
    if (!d->owns_arena) return;
    vb_arena_free(d->arena);
    d->arena = NULL;
    d->owns_arena = false;
    d->first = d->last = NULL;
    memset(d->count, 0, sizeof d->count);
}

static vb_diag *S_diag_vadd(vb_diags *d, vb_severity sev, int line, int column, long byte_offset,
                            const char *code, const char *fmt, va_list ap) {
    if (!d->arena) {
        d->arena = vb_arena_new();
        d->owns_arena = true;
    }
    vb_diag *g = vb_arena_alloc(d->arena, sizeof *g);
    g->severity = sev;
    g->line = line;
    g->column = column;
    g->byte_offset = byte_offset;
    g->code = code;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = vb_arena_alloc(d->arena, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(msg, (size_t)(n > 0 ? n : 0) + 1, fmt, ap2);
    va_end(ap2);
    g->message = msg;
    if (d->last) d->last->next = g;
    else d->first = g;
    d->last = g;
    d->count[sev]++;
    return g;
}

vb_diag *vb_diag_add(vb_diags *d, vb_severity sev, int line, int column, long byte_offset,
                     const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vb_diag *g = S_diag_vadd(d, sev, line, column, byte_offset, code, fmt, ap);
    va_end(ap);
    return g;
}

int vb_diag_error(vb_diags *d, int status, const char *file, int line, int column,
                  const char *code, const char *fmt, ...) {
    if (!d) return status;
    va_list ap;
    va_start(ap, fmt);
    vb_diag *g = S_diag_vadd(d, VB_ERROR, line, column, -1, code, fmt, ap);
    va_end(ap);
    if (file) g->file = vb_arena_strdup(d->arena, file);
    if (code) g->code = vb_arena_strdup(d->arena, code); /* it may be passed on from a list freed next */
    return status;
}

const vb_diag *vb_diags_first_error(const vb_diags *d) {
    for (const vb_diag *g = d->first; g; g = g->next)
        if (g->severity == VB_ERROR) return g;
    return NULL;
}

static const char *S_severity_name(vb_severity s) {
    return s == VB_ERROR ? "error" : s == VB_WARNING ? "warning" : "note";
}

static const char *S_file(const vb_diags *d, const vb_diag *g) {
    return g->file ? g->file : d->file ? d->file : "-";
}

void vb_diag_message(const vb_diags *d, const vb_diag *g, vb_buf *out) {
    if (!g->file && !d->file) { /* about no file: a bad query, a bad option */
        vb_buf_puts(out, g->message);
        return;
    }
    vb_buf_puts(out, S_file(d, g));
    if (g->line > 0) {
        vb_buf_printf(out, ":%d", g->line);
        if (g->column > 0) vb_buf_printf(out, ":%d", g->column);
    }
    vb_buf_printf(out, ": %s", g->message);
}

void vb_diag_format(const vb_diags *d, const vb_diag *g, vb_buf *out) {
    vb_buf_puts(out, S_file(d, g));
    if (g->line > 0) {
        vb_buf_printf(out, ":%d", g->line);
        if (g->column > 0) vb_buf_printf(out, ":%d", g->column);
    }
    vb_buf_printf(out, ": %s: %s", S_severity_name(g->severity), g->message);
    if (g->byte_offset >= 0) vb_buf_printf(out, " (byte %ld)", g->byte_offset);
    if (g->code) vb_buf_printf(out, " [%s]", g->code);
}

void vb_diags_print(const vb_diags *d, vb_severity min, FILE *out) {
    vb_buf b = {0};
    for (const vb_diag *g = d->first; g; g = g->next) {
        if (g->severity < min) continue;
        vb_buf_clear(&b);
        vb_diag_format(d, g, &b);
        fprintf(out, "%s\n", b.data);
    }
    vb_buf_free(&b);
}

void vb_diags_error_text(const vb_diags *d, char *err, size_t errlen) {
    const vb_diag *g = vb_diags_first_error(d);
    vb_buf b = {0};
    if (g) vb_diag_message(d, g, &b);
    snprintf(err, errlen, "%s", b.data ? b.data : "unknown error");
    vb_buf_free(&b);
}
