/* vanban repair: the normalize stage on its own.  Reads documents, repairs
 * their text (encodings, Unicode, layout, diacritics) and writes the repaired
 * text: one line per paragraph, a blank line where the source had one, table
 * rows as tab-separated cells, note marks as superscript digits and the
 * inline tags of a text source (<sup>, <sub>, <i>, <b>, <u>) as they were.
 * With --report it lists what was changed. */
#include "cli.h"

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
    "      --tone-style S   tone-mark placement: keep (default: as written), majority\n"
    "                       (the document's own), old (hòa, thủy), new (hoà, thuỷ)\n"
    "      --diacritics M   restore diacritics lost by OCR: auto (default), ocr, confused, strip, off\n"
    "      --min-confidence P  leave repairs below P undone, marked for review (default 0)\n"
    "      --model DIR      the diacritics model (default: $VANBAN_MODEL, data/model)\n"
    "      --ocr            PDF: read the pages whose text layer is missing or poor\n"
    "                       again from their image with Tesseract's Vietnamese model\n"
    "      --ocr-dpi N      render those pages at N dots per inch (default 300)\n"
    "      --no-layout      keep hard-wrapped lines and running headers as they are\n"
    "      --word-conf W[,P]  OCR layers: how much the engine's word confidences weigh on\n"
    "                       a repair (weight W, pivot P; default: tuned); 0 or off: not\n"
    "      --glyph-conf W[,U[,N]]  OCR layers with each glyph's readings (Tesseract's\n"
    "                       LSTM choices, Vietnamese model): how much they weigh (weight W,\n"
    "                       cost U of a glyph the engine did not see, N of a reading only\n"
    "                       they propose; default: tuned); 0 or off: not\n"
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

/* --word-conf: "off", or a weight and optionally a pivot ("0.5" or "0.5,0.9"). */
static bool S_parse_word_conf(const char *v, vb_normalize_options *o) {
    if (strcmp(v, "off") == 0) {
        o->word_conf_weight = -1;
        return true;
    }
    char *end;
    double w = strtod(v, &end), p = 0;
    bool ok = end != v && w >= 0;
    if (ok && *end == ',') {
        const char *q = end + 1;
        p = strtod(q, &end);
        ok = end != q && p > 0 && p < 1;
    }
    if (!ok || *end) {
        fprintf(stderr, "vanban: --word-conf takes off, or a weight >= 0 and optionally a pivot "
                        "between 0 and 1 (\"0.5,0.9\"), not '%s'\n", v);
        return false;
    }
    o->word_conf_weight = w > 0 ? w : -1; /* 0 in the API means the default */
    o->word_conf_pivot = p;
    return true;
}

/* --glyph-conf: "off", or a weight and optionally the unseen and added costs
 * ("1", "1,3", "1,3,3"). */
static bool S_parse_glyph_conf(const char *v, vb_normalize_options *o) {
    if (strcmp(v, "off") == 0) {
        o->glyph_weight = -1;
        return true;
    }
    double x[3] = {0, 0, 0};
    const char *q = v;
    char *end = (char *)v;
    bool ok = true;
    size_t n = 0;
    for (; n < 3 && ok; n++) {
        x[n] = strtod(q, &end);
        ok = end != q && x[n] >= 0;
        if (*end != ',') break;
        q = end + 1;
    }
    if (!ok || *end) {
        fprintf(stderr, "vanban: --glyph-conf takes off, or a weight >= 0 and optionally the "
                        "costs of an unseen glyph and of an added reading (\"1,3,3\"), not '%s'\n", v);
        return false;
    }
    o->glyph_weight = x[0] > 0 ? x[0] : -1; /* 0 in the API means the default */
    o->glyph_unseen = x[1];
    o->glyph_new = x[2];
    return true;
}

/* Digits of a note mark as the superscripts the text reader takes for one
 * ("1" → "¹"); other marks as they are. */
static void S_write_note_mark(const char *label, vb_buf *out) {
    if (!vb_buf_put_superscript(out, label)) vb_buf_puts(out, label);
}

enum { S_EMPHASIS = VB_STYLE_BOLD | VB_STYLE_ITALIC | VB_STYLE_UNDERLINE };

/* The marks that take the written styles from `from` to `to`, in the form
 * the text reader reads back: * marks for bold and italic (one run of them
 * toggles both), tags for what was tagged, superscript and subscript. */
