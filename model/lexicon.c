/* The domain's word lists and the rules that read them (see lexicon.h).
 * Each list is written here once; the other stages ask the functions below,
 * or build their patterns from the tables. */
#include "lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "../util/vb_util.h"

/* ---- the tables ---- */

/* Total labels, longest first where one begins another. */
static const struct {
    const char *label;
    vb_lex_row_kind kind;
} S_TOTAL_LABELS[] = {
    {"tổng cộng", VB_LEX_ROW_TOTAL},
    {"tổng số", VB_LEX_ROW_TOTAL},
    {"tổng", VB_LEX_ROW_TOTAL},
    {"cộng", VB_LEX_ROW_SUBTOTAL},
};

/* Names and words that begin with a total word but say no total. */
static const char *const S_NOT_TOTALS[] = {
    "tổng cục", "tổng công ty", "tổng giám đốc", "tổng biên tập", "tổng bí thư",
    "tổng thư ký", "tổng lãnh sự", "tổng liên đoàn", "tổng đài", "tổng kết", "tổng quan",
    "tổng thể", "cộng đồng", "cộng tác", "cộng hòa", "cộng hoà", "cộng sản", "cộng sự",
    NULL};

/* The word a prose total starts with ("Tổng kinh phí dự kiến là ..."). */
static const char *const S_PROSE_TOTAL[] = {"tổng", NULL};

/* Document types: the 31 named tên loại of Thông tư 05/2025/TT-BNV with their
 * Phụ lục III abbreviations (Nghị định 30/2020/NĐ-CP), then the types of
 * legal documents, which that list codes 32 (Khác). */
static const vb_lex_doc_type S_DOC_TYPES[] = {
    {"Nghị quyết", "NQ", "01"},
    {"Quyết định", "QĐ", "02"},
    {"Chỉ thị", "CT", "03"},
    {"Quy chế", "QC", "04"},
    {"Quy định", "QyĐ", "05"},
    {"Thông cáo", "TC", "06"},
    {"Thông báo", "TB", "07"},
    {"Hướng dẫn", "HD", "08"},
    {"Chương trình", "CTr", "09"},
    {"Kế hoạch", "KH", "10"},
    {"Phương án", "PA", "11"},
    {"Đề án", "ĐA", "12"},
    {"Dự án", "DA", "13"},
    {"Báo cáo", "BC", "14"},
    {"Tờ trình", "TTr", "15"},
    {"Giấy ủy quyền", "GUQ", "16"},
    {"Phiếu gửi", "PG", "17"},
    {"Phiếu chuyển", "PC", "18"},
    {"Phiếu báo", "PB", "19"},
    {"Biên bản", "BB", "20"},
    {"Hợp đồng", "HĐ", "21"},
    {"Công văn", "CV", "22"},
    {"Công điện", "CĐ", "23"},
    {"Bản ghi nhớ", "BGN", "24"},
    {"Bản thỏa thuận", "BTT", "25"},
    {"Giấy mời", "GM", "26"},
    {"Giấy giới thiệu", "GGT", "27"},
    {"Giấy nghỉ phép", "GNP", "28"},
    {"Thư công", "", "29"},
    {"Bản đồ", "", "30"},
    {"Bản vẽ kỹ thuật", "", "31"},
    {"Nghị định", "NĐ", "32"},
    {"Thông tư liên tịch", "TTLT", "32"},
    {"Thông tư", "TT", "32"},
    {"Luật", "Luật", "32"},
    {"Bộ luật", "BLuật", "32"},
    {"Pháp lệnh", "PL", "32"},
    {"Lệnh", "L", "32"},
    {"Kết luận", "KL", "32"},
    {"Văn bản hợp nhất", "VBHN", "32"},
    {"Điều lệ", "", "32"},
    {"Chiến lược", "", "32"},
};
#define S_NDOC_TYPES (sizeof S_DOC_TYPES / sizeof S_DOC_TYPES[0])

const char *const vb_lex_types_named_in_number[] = {"Luật", "Nghị quyết", "Nghị định", "Quyết định",
                                                    "Pháp lệnh", "Lệnh", NULL};

/* Words that begin an agency's name.  Both tone placements are listed where
 * they differ (ủy / uỷ, òa / oà). */
