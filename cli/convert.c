/* vanban convert: files or directory trees, on N threads, outputs written
 * atomically, one error line per failed file and a summary. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The usage text; the formats are listed from the format table. */
static const char CONVERT_USAGE_HEAD[] =
    "usage: vanban convert [OPTIONS] INPUT...\n"
    "\n"
    "Converts each INPUT (a text or .docx file, a PDF with a text layer, an hOCR\n"
    "or ALTO file of an OCR engine, '-' for standard input, or a directory)\n"
    "to %s.  The kind of input is read from its content.\n"
    "Directories are searched for .txt, .text, .md, .docx, .doc, .pdf and .hocr\n"
    "files; the output directory mirrors their tree.  Symbolic links are\n"
    "followed, but each directory and file is taken once, a link back to a parent\n"
    "directory is reported and not followed, and the output directory is not searched.\n"
    "Inputs whose outputs would share a name keep their source extension (a.txt.xml,\n"
    "a.docx.xml); when two would still write one file, the later is not converted.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT     %s; several separated by commas\n";
static const char CONVERT_USAGE_TAIL[] =
    "  -o, --output PATH    output file, or directory for several inputs (default:\n"
    "                       standard output for one file, required for directories)\n"
    "  -j, --jobs N         convert N files at once (default: number of processors)\n"
    "      --from ENC       read text in this encoding instead of detecting it\n"
    "      --diacritics M   restore diacritics lost by OCR: auto (default), ocr, confused, strip, off\n"
    "      --min-confidence P  leave repairs below P undone, marked for review (default 0)\n"
    "      --model DIR      the diacritics model (default: $VANBAN_MODEL, data/model)\n"
    "      --no-data        leave figures, dates and references as plain text (no\n"
    "                       data elements, typed cells, task records or checks)\n"
    "      --ocr            PDF: read the pages whose text layer is missing or poor\n"
    "                       again from their image with Tesseract's Vietnamese model\n"
    "      --ocr-dpi N      render those pages at N dots per inch (default 300)\n"
    "      --keep-deletions DOCX: keep text deleted with tracked changes, marked as\n"
    "                       deleted (<del>); by default only the accepted text is kept\n"
    "      --record FILE    ead: the record fields no document tells (maintenance,\n"
    "                       docCode, mode, format...), one FIELD=VALUE a line\n"
    "      --max-pages N    refuse a PDF, hOCR or ALTO file of more than N pages\n"
    "                       (default 2000)\n"
    "      --list-formats   list the output formats, one a line: name, file extension,\n"
    "                       MIME type (tab-separated), and exit\n"
    "  -q, --quiet          no progress line and no summary\n"
    "  -h, --help           this text\n"
    "\n"
    "Exit status: 0 when every file converted, 1 when any failed, 2 on bad usage.\n"
    "Outputs are written to a temporary file and renamed, so a failed or interrupted\n"
    "conversion never leaves a partial file.\n";

/* The format written when -f is not given. */
#define DEFAULT_FORMAT VB_FORMAT_XML

/* Every format of the table as "a, b or c", each by its name, or by its
 * title when titles is set; with mark_default, " (default)" follows the
 * default format. */
static void S_format_list(vb_buf *out, bool titles, bool mark_default) {
    size_t n = vb_format_count();
    for (size_t i = 0; i < n; i++) {
        const vb_format_info *fi = vb_format_info_at(i);
        if (i) vb_buf_puts(out, i + 1 == n ? " or " : ", ");
        vb_buf_puts(out, titles ? fi->title : fi->name);
        if (mark_default && fi->format == DEFAULT_FORMAT) vb_buf_puts(out, " (default)");
    }
}

static void S_usage(FILE *f) {
    vb_buf titles = {0}, names = {0};
    S_format_list(&titles, true, false);
    S_format_list(&names, false, true);
    fprintf(f, CONVERT_USAGE_HEAD, titles.data, names.data);
    fputs(CONVERT_USAGE_TAIL, f);
    vb_buf_free(&titles);
    vb_buf_free(&names);
}

typedef struct {
    char *input;  /* path to read */
    char *output; /* path to write (without extension when several formats) */
    bool failed;
} job;

