/* Which link targets a document may carry into its outputs.
 *
 * A document is untrusted: a Word file can point a hyperlink at
 * "javascript:..." or "data:...", and an HTML page that kept such a target
 * would run it on a click.  The rule is an allow-list, the one HTML
 * sanitizers apply: the target is read the way a browser reads it (control
 * characters and spaces anywhere dropped; browsers drop tabs and line feeds
 * inside a URL and the rest at its ends), and then only http, https and
 * mailto, or a target with no scheme at all (relative, "//host", "#anchor",
 * "?query"), is kept. */
#include "model.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static bool S_ignored(unsigned char c) { return c <= 0x20 || c == 0x7F; }

static bool S_scheme_char(unsigned char c, bool first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return !first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.');
}

static unsigned char S_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

bool vb_link_target_allowed(const char *url) {
    if (!url) return false;
    /* the scheme, lower-cased, with what a browser ignores left out */
    char scheme[8];
    size_t n = 0;
    bool valid = true;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        unsigned char c = *p;
        if (S_ignored(c)) continue;
        if (c == ':') {
            if (!n || !valid) return false;
            return (n == 4 && memcmp(scheme, "http", 4) == 0) ||
                   (n == 5 && memcmp(scheme, "https", 5) == 0) ||
                   (n == 6 && memcmp(scheme, "mailto", 6) == 0);
        }
        /* no colon before the path, query or fragment: relative */
        if (c == '/' || c == '?' || c == '#' || c == '\\') return true;
        if (!S_scheme_char(c, n == 0)) valid = false;
        if (n + 1 < sizeof scheme) scheme[n] = (char)S_lower(c);
        n++;
    }
    return true;
}
