/* channel.h — the OCR channel: what an English OCR model prints for each
 * Vietnamese letter ("ế" -> "é", "ó" -> "6", "đ" -> "d" or "P", "ữ" -> "it"),
 * as log-probabilities learned from aligned (clean, OCR) text
 * (tools/train/channel.py).  Immutable after loading. */
#ifndef VB_CHANNEL_H
#define VB_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Letters are numbered: a-z 0..25, đ 26, then each of the twelve vowels
 * (a ă â e ê i o ô ơ u ư y) with its six tones. */
#define VB_CHANNEL_NLETTERS (27 + 12 * 6)

typedef struct {
    uint32_t out[2];  /* what the OCR printed: 0, 1 or 2 code points (lower case) */
    uint8_t nout;
    float logp;
} vb_emission;

typedef struct vb_channel vb_channel;

/* An emission seen from the OCR side: which letter prints this way. */
typedef struct {
    vb_emission e;
    uint8_t letter;
} vb_emission_of;

/* Loads the table from a file of "letter TAB ocr TAB logp" lines; NULL with a
 * message in err on failure. */
vb_channel *vb_channel_load(const char *path, char *err, size_t errlen);
/* The same from text in memory (tests). */
vb_channel *vb_channel_parse(const char *text, size_t len, char *err, size_t errlen);
void vb_channel_free(vb_channel *ch);

/* Index of a lower-case letter, -1 when it is not one of Vietnamese. */
int vb_channel_letter_index(uint32_t cp);
uint32_t vb_channel_letter_cp(int index);

/* The emissions of a letter, most likely first. */
const vb_emission *vb_channel_emissions(const vb_channel *ch, int letter, size_t *n);
/* Log-probability of letter printed as out (n code points); the floor when
 * never seen. */
float vb_channel_logp(const vb_channel *ch, int letter, const uint32_t *out, size_t n);
float vb_channel_floor(const vb_channel *ch);
/* The emissions whose OCR text starts with cp, most likely first; and those
 * that print nothing (a dropped letter). */
const vb_emission_of *vb_channel_printing(const vb_channel *ch, uint32_t cp, size_t *n);
const vb_emission_of *vb_channel_dropped(const vb_channel *ch, size_t *n);
/* Log-probability that the OCR ran two syllables together into one word. */
float vb_channel_split(const vb_channel *ch);
/* Log-probability of a vowel printed as another vowel in a way the training
 * pairs never showed (real scans: "thing" for "tháng", "Héi" for "Hải"). */
float vb_channel_vowel_swap(const vb_channel *ch);
/* True for a vowel letter, marked or not, lower case (a, ơ, ế, ö...). */
bool vb_channel_is_vowel(uint32_t cp);

#endif
