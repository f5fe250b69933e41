/* Unicode clean-up, tone style and layout, through vb_normalize_source. */
#include "../../normalize/normalize.h"
#include "../support/vb_test.h"

#include <string.h>

static const char *S_repair(const char *text, vb_tone_style tone, bool layout, vb_source **keep) {
    vb_source *src = NULL;
    vb_extract_options eo = {0};
    vb_extract_text("t.txt", text, strlen(text), &eo, &src);
    vb_normalize_options o = {0};
    o.tone_style = tone;
    o.layout = layout;
    vb_normalize_source(src, &o);
    vb_buf out = {0};
    for (vb_block *b = src->first; b; b = b->next) {
        size_t n;
        const char *t = vb_block_text(src, b, &n);
        /* furniture kept out of the flow, marked */
        if (b->region == VB_REGION_PAGE_HEADER) vb_buf_puts(&out, "{header}");
        if (b->region == VB_REGION_PAGE_FOOTER) vb_buf_puts(&out, "{footer}");
        vb_buf_append(&out, t, n);
        vb_buf_puts(&out, "|");
    }
    const char *s = vb_arena_strdup(src->arena, out.data ? out.data : "");
    vb_buf_free(&out);
    *keep = src;
    return s;
}

int main(void) {
    vb_source *s;
    VB_CHECK_STR("look-alike, NBSP, zero-width, control",
                 S_repair("\xC3\x90i\xE1\xBB\x81u\xC2\xA0" "1\xE2\x80\x8B.\x01", VB_TONE_KEEP, false, &s),
                 "Điều 1.|");
    VB_CHECK_INT("control counted", vb_report_get(s->report, "control-removed"), 1);
    vb_source_free(s);
    VB_CHECK_STR("tone before circumflex, doubled tone",
                 S_repair("e\xCC\x81\xCC\x82 a\xCC\x81\xCC\x81", VB_TONE_KEEP, false, &s), "ế á|");
    vb_source_free(s);
    VB_CHECK_STR("majority old", S_repair("hòa hợp, hòa giải, hoà bình, quý", VB_TONE_MAJORITY, false, &s),
                 "hòa hợp, hòa giải, hòa bình, quý|");
    vb_source_free(s);
    VB_CHECK_STR("forced new", S_repair("Thủy lợi, hòa", VB_TONE_NEW, false, &s), "Thuỷ lợi, hoà|");
    vb_source_free(s);
    const char *page =
        "Điều 1. Phạm vi điều chỉnh\n"
        "Nghị định này quy định về việc quản lý hoạt động của các cơ sở khám bệnh, chữa\n"
        "bệnh trên địa bàn cả nước và trách nhiệm của các cơ quan, tổ chức có liên quan đến\n"
        "\n 2 \nCÔNG BÁO/Số 12 + 13/Ngày 02-02-2022\n \n"
        "việc thực hiện Nghị định này theo quy định của pháp luật hiện hành về y tế công cộng.\n"
        "Điều 2. Đối tượng áp dụng\n"
        "Ký bởi: Cổng Thông tin điện tử Chính phủ\nCơ quan: Văn phòng Chính phủ\n";
    VB_CHECK_STR("page furniture out, lines joined, stamp moved", S_repair(page, VB_TONE_KEEP, true, &s),
                 "Điều 1. Phạm vi điều chỉnh|Nghị định này quy định về việc quản lý hoạt động của các cơ "
                 "sở khám bệnh, chữa bệnh trên địa bàn cả nước và trách nhiệm của các cơ quan, tổ chức có "
                 "liên quan đến việc thực hiện Nghị định này theo quy định của pháp luật hiện hành về y tế "
                 "công cộng.|{footer}2|{header}CÔNG BÁO/Số 12 + 13/Ngày 02-02-2022|Điều 2. Đối tượng áp dụng|");
    VB_CHECK_INT("header counted", vb_report_get(s->report, "running-header-removed"), 1);
    VB_CHECK_INT("page number counted", vb_report_get(s->report, "page-number-removed"), 1);
    VB_CHECK_INT("stamp lines moved", vb_report_get(s->report, "signature-moved"), 2);
    VB_CHECK("stamp in props", s->props && strcmp(s->props->value, "Văn phòng Chính phủ") == 0);
    VB_CHECK("joined paragraph keeps its source lines",
             s->first->next && s->first->next->line == 2 && s->first->next->line_end == 8);
    vb_source_free(s);
    return vb_test_done();
}
