/* The DOCX package: a ZIP read through libzip from memory (ZIP64 records
 * included), each part inflated on demand straight into libxml2's
 * xmlTextReader (no part is held whole), with limits against zip bombs and
 * hostile XML. */
#include "docx_internal.h"

#include <zip.h>
#include <zlib.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the part table ---- */
typedef struct {
    char *name;            /* normalised: '/' separators, no leading '/' */
    zip_uint64_t index;
    uint64_t csize, usize;
    uint32_t crc;
    bool has_crc;
    unsigned method;
    bool encrypted;
    bool duplicate;
} S_entry;

struct vb_docx_zip {
    zip_t *archive;
    vb_arena *arena;
    S_entry *entries;
    size_t nentries;
    uint64_t inflated_total; /* across every part read so far */
};

static void S_normalise(char *s) {
    for (char *p = s; *p; p++)
        if (*p == '\\') *p = '/';
    size_t skip = 0;
    while (s[skip] == '/') skip++;
    if (skip) memmove(s, s + skip, strlen(s + skip) + 1);
}

static const S_entry *S_find(const vb_docx_zip *zip, const char *name) {
    char want[1024];
    snprintf(want, sizeof want, "%s", name);
    S_normalise(want);
    for (size_t i = 0; i < zip->nentries; i++)
        if (strcasecmp(zip->entries[i].name, want) == 0) return &zip->entries[i];
    return NULL;
}

bool vb_docx_zip_has(const vb_docx_zip *zip, const char *name) { return S_find(zip, name) != NULL; }

static int S_cmp_entry_name(const void *a, const void *b) {
    return strcasecmp((*(const S_entry *const *)a)->name, (*(const S_entry *const *)b)->name);
}

/* Marks every part whose name another part has too (OPC compares names
 * case-insensitively): sorted, equal names are neighbours, so 60,000 parts
 * cost a sort and not 1.8 billion comparisons. */
static void S_mark_duplicates(vb_docx_zip *zip) {
    if (zip->nentries < 2) return;
    S_entry **by_name = malloc(zip->nentries * sizeof *by_name);
    if (!by_name) abort();
    for (size_t i = 0; i < zip->nentries; i++) by_name[i] = &zip->entries[i];
    qsort(by_name, zip->nentries, sizeof *by_name, S_cmp_entry_name);
    for (size_t i = 1; i < zip->nentries; i++)
        if (strcasecmp(by_name[i - 1]->name, by_name[i]->name) == 0)
            by_name[i - 1]->duplicate = by_name[i]->duplicate = true;
    free(by_name);
}

vb_docx_zip *vb_docx_zip_open(const unsigned char *data, size_t len, vb_diags *diags) {
    vb_docx_zip *zip = vb_arena_alloc(diags->arena, sizeof *zip);
    zip->arena = diags->arena;
    zip_error_t err;
    zip_error_init(&err);
    /* the caller keeps the bytes alive until vb_docx_zip_close */
    zip_source_t *source = zip_source_buffer_create(data, len, 0, &err);
    if (source) {
        zip->archive = zip_open_from_source(source, ZIP_RDONLY, &err);
        if (!zip->archive) zip_source_free(source);
    }
    if (!zip->archive) {
        if (zip_error_code_zip(&err) == ZIP_ER_MEMORY) abort(); /* as vb_arena does */
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "zip-corrupt",
                    "not a readable ZIP archive: its central directory is missing or damaged "
                    "(a truncated download or copy?)");
        zip_error_fini(&err);
        return NULL;
    }
    zip_error_fini(&err);
    zip_int64_t count = zip_get_num_entries(zip->archive, 0);
    if (count < 0 || count > VB_DOCX_MAX_ENTRIES) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "zip-entries",
                    "the ZIP archive lists more than %d parts or a damaged count; refused",
                    VB_DOCX_MAX_ENTRIES);
        vb_docx_zip_close(zip);
        return NULL;
    }
    zip->entries = vb_arena_alloc(zip->arena, (size_t)(count + 1) * sizeof *zip->entries);
    for (zip_uint64_t i = 0; i < (zip_uint64_t)count; i++) {
        zip_stat_t st;
        /* raw names, as the archive spells them: no guessed code page */
        if (zip_stat_index(zip->archive, i, ZIP_FL_ENC_RAW, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME)) {
            vb_diag_add(diags, VB_ERROR, 0, 0, -1, "zip-corrupt",
                        "the ZIP archive's central directory is damaged after %zu parts",
                        zip->nentries);
            vb_docx_zip_close(zip);
            return NULL;
        }
        char name[1024];
        if (strlen(st.name) >= sizeof name) continue; /* no OPC part has such a name */
        memcpy(name, st.name, strlen(st.name) + 1);
        S_normalise(name);
        S_entry *e = &zip->entries[zip->nentries];
        e->name = vb_arena_strdup(zip->arena, name);
        e->index = i;
        /* a part cannot hold more compressed bytes than the archive: a lie
         * there must not raise the ratio a zip bomb is allowed */
        e->csize = st.comp_size < len ? st.comp_size : len;
        e->usize = st.size;
        e->has_crc = (st.valid & ZIP_STAT_CRC) != 0;
        e->crc = st.crc;
        e->method = (unsigned)st.comp_method;
        e->encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
        zip->nentries++;
    }
    S_mark_duplicates(zip);
    return zip;
}

