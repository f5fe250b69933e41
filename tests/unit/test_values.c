/* Unit tests of the figures read out of the text (model/values.c) and of the
 * checks made with them (model/check.c): Vietnamese number formats, amounts
 * in words (cross-checked with ICU's Vietnamese spell-out), dates,
 * deadlines, periods, references, table totals and words against digits. */
#include "../../model/values.h"
#include "../../pipeline/pipeline.h"
#include "../support/vb_test.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>


static const char *S_plain(vb_arena *a, const char *printed) {
    vb_number n;
    if (!vb_number_parse(printed, strlen(printed), &n)) return "(no number)";
    return vb_arena_printf(a, "%s%s", vb_number_string(a, &n), n.ambiguous ? " ambiguous" : "");
}

static void S_numbers(vb_arena *a) {
    VB_CHECK_STR("number/thousands", S_plain(a, "1.000.000.000.000"), "1000000000000");
    VB_CHECK_STR("number/decimal-comma", S_plain(a, "5.595,966"), "5595.966");
    VB_CHECK_STR("number/short-decimal", S_plain(a, "315,8"), "315.8");
    VB_CHECK_STR("number/plain", S_plain(a, "96"), "96");
    VB_CHECK_STR("number/one-group", S_plain(a, "2.356"), "2356");
    VB_CHECK_STR("number/english-point-flagged", S_plain(a, "3.5"), "3.5 ambiguous");
    VB_CHECK_STR("number/english-point-zero-flagged", S_plain(a, "40.0"), "40 ambiguous");
    VB_CHECK_STR("number/bad-groups", S_plain(a, "1.00.000"), "(no number)");
    VB_CHECK_STR("number/two-commas", S_plain(a, "1,5,6"), "(no number)");
    /* 60 decimal digits: longer than the mantissa's 19, formatted in full */
    char sixty[80] = "0,", sixty_plain[80] = "0.";
    for (int i = 0; i < 59; i++) {
        strcat(sixty, "0");
        strcat(sixty_plain, "0");
    }
    strcat(sixty, "8");
    strcat(sixty_plain, "8");
    VB_CHECK_STR("number/sixty-decimals", S_plain(a, sixty), sixty_plain);
    char *too_long = vb_arena_alloc(a, 1100);
    strcpy(too_long, "1,");
    memset(too_long + 2, '0', 1001);
    VB_CHECK_STR("number/too-many-decimals", S_plain(a, too_long), "(no number)");
    vb_number n;
    vb_number_parse("5.595,966", strlen("5.595,966"), &n);
    VB_CHECK_STR("number/scaled-billions", vb_number_scaled(a, &n, 1000000000), "5595966000000");
    vb_number_parse("519.878.026", strlen("519.878.026"), &n);
    VB_CHECK_STR("number/scaled-thousands", vb_number_scaled(a, &n, 1000), "519878026000");
}

static long long S_words(const char *w) {
    int64_t v;
    return vb_number_words_parse(w, strlen(w), &v) ? (long long)v : -1;
}

static void S_words_cases(void) {
    VB_CHECK_INT("words/seed000-ngan",
                 S_words("Năm trăm mười chín tỷ, tám trăm bảy mươi tám triệu, không trăm hai mươi "
                         "sáu ngàn đồng"),
                 519878026000LL);
    VB_CHECK_INT("words/linh", S_words("Ba trăm linh hai tỷ, hai trăm bốn mươi bốn triệu, chín trăm "
                                       "bốn mươi năm ngàn đồng"),
                 302244945000LL);
    VB_CHECK_INT("words/short-tens-hai-chin",
                 S_words("Một trăm bảy mươi bảy tỷ, tám trăm bảy mươi bảy triệu, không trăm hai chín "
                         "ngàn đồng"),
                 177877029000LL);
    VB_CHECK_INT("words/tu-lam", S_words("Hai trăm năm mươi tư tỷ, bảy triệu, chín trăm sáu mươi lăm "
                                         "ngàn đồng"),
                 254007965000LL);
    VB_CHECK_INT("words/thousand-billions", S_words("Một nghìn tỷ đồng"), 1000000000000LL);
    VB_CHECK_INT("words/ti-mot", S_words("hai mươi mốt tỉ đồng"), 21000000000LL);
    VB_CHECK_INT("words/le", S_words("một trăm lẻ năm"), 105);
    VB_CHECK_INT("words/not-a-number", S_words("năm học mới"), -1);
    VB_CHECK_INT("words/two-tens", S_words("hai mươi ba mươi"), -1);
}

