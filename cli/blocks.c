/* vanban blocks: the reader's (and optionally normalize's) output, one block
 * per line, for debugging and for the extract-stage fixtures. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char BLOCKS_USAGE[] =
    "usage: vanban blocks [--normalized] [--keep-deletions] [--ocr [--ocr-dpi N]] FILE\n"
    "\n"
    "Prints the blocks a reader found: kind, source lines, hints and the text with\n"
    "its styles ({b}bold{/b}, {i}italic{/i}, [^N] note marks, | between table cells).\n"
    "  --normalized      show the blocks after the normalize stage\n"
    "  --keep-deletions  DOCX: keep text deleted with tracked changes, shown {del}...{/del}\n"
    "                    (by default only the accepted text is kept)\n"
    "  --ocr             PDF: read pages whose text layer is missing or poor with Tesseract\n"
    "  --ocr-dpi N       render them at N dots per inch (default 300)\n";

static void S_runs(const vb_run *r, FILE *out) {
    for (; r; r = r->next) {
        if (r->kind == VB_RUN_NOTE_REF) {
            fprintf(out, "[^%s]", r->note_id);
            continue;
        }
        if (r->kind == VB_RUN_BREAK) {
            fputs("\\n", out);
            continue;
        }
        if (r->kind == VB_RUN_TAB) {
            fputs("\\t", out);
            continue;
        }
        if (r->link) fprintf(out, "{link=%s}", r->link);
        if (r->style & VB_STYLE_INSERTED) fputs("{ins}", out);
        if (r->style & VB_STYLE_DELETED) fputs("{del}", out);
        if (r->style & VB_STYLE_UNDERLINE) fputs("{u}", out);
        if (r->style & VB_STYLE_SUBSCRIPT) fputs("{sub}", out);
        if (r->style & VB_STYLE_BOLD) fputs("{b}", out);
        if (r->style & VB_STYLE_ITALIC) fputs("{i}", out);
        if (r->style & VB_STYLE_SUPERSCRIPT) fputs("{sup}", out);
        if (r->repair) fprintf(out, "{fix:%.*s}", (int)r->original_len, r->original);
        fwrite(r->text, 1, r->len, out);
        if (r->repair) fputs("{/fix}", out);
        if (r->style & VB_STYLE_SUPERSCRIPT) fputs("{/sup}", out);
        if (r->style & VB_STYLE_ITALIC) fputs("{/i}", out);
        if (r->style & VB_STYLE_BOLD) fputs("{/b}", out);
        if (r->style & VB_STYLE_SUBSCRIPT) fputs("{/sub}", out);
        if (r->style & VB_STYLE_UNDERLINE) fputs("{/u}", out);
        if (r->style & VB_STYLE_DELETED) fputs("{/del}", out);
        if (r->style & VB_STYLE_INSERTED) fputs("{/ins}", out);
        if (r->link) fputs("{/link}", out);
    }
}

static void S_block(const vb_block *b, FILE *out) {
    static const char *const kinds[] = {"para", "table", "note", "pagebreak"};
    fprintf(out, "%d", b->line);
    if (b->line_end != b->line) fprintf(out, "-%d", b->line_end);
    fprintf(out, " %s", kinds[b->kind]);
    if (b->heading_hint) fprintf(out, " h%d", b->heading_hint);
    if (b->label) fprintf(out, " label=\"%s\"", b->label);
    if (b->label && b->list_level >= 0) fprintf(out, " level=%d", b->list_level);
    if (b->note_id) fprintf(out, " note=%s", b->note_id);
    if (b->flags & VB_BLOCK_NO_BLANK_BEFORE) fputs(" joined", out);
    if (b->flags & VB_BLOCK_ALL_BOLD) fputs(" bold", out);
    if (b->flags & VB_BLOCK_ALL_ITALIC) fputs(" italic", out);
    if (b->flags & VB_BLOCK_HARD_BREAK) fputs(" hardbreak", out);
    if (b->region == VB_REGION_PAGE_HEADER) fputs(" page-header", out);
    if (b->region == VB_REGION_PAGE_FOOTER) fputs(" page-footer", out);
    if (b->region == VB_REGION_ENDNOTES) fputs(" endnotes", out);
    if (b->flags & VB_BLOCK_CENTERED) fputs(" centered", out);
    if (b->flags & VB_BLOCK_TEXTBOX) fputs(" textbox", out);
    if (b->page > 0) /* PDF, hOCR, ALTO: where the line was printed */
        fprintf(out, "%s page=%d box=%g,%g,%g,%g", b->flags & VB_BLOCK_FORM_FEED ? " page-start" : "",
                b->page, (double)b->box[0], (double)b->box[1], (double)b->box[2], (double)b->box[3]);
    if (b->kind == VB_BLOCK_TABLE) {
        fprintf(out, " %ux%u\n", (unsigned)b->nrows, (unsigned)b->ncols);
        for (size_t i = 0; i < b->nrows; i++) {
            fprintf(out, "  %d row%s:", b->rows[i].line, b->rows[i].is_header ? " header" : "");
            for (size_t c = 0; c < b->rows[i].ncells; c++) {
                const vb_cell *cell = &b->rows[i].cells[c];
                fputs(c ? " | " : " ", out);
                if (cell->covered) {
                    fputs("{covered}", out);
                    continue;
                }
                if (cell->colspan > 1) fprintf(out, "{span=%d}", cell->colspan);
                if (cell->rowspan > 1) fprintf(out, "{rows=%d}", cell->rowspan);
                for (const vb_block *p = cell->content; p; p = p->next) {
                    if (p != cell->content) fputs("\u00b6", out);
                    if (p->kind == VB_BLOCK_TABLE) fprintf(out, "{table %ux%u}", (unsigned)p->nrows, (unsigned)p->ncols);
                    else S_runs(p->runs, out);
                }
            }
            fputc('\n', out);
        }
        return;
    }
    fputs(": ", out);
    S_runs(b->runs, out);
    fputc('\n', out);
}

