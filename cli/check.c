/* vanban check: compares every figure a document states twice (table totals,
 * group subtotals, shares, amounts in words) and reports the mismatches as
 * "file:line: expected X, found Y". */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char CHECK_USAGE[] =
    "usage: vanban check [OPTIONS] FILE...\n"
    "\n"
    "Checks the figures each FILE states twice: every total row of a table against\n"
    "its column, group subtotals against their items, share columns (\"Tỉ lệ %\")\n"
    "against count / total, amounts in words against their digits.  A digit misread\n"
    "by OCR or mistyped shows up as a mismatch.\n"
    "\n"
    "options:\n"
    "  -v, --verbose   also list the checks that pass\n"
    "      --figures   list the figures that take part in a check, one per line and\n"
    "                  tab-separated: file, line, line of the check, kind, table\n"
    "                  column (-1 outside tables), figure as printed\n"
    "      --from ENC  read text in this encoding instead of detecting it\n"
    "      --diacritics M  restore diacritics lost by OCR first: off (default), auto, ocr\n"
    "      --model DIR  the diacritics model (default: $VANBAN_MODEL, data/model)\n"
    "      --ocr        PDF: read pages whose text layer is missing or poor with Tesseract\n"
    "      --ocr-dpi N  render them at N dots per inch (default 300)\n"
    "  -h, --help      this text\n"
    "\n"
    "Exit status: 0 when every check passes, 1 when any figure does not add up or a\n"
    "file cannot be read, 2 on bad usage.\n";

static int S_line_of(const vb_node *n) {
    for (; n; n = n->parent)
        if (n->line) return n->line;
    return 0;
}

/* The column of a table cell (counting spans), -1 for other nodes. */
static int S_column_of(const vb_node *n) {
    if (n->type != VB_NODE_CELL) return -1;
    int col = 0;
    for (const vb_node *c = n->parent->first_child; c && c != n; c = c->next) col += c->as.cell.colspan;
    return col;
}

static int S_int_cmp(const void *a, const void *b) {
    return *(const int *)a - *(const int *)b;
}

/* "; parts on lines 213-219": where the figures added up stand, so that a
 * changed figure among them is found from the report. */
static void S_print_part_lines(const vb_check *k) {
    if (k->nfigures < 2) return;
    int lines[256];
    size_t n = 0;
    for (size_t i = 1; i < k->nfigures && n < 256; i++) {
        int l = S_line_of(k->figures[i]);
        if (l > 0) lines[n++] = l;
    }
    if (!n) return;
    qsort(lines, n, sizeof lines[0], S_int_cmp);
    printf("; parts on lines ");
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && lines[j + 1] <= lines[j] + 1) j++;
        printf("%s%d", i ? ", " : "", lines[i]);
        if (lines[j] != lines[i]) printf("-%d", lines[j]);
        i = j + 1;
    }
}

static void S_print_figures(const char *path, vb_doc *doc) {
    for (const vb_check *k = doc->checks; k; k = k->next)
        for (size_t i = 0; i < k->nfigures; i++) {
            const char *text = vb_node_text(doc, k->figures[i]);
            printf("%s\t%d\t%d\t%s\t%d\t%s\n", path, S_line_of(k->figures[i]), k->line, k->kind,
                   S_column_of(k->figures[i]), text);
        }
}

int vb_cmd_check(int argc, char **argv) {
    static const struct option longopts[] = {
        {"verbose", no_argument, NULL, 'v'}, {"figures", no_argument, NULL, 'F'},
        {"from", required_argument, NULL, 'e'}, {"help", no_argument, NULL, 'h'},
        {"diacritics", required_argument, NULL, 'D'}, {"model", required_argument, NULL, 'M'},
        {"ocr", no_argument, NULL, 'O'},     {"ocr-dpi", required_argument, NULL, 'R'},
        {NULL, 0, NULL, 0}};
    bool verbose = false, figures = false;
    const char *model_path = NULL;
    vb_pipeline_options popts;
    vb_pipeline_options_default(&popts);
    /* figures do not need the diacritics model */
    popts.normalize.diacritics = VB_DIACRITICS_OFF;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
        switch (ch) {
        case 'v': verbose = true; break;
        case 'F': figures = true; break;
        case 'e': popts.normalize.from_encoding = optarg; break;
        case 'M': model_path = optarg; break;
        case 'O': popts.extract.ocr = true; break;
        case 'R':
            if (!vb_cli_parse_ocr_dpi(optarg, &popts.extract.ocr_dpi)) return 2;
            popts.extract.ocr = true;
            break;
        case 'D':
            if (!vb_cli_parse_diacritics(optarg, &popts.normalize.diacritics)) return 2;
            break;
        case 'h': fputs(CHECK_USAGE, stdout); return 0;
        default: fputs(CHECK_USAGE, stderr); return 2;
        }
    }
    if (optind >= argc) {
        fputs(CHECK_USAGE, stderr);
        return 2;
    }
    struct vb_dia_model *model = NULL;
    if (popts.normalize.diacritics != VB_DIACRITICS_OFF) {
        int mst = vb_cli_load_model(model_path, &popts.normalize, &model);
        if (mst) return mst;
    }
    int status = 0;
    size_t total = 0, bad = 0;
    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        vb_doc *doc = NULL;
        char err[1024];
        vb_diags diags;
        vb_diags_init(&diags, NULL, path);
        if (vb_convert_file(path, &popts, &doc, &diags) != VB_OK || !doc) {
            vb_cli_error_text(&diags, err, sizeof err);
            vb_diags_free(&diags);
            fprintf(stderr, "vanban: %s\n", err);
            status = 1;
            continue;
        }
        if (figures) {
            S_print_figures(path, doc);
            vb_doc_free(doc);
            continue;
        }
        for (const vb_check *k = doc->checks; k; k = k->next) {
            total++;
            if (k->ok) {
                if (verbose)
                    printf("%s:%d: ok %s (%s): %s\n", path, k->line, k->kind, k->what, k->found);
                continue;
            }
            bad++;
            status = 1;
            printf("%s:%d: expected %s, found %s (%s: %s)", path, k->line, k->expected, k->found,
                   k->kind, k->what);
            S_print_part_lines(k);
            putchar('\n');
        }
        vb_doc_free(doc);
    }
    if (!figures) fprintf(stderr, "vanban: %zu checks, %zu mismatches\n", total, bad);
    vb_dia_model_free(model);
    return status;
}
