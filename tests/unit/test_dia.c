/* Unit tests of the diacritics decoder on a small model
 * (tests/data/dia-mini: a trigram model of a dozen sentences, a hand-written
 * channel): language model, channel, decoding, provenance and auto mode. */
#include "../../normalize/channel.h"
#include "../../normalize/diacritics.h"
#include "../../normalize/lm.h"
#include "../support/vb_test.h"

#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#define MINI "tests/data/dia-mini"

static char *S_restore(const vb_dia_model *m, const char *in, vb_diacritics_mode mode,
                       double min_conf, vb_dia_result *keep) {
    char err[256];
    vb_dia_result r;
    if (vb_dia_restore(m, in, strlen(in), mode, min_conf, &r, err, sizeof err) != VB_OK)
        return strdup("(error)");
    char *s = strdup(r.text);
    if (keep) *keep = r;
    else vb_dia_result_free(&r);
    return s;
}

static void S_check_restore(const vb_dia_model *m, const char *name, const char *in,
                            vb_diacritics_mode mode, const char *expected) {
    char *got = S_restore(m, in, mode, 0, NULL);
    VB_CHECK_STR(name, got, expected);
    free(got);
}

static void test_channel(void) {
    const char *table = "# test\n#floor\t-8.5\n#split\t-5\nế\té\t-0.1\nế\te\t-3\nđ\tP\t-2\n"
                        "ữ\tit\t-1.5\nå\ta\t-1\n";
    char err[128];
    vb_channel *ch = vb_channel_parse(table, strlen(table), err, sizeof err);
    VB_CHECK("channel parses", ch != NULL);
    if (!ch) return;
    int e_hat_acute = vb_channel_letter_index(0x1EBF); /* ế */
    VB_CHECK("letter index of ế", e_hat_acute >= 27);
    VB_CHECK_INT("letter index round trip", vb_channel_letter_cp(e_hat_acute), 0x1EBF);
    VB_CHECK_INT("upper case is not a channel letter", vb_channel_letter_index('A'), -1);
    uint32_t e_acute = 0xE9, two[2] = {'i', 't'};
    VB_CHECK("ế printed as é", vb_channel_logp(ch, e_hat_acute, &e_acute, 1) > -0.2f);
    VB_CHECK("ữ printed as it", vb_channel_logp(ch, vb_channel_letter_index(0x1EEF), two, 2) ==
                                    -1.5f);
    VB_CHECK("unseen emission gets the floor",
             vb_channel_logp(ch, vb_channel_letter_index('a'), two, 1) == -8.5f);
    VB_CHECK("split figure read", vb_channel_split(ch) == -5.0f);
    size_t n;
    const vb_emission *em = vb_channel_emissions(ch, e_hat_acute, &n);
    VB_CHECK("emissions sorted, most likely first", n == 2 && em[0].logp > em[1].logp);
    vb_channel_free(ch);
    const char *bad = "ế\t-0.1\n";
    ch = vb_channel_parse(bad, strlen(bad), err, sizeof err);
    VB_CHECK("malformed channel refused", ch == NULL && strstr(err, "line 1"));
}

