/* Spec tests of the lexicon (model/lexicon.c): for each rule, inputs and
 * what the rule must say of them.  The cases are data; a new defect gets a
 * row, titled by what it pins. */
#include "../../model/model.h"
#include "../support/vb_test.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void S_matcher(void) {
    static const struct {
        const char *name, *text, *phrase;
        size_t expect; /* bytes taken, 0 = no match */
    } cases[] = {
        {"match/same", "Tổng cộng", "tổng cộng", strlen("Tổng cộng")},
        {"match/capitals", "TỔNG CỘNG", "tổng cộng", strlen("TỔNG CỘNG")},
        {"match/marks-lost", "Tong cong", "tổng cộng", strlen("Tong cong")},
        {"match/tone-lost", "Tông cong", "tổng cộng", strlen("Tông cong")},
        {"match/other-marks", "Tổng cống", "tổng cộng", 0},
        {"match/tone-lost-only", "Tổng công", "tổng cộng", strlen("Tổng công")},
        {"match/other-tone", "Tống", "tổng", 0},
        {"match/d-bar-lost", "QD", "QĐ", 2},
        {"match/d-bar-kept", "qđ", "QĐ", strlen("qđ")},
        {"match/plain-d-is-not-bar", "QĐ", "QD", 0},
        {"match/blank-run", "Kế  \thoạch", "kế hoạch", strlen("Kế  \thoạch")},
        {"match/blank-needed", "Kếhoạch", "kế hoạch", 0},
        {"match/word-end", "Tổngsố", "tổng", 0},
        {"match/digit-end", "Cộng1", "cộng", 0},
        {"match/punct-end", "Cộng:", "cộng", strlen("Cộng")},
        {"match/prefix-only", "Tổng số 15", "tổng số", strlen("Tổng số")},
        {"match/combining-marks", "To\xcc\x82\xcc\x89ng", "tổng", strlen("To\xcc\x82\xcc\x89ng")},
        {"match/short-text", "Tổn", "tổng", 0},
        {"match/empty-text", "", "tổng", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        VB_CHECK_INT(cases[i].name, vb_lex_match(cases[i].text, strlen(cases[i].text), cases[i].phrase),
                     cases[i].expect);
    static const char *const list[] = {"thông tư", "thông tư liên tịch", NULL};
    size_t which = 9;
    const char *t = "THÔNG TƯ LIÊN TỊCH";
    VB_CHECK_INT("match-any/longest", vb_lex_match_any(t, strlen(t), list, &which), strlen(t));
    VB_CHECK_INT("match-any/which", which, 1);
    VB_CHECK_INT("match-any/none", vb_lex_match_any("Thông báo", strlen("Thông báo"), list, NULL), 0);
}

static void S_row_kind(void) {
    static const struct {
        const char *cell;
        vb_lex_row_kind expect;
    } cases[] = {
        {"Tổng", VB_LEX_ROW_TOTAL},
        {"Tổng cộng", VB_LEX_ROW_TOTAL},
        {"TỔNG CỘNG", VB_LEX_ROW_TOTAL},
        {"Tổng cộng:", VB_LEX_ROW_TOTAL},
        {"Tong cong", VB_LEX_ROW_TOTAL},
        {"Tổng số:", VB_LEX_ROW_TOTAL},
        {"TỔNG SỐ:", VB_LEX_ROW_TOTAL},
        {"  Tổng số 2024", VB_LEX_ROW_TOTAL},
        {"Tổng cộng (I+II+III)", VB_LEX_ROW_TOTAL},
        {"Tổng cộng (A) – (B)", VB_LEX_ROW_TOTAL},
        {"Cộng", VB_LEX_ROW_SUBTOTAL},
        {"CỘNG", VB_LEX_ROW_SUBTOTAL},
        {"Cộng I", VB_LEX_ROW_SUBTOTAL},
        {"Cộng A:", VB_LEX_ROW_SUBTOTAL},
        {"Cộng (1)", VB_LEX_ROW_SUBTOTAL},
        /* the defect this rule fixes: a name that begins with a total word */
        {"Tổng cục Thống kê", VB_LEX_ROW_NONE},
        {"TỔNG CỤC THUẾ", VB_LEX_ROW_NONE},
        {"Tổng công ty Điện lực miền Bắc", VB_LEX_ROW_NONE},
        {"Tổng kinh phí", VB_LEX_ROW_NONE},
        {"Tổng hợp ý kiến", VB_LEX_ROW_NONE},
        {"Cộng đồng dân cư", VB_LEX_ROW_NONE},
        {"Cộng Hòa", VB_LEX_ROW_NONE},
        {"Tổng cộng (I+II", VB_LEX_ROW_NONE},
        {"Tống Văn Bình", VB_LEX_ROW_NONE},
        {"Sở Y tế", VB_LEX_ROW_NONE},
        {"1", VB_LEX_ROW_NONE},
        {"", VB_LEX_ROW_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "row-kind/%s", cases[i].cell);
        VB_CHECK_INT(name, vb_lex_row_kind_of(cases[i].cell), cases[i].expect);
    }
    VB_CHECK_INT("row-kind/null", vb_lex_row_kind_of(NULL), VB_LEX_ROW_NONE);
}

static void S_total_header(void) {
    static const struct {
        const char *header;
        bool expect;
    } cases[] = {
        {"Tổng", true},
        {"TỔNG", true},
        {"Tổng số", true},
        {"Tổng kinh phí", true},
        {"Cộng", true},
        {"Kinh phí / Tổng", true},
        {"Kinh phí /  Tổng cộng", true},
        {"Tong so", true},
        {"Tổng cục", false},
        {"Cộng đồng", false},
        {"Tổng / Ngân sách tỉnh", false},
        {"Ngân sách", false},
        {"STT", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "total-header/%s", cases[i].header);
        VB_CHECK_INT(name, vb_lex_is_total_header(cases[i].header), cases[i].expect);
    }
}

static void S_prose_total(void) {
    static const struct {
        const char *text;
        bool expect;
    } cases[] = {
        {"Tổng kinh phí dự kiến là", true},
        {"với tổng số tiền", true},
        {"TỔNG KINH PHÍ:", true},
        {"tong kinh phi", true},
        {"(Tổng", true},
        {"theo số liệu của Tổng cục Thống kê là", false},
        {"Tổng công ty Điện lực chi", false},
        {"Tổng cục Thuế; tổng số thu", true},
        {"tổng kết năm", false},
        {"kinh phí", false},
        {"", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "prose-total/%s", cases[i].text);
        VB_CHECK_INT(name, vb_lex_mentions_total(cases[i].text, strlen(cases[i].text)), cases[i].expect);
    }
}

static void S_doc_types(void) {
    static const struct {
        const char *text;
        const char *name, *abbr, *code; /* name NULL: no type */
    } cases[] = {
        {"QUYẾT ĐỊNH", "Quyết định", "QĐ", "02"},
        {"Quyet dinh", "Quyết định", "QĐ", "02"},
        {"KẾ HOẠCH", "Kế hoạch", "KH", "10"},
        {"Ke  hoach", "Kế hoạch", "KH", "10"},
        {"NGHỊ QUYẾT", "Nghị quyết", "NQ", "01"},
        {"Nghị định", "Nghị định", "NĐ", "32"},
        {"THÔNG TƯ", "Thông tư", "TT", "32"},
        {"THÔNG TƯ LIÊN TỊCH", "Thông tư liên tịch", "TTLT", "32"},
        {"thong tu lien tich", "Thông tư liên tịch", "TTLT", "32"},
        {"Quy định", "Quy định", "QyĐ", "05"},
        {"Quy chế", "Quy chế", "QC", "04"},
        {"CHƯƠNG TRÌNH", "Chương trình", "CTr", "09"},
        {"Tờ trình", "Tờ trình", "TTr", "15"},
        {"ĐỀ ÁN", "Đề án", "ĐA", "12"},
        {"Dự án", "Dự án", "DA", "13"},
        {"BÁO CÁO", "Báo cáo", "BC", "14"},
        {"Công văn", "Công văn", "CV", "22"},
        {"CÔNG ĐIỆN", "Công điện", "CĐ", "23"},
        {"Hợp đồng", "Hợp đồng", "HĐ", "21"},
        {"Giấy mời", "Giấy mời", "GM", "26"},
        {"Bản ghi nhớ", "Bản ghi nhớ", "BGN", "24"},
        {"LUẬT", "Luật", "Luật", "32"},
        {"Bộ luật", "Bộ luật", "BLuật", "32"},
        {"Biên bản", "Biên bản", "BB", "20"},
        {"KẾ HOẠCH HÀNH ĐỘNG", NULL, NULL, NULL},
        {"Kế hoạch:", NULL, NULL, NULL},
        {"Quyết toán", NULL, NULL, NULL},
        {"", NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const vb_lex_doc_type *t = vb_lex_doc_type_of(cases[i].text, strlen(cases[i].text));
        char name[160];
        snprintf(name, sizeof name, "doc-type/%s", cases[i].text);
        if (!cases[i].name) {
            VB_CHECK(name, t == NULL);
            continue;
        }
        VB_CHECK_STR(name, t ? t->name : NULL, cases[i].name);
        snprintf(name, sizeof name, "doc-type/%s/abbr", cases[i].text);
        VB_CHECK_STR(name, t ? t->abbr : NULL, cases[i].abbr);
        snprintf(name, sizeof name, "doc-type/%s/code", cases[i].text);
        VB_CHECK_STR(name, t ? t->code : NULL, cases[i].code);
    }
    size_t n = 0;
    const char *line = "Thông tư liên tịch số 12";
    const vb_lex_doc_type *t = vb_lex_doc_type_at(line, strlen(line), &n);
    VB_CHECK_STR("doc-type-at/longest", t ? t->name : NULL, "Thông tư liên tịch");
    VB_CHECK_INT("doc-type-at/length", n, strlen("Thông tư liên tịch"));
    VB_CHECK("doc-type-at/none", vb_lex_doc_type_at("Căn cứ", strlen("Căn cứ"), &n) == NULL && n == 0);
    /* every code of Thông tư 05/2025 is two digits 01..32 */
    bool codes_ok = true;
    size_t count = 0;
    for (const vb_lex_doc_type *d; (d = vb_lex_doc_type_nth(count)); count++)
        codes_ok &= strlen(d->code) == 2 && strcmp(d->code, "01") >= 0 && strcmp(d->code, "32") <= 0;
    VB_CHECK("doc-type/codes-in-range", codes_ok && count >= 31);
    bool listed = true;
    for (size_t i = 0; vb_lex_types_named_in_number[i]; i++) {
        const char *n = vb_lex_types_named_in_number[i];
        const vb_lex_doc_type *d = vb_lex_doc_type_of(n, strlen(n));
        listed &= d && strcmp(d->name, n) == 0;
    }
    VB_CHECK("doc-type/named-in-number-are-types", listed);
}

static void S_agencies(void) {
    static const struct {
        const char *text;
        vb_lex_agency_use use;
        const char *word; /* the agency word it begins with, "" for none */
    } cases[] = {
        {"Sở Y tế", VB_LEX_AGENCY_CELL, "Sở"},
        {"SỞ TÀI CHÍNH", VB_LEX_AGENCY_BODY, "SỞ"},
        {"Tổng cục Thống kê", VB_LEX_AGENCY_CELL, "Tổng cục"},
        {"Tổng công ty Điện lực", VB_LEX_AGENCY_BODY, "Tổng công ty"},
        {"UBND huyện", VB_LEX_AGENCY_CELL, "UBND"},
        {"Ủy ban nhân dân", VB_LEX_AGENCY_BODY, "Ủy ban"},
        {"UỶ BAN NHÂN DÂN", VB_LEX_AGENCY_BODY, "UỶ BAN"},
        {"Bộ Chỉ huy Quân sự", VB_LEX_AGENCY_CELL, "Bộ Chỉ huy"},
        {"HDND tỉnh", VB_LEX_AGENCY_BODY, "HDND"},
        {"Các sở, ngành", VB_LEX_AGENCY_CELL, "Các"},
        {"Các sở, ngành", VB_LEX_AGENCY_BODY, ""},
        {"Vụ Pháp chế", VB_LEX_AGENCY_BODY, "Vụ"},
        {"Vụ Pháp chế", VB_LEX_AGENCY_CELL, ""},
        {"VŨ VĂN AN", VB_LEX_AGENCY_BODY, ""},
        {"THÀNH PHỐ HẢI PHÒNG", VB_LEX_AGENCY_BODY, ""},
        {"Thành phố Hải Phòng", VB_LEX_AGENCY_CELL, "Thành phố"},
        {"Bán hàng", VB_LEX_AGENCY_CELL, ""},
        {"Sởi", VB_LEX_AGENCY_CELL, ""},
        {"sở Y tế", VB_LEX_AGENCY_CELL, ""},
        {"ngành", VB_LEX_AGENCY_CELL, ""},
        {"các sở", VB_LEX_AGENCY_CELL, "các"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "agency/%s/%d", cases[i].text, (int)cases[i].use);
        VB_CHECK_INT(name, vb_lex_agency_word(cases[i].text, strlen(cases[i].text), cases[i].use),
                     strlen(cases[i].word));
    }
}

static void S_headers(void) {
    static const struct {
        const char *header;
        vb_lex_column column;
        bool expect;
    } cases[] = {
        {"STT", VB_LEX_COL_INDEX, true},
        {"stt", VB_LEX_COL_INDEX, true},
        {"Số TT", VB_LEX_COL_INDEX, true},
        {"TT", VB_LEX_COL_INDEX, true},
        {"", VB_LEX_COL_INDEX, false},
        {"STT nhiệm vụ", VB_LEX_COL_INDEX, false},
        {"Cơ quan chủ trì", VB_LEX_COL_LEAD, true},
        {"CƠ QUAN CHỦ TRÌ", VB_LEX_COL_LEAD, true},
        {"Cơ quan chủ trì", VB_LEX_COL_PARTNER, false},
        {"Đơn vị phối hợp", VB_LEX_COL_PARTNER, true},
        {"Đơn vị thực hiện", VB_LEX_COL_AGENCY, true},
        {"Cơ quan", VB_LEX_COL_AGENCY, true},
        {"Phối hợp", VB_LEX_COL_AGENCY, true},
        {"Thời gian hoàn thành", VB_LEX_COL_DEADLINE, true},
        {"THỜI HẠN", VB_LEX_COL_DEADLINE, true},
        {"Tiến độ", VB_LEX_COL_DEADLINE, true},
        {"Năm 2026", VB_LEX_COL_DEADLINE, false},
        {"Sản phẩm", VB_LEX_COL_OUTPUT, true},
        {"Kết quả đầu ra", VB_LEX_COL_OUTPUT, true},
        {"Nội dung nhiệm vụ", VB_LEX_COL_NAME, true},
        {"Tên dự án", VB_LEX_COL_NAME, true},
        {"Tiên", VB_LEX_COL_NAME, false},
        {"Tỉ lệ %", VB_LEX_COL_SHARE, true},
        {"TỶ LỆ", VB_LEX_COL_SHARE, true},
        {"Đạt (%)", VB_LEX_COL_SHARE, true},
        {"Số lượng", VB_LEX_COL_SHARE, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "header/%s/%d", cases[i].header, (int)cases[i].column);
        VB_CHECK_INT(name, vb_lex_header_names(cases[i].header, cases[i].column), cases[i].expect);
    }
    static const struct {
        const char *text;
        vb_lex_column expect;
        size_t len;
    } labels[] = {
        {"Chủ trì: Sở Y tế", VB_LEX_COL_LEAD, sizeof "Chủ trì:" - 1},
        {"chủ trì:Sở", VB_LEX_COL_LEAD, sizeof "chủ trì:" - 1},
        {"Phối hợp: các sở", VB_LEX_COL_PARTNER, sizeof "Phối hợp:" - 1},
        {"Chủ trì Sở Y tế", VB_LEX_COL_INDEX, 0},
        {"Sở Y tế", VB_LEX_COL_INDEX, 0},
    };
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        char name[160];
        size_t got = 99;
        snprintf(name, sizeof name, "role-label/%s", labels[i].text);
        VB_CHECK_INT(name, vb_lex_role_label(labels[i].text, strlen(labels[i].text), &got), labels[i].expect);
        snprintf(name, sizeof name, "role-label/%s/length", labels[i].text);
        VB_CHECK_INT(name, got, labels[i].len);
    }
    size_t n = 0;
    const char *h = "Kinh phí (tỷ đồng)";
    VB_CHECK_INT("find/word", vb_lex_find(h, strlen(h), "tỷ đồng", &n), strlen("Kinh phí ("));
    VB_CHECK_INT("find/length", n, strlen("tỷ đồng"));
    VB_CHECK_INT("find/not-inside-word", vb_lex_find("Tiêntên", strlen("Tiêntên"), "tên", NULL), SIZE_MAX);
    VB_CHECK_INT("find/symbol-inside-word", vb_lex_find("lệ%", strlen("lệ%"), "%", NULL), strlen("lệ"));
}

static void S_divisions(void) {
    static const struct {
        const char *text;
        vb_lex_division expect;
        const char *word;
    } cases[] = {
        {"Điều 5. Hiệu lực", VB_LEX_DIV_ARTICLE, "Điều"},
        {"ĐIỀU 5", VB_LEX_DIV_ARTICLE, "ĐIỀU"},
        {"Chương II", VB_LEX_DIV_CHAPTER, "Chương"},
        {"Chương trình", VB_LEX_DIV_CHAPTER, "Chương"}, /* the number after it decides */
        {"MỤC 1", VB_LEX_DIV_SECTION, "MỤC"},
        {"Phần thứ nhất", VB_LEX_DIV_PART, "Phần"},
        {"PHỤ LỤC II", VB_LEX_DIV_APPENDIX, "PHỤ LỤC"},
        {"Phụ lục số 01", VB_LEX_DIV_APPENDIX, "Phụ lục"},
        {"phụ lục kèm theo", VB_LEX_DIV_NONE, ""},
        {"điều 5 của Luật", VB_LEX_DIV_NONE, ""},
        {"Điều chỉnh", VB_LEX_DIV_ARTICLE, "Điều"},
        {"Điềuchỉnh", VB_LEX_DIV_NONE, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[160];
        size_t n = 99;
        snprintf(name, sizeof name, "division/%s", cases[i].text);
        VB_CHECK_INT(name, vb_lex_division_at(cases[i].text, strlen(cases[i].text), &n), cases[i].expect);
        snprintf(name, sizeof name, "division/%s/length", cases[i].text);
        VB_CHECK_INT(name, n, strlen(cases[i].word));
    }
    static const struct {
        const char *line;
        bool expect;
    } pages[] = {
        {"12", true}, {"- 12 -", true}, {"Trang 12", true}, {"TRANG 3", true}, {"1234", false},
        {"Trang", false}, {"Trang12", false}, {"12 trang", false}, {"Trang 12 của 20 trang", false},
        {"", false}, {"-", false},
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        char name[160];
        snprintf(name, sizeof name, "page-number/%s", pages[i].line);
        VB_CHECK_INT(name, vb_lex_is_page_number(pages[i].line, strlen(pages[i].line)), pages[i].expect);
    }
}

static void S_signature(void) {
    bool tm = false, kt = false, chair = false;
    for (size_t i = 0; vb_lex_signer_prefixes[i]; i++) {
        tm |= strcmp(vb_lex_signer_prefixes[i], "TM") == 0;
        kt |= strcmp(vb_lex_signer_prefixes[i], "KT") == 0;
    }
    for (size_t i = 0; vb_lex_signer_offices[i]; i++)
        chair |= strcmp(vb_lex_signer_offices[i], "CHỦ TỊCH") == 0;
    VB_CHECK("signer/prefixes", tm && kt);
    VB_CHECK("signer/offices", chair);
    /* an office with its first letter left in the other column by OCR */
    const char *cut = vb_lex_office_cut_left("HỦ TỊCH", strlen("HỦ TỊCH"));
    VB_CHECK("signer/office-cut-left", cut && strcmp(cut, "CHỦ TỊCH") == 0);
    cut = vb_lex_office_cut_left("IÁM ĐỐC ", strlen("IÁM ĐỐC "));
    VB_CHECK("signer/office-cut-left-trailing-blank", cut && strcmp(cut, "GIÁM ĐỐC") == 0);
    VB_CHECK("signer/office-cut-left-whole-is-not", !vb_lex_office_cut_left("CHỦ TỊCH", strlen("CHỦ TỊCH")));
    VB_CHECK("signer/office-cut-left-marks-count", !vb_lex_office_cut_left("HU TỊCH", strlen("HU TỊCH")));
    VB_CHECK("signer/office-cut-left-small-letters", !vb_lex_office_cut_left("hủ tịch", strlen("hủ tịch")));
}

/* The patterns built from the tables: escaped, blanks as \s+, capitals. */
static bool S_pattern_matches(const char *pattern, const char *text) {
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err,
                                   &off, NULL);
    if (!re) return false;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    bool ok = pcre2_match(re, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL) >= 0;
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return ok;
}

static void S_patterns(void) {
    static const char *const words[] = {"T.M", "chủ tịch", NULL};
    vb_buf b = {0};
    vb_lex_pattern(&b, words, true);
    VB_CHECK_STR("pattern/escaped-capitals", b.data, "T\\.M|CHỦ\\s+TỊCH");
    vb_buf_clear(&b);
    vb_buf_puts(&b, "^(?:");
    vb_lex_doc_type_pattern(&b, true);
    vb_buf_puts(&b, ")$");
    VB_CHECK("pattern/doc-type-title", S_pattern_matches(b.data, "THÔNG TƯ  LIÊN TỊCH"));
    VB_CHECK("pattern/doc-type-capitals-only", !S_pattern_matches(b.data, "Thông tư"));
    VB_CHECK("pattern/doc-type-not-other", !S_pattern_matches(b.data, "KẾ HOẠCH CHUNG"));
    vb_buf_free(&b);
    /* an alternation takes the first name that fits: no name may begin
     * with one listed before it */
    bool ordered = true;
    for (size_t i = 0; vb_lex_doc_type_nth(i); i++)
        for (size_t k = i + 1; vb_lex_doc_type_nth(k); k++) {
            const char *a = vb_lex_doc_type_nth(i)->name, *later = vb_lex_doc_type_nth(k)->name;
            if (vb_lex_match(later, strlen(later), a)) ordered = false;
        }
    VB_CHECK("pattern/doc-type-longer-first", ordered);
}

static void S_form_marks(void) {
    static const struct {
        const char *name, *text;
        size_t vv, addressee, rank; /* bytes each rule takes, 0 = none */
    } cases[] = {
        {"form/vv-colon", "V/v: triển khai", 5, 0, 0},
        {"form/vv-blank", "V/v triển khai", 4, 0, 0},
        {"form/vv-capitals", "V/V  báo cáo", 5, 0, 0},
        {"form/vv-lower", "v/v báo cáo", 4, 0, 0},
        {"form/vv-alone", "V/v", 3, 0, 0},
        {"form/vv-inside-word", "V/vb", 0, 0, 0},
        {"form/vv-not-prose", "về việc báo cáo", 0, 0, 0},
        {"form/addressee-colon", "Kính gửi: Sở Y tế", 0, strlen("Kính gửi: "), 0},
        {"form/addressee-capitals", "KÍNH GỬI:", 0, strlen("KÍNH GỬI:"), 0},
        {"form/addressee-old-spelling", "Kính gởi - UBND", 0, strlen("Kính gởi "), 0},
        {"form/addressee-title-case", "Kính Gửi:", 0, strlen("Kính Gửi:"), 0},
        {"form/addressee-alone", "Kính gửi", 0, strlen("Kính gửi"), 0},
        {"form/addressee-not-prose", "kính gửi các đơn vị", 0, 0, 0},
        {"form/addressee-longer-word", "Kính gửii", 0, 0, 0},
        {"form/rank-general", "Thiếu tướng Nguyễn Văn A", 0, 0, strlen("Thiếu tướng ")},
        {"form/rank-colonel", "Đại tá  Trần B", 0, 0, strlen("Đại tá  ")},
        {"form/rank-old-spelling", "Đại uý Lê C", 0, 0, strlen("Đại uý ")},
        {"form/rank-senior", "Thượng tướng Nguyễn Văn Hiền", 0, 0, strlen("Thượng tướng ")},
        {"form/rank-alone", "Thiếu tướng", 0, 0, 0},
        {"form/rank-needs-blank", "Đại tá,", 0, 0, 0},
        {"form/rank-not-name", "Trung tâm Y tế", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        size_t n = strlen(t);
        char name[96];
        snprintf(name, sizeof name, "%s/vv", cases[i].name);
        VB_CHECK_INT(name, vb_lex_vv_mark(t, n), cases[i].vv);
        snprintf(name, sizeof name, "%s/is-vv", cases[i].name);
        VB_CHECK(name, vb_lex_is_vv_mark(t, n) == (cases[i].vv > 0));
        snprintf(name, sizeof name, "%s/addressee", cases[i].name);
        VB_CHECK_INT(name, vb_lex_addressee_mark(t, n), cases[i].addressee);
        snprintf(name, sizeof name, "%s/rank", cases[i].name);
        VB_CHECK_INT(name, vb_lex_rank_at(t, n), cases[i].rank);
    }
}

/* Độ mật, độ khẩn and "Dự thảo": the whole text is marks, or there is none. */
static void S_doc_marks(void) {
    static const struct {
        const char *name, *text;
        size_t n;                 /* marks found */
        const char *first, *level; /* the first mark as printed, its level */
        const char *round;        /* a draft's round, "" none */
    } cases[] = {
        {"mark/mat", "MẬT", 1, "MẬT", "confidential", ""},
        {"mark/toi-mat", "TỐI MẬT", 1, "TỐI MẬT", "secret", ""},
        {"mark/tuyet-mat", "  TUYỆT   MẬT ", 1, "TUYỆT   MẬT", "top-secret", ""},
        {"mark/khan", "KHẨN", 1, "KHẨN", "urgent", ""},
        {"mark/khan-marks-lost", "KHAN", 1, "KHAN", "urgent", ""},
        {"mark/thuong-khan", "**THƯỢNG KHẨN**", 1, "THƯỢNG KHẨN", "very-urgent", ""},
        {"mark/hoa-toc", "HỎA TỐC", 1, "HỎA TỐC", "immediate", ""},
        {"mark/hoa-toc-old-spelling", "HOẢ TỐC", 1, "HOẢ TỐC", "immediate", ""},
        {"mark/hoa-toc-hen-gio", "HỎA TỐC HẸN GIỜ", 1, "HỎA TỐC HẸN GIỜ", "immediate-timed", ""},
        {"mark/bracketed", "(MẬT)", 1, "MẬT", "confidential", ""},
        {"mark/two", "MẬT - KHẨN", 2, "MẬT", "confidential", ""},
        {"mark/two-columns", "KHẨN        DỰ THẢO", 2, "KHẨN", "urgent", ""},
        {"mark/draft", "DỰ THẢO", 1, "DỰ THẢO", "draft", ""},
        {"mark/draft-small", "Dự thảo", 1, "Dự thảo", "draft", ""},
        {"mark/draft-round", "Dự thảo lần 2", 1, "Dự thảo lần 2", "draft", "2"},
        {"mark/draft-round-ordinal", "(Dự thảo lần thứ 3)", 1, "Dự thảo lần thứ 3", "draft", "3"},
        {"mark/draft-number", "DỰ THẢO 4", 1, "DỰ THẢO 4", "draft", "4"},
        {"mark/draft-words", "Dự thảo lần cuối", 0, NULL, NULL, ""},
        {"mark/prose-khan-truong", "Khẩn trương", 0, NULL, NULL, ""},
        {"mark/capitals-khan-truong", "KHẨN TRƯƠNG", 0, NULL, NULL, ""},
        {"mark/small-khan", "Khẩn", 0, NULL, NULL, ""},
        {"mark/mat-do", "MẬT ĐỘ", 0, NULL, NULL, ""},
        {"mark/mat-do-small", "mật độ dân cư", 0, NULL, NULL, ""},
        {"mark/draft-of", "Dự thảo Quyết định", 0, NULL, NULL, ""},
        {"mark/other-mark", "MẶT", 0, NULL, NULL, ""},
        {"mark/separators-only", " - | ", 0, NULL, NULL, ""},
        {"mark/empty", "", 0, NULL, NULL, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        vb_lex_doc_mark m[4];
        size_t n = vb_lex_doc_marks(t, strlen(t), m, 4);
        char name[96];
        snprintf(name, sizeof name, "%s/count", cases[i].name);
        VB_CHECK_INT(name, n, cases[i].n);
        if (!n || !cases[i].first) continue;
        snprintf(name, sizeof name, "%s/text", cases[i].name);
        VB_CHECK(name, m[0].len == strlen(cases[i].first) && memcmp(t + m[0].start, cases[i].first, m[0].len) == 0);
        snprintf(name, sizeof name, "%s/level", cases[i].name);
        VB_CHECK_STR(name, m[0].level, cases[i].level);
        snprintf(name, sizeof name, "%s/round", cases[i].name);
        VB_CHECK(name, m[0].round_len == strlen(cases[i].round) &&
                           memcmp(t + m[0].round_start, cases[i].round, m[0].round_len) == 0);
    }
    vb_lex_doc_mark m[1];
    VB_CHECK_INT("mark/count-beyond-max", vb_lex_doc_marks("MẬT, KHẨN", strlen("MẬT, KHẨN"), m, 1), 2);
    VB_CHECK_INT("mark/count-null", vb_lex_doc_marks("KHẨN", strlen("KHẨN"), NULL, 0), 1);
    VB_CHECK_STR("mode/confidential", vb_lex_secrecy_mode("confidential"), "03");
    VB_CHECK_STR("mode/top-secret", vb_lex_secrecy_mode("top-secret"), "03");
    VB_CHECK("mode/urgency-is-no-secrecy", vb_lex_secrecy_mode("urgent") == NULL);
    VB_CHECK("mode/none", vb_lex_secrecy_mode(NULL) == NULL);
}

static void S_connectives(void) {
    static const struct {
        const char *name, *text;
        bool ends;
    } cases[] = {
        {"connective/cua", "QUY ĐỊNH VỀ QUẢN LÝ CỦA ", true},
        {"connective/thuoc-lower", "các đơn vị thuộc", true},
        {"connective/va-markdown", "QUẢN LÝ VÀ **", true},
        {"connective/number", "KẾ HOẠCH NĂM 2026 ", false},
        {"connective/inside-word", "CHỦ TỊCH CỦAA", false},
        {"connective/noun", "QUỐC PHÒNG", false},
        {"connective/empty", "", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        VB_CHECK(cases[i].name,
                 vb_lex_ends_with_connective(cases[i].text, strlen(cases[i].text)) == cases[i].ends);
}

/* The words the model's patterns are built from: each table says its word
 * once, and a text the pattern must find matches the table's word. */
static void S_pattern_words(void) {
    static const struct {
        vb_lex_division d;
        const char *text;
    } divisions[] = {
        {VB_LEX_DIV_PART, "PHẦN THỨ HAI"},   {VB_LEX_DIV_CHAPTER, "Chương III"},
        {VB_LEX_DIV_SECTION, "MỤC 2"},       {VB_LEX_DIV_ARTICLE, "Điều 5."},
        {VB_LEX_DIV_APPENDIX, "PHỤ LỤC I"},
    };
    for (size_t i = 0; i < sizeof divisions / sizeof divisions[0]; i++) {
        const char *w = vb_lex_division_word(divisions[i].d);
        char name[64];
        snprintf(name, sizeof name, "pattern-words/division-%d", (int)divisions[i].d);
        VB_CHECK(name, w && vb_lex_match(divisions[i].text, strlen(divisions[i].text), w) > 0);
    }
    VB_CHECK("pattern-words/division-none", vb_lex_division_word(VB_LEX_DIV_NONE) == NULL);
    VB_CHECK("pattern-words/recipients",
             vb_lex_match_any("NƠI NHẬN:", strlen("NƠI NHẬN:"), vb_lex_recipients_marks, NULL) ==
                 strlen("NƠI NHẬN"));
    /* the OCR spellings of "Sở": as read by an English-model OCR */
    static const char *const ocr[] = {"S&", "S§", "S¢", "So", "So6", "Sự", "35", "SỞ"};
    for (size_t i = 0; i < sizeof ocr / sizeof ocr[0]; i++) {
        size_t n = strlen(ocr[i]), at = 0, k;
        bool ok = false;
        for (k = 0; vb_lex_ocr_so_first[k]; k++)
            if (strncmp(ocr[i], vb_lex_ocr_so_first[k], strlen(vb_lex_ocr_so_first[k])) == 0)
                at = strlen(vb_lex_ocr_so_first[k]), ok = true;
        for (int rest = 0; ok && rest < 2 && at < n; rest++) {
            bool found = false;
            for (k = 0; vb_lex_ocr_so_rest[k] && !found; k++) {
                size_t m = strlen(vb_lex_ocr_so_rest[k]);
                if (at + m <= n && memcmp(ocr[i] + at, vb_lex_ocr_so_rest[k], m) == 0) at += m, found = true;
            }
            if (!found) break;
        }
        char name[64];
        snprintf(name, sizeof name, "pattern-words/ocr-so-%zu", i);
        VB_CHECK(name, ok && at == n);
    }
}

/* The Akoma Ntoso output asks which type a ký hiệu names, whether a type
 * is a normative act, and what opens a preamble paragraph. */
static void S_akn_words(void) {
    static const struct {
        const char *abbr, *name; /* name NULL: no type */
    } abbrs[] = {
        {"QĐ", "Quyết định"}, {"QD", "Quyết định"}, {"KH", "Kế hoạch"}, {"NĐ", "Nghị định"},
        {"ĐA", "Đề án"},      {"DA", "Dự án"},      {"HD", "Hướng dẫn"}, {"HĐ", "Hợp đồng"},
        {"CT", "Chỉ thị"},    {"CTr", "Chương trình"}, {"TTr", "Tờ trình"}, {"CV", "Công văn"},
        {"UBND", NULL},       {"", NULL},           {"Q", NULL},
    };
    for (size_t i = 0; i < sizeof abbrs / sizeof abbrs[0]; i++) {
        const vb_lex_doc_type *t = vb_lex_doc_type_by_abbr(abbrs[i].abbr, strlen(abbrs[i].abbr));
        char name[64];
        snprintf(name, sizeof name, "abbr/%s", abbrs[i].abbr[0] ? abbrs[i].abbr : "(empty)");
        if (abbrs[i].name) VB_CHECK_STR(name, t ? t->name : NULL, abbrs[i].name);
        else VB_CHECK(name, t == NULL);
    }
    static const struct {
        const char *type;
        bool normative;
    } types[] = {
        {"Quyết định", true}, {"Nghị định", true}, {"Thông tư", true}, {"Nghị quyết", true},
        {"Chỉ thị", true},    {"Luật", true},      {"Kế hoạch", false}, {"Báo cáo", false},
        {"Công văn", false},  {"Thông báo", false}, {"Đề án", false},   {"Tờ trình", false},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const vb_lex_doc_type *t = vb_lex_doc_type_of(types[i].type, strlen(types[i].type));
        char name[64];
        snprintf(name, sizeof name, "normative/%s", types[i].type);
        VB_CHECK(name, t && vb_lex_doc_type_is_normative(t) == types[i].normative);
    }
    VB_CHECK("normative/null", !vb_lex_doc_type_is_normative(NULL));
    static const struct {
        const char *name, *text;
        vb_lex_preamble expect;
    } pre[] = {
        {"preamble/can-cu", "Căn cứ Luật Tổ chức chính quyền địa phương;", VB_LEX_PREAMBLE_CITATION},
        {"preamble/can-cu-capitals", "CĂN CỨ Nghị định số 30/2020/NĐ-CP;", VB_LEX_PREAMBLE_CITATION},
        {"preamble/thuc-hien", "Thực hiện Nghị quyết số 10-NQ/TU ngày 30/3/2026", VB_LEX_PREAMBLE_CITATION},
        {"preamble/theo-de-nghi", "Theo đề nghị của Giám đốc Sở Công Thương.", VB_LEX_PREAMBLE_RECITAL},
        {"preamble/xet", "Xét đề nghị của Sở Nội vụ tại Tờ trình số 12/TTr-SNV,", VB_LEX_PREAMBLE_RECITAL},
        {"preamble/small-letter", "căn cứ vào kết quả kiểm tra", VB_LEX_PREAMBLE_NONE},
        {"preamble/prose", "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:", VB_LEX_PREAMBLE_NONE},
        {"preamble/word-start", "Căn cứu", VB_LEX_PREAMBLE_NONE},
        {"preamble/empty", "", VB_LEX_PREAMBLE_NONE},
    };
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
        VB_CHECK_INT(pre[i].name, vb_lex_preamble_at(pre[i].text, strlen(pre[i].text)), pre[i].expect);
}

int main(void) {
    S_matcher();
    S_row_kind();
    S_total_header();
    S_prose_total();
    S_doc_types();
    S_agencies();
    S_headers();
    S_divisions();
    S_signature();
    S_patterns();
    S_form_marks();
    S_doc_marks();
    S_pattern_words();
    S_connectives();
    S_akn_words();
    return vb_test_done();
}
