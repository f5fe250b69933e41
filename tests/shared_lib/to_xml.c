/* to_xml.c — a program outside the tree using the installed library: reads a
 * file, converts it through the public API and writes its XML to standard
 * output.  tests/scripts/shared_lib.sh builds it with pkg-config. */
#include <stdio.h>
#include <stdlib.h>

#include <vanban/pipeline/pipeline.h>
#include <vanban/render/render.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: to_xml FILE\n");
        return 2;
    }
    vb_pipeline_options opts;
    vb_pipeline_options_default(&opts);
    vb_doc *doc = NULL;
    vb_diags diags;
    vb_diags_init(&diags, NULL, argv[1]);
    int status = vb_convert_file(argv[1], &opts, &doc, &diags);
    if (status != VB_OK) {
        vb_buf msg = {0};
        vb_diag_message(&diags, vb_diags_first_error(&diags), &msg);
        fprintf(stderr, "to_xml: %s (%s)\n", msg.data, vb_status_name(status));
        vb_buf_free(&msg);
        vb_diags_free(&diags);
        return 1;
    }
    vb_diags_free(&diags);
    vb_render_options ropts;
    vb_render_options_default(&ropts);
    vb_buf out = {0};
    status = vb_render(doc, VB_FORMAT_XML, &ropts, &out);
    if (status == VB_OK) fwrite(out.data, 1, out.len, stdout);
    vb_buf_free(&out);
    vb_doc_free(doc);
    return status == VB_OK ? 0 : 1;
}
