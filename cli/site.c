/* vanban site: a static HTML site of a corpus database. */
#include "cli.h"
#include "../corpus/corpus.h"

#include <getopt.h>

static const char SITE_USAGE[] =
    "usage: vanban site DB OUTDIR\n"
    "\n"
    "Writes a static site of the documents of DB into OUTDIR, to publish or burn to a\n"
    "disc: index.html lists them by year, type and issuing authority, doc/ID.html is\n"
    "each document's page, and search.html searches them in the browser with no\n"
    "server (search.js and the compact index search-index.js beside it); words typed\n"
    "without diacritics find the accented ones.\n"
    "\n"
    "options:\n"
    "  -h, --help   this text\n";

int vb_cmd_site(int argc, char **argv) {
    static const struct option longopts[] = {{"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (c == 'h') {
            fputs(SITE_USAGE, stdout);
            return 0;
        }
        fputs(SITE_USAGE, stderr);
        return 2;
    }
    if (argc - optind != 2) {
        fprintf(stderr, "vanban site: give a database and an output directory\n\n%s", SITE_USAGE);
        return 2;
    }
    vb_corpus *corpus = vb_cli_open_corpus(argv[optind]);
    if (!corpus) return 1;
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    int st = vb_corpus_site(corpus, argv[optind + 1], &diags);
    vb_corpus_close(corpus);
    if (st != VB_OK) {
        char err[1024];
        vb_cli_error_text(&diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    vb_diags_free(&diags);
    return st == VB_OK ? 0 : 1;
}