#define BODY VB_LEX_AGENCY_BODY
#define CELL VB_LEX_AGENCY_CELL
static const struct {
    const char *word;
    unsigned use;
} S_AGENCY_WORDS[] = {
    {"Sở", BODY | CELL}, {"Bộ", BODY | CELL}, {"Bộ Chỉ huy", BODY | CELL},
    {"Ban", BODY | CELL}, {"Phòng", BODY | CELL}, {"Cục", BODY | CELL},
    {"Tổng cục", BODY | CELL}, {"Chi cục", BODY | CELL}, {"Vụ", BODY},
    {"Viện", BODY | CELL}, {"Trung tâm", BODY | CELL}, {"Bệnh viện", BODY | CELL},
    {"Ủy ban", BODY | CELL}, {"Uỷ ban", BODY | CELL}, {"UBND", BODY | CELL},
    {"Hội đồng", BODY}, {"HĐND", BODY | CELL}, {"Đảng ủy", BODY}, {"Đảng uỷ", BODY},
    {"Trường", BODY | CELL}, {"Công an", BODY | CELL}, {"Văn phòng", BODY | CELL},
    {"Thanh tra", BODY | CELL}, {"Kho bạc", BODY | CELL}, {"Chính phủ", BODY | CELL},
    {"Thủ tướng", BODY | CELL}, {"Quốc hội", BODY}, {"Tỉnh ủy", BODY | CELL},
    {"Tỉnh uỷ", BODY | CELL}, {"Thành ủy", BODY | CELL}, {"Thành uỷ", BODY | CELL},
    {"Huyện ủy", BODY | CELL}, {"Huyện uỷ", BODY | CELL}, {"Ngân hàng", BODY | CELL},
    {"Tòa án", BODY | CELL}, {"Toà án", BODY | CELL}, {"Bảo hiểm", BODY | CELL},
    {"BHXH", BODY | CELL}, {"Chi nhánh", BODY | CELL}, {"Công ty", BODY | CELL},
    {"Tổng công ty", BODY | CELL}, {"Mặt trận", BODY | CELL}, {"Đoàn", BODY | CELL},
    {"Hội", BODY | CELL},
    {"BV", CELL}, {"BVĐK", CELL}, {"TTYT", CELL}, {"Các", CELL}, {"Báo", CELL},
    {"Đài", CELL}, {"Thuế", CELL}, {"Đại học", CELL}, {"Học viện", CELL},
    {"Liên đoàn", CELL}, {"Quỹ", CELL}, {"Cơ quan", CELL}, {"Đơn vị", CELL},
    {"Tập đoàn", CELL}, {"BQLDA", CELL}, {"Hiệp hội", CELL}, {"Công đoàn", CELL},
    {"Bưu điện", CELL}, {"Điện lực", CELL}, {"Cảnh sát", CELL}, {"Chủ đầu tư", CELL},
    {"Tỉnh đoàn", CELL}, {"Ngành", CELL}, {"Quận", CELL}, {"Huyện", CELL},
    {"Thị xã", CELL}, {"Thành phố", CELL}, {"Xã", CELL}, {"Phường", CELL},
    {"Cảng vụ", CELL},
};
#undef BODY
#undef CELL

/* Words of column headers, each with the column it names. */
static const struct {
    const char *word;
    vb_lex_column column;
} S_HEADER_WORDS[] = {
    {"STT", VB_LEX_COL_INDEX}, {"TT", VB_LEX_COL_INDEX}, {"Số TT", VB_LEX_COL_INDEX},
    {"chủ trì", VB_LEX_COL_LEAD},
    {"phối hợp", VB_LEX_COL_PARTNER},
    {"chủ trì", VB_LEX_COL_AGENCY}, {"phối hợp", VB_LEX_COL_AGENCY}, {"cơ quan", VB_LEX_COL_AGENCY},
    {"đơn vị thực hiện", VB_LEX_COL_AGENCY},
    {"thời gian", VB_LEX_COL_DEADLINE}, {"thời hạn", VB_LEX_COL_DEADLINE},
    {"tiến độ", VB_LEX_COL_DEADLINE}, {"hoàn thành", VB_LEX_COL_DEADLINE},
    {"kết quả", VB_LEX_COL_OUTPUT}, {"sản phẩm", VB_LEX_COL_OUTPUT},
    {"nhiệm vụ", VB_LEX_COL_NAME}, {"nội dung", VB_LEX_COL_NAME}, {"tên", VB_LEX_COL_NAME},
    {"tỉ lệ", VB_LEX_COL_SHARE}, {"tỷ lệ", VB_LEX_COL_SHARE}, {"%", VB_LEX_COL_SHARE},
};

/* The words that open a division of the text, and an attachment. */
static const struct {
    const char *word;
    vb_lex_division division;
} S_DIVISIONS[] = {
    {"Phần", VB_LEX_DIV_PART}, {"Chương", VB_LEX_DIV_CHAPTER}, {"Mục", VB_LEX_DIV_SECTION},
    {"Điều", VB_LEX_DIV_ARTICLE}, {"Phụ lục", VB_LEX_DIV_APPENDIX},
};

/* Words that title a part attached after the signature, besides the
 * document types of S_DOC_TYPES (an attached QUY ĐỊNH, QUY CHẾ, KẾ HOẠCH). */
static const char *const S_ATTACHMENT_WORDS[] = {"Danh mục", "Danh sách", "Bảng", "Biểu", "Lịch",
                                                 "Phân công", "Đề cương", "Mẫu", "Sơ đồ", NULL};

/* The word of a numbered form attached to a text: "Biểu 01". */
static const char *const S_FORM_WORDS[] = {"Biểu", NULL};

/* What heads the list of those who receive the text, by the signature. */
const char *const vb_lex_recipients_marks[] = {"Nơi nhận", NULL};

/* OCR spellings: the forms an OCR trained on English makes of these words.
 * "Sở" comes out as its first letter ("S", or "3") and one or two of these
 * ("S&", "S§", "S¢", "So", "So6", "Sự", "35"). */
