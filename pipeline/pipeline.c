/* The stages chained for one document. */
#include "pipeline.h"

#include <stdlib.h>
#include <string.h>

void vb_pipeline_options_default(vb_pipeline_options *o) {
    memset(o, 0, sizeof *o);
    o->normalize.tone_style = VB_TONE_KEEP;
    o->normalize.diacritics = VB_DIACRITICS_AUTO;
    o->normalize.layout = true;
}

/* The first error diagnostic as one line, or a fallback message. */
static void S_first_error(const vb_source *src, int status, char *err, size_t errlen) {
    for (const vb_diag *g = src->diags.first; g; g = g->next) {
        if (g->severity != VB_ERROR) continue;
        if (g->line > 0)
            snprintf(err, errlen, "%s:%d: %s", src->path, g->line, g->message);
        else
            snprintf(err, errlen, "%s: %s", src->path, g->message);
        return;
    }
    snprintf(err, errlen, "%s: %s", src->path, vb_status_name(status));
}

static const char *S_not_readable_hint(vb_sniff_kind k) {
    switch (k) {
    case VB_SNIFF_OLE2:
        return "a legacy Word .doc (OLE2) cannot be read; convert it to .docx first, e.g. "
               "'libreoffice --headless --convert-to docx FILE.doc'";
    case VB_SNIFF_ZIP_OTHER:
        return "a ZIP archive without word/document.xml (an .odt, .xlsx or plain .zip?); "
               "save it as .docx or plain text";
    case VB_SNIFF_PDF:
        return "a PDF; extract its text first, e.g. 'pdftotext -layout FILE.pdf'";
    case VB_SNIFF_RTF:
        return "an RTF file; save it as .docx or plain text";
    default:
        return "a binary file, not a text or Word document";
    }
}

int vb_read_source(const char *name, const unsigned char *data, size_t len,
                   const vb_pipeline_options *opts, vb_source **out, char *err, size_t errlen) {
    *out = NULL;
    if (len == 0) {
        snprintf(err, errlen, "%s: empty file", name);
        return VB_ERR_EMPTY;
    }
    vb_sniff_kind kind = vb_sniff(data, len);
    vb_source *src = NULL;
    int st;
    if (kind == VB_SNIFF_DOCX) {
        st = vb_extract_docx(name, data, len, &opts->extract, &src);
    } else if (kind == VB_SNIFF_TEXT) {
        vb_buf utf8 = {0};
        const char *encoding = NULL;
        char derr[256];
        st = vb_normalize_decode(data, len, opts->normalize.from_encoding, &utf8, &encoding, derr,
                                 sizeof derr);
        if (st != VB_OK) {
            vb_buf_free(&utf8);
            snprintf(err, errlen, "%s: %s", name, derr);
            return st;
        }
        st = vb_extract_text(name, utf8.data ? utf8.data : "", utf8.len, &opts->extract, &src);
        if (src) src->encoding = encoding;
        vb_buf_free(&utf8);
    } else {
        snprintf(err, errlen, "%s: %s", name, S_not_readable_hint(kind));
        return VB_ERR_FORMAT;
    }
    if (st != VB_OK) {
        S_first_error(src, st, err, errlen);
        vb_source_free(src);
        return st;
    }
    *out = src;
    return VB_OK;
}

int vb_repair_source(vb_source *src, const vb_pipeline_options *opts, char *err, size_t errlen) {
    int st = vb_normalize_source(src, &opts->normalize);
    if (st != VB_OK) S_first_error(src, st, err, errlen);
    return st;
}

/* normalize and model: takes src over */
static int S_build(const char *name, vb_source *src, const vb_pipeline_options *opts,
                   vb_doc **out, char *err, size_t errlen) {
    int st = vb_normalize_source(src, &opts->normalize);
    if (st != VB_OK) {
        S_first_error(src, st, err, errlen);
        vb_source_free(src);
        return st;
    }
    vb_doc *doc = NULL;
    st = vb_model_build(src, &opts->model, &doc);
    if (st != VB_OK) {
        snprintf(err, errlen, "%s: cannot build the document: %s", name, vb_status_name(st));
        return st;
    }
    *out = doc;
    return VB_OK;
}

int vb_convert_memory(const char *name, const unsigned char *data, size_t len,
                      const vb_pipeline_options *opts, vb_doc **out, char *err, size_t errlen) {
    *out = NULL;
    vb_source *src = NULL;
    int st = vb_read_source(name, data, len, opts, &src, err, errlen);
    if (st != VB_OK) return st;
    return S_build(name, src, opts, out, err, errlen);
}

int vb_convert_file(const char *path, const vb_pipeline_options *opts, vb_doc **out, char *err,
                    size_t errlen) {
    *out = NULL;
    unsigned char *data;
    size_t len;
    size_t max = opts->extract.max_input_bytes ? opts->extract.max_input_bytes : ((size_t)512 << 20);
    int st = vb_read_file(path, max, &data, &len, err, errlen);
    if (st != VB_OK) return st;
    vb_source *src = NULL;
    st = vb_read_source(path, data, len, opts, &src, err, errlen);
    free(data); /* the source holds what it needs: no reason to keep the file */
    if (st != VB_OK) return st;
    return S_build(path, src, opts, out, err, errlen);
}
