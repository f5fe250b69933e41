/* lexicon.h — the words of the domain, and how each is recognised.
 *
 * Every word list the stages need (total labels, document types with their
 * abbreviations and archive codes, the words that begin an agency's name,
 * the signer's authority prefixes and offices) is a table in lexicon.c, and
 * each question "is this X?" is one pure function here.  All of them match
 * words with one matcher, vb_lex_match: case-insensitive, and a letter
 * written without some of its marks matches the letter with them ("Tong
 * cong" and "Tông cộng" are "Tổng cộng"; OCR and hurried typing lose marks),
 * while a letter with other marks does not ("Tống" is not "Tổng").
 *
 * The tables are constant and the functions keep no state: any thread may
 * call them.  Texts are UTF-8 (NFC after normalize/, though combining marks
 * are read too); nothing is allocated. */
#ifndef VB_MODEL_LEXICON_H
#define VB_MODEL_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/vb_util.h"

/* ---- the matcher ---- */

/* When s[0..len) begins with phrase, ending at a word's end (no letter or
 * digit follows), returns the bytes of s it took; otherwise 0.  A blank in
 * phrase matches any run of blanks (space, tab, no-break space, newline);
 * letters compare as described above.  phrase is written in lower case or
 * as printed. */
VB_EXPORT size_t vb_lex_match(const char *s, size_t len, const char *phrase);

/* The longest phrase of the NULL-terminated list that vb_lex_match finds at
 * s; returns its bytes in s (0 for none) and its index in *which (if not
 * NULL). */
VB_EXPORT size_t vb_lex_match_any(const char *s, size_t len, const char *const *phrases, size_t *which);

/* ---- tables: totals ---- */

typedef enum {
    VB_LEX_ROW_NONE = 0,
    VB_LEX_ROW_TOTAL,    /* Tổng, Tổng số, Tổng cộng, TỔNG SỐ: */
    VB_LEX_ROW_SUBTOTAL  /* Cộng, Cộng I, Cộng (1): the sum of a group */
} vb_lex_row_kind;

/* The kind of a table row from the text of its first cell: a total or a
 * subtotal when the whole cell is a total label, possibly followed by a
 * colon, figures, a Roman numeral, one capital letter or a bracketed sum
 * ("Tổng cộng (I+II):", "Cộng A").  A label that begins a name is no total:
 * "Tổng cục Thống kê", "Tổng công ty Điện lực". */
VB_EXPORT vb_lex_row_kind vb_lex_row_kind_of(const char *first_cell);

/* A column header that names a total: its last part (after the last '/'
 * of a stacked header, "Kinh phí / Tổng") begins with a total word ("Tổng",
 * "Tổng kinh phí", "CỘNG"), and not with a name or word that merely starts
 * with one ("Tổng cục", "Cộng đồng"). */
VB_EXPORT bool vb_lex_is_total_header(const char *header);

/* Prose that speaks of a total: some word of s[0..len) is "tổng" (in any
 * case, marks possibly lost) that does not begin a name ("Tổng cục ...",
 * "Tổng công ty ...") or another word ("tổng kết"). */
VB_EXPORT bool vb_lex_mentions_total(const char *s, size_t len);

/* ---- tables: document types ---- */

typedef struct {
    const char *name;  /* as a reference spells it: "Quyết định" */
    const char *abbr;  /* in the ký hiệu (Nghị định 30/2020, Phụ lục III, and the
                        * codes of legal documents): "QĐ"; "CV" for a công văn,
                        * which has none there */
    const char *code;  /* tên loại of Thông tư 05/2025/TT-BNV, "01".."32" ("32" Khác
                        * for the types it does not list) */
} vb_lex_doc_type;

/* The type whose name is the whole of text[0..len) ("QUYẾT ĐỊNH", "Kế
 * hoạch", "THONG TU LIEN TICH"; blanks between the words may be runs),
 * or NULL. */
VB_EXPORT const vb_lex_doc_type *vb_lex_doc_type_of(const char *text, size_t len);

/* The type whose name begins text[0..len) (the longest: "Thông tư liên
 * tịch" before "Thông tư"), its length in bytes in *name_len; NULL if none. */
VB_EXPORT const vb_lex_doc_type *vb_lex_doc_type_at(const char *text, size_t len, size_t *name_len);

/* The types whose number line names them ("Luật số: 51/2024/QH15",
 * "Nghị định số: ..."), as the table spells them; NULL-terminated. */
