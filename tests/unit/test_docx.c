/* Unit tests of the DOCX reader: packages are written with libzip from XML
 * held here, read back through vb_extract_docx, and the
 * blocks, runs, regions and properties checked; then hostile packages
 * (zip bomb, lying sizes, DOCTYPE entities, deep nesting, duplicates,
 * encryption, damage) must be refused with a clear message. */
#include "../../extract/docx_internal.h"
#include "../support/vb_test.h"

#include <zip.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#define NS                                                                                  \
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "             \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

#define DOC(body) "<?xml version=\"1.0\"?><w:document " NS "><w:body>" body "</w:body></w:document>"

static const char PKG_RELS[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"/word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

typedef struct {
    const char *name;
    const char *data;
    size_t len; /* 0 = strlen */
} part;

/* Writes the parts as a ZIP (deflated; encrypted with traditional PKWARE
 * encryption when a password is given) and returns its bytes. */
static unsigned char *S_zip(const part *parts, size_t n, const char *password, size_t *len) {
    char path[] = "/tmp/vanban-test-docx-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) abort();
    close(fd);
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    if (!z) abort();
    for (size_t i = 0; i < n; i++) {
        size_t l = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *src = zip_source_buffer(z, parts[i].data, l, 0);
        zip_int64_t at = src ? zip_file_add(z, parts[i].name, src, 0) : -1;
        if (at < 0 || zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_DEFLATE, 9) != 0)
            abort();
        if (password &&
            zip_file_set_encryption(z, (zip_uint64_t)at, ZIP_EM_TRAD_PKWARE, password) != 0)
            abort();
    }
    if (zip_close(z) != 0) abort();
    unsigned char *data;
    if (vb_read_file(path, 0, &data, len, NULL) != VB_OK) abort();
    unlink(path);
    return data;
}

/* Changes the written package the way a hostile or broken writer would
 * (libzip itself writes only consistent archives). */
typedef void (*S_tamper_fn)(unsigned char *data, size_t len);

static int S_read_tampered(const part *parts, size_t n, bool keep, S_tamper_fn tamper,
                           vb_source **src) {
    size_t len;
    unsigned char *data = S_zip(parts, n, NULL, &len);
    if (tamper) tamper(data, len);
    vb_extract_options o = {.keep_deletions = keep};
    int st = vb_extract_docx("t.docx", data, len, &o, src);
    free(data);
    return st;
}

static int S_read(const part *parts, size_t n, bool keep, vb_source **src) {
    return S_read_tampered(parts, n, keep, NULL, src);
}

/* Renames every "word/documenX.xml" (local and central headers) to
 * "word/document.xml": two entries of exactly the same name. */
static void S_same_names(unsigned char *data, size_t len) {
    static const char from[] = "word/documenX.xml";
    for (size_t i = 0; i + sizeof from - 1 <= len; i++)
        if (memcmp(data + i, from, sizeof from - 1) == 0) data[i + 12] = 't';
}

/* The central directory says every part inflates to 100 bytes. */
static void S_small_declared_size(unsigned char *data, size_t len) {
    for (size_t i = len - 22; i > 0; i--)
        if (memcmp(data + i, "PK\1\2", 4) == 0) {
            static const unsigned char hundred[4] = {100, 0, 0, 0};
            memcpy(data + i + 24, hundred, 4); /* uncompressed size */
        }
}

static const char *S_first_error(const vb_source *src) {
    for (const vb_diag *d = src->diags.first; d; d = d->next)
        if (d->severity == VB_ERROR) return d->message;
    return "";
}

static const char *S_prop(const vb_source *src, const char *key) {
    for (const vb_prop *p = src->props; p; p = p->next)
        if (strcmp(p->key, key) == 0) return p->value;
    return NULL;
}

static void test_number_formats(void) {
    char b[64];
    vb_docx_format_number("upperRoman", 14, b, sizeof b);
    VB_CHECK_STR("numFmt upperRoman 14", b, "XIV");
    vb_docx_format_number("lowerRoman", 9, b, sizeof b);
    VB_CHECK_STR("numFmt lowerRoman 9", b, "ix");
    vb_docx_format_number("lowerLetter", 28, b, sizeof b);
    VB_CHECK_STR("numFmt lowerLetter 28 repeats", b, "bb");
    vb_docx_format_number("upperLetter", 3, b, sizeof b);
    VB_CHECK_STR("numFmt upperLetter 3", b, "C");
    vb_docx_format_number("decimalZero", 7, b, sizeof b);
    VB_CHECK_STR("numFmt decimalZero", b, "07");
    vb_docx_format_number("decimal", 12, b, sizeof b);
    VB_CHECK_STR("numFmt decimal", b, "12");
}