static void test_lm(void) {
    char err[256];
    vb_lm *lm = vb_lm_load(MINI "/lm.bin", err, sizeof err);
    VB_CHECK("lm loads", lm != NULL);
    if (!lm) return;
    VB_CHECK_INT("lm order", vb_lm_order(lm), 3);
    uint32_t hai = vb_lm_id(lm, "hải", strlen("hải")), phong = vb_lm_id(lm, "phòng", strlen("phòng"));
    uint32_t phong_flat = vb_lm_id(lm, "phong", strlen("phong"));
    VB_CHECK("known words have ids", hai != VB_LM_UNK && phong != VB_LM_UNK);
    VB_CHECK_INT("unknown word", phong_flat, VB_LM_UNK);
    VB_CHECK("context helps: hải phòng", vb_lm_logp(lm, VB_LM_BOS, hai, phong) > vb_lm_logp1(lm, phong));
    VB_CHECK("probabilities are below one", vb_lm_logp(lm, VB_LM_BOS, hai, phong) < 0);
    /* the conditional distribution after a context sums to one */
    double sum = 0;
    for (uint32_t w = 1; w < vb_lm_vocab_size(lm); w++) sum += exp(vb_lm_logp(lm, VB_LM_BOS, hai, w));
    VB_CHECK("distribution sums to about one", sum > 0.9 && sum < 1.1);
    /* a beam step's lookups of many words in one context give what the
     * lookups one by one give, in every context of the model's words */
    {
        uint32_t V = vb_lm_vocab_size(lm), n = V < 300 ? V : 300;
        uint32_t *ws = malloc(n * sizeof *ws);
        float *many = malloc(n * sizeof *many);
        size_t differ = 0;
        for (uint32_t w = 0; w < n; w++) ws[w] = w;
        for (uint32_t u = 0; u < n; u++)
            for (uint32_t v = 0; v < n; v++) {
                vb_lm_logp_many(lm, u, v, ws, n, many);
                for (uint32_t w = 0; w < n; w++) differ += many[w] != vb_lm_logp(lm, u, v, w);
            }
        VB_CHECK_INT("many lookups equal single ones", differ, 0);
        free(ws);
        free(many);
    }
    vb_lm_free(lm);
    VB_CHECK("missing model is an error", vb_lm_load(MINI "/none.bin", err, sizeof err) == NULL);

    char canon[32];
    VB_CHECK_STR("canonical tone placement", (vb_lm_canonical("HOÀ", strlen("HOÀ"), canon), canon), "hòa");
    VB_CHECK_INT("not a syllable", vb_lm_canonical("UBND", 4, canon), 0);
}

/* The slice index of long n-gram ranges changes no answer: every trigram of
 * a sample text and every word of the vocabulary after its commonest
 * contexts, with and without it, on the committed model. */
static void test_lm_index(void) {
    char err[256];
    vb_lm *fast = vb_lm_load("data/model/lm.bin", err, sizeof err);
    vb_lm *slow = vb_lm_load("data/model/lm.bin", err, sizeof err);
    VB_CHECK("committed model loads twice", fast && slow);
    if (!fast || !slow) return;
    vb_lm_drop_index(slow);
    uint32_t V = vb_lm_vocab_size(fast);
    size_t compared = 0, differ = 0;
    static uint32_t ws[8192];
    size_t nw = V < 8192 ? V : 8192;
    for (uint32_t w = 0; w < nw; w++) ws[w] = w;
    static float a[8192], b[8192];
    /* contexts: the commonest words (low ids) after each other */
    for (uint32_t u = 0; u < 40; u++)
        for (uint32_t v = 0; v < 40; v++) {
            vb_lm_logp_many(fast, u, v, ws, nw, a);
            vb_lm_logp_many(slow, u, v, ws, nw, b);
            for (size_t i = 0; i < nw; i++, compared++)
                if (a[i] != b[i] || a[i] != vb_lm_logp(slow, u, v, ws[i])) differ++;
        }
    for (uint32_t v = 0; v < V; v += 7)
        for (uint32_t w = 0; w < V; w += 13, compared++)
            if (vb_lm_logp(fast, 5, v, w) != vb_lm_logp(slow, 5, v, w)) differ++;
    char name[96];
    snprintf(name, sizeof name, "slice index changes none of %zu lookups", compared);
    VB_CHECK(name, differ == 0 && compared > 1000000);
    vb_lm_free(fast);
    vb_lm_free(slow);
}

