/* Reading whole files and writing them atomically. */
#define _POSIX_C_SOURCE 200809L
#include "util_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int vb_read_file(const char *path, size_t max_bytes, unsigned char **data, size_t *len,
                 vb_diags *diags) {
    *data = NULL;
    *len = 0;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "cannot open: %s", strerror(errno));
        return VB_ERR_IO;
    }
    struct stat st;
    if (f != stdin && fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "is a directory");
        return VB_ERR_IO;
    }
    vb_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (max_bytes && b.len + n > max_bytes) {
            if (f != stdin) fclose(f);
            vb_buf_free(&b);
            return vb_diag_error(diags, VB_ERR_LIMIT, path, 0, 0, "too-large",
                                 "larger than the limit of %zu MiB", max_bytes >> 20);
        }
        vb_buf_append(&b, chunk, n);
    }
    int failed = ferror(f);
    if (f != stdin) fclose(f);
    if (failed) {
        vb_buf_free(&b);
        vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "read error");
        return VB_ERR_IO;
    }
    *data = (unsigned char *)vb_buf_detach(&b, len);
    return VB_OK;
}

int vb_write_file_atomic(const char *path, const void *data, size_t len, vb_diags *diags) {
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            vb_diag_error(diags, VB_ERR_IO, "-", 0, 0, "io", "write error: %s", strerror(errno));
            return VB_ERR_IO;
        }
        return VB_OK;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) abort();
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "cannot create: %s", strerror(errno));
        free(tmp);
        return VB_ERR_IO;
    }
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR) continue;
            vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "write error: %s", strerror(errno));
            close(fd);
            unlink(tmp);
            free(tmp);
            return VB_ERR_IO;
        }
        p += w;
        left -= (size_t)w;
    }
    fchmod(fd, 0644);
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "cannot write: %s", strerror(errno));
        unlink(tmp);
        free(tmp);
        return VB_ERR_IO;
    }
    free(tmp);
    return VB_OK;
}

int vb_read_file_errtext(const char *path, size_t max_bytes, unsigned char **data, size_t *len,
                         char *err, size_t errlen) {
    vb_diags diags;
    vb_diags_init(&diags, NULL, path);
    int st = vb_read_file(path, max_bytes, data, len, &diags);
    if (st != VB_OK) vb_diags_error_text(&diags, err, errlen);
    vb_diags_free(&diags);
    return st;
}

int vb_write_file_atomic_errtext(const char *path, const void *data, size_t len, char *err,
                                 size_t errlen) {
    vb_diags diags;
    vb_diags_init(&diags, NULL, path);
    int st = vb_write_file_atomic(path, data, len, &diags);
    if (st != VB_OK) vb_diags_error_text(&diags, err, errlen);
    vb_diags_free(&diags);
    return st;
}