void vb_docx_zip_close(vb_docx_zip *zip) {
    if (zip && zip->archive) zip_discard(zip->archive); /* read-only: nothing to write */
    if (zip) zip->archive = NULL;
}

/* ---- one part as a stream of XML nodes ---- */
struct vb_docx_xml {
    vb_docx_zip *zip;
    const S_entry *entry;
    vb_diags *diags;
    zip_file_t *file;  /* open until the part's end or vb_docx_xml_close */
    xmlTextReaderPtr reader;
    uint64_t inflated;
    /* a deflated part is inflated here, from its raw bytes, so that the
     * ratio is checked against the compressed bytes read so far: a bomb
     * is refused after its first megabyte, not after 200 times its size */
    bool deflated, zs_live, in_eof;
    z_stream zs;
    uLong crc;
    unsigned char in[16384];
    /* the attribute pre-scan (see S_scan_attrs) */
    int scan_state, scan_attrs;
    char scan_quote;
    bool failed;     /* a diagnostic was added; stop */
    bool eof;
    int skip_depth;  /* >= 0 while skipping the children of an element */
    int type, depth; /* of the current node, as vb_docx_xml_next found them */
    /* namespace URIs come from the parser's dictionary, so the few a part
     * uses are recognised by address after the first string comparison */
    const xmlChar *ns_uri[8];
    vb_docx_ns ns_of[8];
    int n_ns;
};

static void S_fail(vb_docx_xml *x, const char *code, const char *fmt, const char *detail) {
    if (x->failed) return;
    x->failed = true;
    vb_diag_add(x->diags, VB_ERROR, 0, 0, -1, code, fmt, x->entry->name, detail);
}

/* Fills buf with the next inflated bytes of a deflated part: > 0 bytes,
 * 0 at the end (size and checksum checked), -1 on damage (diagnostic added). */
static int S_inflate_some(vb_docx_xml *x, char *buf, int len) {
    for (;;) {
        if (x->zs.avail_in == 0 && !x->in_eof) {
            zip_int64_t got = zip_fread(x->file, x->in, sizeof x->in);
            if (got < 0) {
                S_fail(x, "zip-corrupt", "%s: the compressed data is damaged%s", "");
                return -1;
            }
            if (got == 0) x->in_eof = true;
            x->zs.next_in = x->in;
            x->zs.avail_in = (uInt)got;
        }
        x->zs.next_out = (Bytef *)buf;
        x->zs.avail_out = (uInt)len;
        int zr = inflate(&x->zs, Z_NO_FLUSH);
        if (zr == Z_MEM_ERROR) abort(); /* as vb_arena does */
        int n = len - (int)x->zs.avail_out;
        if (zr != Z_OK && zr != Z_STREAM_END && !(zr == Z_BUF_ERROR && !x->in_eof)) {
            S_fail(x, "zip-corrupt", "%s: the compressed data is damaged%s", "");
            return -1;
        }
        x->crc = crc32(x->crc, (const Bytef *)buf, (uInt)n);
        if (n > 0) return n;
        if (zr == Z_STREAM_END) {
            if (x->inflated != x->entry->usize ||
                (x->entry->has_crc && x->crc != x->entry->crc)) {
                S_fail(x, "zip-crc", "%s: checksum mismatch, the part is damaged%s", "");
                return -1;
            }
            return 0;
        }
        if (x->in_eof) { /* the stream stops before its end */
            S_fail(x, "zip-corrupt", "%s: the compressed data is damaged%s", "");
            return -1;
        }
    }
}

