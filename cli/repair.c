/* vanban repair: the normalize stage on its own.  Reads documents, repairs
 * their text (encodings, Unicode, layout, diacritics) and writes the repaired
 * text: one line per paragraph, a blank line where the source had one, table
 * rows as tab-separated cells.  With --report it lists what was changed. */
#include "cli.h"
#include "../normalize/diacritics.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char REPAIR_USAGE[] =
    "usage: vanban repair [OPTIONS] [FILE...]\n"
    "\n"
    "Repairs the Vietnamese text of each FILE (or of standard input when there is\n"
    "none, or FILE is '-') and writes the repaired text to standard output.\n"
    "  -o, --output OUT     write to OUT instead (only with one input)\n"
    "      --from ENC       read the input as ENC (utf-8, utf-16le, utf-16be, cp1258,\n"
    "                       tcvn3, vni, viscii, viqr...); default: detect\n"
    "      --tone-style S   tone-mark placement: majority (default: the document's\n"
    "                       own), old (hòa, thủy), new (hoà, thuỷ), keep\n"
    "      --diacritics M   restore diacritics lost by OCR: auto (default), ocr, strip, off\n"
    "      --min-confidence P  leave repairs below P undone, marked for review (default 0)\n"
    "      --model DIR      the diacritics model (default: $VANBAN_MODEL, data/model)\n"
    "      --no-layout      keep hard-wrapped lines and running headers as they are\n"
    "      --report         list what was changed, by kind and count, on standard error\n"
    "  -h, --help           this text\n";

bool vb_cli_parse_tone_style(const char *v, vb_tone_style *style) {
    if (strcmp(v, "keep") == 0) *style = VB_TONE_KEEP;
    else if (strcmp(v, "majority") == 0) *style = VB_TONE_MAJORITY;
    else if (strcmp(v, "old") == 0) *style = VB_TONE_OLD;
    else if (strcmp(v, "new") == 0) *style = VB_TONE_NEW;
    else {
        fprintf(stderr, "vanban: --tone-style takes keep, majority, old or new (not '%s')\n", v);
        return false;
    }
    return true;
}

static void S_write_runs(const vb_run *r, vb_buf *out) {
    for (; r; r = r->next) {
        switch (r->kind) {
        case VB_RUN_TEXT: vb_buf_append(out, r->text, r->len); break;
        case VB_RUN_NOTE_REF: vb_buf_puts(out, r->note_id ? r->note_id : ""); break;
        case VB_RUN_BREAK: vb_buf_puts(out, "\n"); break;
        case VB_RUN_TAB: vb_buf_puts(out, "\t"); break;
        }
    }
}

/* The repaired source as text. */
void vb_source_write_text(const vb_source *src, vb_buf *out) {
    bool first = true;
    for (const vb_block *b = src->first; b; b = b->next) {
        if (b->kind == VB_BLOCK_PAGE_BREAK) continue;
        if (!first && !(b->flags & VB_BLOCK_NO_BLANK_BEFORE)) vb_buf_puts(out, "\n");
        first = false;
        if (b->kind == VB_BLOCK_TABLE) {
            for (size_t i = 0; i < b->nrows; i++) {
                for (size_t c = 0; c < b->rows[i].ncells; c++) {
                    if (c) vb_buf_puts(out, "\t");
                    for (const vb_block *p = b->rows[i].cells[c].content; p; p = p->next) {
                        if (p != b->rows[i].cells[c].content) vb_buf_puts(out, " ");
                        S_write_runs(p->runs, out);
                    }
                }
                vb_buf_puts(out, "\n");
            }
            continue;
        }
        if (b->kind == VB_BLOCK_NOTE && b->note_id) {
            vb_buf_puts(out, b->note_id);
            vb_buf_puts(out, " ");
        }
        S_write_runs(b->runs, out);
        vb_buf_puts(out, "\n");
    }
}

