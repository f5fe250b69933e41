/* values.h — figures, dates and references read out of the text (internal to
 * model/, and to the checks and their tests).
 *
 * vb_values_annotate walks a finished tree and wraps, inside TEXT nodes, every
 * number, amount of money, percentage, date, period, deadline and legal
 * reference in a DATA node whose attributes hold the normalised value; the
 * text itself is kept byte for byte.  Table cells that hold one figure get
 * `type` and `value` attributes. */
#ifndef VB_MODEL_VALUES_H
#define VB_MODEL_VALUES_H

#include <stdint.h>

#include "model.h"

/* A decimal figure: mantissa / 10^decimals. */
typedef struct {
    int64_t mantissa;
    int decimals;
    bool ambiguous; /* "3.5", "40.0": a point that is no thousands separator */
} vb_number;

/* Reads a figure written the Vietnamese way: "." groups thousands, ","
 * marks decimals ("1.000.000", "5.595,966", "315,8", "96").  A point followed
 * by one or two digits ("3.5") is read as a decimal point and flagged
 * ambiguous.  The whole of s[0..len) must be the figure. */
bool vb_number_parse(const char *s, size_t len, vb_number *out);

/* The figure as a plain decimal string ("5595.966", "1000000"), arena-owned. */
const char *vb_number_string(vb_arena *arena, const vb_number *n);

/* n * factor as an exact decimal string (factor: 1, 1000, 10^6, 10^9);
 * NULL on overflow. */
const char *vb_number_scaled(vb_arena *arena, const vb_number *n, int64_t factor);

/* Reads an amount spelt in words: "Năm trăm mười chín tỷ, tám trăm bảy mươi
 * tám triệu, không trăm hai mươi sáu ngàn" (a trailing "đồng" is allowed),
 * including the variants ngàn, linh, lẻ, tỉ, mốt, tư, lăm and the short
 * tens "hai chín" (29).  Returns false when the words do not spell a number. */
bool vb_number_words_parse(const char *s, size_t len, int64_t *out);

/* Parses a decimal string as written by vb_number_string (no separators). */
bool vb_number_from_plain(const char *s, vb_number *out);

void vb_values_annotate(vb_doc *doc);

#endif
