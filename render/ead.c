/* The document record of Thông tư 05/2025/TT-BNV (EAD_doc): the mapping
 * from a document's header to the circular's 21 fields, the values a user
 * gives for the fields no document tells, and the `ead` format that writes
 * the record.  The record is described by schema/ead-doc.rng. */
#include "render_internal.h"

#include "../model/lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What a field takes, from the circular's table of fields. */
typedef enum {
    S_TEXT,   /* a string of at most max characters (0: no limit) */
    S_CODE,   /* a two-digit code from lo to hi */
    S_DATE,   /* DD/MM/YYYY */
    S_NUMBER, /* a whole number */
    S_BOOL    /* true, false, 1 or 0 */
} S_kind;

typedef struct {
    const char *name;
    S_kind kind;
    int max, lo, hi;
} S_field_spec;

static const S_field_spec S_fields[VB_EAD_NFIELDS] = {
    [VB_EAD_DOC_ID] = {"docId", S_TEXT, 0, 0, 0},
    [VB_EAD_DOC_CODE] = {"docCode", S_TEXT, 0, 0, 0},
    [VB_EAD_MAINTENANCE] = {"maintenance", S_CODE, 0, 1, 7},
    [VB_EAD_TYPE_NAME] = {"typeName", S_CODE, 0, 1, 32},
    [VB_EAD_CODE_NUMBER] = {"codeNumber", S_TEXT, 11, 0, 0},
    [VB_EAD_CODE_NOTATION] = {"codeNotation", S_TEXT, 30, 0, 0},
    [VB_EAD_ISSUED_DATE] = {"issuedDate", S_DATE, 0, 0, 0},
    [VB_EAD_ORGAN_NAME] = {"organName", S_TEXT, 200, 0, 0},
    [VB_EAD_SUBJECT] = {"subject", S_TEXT, 500, 0, 0},
    [VB_EAD_LANGUAGE] = {"language", S_CODE, 0, 1, 11},
    [VB_EAD_NUMBER_OF_PAGE] = {"numberOfPage", S_NUMBER, 0, 0, 0},
    [VB_EAD_INFOR_SIGN] = {"inforSign", S_TEXT, 30, 0, 0},
    [VB_EAD_KEYWORD] = {"keyword", S_TEXT, 100, 0, 0},
    [VB_EAD_MODE] = {"mode", S_CODE, 0, 1, 3},
    [VB_EAD_CONFIDENCE_LEVEL] = {"confidenceLevel", S_CODE, 0, 1, 3},
    [VB_EAD_AUTOGRAPH] = {"autograph", S_TEXT, 0, 0, 0},
    [VB_EAD_FORMAT] = {"format", S_CODE, 0, 1, 3},
    [VB_EAD_RISK_RECOVERY] = {"riskRecovery", S_BOOL, 0, 0, 0},
    [VB_EAD_RISK_RECOVERY_STATUS] = {"riskRecoveryStatus", S_TEXT, 2, 0, 0},
    [VB_EAD_PROCESS] = {"process", S_TEXT, 0, 0, 0},
    [VB_EAD_DESCRIPTION] = {"description", S_TEXT, 0, 0, 0},
};

/* The record of a file (hồ sơ): the circular's 18 fields. */
static const S_field_spec S_file_fields[VB_EAD_FILE_NFIELDS] = {
    [VB_EAD_FILE_CODE] = {"fileCode", S_TEXT, 0, 0, 0},
    [VB_EAD_FILE_TITLE] = {"title", S_TEXT, 0, 0, 0},
    [VB_EAD_FILE_MAINTENANCE] = {"maintenance", S_CODE, 0, 1, 7},
    [VB_EAD_FILE_MODE] = {"mode", S_CODE, 0, 1, 3},
    [VB_EAD_FILE_LANGUAGE] = {"language", S_CODE, 0, 1, 11},
    [VB_EAD_FILE_START_DATE] = {"startDate", S_DATE, 0, 0, 0},
    [VB_EAD_FILE_END_DATE] = {"endDate", S_DATE, 0, 0, 0},
    [VB_EAD_FILE_KEYWORD] = {"keyword", S_TEXT, 100, 0, 0},
    [VB_EAD_FILE_TOTAL_DOC] = {"totalDoc", S_NUMBER, 0, 0, 0},
    [VB_EAD_FILE_NUMBER_OF_PAPER] = {"numberOfPaper", S_NUMBER, 0, 0, 0},
    [VB_EAD_FILE_NUMBER_OF_PAGE] = {"numberOfPage", S_NUMBER, 0, 0, 0},
    [VB_EAD_FILE_FORMAT] = {"format", S_CODE, 0, 1, 3},
    [VB_EAD_FILE_INFOR_SIGN] = {"inforSign", S_TEXT, 30, 0, 0},
    [VB_EAD_FILE_CONFIDENCE_LEVEL] = {"confidenceLevel", S_CODE, 0, 1, 3},
    [VB_EAD_FILE_PAPER_FILE_CODE] = {"paperFileCode", S_TEXT, 0, 0, 0},
    [VB_EAD_FILE_RISK_RECOVERY] = {"riskRecovery", S_BOOL, 0, 0, 0},
    [VB_EAD_FILE_RISK_RECOVERY_STATUS] = {"riskRecoveryStatus", S_TEXT, 2, 0, 0},
    [VB_EAD_FILE_DESCRIPTION] = {"description", S_TEXT, 0, 0, 0},
};

