/* Unit tests of the model: numbering labels, the administrative header, the
 * section hierarchy built from numbering (not from "#" marks), lists,
 * appendices, the closing block and footnote links. */
#include "../../pipeline/pipeline.h"
#include "../support/vb_test.h"

#include <stdlib.h>
#include <string.h>

/* The outline of a subtree: "I{1{1.1,1.2}}" */
static void S_outline(const vb_node *n, vb_buf *b) {
    for (const vb_node *c = n->first_child; c; c = c->next) {
        if (c->type != VB_NODE_SECTION) continue;
        vb_buf_puts(b, c->as.section.num);
        bool sub = false;
        for (const vb_node *g = c->first_child; g; g = g->next) sub |= g->type == VB_NODE_SECTION;
        if (sub) {
            vb_buf_putc(b, '{');
            S_outline(c, b);
            vb_buf_putc(b, '}');
        }
        if (c->next) vb_buf_putc(b, ',');
    }
}

static const vb_node *S_child(const vb_node *n, vb_node_type t, int nth) {
    for (const vb_node *c = n ? n->first_child : NULL; c; c = c->next)
        if (c->type == t && nth-- == 0) return c;
    return NULL;
}

static void test_hierarchy_from_numbering(void) {
    /* "#" levels that disagree with the numbering, as in real exports */
    vb_doc *d = vb_test_build_text("## KẾ HOẠCH\n\n### I. MỤC ĐÍCH\n\nVăn bản.\n\n### II. NỘI DUNG\n\n"
                        "#### 1. Mục tiêu\n\n##### 1.1. Chung\n\n## 1.2. Cụ thể:\n\n"
                        "### a) Đến 2030:\n\n- Một\n- Hai\n\n## 2. Nhiệm vụ\n\n"
                        "### 2.3.1. Sâu\n\n### III. TỔ CHỨC\n");
    vb_buf b = {0};
    S_outline(S_child(d->root, VB_NODE_BODY, 0), &b);
    VB_CHECK_STR("numbering decides the tree", b.data, "I,II{1{1.1,1.2{a}},2{2.3.1}},III");
    VB_CHECK_STR("type read", d->meta.type.value, "KẾ HOẠCH");
    vb_buf_free(&b);
    vb_doc_free(d);
}

static void test_parts_and_articles(void) {
    vb_doc *d = vb_test_build_text("QUYẾT ĐỊNH\nVề việc ban hành Kế hoạch\n\nCăn cứ Luật.\n\n"
                        "Phần thứ nhất\n\nQUY ĐỊNH CHUNG\n\nChương I\n\nĐiều 1. Phạm vi\n\n"
                        "1. Khoản một\n\na) Điểm a\n\nĐiều 2. Đối tượng\n\nPhần II KẾT QUẢ\n");
    vb_buf b = {0};
    const vb_node *body = S_child(d->root, VB_NODE_BODY, 0);
    S_outline(body, &b);
    VB_CHECK_STR("parts, chapters, articles", b.data, "1{I{1{1{a}},2}},II");
    const vb_node *part = S_child(body, VB_NODE_SECTION, 0);
    VB_CHECK_STR("part title from the next line", vb_node_text(d, S_child(part, VB_NODE_HEADING, 0)),
                 "QUY ĐỊNH CHUNG");
    VB_CHECK_STR("part label as printed", part->as.section.label, "Phần thứ nhất");
    VB_CHECK_STR("title (trích yếu)", d->meta.title.value, "Về việc ban hành Kế hoạch");
    VB_CHECK("preamble stays in the body", S_child(body, VB_NODE_PARAGRAPH, 0) != NULL);
    vb_buf_free(&b);
    vb_doc_free(d);
}