typedef struct {
    job *jobs;
    size_t njobs;
    vb_format *formats; /* vb_format_count() of room */
    size_t nformats;
    bool add_extension;
    vb_pipeline_options popts;
    vb_render_options ropts;
    atomic_size_t next;
    pthread_mutex_t lock;
    size_t done, failed;
    bool progress;
    time_t started;
} batch;

static bool S_has_doc_extension(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot) return false;
    static const char *const exts[] = {".txt", ".text", ".md", ".docx", ".doc", ".pdf", ".hocr"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot, exts[i]) == 0) return true;
    return false;
}

static char *S_join(const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    char *p = malloc(la + lb + 2);
    if (!p) abort();
    memcpy(p, a, la);
    size_t k = la;
    if (la && a[la - 1] != '/') p[k++] = '/';
    memcpy(p + k, b, lb + 1);
    return p;
}

static char *S_strip_extension(const char *path) {
    char *p = strdup(path);
    if (!p) abort();
    char *slash = strrchr(p, '/');
    char *dot = strrchr(p, '.');
    if (dot && (!slash || dot > slash) && dot != p && (!slash || dot > slash + 1)) *dot = '\0';
    return p;
}

static int S_compare_outputs(const void *a, const void *b) {
    const job *x = *(const job *const *)a, *y = *(const job *const *)b;
    int c = strcmp(x->output, y->output);
    return c ? c : (x < y ? -1 : x > y);
}

/* The jobs in the order of their output names (ties in list order), to find
 * the ones that would write one file. */
static job **S_by_output(job *jobs, size_t n) {
    job **order = malloc((n ? n : 1) * sizeof *order);
    if (!order) abort();
    for (size_t i = 0; i < n; i++) order[i] = &jobs[i];
    qsort(order, n, sizeof *order, S_compare_outputs);
    return order;
}

static bool S_same_output(const job *a, const job *b) {
    return strcmp(a->output, "-") != 0 && strcmp(a->output, b->output) == 0;
}

/* "a.txt" and "a.docx" in one directory would both write "a.xml": such
 * outputs keep the source extension ("a.txt.xml", "a.docx.xml") so that
 * no result silently replaces another. */
static void S_disambiguate_outputs(job *jobs, size_t n) {
    job **order = S_by_output(jobs, n);
    bool *clash = calloc(n ? n : 1, sizeof *clash);
    if (!clash) abort();
    for (size_t k = 1; k < n; k++)
        if (S_same_output(order[k - 1], order[k]))
            clash[order[k - 1] - jobs] = clash[order[k] - jobs] = true;
    free(order);
    for (size_t i = 0; i < n; i++) {
        if (!clash[i]) continue;
        const char *slash = strrchr(jobs[i].input, '/');
        const char *dot = strrchr(slash ? slash : jobs[i].input, '.');
        if (!dot) continue;
        size_t len = strlen(jobs[i].output) + strlen(dot) + 1;
        char *renamed = malloc(len);
        if (!renamed) abort();
        snprintf(renamed, len, "%s%s", jobs[i].output, dot);
        free(jobs[i].output);
        jobs[i].output = renamed;
    }
    free(clash);
}

/* The final output names, checked before anything is written: when two
 * inputs would still write one file ("d1/a.txt" and "d2/a.txt"; "a.txt"
 * renamed to "a.txt.xml" beside "a.txt.docx"), the first in the list is
 * converted and each later one is refused with an error naming both, as
 * cp(1) refuses to overwrite a file it has just created.  Returns the
 * number refused; they are taken out of the list. */
static size_t S_refuse_clashes(job *jobs, size_t *n, const char *ext) {
    job **order = S_by_output(jobs, *n);
    bool *refused = calloc(*n ? *n : 1, sizeof *refused);
    if (!refused) abort();
    size_t nrefused = 0;
    for (size_t k = 1; k < *n; k++) {
        if (!S_same_output(order[k - 1], order[k])) continue;
        size_t first = k - 1;
        while (first > 0 && S_same_output(order[first - 1], order[k])) first--;
        fprintf(stderr, "vanban: error: %s: not converted: its output %s%s%s is also %s's; "
                "rename one of them or convert them separately\n",
                order[k]->input, order[k]->output, *ext ? "." : "", ext, order[first]->input);
        refused[order[k] - jobs] = true;
        nrefused++;
    }
    free(order);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if (refused[i]) {
            free(jobs[i].input);
            free(jobs[i].output);
        } else {
            jobs[kept++] = jobs[i];
        }
    }
    *n = kept;
    free(refused);
    return nrefused;
}

