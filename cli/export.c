/* vanban export: a corpus database as OpenSearch/Elasticsearch bulk data,
 * or as the TT 05/2025 record of a file. */
#include "cli.h"
#include "../corpus/corpus.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char EXPORT_USAGE[] =
    "usage: vanban export --opensearch [--index NAME] DB > bulk.ndjson\n"
    "       vanban export --opensearch-mapping > mapping.json\n"
    "       vanban export --ead [--record FILE] DB > EAD.xml\n"
    "\n"
    "Writes the documents of DB in the bulk format of OpenSearch and Elasticsearch\n"
    "(an action line, then the document, per document) for loading with\n"
    "  curl -H 'Content-Type: application/x-ndjson' --data-binary @bulk.ndjson HOST/_bulk\n"
    "into an index created with the settings and mapping --opensearch-mapping prints\n"
    "(ICU analysis: a diacritic-folding analyzer and an exact one).\n"
    "\n"
    "With --ead, writes DB as one file (hồ sơ) of Thông tư 05/2025/TT-BNV: the file's\n"
    "18 fields (totalDoc, startDate and endDate from the documents' dates, numberOfPage\n"
    "summed when every document has one, language and confidenceLevel when the\n"
    "documents agree; the others from --record), then each document's record\n"
    "(EAD_doc, as convert -f ead writes it).  Valid against schema/ead-file.rng.\n"
    "\n"
    "options:\n"
    "      --opensearch          the bulk data (NDJSON) on standard output\n"
    "      --opensearch-mapping  the index settings and mapping (JSON)\n"
    "      --index NAME          the index named in the action lines (default vanban)\n"
    "      --ead                 the TT 05/2025 record of the file (XML) on standard output\n"
    "      --record FILE         --ead: the file's fields no document tells (fileCode,\n"
    "                            title, maintenance, mode...), one FIELD=VALUE a line\n"
    "  -h, --help                this text\n";

/* An export's end: what was written must reach the file, and an error is
 * said on stderr. Returns the status. */
static int S_finish(int st, vb_diags *diags) {
    if (st == VB_OK && fflush(stdout) != 0)
        st = vb_diag_error(diags, VB_ERR_IO, NULL, 0, 0, "io", "cannot write the export");
    if (st != VB_OK) {
        char err[1024];
        vb_cli_error_text(diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    return st;
}

/* --ead [--record FILE] DB */
static int S_export_ead(const char *db, const char *record) {
    vb_ead_file_given given = {0};
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    int st = VB_OK;
    if (record) {
        unsigned char *data = NULL;
        size_t len = 0;
        st = vb_read_file(record, (size_t)1 << 20, &data, &len, &diags);
        if (st == VB_OK) st = vb_ead_file_given_read(record, (const char *)data, len, &given, &diags);
        free(data);
    }
    vb_corpus *corpus = NULL;
    if (st == VB_OK) {
        corpus = vb_cli_open_corpus(db);
        if (!corpus) {
            vb_ead_file_given_free(&given);
            vb_diags_free(&diags);
            return 1;
        }
        st = vb_corpus_export_ead(corpus, &given, stdout, &diags);
        vb_corpus_close(corpus);
    }
    st = S_finish(st, &diags);
    vb_ead_file_given_free(&given);
    vb_diags_free(&diags);
    return st == VB_OK ? 0 : st == VB_ERR_USAGE ? 2 : 1;
}

int vb_cmd_export(int argc, char **argv) {
    bool bulk = false, mapping = false, ead = false;
    const char *record = NULL;
    const char *index_name = "vanban";
    static const struct option longopts[] = {
        {"opensearch", no_argument, 0, 1}, {"opensearch-mapping", no_argument, 0, 2},
        {"index", required_argument, 0, 3}, {"help", no_argument, 0, 'h'},
        {"ead", no_argument, 0, 4},         {"record", required_argument, 0, 5}, {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 1: bulk = true; break;
        case 2: mapping = true; break;
        case 3: index_name = optarg; break;
        case 4: ead = true; break;
        case 5: record = optarg; break;
        case 'h': fputs(EXPORT_USAGE, stdout); return 0;
        default: fputs(EXPORT_USAGE, stderr); return 2;
        }
    }
    if (ead && !bulk && !mapping && argc - optind == 1) return S_export_ead(argv[optind], record);
    if (record && !ead) {
        fprintf(stderr, "vanban export: --record goes with --ead\n");
        return 2;
    }
    if (mapping && !bulk && !ead && optind == argc) {
        fputs(vb_corpus_opensearch_mapping(), stdout);
        return 0;
    }
    if (!bulk || mapping || ead || argc - optind != 1) {
        fprintf(stderr,
                "vanban export: give --opensearch or --ead and a database, or --opensearch-mapping\n\n%s",
                EXPORT_USAGE);
        return 2;
    }
    vb_corpus *corpus = vb_cli_open_corpus(argv[optind]);
    if (!corpus) return 1;
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    int st = vb_corpus_export_opensearch(corpus, index_name, stdout, &diags);
    vb_corpus_close(corpus);
    st = S_finish(st, &diags);
    vb_diags_free(&diags);
    return st == VB_OK ? 0 : 1;
}