static void test_header_fields(void) {
    vb_doc *d = vb_test_build_text("UBND TỈNH BẮC GIANG\nSỞ Y TẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "Độc lập - Tự do - Hạnh phúc\n\nSố: /KH-SYT\n\n"
                        "Bắc Giang, ngày    tháng    năm 2023\n\nKẾ HOẠCH\nCông tác y tế\nnăm 2024\n\n"
                        "Thực hiện Công văn số 3328/UBND-TH.\n");
    VB_CHECK_STR("authority lines", d->meta.authority.value, "UBND TỈNH BẮC GIANG\nSỞ Y TẾ");
    VB_CHECK_STR("number with a blank", d->meta.number.value, "/KH-SYT");
    VB_CHECK("blank number is unknown", d->meta.number_value == NULL);
    VB_CHECK_STR("code", d->meta.code, "KH-SYT");
    VB_CHECK_STR("place", d->meta.place.value, "Bắc Giang");
    VB_CHECK_INT("year", d->meta.year, 2023);
    VB_CHECK_INT("blank month unknown", d->meta.month, 0);
    VB_CHECK_STR("title over two lines", d->meta.title.value, "Công tác y tế năm 2024");
    VB_CHECK_INT("number line", d->meta.number.line, 7);
    vb_doc_free(d);

    /* two columns interleaved on one line, as OCR and some exports give them */
    d = vb_test_build_text("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "THÀNH PHỐ HẢI PHÒNG Độc lập - Tự do - Hạnh phúc\n"
                "Số: 494 /KH-UBND Hải Phòng, ngày 20 tháng 8 năm 2024\nKẾ HOẠCH\n\n"
                "Triển khai Đề án\n\nĐể triển khai.\n\nI. MỤC ĐÍCH\n\nIL. PHẠM VI\n");
    VB_CHECK_STR("left column is the authority", d->meta.authority.value,
                 "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG");
    VB_CHECK_STR("number joined", d->meta.number.value, "494/KH-UBND");
    VB_CHECK_STR("number value", d->meta.number_value, "494");
    VB_CHECK_STR("place after the number", d->meta.place.value, "Hải Phòng");
    VB_CHECK_INT("day", d->meta.day, 20);
    VB_CHECK_INT("month", d->meta.month, 8);
    vb_buf b = {0};
    S_outline(S_child(d->root, VB_NODE_BODY, 0), &b);
    VB_CHECK_STR("OCR 'IL.' read as II after I", b.data, "I,II");
    vb_buf_free(&b);
    vb_doc_free(d);
}

static void test_lists(void) {
    vb_doc *d = vb_test_build_text("Mở đầu\n\n- Một\n+ Một a\n+ Một b\n- Hai\n- 100% dân số\n-5 độ\n");
    const vb_node *body = S_child(d->root, VB_NODE_BODY, 0);
    const vb_node *list = S_child(body, VB_NODE_LIST, 0);
    int items = 0;
    for (const vb_node *c = list ? list->first_child : NULL; c; c = c->next) items++;
    VB_CHECK_INT("top-level items", items, 3);
    const vb_node *nested = S_child(S_child(list, VB_NODE_ITEM, 0), VB_NODE_LIST, 0);
    VB_CHECK("'+' items nest under '-'", nested && nested->first_child && nested->first_child->next);
    VB_CHECK_STR("item keeps its text", vb_node_text(d, S_child(list, VB_NODE_ITEM, 2)), "100% dân số");
    VB_CHECK("a negative number is no item", S_child(body, VB_NODE_PARAGRAPH, 1) != NULL);
    vb_doc_free(d);
}

static void test_appendix_closing_notes(void) {
    vb_doc *d = vb_test_build_text("I. NỘI DUNG\n\nTheo quy chuẩn¹ mới.\n\n¹ Quy chuẩn 2025.\n\n"
                        "Nơi nhận:\n- Bộ Y tế;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n"
                        "PHÓ CHỦ TỊCH\n\nPhạm Văn Nghiêm\n\nPhụ lục số 01. DANH MỤC\n\n"
                        "STT\tTên\n1\tA\n\nIII. Nhóm ba\n\n2\tB\n\n(Chi tiết tại Phụ lục 5)\n\n"
                        "PHỤ LỤC II\nBẢNG\n\nNội dung\n");
    const vb_node *closing = S_child(d->root, VB_NODE_CLOSING, 0);
    const vb_node *rec = S_child(closing, VB_NODE_RECIPIENTS, 0);
    VB_CHECK("recipients found", rec != NULL);
    VB_CHECK_STR("second recipient", vb_node_text(d, S_child(rec, VB_NODE_ITEM, 1)), "Lưu: VT.");
    const vb_node *signer = S_child(closing, VB_NODE_SIGNER, 0);
    VB_CHECK_STR("signer role", vb_node_text(d, S_child(signer, VB_NODE_ROLE, 1)), "KT. CHỦ TỊCH");
    VB_CHECK_STR("signer name", vb_node_text(d, S_child(signer, VB_NODE_NAME, 0)), "Phạm Văn Nghiêm");
    const vb_node *a1 = S_child(d->root, VB_NODE_APPENDIX, 0), *a2 = S_child(d->root, VB_NODE_APPENDIX, 1);
    VB_CHECK_STR("appendix number", a1 ? a1->as.appendix.num : NULL, "01");
    VB_CHECK_STR("roman appendix", a2 ? a2->as.appendix.num : NULL, "II");
    const vb_node *table = S_child(a1, VB_NODE_TABLE, 0);
    int rows = 0, groups = 0;
    for (const vb_node *r = table ? table->first_child : NULL; r; r = r->next, rows++)
        groups += r->as.row.kind == VB_ROW_GROUP;
    VB_CHECK_INT("a group row cut by a page break rejoins its table", rows, 4);
    VB_CHECK_INT("the group row", groups, 1);
    VB_CHECK("a mention of an appendix is no appendix", S_child(a1, VB_NODE_PARAGRAPH, 0) != NULL);
    const vb_node *fn = S_child(d->root, VB_NODE_FOOTNOTE, 0);
    VB_CHECK_STR("footnote label", fn ? fn->as.note.label : NULL, "1");
    /* the mark links to the note */
    const vb_node *sec = S_child(S_child(d->root, VB_NODE_BODY, 0), VB_NODE_SECTION, 0);
    const vb_node *p = S_child(sec, VB_NODE_PARAGRAPH, 0);
    const vb_node *ref = S_child(p, VB_NODE_NOTE_REF, 0);
    VB_CHECK_STR("note mark linked", ref ? vb_node_get_attr(ref, "ref") : NULL, "fn-1");
    VB_CHECK_INT("tree obeys its rules", vb_doc_check(d, &d->source->diags), 0);
    vb_doc_free(d);
}

