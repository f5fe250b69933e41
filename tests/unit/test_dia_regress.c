/* Regression test of the committed diacritics model (data/model) on OCR
 * pages made from legal text held out of its training (tests/regress/dia:
 * NAME.clean is the printed text, NAME.ocr what Tesseract's English model
 * read from its rendering).  Asserts a minimum word accuracy after repair,
 * and that auto mode leaves the clean text alone. */
#include "../../normalize/diacritics.h"
#include "../../normalize/syllable.h"
#include "../support/vb_test.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define DIR_PAGES "tests/regress/dia"
#define MODEL "data/model"
#define MIN_ACCURACY 0.93   /* word accuracy after repair (1 - WER) */
#define MAX_CLEAN_CHANGED 0.002

typedef struct {
    const char **w;
    size_t *len;
    size_t n, cap;
} S_words;

static bool S_word_char(uint32_t cp) {
    uint32_t base;
    int tone;
    bool up;
    return (cp >= '0' && cp <= '9') || vb_syl_letter(cp, &base, &tone, &up);
}

static void S_split(const char *s, size_t len, S_words *out) {
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int k = vb_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (!S_word_char(cp)) {
            i += (size_t)k;
            continue;
        }
        size_t j = i;
        while (j < len && (k = vb_utf8_decode((const unsigned char *)s + j, len - j, &cp)) &&
               S_word_char(cp))
            j += (size_t)k;
        if (out->n == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 256;
            out->w = realloc(out->w, out->cap * sizeof *out->w);
            out->len = realloc(out->len, out->cap * sizeof *out->len);
            if (!out->w || !out->len) abort();
        }
        out->w[out->n] = s + i;
        out->len[out->n++] = j - i;
        i = j;
    }
}

