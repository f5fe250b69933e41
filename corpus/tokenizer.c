/* The full-text tokenizer: words found by ICU's word break iterator, each
 * keyed twice.  The folded key (no diacritics, đ → d, case-folded) is always
 * emitted; the exact key (case-folded NFC with tone marks moved to the old
 * placement, so hoà and hòa are one key) follows it as a colocated token when
 * it differs.  A query word typed with diacritics looks for the exact key,
 * one typed without looks for the folded key.  The two can never collide: an
 * exact key is only stored when it carries a mark or đ, a folded key never
 * does. */
#include "corpus_internal.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "../normalize/normalize.h"

/* Longer "words" (base64 blobs, runs of digits) are not worth a key. */
#define S_MAX_WORD_BYTES 96

static bool S_is_ascii(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return false;
    return true;
}

static void S_put_utf16(const UChar *u, int32_t n, vb_buf *out) {
    char tmp[4 * S_MAX_WORD_BYTES + 8];
    int32_t got = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8(tmp, (int32_t)sizeof tmp, &got, u, n, &st);
    if (U_FAILURE(st)) return;
    vb_buf_append(out, tmp, (size_t)got);
}

bool vb_corpus_word_keys(const char *word, size_t len, vb_buf *exact, vb_buf *folded) {
    if (len > S_MAX_WORD_BYTES) len = S_MAX_WORD_BYTES;
    if (S_is_ascii(word, len)) { /* most numbers and codes: one key */
        for (size_t i = 0; i < len; i++) {
            char c = word[i];
            vb_buf_putc(folded, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
        }
        vb_buf_append(exact, folded->data + folded->len - len, len);
        return false;
    }
    UChar u[S_MAX_WORD_BYTES + 8], lower[2 * S_MAX_WORD_BYTES + 8], nfc[2 * S_MAX_WORD_BYTES + 8],
        nfd[4 * S_MAX_WORD_BYTES + 8];
    int32_t nu = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8Lenient(u, (int32_t)(sizeof u / sizeof u[0]), &nu, word, (int32_t)len, &st);
    if (U_FAILURE(st)) return false;
    int32_t nl = u_strFoldCase(lower, (int32_t)(sizeof lower / sizeof lower[0]), u, nu,
                               U_FOLD_CASE_DEFAULT, &st);
    const UNormalizer2 *nfc_norm = unorm2_getNFCInstance(&st);
    const UNormalizer2 *nfd_norm = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st)) return false;
    int32_t nc = unorm2_normalize(nfc_norm, lower, nl, nfc, (int32_t)(sizeof nfc / sizeof nfc[0]), &st);
    int32_t nd = unorm2_normalize(nfd_norm, lower, nl, nfd, (int32_t)(sizeof nfd / sizeof nfd[0]), &st);
    if (U_FAILURE(st)) return false;

    /* exact: NFC, then one tone placement */
    vb_buf plain = {0};
    S_put_utf16(nfc, nc, &plain);
    if (!plain.len || !vb_tone_style_text(plain.data, plain.len, VB_TONE_OLD, exact))
        vb_buf_append(exact, plain.data ? plain.data : "", plain.len);
    vb_buf_free(&plain);

    /* folded: NFD without its combining marks, đ as d */
    int32_t k = 0;
    bool marked = false;
    for (int32_t i = 0; i < nd; i++) {
        UChar c = nfd[i];
        if (u_charType(c) == U_NON_SPACING_MARK) {
            marked = true;
            continue;
        }
        if (c == 0x0111) {
            c = 'd';
            marked = true;
        }
        nfd[k++] = c;
    }
    S_put_utf16(nfd, k, folded);
    return marked;
}

