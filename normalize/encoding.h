/* encoding.h — the encodings Vietnamese text arrives in, their decoders and
 * their detection.
 *
 * Detection never relies on a list of sample words: every candidate decoding
 * is scored by how many of its non-ASCII words are valid Vietnamese syllables
 * (onset + rhyme + tone) and the best one wins. */
#ifndef VB_ENCODING_H
#define VB_ENCODING_H

#include "normalize.h"

typedef enum {
    VB_ENC_UTF8,
    VB_ENC_UTF16LE,
    VB_ENC_UTF16BE,
    VB_ENC_CP1258,    /* Windows-1258, through ICU, then composed to NFC */
    VB_ENC_TCVN3,     /* TCVN3 / ABC (.VnTime fonts) */
    VB_ENC_VNI,       /* VNI-Windows */
    VB_ENC_VISCII,    /* VISCII 1.1 (RFC 1456) */
    VB_ENC_VIQR,      /* VIQR: ASCII with marks after the vowel (RFC 1456) */
    VB_ENC_MOJIBAKE,  /* UTF-8 read as Windows-1252/Latin-1 and saved again */
    VB_ENC_MOJIBAKE2, /* the same, twice */
    VB_ENC_COUNT
} vb_encoding;

/* Stable lower-case name ("utf-8", "tcvn3", "vni", "viscii", "viqr",
 * "windows-1258", "mojibake", "mojibake-2"...). */
const char *vb_encoding_name(vb_encoding enc);

/* Looks up a name or a common alias (case-insensitive: "cp1258", "abc",
 * "vni-windows", "utf8"...).  False when the name is not one of ours. */
bool vb_encoding_lookup(const char *name, vb_encoding *enc);

/* Appends the UTF-8 decoding of data to out.  Returns VB_OK, or VB_ERR_FORMAT
 * when data cannot be in that encoding (mojibake that does not unwrap to
 * UTF-8, odd-length UTF-16).  UTF-8 input is copied as is (invalid sequences
 * are left for the reader to report).  TCVN3 toned capitals, which share the
 * code of their small letter, are restored only where the context makes the
 * case certain (see encoding.c). */
int vb_encoding_decode(vb_encoding enc, const unsigned char *data, size_t len, vb_buf *out);

/* Detects the encoding of data (a BOM is not skipped here: see
 * vb_encoding_bom_length). */
vb_encoding vb_encoding_detect(const unsigned char *data, size_t len);

/* Length of the byte-order mark data starts with for enc (0 if none). */
size_t vb_encoding_bom_length(vb_encoding enc, const unsigned char *data, size_t len);

/* How Vietnamese a UTF-8 text reads: +1 for every word with a non-ASCII
 * letter that is a valid syllable, -1 for every one that is not, -2 for every
 * control or replacement character.  *valid and *words (optional) receive the
 * number of valid non-ASCII words and of all words. */
long vb_encoding_score(const char *utf8, size_t len, size_t *valid, size_t *words);

/* True when the code points form one Vietnamese syllable (any case, any
 * normalization form of its marks). */
bool vb_encoding_is_syllable(const uint32_t *cps, size_t n);

/* ---- the text repairs of the normalize stage (unicode.c, tone.c, layout.c) ----
 * Each rewrites the runs of src in place and counts its changes in
 * src->report. */

/* Look-alike letters (Ð → Đ), stray, doubled or misordered combining marks,
 * zero-width and bidi controls, soft hyphens, odd spaces, C0/C1 controls
 * (removed, with a note). */
void vb_unicode_clean_source(vb_source *src);

/* Tone-mark placement in oa/oe/uy ("hòa"/"hoà", "thủy"/"thuỷ") made one style
 * for the whole document: the majority's, or the one style forces. */
void vb_tone_style_source(vb_source *src, vb_tone_style style);

/* Layout of PDF/OCR text: hard-wrapped lines rejoined into paragraphs,
 * running headers/footers and bare page numbers removed, e-signature stamps
 * moved into src->props. */
void vb_layout_source(vb_source *src);

#endif
