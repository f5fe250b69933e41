/* The source: blocks and runs as readers build them, and format sniffing. */
#include "extract.h"
#include "reader_internal.h"

#include <string.h>

vb_source *vb_source_new(const char *path, const char *format) {
    vb_arena *arena = vb_arena_new();
    vb_source *src = vb_arena_alloc(arena, sizeof *src);
    src->arena = arena;
    src->path = vb_arena_strdup(arena, path ? path : "-");
    src->format = format;
    vb_diags_init(&src->diags, arena, src->path);
    return src;
}

#define DEFAULT_MAX_INPUT ((size_t)512 << 20)

int vb_reader_check_size(vb_source *src, size_t len, const vb_extract_options *opts) {
    size_t max_input = opts && opts->max_input_bytes ? opts->max_input_bytes : DEFAULT_MAX_INPUT;
    if (max_input > VB_MAX_INPUT_BYTES) max_input = VB_MAX_INPUT_BYTES;
    if (len <= max_input) return VB_OK;
    vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "too-large",
                "input of %zu MiB exceeds the limit of %zu MiB", len >> 20, max_input >> 20);
    return VB_ERR_LIMIT;
}

void vb_source_free(vb_source *src) {
    if (src) vb_arena_free(src->arena);
}

vb_block *vb_source_add_block(vb_source *src, vb_block_kind kind, int line) {
    vb_block *b = vb_arena_alloc(src->arena, sizeof *b);
    b->kind = kind;
    b->line = b->line_end = line;
    b->list_level = -1;
    if (src->last) src->last->next = b;
    else src->first = b;
    src->last = b;
    return b;
}

vb_run *vb_block_add_run(vb_source *src, vb_block *block, vb_run_kind kind, const char *text,
                         size_t len, unsigned style) {
    vb_run *r = vb_arena_alloc(src->arena, sizeof *r);
    r->kind = kind;
    r->style = style;
    r->text = vb_arena_strndup(src->arena, text ? text : "", text ? len : 0);
    r->len = text ? len : 0;
    vb_run **p = &block->runs;
    while (*p) p = &(*p)->next;
    *p = r;
    return r;
}

/* The bytes of the blank at t[i] (space, tab, line end, no-break space), 0
 * when none: what separates the words of vb_word_boxes. */
static size_t S_blank_len(const char *t, size_t len, size_t i) {
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\r' || t[i] == '\n') return 1;
    if ((unsigned char)t[i] == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xA0) return 2;
    return 0;
}

/* The index of the first word of t[0, len) that ends after from (-1 when
 * none), and of the last that starts before to. */
static void S_word_range(const char *t, size_t len, size_t from, size_t to, long *first, long *last) {
    *first = *last = -1;
    long k = -1;
    for (size_t i = 0; i < len;) {
        size_t b = S_blank_len(t, len, i);
        if (b) {
            i += b;
            continue;
        }
        size_t start = i;
        while (i < len && !S_blank_len(t, len, i)) i++;
        k++;
        if (start >= to) break;
        if (i > from && *first < 0) *first = k;
        *last = k;
    }
}

const vb_word_pos *vb_run_word_pos(vb_source *src, const vb_run *r, size_t from, size_t len) {
    const vb_word_boxes *wb = r->word_boxes;
    if (!wb || !wb->n) return NULL;
    long first, last;
    S_word_range(r->text, r->len, from, from + len, &first, &last);
    if (first < 0 || last < first || (size_t)first >= wb->n) return NULL;
    if ((size_t)last >= wb->n) last = (long)wb->n - 1;
    vb_word_pos *p = vb_arena_alloc(src->arena, sizeof *p);
    p->page = wb->page;
    memcpy(p->box, wb->box[first], sizeof p->box);
    for (long k = first + 1; k <= last; k++) {
        if (wb->box[k][0] < p->box[0]) p->box[0] = wb->box[k][0];
        if (wb->box[k][1] < p->box[1]) p->box[1] = wb->box[k][1];
        if (wb->box[k][2] > p->box[2]) p->box[2] = wb->box[k][2];
        if (wb->box[k][3] > p->box[3]) p->box[3] = wb->box[k][3];
    }
    return p;
}

const vb_word_boxes *vb_run_word_boxes_from(vb_source *src, const vb_run *r, size_t from) {
    const vb_word_boxes *wb = r->word_boxes;
    if (!wb) return NULL;
    long first, last;
    S_word_range(r->text, r->len, from, r->len, &first, &last);
    if (first < 0 || (size_t)first >= wb->n) return NULL;
    if (first == 0) return wb;
    vb_word_boxes *p = vb_arena_alloc(src->arena, sizeof *p);
    p->box = wb->box + first;
    p->n = wb->n - (uint32_t)first;
    p->page = wb->page;
    return p;
}

const char *vb_block_text(vb_source *src, const vb_block *block, size_t *len) {
    return vb_block_text_in(src->arena, block, len);
}