static int S_repair_one(const char *path, const vb_pipeline_options *opts, bool report,
                        vb_buf *out) {
    char err[1024];
    unsigned char *data = NULL;
    size_t len = 0;
    size_t max = opts->extract.max_input_bytes ? opts->extract.max_input_bytes : ((size_t)512 << 20);
    int st = vb_read_file(path, max, &data, &len, err, sizeof err);
    if (st != VB_OK) {
        fprintf(stderr, "vanban: error: %s\n", err);
        return st;
    }
    vb_source *src = NULL;
    st = vb_read_source(path, data, len, opts, &src, err, sizeof err);
    free(data);
    if (st == VB_OK) st = vb_repair_source(src, opts, err, sizeof err);
    if (st != VB_OK) {
        fprintf(stderr, "vanban: error: %s\n", err);
        vb_source_free(src);
        return st;
    }
    vb_source_write_text(src, out);
    vb_diags_print(&src->diags, VB_WARNING, stderr);
    if (report) {
        fprintf(stderr, "%s: read as %s\n", path, src->encoding ? src->encoding : src->format);
        for (size_t i = 0; src->report && i < src->report->nitems; i++)
            fprintf(stderr, "%s: %s %zu\n", path, src->report->items[i].kind,
                    src->report->items[i].count);
    }
    vb_source_free(src);
    return VB_OK;
}

int vb_cmd_repair(int argc, char **argv) {
    vb_pipeline_options opts;
    vb_pipeline_options_default(&opts);
    const char *output = NULL;
    bool report = false;
    const char *model_path = NULL;
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'},       {"from", required_argument, 0, 1},
        {"tone-style", required_argument, 0, 2},     {"diacritics", required_argument, 0, 3},
        {"min-confidence", required_argument, 0, 4}, {"no-layout", no_argument, 0, 5},
        {"report", no_argument, 0, 6},               {"model", required_argument, 0, 7},               {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 1: opts.normalize.from_encoding = optarg; break;
        case 2:
            if (!vb_cli_parse_tone_style(optarg, &opts.normalize.tone_style)) return 2;
            break;
        case 3:
            if (!vb_cli_parse_diacritics(optarg, &opts.normalize.diacritics)) return 2;
            break;
        case 4: {
            char *end;
            double p = strtod(optarg, &end);
            if (*end || p < 0 || p > 1) {
                fprintf(stderr, "vanban: --min-confidence takes a probability from 0 to 1\n");
                return 2;
            }
            opts.normalize.min_confidence = p;
            break;
        }
        case 5: opts.normalize.layout = false; break;
        case 6: report = true; break;
        case 7: model_path = optarg; break;
        case 'h': fputs(REPAIR_USAGE, stdout); return 0;
        default: fputs(REPAIR_USAGE, stderr); return 2;
        }
    }
    int ninputs = argc - optind;
    if (output && ninputs > 1) {
        fprintf(stderr, "vanban: -o takes one input; use 'vanban convert -f txt' for batches\n");
        return 2;
    }
    struct vb_dia_model *model = NULL;
    int mst = vb_cli_load_model(model_path, &opts.normalize, &model);
    if (mst) return mst;
    vb_buf out = {0};
    int failed = 0;
    if (ninputs == 0) failed += S_repair_one("-", &opts, report, &out) != VB_OK;
    for (int i = optind; i < argc; i++) failed += S_repair_one(argv[i], &opts, report, &out) != VB_OK;
    int rc = failed ? 1 : 0;
    if (output && strcmp(output, "-") != 0) {
        if (!failed) {
            char err[1024];
            if (vb_write_file_atomic(output, out.data ? out.data : "", out.len, err, sizeof err) !=
                VB_OK) {
                fprintf(stderr, "vanban: error: %s\n", err);
                rc = 1;
            }
        }
    } else if (out.len) {
        fwrite(out.data, 1, out.len, stdout);
    }
    vb_buf_free(&out);
    vb_dia_model_free(model);
    return rc;
}
