/* Unit tests of the shared layer: arena, buffer, UTF-8 repair, diagnostics. */
#include "../../util/vb_util.h"
#include "../support/vb_test.h"
#include "../../pipeline/pipeline.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The error convention: a negative status, and one error diagnostic naming
 * the file (and line) in the caller's list, which may own its messages. */
static void S_error_convention(void) {
    vb_diags d;
    vb_diags_init(&d, NULL, "missing.txt");
    unsigned char *data = NULL;
    size_t len = 0;
    int st = vb_read_file("tests/no/such/missing.txt", 0, &data, &len, &d);
    VB_CHECK_INT("read missing file: status", st, VB_ERR_IO);
    const vb_diag *g = vb_diags_first_error(&d);
    VB_CHECK("read missing file: one error", g != NULL && d.count[VB_ERROR] == 1);
    vb_buf line = {0};
    if (g) vb_diag_message(&d, g, &line);
    VB_CHECK_STR("read missing file: message names the file", line.data,
                 "tests/no/such/missing.txt: cannot open: No such file or directory");
    VB_CHECK("read missing file: list owns its arena", d.owns_arena && d.arena != NULL);
    VB_CHECK_INT("no diagnostics list: status alone",
                 vb_read_file("tests/no/such/missing.txt", 0, &data, &len, NULL), VB_ERR_IO);
    vb_diags_free(&d);
    VB_CHECK("freed list is empty", d.first == NULL && d.arena == NULL);

    /* an error from a stage keeps its line: a line over the limit */
    vb_pipeline_options o;
    vb_pipeline_options_default(&o);
    o.normalize.diacritics = VB_DIACRITICS_OFF;
    o.extract.max_line_bytes = 8;
    vb_doc *doc = NULL;
    const char *text = "Short\nA line much longer than eight bytes\n";
    vb_diags_init(&d, NULL, "caller.txt");
    st = vb_convert_memory("long.txt", (const unsigned char *)text, strlen(text), &o, &doc, &d);
    VB_CHECK("long line: negative status, no document", st < 0 && doc == NULL);
    g = vb_diags_first_error(&d);
    VB_CHECK("long line: error names file and line", g && g->line == 2 && g->file &&
                                                       strcmp(g->file, "long.txt") == 0);
    vb_buf_clear(&line);
    if (g) vb_diag_message(&d, g, &line);
    VB_CHECK("long line: message starts with file:line", strncmp(line.data, "long.txt:2: ", 12) == 0);
    vb_diags_free(&d);

    vb_diags_init(&d, NULL, "empty.txt");
    st = vb_convert_memory("empty.txt", (const unsigned char *)"", 0, &o, &doc, &d);
    VB_CHECK_INT("empty input: status", st, VB_ERR_EMPTY);
    vb_buf_clear(&line);
    if ((g = vb_diags_first_error(&d))) vb_diag_message(&d, g, &line);
    VB_CHECK_STR("empty input: message", line.data, "empty.txt: empty file");
    VB_CHECK_STR("status name", vb_status_name(st), "no text");
    vb_diags_free(&d);
    vb_buf_free(&line);
}

int main(void) {
    S_error_convention();
    vb_arena *a = vb_arena_new();
    char *s = vb_arena_strdup(a, "Hải Phòng");
    VB_CHECK_STR("arena strdup", s, "Hải Phòng");
    void *big = vb_arena_alloc(a, 1 << 20);
    VB_CHECK("arena big allocation zeroed", ((char *)big)[12345] == 0);
    VB_CHECK_STR("arena printf", vb_arena_printf(a, "%d/%s", 494, "KH-UBND"), "494/KH-UBND");
    /* each allocation is aligned as an object of its size needs, no more:
     * strings are packed, a struct of pointers is pointer-aligned */
    {
        vb_arena *p = vb_arena_new();
        char *s1 = vb_arena_strdup(p, "ab"), *s2 = vb_arena_strdup(p, "cd");
        VB_CHECK_INT("arena packs strings", s2 - s1, 3);
        void **ptrs = vb_arena_alloc(p, 3 * sizeof *ptrs);
        VB_CHECK_INT("arena 24 bytes pointer-aligned", (uintptr_t)ptrs % _Alignof(void *), 0);
        VB_CHECK_INT("arena 24 bytes not rounded up", (char *)ptrs - (s2 + 3) < (long)sizeof(void *), 1);
        void *wide = vb_arena_alloc(p, 32);
        VB_CHECK_INT("arena 32 bytes max-aligned", (uintptr_t)wide % _Alignof(max_align_t), 0);
        char *odd = vb_arena_alloc(p, 3);
        void **after = vb_arena_alloc(p, sizeof *after);
        VB_CHECK_INT("arena pointer after odd size aligned", (uintptr_t)after % _Alignof(void *), 0);
        VB_CHECK("arena odd allocation zeroed", odd[0] == 0 && odd[2] == 0 && *after == NULL);
        vb_arena_free(p);
    }

    vb_buf b = {0};
    for (int i = 0; i < 1000; i++) vb_buf_puts(&b, "ab");
    VB_CHECK_INT("buf grows", b.len, 2000);
    vb_buf_clear(&b);

    vb_diags d;
    vb_diags_init(&d, a, "x.txt");
    const unsigned char bad[] = "ok\nb\xff\xfe" "c\xe1\xba\n";
    size_t n = vb_utf8_repair(bad, sizeof bad - 1, &b, &d);
    VB_CHECK_INT("utf8 repair counts runs", n, 2);
    VB_CHECK_STR("utf8 repair replaces", b.data, "ok\nb\xEF\xBF\xBD" "c\xEF\xBF\xBD\n");
    VB_CHECK_INT("utf8 repair first offset", d.first ? d.first->byte_offset : -1, 4);
    VB_CHECK_INT("utf8 repair line", d.first ? d.first->line : -1, 2);
    vb_buf line = {0};
    vb_diag_format(&d, d.first, &line);
    VB_CHECK("diag names the file and line", strncmp(line.data, "x.txt:2:2: warning:", 19) == 0);

    uint32_t cp;
    VB_CHECK_INT("utf8 rejects overlong", vb_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 0);
    VB_CHECK_INT("utf8 rejects surrogate", vb_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 0);
    VB_CHECK("utf8 decodes ệ", vb_utf8_decode((const unsigned char *)"ệ", 3, &cp) == 3 && cp == 0x1EC7);
    char enc[4];
    VB_CHECK_INT("utf8 encodes Đ", vb_utf8_encode(0x110, enc), 2);
    VB_CHECK_INT("utf8 length", vb_utf8_length("Đề án", strlen("Đề án")), 5);

    vb_buf_free(&b);
    vb_buf_free(&line);
    vb_arena_free(a);
    return vb_test_done();
}
