/* Unit tests of the TT 05/2025 records (render/ead.c: the fields, their
 * checks, the values a user gives, the mapping from a document's header)
 * and of tables as CSV (render/csv.c: quoting, spans, typed values). */
#include "../../model/values.h"
#include "../../render/render.h"
#include "../support/vb_test.h"

#include <stdlib.h>
#include <string.h>

static void S_fields(void) {
    VB_CHECK_INT("fields/count", VB_EAD_NFIELDS, 21);
    VB_CHECK_INT("fields/file-count", VB_EAD_FILE_NFIELDS, 18);
    VB_CHECK_STR("fields/first", vb_ead_field_name(VB_EAD_DOC_ID), "docId");
    VB_CHECK_STR("fields/type", vb_ead_field_name(VB_EAD_TYPE_NAME), "typeName");
    VB_CHECK_STR("fields/last", vb_ead_field_name(VB_EAD_DESCRIPTION), "description");
    VB_CHECK("fields/past-end", vb_ead_field_name(VB_EAD_NFIELDS) == NULL);
    VB_CHECK_STR("fields/file-dates", vb_ead_file_field_name(VB_EAD_FILE_START_DATE), "startDate");
    VB_CHECK_INT("fields/find", vb_ead_field_find("issuedDate"), VB_EAD_ISSUED_DATE);
    VB_CHECK_INT("fields/find-unknown", vb_ead_field_find("author"), VB_EAD_NFIELDS);

    VB_CHECK("check/maintenance-07", !vb_ead_field_check(VB_EAD_MAINTENANCE, "07"));
    VB_CHECK("check/maintenance-08", vb_ead_field_check(VB_EAD_MAINTENANCE, "08") != NULL);
    VB_CHECK("check/maintenance-one-digit", vb_ead_field_check(VB_EAD_MAINTENANCE, "7") != NULL);
    VB_CHECK("check/type-32", !vb_ead_field_check(VB_EAD_TYPE_NAME, "32"));
    VB_CHECK("check/type-00", vb_ead_field_check(VB_EAD_TYPE_NAME, "00") != NULL);
    VB_CHECK("check/date-leap", !vb_ead_field_check(VB_EAD_ISSUED_DATE, "29/02/2024"));
    VB_CHECK("check/date-not-leap", vb_ead_field_check(VB_EAD_ISSUED_DATE, "29/02/2023") != NULL);
    VB_CHECK("check/date-iso", vb_ead_field_check(VB_EAD_ISSUED_DATE, "2024-02-29") != NULL);
    VB_CHECK("check/number", !vb_ead_field_check(VB_EAD_NUMBER_OF_PAGE, "12"));
    VB_CHECK("check/number-negative", vb_ead_field_check(VB_EAD_NUMBER_OF_PAGE, "-1") != NULL);
    VB_CHECK("check/bool", !vb_ead_field_check(VB_EAD_RISK_RECOVERY, "false"));
    VB_CHECK("check/bool-yes", vb_ead_field_check(VB_EAD_RISK_RECOVERY, "có") != NULL);
    /* lengths count characters, not bytes: 30 letters with marks fit */
    VB_CHECK("check/length-characters",
             !vb_ead_field_check(VB_EAD_CODE_NOTATION, "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ"));
    VB_CHECK("check/length-31",
             vb_ead_field_check(VB_EAD_CODE_NOTATION, "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ") != NULL);
    VB_CHECK("check/empty", vb_ead_field_check(VB_EAD_DOC_ID, "") != NULL);
}