static void test_soft_breaks_hide_headings(void) {
    /* "**A****B**": an export that lost the breaks between bold headings */
    vb_doc *d = vb_test_build_text("Phần II**KẾ HOẠCH NĂM 2024****I. MỤC TIÊU****1. Mục tiêu chung**\n\nNội dung.\n");
    vb_buf b = {0};
    S_outline(S_child(d->root, VB_NODE_BODY, 0), &b);
    VB_CHECK_STR("split at the lost breaks", b.data, "II{I{1}}");
    const vb_node *part = S_child(S_child(d->root, VB_NODE_BODY, 0), VB_NODE_SECTION, 0);
    VB_CHECK_STR("part title", vb_node_text(d, S_child(part, VB_NODE_HEADING, 0)), "KẾ HOẠCH NĂM 2024");
    vb_buf_free(&b);
    vb_doc_free(d);
}

/* Text that shares a line with a header field stays in the document. */
static void test_header_keeps_the_rest(void) {
    vb_doc *d = vb_test_build_text("Số: 12/KH-UBND ghi chú lạ\nHà Nội, ngày 5 tháng 3 năm 2024 (bản nháp)\n\nKẾ HOẠCH\n\nNội dung.\n");
    const vb_node *body = S_child(d->root, VB_NODE_BODY, 0);
    VB_CHECK_STR("number read", d->meta.number.value, "12/KH-UBND");
    VB_CHECK_STR("rest of the number line kept", vb_node_text(d, S_child(body, VB_NODE_PARAGRAPH, 0)), "ghi chú lạ");
    VB_CHECK_STR("rest of the date line kept", vb_node_text(d, S_child(body, VB_NODE_PARAGRAPH, 1)), "(bản nháp)");
    VB_CHECK_INT("date complete", d->meta.day * 10000 + d->meta.month * 100 + d->meta.year % 100, 50324);
    vb_doc_free(d);
}

