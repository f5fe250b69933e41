/* lmtok: the language model's words of each input line, space-separated,
 * one output line per input line (what tools/train/lm.py counts).
 *   lmtok        words
 *   lmtok -s     for every syllable whose tone mark may sit on either vowel
 *                (hòa/hoà), "canonical TAB as written (lower case)" */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../normalize/lm.h"
#include "../../normalize/syllable.h"
#include "../../util/vb_util.h"

typedef struct {
    int first;
    const char *line;
} S_ctx;

static void S_print(const vb_lmtok *tok, void *ctx) {
    S_ctx *c = ctx;
    if (!c->first) putchar(' ');
    c->first = 0;
    fputs(tok->text, stdout);
}

static void S_surface(const vb_lmtok *tok, void *ctx) {
    S_ctx *c = ctx;
    vb_syllable syl;
    if (tok->kind != VB_LMTOK_SYLLABLE || !vb_syl_parse(c->line + tok->start, tok->len, &syl, NULL))
        return;
    char a[VB_SYL_MAX_BYTES], b[VB_SYL_MAX_BYTES];
    vb_syl_compose(syl, VB_SYL_STYLE_HOA_O, a);
    vb_syl_compose(syl, VB_SYL_STYLE_HOA_A, b);
    if (strcmp(a, b) == 0) return;
    printf("%s\t", tok->text);
    const unsigned char *p = (const unsigned char *)c->line + tok->start;
    size_t i = 0;
    while (i < tok->len) {
        uint32_t cp;
        int k = vb_utf8_decode(p + i, tok->len - i, &cp);
        if (!k) break;
        char enc[4];
        fwrite(enc, 1, (size_t)vb_utf8_encode(vb_syl_lower(cp), enc), stdout);
        i += (size_t)k;
    }
    putchar('\n');
}

int main(int argc, char **argv) {
    int surface = argc > 1 && strcmp(argv[1], "-s") == 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        S_ctx c = {1, line};
        vb_lm_tokenize(line, (size_t)n, surface ? S_surface : S_print, &c);
        if (!surface) putchar('\n');
    }
    free(line);
    return 0;
}