static void test_regions_props_changes(void) {
    const char *doc = DOC(
        "<w:p><w:r><w:t>Thân</w:t></w:r><w:r><w:footnoteReference w:id=\"3\"/></w:r>"
        "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>cũ</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>mới</w:t></w:r></w:ins>"
        "<w:hyperlink r:id=\"rIdL\"><w:r><w:t>liên kết</w:t></w:r></w:hyperlink></w:p>"
        "<w:p><w:r><w:t>Neo</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Khung</w:t>"
        "</w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>"
        "</w:tcPr><w:p/></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/>"
        "</w:tcPr><w:p/></w:tc></w:tr></w:tbl>"
        "<w:sectPr><w:headerReference r:id=\"rIdH\"/></w:sectPr>");
    const char *rels =
        "<?xml version=\"1.0\"?><Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rIdH\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/header\" Target=\"header1.xml\"/>"
        "<Relationship Id=\"rIdF\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/footnotes\" Target=\"footnotes.xml\"/>"
        "<Relationship Id=\"rIdL\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/hyperlink\" Target=\"https://vanban.example/a\" TargetMode=\"External\"/>"
        "</Relationships>";
    const char *header = "<w:hdr " NS "><w:p><w:r><w:t>Đầu trang</w:t></w:r></w:p></w:hdr>";
    const char *notes = "<w:footnotes " NS "><w:footnote w:id=\"3\"><w:p><w:r><w:t>Chú "
                        "thích</w:t></w:r></w:p></w:footnote></w:footnotes>";
    const char *core =
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
        "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
        "xmlns:dcterms=\"http://purl.org/dc/terms/\"><dc:title>Kế hoạch</dc:title>"
        "<dc:creator>Sở Y tế</dc:creator><dcterms:created>2024-03-01T08:00:00Z</dcterms:created>"
        "<dcterms:modified>2024-03-05T10:30:00Z</dcterms:modified></cp:coreProperties>";
    part parts[] = {{"_rels/.rels", PKG_RELS, 0},
                    {"word/document.xml", doc, 0},
                    {"word/_rels/document.xml.rels", rels, 0},
                    {"word/header1.xml", header, 0},
                    {"word/footnotes.xml", notes, 0},
                    {"docProps/core.xml", core, 0}};
    vb_source *src;
    int st = S_read(parts, 6, false, &src);
    VB_CHECK_INT("docx reads", st, VB_OK);
    const vb_block *b = src->first;
    VB_CHECK("header first, in its region", b && b->region == VB_REGION_PAGE_HEADER);
    b = b ? b->next : NULL;
    VB_CHECK("body paragraph", b && b->region == VB_REGION_BODY);
    if (b) {
        VB_CHECK_STR("deletion dropped, insertion kept", vb_block_text(src, b, NULL),
                     "Thânmớiliên kết");
        const vb_run *ref = b->runs ? b->runs->next : NULL;
        VB_CHECK("note reference run", ref && ref->kind == VB_RUN_NOTE_REF);
        VB_CHECK_STR("note reference printed as 1", ref ? ref->note_id : NULL, "1");
        const vb_run *last = b->runs;
        while (last && last->next) last = last->next;
        VB_CHECK_STR("hyperlink target", last ? last->link : NULL, "https://vanban.example/a");
        VB_CHECK("insertion unmarked by default", !(ref && ref->next && (ref->next->style & VB_STYLE_INSERTED)));
    }
    b = b ? b->next : NULL;
    VB_CHECK("anchor paragraph", b && strcmp(vb_block_text(src, b, NULL), "Neo") == 0);
    b = b ? b->next : NULL;
    VB_CHECK("text box after its anchor", b && (b->flags & VB_BLOCK_TEXTBOX) &&
                                              strcmp(vb_block_text(src, b, NULL), "Khung") == 0);
    b = b ? b->next : NULL;
    VB_CHECK("table", b && b->kind == VB_BLOCK_TABLE && b->nrows == 2 && b->ncols == 2);
    if (b && b->kind == VB_BLOCK_TABLE && b->nrows == 2 && b->ncols == 2) {
        VB_CHECK_INT("merged cell colspan", b->rows[0].cells[0].colspan, 2);
        VB_CHECK_INT("merged cell rowspan", b->rows[0].cells[0].rowspan, 2);
        VB_CHECK("column placeholder covered", b->rows[0].cells[1].covered);
        VB_CHECK("row placeholder covered", b->rows[1].cells[0].covered && b->rows[1].cells[1].covered);
        VB_CHECK("empty cell kept with a paragraph", b->rows[0].cells[0].content != NULL);
    }
    b = b ? b->next : NULL;
    VB_CHECK("footnote block", b && b->kind == VB_BLOCK_NOTE && b->region == VB_REGION_FOOTNOTES &&
                                   b->note_id && strcmp(b->note_id, "1") == 0);
    VB_CHECK_STR("prop title", S_prop(src, "title"), "Kế hoạch");
    VB_CHECK_STR("prop author", S_prop(src, "author"), "Sở Y tế");
    VB_CHECK_STR("prop created", S_prop(src, "created"), "2024-03-01T08:00:00Z");
    VB_CHECK_STR("prop modified", S_prop(src, "modified"), "2024-03-05T10:30:00Z");
    vb_source_free(src);

    st = S_read(parts, 6, true, &src);
    b = src->first ? src->first->next : NULL;
    VB_CHECK("keep_deletions keeps both", b && strcmp(vb_block_text(src, b, NULL), "Thâncũmớiliên kết") == 0);
    if (b && b->runs && b->runs->next && b->runs->next->next) {
        const vb_run *del = b->runs->next->next, *ins = del->next;
        VB_CHECK("deletion marked", del->style & VB_STYLE_DELETED);
        VB_CHECK("insertion marked", ins && (ins->style & VB_STYLE_INSERTED));
    }
    vb_source_free(src);
}