const char *vb_ead_file_field_name(vb_ead_file_field f) {
    return (unsigned)f < VB_EAD_FILE_NFIELDS ? S_file_fields[f].name : NULL;
}

const char *vb_ead_field_name(vb_ead_field f) {
    return (unsigned)f < VB_EAD_NFIELDS ? S_fields[f].name : NULL;
}

vb_ead_field vb_ead_field_find(const char *name) {
    for (int i = 0; i < VB_EAD_NFIELDS; i++)
        if (strcmp(name, S_fields[i].name) == 0) return (vb_ead_field)i;
    return VB_EAD_NFIELDS;
}

static bool S_digits(const char *s, size_t n) {
    if (!n) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

static bool S_valid_date(const char *v) {
    if (strlen(v) != 10 || v[2] != '/' || v[5] != '/') return false;
    if (!S_digits(v, 2) || !S_digits(v + 3, 2) || !S_digits(v + 6, 4)) return false;
    int d = atoi(v), m = atoi(v + 3), y = atoi(v + 6);
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static const char *S_check(const S_field_spec *s, const char *v) {
    size_t n = strlen(v);
    switch (s->kind) {
    case S_TEXT:
        if (!n) return "is empty";
        if (!vb_utf8_valid((const unsigned char *)v, n)) return "is not UTF-8";
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)v[i] < 0x20 && v[i] != '\t') return "holds a control character";
        if (s->max && vb_utf8_length(v, n) > (size_t)s->max) {
            static const char *const too_long[] = {"is longer than 2 characters",
                                                   "is longer than 11 characters",
                                                   "is longer than 30 characters",
                                                   "is longer than 100 characters",
                                                   "is longer than 200 characters",
                                                   "is longer than 500 characters"};
            static const int lens[] = {2, 11, 30, 100, 200, 500};
            for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
                if (lens[i] == s->max) return too_long[i];
            return "is too long";
        }
        return NULL;
    case S_CODE: {
        int c = n == 2 && S_digits(v, 2) ? atoi(v) : -1;
        if (c >= s->lo && c <= s->hi) return NULL;
        switch (s->hi) {
        case 3: return "takes a code from 01 to 03";
        case 7: return "takes a code from 01 to 07";
        case 11: return "takes a code from 01 to 11";
        default: return "takes a code from 01 to 32";
        }
    }
    case S_DATE: return S_valid_date(v) ? NULL : "takes a date written DD/MM/YYYY";
    case S_NUMBER: return S_digits(v, n) && n <= 9 ? NULL : "takes a whole number";
    case S_BOOL:
        return strcmp(v, "true") == 0 || strcmp(v, "false") == 0 || strcmp(v, "1") == 0 ||
                       strcmp(v, "0") == 0
                   ? NULL
                   : "takes true, false, 1 or 0";
    }
    return "is not valid";
}

const char *vb_ead_field_check(vb_ead_field f, const char *v) {
    if ((unsigned)f >= VB_EAD_NFIELDS) return "is no field of the record";
    return S_check(&S_fields[f], v);
}

static void S_free_values(char **values, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(values[i]);
        values[i] = NULL;
    }
}

void vb_ead_given_free(vb_ead_given *g) { S_free_values(g->values, VB_EAD_NFIELDS); }

void vb_ead_file_given_free(vb_ead_file_given *g) { S_free_values(g->values, VB_EAD_FILE_NFIELDS); }