void vb_corpus_code_key(const char *code, vb_buf *out) {
    vb_buf exact = {0}, folded = {0};
    size_t len = strlen(code);
    vb_corpus_word_keys(code, len, &exact, &folded);
    for (size_t i = 0; i < folded.len; i++) {
        char c = folded.data[i];
        if (c == ' ' || c == '\t') continue;
        vb_buf_putc(out, c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    if (!out->data) vb_buf_puts(out, "");
    vb_buf_free(&exact);
    vb_buf_free(&folded);
}

static void S_fold_word(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                        size_t end) {
    vb_buf *out = ctx;
    if (colocated) return;
    if (out->len) vb_buf_putc(out, ' ');
    vb_buf_append(out, key, len);
}

void vb_corpus_fold_text(const char *text, vb_buf *out) {
    vb_corpus_tokenize(text, strlen(text), false, S_fold_word, out);
    if (!out->data) vb_buf_puts(out, "");
}

/* ---- word splitting ---- */

typedef struct {
    UBreakIterator *words;
    vb_buf exact, folded;
} S_splitter;

static int S_splitter_init(S_splitter *sp) {
    memset(sp, 0, sizeof *sp);
    UErrorCode st = U_ZERO_ERROR;
    sp->words = ubrk_open(UBRK_WORD, "vi", NULL, 0, &st);
    return U_FAILURE(st) ? VB_ERR_INTERNAL : VB_OK;
}

static void S_splitter_free(S_splitter *sp) {
    if (sp->words) ubrk_close(sp->words);
    vb_buf_free(&sp->exact);
    vb_buf_free(&sp->folded);
}

/* Calls emit(ctx, key, len, colocated, start, end) per key; stops when it
 * returns non-zero and returns that. */
typedef int (*S_emit_fn)(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                         size_t end);

static int S_split(S_splitter *sp, const char *text, size_t len, bool query, S_emit_fn emit,
                   void *ctx) {
    UErrorCode st = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text, (int64_t)len, &st);
    ubrk_setUText(sp->words, &ut, &st);
    if (U_FAILURE(st)) {
        utext_close(&ut);
        return VB_ERR_INTERNAL;
    }
    int rc = 0;
    int32_t start = ubrk_first(sp->words);
    for (int32_t end = ubrk_next(sp->words); end != UBRK_DONE && rc == 0;
         start = end, end = ubrk_next(sp->words)) {
        if (ubrk_getRuleStatus(sp->words) < UBRK_WORD_NONE_LIMIT) continue; /* spaces, punctuation */
        vb_buf_clear(&sp->exact);
        vb_buf_clear(&sp->folded);
        bool marked = vb_corpus_word_keys(text + start, (size_t)(end - start), &sp->exact, &sp->folded);
        if (!sp->folded.len) continue;
        if (query) {
            vb_buf *key = marked ? &sp->exact : &sp->folded;
            rc = emit(ctx, key->data, key->len, false, (size_t)start, (size_t)end);
        } else {
            rc = emit(ctx, sp->folded.data, sp->folded.len, false, (size_t)start, (size_t)end);
            if (rc == 0 && marked && sp->exact.len)
                rc = emit(ctx, sp->exact.data, sp->exact.len, true, (size_t)start, (size_t)end);
        }
    }
    utext_close(&ut);
    return rc;
}

typedef struct {
    vb_corpus_token_fn fn;
    void *ctx;
} S_public_ctx;

static int S_public_emit(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                         size_t end) {
    S_public_ctx *p = ctx;
    p->fn(p->ctx, key, len, colocated, start, end);
    return 0;
}

int vb_corpus_tokenize(const char *text, size_t len, bool query, vb_corpus_token_fn fn, void *ctx) {
    S_splitter sp;
    if (S_splitter_init(&sp) != VB_OK) {
        S_splitter_free(&sp);
        return VB_ERR_INTERNAL;
    }
    S_public_ctx p = {fn, ctx};
    int rc = S_split(&sp, text, len, query, S_public_emit, &p);
    S_splitter_free(&sp);
    return rc;
}

/* ---- the FTS5 tokenizer "vanban" ---- */

static int S_create(void *unused, const char **args, int nargs, Fts5Tokenizer **out) {
    S_splitter *sp = sqlite3_malloc(sizeof *sp);
    if (!sp) return SQLITE_NOMEM;
    if (S_splitter_init(sp) != VB_OK) {
        S_splitter_free(sp);
        sqlite3_free(sp);
        return SQLITE_ERROR;
    }
    *out = (Fts5Tokenizer *)sp;
    return SQLITE_OK;
}

static void S_delete(Fts5Tokenizer *tok) {
    S_splitter *sp = (S_splitter *)tok;
    S_splitter_free(sp);
    sqlite3_free(sp);
}

typedef struct {
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
} S_fts_ctx;

static int S_fts_emit(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                      size_t end) {
    S_fts_ctx *f = ctx;
    return f->token(f->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, key, (int)len, (int)start,
                    (int)end);
}

static int S_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
                      int (*token)(void *, int, const char *, int, int, int)) {
    S_fts_ctx f = {ctx, token};
    bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    int rc = S_split((S_splitter *)tok, text, (size_t)len, query, S_fts_emit, &f);
    return rc == VB_ERR_INTERNAL ? SQLITE_ERROR : rc;
}

int vb_corpus_register_tokenizer(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return SQLITE_ERROR;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api) return SQLITE_ERROR;
    fts5_tokenizer tokenizer = {S_create, S_delete, S_tokenize}; /* copied by FTS5 */
    return api->xCreateTokenizer(api, "vanban", NULL, &tokenizer, NULL);
}
