/* util_internal.h — helpers the library's stages share that are no part of
 * its public API (hidden from the shared library). */
#ifndef VB_UTIL_INTERNAL_H
#define VB_UTIL_INTERNAL_H

#include "vb_util.h"

/* The first error of diags as one line ("file[:line]: message") into err:
 * for the internal code that keeps errors as strings (the model's lazy
 * loading, the error the corpus stores with a document that failed). */
void vb_diags_error_text(const vb_diags *diags, char *err, size_t errlen);

/* vb_read_file and vb_write_file_atomic with the error as such a string. */
int vb_read_file_errtext(const char *path, size_t max_bytes, unsigned char **data, size_t *len,
                         char *err, size_t errlen);
int vb_write_file_atomic_errtext(const char *path, const void *data, size_t len, char *err,
                                 size_t errlen);

#endif