static void test_decoder(const vb_dia_model *m) {
    S_check_restore(m, "place and date", "Hai Phong, ngay 20 thang 8 nam 2024.", VB_DIACRITICS_OCR,
                    "Hải Phòng, ngày 20 tháng 8 năm 2024.");
    S_check_restore(m, "digits and é for marked letters", "S6 Y té chu tri, phéi hop vdi cac so.",
                    VB_DIACRITICS_OCR, "Số Y tế chủ trì, phối hợp với các sở.");
    S_check_restore(m, "run-together words split", "Bénh vién Phusan thanh phé.", VB_DIACRITICS_OCR,
                    "Bệnh viện Phụ sản thành phố.");
    S_check_restore(m, "code run into a word split at the change of case",
                    "UBNDtinh, HDNDtinh Hai Phong; McDonald.", VB_DIACRITICS_OCR,
                    "UBND tỉnh, HĐND tỉnh Hải Phòng; McDonald.");
    S_check_restore(m, "document codes", "Can cu Quyét dinh s6 4668/QD-UBND cia Uy ban.",
                    VB_DIACRITICS_OCR, "Căn cứ Quyết định số 4668/QĐ-UBND của Ủy ban.");
    S_check_restore(m, "number and code rejoined", "Quyét dinh s6 494 /QD-UBND.", VB_DIACRITICS_OCR,
                    "Quyết định số 494/QĐ-UBND.");
    S_check_restore(m, "case from the OCR", "KE HOACH\nHDND tinh", VB_DIACRITICS_OCR,
                    "KẾ HOẠCH\nHĐND tỉnh");
    S_check_restore(m, "preferred spelling", "cham soc suc khoe", VB_DIACRITICS_OCR,
                    "chăm sóc sức khoẻ");
    S_check_restore(m, "foreign word kept", "ECMO thanh phé", VB_DIACRITICS_OCR, "ECMO thành phố");
    S_check_restore(m, "apostrophe for a horn read across", "cham soc s’uc khoe", VB_DIACRITICS_OCR,
                    "chăm sóc sức khoẻ");
    S_check_restore(m, "symbols the OCR made of a horn read across",
                    "Ngu¢oi dan du@oc cham soc s?uc khoe", VB_DIACRITICS_OCR,
                    "Người dân được chăm sóc sức khoẻ");
    S_check_restore(m, "a question mark between words ends a question", "thanh phé? Hai Phong",
                    VB_DIACRITICS_OCR, "thành phố? Hải Phòng");
    S_check_restore(m, "a symbol closing a word read as its hooked vowel", "So¢ Y té chu tri",
                    VB_DIACRITICS_OCR, "Sở Y tế chủ trì");
    S_check_restore(m, "web and e-mail addresses left alone",
                    "Hai Phong: vanthu@haiphong.gov.vn, www.haiphong.gov.vn", VB_DIACRITICS_OCR,
                    "Hải Phòng: vanthu@haiphong.gov.vn, www.haiphong.gov.vn");
    S_check_restore(m, "Roman numerals with a small l for I", "Il. Ké hoach\nIll. Dé an",
                    VB_DIACRITICS_OCR, "II. Kế hoạch\nIII. Đề án");
    S_check_restore(m, "a table rule read as underscores after a word goes with it",
                    "Ké hoach_ cua tinh_", VB_DIACRITICS_OCR, "Kế hoạch của tỉnh");
    S_check_restore(m, "apostrophe between words kept", "thanh phé'Hai Phong", VB_DIACRITICS_OCR,
                    "thành phố'Hải Phòng");
    S_check_restore(m, "strip mode removes then restores", "Hải Phong ngáy 20 tháng 8",
                    VB_DIACRITICS_STRIP, "Hải Phòng ngày 20 tháng 8");
    S_check_restore(m, "off copies", "Hai Phong", VB_DIACRITICS_OFF, "Hai Phong");

    vb_dia_result r;
    char *out = S_restore(m, "Hai Phong", VB_DIACRITICS_OCR, 0, &r);
    VB_CHECK_INT("two changes", r.nchanges, 2);
    if (r.nchanges == 2) {
        VB_CHECK_INT("change input offset", r.changes[1].in_start, 4);
        VB_CHECK_INT("change input length", r.changes[1].in_len, 5);
        VB_CHECK("change output span", r.changes[1].out_len == strlen("Phòng") &&
                                           memcmp(r.text + r.changes[1].out_start, "Phòng", 6) == 0);
        VB_CHECK("confidence is a probability",
                 r.changes[0].confidence > 0 && r.changes[0].confidence <= 1);
        VB_CHECK_INT("kind", r.changes[0].kind, VB_REPAIR_DIACRITICS);
    }
    VB_CHECK("damaged flag", r.paragraph_was_damaged);
    vb_dia_result_free(&r);
    free(out);

    /* below --min-confidence: text kept, change listed for review */
    out = S_restore(m, "ta tinh", VB_DIACRITICS_OCR, 0.999999, &r);
    bool kept = strcmp(out, "ta tinh") == 0, flagged = true;
    for (size_t i = 0; i < r.nchanges; i++) flagged &= r.changes[i].below_threshold;
    VB_CHECK("low confidence left undone", kept && r.nchanges > 0 && flagged);
    vb_dia_result_free(&r);
    free(out);

    /* a caller that reads no confidence: the same repairs, none computed,
     * and nothing left undone whatever the threshold */
    {
        const char *in = "ta tinh. Hai Phong, ngay 20 thang 8 nam 2024";
        char err[256];
        vb_dia_result with, without;
        int a = vb_dia_restore_ex(m, in, strlen(in), VB_DIACRITICS_OCR, false, 0, true, NULL, &with,
                                  err, sizeof err);
        int b = vb_dia_restore_ex(m, in, strlen(in), VB_DIACRITICS_OCR, false, 0.999999, false, NULL,
                                  &without, err, sizeof err);
        bool same = a == VB_OK && b == VB_OK && strcmp(with.text, without.text) == 0 &&
                    with.nchanges == without.nchanges && with.nchanges > 0;
        VB_CHECK("no confidence: same repairs", same);
        bool unset = same, done = same;
        for (size_t i = 0; same && i < without.nchanges; i++) {
            if (without.changes[i].kind == VB_REPAIR_DIACRITICS)
                unset &= without.changes[i].confidence == -1.0f;
            done &= !without.changes[i].below_threshold;
        }
        VB_CHECK("no confidence: none computed, none left undone", unset && done);
        if (a == VB_OK) vb_dia_result_free(&with);
        if (b == VB_OK) vb_dia_result_free(&without);
    }
}