const char *const vb_lex_ocr_so_first[] = {"S", "3", NULL};
const char *const vb_lex_ocr_so_rest[] = {"ở", "ơ", "ự", "Ở", "Ơ", "o", "O", "é", "&", "§", "¢", "5", "6", NULL};

/* The word before a page's number in a running footer. */
static const char *const S_PAGE_WORDS[] = {"Trang", NULL};

/* The marks of the form, matched as printed (case and marks count: they
 * are printed, not typed into prose).  What opens the trích yếu of a công
 * văn. */
static const char *const S_VV_MARKS[] = {"V/v", "V/V", "v/v", NULL};

/* What opens the list of addressees. */
static const char *const S_ADDRESSEE_MARKS[] = {"Kính gửi", "KÍNH GỬI", "Kính gởi", "Kính Gửi", NULL};

/* Military and police ranks printed before a signer's name. */
static const char *const S_RANKS[] = {"Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng",
                                      "Đại tá",    "Thượng tá",    "Trung tá",    "Thiếu tá",
                                      "Đại úy",    "Đại uý",       NULL};

/* The signer's authority (Nghị định 30/2020, Điều 13): thay mặt, ký thay,
 * quyền, thừa lệnh, thừa ủy quyền, as printed before the office. */
const char *const vb_lex_signer_prefixes[] = {"TM", "KT", "Q", "TL", "TUQ", "T.M", "K.T", NULL};

/* Offices a signer's role line names, in capitals as printed ("PHÓ" may
 * stand before any of them). */
const char *const vb_lex_signer_offices[] = {
    "CHỦ TỊCH", "GIÁM ĐỐC", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "TRƯỞNG BAN",
    "CHÁNH VĂN PHÒNG", "TỔNG GIÁM ĐỐC", "VIỆN TRƯỞNG", "CHÁNH ÁN", "TRƯỞNG PHÒNG",
    "HIỆU TRƯỞNG", "CHỦ NHIỆM", "BÍ THƯ", "CHÁNH THANH TRA", NULL};

/* Bodies a role line names after TM./KT. (the collective that signs), in
 * capitals as printed. */
const char *const vb_lex_signer_bodies[] = {
    "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN",
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHÍNH PHỦ", "BAN CHẤP HÀNH", "BAN THƯỜNG VỤ", "BAN CHỈ ĐẠO",
    "HỘI ĐỒNG", "ĐOÀN CHỦ TỊCH", "BAN BÍ THƯ", "BỘ CHÍNH TRỊ", NULL};

/* ---- the matcher ---- */

/* One letter as the matcher compares it: its base, case-folded, and its
 * marks (the combining marks of its canonical decomposition, with a stroke
 * standing for the bar of đ). */
typedef struct {
    UChar32 base;
    UChar32 marks[8];
    int nmarks;
} S_letter;

#define S_STROKE 0x0335 /* COMBINING SHORT STROKE OVERLAY */

static size_t S_decode(const char *s, size_t len, size_t i, UChar32 *cp) {
    uint32_t c;
    int n = vb_utf8_decode((const unsigned char *)s + i, len - i, &c);
    if (n <= 0) {
        *cp = VB_REPLACEMENT_CHAR;
        return 1;
    }
    *cp = (UChar32)c;
    return (size_t)n;
}

static bool S_is_mark(UChar32 c) {
    return u_charType(c) == U_NON_SPACING_MARK;
}

static void S_add_mark(S_letter *l, UChar32 m) {
    if (l->nmarks < (int)(sizeof l->marks / sizeof l->marks[0])) l->marks[l->nmarks++] = m;
}

/* Reads the letter at s[i] with any combining marks after it; returns the
 * bytes read. */
static size_t S_read_letter(const char *s, size_t len, size_t i, S_letter *l) {
    UChar32 cp;
    size_t at = i + S_decode(s, len, i, &cp);
    l->nmarks = 0;
    l->base = cp;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    UChar d[16];
    int32_t nd = U_SUCCESS(err) ? unorm2_getDecomposition(nfd, cp, d, 16, &err) : -1;
    if (nd > 0 && U_SUCCESS(err)) {
        int32_t k = 0;
        U16_NEXT(d, k, nd, l->base);
        while (k < nd) {
            UChar32 m;
            U16_NEXT(d, k, nd, m);
            S_add_mark(l, m);
        }
    }
    l->base = u_foldCase(l->base, U_FOLD_CASE_DEFAULT);
    if (l->base == 0x0111) { /* đ */
        l->base = 'd';
        S_add_mark(l, S_STROKE);
    }
    while (at < len) {
        size_t n = S_decode(s, len, at, &cp);
        if (!S_is_mark(cp)) break;
        S_add_mark(l, cp);
        at += n;
    }
    return at - i;
}

/* The text's letter t stands for the word's letter w: the same base, and
 * every mark t carries is one w carries. */
static bool S_letter_fits(const S_letter *t, const S_letter *w) {
    if (t->base != w->base) return false;
    for (int i = 0; i < t->nmarks; i++) {
        bool found = false;
        for (int k = 0; k < w->nmarks && !found; k++) found = t->marks[i] == w->marks[k];
        if (!found) return false;
    }
    return true;
}

