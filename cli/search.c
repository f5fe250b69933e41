/* vanban search: ranked full-text search of a corpus database. */
#include "cli.h"
#include "../corpus/corpus.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char SEARCH_USAGE[] =
    "usage: vanban search [OPTIONS] DB [QUERY]\n"
    "\n"
    "Finds the documents of DB (made by vanban index) that hold the words of QUERY\n"
    "anywhere (title, header, headings, body, tables; with three words or more, all\n"
    "but one in three), best first: those holding all, then by BM25 over fields\n"
    "(title > header fields, headings > body) plus the paragraph holding most of\n"
    "the query, words typed in a row counting more where they stand in a row.  Each\n"
    "hit shows that paragraph's section path and a snippet with the matches in [ ].\n"
    "A word typed without diacritics matches every accented form (quyet dinh finds\n"
    "Quyết định); a word typed with them matches exactly, tone placement aside (hoà =\n"
    "hòa).  \"a phrase\" matches words in order, word* matches a prefix, and AND, OR,\n"
    "NOT combine terms within one paragraph.  OCR forms that were repaired are\n"
    "found too.  A query matching nothing suggests the closest indexed words.\n"
    "Without QUERY, the filters alone select documents.\n"
    "\n"
    "options:\n"
    "      --type T         documents of this type: KH, QĐ, NĐ... or Kế hoạch\n"
    "      --authority A    issued by a body whose name contains these words\n"
    "      --year Y         dated in year Y\n"
    "      --cites CODE     documents that cite CODE (4668/QĐ-UBND)\n"
    "      --cited-by CODE  documents that the document numbered CODE cites\n"
    "      --lead A         documents with a task led by an agency named with these\n"
    "                       words (diacritics optional: --lead \"so y te\")\n"
    "      --partner A      documents with a task this agency takes part in\n"
    "      --deadline D     documents with a task due in year D (2026), in years\n"
    "                       2025-2027, by a month or day (2026-06), or of a kind:\n"
    "                       quarter, year, period, yearly, ongoing...\n"
    "      --task WORDS     documents with a task whose name or output has WORDS\n"
    "      --format F       text (default) or json\n"
    "  -n, --limit N        show N documents, 1 to 10000 (default 10)\n"
    "      --offset N       skip the first N documents\n"
    "  -h, --help           this text\n"
    "\n"
    "The task filters meet in one task (the task records of a plan's task table,\n"
    "see vanban convert), and each document lists the tasks that meet them.\n"
    "Every result also shows the counts of matching documents by type, year and\n"
    "authority.  Exit status: 0 when something matched, 1 when nothing did or the\n"
    "database failed, 2 on bad usage.\n";

/* A whole decimal number from min to max, or false (with a message). */
static bool S_number(const char *opt, const char *v, long min, long max, long *out) {
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end || errno || n < min || n > max || v[0] == '-' || v[0] == '+' ||
        v[0] == ' ') {
        fprintf(stderr, "vanban: %s takes a whole number from %ld to %ld\n", opt, min, max);
        return false;
    }
    *out = n;
    return true;
}

int vb_cmd_search(int argc, char **argv) {
    vb_search_query q = {0};
    bool json = false;
    static const struct option longopts[] = {
        {"type", required_argument, 0, 1},     {"authority", required_argument, 0, 2},
        {"year", required_argument, 0, 3},     {"cites", required_argument, 0, 4},
        {"cited-by", required_argument, 0, 5}, {"format", required_argument, 0, 6},
        {"limit", required_argument, 0, 'n'},  {"offset", required_argument, 0, 7},
        {"lead", required_argument, 0, 8},     {"partner", required_argument, 0, 9},
        {"deadline", required_argument, 0, 10}, {"task", required_argument, 0, 11},
        {"help", no_argument, 0, 'h'},         {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 1: q.type = optarg; break;
        case 2: q.authority = optarg; break;
        case 3: {
            long y;
            char *end;
            y = strtol(optarg, &end, 10);
            if (*end || end == optarg || optarg[0] < '0' || optarg[0] > '9' || y < 1000 || y > 9999) {
                fprintf(stderr, "vanban: --year takes a year such as 2024\n");
                return 2;
            }
            q.year = (int)y;
            break;
        }
        case 4: q.cites = optarg; break;
        case 5: q.cited_by = optarg; break;
        case 6:
            if (strcmp(optarg, "json") == 0) json = true;
            else if (strcmp(optarg, "text") != 0) {
                fprintf(stderr, "vanban: --format takes text or json\n");
                return 2;
            }
            break;
        case 'n':
        case 7: {
            long n;
            if (!S_number(c == 'n' ? "--limit" : "--offset", optarg, c == 'n' ? 1 : 0,
                          c == 'n' ? 10000 : 1000000000L, &n))
                return 2;
            if (c == 'n') q.limit = (size_t)n;
            else q.offset = (size_t)n;
            break;
        }
        case 8: q.lead = optarg; break;
        case 9: q.partner = optarg; break;
        case 10: q.deadline = optarg; break;
        case 11: q.task = optarg; break;
        case 'h': fputs(SEARCH_USAGE, stdout); return 0;
        default: fputs(SEARCH_USAGE, stderr); return 2;
        }
    }
    int nargs = argc - optind;
    if (nargs < 1 || nargs > 2) {
        fprintf(stderr, "vanban search: give a database and one query (quote it)\n\n%s", SEARCH_USAGE);
        return 2;
    }
    q.text = nargs == 2 ? argv[optind + 1] : "";
    if (!*q.text && !q.type && !q.authority && !q.year && !q.cites && !q.cited_by &&
        !vb_search_has_task_filter(&q)) {
        fprintf(stderr, "vanban search: give a query or a filter\n");
        return 2;
    }
    vb_corpus *corpus = vb_cli_open_corpus(argv[optind]);
    if (!corpus) return 1;
    vb_search_result r;
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    int st = vb_corpus_search(corpus, &q, &r, &diags);
    if (st != VB_OK) {
        char err[1024];
        vb_cli_error_text(&diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    } else {
        vb_buf out = {0};
        if (json) vb_search_write_json(&r, &out);
        else vb_search_write_text(&r, &out);
        fwrite(out.data, 1, out.len, stdout);
        vb_buf_free(&out);
    }
    vb_diags_free(&diags);
    size_t total = r.total;
    vb_search_result_free(&r);
    vb_corpus_close(corpus);
    return st == VB_ERR_USAGE ? 2 : st != VB_OK || total == 0 ? 1 : 0;
}