static bool S_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Reads FIELD=VALUE lines for the fields of specs into values[n]. */
static int S_read_given(const S_field_spec *specs, size_t nspecs, const char *what, char **values,
                        const char *name, const char *text, size_t len, vb_diags *diags) {
    memset(values, 0, nspecs * sizeof *values);
    int line = 0;
    for (size_t at = 0; at < len;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + at, *e = text + end;
        at = end + 1;
        line++;
        while (s < e && S_blank(*s)) s++;
        while (e > s && S_blank(e[-1])) e--;
        if (s == e || *s == '#') continue;
        const char *eq = memchr(s, '=', (size_t)(e - s));
        if (!eq) {
            S_free_values(values, nspecs);
            return vb_diag_error(diags, VB_ERR_USAGE, name, line, 0, "record",
                                 "expected FIELD=VALUE (a field of TT 05/2025, e.g. maintenance=01)");
        }
        const char *ke = eq, *vs = eq + 1;
        while (ke > s && S_blank(ke[-1])) ke--;
        while (vs < e && S_blank(*vs)) vs++;
        char key[32];
        size_t kn = (size_t)(ke - s);
        size_t f = nspecs;
        if (kn < sizeof key) {
            memcpy(key, s, kn);
            key[kn] = '\0';
            for (f = 0; f < nspecs && strcmp(specs[f].name, key) != 0;) f++;
        }
        if (f == nspecs) {
            S_free_values(values, nspecs);
            return vb_diag_error(diags, VB_ERR_USAGE, name, line, 0, "record",
                                 "'%.*s' is no field of the TT 05/2025 %s record",
                                 (int)(kn > 40 ? 40 : kn), s, what);
        }
        char *value = strndup(vs, (size_t)(e - vs));
        if (!value) abort();
        const char *why = S_check(&specs[f], value);
        if (why) {
            free(value);
            S_free_values(values, nspecs);
            return vb_diag_error(diags, VB_ERR_USAGE, name, line, 0, "record", "%s %s",
                                 specs[f].name, why);
        }
        free(values[f]);
        values[f] = value;
    }
    return VB_OK;
}

int vb_ead_given_read(const char *name, const char *text, size_t len, vb_ead_given *g,
                      vb_diags *diags) {
    return S_read_given(S_fields, VB_EAD_NFIELDS, "document", g->values, name, text, len, diags);
}

int vb_ead_file_given_read(const char *name, const char *text, size_t len, vb_ead_file_given *g,
                           vb_diags *diags) {
    return S_read_given(S_file_fields, VB_EAD_FILE_NFIELDS, "file", g->values, name, text, len,
                        diags);
}

/* ---- the mapping ---- */

#define S_NONE SIZE_MAX

/* Appends s with each run of blanks and line ends made one space, trimmed,
 * and cut to at most max characters (at a character's end), then a NUL;
 * returns where it begins in the store, S_NONE when nothing is left. */
static size_t S_put_collapsed(vb_buf *store, const char *s, int max) {
    size_t start = store->len, chars = 0;
    bool space = false;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    while (p < end) {
        uint32_t cp;
        int k = vb_utf8_decode(p, (size_t)(end - p), &cp);
        if (!k) k = 1, cp = VB_REPLACEMENT_CHAR;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
            space = store->len > start;
        } else {
            if (max && chars + (space ? 1 : 0) + 1 > (size_t)max) break;
            if (space) vb_buf_putc(store, ' '), chars++;
            space = false;
            vb_buf_append(store, p, (size_t)k);
            chars++;
        }
        p += k;
    }
    if (store->len == start) return S_NONE;
    vb_buf_putc(store, '\0');
    return start;
}

static size_t S_put(vb_buf *store, const char *s) {
    size_t start = store->len;
    vb_buf_append(store, s, strlen(s) + 1);
    return start;
}

static const vb_lex_doc_type *S_type_named(const char *name) {
    const vb_lex_doc_type *t;
    for (size_t i = 0; (t = vb_lex_doc_type_nth(i)); i++)
        if (strcmp(t->name, name) == 0) return t;
    return NULL;
}

/* The tên loại code: of the printed type ("32" Khác for a type the circular
 * does not list); without one, of the type whose abbreviation opens the ký
 * hiệu ("KH" of "KH-UBND"); a numbered document with a trích yếu and
 * neither is a công văn, whose ký hiệu names no type (Nghị định 30/2020,
 * Phụ lục III).  NULL when nothing tells. */
static const char *S_type_code(const vb_meta *m) {
    if (m->type.value) {
        const vb_lex_doc_type *t = vb_lex_doc_type_of(m->type.value, strlen(m->type.value));
        return t ? t->code : "32";
    }
    if (m->code) {
        size_t seg = strcspn(m->code, "-/");
        const vb_lex_doc_type *t;
        for (size_t i = 0; (t = vb_lex_doc_type_nth(i)); i++)
            if (strlen(t->abbr) == seg && memcmp(t->abbr, m->code, seg) == 0) return t->code;
    }
    if (m->number.value && m->title.value) {
        const vb_lex_doc_type *t = S_type_named("Công văn");
        return t ? t->code : NULL;
    }
    return NULL;
}