static void S_add_job(job **jobs, size_t *n, size_t *cap, char *input, char *output) {
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        job *grown = realloc(*jobs, *cap * sizeof **jobs);
        if (!grown) abort();
        *jobs = grown;
    }
    (*jobs)[(*n)++] = (job){input, output, false};
}

static int S_compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory walk: the documents found, and what it met on the way.  It
 * follows symbolic links as the user's tree shows them, but takes each
 * directory and file once by identity (st_dev, st_ino), the way find(1) and
 * cp(1) do: a link back to a directory on the walk's own path is a loop,
 * reported and not entered; a directory or file met again under another
 * name is not taken twice.  The output directory is never searched. */
typedef struct {
    const char *outdir;
    job **jobs;
    size_t *n, *cap;
    size_t skipped;    /* files that are not documents */
    size_t errors;     /* directories or documents that could not be read */
    vb_file_set seen;  /* directories and documents taken */
    bool has_out;      /* the output directory exists: out_dev, out_ino */
    uint64_t out_dev, out_ino;
} walker;

/* the directories from the top of the walk down to the one being read */
typedef struct walk_dir {
    uint64_t dev, ino;
    const struct walk_dir *up;
} walk_dir;

/* Collects the documents below dir, in a stable (sorted) order. */
static void S_walk(walker *w, const char *dir, const char *rel, const walk_dir *here) {
    char *path = rel[0] ? S_join(dir, rel) : strdup(dir);
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "vanban: error: %s: cannot read directory: %s\n", path, strerror(errno));
        w->errors++;
        free(path);
        return;
    }
    char **names = NULL;
    size_t nn = 0, nc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (nn == nc) {
            nc = nc ? nc * 2 : 32;
            char **g = realloc(names, nc * sizeof *names);
            if (!g) abort();
            names = g;
        }
        names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, S_compare_names);
    for (size_t i = 0; i < nn; i++) {
        char *child_rel = rel[0] ? S_join(rel, names[i]) : strdup(names[i]);
        char *child = S_join(dir, child_rel);
        struct stat st;
        if (stat(child, &st) != 0) {
            /* a dangling link, or one that points at itself */
            if (S_has_doc_extension(names[i])) {
                fprintf(stderr, "vanban: error: %s: %s\n", child, strerror(errno));
                w->errors++;
            } else {
                w->skipped++;
            }
            free(child);
        } else if (S_ISDIR(st.st_mode)) {
            const walk_dir *a = here;
            while (a && !(a->dev == (uint64_t)st.st_dev && a->ino == (uint64_t)st.st_ino)) a = a->up;
            if (a) {
                fprintf(stderr, "vanban: warning: %s: file system loop detected (a link to a "
                        "directory that contains it); not entered\n", child);
            } else if (!(w->has_out && w->out_dev == (uint64_t)st.st_dev &&
                         w->out_ino == (uint64_t)st.st_ino) &&
                       vb_file_set_add(&w->seen, (uint64_t)st.st_dev, (uint64_t)st.st_ino)) {
                walk_dir sub = {(uint64_t)st.st_dev, (uint64_t)st.st_ino, here};
                S_walk(w, dir, child_rel, &sub);
            }
            free(child);
        } else if (S_ISREG(st.st_mode) && S_has_doc_extension(names[i])) {
            if (vb_file_set_add(&w->seen, (uint64_t)st.st_dev, (uint64_t)st.st_ino)) {
                char *stem = S_strip_extension(child_rel);
                S_add_job(w->jobs, w->n, w->cap, child, S_join(w->outdir, stem));
                free(stem);
            } else {
                free(child); /* met before under another name */
            }
        } else {
            w->skipped++;
            free(child);
        }
        free(child_rel);
        free(names[i]);
    }
    free(names);
    free(path);
}