static void S_given(void) {
    vb_ead_given g;
    vb_diags d;
    vb_diags_init(&d, NULL, NULL);
    const char *text = "# comment\n\n  maintenance = 02 \r\nmode=01\nmode=03\ndescription=a=b\n";
    VB_CHECK_INT("given/read", vb_ead_given_read("r.txt", text, strlen(text), &g, &d), VB_OK);
    VB_CHECK_STR("given/trimmed", g.values[VB_EAD_MAINTENANCE], "02");
    VB_CHECK_STR("given/last-wins", g.values[VB_EAD_MODE], "03");
    VB_CHECK_STR("given/equals-in-value", g.values[VB_EAD_DESCRIPTION], "a=b");
    VB_CHECK("given/others-absent", g.values[VB_EAD_DOC_ID] == NULL);
    vb_ead_given_free(&g);

    const char *bad = "mode=01\nformat=04\n";
    VB_CHECK_INT("given/bad-value", vb_ead_given_read("r.txt", bad, strlen(bad), &g, &d), VB_ERR_USAGE);
    const vb_diag *e = vb_diags_first_error(&d);
    VB_CHECK("given/bad-value-line", e && e->line == 2);
    vb_buf m = {0};
    if (e) vb_diag_message(&d, e, &m);
    VB_CHECK("given/bad-value-names-file", m.data && strstr(m.data, "r.txt:2") && strstr(m.data, "format"));
    VB_CHECK("given/bad-value-nothing-kept", g.values[VB_EAD_MODE] == NULL);
    vb_buf_free(&m);
    vb_diags_free(&d);

    vb_ead_file_given fg;
    vb_diags_init(&d, NULL, NULL);
    const char *ftext = "fileCode=H37\ntotalDoc=3\n";
    VB_CHECK_INT("given/file", vb_ead_file_given_read("f", ftext, strlen(ftext), &fg, &d), VB_OK);
    VB_CHECK_STR("given/file-code", fg.values[VB_EAD_FILE_CODE], "H37");
    vb_ead_file_given_free(&fg);
    const char *fbad = "typeName=01\n"; /* a document field, not a file's */
    VB_CHECK_INT("given/file-refuses-doc-field", vb_ead_file_given_read("f", fbad, strlen(fbad), &fg, &d),
                 VB_ERR_USAGE);
    vb_diags_free(&d);
}

static void S_record(void) {
    vb_doc *doc = vb_test_build_text("ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 1234/QĐ-UBND\n\n"
                                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
                                     "Bắc Ninh, ngày 05 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\n"
                                     "Về việc ban hành Quy chế làm việc\n\nĐiều 1. Ban hành Quy chế.\n");
    if (!doc) return;
    vb_ead_record rec;
    vb_ead_record_make(doc, NULL, &rec);
    VB_CHECK_STR("record/type", rec.values[VB_EAD_TYPE_NAME], "02");
    VB_CHECK_STR("record/number", rec.values[VB_EAD_CODE_NUMBER], "1234");
    VB_CHECK_STR("record/notation", rec.values[VB_EAD_CODE_NOTATION], "QĐ-UBND");
    VB_CHECK_STR("record/date", rec.values[VB_EAD_ISSUED_DATE], "05/03/2025");
    VB_CHECK_STR("record/organ", rec.values[VB_EAD_ORGAN_NAME], "ỦY BAN NHÂN DÂN TỈNH BẮC NINH");
    VB_CHECK_STR("record/subject", rec.values[VB_EAD_SUBJECT], "Về việc ban hành Quy chế làm việc");
    VB_CHECK_STR("record/language", rec.values[VB_EAD_LANGUAGE], "01");
    VB_CHECK("record/text-no-confidence", rec.values[VB_EAD_CONFIDENCE_LEVEL] == NULL);
    VB_CHECK("record/no-pages", rec.values[VB_EAD_NUMBER_OF_PAGE] == NULL);
    VB_CHECK("record/no-maintenance", rec.values[VB_EAD_MAINTENANCE] == NULL);
    vb_ead_record_free(&rec);

    vb_ead_given g = {0};
    g.values[VB_EAD_LANGUAGE] = strdup("02");
    g.values[VB_EAD_MAINTENANCE] = strdup("01");
    vb_ead_record_make(doc, &g, &rec);
    VB_CHECK_STR("record/given-overrides", rec.values[VB_EAD_LANGUAGE], "02");
    VB_CHECK_STR("record/given-adds", rec.values[VB_EAD_MAINTENANCE], "01");
    VB_CHECK_STR("record/given-keeps-rest", rec.values[VB_EAD_CODE_NUMBER], "1234");
    vb_ead_record_free(&rec);
    vb_ead_given_free(&g);

    vb_render_options o;
    vb_render_options_default(&o);
    vb_buf out = {0};
    VB_CHECK_INT("record/render", vb_render(doc, (vb_format)3, &o, &out), VB_OK);
    VB_CHECK("record/render-order",
             out.data && strstr(out.data, "<typeName>02</typeName>\n  <codeNumber>1234</codeNumber>"));
    vb_buf_free(&out);
    vb_doc_free(doc);

    /* nothing printed: no number, no date, no type */
    doc = vb_test_build_text("Ghi chép buổi họp.\n\nNội dung trao đổi.\n");
    if (!doc) return;
    vb_ead_record_make(doc, NULL, &rec);
    VB_CHECK("record/bare-no-type", rec.values[VB_EAD_TYPE_NAME] == NULL);
    VB_CHECK("record/bare-no-number", rec.values[VB_EAD_CODE_NUMBER] == NULL);
    VB_CHECK("record/bare-no-notation", rec.values[VB_EAD_CODE_NOTATION] == NULL);
    VB_CHECK("record/bare-no-date", rec.values[VB_EAD_ISSUED_DATE] == NULL);
    VB_CHECK("record/bare-no-organ", rec.values[VB_EAD_ORGAN_NAME] == NULL);
    vb_ead_record_free(&rec);
    vb_doc_free(doc);
}