/* Counts the attributes of each start tag in the bytes about to reach the
 * parser, without parsing XML: an `=` outside quotes between `<name` and
 * `>` is an attribute.  Comments, processing instructions, declarations and
 * end tags are skipped to their `>`.  False when a tag has too many. */
static bool S_scan_attrs(vb_docx_xml *x, const char *buf, int n) {
    enum { TEXT, OPEN, TAG, QUOTED, OTHER };
    int state = x->scan_state, attrs = x->scan_attrs;
    char quote = x->scan_quote;
    for (int i = 0; i < n; i++) {
        char c = buf[i];
        switch (state) {
        case TEXT:
            if (c == '<') state = OPEN;
            break;
        case OPEN:
            if (c == '!' || c == '?' || c == '/') {
                state = OTHER;
                break;
            }
            state = TAG;
            attrs = 0; /* c is the first character of the name: */
            /* FALLTHROUGH */
        case TAG:
            if (c == '"' || c == '\'') {
                quote = c;
                state = QUOTED;
            } else if (c == '=') {
                if (++attrs > VB_DOCX_MAX_XML_ATTRS) return false;
            } else if (c == '>') {
                state = TEXT;
            }
            break;
        case QUOTED:
            if (c == quote) state = TAG;
            break;
        default:
            if (c == '>') state = TEXT;
            break;
        }
    }
    x->scan_state = state;
    x->scan_attrs = attrs;
    x->scan_quote = quote;
    return true;
}

/* The input callback: inflates the next piece, counting against the limits. */
static int S_part_read(void *ctx, char *buf, int len) {
    vb_docx_xml *x = ctx;
    if (x->failed) return -1;
    if (x->eof || len <= 0) return 0;
    int n;
    if (x->deflated) {
        n = S_inflate_some(x, buf, len);
        if (n < 0) return -1;
    } else {
        /* libzip checks the CRC (and the size against the declared one)
         * only when the data ends; the limits below are checked on every
         * piece */
        zip_int64_t got = zip_fread(x->file, buf, (zip_uint64_t)len);
        if (got < 0) {
            if (zip_error_code_zip(zip_file_get_error(x->file)) == ZIP_ER_CRC)
                S_fail(x, "zip-crc", "%s: checksum mismatch, the part is damaged%s", "");
            else S_fail(x, "zip-corrupt", "%s: the compressed data is damaged%s", "");
            return -1;
        }
        n = (int)got;
    }
    if (n == 0) {
        x->eof = true;
        return 0;
    }
    x->inflated += (uint64_t)n;
    x->zip->inflated_total += (uint64_t)n;
    if (x->inflated > x->entry->usize) {
        S_fail(x, "zip-size", "%s: inflates past the size the archive declares%s; refused", "");
        return -1;
    }
    /* deflated: against the compressed bytes read so far; stored: 1:1 */
    uint64_t csize = x->deflated ? (uint64_t)x->zs.total_in : x->entry->csize;
    if (x->inflated > VB_DOCX_RATIO_GRACE && x->inflated / VB_DOCX_MAX_RATIO > (csize ? csize : 1)) {
        char detail[64];
        snprintf(detail, sizeof detail, " (more than %d times its compressed size)",
                 VB_DOCX_MAX_RATIO);
        S_fail(x, "zip-bomb", "%s: inflates too far%s; refused as a likely zip bomb", detail);
        return -1;
    }
    if (x->zip->inflated_total > VB_DOCX_MAX_TOTAL_INFLATED) {
        char detail[64];
        snprintf(detail, sizeof detail, " %llu MiB",
                 (unsigned long long)(VB_DOCX_MAX_TOTAL_INFLATED >> 20));
        S_fail(x, "zip-bomb", "%s: the parts read so far inflate past the limit of%s; refused",
               detail);
        return -1;
    }
    if (!S_scan_attrs(x, buf, n)) {
        char detail[32];
        snprintf(detail, sizeof detail, "%d", VB_DOCX_MAX_XML_ATTRS);
        S_fail(x, "xml-attrs", "%s: an element carries more than %s attributes; refused", detail);
        return -1;
    }
    return n;
}

static int S_part_close(void *ctx) { return 0; }

