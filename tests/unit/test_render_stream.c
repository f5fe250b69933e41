/* Streamed rendering (vb_render_options.sink): for every sample, in every
 * format of the table, the pieces handed to the sink join into exactly the
 * bytes of an in-memory rendering, and the buffer of a format that streams
 * never holds the whole output. */
#include "../../pipeline/pipeline.h"
#include "../../render/render.h"
#include "../support/vb_test.h"

#include <dirent.h>
#include <stdlib.h>

typedef struct {
    vb_buf joined;
    size_t pieces;
} S_collect;

static int S_sink(void *ctx, const char *data, size_t len) {
    S_collect *c = ctx;
    vb_buf_append(&c->joined, data, len);
    c->pieces++;
    return 0;
}

/* A sink whose writes fail: rendering must still finish, memory bounded. */
static int S_failing_sink(void *ctx, const char *data, size_t len) {
    (void)data;
    *(size_t *)ctx += len;
    return -1;
}

static void test_samples(void) {
    DIR *dir = opendir("samples");
    struct dirent *e;
    int n = 0;
    while (dir && (e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        char path[512];
        snprintf(path, sizeof path, "samples/%s", e->d_name);
        vb_pipeline_options popts;
        vb_pipeline_options_default(&popts);
        popts.normalize.diacritics = VB_DIACRITICS_OFF;
        vb_doc *doc = NULL;
        if (vb_convert_file(path, &popts, &doc, NULL) != VB_OK) continue;
        for (size_t i = 0; i < vb_format_count(); i++) {
            const vb_format_info *fi = vb_format_info_at(i);
            vb_render_options ro;
            vb_render_options_default(&ro);
            vb_buf whole = {0};
            vb_render(doc, fi->format, &ro, &whole);

            S_collect c = {0};
            ro.sink = S_sink;
            ro.sink_ctx = &c;
            vb_buf tail = {0};
            int st = vb_render(doc, fi->format, &ro, &tail);
            char name[640];
            snprintf(name, sizeof name, "streamed %s of %s equals the whole rendering",
                     fi->name, e->d_name);
            VB_CHECK(name, st == VB_OK && c.joined.len == whole.len &&
                               memcmp(c.joined.data, whole.data, whole.len) == 0);
            snprintf(name, sizeof name, "streamed %s of %s: buffer left empty, held < 128 KiB",
                     fi->name, e->d_name);
            /* (a format that does not stream hands its output over whole) */
            VB_CHECK(name, tail.len == 0 &&
                               (!fi->streams || (tail.cap <= ((size_t)128 << 10) &&
                                                 (whole.len < ((size_t)64 << 10) || c.pieces > 1))));

            size_t dropped = 0;
            ro.sink = S_failing_sink;
            ro.sink_ctx = &dropped;
            vb_buf_free(&tail);
            st = vb_render(doc, fi->format, &ro, &tail);
            snprintf(name, sizeof name, "failing sink: %s of %s still ends, nothing kept",
                     fi->name, e->d_name);
            VB_CHECK(name, st == VB_OK && dropped == whole.len && tail.len == 0);
            vb_buf_free(&tail);
            vb_buf_free(&c.joined);
            vb_buf_free(&whole);
        }
        vb_doc_free(doc);
        n++;
    }
    if (dir) closedir(dir);
    VB_CHECK("samples found", n >= 5);
}

int main(void) {
    test_samples();
    return vb_test_done();
}
