/* syllable.h — the Vietnamese syllable inventory.
 *
 * A written Vietnamese syllable is an onset (possibly empty), a rhyme
 * (medial + nucleus + coda, "oan", "ương") and one of six tones, written as a
 * mark on one vowel of the rhyme.  Two spelling conventions place that mark
 * differently when the rhyme ends in "oa", "oe" or "uy": on the first vowel
 * (hòa, khỏe, thủy) or on the second (hoà, khoẻ, thuỷ).  Both are accepted by
 * the parser; the composer writes the one asked for.
 *
 * Everything here works on immutable tables: safe from any thread. */
#ifndef VB_SYLLABLE_H
#define VB_SYLLABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where the tone mark goes in "oa", "oe", "uy" without a final consonant. */
typedef enum {
    VB_SYL_STYLE_HOA_O = 0, /* hòa, khỏe, thủy: on the first vowel */
    VB_SYL_STYLE_HOA_A = 1  /* hoà, khoẻ, thuỷ: on the second vowel */
} vb_syl_style;

typedef enum {
    VB_SYL_TONE_NGANG = 0, /* no mark */
    VB_SYL_TONE_HUYEN,     /* grave: à */
    VB_SYL_TONE_SAC,       /* acute: á */
    VB_SYL_TONE_HOI,       /* hook above: ả */
    VB_SYL_TONE_NGA,       /* tilde: ã */
    VB_SYL_TONE_NANG,      /* dot below: ạ */
    VB_SYL_NTONES
} vb_syl_tone;

/* Placement seen by the parser. */
enum {
    VB_SYL_PLACE_ANY = 0,  /* the spelling is the same in both styles */
    VB_SYL_PLACE_HOA_O = 1,
    VB_SYL_PLACE_HOA_A = 2
};

typedef struct {
    uint8_t onset; /* index into vb_syl_onset() */
    uint8_t rhyme; /* index into vb_syl_rhyme() */
    uint8_t tone;  /* vb_syl_tone */
} vb_syllable;

/* Longest syllable in UTF-8 bytes ("nghiêng" with marks), plus the NUL. */
#define VB_SYL_MAX_BYTES 24

size_t vb_syl_onset_count(void);
const char *vb_syl_onset(size_t index); /* "" for the empty onset, "ngh", "đ"... */
size_t vb_syl_rhyme_count(void);
const char *vb_syl_rhyme(size_t index); /* toneless, lower case: "oan", "ương" */

/* Parses one syllable (NFC UTF-8, any case: "Hòa", "THUỶ").  Returns false
 * when it is not a Vietnamese syllable.  *placement (may be NULL) receives
 * VB_SYL_PLACE_*: which tone-placement style the spelling used. */
bool vb_syl_parse(const char *s, size_t len, vb_syllable *out, int *placement);
bool vb_syl_is_valid(const char *s, size_t len);

/* Writes the lower-case spelling of syl (NUL-terminated) into out, which holds
 * VB_SYL_MAX_BYTES; returns its byte length, 0 if syl is out of range. */
size_t vb_syl_compose(vb_syllable syl, vb_syl_style style, char *out);

/* True when the onset, rhyme and tone may go together (spelling rules
 * c/k, g/gh, ng/ngh, qu, gi; stop finals take only the acute or dot tone). */
bool vb_syl_combines(vb_syllable syl);

/* Calls fn for every syllable of the inventory written in style; returns the
 * number of syllables. */
typedef void (*vb_syl_visit)(const vb_syllable *syl, const char *text, size_t len, void *ctx);
size_t vb_syl_enumerate(vb_syl_style style, vb_syl_visit fn, void *ctx);

/* ---- letters ---- */
/* Splits a letter into its lower-case toneless form ('ơ', 'đ', 'a'), its
 * tone and its case.  Returns false for anything that is not a Latin letter
 * of Vietnamese (then *base = cp lowered if ASCII, tone 0). */
bool vb_syl_letter(uint32_t cp, uint32_t *base, int *tone, bool *upper);
/* The letter base (lower case, toneless) with tone and case applied; 0 when
 * base cannot carry the tone. */
uint32_t vb_syl_letter_make(uint32_t base, int tone, bool upper);
/* The unmarked ASCII letter of a toneless base ('ư' -> 'u', 'đ' -> 'd'). */
uint32_t vb_syl_ascii_of(uint32_t base);
/* Lower / upper case of a Vietnamese or ASCII letter; other code points as is. */
uint32_t vb_syl_lower(uint32_t cp);
uint32_t vb_syl_upper(uint32_t cp);

/* Removes every diacritic ("Đường" -> "Duong"), keeping case and every
 * other character.  out needs len + 1 bytes (never longer than the input);
 * returns the output length. */
size_t vb_syl_strip_marks(const char *s, size_t len, char *out);

#endif
