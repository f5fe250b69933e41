/* vanban tables: the tables of documents as CSV files (RFC 4180), one per
 * table, or a list of them. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char TABLES_USAGE[] =
    "usage: vanban tables [OPTIONS] FILE...\n"
    "\n"
    "Lists the tables of each FILE (a text or .docx file), or with --csv writes each\n"
    "table as a CSV file (RFC 4180: UTF-8, comma-separated, CRLF line ends, fields\n"
    "quoted when they hold a comma, a quote or a line end) named after the file and\n"
    "the table's number: report.docx gives DIR/report-1.csv, DIR/report-2.csv...\n"
    "Header rows come first, as the document prints them; repeated header rows and\n"
    "rows a page break cut in two are already joined, as in the XML.\n"
    "\n"
    "options:\n"
    "      --csv DIR        write the CSV files into DIR (made if missing)\n"
    "      --spans MODE     a cell spanning several rows or columns: repeat (default)\n"
    "                       writes its text in every position it covers, empty in its\n"
    "                       first position only\n"
    "      --table N        only the N-th table (from 1); without --csv, written to\n"
    "                       standard output\n"
    "      --values         after each column, a column of the cells' typed values\n"
    "                       (0.79 for \"0,79\", 1500000 for \"1.500.000\"), headed\n"
    "                       value:TYPE (the column's type: integer, decimal...)\n"
    "      --from ENC       read text in this encoding instead of detecting it\n"
    "      --diacritics M   restore diacritics lost by OCR: auto (default), ocr, strip, off\n"
    "      --model DIR      the diacritics model (default: $VANBAN_MODEL, data/model)\n"
    "      --ocr            PDF: read pages whose text layer is missing or poor with Tesseract\n"
    "      --ocr-dpi N      render them at N dots per inch (default 300)\n"
    "  -h, --help           this text\n"
    "\n"
    "Without --csv, one line per table: the CSV name it would get, its rows and\n"
    "columns, and the line where it begins (tab-separated).\n"
    "\n"
    "Exit status: 0 when every file was read, 1 when any could not be read or\n"
    "written (the error names it), 2 on bad usage.\n";

/* The file name without directories and its last extension. */
static char *S_stem(const char *path) {
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (strcmp(path, "-") == 0) base = "stdin";
    char *s = strdup(base);
    if (!s) abort();
    char *dot = strrchr(s, '.');
    if (dot && dot != s) *dot = '\0';
    return s;
}

static void S_table_size(const vb_node *t, long *rows, long *cols) {
    *rows = *cols = 0;
    for (const vb_node *r = t->first_child; r; r = r->next, (*rows)++) {
        long c = 0;
        for (const vb_node *cell = r->first_child; cell; cell = cell->next)
            c += cell->as.cell.colspan > 1 ? cell->as.cell.colspan : 1;
        if (c > *cols) *cols = c;
    }
}

/* Lists or writes the tables of one document; returns 0 or 1 after saying
 * why. */
static int S_tables(const char *path, const vb_doc *doc, const char *dir, long only,
                    const vb_csv_options *o) {
    char *stem = S_stem(path);
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    int status = 0;
    long n = 0;
    vb_buf csv = {0}, name = {0};
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *t = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER || t->type != VB_NODE_TABLE) continue;
        n++;
        if (only && n != only) continue;
        vb_buf_clear(&name);
        if (dir) vb_buf_printf(&name, "%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
        vb_buf_printf(&name, "%s-%ld.csv", stem, n);
        if (!dir && !only) {
            long rows, cols;
            S_table_size(t, &rows, &cols);
            printf("%s\t%ld rows\t%ld columns\tline %d\n", name.data, rows, cols, t->line);
            continue;
        }
        vb_buf_clear(&csv);
        int st = vb_render_table_csv(t, o, &csv);
        if (st != VB_OK) {
            fprintf(stderr, "vanban: error: %s: table %ld (line %d): %s\n", path, n, t->line,
                    st == VB_ERR_LIMIT ? "too large to write as CSV" : vb_status_name(st));
            status = 1;
            continue;
        }
        if (!dir) {
            fwrite(csv.data ? csv.data : "", 1, csv.len, stdout);
            continue;
        }
        vb_diags diags;
        vb_diags_init(&diags, NULL, NULL);
        if (vb_write_file_atomic(name.data, csv.data ? csv.data : "", csv.len, &diags) != VB_OK) {
            char err[1024];
            vb_cli_error_text(&diags, err, sizeof err);
            fprintf(stderr, "vanban: error: %s: %s\n", path, err);
            status = 1;
        }
        vb_diags_free(&diags);
    }
    if (only && n < only) {
        fprintf(stderr, "vanban: error: %s: has %ld table%s, no table %ld\n", path, n, n == 1 ? "" : "s",
                only);
        status = 1;
    }
    vb_buf_free(&csv);
    vb_buf_free(&name);
    free(stem);
    return status;
}

