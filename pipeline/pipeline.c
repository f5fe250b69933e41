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

/* Passes the first error of a stage's diagnostics on to the caller's list
 * (naming the file the stage's list is about), or the status's name. */
static int S_pass_error(vb_diags *diags, const vb_diags *from, int status) {
    const vb_diag *g = vb_diags_first_error(from);
    if (!g) return vb_diag_error(diags, status, from->file, 0, 0, NULL, "%s", vb_status_name(status));
    return vb_diag_error(diags, status, g->file ? g->file : from->file, g->line, g->column, g->code,
                         "%s", g->message);
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
                   const vb_pipeline_options *opts, vb_source **out, vb_diags *diags) {
    *out = NULL;
    if (len == 0) return vb_diag_error(diags, VB_ERR_EMPTY, name, 0, 0, "empty", "empty file");
    vb_sniff_kind kind = vb_sniff(data, len);
    /* an encoding the user states is taken at its word: the bytes are text */
    if (kind == VB_SNIFF_BINARY && opts->normalize.from_encoding) kind = VB_SNIFF_TEXT;
    vb_source *src = NULL;
    int st;
    if (kind == VB_SNIFF_DOCX) {
        st = vb_extract_docx(name, data, len, &opts->extract, &src);
    } else if (kind == VB_SNIFF_PDF) {
        st = vb_extract_pdf(name, data, len, &opts->extract, &src);
    } else if (kind == VB_SNIFF_HOCR) {
        st = vb_extract_hocr(name, data, len, &opts->extract, &src);
    } else if (kind == VB_SNIFF_ALTO) {
        st = vb_extract_alto(name, data, len, &opts->extract, &src);
    } else if (kind == VB_SNIFF_TEXT) {
        vb_buf utf8 = {0};
        const char *encoding = NULL;
        vb_diags derr;
        vb_diags_init(&derr, NULL, name);
        st = vb_normalize_decode(data, len, opts->normalize.from_encoding, &utf8, &encoding, &derr);
        if (st != VB_OK) {
            vb_buf_free(&utf8);
            S_pass_error(diags, &derr, st);
            vb_diags_free(&derr);
            return st;
        }
        st = vb_extract_text(name, utf8.data ? utf8.data : "", utf8.len, &opts->extract, &src);
        if (src) src->encoding = encoding;
        vb_buf_free(&utf8);
        size_t pad = 0;
        while (pad < len && !data[len - 1 - pad]) pad++;
        if (src && pad && !opts->normalize.from_encoding && strncmp(encoding, "utf-16", 6) != 0)
            vb_diag_add(&src->diags, VB_WARNING, 0, 0, (long)(len - pad), "nul-padding",
                        "%zu NUL bytes at the end of the file dropped", pad);
    } else {
        return vb_diag_error(diags, VB_ERR_FORMAT, name, 0, 0, vb_sniff_name(kind), "%s",
                             S_not_readable_hint(kind));
    }
    if (st != VB_OK) {
        S_pass_error(diags, &src->diags, st);
        vb_source_free(src);
        return st;
    }
    if (kind == VB_SNIFF_PDF || kind == VB_SNIFF_HOCR || kind == VB_SNIFF_ALTO) vb_judge_page_layers(src);
    *out = src;
    return VB_OK;
}

int vb_repair_source(vb_source *src, const vb_pipeline_options *opts, vb_diags *diags) {
    int st = vb_normalize_source(src, &opts->normalize);
    if (st != VB_OK) S_pass_error(diags, &src->diags, st);
    return st;
}

/* normalize and model: takes src over */
static int S_build(const char *name, vb_source *src, const vb_pipeline_options *opts,
                   vb_doc **out, vb_diags *diags) {
    int st = vb_normalize_source(src, &opts->normalize);
    if (st != VB_OK) {
        S_pass_error(diags, &src->diags, st);
        vb_source_free(src);
        return st;
    }
    vb_doc *doc = NULL;
    st = vb_model_build(src, &opts->model, &doc);
    if (st != VB_OK) {
        return vb_diag_error(diags, st, name, 0, 0, NULL, "cannot build the document: %s",
                             vb_status_name(st));
    }
    *out = doc;
    return VB_OK;
}

int vb_convert_memory(const char *name, const unsigned char *data, size_t len,
                      const vb_pipeline_options *opts, vb_doc **out, vb_diags *diags) {
    *out = NULL;
    vb_source *src = NULL;
    int st = vb_read_source(name, data, len, opts, &src, diags);
    if (st != VB_OK) return st;
    return S_build(name, src, opts, out, diags);
}

int vb_convert_file(const char *path, const vb_pipeline_options *opts, vb_doc **out,
                    vb_diags *diags) {
    *out = NULL;
    unsigned char *data;
    size_t len;
    size_t max = opts->extract.max_input_bytes ? opts->extract.max_input_bytes : ((size_t)512 << 20);
    int st = vb_read_file(path, max, &data, &len, diags);
    if (st != VB_OK) return st;
    vb_source *src = NULL;
    st = vb_read_source(path, data, len, opts, &src, diags);
    free(data); /* the source holds what it needs: no reason to keep the file */
    if (st != VB_OK) return st;
    return S_build(path, src, opts, out, diags);
}