static void S_write_style_change(unsigned from, unsigned to, vb_buf *out) {
    static const struct { unsigned style; const char *open, *close; } tags[] = {
        {VB_STYLE_SUBSCRIPT, "<sub>", "</sub>"}, {VB_STYLE_SUPERSCRIPT, "<sup>", "</sup>"},
        {VB_STYLE_UNDERLINE, "<u>", "</u>"},     {VB_STYLE_ITALIC, "<i>", "</i>"},
        {VB_STYLE_BOLD, "<b>", "</b>"},
    };
    size_t ntags = sizeof tags / sizeof *tags;
    unsigned tagged_from = from & VB_STYLE_TAGGED ? S_EMPHASIS : VB_STYLE_UNDERLINE;
    unsigned tagged_to = to & VB_STYLE_TAGGED ? S_EMPHASIS : VB_STYLE_UNDERLINE;
    tagged_from |= VB_STYLE_SUPERSCRIPT | VB_STYLE_SUBSCRIPT;
    tagged_to |= VB_STYLE_SUPERSCRIPT | VB_STYLE_SUBSCRIPT;
    /* close tags, innermost first */
    for (size_t k = 0; k < ntags; k++) {
        unsigned st = tags[k].style;
        if ((from & st) && (from & tagged_from & st) && !((to & st) && (tagged_to & st)))
            vb_buf_puts(out, tags[k].close);
    }
    unsigned star_from = from & ~tagged_from & (VB_STYLE_BOLD | VB_STYLE_ITALIC);
    unsigned star_to = to & ~tagged_to & (VB_STYLE_BOLD | VB_STYLE_ITALIC);
    unsigned toggle = star_from ^ star_to;
    if (toggle == VB_STYLE_ITALIC) vb_buf_puts(out, "*");
    else if (toggle == VB_STYLE_BOLD) vb_buf_puts(out, "**");
    else if (toggle) vb_buf_puts(out, "***");
    /* open tags, outermost first */
    for (size_t k = ntags; k-- > 0;) {
        unsigned st = tags[k].style;
        if ((to & st) && (to & tagged_to & st) && !((from & st) && (tagged_from & st)))
            vb_buf_puts(out, tags[k].open);
    }
}

/* The written styles of a run: the ones its source gave with tags
 * (<sup>2</sup>, <i>...</i>).  Emphasis with * marks is not written back:
 * the text reader lets it run on over lines, as a damaged source leaves it
 * open, and repeating it would spread it. */
static unsigned S_written_style(const vb_run *r) {
    unsigned s = r->style & (VB_STYLE_SUPERSCRIPT | VB_STYLE_SUBSCRIPT | VB_STYLE_UNDERLINE);
    if (r->style & VB_STYLE_TAGGED) s |= r->style & (VB_STYLE_BOLD | VB_STYLE_ITALIC | VB_STYLE_TAGGED);
    return s;
}

static bool S_blank(const vb_run *r) {
    for (size_t i = 0; i < r->len; i++)
        if (r->text[i] != ' ') return false;
    return true;
}

static bool S_word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* The emphasis a text source gave a run with * marks, which is not
 * written back. */
static unsigned S_unwritten_emphasis(const vb_run *r) {
    return r->style & VB_STYLE_TAGGED ? 0 : r->style & (VB_STYLE_BOLD | VB_STYLE_ITALIC);
}

/* Whether run r, right after run prev, starts a word that only * marks kept
 * apart from the word before ("Phần II**KẾ HOẠCH": an export lost the line
 * break before a bold heading).  The marks are not written back, so a
 * space keeps the two words apart. */
static bool S_joined_by_dropped_marks(const vb_run *prev, const vb_run *r) {
    return prev && prev->kind == VB_RUN_TEXT && r->kind == VB_RUN_TEXT && prev->len && r->len &&
           S_unwritten_emphasis(prev) != S_unwritten_emphasis(r) &&
           S_word_byte((unsigned char)prev->text[prev->len - 1]) && S_word_byte((unsigned char)r->text[0]);
}

/* Runs as text, with the inline tags of a text source written back
 * (<sup>2</sup>, <i>...</i>); a Word document's formatting is not written.
 * Spaces between runs (where the layout joined printed lines) take no
 * style of their own: marks close before them and open after them. */
