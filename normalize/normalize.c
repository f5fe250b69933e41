/* The normalize stage: decoding to UTF-8, NFC, and the hook where deeper
 * repairs (encodings, Unicode clean-up, layout, diacritics) plug in. */
#include "normalize.h"
#include "diacritics.h"

#include "encoding.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

void vb_report_add(vb_repair_report *rep, const char *kind, size_t count) {
    if (!rep || !count) return;
    for (size_t i = 0; i < rep->nitems; i++)
        if (strcmp(rep->items[i].kind, kind) == 0) {
            rep->items[i].count += count;
            return;
        }
    if (rep->nitems < VB_REPORT_MAX_KINDS) {
        rep->items[rep->nitems].kind = kind;
        rep->items[rep->nitems].count = count;
        rep->nitems++;
    }
}

size_t vb_report_get(const vb_repair_report *rep, const char *kind) {
    for (size_t i = 0; rep && i < rep->nitems; i++)
        if (strcmp(rep->items[i].kind, kind) == 0) return rep->items[i].count;
    return 0;
}

/* Converts with an ICU converter into UTF-8 (encodings that are not ours). */
static int S_icu_to_utf8(const char *codepage, const unsigned char *data, size_t len, vb_buf *out,
                         vb_diags *diags) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(codepage, &status);
    if (U_FAILURE(status)) {
        return vb_diag_error(diags, VB_ERR_USAGE, NULL, 0, 0, "unknown-encoding",
                             "unknown encoding %s", codepage);
    }
    ucnv_close(cnv);
    size_t cap = len * 3 + 16;
    vb_buf_reserve(out, cap);
    int32_t n = ucnv_convert("UTF-8", codepage, out->data + out->len, (int32_t)cap,
                             (const char *)data, (int32_t)len, &status);
    if (U_FAILURE(status)) {
        return vb_diag_error(diags, VB_ERR_FORMAT, NULL, 0, 0, "undecodable",
                             "cannot decode as %s: %s", codepage, u_errorName(status));
    }
    out->len += (size_t)n;
    out->data[out->len] = '\0';
    return VB_OK;
}

int vb_normalize_decode(const unsigned char *data, size_t len, const char *from, vb_buf *out,
                        const char **detected, vb_diags *diags) {
    if (len > INT32_MAX / 3)
        return vb_diag_error(diags, VB_ERR_LIMIT, NULL, 0, 0, "too-large",
                             "input too large to decode (%zu MiB)", len >> 20);
    vb_encoding enc;
    if (from && !vb_encoding_lookup(from, &enc)) {
        *detected = from;
        return S_icu_to_utf8(from, data, len, out, diags);
    }
    if (!from) enc = vb_encoding_detect(data, len);
    size_t bom = vb_encoding_bom_length(enc, data, len);
    /* NUL padding after text detected as 8-bit is dropped (the caller says so) */
    if (!from && enc != VB_ENC_UTF16LE && enc != VB_ENC_UTF16BE)
        while (len > bom && !data[len - 1]) len--;
    *detected = vb_encoding_name(enc);
    int st = vb_encoding_decode(enc, data + bom, len - bom, out);
    if (st == VB_ERR_FORMAT && !from) {
        /* the sample looked like mojibake but the whole text does not unwrap */
        *detected = vb_encoding_name(VB_ENC_UTF8);
        return vb_encoding_decode(VB_ENC_UTF8, data + bom, len - bom, out);
    }
    if (st != VB_OK)
        vb_diag_error(diags, st, NULL, 0, 0, "undecodable", "cannot decode as %s",
                      vb_encoding_name(enc));
    return st;
}

int vb_nfc(const char *utf8, size_t len, vb_buf *out) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return VB_ERR_INTERNAL;
    /* fast path: most text is already NFC */
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, utf8, (int32_t)len, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return VB_ERR_INTERNAL;
    status = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    UChar *n = NULL;
    if (!u) abort();
    u_strFromUTF8(u, ulen + 1, NULL, utf8, (int32_t)len, &status);
    if (U_FAILURE(status)) goto fail;
    if (unorm2_quickCheck(nfc, u, ulen, &status) == UNORM_YES && U_SUCCESS(status)) {
        vb_buf_append(out, utf8, len);
        free(u);
        return VB_OK;
    }
    status = U_ZERO_ERROR;
    int32_t nlen = unorm2_normalize(nfc, u, ulen, NULL, 0, &status);
    status = U_ZERO_ERROR;
    n = malloc(((size_t)nlen + 1) * sizeof *n);
    if (!n) abort();
    unorm2_normalize(nfc, u, ulen, n, nlen + 1, &status);
    if (U_FAILURE(status)) goto fail;
    int32_t blen = 0;
    u_strToUTF8(NULL, 0, &blen, n, nlen, &status);
    status = U_ZERO_ERROR;
    vb_buf_reserve(out, (size_t)blen);
    u_strToUTF8(out->data + out->len, blen + 1, NULL, n, nlen, &status);
    if (U_FAILURE(status)) goto fail;
    out->len += (size_t)blen;
    out->data[out->len] = '\0';
    free(u);
    free(n);
    return VB_OK;
