/* reader_internal.h — what every reader checks before it reads (internal to
 * extract/). */
#ifndef VB_EXTRACT_READER_INTERNAL_H
#define VB_EXTRACT_READER_INTERNAL_H

#include "extract.h"

/* VB_OK when an input of len bytes is within the options' limit (512 MiB
 * unless they say otherwise, never above VB_MAX_INPUT_BYTES); otherwise
 * VB_ERR_LIMIT with a "too-large" error in src->diags. */
int vb_reader_check_size(vb_source *src, size_t len, const vb_extract_options *opts);

#endif