static void test_auto(const vb_dia_model *m) {
    vb_dia_evidence ev;
    VB_CHECK_INT("clean paragraph", vb_dia_judge("Ủy ban nhân dân thành phố Hải Phòng ban hành kế hoạch", strlen("Ủy ban nhân dân thành phố Hải Phòng ban hành kế hoạch"), &ev), VB_DIA_CLEAN);
    const char *ocr = "Uy ban nhan dan thanh phé Hai Phong ban hanh ké hoach";
    VB_CHECK_INT("OCR paragraph", vb_dia_judge(ocr, strlen(ocr), &ev), VB_DIA_DAMAGED);
    VB_CHECK("evidence counted", ev.words == 12 && ev.invalid == 1 && ev.marked == 2);
    VB_CHECK_INT("digits for letters", vb_dia_judge("d6ng", 4, NULL), VB_DIA_DAMAGED);
    VB_CHECK_INT("codes are no evidence", vb_dia_judge("UBND 494/KH", strlen("UBND 494/KH"), NULL),
                 VB_DIA_CLEAN);
    VB_CHECK_INT("too short to say", vb_dia_judge("Tong so", 7, NULL), VB_DIA_UNSURE);
    VB_CHECK_INT("capitals with digits are labels", vb_dia_judge("P1", 2, NULL), VB_DIA_CLEAN);
    const char *latin1 = "Hiéu qua vé kinh té";
    VB_CHECK_INT("only the marks of English OCR", vb_dia_judge(latin1, strlen(latin1), &ev),
                 VB_DIA_DAMAGED);
    VB_CHECK("no native letter counted", ev.native == 0 && ev.marked == 2);
    const char *foreign = "PCR chẩn đoán trước sinh bệnh beta thalassemia";
    VB_CHECK_INT("foreign terms in marked text", vb_dia_judge(foreign, strlen(foreign), &ev),
                 VB_DIA_CLEAN);
    VB_CHECK("foreign terms counted", ev.invalid == 2 && ev.native == 4);
    const char *heading = "CHUYÊN NGÀNH KHÁC";
    VB_CHECK_INT("marked capitals without native letters",
                 vb_dia_judge(heading, strlen(heading), NULL), VB_DIA_CLEAN);
    /* auto mode: clean text never changes, damaged lines are repaired */
    const char *mixed = "Sở Y tế chủ trì, phối hợp với các sở.\nHai Phong, ngay 20 thang 8 nam 2024.";
    char *out = S_restore(m, mixed, VB_DIACRITICS_AUTO, 0, NULL);
    VB_CHECK_STR("auto repairs only the damaged line", out,
                 "Sở Y tế chủ trì, phối hợp với các sở.\nHải Phòng, ngày 20 tháng 8 năm 2024.");
    free(out);
    const char *clean = "Tỉnh đã được giao chỉ tiêu; tính đến nay đã hoàn thành.";
    out = S_restore(m, clean, VB_DIACRITICS_AUTO, 0, NULL);
    VB_CHECK_STR("auto leaves clean text", out, clean);
    free(out);
}