static vb_node *S_cell(vb_doc *doc, vb_node *row, const char *text, int colspan, int rowspan) {
    vb_node *c = vb_node_new(doc, VB_NODE_CELL, 1);
    c->as.cell.colspan = colspan;
    c->as.cell.rowspan = rowspan;
    if (*text) {
        vb_node *t = vb_node_new(doc, VB_NODE_TEXT, 1);
        t->text = text;
        t->len = strlen(text);
        vb_node_add(doc, c, t);
    }
    vb_node_add(doc, row, c);
    return c;
}

static void S_csv(void) {
    vb_doc *doc = vb_test_build_text("Bảng.\n");
    if (!doc) return;
    /* | A (2 rows) | B (2 columns)   |
     * |            | b1     | b2     |
     * | "x", y     | 1,5    | z      | */
    vb_node *t = vb_node_new(doc, VB_NODE_TABLE, 1);
    vb_node *r1 = vb_node_new(doc, VB_NODE_ROW, 1), *r2 = vb_node_new(doc, VB_NODE_ROW, 2),
            *r3 = vb_node_new(doc, VB_NODE_ROW, 3);
    r1->as.row.kind = r2->as.row.kind = VB_ROW_HEADER;
    vb_node_add(doc, t, r1);
    vb_node_add(doc, t, r2);
    vb_node_add(doc, t, r3);
    S_cell(doc, r1, "A", 1, 2);
    S_cell(doc, r1, "B", 2, 1);
    S_cell(doc, r2, "b1", 1, 1);
    S_cell(doc, r2, "b2", 1, 1);
    S_cell(doc, r3, "\"x\", y", 1, 1);
    vb_node *v = S_cell(doc, r3, "1,5", 1, 1);
    vb_node_set_attr(doc, v, "type", "decimal");
    vb_node_set_attr(doc, v, "value", "1.5");
    S_cell(doc, r3, "z\ny", 1, 1);
    vb_buf out = {0};
    vb_csv_options o = {VB_CSV_SPANS_REPEAT, false};
    VB_CHECK_INT("csv/render", vb_render_table_csv(t, &o, &out), VB_OK);
    VB_CHECK_STR("csv/repeat", out.data,
                 "A,B,B\r\nA,b1,b2\r\n\"\"\"x\"\", y\",\"1,5\",\"z\ny\"\r\n");
    vb_buf_clear(&out);
    o.spans = VB_CSV_SPANS_EMPTY;
    vb_render_table_csv(t, &o, &out);
    VB_CHECK_STR("csv/empty", out.data, "A,B,\r\n,b1,b2\r\n\"\"\"x\"\", y\",\"1,5\",\"z\ny\"\r\n");
    vb_buf_clear(&out);
    o.values = true;
    vb_render_table_csv(t, &o, &out);
    VB_CHECK_STR("csv/values", out.data,
                 "A,value,B,value,,value\r\n,value,b1,value,b2,value\r\n"
                 "\"\"\"x\"\", y\",,\"1,5\",1.5,\"z\ny\",\r\n");
    vb_buf_clear(&out);
    VB_CHECK_INT("csv/not-a-table", vb_render_table_csv(r1, &o, &out), VB_ERR_USAGE);
    /* a span far past the table's end is cut at its edge */
    r3->first_child->as.cell.rowspan = 1000000;
    o.values = false;
    VB_CHECK_INT("csv/rowspan-cut", vb_render_table_csv(t, &o, &out), VB_OK);
    vb_buf_clear(&out);
    r3->first_child->as.cell.rowspan = 1;
    r3->first_child->as.cell.colspan = 1 << 30;
    VB_CHECK_INT("csv/huge-span-refused", vb_render_table_csv(t, &o, &out), VB_ERR_LIMIT);
    vb_buf_free(&out);
    vb_doc_free(doc);
}

int main(void) {
    S_fields();
    S_given();
    S_record();
    S_csv();
    return vb_test_done();
}