int vb_cmd_blocks(int argc, char **argv) {
    bool normalized = false, keep_deletions = false, ocr = false;
    int ocr_dpi = 0;
    static const struct option longopts[] = {{"normalized", no_argument, 0, 'n'},
                                             {"keep-deletions", no_argument, 0, 'k'},
                                             {"ocr", no_argument, 0, 1},
                                             {"ocr-dpi", required_argument, 0, 2},
                                             {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "nkh", longopts, NULL)) != -1) {
        if (c == 'n') normalized = true;
        else if (c == 'k') keep_deletions = true;
        else if (c == 1) ocr = true;
        else if (c == 2) {
            if (!vb_cli_parse_ocr_dpi(optarg, &ocr_dpi)) return 2;
            ocr = true;
        }
        else if (c == 'h') {
            fputs(BLOCKS_USAGE, stdout);
            return 0;
        } else {
            fputs(BLOCKS_USAGE, stderr);
            return 2;
        }
    }
    if (optind != argc - 1) {
        fputs(BLOCKS_USAGE, stderr);
        return 2;
    }
    const char *path = argv[optind];
    vb_pipeline_options opts;
    vb_pipeline_options_default(&opts);
    opts.extract.keep_deletions = keep_deletions;
    opts.extract.ocr = ocr;
    opts.extract.ocr_dpi = ocr_dpi;
    char err[1024];
    unsigned char *data;
    size_t len;
    vb_diags diags;
    vb_diags_init(&diags, NULL, path);
    if (vb_read_file(path, 0, &data, &len, &diags) != VB_OK) {
        vb_cli_error_text(&diags, err, sizeof err);
        vb_diags_free(&diags);
        fprintf(stderr, "vanban: error: %s\n", err);
        return 1;
    }
    vb_buf utf8 = {0};
    const char *enc;
    vb_source *src = NULL;
    vb_sniff_kind kind = vb_sniff(data, len);
    int st = kind == VB_SNIFF_DOCX   ? vb_extract_docx(path, data, len, &opts.extract, &src)
             : kind == VB_SNIFF_PDF  ? vb_extract_pdf(path, data, len, &opts.extract, &src)
             : kind == VB_SNIFF_HOCR ? vb_extract_hocr(path, data, len, &opts.extract, &src)
             : kind == VB_SNIFF_ALTO ? vb_extract_alto(path, data, len, &opts.extract, &src)
                 : (vb_normalize_decode(data, len, NULL, &utf8, &enc, &diags) == VB_OK
                        ? vb_extract_text(path, utf8.data ? utf8.data : "", utf8.len, &opts.extract, &src)
                        : VB_ERR_FORMAT);
    if (st == VB_OK && normalized) st = vb_normalize_source(src, &opts.normalize);
    if (src) {
        for (const vb_block *b = src->first; b; b = b->next) S_block(b, stdout);
        vb_diags_print(&src->diags, VB_NOTE, stderr);
    } else {
        vb_cli_error_text(&diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    vb_diags_free(&diags);
    vb_source_free(src);
    vb_buf_free(&utf8);
    free(data);
    return st == VB_OK ? 0 : 1;
}
