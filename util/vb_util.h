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

/* VB_EXPORT marks the public API: the functions declared in the public
 * headers (extract.h, normalize.h, model.h, render.h, pipeline.h, corpus.h
 * and this one).  The library is compiled with hidden visibility and
 * VB_BUILD_LIBRARY, so libvanban.so exports these and nothing else; for a
 * program that includes the headers the macro is empty. */
#if defined(VB_BUILD_LIBRARY) && defined(__GNUC__)
#define VB_EXPORT __attribute__((visibility("default")))
#else
#define VB_EXPORT
#endif

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

VB_EXPORT const char *vb_status_name(int status);

/* ---- arena ---- */
typedef struct vb_arena vb_arena;

VB_EXPORT vb_arena *vb_arena_new(void);
VB_EXPORT void vb_arena_free(vb_arena *arena);
/* Zeroed; aligned as any object of that size may need (the largest power
 * of two dividing size, at most max_align_t), so strings are packed. */
VB_EXPORT void *vb_arena_alloc(vb_arena *arena, size_t size);
VB_EXPORT char *vb_arena_strndup(vb_arena *arena, const char *s, size_t len); /* NUL-terminated */
VB_EXPORT char *vb_arena_strdup(vb_arena *arena, const char *s);
VB_EXPORT char *vb_arena_printf(vb_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
VB_EXPORT size_t vb_arena_bytes(const vb_arena *arena);                  /* total bytes held */
/* True when p points into memory the arena handed out. */
VB_EXPORT bool vb_arena_owns(const vb_arena *arena, const void *p);

/* ---- growable byte buffer (malloc-owned; free with vb_buf_free) ---- */
typedef struct {
    char *data; /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
} vb_buf;

VB_EXPORT void vb_buf_reserve(vb_buf *buf, size_t extra);
VB_EXPORT void vb_buf_append(vb_buf *buf, const void *data, size_t len);
VB_EXPORT void vb_buf_puts(vb_buf *buf, const char *s);
/* Appends digits as superscripts ("19" -> "¹⁹", as a note mark is printed);
 * returns false, appending nothing, when s is empty or not all digits. */
VB_EXPORT bool vb_buf_put_superscript(vb_buf *buf, const char *s);
VB_EXPORT void vb_buf_putc(vb_buf *buf, char c);
VB_EXPORT void vb_buf_printf(vb_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
VB_EXPORT void vb_buf_vprintf(vb_buf *buf, const char *fmt, va_list ap);
VB_EXPORT void vb_buf_clear(vb_buf *buf);
VB_EXPORT void vb_buf_free(vb_buf *buf);
VB_EXPORT char *vb_buf_detach(vb_buf *buf, size_t *len); /* caller frees with free() */

/* ---- diagnostics and errors: one convention for every stage ----
 * A diagnostic names the file, the 1-based line (0 when it does not apply) and
 * the column or byte offset, like a compiler: "a.txt:12:5: warning: ...".
 *
 * Errors: a public function that can fail returns a status (VB_OK, or a
 * negative vb_status that vb_status_name names) and, when it is given a
 * diagnostics list (NULL: the caller wants only the status), adds the reason
 * to it as one VB_ERROR diagnostic naming the file, and the line and column
 * where they apply.  A caller with no document at hand keeps a list of its
 * own: vb_diags_init(&diags, NULL, name) makes one that owns its messages,
 * released by vb_diags_free.  vb_diag_message writes an error as the one line
 * a program prints ("a.txt:12: the line is too long"). */
typedef enum { VB_NOTE, VB_WARNING, VB_ERROR } vb_severity;

typedef struct vb_diag {
    vb_severity severity;
    int line;           /* 1-based source line, 0 if none */
    int column;         /* 1-based column in characters, 0 if none */
    long byte_offset;   /* byte offset in the input, -1 if none */
    const char *code;   /* short stable identifier, e.g. "invalid-utf8" */
    const char *message;
    const char *file;   /* the file it is about when not the list's (else NULL) */
    struct vb_diag *next;
} vb_diag;

typedef struct {
    vb_arena *arena;    /* where messages are allocated (the document's arena) */
    const char *file;   /* display name used when printing */
    vb_diag *first, *last;
    size_t count[3];    /* per severity */
    bool owns_arena;    /* made with no arena: vb_diags_free frees its own */
} vb_diags;

/* With arena NULL the list makes and owns one at its first diagnostic. */
VB_EXPORT void vb_diags_init(vb_diags *diags, vb_arena *arena, const char *file);
/* Frees the messages of a list that owns its arena (else does nothing). */
VB_EXPORT void vb_diags_free(vb_diags *diags);
VB_EXPORT vb_diag *vb_diag_add(vb_diags *diags, vb_severity severity, int line, int column,
                               long byte_offset, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* Adds an error about file (file and code copied; NULL file = the list's); does nothing
 * when diags is NULL.  Returns status, so a failing function can end with
 * `return vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "...")`. */
VB_EXPORT int vb_diag_error(vb_diags *diags, int status, const char *file, int line, int column,
                            const char *code, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
/* The first error of the list, or NULL. */
VB_EXPORT const vb_diag *vb_diags_first_error(const vb_diags *diags);
/* Prints every diagnostic at or above min_severity, one per line. */
VB_EXPORT void vb_diags_print(const vb_diags *diags, vb_severity min_severity, FILE *out);
/* Formats one diagnostic as "file:line:col: severity: message". */
VB_EXPORT void vb_diag_format(const vb_diags *diags, const vb_diag *diag, vb_buf *out);
/* Formats an error as a program reports it: "file[:line[:col]]: message"
 * (the message alone when neither it nor the list names a file). */
VB_EXPORT void vb_diag_message(const vb_diags *diags, const vb_diag *diag, vb_buf *out);

/* ---- UTF-8 ---- */
#define VB_REPLACEMENT_CHAR 0xFFFDu

/* Decodes one code point; returns its byte length (1..4), or 0 on an invalid
 * or truncated sequence (then *cp is undefined). */
VB_EXPORT int vb_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Encodes cp into out (at least 4 bytes); returns the byte length. */
VB_EXPORT int vb_utf8_encode(uint32_t cp, char *out);
/* True when the whole input is valid UTF-8. */
VB_EXPORT bool vb_utf8_valid(const unsigned char *s, size_t len);
/* Copies input to out, replacing every invalid sequence by U+FFFD and
 * reporting each one (with its byte offset and line) into diags.  Returns the
 * number of replacements. */
VB_EXPORT size_t vb_utf8_repair(const unsigned char *s, size_t len, vb_buf *out, vb_diags *diags);
/* Number of code points in s. */
VB_EXPORT size_t vb_utf8_length(const char *s, size_t len);

/* ---- files ---- */
/* Reads a whole file (at most max_bytes; 0 = no limit) into a malloc'd
 * buffer.  Errors as above: a status, and the reason (naming the file) in
 * diags. */
VB_EXPORT int vb_read_file(const char *path, size_t max_bytes, unsigned char **data, size_t *len,
                           vb_diags *diags);
/* Writes data to path through a temporary file in the same directory and an
 * atomic rename, so a crash never leaves a partial output. */
VB_EXPORT int vb_write_file_atomic(const char *path, const void *data, size_t len,
                                   vb_diags *diags);

/* ---- files met by a directory walk ----
 * A set of files by identity (st_dev, st_ino), not by name: a walk that
 * follows symbolic links meets one directory or file under several names,
 * and takes it once.  Zero-initialise; vb_file_set_free releases it. */
typedef struct {
    struct vb_file_id { uint64_t dev, ino; } *slots;
    size_t n, cap;
} vb_file_set;

/* Adds the file; false when it was already in the set. */
VB_EXPORT bool vb_file_set_add(vb_file_set *set, uint64_t dev, uint64_t ino);
VB_EXPORT void vb_file_set_free(vb_file_set *set);

#endif
