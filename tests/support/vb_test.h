/* vb_test.h — the tiny assertion layer of the unit tests.
 * Each check prints "ok NAME" or "FAIL NAME: why"; vb_test_done() returns the
 * exit status (non-zero when anything failed). */
#ifndef VB_TEST_H
#define VB_TEST_H

#include <stdio.h>
#include <string.h>

extern int vb_test_failures;

#define VB_CHECK(name, cond)                                                             \
    do {                                                                                 \
        if (cond) printf("ok %s\n", (name));                                             \
        else {                                                                           \
            printf("FAIL %s: %s (%s:%d)\n", (name), #cond, __FILE__, __LINE__);          \
            vb_test_failures++;                                                          \
        }                                                                                \
    } while (0)

#define VB_CHECK_STR(name, actual, expected)                                             \
    do {                                                                                 \
        const char *a_ = (actual), *e_ = (expected);                                     \
        if (a_ && e_ && strcmp(a_, e_) == 0) printf("ok %s\n", (name));                 \
        else {                                                                           \
            printf("FAIL %s: got \"%s\", expected \"%s\" (%s:%d)\n", (name),             \
                   a_ ? a_ : "(null)", e_ ? e_ : "(null)", __FILE__, __LINE__);          \
            vb_test_failures++;                                                          \
        }                                                                                \
    } while (0)

#define VB_CHECK_INT(name, actual, expected)                                             \
    do {                                                                                 \
        long long a_ = (long long)(actual), e_ = (long long)(expected);                  \
        if (a_ == e_) printf("ok %s\n", (name));                                         \
        else {                                                                           \
            printf("FAIL %s: got %lld, expected %lld (%s:%d)\n", (name), a_, e_,         \
                   __FILE__, __LINE__);                                                  \
            vb_test_failures++;                                                          \
        }                                                                                \
    } while (0)

/* The document the pipeline builds from a text export given in memory, with
 * diacritics repair off (so no model is needed); NULL, said on stdout, when
 * the conversion fails.  Freed with vb_doc_free. */
struct vb_doc *vb_test_build_text(const char *text);

static inline int vb_test_done(void) { return vb_test_failures ? 1 : 0; }

#endif