fail:
    free(u);
    free(n);
    return VB_ERR_INTERNAL;
}

/* Rewrites one run list to NFC, counting the runs that changed. */
static int S_nfc_runs(vb_source *src, vb_run *runs, vb_buf *scratch) {
    for (vb_run *r = runs; r; r = r->next) {
        if (r->kind != VB_RUN_TEXT || !r->len) continue;
        vb_buf_clear(scratch);
        if (vb_nfc(r->text, r->len, scratch) != VB_OK) return VB_ERR_INTERNAL;
        if (scratch->len != r->len || memcmp(scratch->data, r->text, r->len) != 0) {
            r->text = vb_arena_strndup(src->arena, scratch->data, scratch->len);
            r->len = scratch->len;
            vb_report_add(src->report, "nfc", 1);
        }
    }
    return VB_OK;
}

static int S_nfc_blocks(vb_source *src, vb_block *first, vb_buf *scratch) {
    for (vb_block *b = first; b; b = b->next) {
        int st = S_nfc_runs(src, b->runs, scratch);
        if (st != VB_OK) return st;
        for (size_t i = 0; i < b->nrows; i++)
            for (size_t c = 0; c < b->rows[i].ncells; c++) {
                st = S_nfc_blocks(src, b->rows[i].cells[c].content, scratch);
                if (st != VB_OK) return st;
            }
    }
    return VB_OK;
}

/* ---- document properties typed in a legacy 8-bit font ----
 * A Word file made from a .VnTime document often keeps its title in the
 * old bytes, each stored as the Windows-1252 character of that byte
 * ("ubnd tØnh Lµo Cai").  The bytes are taken back and read as the body text
 * of a file would be: the decoding is kept only when it reads as more
 * Vietnamese than the text as stored. */
static const uint16_t S_cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

/* The bytes a text stands for when each of its characters is one
 * Windows-1252 (or Latin-1) byte; false when it is not such a text or has
 * no byte above ASCII. */
static bool S_cp1252_bytes(const char *s, size_t n, vb_buf *out) {
    bool high = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = vb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (k <= 0) return false;
        i += (size_t)k;
        int byte = -1;
        if (cp < 0x100) byte = (int)cp;
        for (int j = 0; j < 32 && byte < 0; j++)
            if (S_cp1252_high[j] && S_cp1252_high[j] == cp) byte = 0x80 + j;
        if (byte < 0) return false;
        high |= byte >= 0x80;
        vb_buf_putc(out, (char)byte);
    }
    return high;
}

static void S_decode_props(vb_source *src) {
    vb_buf bytes = {0}, text = {0};
    for (vb_prop *p = src->props; p; p = p->next) {
        if (!p->value) continue;
        size_t n = strlen(p->value);
        vb_buf_clear(&bytes);
        if (!S_cp1252_bytes(p->value, n, &bytes)) continue;
        vb_encoding enc = vb_encoding_detect((const unsigned char *)bytes.data, bytes.len);
        if (enc != VB_ENC_TCVN3 && enc != VB_ENC_VNI && enc != VB_ENC_VISCII && enc != VB_ENC_CP1258)
            continue;
        vb_buf_clear(&text);
        if (vb_encoding_decode(enc, (const unsigned char *)bytes.data, bytes.len, &text) != VB_OK) continue;
        size_t valid = 0;
        long before = vb_encoding_score(p->value, n, NULL, NULL);
        long after = vb_encoding_score(text.data ? text.data : "", text.len, &valid, NULL);
        if (!valid || after <= before) continue;
        vb_buf nfc = {0};
        if (vb_nfc(text.data, text.len, &nfc) == VB_OK) {
            p->value = vb_arena_strndup(src->arena, nfc.data ? nfc.data : "", nfc.len);
            vb_report_add(src->report, "property-decoded", 1);
        }
        vb_buf_free(&nfc);
    }
    vb_buf_free(&bytes);
    vb_buf_free(&text);
}

int vb_normalize_source(vb_source *src, const vb_normalize_options *opts) {
    if (!src->report) src->report = vb_arena_alloc(src->arena, sizeof *src->report);
    vb_buf scratch = {0};
    int st = S_nfc_blocks(src, src->first, &scratch);
    vb_buf_free(&scratch);
    if (st == VB_OK) {
        vb_unicode_clean_source(src);
        S_decode_props(src);
        /* layout first: the diacritics model reads whole paragraphs */
        if (opts->layout) vb_layout_source(src);
        if (opts->model && opts->diacritics != VB_DIACRITICS_OFF) st = vb_restore_diacritics(src, opts);
        vb_tone_style_source(src, opts->tone_style);
    }
    if (st != VB_OK)
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "icu", "Unicode normalization failed");
    return st;
}