/* ICU's Vietnamese spell-out rules write numbers the canonical way; the
 * parser must read every one of them back. */
static void S_icu_round_trip(void) {
    UErrorCode err = U_ZERO_ERROR;
    UNumberFormat *fmt = unum_open(UNUM_SPELLOUT, NULL, 0, "vi", NULL, &err);
    if (U_FAILURE(err)) {
        VB_CHECK("words/icu-spellout-available", false);
        return;
    }
    static const int64_t samples[] = {0,       1,        5,         10,        11,         15,
                                      21,      24,       25,        101,       105,        110,
                                      999,     1000,     1005,      2024,      10500,      99999,
                                      305000,  1000001,  21979754,  519878026, 1000000000, 5595966000,
                                      302244945000LL, 22702490289000LL};
    int bad = 0;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        UChar u[256];
        char s[512];
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = unum_formatInt64(fmt, samples[i], u, 256, NULL, &e);
        u_strToUTF8(s, sizeof s, NULL, u, n, &e);
        int64_t back;
        if (U_FAILURE(e) || !vb_number_words_parse(s, strlen(s), &back) || back != samples[i]) {
            printf("# ICU wrote %lld as \"%s\"\n", (long long)samples[i], U_SUCCESS(e) ? s : "?");
            bad++;
        }
    }
    unum_close(fmt);
    VB_CHECK_INT("words/icu-spellout-read-back", bad, 0);
}

/* The DATA nodes of a document as "kind[attr=value...]:text" lines. */
static const char *S_data(vb_doc *doc, const char *attr) {
    vb_buf b = {0};
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *n = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER || n->type != VB_NODE_DATA) continue;
        const char *v = vb_node_get_attr(n, attr);
        vb_buf_printf(&b, "%s%s=%s:%s", b.len ? "|" : "", vb_node_get_attr(n, "kind"), v ? v : "-",
                      vb_node_text(doc, n));
    }
    const char *s = vb_arena_strndup(doc->arena, b.data ? b.data : "", b.len);
    vb_buf_free(&b);
    return s;
}

static void S_annotate(void) {
    vb_doc *doc = vb_test_build_text("Căn cứ Quyết định số 153/QĐ-TTg ngày 27/02/2023 của Thủ tướng Chính phủ "
                          "và Nghị quyết số 45-NQ/TW.\n");
    VB_CHECK_STR("data/reference-code", S_data(doc, "code"),
                 "reference=153/QĐ-TTg:Quyết định số 153/QĐ-TTg ngày 27/02/2023"
                 "|reference=45-NQ/TW:Nghị quyết số 45-NQ/TW");
    VB_CHECK_STR("data/reference-iso", S_data(doc, "iso"),
                 "reference=2023-02-27:Quyết định số 153/QĐ-TTg ngày 27/02/2023"
                 "|reference=-:Nghị quyết số 45-NQ/TW");
    VB_CHECK_STR("data/reference-type", S_data(doc, "type"),
                 "reference=Quyết định:Quyết định số 153/QĐ-TTg ngày 27/02/2023"
                 "|reference=Nghị quyết:Nghị quyết số 45-NQ/TW");
    vb_doc_free(doc);

    doc = vb_test_build_text("Hoàn thành trong Quý III/2026, giai đoạn 2024 – 2028; kinh phí 5.595,966 tỷ đồng, "
                  "đạt 96,5% và ≥ 96 giường, chiều dày 1,5 cm, hệ số 3.5.\n");
    VB_CHECK_STR("data/values", S_data(doc, "value"),
                 "deadline=-:Quý III/2026|period=-:2024 – 2028|amount=5595966000000:5.595,966 tỷ đồng"
                 "|percent=96.5:96,5%|number=96:≥ 96|number=1.5:1,5 cm|number=3.5:3.5");
    VB_CHECK_STR("data/deadline-iso", S_data(doc, "iso"),
                 "deadline=2026-09-30:Quý III/2026|period=-:2024 – 2028|amount=-:5.595,966 tỷ đồng"
                 "|percent=-:96,5%|number=-:≥ 96|number=-:1,5 cm|number=-:3.5");
    VB_CHECK_STR("data/ambiguous-flagged", S_data(doc, "ambiguous"),
                 "deadline=-:Quý III/2026|period=-:2024 – 2028|amount=-:5.595,966 tỷ đồng"
                 "|percent=-:96,5%|number=-:≥ 96|number=-:1,5 cm|number=true:3.5");
    VB_CHECK_STR("data/text-kept", vb_node_text(doc, doc->root),
                 "Hoàn thành trong Quý III/2026, giai đoạn 2024 – 2028; kinh phí 5.595,966 tỷ đồng, "
                 "đạt 96,5% và ≥ 96 giường, chiều dày 1,5 cm, hệ số 3.5.");
    vb_doc_free(doc);

    doc = vb_test_build_text("Hải Phòng, ngày 20 tháng 8 năm 2024\n\nBáo cáo ngày    tháng 9 năm 2024 gửi "
                  "trước 30/6/2023.\n");
    const char *dates = S_data(doc, "iso");
    VB_CHECK("data/date-blank-day", strstr(dates, "date=2024-09:ngày    tháng 9 năm 2024") != NULL);
    VB_CHECK("data/date-slashes", strstr(dates, "date=2023-06-30:30/6/2023") != NULL);
    vb_doc_free(doc);
}

