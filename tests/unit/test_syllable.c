/* Unit tests of the Vietnamese syllable inventory. */
#include "../../normalize/syllable.h"
#include "../support/vb_test.h"

#include <string.h>


static bool S_valid(const char *s) { return vb_syl_is_valid(s, strlen(s)); }

static const char *S_roundtrip(const char *s, vb_syl_style style, char *buf) {
    vb_syllable syl;
    if (!vb_syl_parse(s, strlen(s), &syl, NULL)) return "(invalid)";
    vb_syl_compose(syl, style, buf);
    return buf;
}

struct count_ctx {
    size_t n, invalid, with_hoa, max_bytes;
};

static void S_visit(const vb_syllable *syl, const char *text, size_t len, void *ctx) {
    struct count_ctx *c = ctx;
    c->n++;
    if (!vb_syl_is_valid(text, len)) c->invalid++;
    if (strcmp(text, "hòa") == 0 || strcmp(text, "hoà") == 0) c->with_hoa++;
    if (len > c->max_bytes) c->max_bytes = len;
    (void)syl;
}

int main(void) {
    /* rhymes are sorted: the parser relies on binary search */
    bool sorted = true;
    for (size_t i = 1; i < vb_syl_rhyme_count(); i++)
        if (strcmp(vb_syl_rhyme(i - 1), vb_syl_rhyme(i)) >= 0) sorted = false;
    VB_CHECK("rhyme table sorted", sorted);

    const char *good[] = {"Hải", "Phòng", "ngày", "tháng", "năm", "Đề", "án", "của", "người",
                          "nghiêng", "quốc", "già", "gìn", "giữ", "giếng", "khuya", "huỳnh",
                          "thuở", "yêu", "ý", "kỹ", "Việt", "ƯU", "ĐƯỜNG", "khuỷu", "oanh",
                          "quyết", "hoà", "hòa", "thuỷ", "thủy", "khoẻ", "khỏe", "được", "tỉnh"};
    bool all_good = true;
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        if (!S_valid(good[i])) {
            printf("  not accepted: %s\n", good[i]);
            all_good = false;
        }
    VB_CHECK("real syllables accepted", all_good);

    const char *bad[] = {"Phusan", "ECMO", "QD", "ka", "ghá", "ngha", "cí", "quu", "hoàa",
                         "táck", "thàt", "học1", "Héi", "dđ", "ươ", "x", "ắc t"};
    bool all_bad = true;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (S_valid(bad[i])) {
            printf("  accepted: %s\n", bad[i]);
            all_bad = false;
        }
    VB_CHECK("non-syllables refused", all_bad);
    VB_CHECK("stop final takes only sac/nang", !S_valid("hàt") && S_valid("hát") && S_valid("hạt"));
    VB_CHECK("mark on the wrong vowel refused", !S_valid("ngưòi") && !S_valid("haỷ"));

    vb_syllable syl;
    int place;
    VB_CHECK("parse người", vb_syl_parse("người", strlen("người"), &syl, &place));
    VB_CHECK_STR("onset of người", vb_syl_onset(syl.onset), "ng");
    VB_CHECK_STR("rhyme of người", vb_syl_rhyme(syl.rhyme), "ươi");
    VB_CHECK_INT("tone of người", syl.tone, VB_SYL_TONE_HUYEN);
    VB_CHECK("parse GIỮ", vb_syl_parse("GIỮ", strlen("GIỮ"), &syl, NULL));
    VB_CHECK_STR("onset of giữ", vb_syl_onset(syl.onset), "gi");
    VB_CHECK_STR("rhyme of giữ", vb_syl_rhyme(syl.rhyme), "ư");
    VB_CHECK_INT("tone of giữ", syl.tone, VB_SYL_TONE_NGA);

    vb_syl_parse("hoà", strlen("hoà"), &syl, &place);
    VB_CHECK_INT("hoà placement", place, VB_SYL_PLACE_HOA_A);
    vb_syl_parse("hòa", strlen("hòa"), &syl, &place);
    VB_CHECK_INT("hòa placement", place, VB_SYL_PLACE_HOA_O);
    vb_syl_parse("hoàn", strlen("hoàn"), &syl, &place);
    VB_CHECK_INT("hoàn has one spelling", place, VB_SYL_PLACE_ANY);

    char buf[VB_SYL_MAX_BYTES];
    VB_CHECK_STR("compose hoà style", S_roundtrip("hòa", VB_SYL_STYLE_HOA_A, buf), "hoà");
    VB_CHECK_STR("compose hòa style", S_roundtrip("hoà", VB_SYL_STYLE_HOA_O, buf), "hòa");
    VB_CHECK_STR("compose thuỷ", S_roundtrip("thủy", VB_SYL_STYLE_HOA_A, buf), "thuỷ");
    VB_CHECK_STR("compose lowers", S_roundtrip("NGHIÊNG", VB_SYL_STYLE_HOA_O, buf), "nghiêng");
    VB_CHECK_STR("compose quyết", S_roundtrip("quyết", VB_SYL_STYLE_HOA_A, buf), "quyết");
    VB_CHECK_STR("compose của", S_roundtrip("của", VB_SYL_STYLE_HOA_A, buf), "của");
    VB_CHECK_STR("compose huỳnh", S_roundtrip("huỳnh", VB_SYL_STYLE_HOA_A, buf), "huỳnh");

    struct count_ctx c = {0};
    size_t n = vb_syl_enumerate(VB_SYL_STYLE_HOA_O, S_visit, &c);
    VB_CHECK_INT("enumerate visits what it counts", c.n, n);
    VB_CHECK("inventory size plausible", n > 12000 && n < 30000);
    VB_CHECK_INT("every enumerated syllable parses", c.invalid, 0);
    VB_CHECK_INT("one spelling of hòa per style", c.with_hoa, 1);
    VB_CHECK("longest spelling fits", c.max_bytes < VB_SYL_MAX_BYTES);

    char out[64];
    const char *s = "Đường Hải Phòng, QĐ-UBND ngày 20";
    vb_syl_strip_marks(s, strlen(s), out);
    VB_CHECK_STR("strip marks", out, "Duong Hai Phong, QD-UBND ngay 20");

    uint32_t base;
    int tone;
    bool upper;
    VB_CHECK("letter Ữ", vb_syl_letter(0x1EEE, &base, &tone, &upper) && base == 0x1B0 &&
                             tone == VB_SYL_TONE_NGA && upper);
    VB_CHECK_INT("make ố", vb_syl_letter_make(0xF4, VB_SYL_TONE_SAC, false), 0x1ED1);
    VB_CHECK_INT("upper đ", vb_syl_upper(0x111), 0x110);
    VB_CHECK_INT("lower Ạ", vb_syl_lower(0x1EA0), 0x1EA1);
    return vb_test_done();
}
