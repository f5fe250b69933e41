/* Diagnostics and status names. */
#include "vb_util.h"

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

vb_diag *vb_diag_add(vb_diags *d, vb_severity sev, int line, int column, long byte_offset,
                     const char *code, const char *fmt, ...) {
    vb_diag *g = vb_arena_alloc(d->arena, sizeof *g);
    g->severity = sev;
    g->line = line;
    g->column = column;
    g->byte_offset = byte_offset;
    g->code = code;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
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

static const char *S_severity_name(vb_severity s) {
    return s == VB_ERROR ? "error" : s == VB_WARNING ? "warning" : "note";
}

void vb_diag_format(const vb_diags *d, const vb_diag *g, vb_buf *out) {
    vb_buf_puts(out, d->file ? d->file : "-");
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