static int S_mkdirs_for(const char *file) {
    char *p = strdup(file);
    if (!p) abort();
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

static void S_progress(batch *b, bool final) {
    if (!b->progress) return;
    fprintf(stderr, "\r\033[K%zu/%zu converted, %zu failed, %lds", b->done, b->njobs, b->failed,
            (long)(time(NULL) - b->started));
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* An output being written: rendering streams into it, so a large document
 * is never held whole.  A regular file is written under a temporary name
 * and renamed when complete; standard output and special files (a device
 * such as /dev/null, a pipe) are written in place, never replaced. */
typedef struct {
    FILE *f;
    const char *path;
    char *tmp;  /* temporary name, or NULL when writing in place */
    bool unnamed; /* an O_TMPFILE file, given its name when complete */
    int error;  /* errno of the first failed write, 0 if none */
} out_stream;

static int S_sink(void *ctx, const char *data, size_t len) {
    out_stream *o = ctx;
    if (o->error) return -1;
    if (fwrite(data, 1, len, o->f) != len) {
        o->error = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

static int S_out_open(out_stream *o, const char *path, char *err, size_t errlen) {
    memset(o, 0, sizeof *o);
    o->path = path;
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        return VB_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->f = fopen(path, "w");
        if (!o->f) goto fail;
        return VB_OK;
    }
    if (S_mkdirs_for(path) != 0) {
        snprintf(err, errlen, "%s: cannot create its directory: %s", path, strerror(errno));
        return VB_ERR_IO;
    }
#ifdef O_TMPFILE
    /* An unnamed file in the output's directory, named only once complete
     * (linkat, then rename over the output): a process killed while writing
     * leaves nothing behind.  Without /proc to link it from, a named
     * temporary file as below. */
    if (access("/proc/self/fd", X_OK) == 0) {
        char *dir = strdup(path);
        if (!dir) abort();
        char *slash = strrchr(dir, '/');
        if (!slash) strcpy(dir, ".");
        else if (slash == dir) slash[1] = '\0';
        else *slash = '\0';
        int tfd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
        free(dir);
        if (tfd >= 0) {
            if ((o->f = fdopen(tfd, "w"))) {
                fchmod(tfd, 0644);
                o->unnamed = true;
                return VB_OK;
            }
            close(tfd);
        }
    }
#endif
    size_t n = strlen(path) + 16;
    o->tmp = malloc(n);
    if (!o->tmp) abort();
    snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        if (fd >= 0) close(fd), unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        goto fail;
    }
    fchmod(fd, 0644);
    return VB_OK;
fail:
    snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
    return VB_ERR_IO;
}

/* Finishes the output: renamed into place when complete, removed when not. */
static int S_out_close(out_stream *o, bool complete, char *err, size_t errlen) {
    int st = VB_OK;
    if (fflush(o->f) != 0 && !o->error) o->error = errno ? errno : EIO;
    if (o->unnamed && !o->error && complete) {
        /* linked under a temporary name, then renamed over the output */
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fileno(o->f));
        size_t n = strlen(o->path) + 48;
        char *tmp = malloc(n);
        if (!tmp) abort();
        int lrc = -1;
        for (int k = 0; k < 100 && lrc != 0; k++) {
            snprintf(tmp, n, "%s.tmp%ld-%d-%d", o->path, (long)getpid(), fileno(o->f), k);
            lrc = linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW);
            if (lrc != 0 && errno != EEXIST) break;
        }
        if (lrc != 0 || rename(tmp, o->path) != 0) {
            snprintf(err, errlen, "%s: cannot write: %s", o->path, strerror(errno));
            st = VB_ERR_IO;
            if (lrc == 0) unlink(tmp);
        }
        free(tmp);
    }
    if (o->f != stdout && fclose(o->f) != 0 && !o->error) o->error = errno ? errno : EIO;
    if (o->error) {
        snprintf(err, errlen, "%s: write error: %s", o->path, strerror(o->error));
        st = VB_ERR_IO;
    }
    if (o->tmp) {
        if (st == VB_OK && complete && rename(o->tmp, o->path) != 0) {
            snprintf(err, errlen, "%s: cannot write: %s", o->path, strerror(errno));
            st = VB_ERR_IO;
        }
        if (st != VB_OK || !complete) unlink(o->tmp);
        free(o->tmp);
    }
    return st;
}