/* Born digital (a Word file) or digitised (read from an OCR layer, or a PDF
 * whose text was recognised from its page images: the reader's "text-layer"
 * property); a text file, or a PDF that does not say, is left out. */
static const char *S_confidence(const vb_source *src) {
    if (!src || !src->format) return NULL;
    if (strcmp(src->format, "docx") == 0) return "01";
    if (strcmp(src->format, "hocr") == 0 || strcmp(src->format, "alto") == 0) return "02";
    for (const vb_prop *p = src->props; p; p = p->next)
        if (strcmp(p->key, "text-layer") == 0 && strcmp(p->value, "ocr") == 0) return "02";
    return NULL;
}

/* The page count a reader recorded as the property "pages". */
static const char *S_pages(const vb_source *src) {
    for (const vb_prop *p = src ? src->props : NULL; p; p = p->next)
        if (strcmp(p->key, "pages") == 0 && S_digits(p->value, strlen(p->value)) &&
            strlen(p->value) <= 9 && atoi(p->value) > 0)
            return p->value;
    return NULL;
}

void vb_ead_record_make(const vb_doc *doc, const vb_ead_given *given, vb_ead_record *rec) {
    memset(rec, 0, sizeof *rec);
    size_t off[VB_EAD_NFIELDS];
    for (int i = 0; i < VB_EAD_NFIELDS; i++) off[i] = S_NONE;
    const vb_meta *m = &doc->meta;
    vb_buf *st = &rec->store;

    rec->values[VB_EAD_TYPE_NAME] = S_type_code(m);
    if (m->number_value && !vb_ead_field_check(VB_EAD_CODE_NUMBER, m->number_value))
        rec->values[VB_EAD_CODE_NUMBER] = m->number_value;
    if (m->code && !vb_ead_field_check(VB_EAD_CODE_NOTATION, m->code))
        rec->values[VB_EAD_CODE_NOTATION] = m->code;
    if (m->day && m->month && m->year) {
        char d[32];
        snprintf(d, sizeof d, "%02d/%02d/%04d", m->day, m->month, m->year);
        if (S_valid_date(d)) off[VB_EAD_ISSUED_DATE] = S_put(st, d);
    }
    if (m->authority.value) off[VB_EAD_ORGAN_NAME] = S_put_collapsed(st, m->authority.value, 200);
    if (m->title.value) off[VB_EAD_SUBJECT] = S_put_collapsed(st, m->title.value, 500);
    rec->values[VB_EAD_LANGUAGE] = "01"; /* Vietnamese, unless given */
    rec->values[VB_EAD_NUMBER_OF_PAGE] = S_pages(doc->source);
    rec->values[VB_EAD_CONFIDENCE_LEVEL] = S_confidence(doc->source);
    /* chế độ sử dụng: "03" mật where the document prints its độ mật; a
     * document without the mark may still be restricted, so the field is
     * left to the archive then */
    rec->values[VB_EAD_MODE] = vb_lex_secrecy_mode(m->secrecy_level);

    for (int i = 0; i < VB_EAD_NFIELDS; i++)
        if (off[i] != S_NONE) rec->values[i] = rec->store.data + off[i];
    if (given)
        for (int i = 0; i < VB_EAD_NFIELDS; i++)
            if (given->values[i]) rec->values[i] = given->values[i];
}

void vb_ead_record_free(vb_ead_record *rec) {
    vb_buf_free(&rec->store);
    memset(rec, 0, sizeof *rec);
}

/* ---- the `ead` format ---- */

void vb_ead_write_fields(vb_buf *out, bool file_level, const char *const *values, int indent) {
    const S_field_spec *specs = file_level ? S_file_fields : S_fields;
    size_t n = file_level ? VB_EAD_FILE_NFIELDS : VB_EAD_NFIELDS;
    for (size_t i = 0; i < n; i++) {
        const char *v = values[i];
        if (!v) continue;
        for (int k = 0; k < indent; k++) vb_buf_putc(out, ' ');
        vb_buf_printf(out, "<%s>", specs[i].name);
        vb_render_escape_xml(out, v, strlen(v), false);
        vb_buf_printf(out, "</%s>\n", specs[i].name);
    }
}

int vb_render_ead(const vb_doc *doc, const vb_render_options *o, vb_buf *out) {
    vb_ead_record rec;
    vb_ead_record_make(doc, o->ead_given, &rec);
    vb_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EAD_doc>\n");
    vb_ead_write_fields(out, false, rec.values, 2);
    vb_buf_puts(out, "</EAD_doc>\n");
    vb_ead_record_free(&rec);
    return VB_OK;
}
