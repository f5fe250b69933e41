/* vanban index: convert documents (or read their XML) into a corpus database. */
#include "cli.h"
#include "../corpus/corpus.h"

#include <getopt.h>
#include <stdlib.h>
#include <unistd.h>

static const char INDEX_USAGE[] =
    "usage: vanban index [OPTIONS] DB INPUT...\n"
    "\n"
    "Stores each INPUT (a text, .docx or vanban .xml file, or a directory searched for\n"
    "them) in the SQLite database DB, created when missing: metadata, sections,\n"
    "paragraphs, tables, amounts, dates, references, repairs and a full-text index.\n"
    "A file already stored with the same checksum is skipped; a changed file replaces\n"
    "its old version; a file that fails to convert is stored as failed with its error.\n"
    "Each document is one transaction: an interrupted run loses at most the documents\n"
    "in flight, and running it again completes it.\n"
    "\n"
    "options:\n"
    "  -j, --jobs N         convert N files at once (default: number of processors)\n"
    "      --force          re-index files whose checksum did not change\n"
    "      --prune          remove stored documents below the inputs whose file is gone\n"
    "      --busy-timeout MS  wait this long for a database another process holds (5000)\n"
    "      --diacritics M   restore diacritics lost by OCR: auto (default), ocr, confused, strip, off\n"
    "      --model DIR      the diacritics model (default: $VANBAN_MODEL, data/model)\n"
    "      --ocr            PDF: read pages whose text layer is missing or poor with Tesseract\n"
    "      --ocr-dpi N      render them at N dots per inch (default 300)\n"
    "  -q, --quiet          no progress line and no summary\n"
    "  -h, --help           this text\n"
    "\n"
    "Exit status: 0 when every file was stored, 1 when any failed to convert or the\n"
    "database failed, 2 on bad usage.\n";

int vb_cmd_index(int argc, char **argv) {
    vb_index_options opts;
    vb_index_options_default(&opts);
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    bool quiet = false;
    int busy_ms = 0;
    const char *model_path = NULL;
    static const struct option longopts[] = {
        {"jobs", required_argument, 0, 'j'},     {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},           {"force", no_argument, 0, 1},
        {"busy-timeout", required_argument, 0, 2}, {"diacritics", required_argument, 0, 3},
        {"model", required_argument, 0, 4},      {"prune", no_argument, 0, 5},
        {"ocr", no_argument, 0, 6},              {"ocr-dpi", required_argument, 0, 7},
        {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (!vb_cli_parse_jobs(optarg, &jobs)) return 2;
            break;
        case 'q': quiet = true; break;
        case 'h': fputs(INDEX_USAGE, stdout); return 0;
        case 1: opts.force = true; break;
        case 2: busy_ms = atoi(optarg); break;
        case 3:
            if (!vb_cli_parse_diacritics(optarg, &opts.pipeline.normalize.diacritics)) return 2;
            break;
        case 4: model_path = optarg; break;
        case 5: opts.prune = true; break;
        case 6: opts.pipeline.extract.ocr = true; break;
        case 7:
            if (!vb_cli_parse_ocr_dpi(optarg, &opts.pipeline.extract.ocr_dpi)) return 2;
            opts.pipeline.extract.ocr = true;
            break;
        default: fputs(INDEX_USAGE, stderr); return 2;
        }
    }
    if (argc - optind < 2) {
        fprintf(stderr, "vanban index: give a database and at least one input\n\n%s", INDEX_USAGE);
        return 2;
    }
    opts.jobs = jobs > 0 ? (int)jobs : 1;
    opts.progress = !quiet && isatty(2);
    struct vb_dia_model *model = NULL;
    int mst = vb_cli_load_model(model_path, &opts.pipeline.normalize, &model);
    if (mst) return mst;
    char err[1024];
    vb_corpus *corpus = NULL;
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    if (vb_corpus_open(argv[optind], VB_CORPUS_WRITE, busy_ms, &corpus, &diags) != VB_OK) {
        vb_cli_error_text(&diags, err, sizeof err);
        vb_diags_free(&diags);
        fprintf(stderr, "vanban: error: %s\n", err);
        vb_dia_model_free(model);
        return 1;
    }
    vb_index_stats stats;
    int st = vb_corpus_index(corpus, argv + optind + 1, (size_t)(argc - optind - 1), &opts, &stats,
                             &diags);
    vb_corpus_close(corpus);
    vb_dia_model_free(model);
    if (st != VB_OK) {
        vb_cli_error_text(&diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    vb_diags_free(&diags);
    if (!quiet)
        fprintf(stderr, "vanban index: %zu files: %zu indexed, %zu unchanged, %zu duplicate, %zu failed%s",
                stats.inputs, stats.indexed, stats.unchanged, stats.duplicates, stats.failed,
                opts.prune ? "" : "\n");
    if (!quiet && opts.prune) fprintf(stderr, "; %zu removed\n", stats.removed);
    return st != VB_OK || stats.failed ? 1 : 0;
}
