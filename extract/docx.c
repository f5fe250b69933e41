/* DOCX reader — placeholder until the Word reader lands: says so clearly. */
#include "extract.h"

int vb_extract_docx(const char *path, const unsigned char *data, size_t len,
                    const vb_extract_options *opts, vb_source **out) {
    vb_source *src = vb_source_new(path, "docx");
    *out = src;
    vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "docx-unsupported",
                "Word documents are not read yet; save it as plain text (UTF-8)");
    return VB_ERR_FORMAT;
}