const char *vb_block_text_in(vb_arena *arena, const vb_block *block, size_t *len) {
    vb_buf b = {0};
    for (const vb_run *r = block->runs; r; r = r->next) {
        if (r->kind == VB_RUN_TEXT) vb_buf_append(&b, r->text, r->len);
        else if (r->kind == VB_RUN_BREAK) vb_buf_putc(&b, '\n');
        else if (r->kind == VB_RUN_TAB) vb_buf_putc(&b, '\t');
    }
    const char *s = vb_arena_strndup(arena, b.data ? b.data : "", b.len);
    if (len) *len = b.len;
    vb_buf_free(&b);
    return s;
}

static bool S_starts(const unsigned char *d, size_t len, const char *magic, size_t n) {
    return len >= n && memcmp(d, magic, n) == 0;
}

/* Looks for a local file header naming word/document.xml near the start
 * (Word writes [Content_Types].xml first; the name sits in the first headers). */
static bool S_zip_has_word(const unsigned char *d, size_t len) {
    const char *needle = "word/";
    size_t scan = len < (1u << 20) ? len : (1u << 20);
    for (size_t i = 0; i + 5 <= scan; i++)
        if (memcmp(d + i, needle, 5) == 0) return true;
    /* the central directory at the end names every part */
    size_t from = len > (1u << 20) ? len - (1u << 20) : 0;
    for (size_t i = from; i + 5 <= len; i++)
        if (memcmp(d + i, needle, 5) == 0) return true;
    return false;
}

static bool S_has_within(const unsigned char *d, size_t len, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (d[i] == (unsigned char)needle[0] && memcmp(d + i, needle, n) == 0) return true;
    return false;
}

/* An OCR layer in XML: markup from its first byte (after a BOM and blanks),
 * the hOCR classes or the ALTO root near the start. */
static vb_sniff_kind S_sniff_markup(const unsigned char *d, size_t len) {
    size_t i = 0;
    if (len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) i++;
    if (i >= len || d[i] != '<') return VB_SNIFF_TEXT;
    size_t scan = len < 65536 ? len : 65536;
    if (S_has_within(d, scan, "ocr_page") || S_has_within(d, scan, "ocrx_word") ||
        S_has_within(d, scan, "ocr_line"))
        return VB_SNIFF_HOCR;
    if (S_has_within(d, scan, "<alto") || S_has_within(d, scan, ":alto ")) return VB_SNIFF_ALTO;
    return VB_SNIFF_TEXT;
}

vb_sniff_kind vb_sniff(const unsigned char *d, size_t len) {
    if (S_starts(d, len, "PK\x03\x04", 4) || S_starts(d, len, "PK\x05\x06", 4))
        return S_zip_has_word(d, len) ? VB_SNIFF_DOCX : VB_SNIFF_ZIP_OTHER;
    if (S_starts(d, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) return VB_SNIFF_OLE2;
    if (S_starts(d, len, "%PDF-", 5)) return VB_SNIFF_PDF;
    if (S_starts(d, len, "{\\rtf", 5)) return VB_SNIFF_RTF;
    /* UTF-16 text is full of NUL bytes but is text */
    if (S_starts(d, len, "\xFF\xFE", 2) || S_starts(d, len, "\xFE\xFF", 2)) return VB_SNIFF_TEXT;
    /* NUL bytes padding the end of a file (a fixed-size record, a
     * preallocated block) are no part of its text: text before them is text */
    size_t tail = len;
    while (tail && !d[tail - 1]) tail--;
    if (!tail) return VB_SNIFF_BINARY;
    size_t scan = tail < 65536 ? tail : 65536, nul = 0, ctrl = 0;
    for (size_t i = 0; i < scan; i++) {
        if (d[i] == 0) nul++;
        else if (d[i] < 0x20 && d[i] != '\n' && d[i] != '\r' && d[i] != '\t' && d[i] != '\f')
            ctrl++;
    }
    /* BOM-less UTF-16: NULs in every other byte of mostly-ASCII text */
    if (nul && scan >= 4 && nul * 2 >= scan - 2) {
        size_t even = 0, odd = 0;
        for (size_t i = 0; i < scan; i++)
            if (!d[i]) {
                if (i & 1) odd++;
                else even++;
            }
        if (even > scan * 4 / 10 || odd > scan * 4 / 10) return VB_SNIFF_TEXT;
    }
    if (nul || ctrl * 20 > scan) return VB_SNIFF_BINARY;
    return S_sniff_markup(d, len);
}

const char *vb_sniff_name(vb_sniff_kind k) {
    switch (k) {
    case VB_SNIFF_TEXT: return "text";
    case VB_SNIFF_DOCX: return "Word document (DOCX)";
    case VB_SNIFF_ZIP_OTHER: return "ZIP archive that is not a Word document";
    case VB_SNIFF_OLE2: return "legacy Office file (.doc/.xls, OLE2)";
    case VB_SNIFF_PDF: return "PDF";
    case VB_SNIFF_RTF: return "RTF";
    case VB_SNIFF_HOCR: return "hOCR";
    case VB_SNIFF_ALTO: return "ALTO";
    case VB_SNIFF_BINARY: return "binary file";
    }
    return "unknown";
}