/* Codes keep their small letters: the Prime Minister's TTg, a Tờ trình's TTr. */
static void test_number_code_case(void) {
    static const struct {
        const char *line, *number, *code;
    } cases[] = {
        {"Số: 21/CT-TTg", "21/CT-TTg", "CT-TTg"},
        {"Số: 153/QĐ-TTg Hà Nội, ngày 27 tháng 02 năm 2023", "153/QĐ-TTg", "QĐ-TTg"},
        {"Số: 15/TTr-UBND", "15/TTr-UBND", "TTr-UBND"},
        {"Số: 08/CTr-UBND", "08/CTr-UBND", "CTr-UBND"},
        {"Số: 05/2024/TT-BYT", "05/2024/TT-BYT", "2024/TT-BYT"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[256];
        snprintf(text, sizeof text, "THỦ TƯỚNG CHÍNH PHỦ\n%s\n\nCHỈ THỊ\n\nVề việc thử.\n\nNội dung.\n",
                 cases[i].line);
        vb_doc *d = vb_test_build_text(text);
        VB_CHECK_STR(cases[i].line, d->meta.number.value, cases[i].number);
        VB_CHECK_STR(cases[i].code, d->meta.code, cases[i].code);
        vb_doc_free(d);
    }
    vb_doc *d = vb_test_build_text("THỦ TƯỚNG CHÍNH PHỦ\nSố: 153/QĐ-TTg Hà Nội, ngày 27 tháng 02 năm 2023\n\nQUYẾT ĐỊNH\n\nNội dung.\n");
    VB_CHECK_STR("place after a code with small letters", d->meta.place.value, "Hà Nội");
    vb_doc_free(d);
}

/* The gazette's banner and its one-line copy of the issuing body are no
 * part of the authority, and stay in the document; an OCR-damaged motto is
 * still the motto. */
static void test_authority_lines(void) {
    vb_doc *d = vb_test_build_text("VĂN BẢN QUY PHẠM PHÁP LUẬT\n\nBỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\n"
                        "BỘ LAO ĐỘNG - THƯƠNG\nBINH VÀ XÃ HỘI\n\nSố: 09/2021/TT-BLĐTBXH\n"
                        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                        "Hà Nội, ngày 7 tháng 9 năm 2021\n\nTHÔNG TƯ\n\nSửa đổi một số điều\n\n"
                        "Căn cứ Luật.\n");
    VB_CHECK_STR("banner: the header's own lines", d->meta.authority.value,
                 "BỘ LAO ĐỘNG - THƯƠNG\nBINH VÀ XÃ HỘI");
    const vb_node *body = S_child(d->root, VB_NODE_BODY, 0);
    VB_CHECK_STR("banner kept in the preamble", vb_node_text(d, S_child(body, VB_NODE_PARAGRAPH, 0)),
                 "VĂN BẢN QUY PHẠM PHÁP LUẬT");
    VB_CHECK_STR("banner issuer kept", vb_node_text(d, S_child(body, VB_NODE_PARAGRAPH, 1)),
                 "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI");
    VB_CHECK_STR("banner: motto", d->meta.motto.value, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
    vb_doc_free(d);

    d = vb_test_build_text("VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "Độc lập - Tự do - Hạnh phúc\n\nTHÔNG TƯ\n\nVề phí\n\nNội dung.\n");
    VB_CHECK_STR("consolidated banner on the issuer's line", d->meta.authority.value, "BỘ TÀI CHÍNH");
    VB_CHECK_STR("consolidated banner kept", vb_node_text(d, S_child(S_child(d->root, VB_NODE_BODY, 0), VB_NODE_PARAGRAPH, 0)),
                 "VĂN BẢN HỢP NHẤT -");
    vb_doc_free(d);

    d = vb_test_build_text("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HQI CHỦ NGHĨA VIỆT NAM\n"
                "THÀNH PHỐ HẢI PHÒNG Độc lập - Tự do - Hạnh phúc\nSố: 494/KH-UBND\nKẾ HOẠCH\n\nNội dung.\n");
    VB_CHECK_STR("damaged motto not in the authority", d->meta.authority.value, "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG");
    VB_CHECK_STR("damaged motto kept as printed", d->meta.motto.value,
                 "CỘNG HÒA XÃ HQI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
    vb_doc_free(d);

    /* two different bodies (a joint text) are both the authority */
    d = vb_test_build_text("BỘ TÀI CHÍNH\nBỘ Y TẾ\nSố: 12/2024/TTLT-BTC-BYT\n\nTHÔNG TƯ LIÊN TỊCH\n\nNội dung.\n");
    VB_CHECK_STR("joint authority kept", d->meta.authority.value, "BỘ TÀI CHÍNH\nBỘ Y TẾ");
    vb_doc_free(d);

    d = vb_test_build_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTHÔNG TƯ1\nQuy định giao dịch\n\nNội dung.\n");
    VB_CHECK_STR("type with a footnote mark", d->meta.type.value, "THÔNG TƯ");
    VB_CHECK("type with a footnote mark: no authority", d->meta.authority.value == NULL);
    vb_doc_free(d);

    d = vb_test_build_text("QUỐC HỘI\nLuật số: 51/2024/QH15\n\nLUẬT\n\nSửa đổi một số điều\n\nCăn cứ Hiến pháp.\n");
    VB_CHECK_STR("number after the type's name", d->meta.number.value, "51/2024/QH15");
    VB_CHECK_STR("authority before it", d->meta.authority.value, "QUỐC HỘI");
    vb_doc_free(d);
}

/* Once built, the tree owns every text it holds and the source's blocks
 * are freed: what the renderers read lives in the doc's arena. */
static void test_tree_owns_its_text(void) {
    vb_doc *d = vb_test_build_text("KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\n- Một *ý* [liên kết](http://x.vn)\n\n"
                                   "| A | B |\n| --- | --- |\n| 1 | 2 |\n\nPhụ lục 1\n\nNội dung.\n");
    VB_CHECK("blocks released", d->source->first == NULL && d->source->last == NULL);
    VB_CHECK("source kept in the doc's arena", d->source->arena == d->arena &&
                                                   vb_arena_owns(d->arena, d->source->path));
    size_t texts = 0, foreign = 0;
    vb_iter it;
    vb_iter_init(&it, d->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *n = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER || n->type != VB_NODE_TEXT || n->len < 2) continue;
        texts++;
        foreign += !vb_arena_owns(d->arena, n->text);
    }
    VB_CHECK("texts found", texts > 5);
    VB_CHECK_INT("every text in the doc's arena", foreign, 0);
    vb_doc_free(d);
}

/* Quoted law text is a quotation with its own sections; a quotation left
 * open ends before the document's own next heading, or after 200 lines. */
static void test_quotations(void) {
    vb_doc *d = vb_test_build_text("CÔNG VĂN\n\nLuật quy định như sau:\n\n\"Điều 56. Áp dụng\n\n"
                                   "1. Khoản một.\n\n2. Khoản hai.\n\nĐiều 57. Ngoại lệ\n\nNội dung.\"\n\n"
                                   "Đề nghị thực hiện \"đúng hạn\" theo quy định.\n");
    const vb_node *body = S_child(d->root, VB_NODE_BODY, 0);
    const vb_node *q = S_child(body, VB_NODE_QUOTATION, 0);
    vb_buf b = {0};
    S_outline(body, &b);
    VB_CHECK_STR("no section of the document's own", b.data ? b.data : "", "");
    b.len = 0;
    S_outline(q, &b);
    VB_CHECK_STR("the quoted articles in the quotation", b.data ? b.data : "", "56{1,2},57");
    VB_CHECK_STR("opening mark kept", vb_node_get_attr(q, "open"), "\"");
    VB_CHECK_STR("closing mark kept", vb_node_get_attr(q, "close"), "\"");
    VB_CHECK("a quoted phrase stays in its paragraph",
             S_child(body, VB_NODE_QUOTATION, 1) == NULL && body->last_child &&
                 body->last_child->type == VB_NODE_PARAGRAPH);
    vb_doc_free(d);

    /* no closing mark: at most 200 lines, never the rest of the document */
    vb_buf in = {0};
    vb_buf_puts(&in, "CÔNG VĂN\n\nLuật quy định:\n\n“1. Khoản một.\n\n");
    for (int i = 0; i < 500; i++) vb_buf_printf(&in, "Dòng %d của văn bản.\n\n", i);
    d = vb_test_build_text(in.data);
    body = S_child(d->root, VB_NODE_BODY, 0);
    q = S_child(body, VB_NODE_QUOTATION, 0);
    size_t inside = 0, after = 0;
    for (const vb_node *c = q ? q->first_child : NULL; c; c = c->next) inside++;
    for (const vb_node *c = q ? q->next : NULL; c; c = c->next) after++;
    VB_CHECK_STR("marked unclosed", q ? vb_node_get_attr(q, "unclosed") : NULL, "true");
    VB_CHECK("bounded", q && inside <= 200 && after >= 300);
    vb_doc_free(d);

    /* no closing mark inside Điều 1: it ends before Điều 2 */
    d = vb_test_build_text("QUYẾT ĐỊNH\n\nĐiều 1. Sửa đổi khoản 2 như sau:\n\n“2. Ban quản lý:\n\n"
                           "a) Bố trí;\n\nĐiều 2. Hiệu lực\n\nNội dung.\n");
    body = S_child(d->root, VB_NODE_BODY, 0);
    b.len = 0;
    S_outline(body, &b);
    VB_CHECK_STR("the document's own articles", b.data ? b.data : "", "1,2");
    q = S_child(S_child(body, VB_NODE_SECTION, 0), VB_NODE_QUOTATION, 0);
    b.len = 0;
    S_outline(q, &b);
    VB_CHECK_STR("the quoted khoản in Điều 1", b.data ? b.data : "", "2{a}");
    vb_doc_free(d);
    vb_buf_free(&in);
    vb_buf_free(&b);
}

int main(void) {
    test_quotations();
    test_tree_owns_its_text();
    test_header_keeps_the_rest();
    test_authority_lines();
    test_number_code_case();
    test_hierarchy_from_numbering();
    test_parts_and_articles();
    test_header_fields();
    test_lists();
    test_appendix_closing_notes();
    test_soft_breaks_hide_headings();
    return vb_test_done();
}
