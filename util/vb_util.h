/* vb_util.h — memory, buffers, diagnostics and UTF-8 helpers shared by every stage.
 *
 * Ownership rule of the whole library: everything that belongs to one document
 * (blocks, runs, tree nodes, strings, diagnostics) is allocated from that
 * document's arena and freed at once with it.  Out of memory is fatal: the
 * allocation helpers print a message and abort rather than return NULL, so no
 * caller has to check them. */
#ifndef VB_UTIL_H
#define VB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VB_VERSION "0.1.0"

/* ---- status codes: 0 is success, every failure is negative ---- */
typedef enum {
    VB_OK = 0,
    VB_ERR_IO = -1,       /* cannot open, read or write a file */
    VB_ERR_FORMAT = -2,   /* input is not a document we can read */
    VB_ERR_LIMIT = -3,    /* input exceeds a named limit (size, depth, ratio) */
    VB_ERR_USAGE = -4,    /* caller passed bad options */
    VB_ERR_INTERNAL = -5, /* a library (ICU, libxml2, PCRE2) failed */
    VB_ERR_EMPTY = -6     /* input holds no text */
} vb_status;

const char *vb_status_name(int status);

/* ---- arena ---- */
typedef struct vb_arena vb_arena;

vb_arena *vb_arena_new(void);
void vb_arena_free(vb_arena *arena);
/* Zeroed; aligned as any object of that size may need (the largest power
 * of two dividing size, at most max_align_t), so strings are packed. */
void *vb_arena_alloc(vb_arena *arena, size_t size);
char *vb_arena_strndup(vb_arena *arena, const char *s, size_t len); /* NUL-terminated */
char *vb_arena_strdup(vb_arena *arena, const char *s);
char *vb_arena_printf(vb_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
size_t vb_arena_bytes(const vb_arena *arena);                  /* total bytes held */
/* True when p points into memory the arena handed out. */
bool vb_arena_owns(const vb_arena *arena, const void *p);

/* ---- growable byte buffer (malloc-owned; free with vb_buf_free) ---- */
typedef struct {
    char *data; /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
} vb_buf;

void vb_buf_reserve(vb_buf *buf, size_t extra);
void vb_buf_append(vb_buf *buf, const void *data, size_t len);
void vb_buf_puts(vb_buf *buf, const char *s);
/* Appends digits as superscripts ("19" -> "¹⁹", as a note mark is printed);
 * returns false, appending nothing, when s is empty or not all digits. */
bool vb_buf_put_superscript(vb_buf *buf, const char *s);
void vb_buf_putc(vb_buf *buf, char c);
void vb_buf_printf(vb_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vb_buf_vprintf(vb_buf *buf, const char *fmt, va_list ap);
void vb_buf_clear(vb_buf *buf);
void vb_buf_free(vb_buf *buf);
char *vb_buf_detach(vb_buf *buf, size_t *len); /* caller frees with free() */

/* ---- diagnostics: one convention for every stage ----
 * A diagnostic names the file, the 1-based line (0 when it does not apply) and
 * the column or byte offset, like a compiler: "a.txt:12:5: warning: ...". */
typedef enum { VB_NOTE, VB_WARNING, VB_ERROR } vb_severity;

typedef struct vb_diag {
    vb_severity severity;
    int line;           /* 1-based source line, 0 if none */
    int column;         /* 1-based column in characters, 0 if none */
    long byte_offset;   /* byte offset in the input, -1 if none */
    const char *code;   /* short stable identifier, e.g. "invalid-utf8" */
    const char *message;
    struct vb_diag *next;
} vb_diag;

typedef struct {
    vb_arena *arena;    /* where messages are allocated (the document's arena) */
    const char *file;   /* display name used when printing */
    vb_diag *first, *last;
    size_t count[3];    /* per severity */
} vb_diags;

void vb_diags_init(vb_diags *diags, vb_arena *arena, const char *file);
vb_diag *vb_diag_add(vb_diags *diags, vb_severity severity, int line, int column,
                     long byte_offset, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Prints every diagnostic at or above min_severity, one per line. */
void vb_diags_print(const vb_diags *diags, vb_severity min_severity, FILE *out);
/* Formats one diagnostic as "file:line:col: severity: message". */
void vb_diag_format(const vb_diags *diags, const vb_diag *diag, vb_buf *out);

/* ---- UTF-8 ---- */
#define VB_REPLACEMENT_CHAR 0xFFFDu

/* Decodes one code point; returns its byte length (1..4), or 0 on an invalid
 * or truncated sequence (then *cp is undefined). */
int vb_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the byte length. */
int vb_utf8_encode(uint32_t cp, char *out);
/* True when the whole input is valid UTF-8. */
bool vb_utf8_valid(const unsigned char *s, size_t len);
/* Copies input to out, replacing every invalid sequence by U+FFFD and
 * reporting each one (with its byte offset and line) into diags.  Returns the
 * number of replacements. */
size_t vb_utf8_repair(const unsigned char *s, size_t len, vb_buf *out, vb_diags *diags);
/* Number of code points in s. */
size_t vb_utf8_length(const char *s, size_t len);

/* ---- files ---- */
/* Reads a whole file (at most max_bytes; 0 = no limit) into a malloc'd
 * buffer.  On failure returns a status and writes a message naming the file. */
int vb_read_file(const char *path, size_t max_bytes, unsigned char **data, size_t *len,
                 char *err, size_t errlen);
/* Writes data to path through a temporary file in the same directory and an
 * atomic rename, so a crash never leaves a partial output. */
int vb_write_file_atomic(const char *path, const void *data, size_t len, char *err, size_t errlen);

/* ---- files met by a directory walk ----
 * A set of files by identity (st_dev, st_ino), not by name: a walk that
 * follows symbolic links meets one directory or file under several names,
 * and takes it once.  Zero-initialise; vb_file_set_free releases it. */
typedef struct {
    struct vb_file_id { uint64_t dev, ino; } *slots;
    size_t n, cap;
} vb_file_set;

/* Adds the file; false when it was already in the set. */
bool vb_file_set_add(vb_file_set *set, uint64_t dev, uint64_t ino);
void vb_file_set_free(vb_file_set *set);

#endif