static void S_xml_error(void *ctx, xmlErrorPtr err) {
    vb_docx_xml *x = ctx;
    if (!err || err->level < XML_ERR_ERROR || x->failed) return;
    x->failed = true;
    char msg[256];
    snprintf(msg, sizeof msg, "%s", err->message ? err->message : "malformed XML");
    size_t l = strlen(msg);
    while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' ')) msg[--l] = '\0';
    if (strstr(msg, "Excessive depth"))
        vb_diag_add(x->diags, VB_ERROR, 0, 0, -1, "xml-depth",
                    "%s:%d: elements nest deeper than %d levels; refused", x->entry->name,
                    err->line, VB_DOCX_MAX_XML_DEPTH);
    else if (strstr(msg, "huge text node") || strstr(msg, "amplification"))
        vb_diag_add(x->diags, VB_ERROR, 0, 0, -1, "xml-size", "%s:%d: %s; refused",
                    x->entry->name, err->line, msg);
    else
        vb_diag_add(x->diags, VB_ERROR, 0, 0, -1, "xml-error", "%s:%d: malformed XML: %s",
                    x->entry->name, err->line, msg);
}

vb_docx_xml *vb_docx_xml_open(vb_docx_zip *zip, const char *name, vb_diags *diags, bool required) {
    const S_entry *e = S_find(zip, name);
    if (!e) {
        if (required)
            vb_diag_add(diags, VB_ERROR, 0, 0, -1, "docx-missing-part",
                        "the package has no part %s; it is not a complete Word document", name);
        return NULL;
    }
    if (e->duplicate) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "docx-duplicate-part",
                    "%s: the package holds two parts of this name; refused as ambiguous", e->name);
        return NULL;
    }
    if (e->encrypted) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "zip-encrypted",
                    "%s: the part is encrypted; remove the password in the word processor first",
                    e->name);
        return NULL;
    }
    /* libzip could inflate more methods (bzip2, xz...); Word writes only
     * these two, and the ratio limit is tuned for deflate */
    if (e->method != ZIP_CM_STORE && e->method != ZIP_CM_DEFLATE) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "zip-method",
                    "%s: compressed with method %u, which is not supported (only stored and "
                    "deflate)", e->name, e->method);
        return NULL;
    }
    bool deflated = e->method == ZIP_CM_DEFLATE;
    zip_file_t *file = zip_fopen_index(zip->archive, e->index, deflated ? ZIP_FL_COMPRESSED : 0);
    if (!file) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "zip-corrupt",
                    "%s: the part's header in the archive is damaged", e->name);
        return NULL;
    }
    vb_docx_xml *x = vb_arena_alloc(diags->arena, sizeof *x);
    x->zip = zip;
    x->entry = e;
    x->diags = diags;
    x->file = file;
    x->skip_depth = -1;
    x->deflated = deflated;
    if (deflated) {
        x->crc = crc32(0, Z_NULL, 0);
        /* raw deflate, as ZIP stores it; zlib allocates with malloc */
        int zr = inflateInit2(&x->zs, -MAX_WBITS);
        if (zr == Z_MEM_ERROR) abort();
        if (zr != Z_OK) {
            zip_fclose(file);
            vb_diag_add(diags, VB_ERROR, 0, 0, -1, "zip-corrupt",
                        "%s: cannot start inflating the part", e->name);
            return NULL;
        }
        x->zs_live = true;
    }
    /* no network, no DTD loading, no entity substitution: a DOCTYPE is
     * refused outright when it shows up (OOXML parts never carry one) */
    x->reader = xmlReaderForIO(S_part_read, S_part_close, x, e->name, NULL, XML_PARSE_NONET);
    if (!x->reader) {
        if (x->zs_live) inflateEnd(&x->zs);
        zip_fclose(file);
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "xml-error", "%s: cannot start the XML parser",
                    e->name);
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(x->reader, S_xml_error, x);
    return x;
}

xmlTextReaderPtr vb_docx_xml_reader(vb_docx_xml *x) { return x->reader; }
int vb_docx_xml_type(const vb_docx_xml *x) { return x->type; }
int vb_docx_xml_depth(const vb_docx_xml *x) { return x->depth; }
const char *vb_docx_xml_part(const vb_docx_xml *x) { return x->entry->name; }

