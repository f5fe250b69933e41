/* vanban: the command-line program. */
#include "cli.h"
#include "../corpus/corpus.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: vanban COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Turns Vietnamese administrative documents (Kế hoạch, Quyết định, Đề án, Báo cáo...)\n"
    "into structured XML, readable HTML or clean text.\n"
    "\n"
    "commands:\n"
    "  convert   convert documents to XML, HTML or text (files or whole directories)\n"
    "  repair    repair the text only (encodings, Unicode, layout, OCR diacritics)\n"
    "  check     check that the figures a document states twice agree (totals, words)\n"
    "  index     store documents in a searchable corpus database (SQLite)\n"
    "  search    search a corpus database: ranked hits, filters, facets, citations\n"
    "  site      write a static HTML site of a corpus, with an offline search page\n"
    "  export    write a corpus as OpenSearch/Elasticsearch bulk NDJSON, or as TT 05/2025\n"
    "            archive records (--ead)\n"
    "  tables    write the tables of documents as CSV files\n"
    "  blocks    show what the reader found in a document, block by block (debugging)\n"
    "\n"
    "Run 'vanban COMMAND --help' for the options of a command.\n"
    "  --help      this text\n"
    "  --version   the version\n";

bool vb_cli_parse_diacritics(const char *v, vb_diacritics_mode *mode) {
    if (strcmp(v, "auto") == 0) *mode = VB_DIACRITICS_AUTO;
    else if (strcmp(v, "ocr") == 0) *mode = VB_DIACRITICS_OCR;
    else if (strcmp(v, "strip") == 0) *mode = VB_DIACRITICS_STRIP;
    else if (strcmp(v, "confused") == 0) *mode = VB_DIACRITICS_CONFUSED;
    else if (strcmp(v, "off") == 0) *mode = VB_DIACRITICS_OFF;
    else {
        fprintf(stderr, "vanban: --diacritics takes auto, ocr, confused, strip or off (not '%s')\n", v);
        return false;
    }
    return true;
}

struct vb_corpus *vb_cli_open_corpus(const char *path) {
    vb_corpus *corpus = NULL;
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    if (vb_corpus_open(path, VB_CORPUS_READ, 0, &corpus, &diags) != VB_OK) {
        char err[1024];
        vb_cli_error_text(&diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    vb_diags_free(&diags);
    return corpus;
}

bool vb_cli_parse_jobs(const char *v, long *jobs) {
    long n = strtol(v, NULL, 10);
    if (n < 1 || n > 256) {
        fprintf(stderr, "vanban: -j takes a number from 1 to 256\n");
        return false;
    }
    *jobs = n;
    return true;
}

bool vb_cli_parse_ocr_dpi(const char *v, int *dpi) {
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 70 || n > 1200) {
        fprintf(stderr, "vanban: --ocr-dpi takes a resolution from 70 to 1200 dots per inch\n");
        return false;
    }
    *dpi = (int)n;
    return true;
}

/* Standard output is checked once every command is done, as coreutils'
 * close_stdout does: a full disk or a closed pipe found only when the
 * buffer is flushed is a failure, not a success with a truncated output.
 * A command that already failed said why; its status stands. */
static int S_close_stdout(int status) {
    int e = 0;
    if (fflush(stdout) != 0) e = errno ? errno : EIO;
    else if (ferror(stdout)) e = EIO;
    if (fclose(stdout) != 0 && !e && errno != EBADF) e = errno;
    if (e && status == 0) {
        fprintf(stderr, "vanban: write error: %s\n", strerror(e));
        return 1;
    }
    return status;
}

static int S_run(int argc, char **argv) {
    if (argc < 2) {
        fputs(USAGE, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("vanban %s\n", VB_VERSION);
        return 0;
    }
    if (strcmp(cmd, "convert") == 0) return vb_cmd_convert(argc - 1, argv + 1);
    if (strcmp(cmd, "repair") == 0) return vb_cmd_repair(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0) return vb_cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "index") == 0) return vb_cmd_index(argc - 1, argv + 1);
    if (strcmp(cmd, "search") == 0) return vb_cmd_search(argc - 1, argv + 1);
    if (strcmp(cmd, "site") == 0) return vb_cmd_site(argc - 1, argv + 1);
    if (strcmp(cmd, "export") == 0) return vb_cmd_export(argc - 1, argv + 1);
    if (strcmp(cmd, "tables") == 0) return vb_cmd_tables(argc - 1, argv + 1);
    if (strcmp(cmd, "blocks") == 0) return vb_cmd_blocks(argc - 1, argv + 1);
    fprintf(stderr, "vanban: unknown command '%s'\n\n%s", cmd, USAGE);
    return 2;
}

void vb_cli_error_text(const vb_diags *diags, char *err, size_t errlen) {
    const vb_diag *g = vb_diags_first_error(diags);
    vb_buf b = {0};
    if (g) vb_diag_message(diags, g, &b);
    snprintf(err, errlen, "%s", b.data ? b.data : "unknown error");
    vb_buf_free(&b);
}

int main(int argc, char **argv) { return S_close_stdout(S_run(argc, argv)); }