static bool S_is_blank(UChar32 c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

/* Bytes of the run of blanks at s[i]. */
static size_t S_blanks(const char *s, size_t len, size_t i) {
    size_t at = i;
    while (at < len) {
        UChar32 c;
        size_t n = S_decode(s, len, at, &c);
        if (!S_is_blank(c)) break;
        at += n;
    }
    return at - i;
}

static bool S_word_char_at(const char *s, size_t len, size_t i) {
    if (i >= len) return false;
    UChar32 c;
    S_decode(s, len, i, &c);
    return u_isalnum(c) || S_is_mark(c);
}

size_t vb_lex_match(const char *s, size_t len, const char *phrase) {
    size_t plen = strlen(phrase), i = 0, j = 0;
    while (j < plen) {
        if (phrase[j] == ' ') {
            size_t b = S_blanks(s, len, i);
            if (!b) return 0;
            i += b;
            while (j < plen && phrase[j] == ' ') j++;
            continue;
        }
        if (i >= len) return 0;
        S_letter w, t;
        j += S_read_letter(phrase, plen, j, &w);
        i += S_read_letter(s, len, i, &t);
        if (!S_letter_fits(&t, &w)) return 0;
    }
    return S_word_char_at(s, len, i) ? 0 : i;
}

size_t vb_lex_match_any(const char *s, size_t len, const char *const *phrases, size_t *which) {
    size_t best = 0;
    for (size_t k = 0; phrases[k]; k++) {
        size_t n = vb_lex_match(s, len, phrases[k]);
        if (n > best) {
            best = n;
            if (which) *which = k;
        }
    }
    return best;
}

/* ---- totals ---- */

/* After a total label: blanks, punctuation, figures, a Roman numeral, one
 * capital letter, a bracketed sum; nothing that reads as a word. */
static bool S_total_tail(const char *s) {
    size_t i = 0;
    while (s[i]) {
        unsigned char c = (unsigned char)s[i];
        if (c == '(') {
            const char *close = strchr(s + i, ')');
            if (!close) return false;
            i = (size_t)(close - s) + 1;
        } else if (strchr(" \t\n:.,;-+/*=", c) && c) {
            i++;
        } else if (strncmp(s + i, "–", strlen("–")) == 0) {
            i += strlen("–");
        } else if (c >= '0' && c <= '9') {
            while (s[i] >= '0' && s[i] <= '9') i++;
        } else if (c >= 'A' && c <= 'Z') {
            size_t k = i;
            bool roman = true;
            while ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z')) {
                if (!strchr("IVXLC", s[k])) roman = false;
                k++;
            }
            if (!roman && k - i > 1) return false;
            if ((unsigned char)s[k] >= 0x80) return false; /* a word going on */
            i = k;
        } else {
            return false;
        }
    }
    return true;
}

vb_lex_row_kind vb_lex_row_kind_of(const char *first_cell) {
    if (!first_cell) return VB_LEX_ROW_NONE;
    size_t len = strlen(first_cell);
    size_t i = S_blanks(first_cell, len, 0);
    const char *labels[sizeof S_TOTAL_LABELS / sizeof S_TOTAL_LABELS[0] + 1];
    for (size_t k = 0; k < sizeof S_TOTAL_LABELS / sizeof S_TOTAL_LABELS[0]; k++)
        labels[k] = S_TOTAL_LABELS[k].label;
    labels[sizeof S_TOTAL_LABELS / sizeof S_TOTAL_LABELS[0]] = NULL;
    size_t which = 0;
    size_t n = vb_lex_match_any(first_cell + i, len - i, labels, &which);
    if (!n || !S_total_tail(first_cell + i + n)) return VB_LEX_ROW_NONE;
    return S_TOTAL_LABELS[which].kind;
}

/* A total word at s that does not begin one of the names above. */
static bool S_total_word_at(const char *s, size_t len, const char *const *words) {
    return vb_lex_match_any(s, len, words, NULL) && !vb_lex_match_any(s, len, S_NOT_TOTALS, NULL);
}

bool vb_lex_is_total_header(const char *header) {
    if (!header) return false;
    static const char *const words[] = {"tổng", "cộng", NULL};
    const char *slash = strrchr(header, '/');
    const char *h = slash ? slash + 1 : header;
    size_t len = strlen(h);
    size_t i = S_blanks(h, len, 0);
    return S_total_word_at(h + i, len - i, words);
}

bool vb_lex_mentions_total(const char *s, size_t len) {
    bool in_word = false;
    for (size_t i = 0; i < len;) {
        UChar32 c;
        size_t n = S_decode(s, len, i, &c);
        if (!in_word && S_total_word_at(s + i, len - i, S_PROSE_TOTAL)) return true;
        in_word = u_isalnum(c) || S_is_mark(c);
        i += n;
    }
    return false;
}

/* ---- column headers ---- */

