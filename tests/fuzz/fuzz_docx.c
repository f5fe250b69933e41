/* libFuzzer harness for the DOCX path: package → reader → normalize →
 * model → every renderer.  Build and run with `make fuzz`. */
#include "../../pipeline/pipeline.h"
#include "../../render/render.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len) {
    vb_pipeline_options opts;
    vb_pipeline_options_default(&opts);
    /* the reader itself first, whatever the sniffer would say */
    vb_source *src = NULL;
    vb_extract_docx("fuzz.docx", data, len, &opts.extract, &src);
    vb_source_free(src);
    opts.extract.keep_deletions = len & 1;
    vb_doc *doc = NULL;
    if (vb_convert_memory("fuzz.docx", data, len, &opts, &doc, NULL) != VB_OK) return 0;
    for (size_t i = 0; i < vb_format_count(); i++) {
        vb_buf out = {0};
        vb_render(doc, vb_format_info_at(i)->format, NULL, &out);
        vb_buf_free(&out);
    }
    vb_doc_free(doc);
    return 0;
}