static void S_convert_one(batch *b, job *j) {
    char err[1024] = "";
    vb_doc *doc = NULL;
    vb_diags diags;
    vb_diags_init(&diags, NULL, j->input);
    int st = vb_convert_file(j->input, &b->popts, &doc, &diags);
    if (st != VB_OK) vb_cli_error_text(&diags, err, sizeof err);
    vb_diags_free(&diags);
    for (size_t f = 0; st == VB_OK && f < b->nformats; f++) {
        const char *path = b->add_extension
                               ? vb_arena_printf(doc->arena, "%s.%s", j->output,
                                                 vb_format_extension(b->formats[f]))
                               : j->output;
        out_stream o;
        st = S_out_open(&o, path, err, sizeof err);
        if (st != VB_OK) break;
        vb_render_options ropts = b->ropts;
        ropts.sink = S_sink;
        ropts.sink_ctx = &o;
        vb_buf tail = {0};
        int rst = vb_render(doc, b->formats[f], &ropts, &tail);
        vb_buf_free(&tail);
        st = S_out_close(&o, rst == VB_OK, err, sizeof err);
        if (rst != VB_OK) {
            snprintf(err, sizeof err, "%s: cannot render %s", j->input,
                     vb_format_extension(b->formats[f]));
            st = rst;
        }
    }
    pthread_mutex_lock(&b->lock);
    if (doc) {
        if (b->progress) fputs("\r\033[K", stderr);
        vb_diags_print(&doc->source->diags, VB_WARNING, stderr);
    }
    b->done++;
    if (st != VB_OK) {
        j->failed = true;
        b->failed++;
        if (b->progress) fputs("\r\033[K", stderr);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    S_progress(b, false);
    pthread_mutex_unlock(&b->lock);
    vb_doc_free(doc);
}

static void *S_worker(void *arg) {
    batch *b = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->njobs) break;
        S_convert_one(b, &b->jobs[i]);
    }
    return NULL;
}

static bool S_parse_formats(const char *list, batch *b) {
    char *copy = strdup(list), *save = NULL;
    if (!copy) abort();
    b->nformats = 0;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        const vb_format_info *fi = vb_format_find(t);
        if (!fi) {
            vb_buf names = {0};
            S_format_list(&names, false, false);
            fprintf(stderr, "vanban: unknown format '%s' (use %s)\n", t, names.data);
            vb_buf_free(&names);
            free(copy);
            return false;
        }
        if (b->nformats == vb_format_count()) {
            fprintf(stderr, "vanban: -f names more formats than the %zu there are\n",
                    vb_format_count());
            free(copy);
            return false;
        }
        b->formats[b->nformats++] = fi->format;
    }
    free(copy);
    return b->nformats > 0;
}

static void S_list_formats(void) {
    for (size_t i = 0; i < vb_format_count(); i++) {
        const vb_format_info *fi = vb_format_info_at(i);
        printf("%s\t%s\t%s\n", fi->name, fi->extension, fi->mime_type);
    }
}

/* formats: room for vb_format_count() */
/* --record FILE: the EAD fields the user gives; returns false after saying why. */
static bool S_read_record(const char *path, vb_ead_given *given) {
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    unsigned char *data = NULL;
    size_t len = 0;
    int st = vb_read_file(path, (size_t)1 << 20, &data, &len, &diags);
    if (st == VB_OK) st = vb_ead_given_read(path, (const char *)data, len, given, &diags);
    free(data);
    if (st != VB_OK) {
        char err[1024];
        vb_cli_error_text(&diags, err, sizeof err);
        fprintf(stderr, "vanban: error: %s\n", err);
    }
    vb_diags_free(&diags);
    return st == VB_OK;
}