size_t vb_lex_find(const char *s, size_t len, const char *phrase, size_t *found_len) {
    UChar32 first;
    S_decode(phrase, strlen(phrase), 0, &first);
    bool word = u_isalnum(first);
    bool in_word = false;
    for (size_t i = 0; i < len;) {
        UChar32 c;
        size_t n = S_decode(s, len, i, &c);
        if (!(word && in_word)) {
            size_t m = vb_lex_match(s + i, len - i, phrase);
            if (m) {
                if (found_len) *found_len = m;
                return i;
            }
        }
        in_word = u_isalnum(c) || S_is_mark(c);
        i += n;
    }
    return SIZE_MAX;
}

vb_lex_column vb_lex_role_label(const char *s, size_t len, size_t *label_len) {
    *label_len = 0;
    for (size_t k = 0; k < sizeof S_HEADER_WORDS / sizeof S_HEADER_WORDS[0]; k++) {
        vb_lex_column c = S_HEADER_WORDS[k].column;
        if (c != VB_LEX_COL_LEAD && c != VB_LEX_COL_PARTNER) continue;
        size_t n = vb_lex_match(s, len, S_HEADER_WORDS[k].word);
        if (n && n < len && s[n] == ':') {
            *label_len = n + 1;
            return c;
        }
    }
    return VB_LEX_COL_INDEX;
}

bool vb_lex_header_names(const char *header, vb_lex_column what) {
    if (!header) return false;
    size_t len = strlen(header);
    for (size_t k = 0; k < sizeof S_HEADER_WORDS / sizeof S_HEADER_WORDS[0]; k++) {
        if (S_HEADER_WORDS[k].column != what) continue;
        if (what == VB_LEX_COL_INDEX) {
            if (len && vb_lex_match(header, len, S_HEADER_WORDS[k].word) == len) return true;
        } else if (vb_lex_find(header, len, S_HEADER_WORDS[k].word, NULL) != SIZE_MAX) {
            return true;
        }
    }
    return false;
}

/* ---- divisions and page furniture ---- */

const char *vb_lex_division_word(vb_lex_division d) {
    for (size_t k = 0; k < sizeof S_DIVISIONS / sizeof S_DIVISIONS[0]; k++)
        if (S_DIVISIONS[k].division == d) return S_DIVISIONS[k].word;
    return NULL;
}

vb_lex_division vb_lex_division_at(const char *s, size_t len, size_t *word_len) {
    if (word_len) *word_len = 0;
    if (!len) return VB_LEX_DIV_NONE;
    UChar32 first;
    S_decode(s, len, 0, &first);
    if (!u_isupper(first)) return VB_LEX_DIV_NONE;
    for (size_t k = 0; k < sizeof S_DIVISIONS / sizeof S_DIVISIONS[0]; k++) {
        size_t n = vb_lex_match(s, len, S_DIVISIONS[k].word);
        if (n) {
            if (word_len) *word_len = n;
            return S_DIVISIONS[k].division;
        }
    }
    return VB_LEX_DIV_NONE;
}

size_t vb_lex_attachment_word_at(const char *s, size_t len) {
    size_t n = 0;
    vb_lex_doc_type_at(s, len, &n);
    size_t w = vb_lex_match_any(s, len, S_ATTACHMENT_WORDS, NULL);
    return w > n ? w : n;
}

size_t vb_lex_form_label_at(const char *s, size_t len, size_t *num, size_t *num_len) {
    *num = *num_len = 0;
    if (!len) return 0;
    UChar32 first;
    S_decode(s, len, 0, &first);
    if (!u_isupper(first)) return 0;
    size_t i = vb_lex_match_any(s, len, S_FORM_WORDS, NULL);
    if (!i || i >= len || (s[i] != ' ' && s[i] != '\t')) return 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    size_t so = vb_lex_match(s + i, len - i, "số");
    if (so) {
        i += so;
        while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    }
    size_t d = i;
    while (i < len && i - d < 3 && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d || (i < len && s[i] >= '0' && s[i] <= '9')) return 0;
    *num = d;
    *num_len = i - d;
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i < len && (s[i] == ':' || s[i] == '.' || s[i] == '-')) {
        i++;
    } else if (i < len) {
        /* the title after the number, in capitals: "Biểu 01 BÁO CÁO ..."; not
         * "Biểu 2a" nor "Biểu 3 của ..." */
        UChar32 next;
        S_decode(s, len, i, &next);
        if (!u_isupper(next)) return 0;
    }
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

bool vb_lex_is_page_number(const char *s, size_t len) {
    if (!len || len > 16) return false;
    size_t i = vb_lex_match_any(s, len, S_PAGE_WORDS, NULL);
    if (i && (i >= len || s[i] != ' ')) return false;
    if (i) i++;
    size_t digits = 0;
    for (; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9') digits++;
        else if (s[i] != ' ' && s[i] != '-') return false;
    }
    return digits > 0 && digits <= 3;
}

/* ---- document types ---- */

const vb_lex_doc_type *vb_lex_doc_type_at(const char *text, size_t len, size_t *name_len) {
    const vb_lex_doc_type *found = NULL;
    size_t best = 0;
    for (size_t k = 0; k < S_NDOC_TYPES; k++) {
        size_t n = vb_lex_match(text, len, S_DOC_TYPES[k].name);
        if (n > best) {
            best = n;
            found = &S_DOC_TYPES[k];
        }
    }
    if (name_len) *name_len = best;
    return found;
}