/* Opening a model reads no tables: a language model whose header is right
 * but whose body is not opens, leaves clean text alone in auto mode, and
 * fails only when a damaged text needs it. */
static void test_lazy_load(void) {
    char dir[] = "/tmp/vb-dia-lazy-XXXXXX";
    if (!mkdtemp(dir)) {
        VB_CHECK("temporary directory", false);
        return;
    }
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/lm.bin", dir);
    FILE *f = fopen(path, "wb");
    const char head[16] = {'V', 'B', 'L', 'M', '1', '\n', 0, 0, 100, 0, 0, 0, 0, 0, 0, 0};
    fwrite(head, 1, sizeof head, f);
    fputs("not zlib at all", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/channel.tsv", dir);
    f = fopen(path, "w");
    fputs("a\ta\t-0.01\n", f);
    fclose(f);
    vb_dia_model *m = NULL;
    VB_CHECK("model with a corrupt body opens", vb_dia_model_load(dir, &m, NULL) == VB_OK && m);
    if (m) {
        const char *clean = "Ủy ban nhân dân thành phố Hải Phòng ban hành kế hoạch.";
        vb_dia_result r;
        int st = vb_dia_restore(m, clean, strlen(clean), VB_DIACRITICS_AUTO, 0, &r, err, sizeof err);
        VB_CHECK("clean text needs no tables", st == VB_OK && strcmp(r.text, clean) == 0);
        if (st == VB_OK) vb_dia_result_free(&r);
        const char *ocr = "Uy ban nhan dan thanh phé Hai Phong ban hanh ké hoach.";
        st = vb_dia_restore(m, ocr, strlen(ocr), VB_DIACRITICS_AUTO, 0, &r, err, sizeof err);
        VB_CHECK("damaged text reports the corrupt model", st != VB_OK && strstr(err, "lm.bin"));
        if (st == VB_OK) vb_dia_result_free(&r);
        vb_dia_model_free(m);
    }
    snprintf(path, sizeof path, "%s/lm.bin", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/channel.tsv", dir);
    remove(path);
    rmdir(dir);
}

/* Load errors name the model's file at fault (vb_util.h's convention). */
static void test_load_errors(void) {
    vb_diags d;
    vb_diags_init(&d, NULL, "model");
    vb_dia_model *m = (vb_dia_model *)1;
    int st = vb_dia_model_load(MINI "/nothing", &m, &d);
    VB_CHECK("missing model directory", st == VB_ERR_IO && m == NULL);
    const vb_diag *g = vb_diags_first_error(&d);
    VB_CHECK("missing model directory named", g && g->file && strcmp(g->file, MINI "/nothing") == 0);
    vb_diags_free(&d);

    char dir[] = "/tmp/vb-dia-badXXXXXX";
    if (!mkdtemp(dir)) return;
    char path[128];
    snprintf(path, sizeof path, "%s/lm.bin", dir);
    FILE *f = fopen(path, "wb");
    fputs("not a model at all", f);
    fclose(f);
    vb_diags_init(&d, NULL, "model");
    st = vb_dia_model_load(dir, &m, &d);
    VB_CHECK("model without its magic refused", st == VB_ERR_FORMAT && m == NULL);
    g = vb_diags_first_error(&d);
    VB_CHECK("model error names lm.bin", g && g->file && strcmp(g->file, path) == 0 &&
                                             strcmp(g->message, "not a vanban language model") == 0);
    vb_diags_free(&d);
    remove(path);
    rmdir(dir);
}

int main(void) {
    test_channel();
    test_lazy_load();
    test_lm_index();
    test_lm();
    vb_dia_model *m = NULL;
    VB_CHECK("model loads", vb_dia_model_load(MINI, &m, NULL) == VB_OK && m != NULL);
    if (!m) return vb_test_done();
    test_decoder(m);
    test_auto(m);
    vb_dia_model_free(m);
    test_load_errors();
    return vb_test_done();
}