static int S_convert(int argc, char **argv, vb_format *formats, vb_ead_given *given) {
    batch b;
    memset(&b, 0, sizeof b);
    vb_pipeline_options_default(&b.popts);
    vb_render_options_default(&b.ropts);
    b.formats = formats;
    b.formats[0] = DEFAULT_FORMAT;
    b.nformats = 1;
    const char *output = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    bool quiet = false;
    const char *model_path = NULL;
    static const struct option longopts[] = {
        {"format", required_argument, 0, 'f'}, {"output", required_argument, 0, 'o'},
        {"jobs", required_argument, 0, 'j'},   {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},         {"from", required_argument, 0, 1},
        {"diacritics", required_argument, 0, 2}, {"min-confidence", required_argument, 0, 3},
        {"model", required_argument, 0, 4},   {"no-data", no_argument, 0, 5},
        {"keep-deletions", no_argument, 0, 6}, {"list-formats", no_argument, 0, 7},
        {"record", required_argument, 0, 8},
        {"ocr", no_argument, 0, 9}, {"ocr-dpi", required_argument, 0, 10},
        {"max-pages", required_argument, 0, 20},
        {0, 0, 0, 0}};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "f:o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!S_parse_formats(optarg, &b)) return 2;
            break;
        case 'o': output = optarg; break;
        case 'j':
            if (!vb_cli_parse_jobs(optarg, &jobs)) return 2;
            break;
        case 'q': quiet = true; break;
        case 'h': S_usage(stdout); return 0;
        case 1: b.popts.normalize.from_encoding = optarg; break;
        case 2:
            if (!vb_cli_parse_diacritics(optarg, &b.popts.normalize.diacritics)) return 2;
            break;
        case 3: {
            char *end;
            double p = strtod(optarg, &end);
            if (*end || p < 0 || p > 1) {
                fprintf(stderr, "vanban: --min-confidence takes a probability from 0 to 1\n");
                return 2;
            }
            b.popts.normalize.min_confidence = p;
            break;
        }
        case 4: model_path = optarg; break;
        case 5: b.popts.model.no_values = true; break;
        case 6: b.popts.extract.keep_deletions = true; break;
        case 7: S_list_formats(); return 0;
        case 8:
            vb_ead_given_free(given);
            if (!S_read_record(optarg, given)) return 2;
            b.ropts.ead_given = given;
            break;
        case 9: b.popts.extract.ocr = true; break;
        case 10:
            if (!vb_cli_parse_ocr_dpi(optarg, &b.popts.extract.ocr_dpi)) return 2;
            b.popts.extract.ocr = true;
            break;
        case 20: {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(optarg, &end, 10);
            if (end == optarg || *end || errno || optarg[0] == '-' || optarg[0] == '+' || n < 1 ||
                n > 1000000) {
                fprintf(stderr, "vanban: --max-pages takes a whole number from 1 to 1000000\n");
                return 2;
            }
            b.popts.extract.max_pages = (size_t)n;
            break;
        }
        default: S_usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fputs("vanban convert: no input given\n\n", stderr);
        S_usage(stderr);
        return 2;
    }

    /* work out the jobs */
    size_t njobs = 0, cap = 0, skipped = 0, missing = 0;
    job *list = NULL;
    int ninputs = argc - optind;
    bool any_dir = false;
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            any_dir = true;
    }
    /* confidences are computed only when some output shows them */
    bool shows_confidence = false;
    for (size_t f = 0; f < b.nformats; f++)
        shows_confidence |= vb_format_info_at(b.formats[f])->shows_confidence;
    b.popts.normalize.no_confidence = !shows_confidence;
    bool many = ninputs > 1 || any_dir;
    struct stat ost;
    bool output_is_dir = output && stat(output, &ost) == 0 && S_ISDIR(ost.st_mode);
    if (many && !output) {
        fprintf(stderr, "vanban convert: several inputs or a directory need -o OUTPUT_DIR\n");
        return 2;
    }
    if (b.nformats > 1 && !output) {
        fprintf(stderr, "vanban convert: several formats need -o OUTPUT_DIR\n");
        return 2;
    }
    bool into_dir = many || output_is_dir || b.nformats > 1;
    b.add_extension = into_dir;
    walker w = {.outdir = output, .jobs = &list, .n = &njobs, .cap = &cap};
    if (output_is_dir) {
        w.has_out = true;
        w.out_dev = (uint64_t)ost.st_dev;
        w.out_ino = (uint64_t)ost.st_ino;
    }
    for (int i = optind; i < argc; i++) {
        const char *in = argv[i];
        struct stat st;
        if (strcmp(in, "-") == 0) {
            char *out = into_dir ? S_join(output, "stdin") : strdup(output ? output : "-");
            S_add_job(&list, &njobs, &cap, strdup("-"), out);
        } else if (stat(in, &st) != 0) {
            fprintf(stderr, "vanban: error: %s: %s\n", in, strerror(errno));
            missing++;
        } else if (S_ISDIR(st.st_mode)) {
            size_t before = njobs, errors = w.errors;
            if (!vb_file_set_add(&w.seen, (uint64_t)st.st_dev, (uint64_t)st.st_ino))
                continue; /* named twice */
            walk_dir top = {(uint64_t)st.st_dev, (uint64_t)st.st_ino, NULL};
            S_walk(&w, in, "", &top);
            if (njobs == before && w.errors == errors) {
                fprintf(stderr, "vanban: error: %s: no documents (.txt, .md, .docx) found in this directory\n", in);
                missing++;
            }
        } else if (S_ISREG(st.st_mode) &&
                   !vb_file_set_add(&w.seen, (uint64_t)st.st_dev, (uint64_t)st.st_ino)) {
            continue; /* named twice, or also found in a directory named before */
        } else {
            char *out;
            if (into_dir) {
                const char *base = strrchr(in, '/') ? strrchr(in, '/') + 1 : in;
                char *stem = S_strip_extension(base);
                out = S_join(output, stem);
                free(stem);
            } else {
                out = strdup(output ? output : "-");
            }
            S_add_job(&list, &njobs, &cap, strdup(in), out);
        }
    }
    vb_file_set_free(&w.seen);
    skipped += w.skipped;
    missing += w.errors;
    S_disambiguate_outputs(list, njobs);
    /* every format writes the same stems: the first format's extension names
     * the clash */
    missing += S_refuse_clashes(list, &njobs, into_dir ? vb_format_extension(b.formats[0]) : "");
    if (into_dir && output && mkdir(output, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "vanban: error: %s: cannot create the output directory: %s\n", output,
                strerror(errno));
        return 1;
    }

    struct vb_dia_model *model = NULL;
    int mst = vb_cli_load_model(model_path, &b.popts.normalize, &model);
    if (mst) {
        for (size_t i = 0; i < njobs; i++) free(list[i].input), free(list[i].output);
        free(list);
        return mst;
    }
    b.jobs = list;
    b.njobs = njobs;
    b.progress = !quiet && isatty(STDERR_FILENO) && njobs > 1;
    b.started = time(NULL);
    pthread_mutex_init(&b.lock, NULL);
    atomic_init(&b.next, 0);
    size_t nthreads = (size_t)jobs < njobs ? (size_t)jobs : njobs;
    if (nthreads <= 1) {
        S_worker(&b);
    } else {
        pthread_t *threads = malloc(nthreads * sizeof *threads);
        if (!threads) abort();
        for (size_t t = 0; t < nthreads; t++) pthread_create(&threads[t], NULL, S_worker, &b);
        for (size_t t = 0; t < nthreads; t++) pthread_join(threads[t], NULL);
        free(threads);
    }
    S_progress(&b, true);
    pthread_mutex_destroy(&b.lock);
    if (!quiet && many)
        fprintf(stderr, "vanban: %zu converted, %zu failed%s", njobs - b.failed, b.failed + missing,
                skipped ? "" : "\n");
    if (!quiet && many && skipped) fprintf(stderr, ", %zu other files skipped\n", skipped);
    for (size_t i = 0; i < njobs; i++) {
        free(list[i].input);
        free(list[i].output);
    }
    free(list);
    vb_dia_model_free(model);
    return (b.failed || missing) ? 1 : 0;
}

int vb_cmd_convert(int argc, char **argv) {
    vb_format *formats = calloc(vb_format_count(), sizeof *formats);
    if (!formats) abort();
    vb_ead_given given = {0};
    int st = S_convert(argc, argv, formats, &given);
    vb_ead_given_free(&given);
    free(formats);
    return st;
}
