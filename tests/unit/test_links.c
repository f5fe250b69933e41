/* Unit tests of the link-target allow-list (vb_link_target_allowed): what a
 * document may point a link at once it is HTML in a reader's browser. */
#include "../../model/model.h"
#include "../support/vb_test.h"

static void S_allowed(const char *url) {
    char name[256];
    snprintf(name, sizeof name, "link allowed: %s", url);
    VB_CHECK(name, vb_link_target_allowed(url));
}

static void S_refused(const char *label, const char *url) {
    char name[256];
    snprintf(name, sizeof name, "link refused: %s", label);
    VB_CHECK(name, !vb_link_target_allowed(url));
}

int main(void) {
    S_allowed("http://example.vn/a");
    S_allowed("https://thuvienphapluat.vn/van-ban?id=1#dieu-2");
    S_allowed("HTTPS://EXAMPLE.VN");
    S_allowed("mailto:vanthu@example.gov.vn");
    S_allowed("#_Toc123");
    S_allowed("phu-luc.docx");
    S_allowed("../phu-luc/1.pdf");
    S_allowed("//example.vn/x");
    S_allowed("?q=1");
    S_allowed("a/b:c");
    S_allowed("x.html#p:1");

    S_refused("javascript", "javascript:document.title='XSS'");
    S_refused("mixed case", "  JaVaScRiPt:alert(1)");
    S_refused("tab and newline inside", " \tjava\nscript:alert(1)");
    S_refused("control characters", "\x01java\x0Bscript:alert(1)");
    S_refused("DEL inside", "java\x7Fscript:alert(1)");
    S_refused("data", "data:text/html,<script>alert(1)</script>");
    S_refused("vbscript", "vbscript:msgbox(1)");
    S_refused("file", "file:///etc/passwd");
    S_refused("unknown scheme", "ms-word:ofe|u|x");
    S_refused("long scheme", "javascriptjavascript:1");
    S_refused("http look-alike", "httpx://a");
    S_refused("bad scheme character", "java script\xC2\xA0:1");
    S_refused("colon first", ":x");
    S_refused("null", NULL);
    return vb_test_done();
}