int vb_docx_xml_next(vb_docx_xml *x) {
    for (;;) {
        if (x->failed) return -1;
        int rc = xmlTextReaderRead(x->reader);
        if (x->failed) return -1;
        if (rc == 0) return 0;
        if (rc < 0) {
            S_fail(x, "xml-error", "%s: malformed XML%s", "");
            return -1;
        }
        int type = xmlTextReaderNodeType(x->reader);
        int depth = xmlTextReaderDepth(x->reader);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            S_fail(x, "xml-doctype",
                   "%s: carries a DOCTYPE (entity declarations), which Word never writes%s; "
                   "refused", "");
            return -1;
        }
        if (type == XML_READER_TYPE_ENTITY_REFERENCE) continue;
        if (depth > VB_DOCX_MAX_XML_DEPTH) {
            char detail[32];
            snprintf(detail, sizeof detail, "%d", VB_DOCX_MAX_XML_DEPTH);
            S_fail(x, "xml-depth", "%s: elements nest deeper than %s levels; refused", detail);
            return -1;
        }
        if (x->skip_depth >= 0) {
            if (depth > x->skip_depth) continue;
            x->skip_depth = -1; /* this is the end tag of the skipped element */
            continue;
        }
        x->type = type;
        x->depth = depth;
        return 1;
    }
}

void vb_docx_xml_skip(vb_docx_xml *x) {
    if (xmlTextReaderNodeType(x->reader) == XML_READER_TYPE_ELEMENT &&
        !xmlTextReaderIsEmptyElement(x->reader))
        x->skip_depth = xmlTextReaderDepth(x->reader);
}

void vb_docx_xml_close(vb_docx_xml *x) {
    if (!x) return;
    xmlFreeTextReader(x->reader);
    if (x->zs_live) inflateEnd(&x->zs);
    x->zs_live = false;
    zip_fclose(x->file);
}

/* ---- names ---- */
vb_docx_ns vb_docx_ns_of(const xmlChar *uri) {
    if (!uri) return VB_NS_OTHER;
    const char *u = (const char *)uri;
    static const struct { const char *uri; vb_docx_ns ns; } known[] = {
        {"http://schemas.openxmlformats.org/wordprocessingml/2006/main", VB_NS_W},
        {"http://purl.oclc.org/ooxml/wordprocessingml/main", VB_NS_W},
        {"http://schemas.openxmlformats.org/officeDocument/2006/relationships", VB_NS_R},
        {"http://purl.oclc.org/ooxml/officeDocument/relationships", VB_NS_R},
        {"http://schemas.openxmlformats.org/markup-compatibility/2006", VB_NS_MC},
        {"http://schemas.openxmlformats.org/package/2006/relationships", VB_NS_PKG_REL},
        {"http://schemas.openxmlformats.org/package/2006/content-types", VB_NS_CT},
        {"http://purl.org/dc/elements/1.1/", VB_NS_DC},
        {"http://purl.org/dc/terms/", VB_NS_DCTERMS},
        {"http://schemas.openxmlformats.org/package/2006/metadata/core-properties", VB_NS_CP},
        {"http://schemas.openxmlformats.org/officeDocument/2006/math", VB_NS_M},
        {"http://purl.oclc.org/ooxml/officeDocument/math", VB_NS_M},
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(u, known[i].uri) == 0) return known[i].ns;
    return VB_NS_OTHER;
}

static vb_docx_ns S_ns_cached(vb_docx_xml *x, const xmlChar *uri) {
    if (!uri) return VB_NS_OTHER;
    for (int i = 0; i < x->n_ns; i++)
        if (x->ns_uri[i] == uri) return x->ns_of[i];
    vb_docx_ns ns = vb_docx_ns_of(uri);
    if (x->n_ns < (int)(sizeof x->ns_uri / sizeof x->ns_uri[0])) {
        x->ns_uri[x->n_ns] = uri;
        x->ns_of[x->n_ns++] = ns;
    }
    return ns;
}

vb_docx_ns vb_docx_xml_ns(vb_docx_xml *x) {
    return S_ns_cached(x, xmlTextReaderConstNamespaceUri(x->reader));
}

const char *vb_docx_xml_name(vb_docx_xml *x) {
    const xmlChar *n = xmlTextReaderConstLocalName(x->reader);
    return n ? (const char *)n : "";
}

