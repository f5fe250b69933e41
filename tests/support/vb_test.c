#include "vb_test.h"

#include "../../pipeline/pipeline.h"
int vb_test_failures = 0;

struct vb_doc *vb_test_build_text(const char *text) {
    vb_pipeline_options o;
    vb_pipeline_options_default(&o);
    o.normalize.diacritics = VB_DIACRITICS_OFF;
    vb_doc *doc = NULL;
    vb_diags diags;
    vb_diags_init(&diags, NULL, "t.txt");
    if (vb_convert_memory("t.txt", (const unsigned char *)text, strlen(text), &o, &doc, &diags) !=
        VB_OK) {
        vb_buf msg = {0};
        vb_diag_message(&diags, vb_diags_first_error(&diags), &msg);
        printf("# convert failed: %s\n", msg.data);
        vb_buf_free(&msg);
    }
    vb_diags_free(&diags);
    return doc;
}
