#include "vb_test.h"

#include "../../pipeline/pipeline.h"
int vb_test_failures = 0;

struct vb_doc *vb_test_build_text(const char *text) {
    vb_pipeline_options o;
    vb_pipeline_options_default(&o);
    o.normalize.diacritics = VB_DIACRITICS_OFF;
    vb_doc *doc = NULL;
    char err[256];
    if (vb_convert_memory("t.txt", (const unsigned char *)text, strlen(text), &o, &doc, err,
                          sizeof err) != VB_OK)
        printf("# convert failed: %s\n", err);
    return doc;
}