/* Word-level edit distance. */
static size_t S_edits(const S_words *a, const S_words *b) {
    size_t *prev = malloc((b->n + 1) * sizeof *prev), *cur = malloc((b->n + 1) * sizeof *cur);
    if (!prev || !cur) abort();
    for (size_t j = 0; j <= b->n; j++) prev[j] = j;
    for (size_t i = 1; i <= a->n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= b->n; j++) {
            bool same = a->len[i - 1] == b->len[j - 1] &&
                        memcmp(a->w[i - 1], b->w[j - 1], a->len[i - 1]) == 0;
            size_t v = prev[j - 1] + !same;
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            cur[j] = v;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t d = prev[b->n];
    free(prev);
    free(cur);
    return d;
}

static char *S_read(const char *path, size_t *len) {
    unsigned char *data = NULL;
    if (vb_read_file(path, 0, &data, len, NULL) != VB_OK) return NULL;
    return (char *)data;
}

/* One sense per document: "cua tinh thong qua" alone reads "của tính thông
 * qua" (the trigrams after "của tỉnh" are sparse); in a document that reads
 * "tinh" as "tỉnh" everywhere else, it is "tỉnh" too. */
static void S_check_one_sense(const vb_dia_model *m) {
    const char *alone = "Xa hoi chung cua tinh thong qua viec.";
    const char *doc = "Uy ban nhan dan tinh. Hoi dong nhan dan tinh. Ban chi dao tinh. "
                      "Cac so, nganh cua tinh. Bénh vién da khoa tinh. Dia ban tinh. "
                      "Cong an tinh. Truong Chinh tri tinh.\n"
                      "Xa hoi chung cua tinh thong qua viec.";
    char err[256];
    vb_dia_result r;
    if (vb_dia_restore(m, alone, strlen(alone), VB_DIACRITICS_OCR, 0, &r, err, sizeof err) == VB_OK) {
        VB_CHECK("alone, the sentence decides \"tính\"", strstr(r.text, "của tính thông qua") != NULL);
        vb_dia_result_free(&r);
    }
    if (vb_dia_restore(m, doc, strlen(doc), VB_DIACRITICS_OCR, 0, &r, err, sizeof err) == VB_OK) {
        VB_CHECK("in the document, its other readings decide \"tỉnh\"",
                 strstr(r.text, "chung của tỉnh thông qua") != NULL);
        vb_dia_result_free(&r);
    }
}

/* Words the OCR cut to a digit or a lone capital come back; numbers and
 * labels stay; two capitals among small letters are a capitalised word
 * unless the OCR's letters were right (AI). */
static void S_check_short_words(const vb_dia_model *m) {
    static const struct { const char *in, *want; } cases[] = {
        {"cac dich vu 6 cac tuyén", "các dịch vụ ở các tuyến"},
        {"co 6 xa va 16 phuong", "có 6 xã và 16 phường"},
        {"S Y té Hai Phong", "Sở Y tế Hải Phòng"},
        {"Muc T. Khac", "Mục T. Khác"},
        {"SO Y té, BO Y té", "Sở Y tế, Bộ Y tế"},
        {"SO Y TE HAI PHONG", "SỞ Y TẾ HẢI PHÒNG"},
        {"cong nghé AI nganh Y té", "công nghệ AI ngành Y tế"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char err[256], name[160];
        vb_dia_result r;
        snprintf(name, sizeof name, "\"%s\" reads \"%s\"", cases[i].in, cases[i].want);
        if (vb_dia_restore(m, cases[i].in, strlen(cases[i].in), VB_DIACRITICS_OCR, 0, &r, err,
                           sizeof err) != VB_OK) {
            VB_CHECK(name, false);
            continue;
        }
        VB_CHECK(name, strcmp(r.text, cases[i].want) == 0);
        vb_dia_result_free(&r);
    }
}

int main(void) {
    char err[256];
    vb_dia_model *m = NULL;
    vb_diags diags;
    vb_diags_init(&diags, NULL, MODEL);
    VB_CHECK("committed model loads", vb_dia_model_load(MODEL, &m, &diags) == VB_OK);
    if (!m) {
        vb_buf msg = {0};
        vb_diag_message(&diags, vb_diags_first_error(&diags), &msg);
        printf("    %s\n", msg.data);
        vb_buf_free(&msg);
        vb_diags_free(&diags);
        return vb_test_done();
    }
    DIR *d = opendir(DIR_PAGES);
    VB_CHECK("regression pages present", d != NULL);
    if (!d) return vb_test_done();
    size_t ref_words = 0, errors_in = 0, errors_out = 0, clean_changed = 0, pages = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t nl = strlen(e->d_name);
        if (nl < 5 || strcmp(e->d_name + nl - 4, ".ocr") != 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", DIR_PAGES, e->d_name);
        size_t olen, clen;
        char *ocr = S_read(path, &olen);
        snprintf(path + strlen(path) - 4, 8, ".clean");
        char *clean = S_read(path, &clen);
        if (!ocr || !clean) {
            VB_CHECK("page pair readable", false);
            free(ocr);
            free(clean);
            continue;
        }
        pages++;
        vb_dia_result r;
        if (vb_dia_restore(m, ocr, olen, VB_DIACRITICS_OCR, 0, &r, err, sizeof err) != VB_OK) {
            VB_CHECK("restore runs", false);
            continue;
        }
        S_words ref = {0}, in = {0}, out = {0};
        S_split(clean, clen, &ref);
        S_split(ocr, olen, &in);
        S_split(r.text, r.len, &out);
        ref_words += ref.n;
        errors_in += S_edits(&ref, &in);
        errors_out += S_edits(&ref, &out);
        vb_dia_result_free(&r);
        /* the clean page in auto mode */
        if (vb_dia_restore(m, clean, clen, VB_DIACRITICS_AUTO, 0, &r, err, sizeof err) == VB_OK) {
            clean_changed += r.nchanges;
            vb_dia_result_free(&r);
        }
        free(ref.w), free(ref.len), free(in.w), free(in.len), free(out.w), free(out.len);
        free(ocr);
        free(clean);
    }
    closedir(d);
    VB_CHECK("at least four pages", pages >= 4);
    double acc_in = 1.0 - (double)errors_in / (double)(ref_words ? ref_words : 1);
    double acc_out = 1.0 - (double)errors_out / (double)(ref_words ? ref_words : 1);
    double changed = (double)clean_changed / (double)(ref_words ? ref_words : 1);
    printf("# %zu pages, %zu words: word accuracy %.2f%% as read, %.2f%% repaired; "
           "clean text changed in auto mode %.3f%%\n",
           pages, ref_words, 100 * acc_in, 100 * acc_out, 100 * changed);
    VB_CHECK("repair reaches the minimum word accuracy", acc_out >= MIN_ACCURACY);
    VB_CHECK("repair beats the OCR text", acc_out > acc_in + 0.5);
    VB_CHECK("auto mode leaves clean text alone", changed <= MAX_CLEAN_CHANGED);
    S_check_one_sense(m);
    S_check_short_words(m);
    vb_dia_model_free(m);
    return vb_test_done();
}