const vb_lex_doc_type *vb_lex_doc_type_of(const char *text, size_t len) {
    size_t n = 0;
    const vb_lex_doc_type *t = vb_lex_doc_type_at(text, len, &n);
    return t && n == len ? t : NULL;
}

const vb_lex_doc_type *vb_lex_doc_type_nth(size_t i) {
    return i < S_NDOC_TYPES ? &S_DOC_TYPES[i] : NULL;
}

const vb_lex_doc_type *vb_lex_doc_type_by_abbr(const char *abbr, size_t len) {
    if (!len) return NULL;
    /* as printed first: "DA" is Dự án, though it also reads as "ĐA" with its bar lost */
    for (size_t k = 0; k < S_NDOC_TYPES; k++)
        if (strlen(S_DOC_TYPES[k].abbr) == len && memcmp(abbr, S_DOC_TYPES[k].abbr, len) == 0)
            return &S_DOC_TYPES[k];
    for (size_t k = 0; k < S_NDOC_TYPES; k++)
        if (S_DOC_TYPES[k].abbr[0] && vb_lex_match(abbr, len, S_DOC_TYPES[k].abbr) == len)
            return &S_DOC_TYPES[k];
    return NULL;
}

/* The types of the normative acts (Luật Ban hành văn bản quy phạm pháp luật),
 * with the quyết định and chỉ thị that take the same form. */
static const char *const S_NORMATIVE_TYPES[] = {
    "Luật", "Bộ luật", "Pháp lệnh", "Lệnh", "Nghị quyết", "Nghị định", "Quyết định",
    "Chỉ thị", "Thông tư", "Thông tư liên tịch", "Văn bản hợp nhất", NULL};

bool vb_lex_doc_type_is_normative(const vb_lex_doc_type *t) {
    if (!t) return false;
    for (size_t k = 0; S_NORMATIVE_TYPES[k]; k++)
        if (strcmp(t->name, S_NORMATIVE_TYPES[k]) == 0) return true;
    return false;
}

/* ---- the preamble ---- */

/* The words that open a citation of the legal basis and a recital of the
 * grounds, as printed at the start of a line. */
static const char *const S_CITATION_WORDS[] = {"Căn cứ", "CĂN CỨ", "Thực hiện", "Thi hành", NULL};
static const char *const S_RECITAL_WORDS[] = {"Theo đề nghị", "Xét đề nghị", "Xét", "Theo",
                                              "Để", NULL};

vb_lex_preamble vb_lex_preamble_at(const char *s, size_t len) {
    if (!len) return VB_LEX_PREAMBLE_NONE;
    UChar32 first;
    S_decode(s, len, 0, &first);
    if (!u_isupper(first)) return VB_LEX_PREAMBLE_NONE;
    if (vb_lex_match_any(s, len, S_CITATION_WORDS, NULL)) return VB_LEX_PREAMBLE_CITATION;
    if (vb_lex_match_any(s, len, S_RECITAL_WORDS, NULL)) return VB_LEX_PREAMBLE_RECITAL;
    return VB_LEX_PREAMBLE_NONE;
}

/* ---- agencies ---- */

size_t vb_lex_agency_word(const char *s, size_t len, vb_lex_agency_use use) {
    if (!len) return 0;
    UChar32 first;
    S_decode(s, len, 0, &first);
    /* a name begins with a capital; "các sở, ngành" is the one small start */
    bool small = u_islower(first);
    size_t best = 0;
    for (size_t k = 0; k < sizeof S_AGENCY_WORDS / sizeof S_AGENCY_WORDS[0]; k++) {
        if (!(S_AGENCY_WORDS[k].use & (unsigned)use)) continue;
        if (small && strcmp(S_AGENCY_WORDS[k].word, "Các") != 0) continue;
        size_t n = vb_lex_match(s, len, S_AGENCY_WORDS[k].word);
        if (n > best) best = n;
    }
    return best;
}

/* ---- the signature ---- */

/* ---- marks of the form ---- */

static bool S_form_blank(char c) { return c == ' ' || c == '\t'; }

/* The offset after the mark of marks that begins s as a word (a blank, a
 * colon or the end follows) and the blanks and colons after it; 0 if none. */
static size_t S_after_mark(const char *s, size_t len, const char *const *marks) {
    for (size_t i = 0; marks[i]; i++) {
        size_t m = strlen(marks[i]);
        if (len < m || memcmp(s, marks[i], m) != 0) continue;
        if (m < len && !S_form_blank(s[m]) && s[m] != ':') continue;
        while (m < len && (S_form_blank(s[m]) || s[m] == ':')) m++;
        return m;
    }
    return 0;
}

size_t vb_lex_vv_mark(const char *s, size_t len) { return S_after_mark(s, len, S_VV_MARKS); }

bool vb_lex_is_vv_mark(const char *s, size_t len) { return vb_lex_vv_mark(s, len) > 0; }

