/* Replays fuzz corpora without libFuzzer: feeds every file of each
 * directory given to LLVMFuzzerTestOneInput (linked from one harness), so
 * `make check` runs the corpora with the normal compiler and under the
 * sanitizers.  A broken invariant aborts (a crash); an input slower than
 * its budget (2 s + 2 ms per kB, six times that when VANBAN_SANITIZED is
 * set) prints a FAIL line.  Prints one ok/FAIL line per input, then the
 * slowest input per kB (of those of 1 kB or more) of each directory. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);

static int S_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static double S_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned char *S_slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            unsigned char *bigger = realloc(buf, cap *= 2);
            if (!bigger) free(buf);
            buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv) {
    double factor = getenv("VANBAN_SANITIZED") ? 6 : 1;
    int failed = 0;
    for (int a = 1; a < argc; a++) {
        DIR *d = opendir(argv[a]);
        if (!d) {
            printf("FAIL fuzz-replay/%s: cannot open the directory\n", argv[a]);
            failed = 1;
            continue;
        }
        char **names = NULL;
        size_t n = 0, cap = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            if (n == cap) {
                char **bigger = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
                if (!bigger) abort();
                names = bigger;
            }
            names[n++] = strdup(e->d_name);
        }
        closedir(d);
        qsort(names, n, sizeof *names, S_cmp);
        const char *dir = strrchr(argv[a], '/') && strrchr(argv[a], '/')[1]
                              ? strrchr(argv[a], '/') + 1 : argv[a];
        double worst = -1;
        const char *worst_name = "";
        for (size_t i = 0; i < n; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[a], names[i]);
            size_t len = 0;
            unsigned char *data = S_slurp(path, &len);
            if (!data) {
                printf("FAIL fuzz-replay/%s/%s: cannot read it\n", dir, names[i]);
                failed = 1;
                continue;
            }
            fflush(stdout); /* a crash below still shows the lines before it */
            double t0 = S_now();
            LLVMFuzzerTestOneInput(data, len);
            double secs = S_now() - t0;
            free(data);
            double budget = (2 + (double)len / 1024 * 0.002) * factor;
            double per_kb = secs * 1e3 / ((double)len / 1024 + 1e-9);
            if (len >= 1024 && per_kb > worst) { /* below, fixed costs dominate */
                worst = per_kb;
                worst_name = names[i];
            }
            if (secs > budget) {
                printf("FAIL fuzz-replay/%s/%s: %.2f s for %zu bytes (budget %.1f s)\n", dir,
                       names[i], secs, len, budget);
                failed = 1;
            } else {
                printf("ok fuzz-replay/%s/%s\n", dir, names[i]);
            }
        }
        printf("ok fuzz-replay/%s: %zu inputs, slowest %s at %.2f ms per kB\n", dir, n,
               worst_name, worst < 0 ? 0 : worst);
        for (size_t i = 0; i < n; i++) free(names[i]);
        free(names);
    }
    return failed;
}