static void S_expect_refusal_tampered(const char *name, const part *parts, size_t n,
                                      S_tamper_fn tamper, int status, const char *needle) {
    vb_source *src;
    int st = S_read_tampered(parts, n, false, tamper, &src);
    char label[160];
    snprintf(label, sizeof label, "%s refused", name);
    VB_CHECK_INT(label, st, status);
    snprintf(label, sizeof label, "%s message", name);
    const char *msg = S_first_error(src);
    if (strstr(msg, needle)) printf("ok %s\n", label);
    else {
        printf("FAIL %s: \"%s\" lacks \"%s\"\n", label, msg, needle);
        vb_test_failures++;
    }
    vb_source_free(src);
}

static void S_expect_refusal(const char *name, const part *parts, size_t n, int status,
                             const char *needle) {
    S_expect_refusal_tampered(name, parts, n, NULL, status, needle);
}

static void test_hostile(void) {
    /* a zip bomb: 64 MB of one repeated empty paragraph (about 1000:1) */
    size_t big = (size_t)64 << 20;
    char *bomb = malloc(big);
    const char *head = "<?xml version=\"1.0\"?><w:document " NS "><w:body>";
    size_t hl = strlen(head);
    memcpy(bomb, head, hl);
    for (size_t i = hl; i + 6 <= big; i += 6) memcpy(bomb + i, "<w:p/>", 6);
    part p_bomb[] = {{"word/document.xml", bomb, big}};
    S_expect_refusal("zip bomb", p_bomb, 1, VB_ERR_LIMIT, "word/document.xml: inflates too far");
    free(bomb);

    part p_xxe[] = {{"word/document.xml",
                     "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">"
                     "<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                     "<w:document " NS "><w:body><w:p><w:r><w:t>&x;&b;</w:t></w:r></w:p>"
                     "</w:body></w:document>", 0}};
    S_expect_refusal("DOCTYPE with entities", p_xxe, 1, VB_ERR_FORMAT, "DOCTYPE");

    vb_buf deep = {0};
    vb_buf_puts(&deep, "<?xml version=\"1.0\"?><w:document " NS "><w:body>");
    for (int i = 0; i < 40; i++) vb_buf_puts(&deep, "<w:tbl><w:tr><w:tc>");
    for (int i = 0; i < 40; i++) vb_buf_puts(&deep, "<w:p/></w:tc></w:tr></w:tbl>");
    vb_buf_puts(&deep, "</w:body></w:document>");
    part p_deep[] = {{"word/document.xml", deep.data, deep.len}};
    S_expect_refusal("tables nested 40 deep", p_deep, 1, VB_ERR_LIMIT, "nest too deeply");
    vb_buf_clear(&deep);
    vb_buf_puts(&deep, "<?xml version=\"1.0\"?><w:document " NS "><w:body>");
    for (int i = 0; i < 300; i++) vb_buf_puts(&deep, "<w:sdt><w:sdtContent>");
    for (int i = 0; i < 300; i++) vb_buf_puts(&deep, "</w:sdtContent></w:sdt>");
    vb_buf_puts(&deep, "</w:body></w:document>");
    part p_deep2[] = {{"word/document.xml", deep.data, deep.len}};
    S_expect_refusal("elements nested 600 deep", p_deep2, 1, VB_ERR_LIMIT, "deeper than");
    vb_buf_free(&deep);

    const char *ok_doc = DOC("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    part p_dup[] = {{"word/document.xml", ok_doc, 0}, {"word/documenX.xml", ok_doc, 0}};
    S_expect_refusal_tampered("duplicate part", p_dup, 2, S_same_names, VB_ERR_FORMAT,
                              "two parts of this name");
    part p_dup_case[] = {{"word/document.xml", ok_doc, 0}, {"Word/Document.XML", ok_doc, 0}};
    S_expect_refusal("duplicate part differing in case", p_dup_case, 2, VB_ERR_FORMAT,
                     "two parts of this name");
    part p_dup_slash[] = {{"word/document.xml", ok_doc, 0}, {"/word\\document.xml", ok_doc, 0}};
    S_expect_refusal("duplicate part spelled with slashes", p_dup_slash, 2, VB_ERR_FORMAT,
                     "two parts of this name");
    /* the header lies: the data inflates past the declared size, which is
     * caught while inflating (libzip itself would only notice at the end) */
    size_t lie_len = (size_t)1 << 20;
    char *lie = malloc(lie_len);
    memcpy(lie, head, hl);
    for (size_t i = hl; i < lie_len; i++) lie[i] = ' ';
    part p_lie[] = {{"word/document.xml", lie, lie_len}};
    S_expect_refusal_tampered("declared size too small", p_lie, 1, S_small_declared_size,
                              VB_ERR_LIMIT, "inflates past the size the archive declares");
    free(lie);
    part p_missing[] = {{"word/other.xml", ok_doc, 0}};
    S_expect_refusal("missing document.xml", p_missing, 1, VB_ERR_FORMAT, "no word/document.xml");
    part p_odt[] = {{"mimetype", "application/vnd.oasis.opendocument.text", 0},
                    {"content.xml", "<x/>", 0}};
    S_expect_refusal("ODT package", p_odt, 2, VB_ERR_FORMAT, "OpenDocument");
    part p_bad_xml[] = {{"word/document.xml", "<w:document " NS "><w:body><w:p>", 0}};
    S_expect_refusal("unclosed XML", p_bad_xml, 1, VB_ERR_FORMAT, "word/document.xml");
    part p_not_word[] = {{"word/document.xml", "<html><body>hi</body></html>", 0}};
    S_expect_refusal("not WordprocessingML", p_not_word, 1, VB_ERR_FORMAT, "not WordprocessingML");
    part p_empty[] = {{"word/document.xml", DOC("<w:p/>"), 0}};
    S_expect_refusal("no text", p_empty, 1, VB_ERR_EMPTY, "no text");
    part p_odd[] = {{"/WORD\\Document.xml", ok_doc, 0}};
    vb_source *src;
    VB_CHECK_INT("odd part name spelling still read", S_read(p_odd, 1, false, &src), VB_OK);
    vb_source_free(src);

    /* damage: truncate a good package at every 7th byte; each is refused, none crashes */
    size_t len;
    part p_good[] = {{"word/document.xml", ok_doc, 0}};
    unsigned char *data = S_zip(p_good, 1, NULL, &len);
    int refused = 0, tried = 0;
    for (size_t cut = 0; cut < len; cut += 7, tried++) {
        vb_source *t;
        int st = vb_extract_docx("cut.docx", data, cut, NULL, &t);
        /* only the archive comment's length may go missing and still read */
        if (st != VB_OK ? t->diags.first != NULL
                        : t->first && strcmp(vb_block_text(t, t->first, NULL), "x") == 0)
            refused++;
        vb_source_free(t);
    }
    VB_CHECK_INT("every truncation refused with a message or read whole", refused, tried);
    /* flip bytes in the compressed data: refused (CRC/inflate) or read, never a crash */
    for (size_t i = 40; i < len && i < 200; i += 5) {
        unsigned char *copy = malloc(len);
        memcpy(copy, data, len);
        copy[i] ^= 0x55;
        vb_source *t;
        vb_extract_docx("flip.docx", copy, len, NULL, &t);
        vb_source_free(t);
        free(copy);
    }
    VB_CHECK("flipped bytes do not crash", true);
    free(data);
    data = S_zip(p_good, 1, "mật khẩu", &len);
    vb_source *enc;
    VB_CHECK_INT("encrypted part refused", vb_extract_docx("enc.docx", data, len, NULL, &enc),
                 VB_ERR_FORMAT);
    VB_CHECK("encrypted part message", strstr(S_first_error(enc), "the part is encrypted") != NULL);
    vb_source_free(enc);
    free(data);
    vb_source *t;
    VB_CHECK_INT("OLE2 refused", vb_extract_docx("a.doc", (const unsigned char *)"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....", 12, NULL, &t), VB_ERR_FORMAT);
    VB_CHECK("OLE2 message says how to convert", strstr(S_first_error(t), "--convert-to docx") != NULL);
    vb_source_free(t);
}

int main(void) {
    test_number_formats();
    test_regions_props_changes();
    test_hostile();
    return vb_test_done();
}