size_t vb_lex_addressee_mark(const char *s, size_t len) { return S_after_mark(s, len, S_ADDRESSEE_MARKS); }

/* Words that take what follows them as their object. */
static const char *const S_CONNECTIVES[] = {"của", "thuộc", "với", "cho", "tại", "và", "về", "trong",
                                            "trên", "đến", "từ", "theo", NULL};

bool vb_lex_ends_with_connective(const char *s, size_t len) {
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '*')) len--;
    size_t w = len;
    while (w && s[w - 1] != ' ' && s[w - 1] != '\t' && s[w - 1] != '*') w--;
    if (w == len) return false;
    size_t m = vb_lex_match_any(s + w, len - w, S_CONNECTIVES, NULL);
    return m == len - w;
}

size_t vb_lex_rank_at(const char *s, size_t len) {
    for (size_t i = 0; S_RANKS[i]; i++) {
        size_t m = strlen(S_RANKS[i]);
        if (len <= m || memcmp(s, S_RANKS[i], m) != 0 || !S_form_blank(s[m])) continue;
        while (m < len && S_form_blank(s[m])) m++;
        return m;
    }
    return 0;
}

/* ---- the marks printed by the number ---- */

/* Độ mật and độ khẩn (Nghị định 30/2020, Điều 8 and Phụ lục I: the stamp
 * or line printed under the number) and the mark of a draft; "hoả" is the
 * older placement of the mark of "hỏa". */
static const struct {
    const char *phrase;
    vb_lex_doc_mark_kind kind;
    const char *level;
} S_DOC_MARKS[] = {
    {"tuyệt mật", VB_LEX_DOC_MARK_SECRECY, "top-secret"},
    {"tối mật", VB_LEX_DOC_MARK_SECRECY, "secret"},
    {"mật", VB_LEX_DOC_MARK_SECRECY, "confidential"},
    {"hỏa tốc hẹn giờ", VB_LEX_DOC_MARK_URGENCY, "immediate-timed"},
    {"hoả tốc hẹn giờ", VB_LEX_DOC_MARK_URGENCY, "immediate-timed"},
    {"hỏa tốc", VB_LEX_DOC_MARK_URGENCY, "immediate"},
    {"hoả tốc", VB_LEX_DOC_MARK_URGENCY, "immediate"},
    {"thượng khẩn", VB_LEX_DOC_MARK_URGENCY, "very-urgent"},
    {"khẩn", VB_LEX_DOC_MARK_URGENCY, "urgent"},
    {"dự thảo", VB_LEX_DOC_MARK_DRAFT, "draft"},
};

/* The words a draft's round may follow ("Dự thảo lần 2"). */
static const char *const S_DRAFT_ROUND_WORDS[] = {"lần thứ", "lần", "số", NULL};

/* What may part, open or close the marks of a line: blanks, commas,
 * stops, dashes, "|", brackets, quotes, the "**" of markdown; the bytes of the
 * one at s[i], 0 for none. */
static size_t S_mark_separator(const char *s, size_t len, size_t i) {
    if (s[i] && strchr(" \t,;.:-|*()[]\"", s[i])) return 1;
    static const char *const wide[] = {"–", "—", "“", "”", "\xc2\xa0", NULL};
    for (size_t k = 0; wide[k]; k++) {
        size_t n = strlen(wide[k]);
        if (len - i >= n && memcmp(s + i, wide[k], n) == 0) return n;
    }
    return 0;
}

static bool S_has_small_letter(const char *s, size_t len) {
    for (size_t i = 0; i < len;) {
        UChar32 c;
        i += S_decode(s, len, i, &c);
        if (u_islower(c)) return true;
    }
    return false;
}

size_t vb_lex_doc_marks(const char *s, size_t len, vb_lex_doc_mark *marks, size_t max) {
    size_t n = 0, i = 0, sep;
    while (i < len && (sep = S_mark_separator(s, len, i))) i += sep;
    if (i >= len) return 0;
    while (i < len) {
        size_t best = 0, which = 0;
        for (size_t k = 0; k < sizeof S_DOC_MARKS / sizeof S_DOC_MARKS[0]; k++) {
            size_t m = vb_lex_match(s + i, len - i, S_DOC_MARKS[k].phrase);
            if (m > best) best = m, which = k;
        }
        if (!best) return 0;
        vb_lex_doc_mark mark = {S_DOC_MARKS[which].kind, S_DOC_MARKS[which].level, i, best, 0, 0};
        /* a stamp is printed in capitals: "Mật" or "Khẩn" in a line is a word */
        if (mark.kind != VB_LEX_DOC_MARK_DRAFT && S_has_small_letter(s + i, best)) return 0;
        i += best;
        if (mark.kind == VB_LEX_DOC_MARK_DRAFT) {
            size_t k = i;
            while (k < len && strchr(" \t:(", s[k])) k++;
            size_t w = vb_lex_match_any(s + k, len - k, S_DRAFT_ROUND_WORDS, NULL);
            if (w) {
                k += w;
                while (k < len && (s[k] == ' ' || s[k] == '\t')) k++;
            }
            size_t d = k;
            while (d < len && s[d] >= '0' && s[d] <= '9') d++;
            if (d > k && !S_word_char_at(s, len, d)) {
                mark.round_start = k;
                mark.round_len = d - k;
                mark.len = d - mark.start;
                i = d;
            } else if (w) {
                return 0; /* "Dự thảo lần cuối": words, not a mark */
            }
        }
        if (n < max) marks[n] = mark;
        n++;
        size_t before = i;
        while (i < len && (sep = S_mark_separator(s, len, i))) i += sep;
        if (i < len && i == before) return 0;
    }
    return n;
}

