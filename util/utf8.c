/* UTF-8 decoding, encoding and the repair of invalid input. */
#include "vb_util.h"

int vb_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
    if (len == 0) return 0;
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) n = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if ((size_t)n > len) return 0;
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return n;
}

int vb_utf8_encode(uint32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = VB_REPLACEMENT_CHAR;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool vb_utf8_valid(const unsigned char *s, size_t len) {
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        int n = vb_utf8_decode(s + i, len - i, &cp);
        if (!n) return false;
        i += (size_t)n;
    }
    return true;
}

/* Invalid bytes are replaced one maximal invalid run at a time, so a stray
 * Latin-1 byte costs one U+FFFD, and each run is reported where it starts. */
size_t vb_utf8_repair(const unsigned char *s, size_t len, vb_buf *out, vb_diags *diags) {
    size_t i = 0, start = 0, count = 0;
    int line = 1;
    long line_start = 0;
    uint32_t cp;
    vb_buf_reserve(out, len);
    while (i < len) {
        if (s[i] < 0x80) {
            if (s[i] == '\n') line++, line_start = (long)i + 1;
            i++;
            continue;
        }
        int n = vb_utf8_decode(s + i, len - i, &cp);
        if (n) {
            i += (size_t)n;
            continue;
        }
        vb_buf_append(out, s + start, i - start);
        size_t bad = i;
        do i++; while (i < len && s[i] >= 0x80 && !vb_utf8_decode(s + i, len - i, &cp));
        vb_buf_append(out, "\xEF\xBF\xBD", 3);
        if (diags && count < 100)
            vb_diag_add(diags, VB_WARNING, line, (int)vb_utf8_length((const char *)s + line_start, bad - (size_t)line_start) + 1,
                        (long)bad, "invalid-utf8",
                        "invalid UTF-8 (%zu byte%s, first 0x%02X) replaced by U+FFFD", i - bad,
                        i - bad == 1 ? "" : "s", s[bad]);
        else if (diags && count == 100)
            vb_diag_add(diags, VB_WARNING, line, 0, (long)bad, "invalid-utf8",
                        "further invalid UTF-8 not listed; every occurrence replaced by U+FFFD");
        count++;
        start = i;
    }
    vb_buf_append(out, s + start, len - start);
    return count;
}

size_t vb_utf8_length(const char *s, size_t len) {
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}