extern const char *const vb_lex_types_named_in_number[];

/* The i-th type of the table, NULL past its end. */
VB_EXPORT const vb_lex_doc_type *vb_lex_doc_type_nth(size_t i);

/* Appends the type names to out as a PCRE2 alternation (no group around
 * it), the longer of two names that begin alike first, a blank written
 * \s+, in capitals when capitals is true (a title line prints its type so);
 * for the patterns that find a type inside a longer text. */
VB_EXPORT void vb_lex_doc_type_pattern(vb_buf *out, bool capitals);

/* The type whose abbreviation in a ký hiệu is the whole of abbr[0..len)
 * ("QĐ", "KH", "NĐ"; capitals and marks as vb_lex_match reads them), or
 * NULL; types without an abbreviation are never found. */
VB_EXPORT const vb_lex_doc_type *vb_lex_doc_type_by_abbr(const char *abbr, size_t len);

/* Whether documents of type t are normative acts (văn bản quy phạm pháp
 * luật and the decisions issued in their form: luật, nghị quyết, nghị
 * định, quyết định, chỉ thị, thông tư...), not administrative documents
 * (kế hoạch, báo cáo, công văn, thông báo...).  False for NULL. */
VB_EXPORT bool vb_lex_doc_type_is_normative(const vb_lex_doc_type *t);

/* ---- tables: the preamble ---- */

typedef enum {
    VB_LEX_PREAMBLE_NONE = 0,
    VB_LEX_PREAMBLE_CITATION, /* the legal basis: "Căn cứ ...", "Thực hiện ..." */
    VB_LEX_PREAMBLE_RECITAL   /* the grounds: "Theo đề nghị của ...", "Xét ..." */
} vb_lex_preamble;

/* What the words that open s[0..len) make of a paragraph before the first
 * division of a document: a citation of its legal basis, a recital of its
 * grounds, or neither.  The word begins with a capital ("căn cứ" inside a
 * sentence opens nothing). */
VB_EXPORT vb_lex_preamble vb_lex_preamble_at(const char *s, size_t len);

/* ---- tables: agencies ---- */

typedef enum {
    VB_LEX_AGENCY_BODY = 1,  /* an issuing body that heads an authority line: Sở, Bộ, Ủy ban... */
    VB_LEX_AGENCY_CELL = 2   /* begins an agency named in a task table: also Các, Quận, Xã... */
} vb_lex_agency_use;

/* The bytes of the agency word that begins s[0..len) in the given use
 * ("Sở" of "Sở Y tế", "Tổng cục" of "Tổng cục Thống kê"), 0 if none.  The
 * name begins with a capital ("Sở", "SỞ", not "sở"), but for "các" ("các
 * sở, ngành"). */
VB_EXPORT size_t vb_lex_agency_word(const char *s, size_t len, vb_lex_agency_use use);

/* ---- tables: column headers ---- */

typedef enum {
    VB_LEX_COL_INDEX,    /* the whole header is STT, TT or Số TT */
    VB_LEX_COL_LEAD,     /* "Cơ quan chủ trì" */
    VB_LEX_COL_PARTNER,  /* "Cơ quan phối hợp" */
    VB_LEX_COL_AGENCY,   /* agencies of either role: the two above, "Cơ quan", "Đơn vị thực hiện" */
    VB_LEX_COL_DEADLINE, /* "Thời gian", "Thời hạn", "Tiến độ", "... hoàn thành" */
    VB_LEX_COL_OUTPUT,   /* "Kết quả", "Sản phẩm" */
    VB_LEX_COL_NAME,     /* "Nội dung", "Nhiệm vụ", "Tên ..." */
    VB_LEX_COL_SHARE     /* "Tỉ lệ", "Tỷ lệ", "%" */
} vb_lex_column;

/* Whether a column header names the column what: one of its words appears
 * in the header (for INDEX, is the whole header), in any case, marks
 * possibly lost. */
VB_EXPORT bool vb_lex_header_names(const char *header, vb_lex_column what);

/* A role label that begins s[0..len), "Chủ trì:" or "Phối hợp:" (the
 * colon required): VB_LEX_COL_LEAD or VB_LEX_COL_PARTNER, its bytes (colon
 * included) in *label_len; 0 bytes and VB_LEX_COL_INDEX when there is none. */
VB_EXPORT vb_lex_column vb_lex_role_label(const char *s, size_t len, size_t *label_len);

