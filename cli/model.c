/* Finding and loading the diacritics model for the commands that repair text. */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#ifndef VB_DATADIR
#define VB_DATADIR "/usr/local/share/vanban"
#endif

static bool S_is_model_dir(const char *dir) {
    char path[PATH_MAX + 128];
    struct stat st;
    snprintf(path, sizeof path, "%s/lm.bin", dir);
    return stat(path, &st) == 0;
}

/* Where the model is when --model is not given: $VANBAN_MODEL, data/model
 * beside the program (build/vanban -> data/model), then the installed copy. */
static bool S_default_model(char *out, size_t cap) {
    const char *env = getenv("VANBAN_MODEL");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return true;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(out, cap, "%s/../data/model", exe);
            if (S_is_model_dir(out)) return true;
        }
    }
    snprintf(out, cap, "%s", VB_DATADIR);
    return S_is_model_dir(out);
}

int vb_cli_load_model(const char *path, vb_normalize_options *opts, struct vb_dia_model **out) {
    *out = NULL;
    if (opts->diacritics == VB_DIACRITICS_OFF) return 0;
    char found[PATH_MAX + 64];
    if (!path) {
        if (!S_default_model(found, sizeof found)) {
            if (opts->diacritics == VB_DIACRITICS_AUTO) {
                fprintf(stderr, "vanban: no diacritics model found: OCR-damaged text is left as "
                                "it is (see --model)\n");
                return 0;
            }
            fprintf(stderr, "vanban: --diacritics %s needs a model: give --model DIR or set "
                            "VANBAN_MODEL\n",
                    opts->diacritics == VB_DIACRITICS_OCR ? "ocr" : "strip");
            return 2;
        }
        path = found;
    }
    vb_diags diags;
    vb_diags_init(&diags, NULL, path);
    if (vb_dia_model_load(path, out, &diags) != VB_OK) {
        char err[1024];
        vb_cli_error_text(&diags, err, sizeof err);
        vb_diags_free(&diags);
        fprintf(stderr, "vanban: error: %s\n", err);
        return 2;
    }
    opts->model = *out;
    return 0;
}