const char *vb_lex_secrecy_mode(const char *level) {
    if (!level) return NULL;
    for (size_t k = 0; k < sizeof S_DOC_MARKS / sizeof S_DOC_MARKS[0]; k++)
        if (S_DOC_MARKS[k].kind == VB_LEX_DOC_MARK_SECRECY && strcmp(level, S_DOC_MARKS[k].level) == 0)
            return "03";
    return NULL;
}

/* ---- patterns built from the tables ---- */

static void S_pattern_phrase(vb_buf *out, const char *phrase, bool capitals) {
    char upper[256];
    if (capitals) {
        UErrorCode err = U_ZERO_ERROR;
        UCaseMap *cm = ucasemap_open("vi", 0, &err);
        int32_t n = U_SUCCESS(err) ? ucasemap_utf8ToUpper(cm, upper, (int32_t)sizeof upper - 1, phrase, -1, &err)
                                   : 0;
        ucasemap_close(cm);
        if (U_FAILURE(err) || n <= 0 || n >= (int32_t)sizeof upper) abort(); /* a table entry too long */
        upper[n] = '\0';
        phrase = upper;
    }
    for (const char *p = phrase; *p; p++) {
        if (*p == ' ') {
            while (p[1] == ' ') p++;
            vb_buf_puts(out, "\\s+");
        } else {
            if (strchr(".^$|()[]{}*+?\\", *p)) vb_buf_putc(out, '\\');
            vb_buf_putc(out, *p);
        }
    }
}

void vb_lex_pattern(vb_buf *out, const char *const *phrases, bool capitals) {
    for (size_t k = 0; phrases[k]; k++) {
        if (k) vb_buf_putc(out, '|');
        S_pattern_phrase(out, phrases[k], capitals);
    }
}

void vb_lex_doc_type_pattern(vb_buf *out, bool capitals) {
    for (size_t k = 0; k < S_NDOC_TYPES; k++) {
        if (k) vb_buf_putc(out, '|');
        S_pattern_phrase(out, S_DOC_TYPES[k].name, capitals);
    }
}

/* ---- the signer's role ---- */

/* Whether s[0..len), all of it, is the start of a phrase of the list that
 * stops short of its end (a phrase cut at a line's wrap). */
static bool S_cut_phrase(const char *s, size_t len, const char *const *phrases) {
    char buf[160];
    if (!len || len >= sizeof buf) return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    for (size_t i = 0; phrases[i]; i++) {
        size_t plen = strlen(phrases[i]);
        size_t m = vb_lex_match(phrases[i], plen, buf);
        if (m && m < plen) return true;
    }
    return false;
}

size_t vb_lex_role_prefix(const char *s, size_t len) {
    size_t m = vb_lex_match_any(s, len, vb_lex_signer_prefixes, NULL);
    if (!m || m >= len) return 0;
    size_t k = m;
    while (k < len && S_form_blank(s[k])) k++;
    if (k < len && (s[k] == '.' || s[k] == ',')) k++;
    else if (k == m) return 0;
    while (k < len && S_form_blank(s[k])) k++;
    return k < len ? k : 0;
}

bool vb_lex_role_unfinished(const char *s, size_t len) {
    while (len && (S_form_blank(s[len - 1]) || s[len - 1] == '*')) len--;
    if (!len) return false;
    if (s[len - 1] == ',' || s[len - 1] == '-') return true;
    size_t at = vb_lex_role_prefix(s, len);
    const char *rest = s + at;
    size_t rlen = len - at;
    if (vb_lex_match(rest, rlen, "PHÓ") && rlen > 4) {
        size_t k = vb_lex_match(rest, rlen, "PHÓ");
        while (k < rlen && S_form_blank(rest[k])) k++;
        rest += k;
        rlen -= k;
    }
    return S_cut_phrase(rest, rlen, vb_lex_signer_bodies) || S_cut_phrase(rest, rlen, vb_lex_signer_offices);
}

const char *vb_lex_office_cut_left(const char *s, size_t len) {
    while (len && S_form_blank(s[len - 1])) len--;
    for (size_t k = 0; vb_lex_signer_offices[k]; k++) {
        const char *o = vb_lex_signer_offices[k];
        UChar32 cp;
        int32_t i = 0, n = (int32_t)strlen(o);
        U8_NEXT(o, i, n, cp); /* its first letter, the one lost */
        if (cp < 0) continue;
        /* the rest as printed: capitals with their marks, matched whole */
        if (len == (size_t)(n - i) && memcmp(s, o + i, len) == 0) return o;
    }
    return NULL;
}