/* Where phrase first occurs in s[0..len) at the start of a word (as
 * vb_lex_match finds it), its length in *found_len; SIZE_MAX if nowhere. */
VB_EXPORT size_t vb_lex_find(const char *s, size_t len, const char *phrase, size_t *found_len);

/* ---- tables: divisions, attachments, page furniture ---- */

typedef enum {
    VB_LEX_DIV_NONE = 0,
    VB_LEX_DIV_PART,     /* Phần */
    VB_LEX_DIV_CHAPTER,  /* Chương */
    VB_LEX_DIV_SECTION,  /* Mục */
    VB_LEX_DIV_ARTICLE,  /* Điều */
    VB_LEX_DIV_APPENDIX  /* Phụ lục: an attachment's title */
} vb_lex_division;

/* The division word that begins s[0..len) ("Điều", "CHƯƠNG", "Phụ lục"),
 * its bytes in *word_len (if not NULL).  The word begins with a capital:
 * "điều" or "phụ lục" inside a sentence is no division.  Only the word:
 * the caller reads the number after it ("Chương trình" has none). */
VB_EXPORT vb_lex_division vb_lex_division_at(const char *s, size_t len, size_t *word_len);

/* The word of a division as the table spells it ("Chương", "Phụ lục"),
 * NULL for VB_LEX_DIV_NONE; for the patterns that read a division's number. */
VB_EXPORT const char *vb_lex_division_word(vb_lex_division d);

/* When s[0..len) opens with a word that titles a part attached after the
 * signature ("DANH MỤC", "BẢNG", "LỊCH", "PHÂN CÔNG", "ĐỀ CƯƠNG", or a
 * document type: "QUY ĐỊNH", "QUY CHẾ", "KẾ HOẠCH"), the bytes of the word;
 * else 0.  Any case: the caller asks for a title line. */
VB_EXPORT size_t vb_lex_attachment_word_at(const char *s, size_t len);

/* When s[0..len) opens with the label of a numbered form attached to a
 * text ("Biểu 01:", "BIỂU SỐ 2."), the bytes of the label (word, "số",
 * number and the mark after it); the number's offset and length in *num
 * and *num_len.  The word begins with a capital; else 0. */
VB_EXPORT size_t vb_lex_form_label_at(const char *s, size_t len, size_t *num, size_t *num_len);

/* What heads the recipients' list by the signature ("Nơi nhận");
 * NULL-terminated. */
extern const char *const vb_lex_recipients_marks[];

/* OCR spellings of "Sở" (an English-model OCR reads "S&", "S§", "So6",
 * "35"): its first letter as read, then one or two of the rest;
 * NULL-terminated, for the pattern that finds an agency in an OCR line. */
extern const char *const vb_lex_ocr_so_first[];
extern const char *const vb_lex_ocr_so_rest[];

/* A line that is only a page number: "12", "- 12 -", "Trang 12" (at most
 * 16 bytes, one to three digits). */
VB_EXPORT bool vb_lex_is_page_number(const char *s, size_t len);

/* ---- tables: the signature ---- */

/* The signer's authority prefixes (TM, KT, Q, TL, TUQ, and "T.M", "K.T")
 * and the offices a role line names ("CHỦ TỊCH", "GIÁM ĐỐC"...), in
 * capitals as printed; NULL-terminated. */
extern const char *const vb_lex_signer_prefixes[];
extern const char *const vb_lex_signer_offices[];
/* The collective bodies a role line names after TM. ("ỦY BAN NHÂN DÂN",
 * "CHÍNH PHỦ", "BAN CHẤP HÀNH"...), in capitals as printed. */
extern const char *const vb_lex_signer_bodies[];

/* When s[0..len) opens with a signer's authority prefix ("TM.", "KT.",
 * "KT" before a blank, "TL,"), the bytes of it and the blanks after it
 * (where the office begins); else 0. */
VB_EXPORT size_t vb_lex_role_prefix(const char *s, size_t len);

/* A role line cut at a wrap: it ends with a comma ("KT. BỘ TRƯỞNG,"), or
 * what follows its prefix stops short within a known body or office ("TM.
 * ỦY BAN NHÂN", "TM. ỦY BAN"); the next line then goes on with it. */
VB_EXPORT bool vb_lex_role_unfinished(const char *s, size_t len);

/* The office of the lexicon that s[0..len) is with its first letter lost
 * ("HỦ TỊCH" for "CHỦ TỊCH": an OCR engine that cuts a page into columns
 * may leave a letter on the edge of the other column), or NULL.  The rest
 * is compared exactly as printed, capitals and marks. */
