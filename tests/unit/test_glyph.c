/* Unit tests of the glyph helpers the OCR readers share (extract/pages.h):
 * a glyph's printed code point and score, the engine's other readings kept
 * best first up to VB_GLYPH_READINGS, readings of score 0 dropped, the code
 * point of a glyph's text, and a word's glyphs kept only when one has
 * another reading. */
#include "../../extract/pages.h"
#include "../support/vb_test.h"

#include <math.h>

static void S_start(void) {
    vb_glyph g;
    vb_glyph_start(&g, 'a', 0.5f);
    VB_CHECK("start: the printed code point first", g.n == 1 && g.cp[0] == 'a' && g.score[0] == 0.5f);
    vb_glyph_start(&g, 'a', 1.5f);
    VB_CHECK("start: a score above 1 is 1", g.score[0] == 1.0f);
    vb_glyph_start(&g, 'a', -3.0f);
    VB_CHECK("start: a negative score is 0", g.score[0] == 0.0f);
    vb_glyph_start(&g, 'a', NAN);
    VB_CHECK("start: no number is 0", g.score[0] == 0.0f);
}

static void S_readings(void) {
    vb_glyph g;
    vb_glyph_start(&g, 0x1EAF, 0.99f); /* ắ */
    vb_glyph_reading(&g, 0x1EAF, 0.9f);
    VB_CHECK("reading: the printed one's score is replaced", g.n == 1 && g.score[0] == 0.9f);
    vb_glyph_reading(&g, 0xE1, 0.0f);
    vb_glyph_reading(&g, 0xE1, -1.0f);
    vb_glyph_reading(&g, 0xE1, NAN);
    vb_glyph_reading(&g, 0, 0.5f);
    VB_CHECK("reading: score 0, negative, no number or no code point dropped", g.n == 1);
    vb_glyph_reading(&g, 'a', 0.3f);
    vb_glyph_reading(&g, 'b', 0.5f);
    vb_glyph_reading(&g, 'c', 0.1f);
    vb_glyph_reading(&g, 'd', 0.5f);
    VB_CHECK("reading: best first after the printed one, a tie after the earlier",
             g.n == 5 && g.cp[0] == 0x1EAF && g.cp[1] == 'b' && g.cp[2] == 'd' && g.cp[3] == 'a' &&
                 g.cp[4] == 'c');
    VB_CHECK("reading: scores kept with their readings",
             g.score[1] == 0.5f && g.score[2] == 0.5f && g.score[3] == 0.3f && g.score[4] == 0.1f);
    vb_glyph_reading(&g, 'e', 0.2f);
    VB_CHECK_INT("reading: full at VB_GLYPH_READINGS", g.n, VB_GLYPH_READINGS);
    vb_glyph_reading(&g, 'f', 0.05f);
    VB_CHECK("reading: one weaker than all when full is dropped", g.n == VB_GLYPH_READINGS && g.cp[5] == 'c');
    vb_glyph_reading(&g, 'g', 0.4f);
    VB_CHECK("reading: a better one when full takes its place, the weakest goes",
             g.n == VB_GLYPH_READINGS && g.cp[3] == 'g' && g.cp[4] == 'a' && g.cp[5] == 'e');
    vb_glyph_reading(&g, 'h', 2.0f);
    VB_CHECK("reading: a score above 1 is 1, first after the printed one", g.cp[1] == 'h' && g.score[1] == 1.0f);
    VB_CHECK("reading: the printed one stays first", g.cp[0] == 0x1EAF && g.score[0] == 0.9f);
}

static void S_cp(void) {
    VB_CHECK_INT("cp: one code point", vb_glyph_cp("\xe1\xba\xaf"), 0x1EAF);
    VB_CHECK_INT("cp: blanks trimmed", vb_glyph_cp(" \t\xe1\xba\xaf\n "), 0x1EAF);
    VB_CHECK_INT("cp: two code points are none", vb_glyph_cp("ab"), 0);
    VB_CHECK_INT("cp: a blank is none", vb_glyph_cp("  "), 0);
    VB_CHECK_INT("cp: nothing is none", vb_glyph_cp(""), 0);
    VB_CHECK_INT("cp: broken UTF-8 is none", vb_glyph_cp("\xe1\xba"), 0);
}

static void S_keep(void) {
    vb_arena *a = vb_arena_new();
    vb_glyph w[3];
    vb_glyph_start(&w[0], 't', 0.98f);
    vb_glyph_start(&w[1], 0x1EBF, 0.97f);
    vb_glyph_start(&w[2], 'n', 0.9f);
    VB_CHECK("keep: no glyph with another reading, none kept", vb_glyphs_keep(a, w, 3) == NULL);
    vb_glyph_reading(&w[1], 0x1EC3, 0.12f);
    const vb_glyphs *gs = vb_glyphs_keep(a, w, 3);
    VB_CHECK("keep: one glyph with another reading, all kept",
             gs && gs->n == 3 && gs->glyph[0].cp[0] == 't' && gs->glyph[1].n == 2 &&
                 gs->glyph[1].cp[1] == 0x1EC3 && gs->glyph[2].cp[0] == 'n');
    w[1].cp[1] = 'x';
    VB_CHECK("keep: a copy in the arena", gs && gs->glyph != w && gs->glyph[1].cp[1] == 0x1EC3);
    vb_arena_free(a);
}

int main(void) {
    S_start();
    S_readings();
    S_cp();
    S_keep();
    return vb_test_done();
}
