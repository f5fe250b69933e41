/* libFuzzer harness for the text path: decode → text reader → normalize →
 * model → every renderer, with the options the input's first two bytes
 * choose (fuzz_check.h), checking every output.  Build and run with
 * `make fuzz-text`; `make check` replays tests/fuzz/text-corpus. */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len) {
    if (len < VB_FUZZ_OPTION_BYTES) return 0;
    vb_pipeline_options opts;
    vb_render_options ropts;
    vb_fuzz_options(data, &opts, &ropts);
    data += VB_FUZZ_OPTION_BYTES;
    len -= VB_FUZZ_OPTION_BYTES;
    vb_doc *doc = NULL;
    if (vb_convert_memory("fuzz.txt", data, len, &opts, &doc, NULL) != VB_OK) return 0;
    vb_fuzz_render_all(doc, &ropts);
    vb_doc_free(doc);
    return 0;
}
