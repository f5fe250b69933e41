/* patterns.h — the text patterns the model recognises (internal to model/).
 *
 * The patterns are PCRE2 (UTF + UCP), compiled and JIT-compiled once per
 * process and then only read, so any number of threads may match with them;
 * each call brings its own match data. */
#ifndef VB_MODEL_PATTERNS_H
#define VB_MODEL_PATTERNS_H

#include "model.h"

typedef enum {
    VB_PAT_PART,        /* Phần thứ nhất / Phần I */
    VB_PAT_CHAPTER,     /* Chương I */
    VB_PAT_CHAPTER_OCR, /* "„ „ Chương II", "` Chương V", "Chương HH ˆ": a chapter
                         * heading alone on its line amid OCR specks */
    VB_PAT_SUBCHAPTER,  /* Mục 1 */
    VB_PAT_ARTICLE,     /* Điều 1. */
    VB_PAT_ROMAN,       /* I. */
    VB_PAT_ROMAN_LOOSE, /* Roman numeral as OCR misreads it: "IL." for "II." */
    VB_PAT_MULTILEVEL,  /* 1.1. / 1.1.1. */
    VB_PAT_DECIMAL,     /* 1. / 1) */
    VB_PAT_LETTER,      /* a) */
    VB_PAT_LIST_ITEM,   /* - / + / * / • */
    VB_PAT_APPENDIX,    /* Phụ lục 1 / PHỤ LỤC II / Phụ lục số 01. */
    VB_PAT_RECIPIENTS,  /* Nơi nhận: */
    VB_PAT_SIGNER_ROLE, /* TM. / KT. / Q. / TL. ... or an office in capitals */
    VB_PAT_SIGNER_NAME, /* Phạm Văn Nghiêm */
    VB_PAT_MOTTO1,      /* CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (anywhere in the line) */
    VB_PAT_MOTTO1_LOOSE, /* the same with OCR damage ("XÃ HQI"): only inside a header */
    VB_PAT_MOTTO2,      /* Độc lập - Tự do - Hạnh phúc (anywhere in the line) */
    VB_PAT_NUMBER,      /* Số: 494/KH-UBND */
    VB_PAT_PLACE_DATE,  /* Hải Phòng, ngày 20 tháng 8 năm 2024 (blanks allowed) */
    VB_PAT_DOC_TYPE,    /* KẾ HOẠCH, QUYẾT ĐỊNH ... alone on a line */
    VB_PAT_BODY_START,  /* Căn cứ / Thực hiện / Xét ... : the preamble, not a title */
    VB_PAT_SEPARATOR,   /* ------ / _____ / ***** */
    VB_PAT_BANNER,      /* VĂN BẢN QUY PHẠM PHÁP LUẬT: the official gazette's banner */
    VB_PAT__COUNT
} vb_pattern_id;

#define VB_PAT_MAX_GROUPS 6

typedef struct {
    size_t start, end;                  /* the whole match, in bytes */
    size_t group_start[VB_PAT_MAX_GROUPS];
    size_t group_end[VB_PAT_MAX_GROUPS]; /* empty group: start == end; unset: both SIZE_MAX */
} vb_pat_match;

/* Matches pattern id against s[0..len); true on a match (filled into m). */
bool vb_pat_match_text(vb_pattern_id id, const char *s, size_t len, vb_pat_match *m);
/* Returns a group as an arena string, or NULL when the group did not take part. */
const char *vb_pat_group(vb_arena *arena, const char *s, const vb_pat_match *m, int group);
bool vb_pat_group_set(const vb_pat_match *m, int group);

/* Value of a Roman numeral written canonically (I..XXXIX..L), 0 if not one. */
int vb_roman_value(const char *s, size_t len);
/* Writes value (1..89) in canonical Roman numerals into out (NUL-terminated,
 * cap bytes at most); returns its length. */
size_t vb_roman_write(int value, char *out, size_t cap);

#endif
