/* vanban export: a corpus database as OpenSearch/Elasticsearch bulk data. */
#include "cli.h"
#include "../corpus/corpus.h"

#include <getopt.h>
#include <string.h>

static const char EXPORT_USAGE[] =
    "usage: vanban export --opensearch [--index NAME] DB > bulk.ndjson\n"
    "       vanban export --opensearch-mapping > mapping.json\n"
    "\n"
    "Writes the documents of DB in the bulk format of OpenSearch and Elasticsearch\n"
    "(an action line, then the document, per document) for loading with\n"
    "  curl -H 'Content-Type: application/x-ndjson' --data-binary @bulk.ndjson HOST/_bulk\n"
    "into an index created with the settings and mapping --opensearch-mapping prints\n"
    "(ICU analysis: a diacritic-folding analyzer and an exact one).\n"
    "\n"
    "options:\n"
    "      --opensearch          the bulk data (NDJSON) on standard output\n"
    "      --opensearch-mapping  the index settings and mapping (JSON)\n"
    "      --index NAME          the index named in the action lines (default vanban)\n"
    "  -h, --help                this text\n";

int vb_cmd_export(int argc, char **argv) {
    bool bulk = false, mapping = false;
    const char *index_name = "vanban";
    static const struct option longopts[] = {
        {"opensearch", no_argument, 0, 1}, {"opensearch-mapping", no_argument, 0, 2},
        {"index", required_argument, 0, 3}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 1: bulk = true; break;
        case 2: mapping = true; break;
        case 3: index_name = optarg; break;
        case 'h': fputs(EXPORT_USAGE, stdout); return 0;
        default: fputs(EXPORT_USAGE, stderr); return 2;
        }
    }
    if (mapping && !bulk && optind == argc) {
        fputs(vb_corpus_opensearch_mapping(), stdout);
        return 0;
    }
    if (!bulk || mapping || argc - optind != 1) {
        fprintf(stderr, "vanban export: give --opensearch and a database, or --opensearch-mapping\n\n%s",
                EXPORT_USAGE);
        return 2;
    }
    vb_corpus *corpus = vb_cli_open_corpus(argv[optind]);
    if (!corpus) return 1;
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    int st = vb_corpus_export_opensearch(corpus, index_name, stdout, &diags);
    vb_corpus_close(corpus);
    if (st == VB_OK && fflush(stdout) != 0)
        st = vb_diag_error(&diags, VB_ERR_IO, NULL, 0, 0, "io", "cannot write the export");
    if (st != VB_OK) {
        char err[1024];
        vb_cli_error_text(&diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    vb_diags_free(&diags);
    return st == VB_OK ? 0 : 1;
}
