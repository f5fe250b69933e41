/* Commands of the vanban program. */
#ifndef VB_CLI_H
#define VB_CLI_H

#include "../pipeline/pipeline.h"
#include "../render/render.h"

int vb_cmd_convert(int argc, char **argv);
int vb_cmd_blocks(int argc, char **argv);
int vb_cmd_repair(int argc, char **argv);
int vb_cmd_check(int argc, char **argv);
int vb_cmd_index(int argc, char **argv);
int vb_cmd_search(int argc, char **argv);
int vb_cmd_site(int argc, char **argv);
int vb_cmd_export(int argc, char **argv);
int vb_cmd_tables(int argc, char **argv);

/* The text of a (normalized) source: one line per paragraph, blank lines kept,
 * table rows as tab-separated cells. */
void vb_source_write_text(const vb_source *src, vb_buf *out);

/* Parses an option value shared by several commands; returns false and
 * prints a message on a bad value. */
bool vb_cli_parse_diacritics(const char *value, vb_diacritics_mode *mode);
bool vb_cli_parse_tone_style(const char *value, vb_tone_style *style);
bool vb_cli_parse_jobs(const char *value, long *jobs); /* -j: 1 to 256 */
bool vb_cli_parse_ocr_dpi(const char *value, int *dpi); /* --ocr-dpi: 70 to 1200 */

/* Loads the diacritics model from path, or from where it is looked up by
 * default (cli/model.c) when path is NULL, into opts->model.  Returns 0, or
 * the exit status after printing why. */
int vb_cli_load_model(const char *path, vb_normalize_options *opts, struct vb_dia_model **out);

/* The first error of diags as one line ("file[:line]: message"), into err. */
void vb_cli_error_text(const vb_diags *diags, char *err, size_t errlen);

/* Opens the corpus database at path for reading (search, site, export);
 * NULL after printing why. */
struct vb_corpus *vb_cli_open_corpus(const char *path);

#endif