static void S_write_runs(const vb_run *r, bool marks, unsigned *open, bool close, vb_buf *out) {
    unsigned cur = *open;
    size_t pending = 0; /* spaces not yet written */
    for (const vb_run *prev = NULL; r; prev = r, r = r->next) {
        if (marks && !pending && S_joined_by_dropped_marks(prev, r)) pending = 1;
        if (marks && r->kind == VB_RUN_TEXT && r->len && S_blank(r)) {
            pending += r->len;
            continue;
        }
        if (marks && r->kind == VB_RUN_TEXT) {
            unsigned want = S_written_style(r);
            unsigned keep = cur & want;
            if (!(keep & S_EMPHASIS)) keep &= ~VB_STYLE_TAGGED;
            if ((cur & VB_STYLE_TAGGED) != (want & VB_STYLE_TAGGED)) keep = 0;
            if (keep != cur) S_write_style_change(cur, keep, out);
            for (; pending; pending--) vb_buf_putc(out, ' ');
            if (want != keep) S_write_style_change(keep, want, out);
            cur = want;
        }
        for (; pending; pending--) vb_buf_putc(out, ' ');
        switch (r->kind) {
        case VB_RUN_TEXT: vb_buf_append(out, r->text, r->len); break;
        case VB_RUN_NOTE_REF: S_write_note_mark(r->note_id ? r->note_id : "", out); break;
        case VB_RUN_BREAK: vb_buf_puts(out, "\n"); break;
        case VB_RUN_TAB: vb_buf_puts(out, "\t"); break;
        }
    }
    if (cur && close) {
        S_write_style_change(cur, 0, out);
        cur = 0;
    }
    for (; pending; pending--) vb_buf_putc(out, ' ');
    *open = cur;
}

/* Whether the text reader starts block b with no style left open from the
 * line before (see extract/text.c): after a blank line, in tables, at a
 * note or a heading. */
static bool S_style_reset_at(const vb_block *b) {
    while (b && b->kind == VB_BLOCK_PAGE_BREAK) b = b->next;
    return !b || b->kind != VB_BLOCK_PARAGRAPH || b->heading_hint ||
           !(b->flags & VB_BLOCK_NO_BLANK_BEFORE);
}

/* The repaired source as text. */
void vb_source_write_text(const vb_source *src, vb_buf *out) {
    bool first = true;
    bool marks = src->format && strcmp(src->format, "text") == 0;
    unsigned open = 0; /* styles left open at the end of the last line */
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
                        unsigned none = 0;
                        S_write_runs(p->runs, marks, &none, true, out);
                    }
                }
                vb_buf_puts(out, "\n");
            }
            continue;
        }
        if (b->kind == VB_BLOCK_NOTE && b->note_id) {
            S_write_note_mark(b->note_id, out);
            vb_buf_puts(out, " ");
        }
        /* a style the source left open runs on into the next line, as it
         * was written; it closes where the reader would drop it */
        S_write_runs(b->runs, marks, &open, S_style_reset_at(b->next), out);
        vb_buf_puts(out, "\n");
    }
}

static int S_repair_one(const char *path, const vb_pipeline_options *opts, bool report,
                        vb_buf *out) {
    char err[1024];
    unsigned char *data = NULL;
    size_t len = 0;
    size_t max = opts->extract.max_input_bytes ? opts->extract.max_input_bytes : ((size_t)512 << 20);
    vb_diags diags;
    vb_diags_init(&diags, NULL, path);
    int st = vb_read_file(path, max, &data, &len, &diags);
    vb_source *src = NULL;
    if (st == VB_OK) {
        st = vb_read_source(path, data, len, opts, &src, &diags);
        free(data);
    }
    if (st == VB_OK) st = vb_repair_source(src, opts, &diags);
    if (st != VB_OK) {
        vb_cli_error_text(&diags, err, sizeof err);
        vb_diags_free(&diags);
        fprintf(stderr, "vanban: error: %s\n", err);
        vb_source_free(src);
        return st;
    }
    vb_diags_free(&diags);
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
        {"report", no_argument, 0, 6},               {"model", required_argument, 0, 7},
        {"ocr", no_argument, 0, 8},                  {"ocr-dpi", required_argument, 0, 9},
        {"word-conf", required_argument, 0, 10},     {"glyph-conf", required_argument, 0, 11},
        {"help", no_argument, 0, 'h'},
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
        case 8: opts.extract.ocr = true; break;
        case 9:
            if (!vb_cli_parse_ocr_dpi(optarg, &opts.extract.ocr_dpi)) return 2;
            opts.extract.ocr = true;
            break;
        case 10:
            if (!S_parse_word_conf(optarg, &opts.normalize)) return 2;
            break;
        case 11:
            if (!S_parse_glyph_conf(optarg, &opts.normalize)) return 2;
            break;
        case 'h': fputs(REPAIR_USAGE, stdout); return 0;
        default: fputs(REPAIR_USAGE, stderr); return 2;
        }
    }
    opts.normalize.no_confidence = true; /* plain text out */
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
            vb_diags diags;
            vb_diags_init(&diags, NULL, output);
            if (vb_write_file_atomic(output, out.data ? out.data : "", out.len, &diags) != VB_OK) {
                vb_cli_error_text(&diags, err, sizeof err);
                fprintf(stderr, "vanban: error: %s\n", err);
                rc = 1;
            }
            vb_diags_free(&diags);
        }
    } else if (out.len) {
        fwrite(out.data, 1, out.len, stdout);
    }
    vb_buf_free(&out);
    vb_dia_model_free(model);
    return rc;
}
