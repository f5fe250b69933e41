/* libFuzzer harness for the text path: decode → text reader → normalize →
 * model → every renderer.  Build and run with `make fuzz-text`. */
#include "../../pipeline/pipeline.h"
#include "../../render/render.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len) {
    vb_pipeline_options opts;
    vb_pipeline_options_default(&opts);
    opts.extract.max_line_bytes = 1 << 16;
    vb_doc *doc = NULL;
    if (vb_convert_memory("fuzz.txt", data, len, &opts, &doc, NULL) != VB_OK) return 0;
    for (size_t i = 0; i < vb_format_count(); i++) {
        vb_buf out = {0};
        vb_render(doc, vb_format_info_at(i)->format, NULL, &out);
        vb_buf_free(&out);
    }
    vb_doc_free(doc);
    return 0;
}