const char *vb_docx_attr(vb_docx_xml *x, vb_docx_ns ns, const char *local, char *buf, size_t cap) {
    xmlTextReaderPtr r = x->reader;
    const char *found = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1) return NULL;
    do {
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (!name || strcmp(name, local) != 0) continue;
        const xmlChar *uri = xmlTextReaderConstNamespaceUri(r);
        if (uri && S_ns_cached(x, uri) != ns) continue;
        const xmlChar *v = xmlTextReaderConstValue(r);
        snprintf(buf, cap, "%s", v ? (const char *)v : "");
        found = buf;
        break;
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return found;
}

bool vb_docx_onoff(const char *v) {
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* ---- relationships ---- */

/* Resolves a relative target against the folder of the source part. */
static const char *S_resolve(vb_arena *arena, const char *source, const char *target) {
    char path[2048];
    size_t n = 0;
    if (target[0] == '/') {
        target++;
    } else {
        const char *slash = strrchr(source, '/');
        if (slash) {
            n = (size_t)(slash - source) + 1;
            if (n >= sizeof path) n = 0;
            memcpy(path, source, n);
        }
    }
    path[n] = '\0';
    while (*target) {
        const char *end = strchr(target, '/');
        size_t seg = end ? (size_t)(end - target) : strlen(target);
        if (seg == 2 && target[0] == '.' && target[1] == '.') {
            if (n) n--; /* drop the trailing '/' then the last segment */
            while (n && path[n - 1] != '/') n--;
        } else if (!(seg == 1 && target[0] == '.') && seg && n + seg + 2 < sizeof path) {
            memcpy(path + n, target, seg);
            n += seg;
            if (end) path[n++] = '/';
        }
        path[n] = '\0';
        target += seg + (end ? 1 : 0);
    }
    return vb_arena_strndup(arena, path, n);
}

int vb_docx_rels_read(vb_docx_zip *zip, vb_arena *arena, const char *source, vb_diags *diags,
                      vb_docx_rel **out) {
    *out = NULL;
    char relpart[1200];
    const char *slash = strrchr(source, '/');
    if (!*source) snprintf(relpart, sizeof relpart, "_rels/.rels");
    else if (slash)
        snprintf(relpart, sizeof relpart, "%.*s_rels/%s.rels", (int)(slash - source + 1), source,
                 slash + 1);
    else snprintf(relpart, sizeof relpart, "_rels/%s.rels", source);
    if (!vb_docx_zip_has(zip, relpart)) return VB_OK;
    vb_docx_xml *x = vb_docx_xml_open(zip, relpart, diags, true);
    if (!x) return VB_ERR_FORMAT;
    vb_docx_rel **tail = out;
    int rc;
    while ((rc = vb_docx_xml_next(x)) == 1) {
        if (xmlTextReaderNodeType(x->reader) != XML_READER_TYPE_ELEMENT) continue;
        if (strcmp(vb_docx_xml_name(x), "Relationship") != 0) continue;
        char id[256], type[512], target[1024], mode[32];
        if (!vb_docx_attr(x, VB_NS_OTHER, "Id", id, sizeof id) ||
            !vb_docx_attr(x, VB_NS_OTHER, "Target", target, sizeof target))
            continue;
        if (!vb_docx_attr(x, VB_NS_OTHER, "Type", type, sizeof type)) type[0] = '\0';
        vb_docx_rel *rel = vb_arena_alloc(arena, sizeof *rel);
        rel->id = vb_arena_strdup(arena, id);
        rel->type = vb_arena_strdup(arena, type);
        rel->external = vb_docx_attr(x, VB_NS_OTHER, "TargetMode", mode, sizeof mode) &&
                        strcmp(mode, "External") == 0;
        rel->target = rel->external ? vb_arena_strdup(arena, target)
                                    : S_resolve(arena, source, target);
        *tail = rel;
        tail = &rel->next;
    }
    vb_docx_xml_close(x);
    return rc < 0 ? VB_ERR_FORMAT : VB_OK;
}

const vb_docx_rel *vb_docx_rel_by_id(const vb_docx_rel *rels, const char *id) {
    for (; id && rels; rels = rels->next)
        if (strcmp(rels->id, id) == 0) return rels;
    return NULL;
}

const vb_docx_rel *vb_docx_rel_by_type(const vb_docx_rel *rels, const char *suffix) {
    size_t sl = strlen(suffix);
    for (; rels; rels = rels->next) {
        size_t tl = strlen(rels->type);
        if (tl > sl && rels->type[tl - sl - 1] == '/' && strcmp(rels->type + tl - sl, suffix) == 0)
            return rels;
    }
    return NULL;
}
