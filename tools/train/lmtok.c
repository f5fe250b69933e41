/* lmtok: the language model's words of each input line, space-separated,
 * one output line per input line (what tools/train/lm.py counts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../normalize/lm.h"

static void S_print(const vb_lmtok *tok, void *ctx) {
    int *first = ctx;
    if (!*first) putchar(' ');
    *first = 0;
    fputs(tok->text, stdout);
}

int main(void) {
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        int first = 1;
        vb_lm_tokenize(line, (size_t)n, S_print, &first);
        putchar('\n');
    }
    free(line);
    return 0;
}