VB_EXPORT const char *vb_lex_office_cut_left(const char *s, size_t len);

/* ---- tables: marks of the form ---- */

/* These marks are matched as printed, case and marks counting ("V/v",
 * "Kính gửi", "KÍNH GỬI", "Thiếu tướng"): they head a line of the form,
 * and the same words in prose are no mark. */

/* When s[0..len) opens with the mark of a công văn's trích yếu ("V/v",
 * "V/V", "v/v") as a word (a blank, a colon or the end after it), the
 * bytes of the mark and of the blanks and colons after it; else 0. */
VB_EXPORT size_t vb_lex_vv_mark(const char *s, size_t len);
VB_EXPORT bool vb_lex_is_vv_mark(const char *s, size_t len);

/* The same for the mark that opens the addressees ("Kính gửi:", "KÍNH
 * GỬI", "Kính gởi"); the mark alone is the whole of it. */
VB_EXPORT size_t vb_lex_addressee_mark(const char *s, size_t len);

/* When s[0..len) opens with a military or police rank followed by a blank
 * and more ("Thiếu tướng Nguyễn Văn A"), the bytes of the rank and the
 * blanks after it (where the name begins); else 0. */
VB_EXPORT size_t vb_lex_rank_at(const char *s, size_t len);

/* Whether the last word of s[0..len) is a word that takes what follows it
 * as its object ("của", "thuộc", "với", "cho", "tại", "và", "về"): a name
 * after it belongs to the same phrase ("… QUẢN LÝ CỦA BỘ QUỐC PHÒNG" is one
 * title, not a title and an enacting line). */
VB_EXPORT bool vb_lex_ends_with_connective(const char *s, size_t len);

/* ---- tables: the marks printed by the number (độ mật, độ khẩn, dự thảo) ---- */

typedef enum {
    VB_LEX_DOC_MARK_NONE = 0,
    VB_LEX_DOC_MARK_SECRECY, /* độ mật: MẬT, TỐI MẬT, TUYỆT MẬT */
    VB_LEX_DOC_MARK_URGENCY, /* độ khẩn: KHẨN, THƯỢNG KHẨN, HỎA TỐC, HỎA TỐC HẸN GIỜ */
    VB_LEX_DOC_MARK_DRAFT    /* DỰ THẢO, "Dự thảo lần 2" */
} vb_lex_doc_mark_kind;

/* One mark found in a line: what it says, its level as a name that does
 * not depend on spelling ("confidential", "secret", "top-secret";
 * "urgent", "very-urgent", "immediate", "immediate-timed"; "draft"), the
 * bytes of s it takes, and for a draft the round printed after it ("2" of
 * "Dự thảo lần 2"), else NULL (an offset and length into s). */
typedef struct {
    vb_lex_doc_mark_kind kind;
    const char *level;
    size_t start, len;
    size_t round_start, round_len; /* round_len 0: no round printed */
} vb_lex_doc_mark;

/* The marks Nghị định 30/2020 (Điều 8, Phụ lục I) lets a document print by
 * its number, when they are the whole of s[0..len): one mark, or a few
 * parted by blanks, commas, dashes or "|", possibly in brackets or between
 * "**".  Độ mật and độ khẩn are printed in capitals (marks possibly lost:
 * "KHAN"); "Dự thảo" in any case, with its round ("lần 2", "lần thứ 3",
 * "số 2", "2").  Returns their count, the first max of them in marks
 * (marks may be NULL when max is 0); 0 when s holds anything else
 * ("Khẩn trương", "MẬT ĐỘ", "Dự thảo Quyết định"). */
VB_EXPORT size_t vb_lex_doc_marks(const char *s, size_t len, vb_lex_doc_mark *marks, size_t max);

/* The code of chế độ sử dụng (Thông tư 05/2025/TT-BNV) that an độ mật
 * level of vb_lex_doc_marks says: "03" (mật) for each of them; NULL for
 * NULL or an unknown level. */
VB_EXPORT const char *vb_lex_secrecy_mode(const char *level);

/* Appends the NULL-terminated phrases to out as a PCRE2 alternation (no
 * group around it): each escaped, a blank written \s+, in capitals when
 * capitals is true. */
VB_EXPORT void vb_lex_pattern(vb_buf *out, const char *const *phrases, bool capitals);

#endif