static const vb_check *S_first_mismatch(const vb_doc *doc, int *nchecks) {
    const vb_check *bad = NULL;
    *nchecks = 0;
    for (const vb_check *k = doc->checks; k; k = k->next) {
        (*nchecks)++;
        if (!k->ok && !bad) bad = k;
    }
    return bad;
}

static void S_checks(void) {
    const char *good = "Kinh phí: 2.500.000đ (Hai triệu năm trăm nghìn đồng).\n\n"
                       "Đơn vị tính: 1000 đồng\n\n"
                       "Nội dung\tNăm 2025\tNăm 2026\n"
                       "Đào tạo\t1.396\t1.708\n"
                       "Chuyển giao\t0\t1.172,5\n"
                       "Tổng số:\t1.396\t2.880,5\n";
    vb_doc *doc = vb_test_build_text(good);
    int n;
    const vb_check *bad = S_first_mismatch(doc, &n);
    VB_CHECK_INT("check/good-count", n, 3);
    VB_CHECK("check/good-no-mismatch", bad == NULL);
    vb_doc_free(doc);

    /* one digit off in the total of the second column */
    char *broken = strdup(good);
    char *at = strstr(broken, "2.880,5");
    at[2] = '9';
    doc = vb_test_build_text(broken);
    bad = S_first_mismatch(doc, &n);
    VB_CHECK("check/total-mismatch-found", bad != NULL);
    if (bad) {
        VB_CHECK_INT("check/total-mismatch-line", bad->line, 8);
        VB_CHECK_STR("check/total-mismatch-expected", bad->expected, "2.880,5");
        VB_CHECK_STR("check/total-mismatch-found", bad->found, "2.980,5");
    }
    vb_doc_free(doc);
    free(broken);

    /* words that do not spell the digits */
    doc = vb_test_build_text("Kinh phí: 2.500.000đ (Hai triệu sáu trăm nghìn đồng).\n");
    bad = S_first_mismatch(doc, &n);
    VB_CHECK("check/words-mismatch", bad && strcmp(bad->kind, "words") == 0 && bad->line == 1);
    vb_doc_free(doc);

    /* groups: the total adds the subtotals, each subtotal its items */
    doc = vb_test_build_text("STT\tNội dung\tSố lượng\n"
                  "\tTỔNG SỐ:\t30\n"
                  "I.\tNhóm một\t12\n"
                  "1\tA\t5\n"
                  "2\tB\t7\n"
                  "II.\tNhóm hai\t18\n"
                  "1\tC\t19\n");
    bad = S_first_mismatch(doc, &n);
    VB_CHECK_INT("check/groups-count", n, 3);
    VB_CHECK("check/group-mismatch", bad && strcmp(bad->kind, "group-total") == 0 && bad->line == 6);
    vb_doc_free(doc);
}

int main(void) {
    vb_arena *a = vb_arena_new();
    S_numbers(a);
    vb_arena_free(a);
    S_words_cases();
    S_icu_round_trip();
    S_annotate();
    S_checks();
    return vb_test_done();
}
