/* libFuzzer harness for the DOCX path: package → reader → normalize →
 * model → every renderer, with the options the input's first two bytes
 * choose (fuzz_check.h; the package follows them), checking every output.
 * Build and run with `make fuzz-docx`; `make check` replays
 * tests/fuzz/docx-corpus. */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len) {
    if (len < VB_FUZZ_OPTION_BYTES) return 0;
    vb_pipeline_options opts;
    vb_render_options ropts;
    vb_fuzz_options(data, &opts, &ropts);
    data += VB_FUZZ_OPTION_BYTES;
    len -= VB_FUZZ_OPTION_BYTES;
    /* the reader itself first, whatever the sniffer would say */
    vb_source *src = NULL;
    vb_extract_docx("fuzz.docx", data, len, &opts.extract, &src);
    vb_source_free(src);
    vb_doc *doc = NULL;
    if (vb_convert_memory("fuzz.docx", data, len, &opts, &doc, NULL) != VB_OK) return 0;
    vb_fuzz_render_all(doc, &ropts);
    vb_doc_free(doc);
    return 0;
}
