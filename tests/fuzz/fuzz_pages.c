/* libFuzzer harness for the readers of printed pages (PDF text layers, hOCR,
 * ALTO): the input, behind the option bytes (fuzz_check.h), goes to the
 * reader its content names, then normalize → model → every renderer, every
 * output checked.  Build and run with `make fuzz-pages`; `make check`
 * replays tests/fuzz/pages-corpus. */
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len) {
    if (len < VB_FUZZ_OPTION_BYTES) return 0;
    vb_pipeline_options opts;
    vb_render_options ropts;
    vb_fuzz_options(data, &opts, &ropts);
    data += VB_FUZZ_OPTION_BYTES;
    len -= VB_FUZZ_OPTION_BYTES;
    /* a fuzzed PDF may claim many pages: keep each run short */
    opts.extract.max_pages = 20;
    vb_doc *doc = NULL;
    if (vb_convert_memory("fuzz.pages", data, len, &opts, &doc, NULL) != VB_OK) return 0;
    vb_fuzz_render_all(doc, &ropts);
    vb_doc_free(doc);
    return 0;
}