int vb_cmd_tables(int argc, char **argv) {
    static const struct option longopts[] = {
        {"csv", required_argument, NULL, 'c'},   {"spans", required_argument, NULL, 's'},
        {"values", no_argument, NULL, 'v'},      {"from", required_argument, NULL, 'e'},
        {"diacritics", required_argument, NULL, 'D'}, {"model", required_argument, NULL, 'M'},
        {"table", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'},
        {"ocr", no_argument, NULL, 'O'},         {"ocr-dpi", required_argument, NULL, 'R'},
        {NULL, 0, NULL, 0}};
    long only = 0;
    const char *dir = NULL, *model_path = NULL;
    vb_csv_options copts = {VB_CSV_SPANS_REPEAT, false};
    vb_pipeline_options popts;
    vb_pipeline_options_default(&popts);
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'c': dir = optarg; break;
        case 's':
            if (strcmp(optarg, "repeat") == 0) copts.spans = VB_CSV_SPANS_REPEAT;
            else if (strcmp(optarg, "empty") == 0) copts.spans = VB_CSV_SPANS_EMPTY;
            else {
                fprintf(stderr, "vanban: --spans takes repeat or empty (not '%s')\n", optarg);
                return 2;
            }
            break;
        case 'v': copts.values = true; break;
        case 't': {
            char *end;
            only = strtol(optarg, &end, 10);
            if (*end || only < 1) {
                fprintf(stderr, "vanban: --table takes a table number from 1 (not '%s')\n", optarg);
                return 2;
            }
            break;
        }
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
        case 'h': fputs(TABLES_USAGE, stdout); return 0;
        default: fputs(TABLES_USAGE, stderr); return 2;
        }
    }
    if (optind >= argc) {
        fputs("vanban tables: no input given\n\n", stderr);
        fputs(TABLES_USAGE, stderr);
        return 2;
    }
    if (dir && !*dir) {
        fputs("vanban tables: --csv takes a directory\n", stderr);
        return 2;
    }
    if (dir && mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "vanban: error: %s: cannot create the output directory: %s\n", dir,
                strerror(errno));
        return 1;
    }
    popts.normalize.no_confidence = true;
    struct vb_dia_model *model = NULL;
    if (popts.normalize.diacritics != VB_DIACRITICS_OFF) {
        int mst = vb_cli_load_model(model_path, &popts.normalize, &model);
        if (mst) return mst;
    }
    int status = 0;
    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        vb_doc *doc = NULL;
        vb_diags diags;
        vb_diags_init(&diags, NULL, path);
        if (vb_convert_file(path, &popts, &doc, &diags) != VB_OK || !doc) {
            char err[1024];
            vb_cli_error_text(&diags, err, sizeof err);
            fprintf(stderr, "vanban: error: %s\n", err);
            vb_diags_free(&diags);
            status = 1;
            continue;
        }
        vb_diags_free(&diags);
        if (S_tables(path, doc, dir, only, &copts)) status = 1;
        vb_doc_free(doc);
    }
    vb_dia_model_free(model);
    return status;
}
