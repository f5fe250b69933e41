/* pipeline.h — the stages chained: bytes → decode → extract → normalize →
 * model.  This is what the CLI and the indexer call; each stage stays usable
 * on its own through its own header. */
#ifndef VB_PIPELINE_H
#define VB_PIPELINE_H

#include "../extract/extract.h"
#include "../model/model.h"
#include "../normalize/normalize.h"

typedef struct {
    vb_extract_options extract;
    vb_normalize_options normalize;
    vb_model_options model;
} vb_pipeline_options;

VB_EXPORT void vb_pipeline_options_default(vb_pipeline_options *opts);

/* Errors follow the library's convention (vb_util.h): a negative status,
 * and, when diags is not NULL, one VB_ERROR diagnostic in it naming the file
 * (name, or path) and, where it applies, the line.  Warnings about a document
 * that was read stay in its source's own diagnostics. */

/* Converts a document held in memory.  name is used in messages.  On success
 * *out is the document (free with vb_doc_free); warnings are in
 * (*out)->source->diags.  On failure *out is NULL. */
VB_EXPORT int vb_convert_memory(const char *name, const unsigned char *data, size_t len,
                                const vb_pipeline_options *opts, vb_doc **out, vb_diags *diags);
VB_EXPORT int vb_convert_file(const char *path, const vb_pipeline_options *opts, vb_doc **out,
                              vb_diags *diags);

/* The first two steps alone: sniff, decode and read into a source (free with
 * vb_source_free), then normalize it in place.  Errors as for convert. */
VB_EXPORT int vb_read_source(const char *name, const unsigned char *data, size_t len,
                             const vb_pipeline_options *opts, vb_source **out, vb_diags *diags);
VB_EXPORT int vb_repair_source(vb_source *src, const vb_pipeline_options *opts, vb_diags *diags);

#endif
