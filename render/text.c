/* Plain-text renderer: the normalized text of the document, one paragraph
 * per line, a blank line between blocks, list items indented by depth,
 * table rows as tab-separated cells, footnotes at the end. */
#include "render_internal.h"

#include <assert.h>
#include <string.h>

typedef struct {
    vb_buf *out;
    int list_depth;
    int cell_index;
    bool in_cell;
    const char *open_mark; /* a quotation's opening mark, printed before its first block */
} text_state;

/* Starts a new block: a blank line after whatever came before. */
static void S_block(text_state *st) {
    vb_buf *o = st->out;
    if (o->len) {
        if (o->data[o->len - 1] != '\n') vb_buf_putc(o, '\n');
        if (o->len < 2 || o->data[o->len - 2] != '\n') vb_buf_putc(o, '\n');
    }
    if (st->open_mark) {
        vb_buf_puts(o, st->open_mark);
        st->open_mark = NULL;
    }
}

static void S_newline(text_state *st) {
    if (st->out->len && st->out->data[st->out->len - 1] != '\n') vb_buf_putc(st->out, '\n');
}

static void S_field(vb_buf *out, const vb_field *f) {
    if (!f->value) return;
    vb_buf_puts(out, f->value);
    vb_buf_putc(out, '\n');
}

/* Digits of a note mark as superscripts ("19" → "¹⁹"), as printed. */
static void S_note_mark(vb_buf *out, const char *label) {
    if (!vb_buf_put_superscript(out, label)) vb_buf_printf(out, "[%s]", label);
}

int vb_render_text(const vb_doc *doc, const vb_render_options *opts, vb_buf *out) {
    const vb_meta *m = &doc->meta;
    size_t start = out->len;
    S_field(out, &m->authority);
    S_field(out, &m->motto);
    if (m->number.value) vb_buf_printf(out, "Số: %s\n", m->number.value);
    if (m->place.value || m->date.value)
        vb_buf_printf(out, "%s%s%s\n", m->place.value ? m->place.value : "",
                      m->place.value && m->date.value ? ", " : "", m->date.value ? m->date.value : "");
    /* độ mật, độ khẩn and "DỰ THẢO", printed under the number */
    S_field(out, &m->secrecy);
    S_field(out, &m->urgency);
    S_field(out, &m->draft);
    if (out->len > start) vb_buf_putc(out, '\n');
    S_field(out, &m->type);
    S_field(out, &m->title);
    /* as the form prints them: one addressee on the line of "Kính gửi:",
     * several in dashed lines under it */
    if (m->naddressees == 1) vb_buf_printf(out, "Kính gửi: %s\n", m->addressees[0].value);
    else if (m->naddressees) {
        vb_buf_puts(out, "Kính gửi:\n");
        for (size_t i = 0; i < m->naddressees; i++)
            vb_buf_printf(out, "- %s%s\n", m->addressees[i].value, i + 1 < m->naddressees ? ";" : ".");
    }

    text_state st = {.out = out};
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        vb_render_drain(out, opts, false);
        const vb_node *n = vb_iter_node(&it);
        bool enter = ev == VB_EVENT_ENTER;
        switch (n->type) {
        case VB_NODE_DOCUMENT:
        case VB_NODE_BODY:
        case VB_NODE_SECTION:
        case VB_NODE_APPENDIX:
        case VB_NODE_CLOSING:
        case VB_NODE_SIGNER:
        case VB_NODE_PAGE_HEADER:
        case VB_NODE_PAGE_FOOTER:
            if (enter && n->type == VB_NODE_SIGNER) S_block(&st);
            break;
        case VB_NODE_QUOTATION:
            /* as printed: the opening mark before the first words, the
             * closing one after the last */
            if (enter) {
                st.open_mark = vb_node_get_attr(n, "open");
            } else {
                const char *close = vb_node_get_attr(n, "close");
                if (st.open_mark) S_block(&st); /* nothing in it was printed */
                if (close) {
                    if (out->len && out->data[out->len - 1] == '\n') out->len--;
                    vb_buf_puts(out, close);
                    vb_buf_putc(out, '\n');
                }
            }
            break;
        case VB_NODE_HEADING:
            if (enter) {
                S_block(&st);
                if (n->parent->type == VB_NODE_SECTION && n->parent->as.section.label) {
                    vb_buf_puts(out, n->parent->as.section.label);
                    /* as printed: "2.4.Tủ sách" keeps its missing blank */
                    if (n->first_child && !n->parent->as.section.label_joined) vb_buf_putc(out, ' ');
                }
            } else {
                S_newline(&st);
            }
            break;
        case VB_NODE_PARAGRAPH:
            if (enter) {
                if (st.in_cell) {
                    if (n->prev) vb_buf_putc(out, ' ');
                } else if (n->parent->type != VB_NODE_FOOTNOTE) {
                    S_block(&st);
                }
            } else if (!st.in_cell) {
                S_newline(&st);
            }
            break;
        case VB_NODE_LIST:
            if (enter) {
                if (st.list_depth == 0) S_block(&st);
                st.list_depth++;
            } else {
                st.list_depth--;
            }
            break;
        case VB_NODE_ITEM:
            if (enter) {
                S_newline(&st);
                if (n->parent->type == VB_NODE_RECIPIENTS) {
                    vb_buf_puts(out, n->as.item.marker ? n->as.item.marker : "-");
                    vb_buf_putc(out, ' ');
                    break;
                }
                for (int d = 1; d < st.list_depth; d++) vb_buf_puts(out, "  ");
                vb_buf_puts(out, n->as.item.marker ? n->as.item.marker : "-");
                vb_buf_putc(out, ' ');
            } else {
                S_newline(&st);
            }
            break;
        case VB_NODE_TABLE:
            if (enter) S_block(&st);
            break;
        case VB_NODE_ROW:
            if (enter) st.cell_index = 0;
            else vb_buf_putc(out, '\n');
            break;
        case VB_NODE_CELL:
            if (enter) {
                if (st.cell_index++) vb_buf_putc(out, '\t');
                /* a span takes the columns it covers */
                for (int c = 1; c < n->as.cell.colspan; c++) vb_buf_putc(out, '\t');
                st.in_cell = true;
            } else {
                st.in_cell = false;
            }
            break;
        case VB_NODE_RECIPIENTS:
            if (enter) S_block(&st);
            break;
        case VB_NODE_ROLE:
        case VB_NODE_NAME:
            if (enter) S_newline(&st);
            else vb_buf_putc(out, '\n');
            break;
        case VB_NODE_FOOTNOTE:
            if (enter) {
                S_block(&st);
                S_note_mark(out, n->as.note.label);
                vb_buf_putc(out, ' ');
            } else {
                S_newline(&st);
            }
            break;
        case VB_NODE_TEXT:
            if (st.in_cell) {
                /* a cell stays on its row */
                for (size_t i = 0; i < n->len; i++)
                    vb_buf_putc(out, n->text[i] == '\n' || n->text[i] == '\t' ? ' ' : n->text[i]);
            } else {
                vb_buf_append(out, n->text, n->len);
            }
            break;
        case VB_NODE_LINEBREAK: vb_buf_putc(out, st.in_cell ? ' ' : '\n'); break;
        case VB_NODE_NOTE_REF: S_note_mark(out, n->as.note.label); break;
        case VB_NODE_EMPH:
        case VB_NODE_STRONG:
        case VB_NODE_SUPERSCRIPT:
        case VB_NODE_SUBSCRIPT:
        case VB_NODE_LINK:
        case VB_NODE_REPAIR:
        case VB_NODE_INSERTED:
        case VB_NODE_DATA:
            break;
        case VB_NODE_TASKS:
            /* the records repeat the table above them */
            if (enter) it.ev = VB_EVENT_EXIT;
            break;
        case VB_NODE_TASK:
        case VB_NODE_LEAD:
        case VB_NODE_PARTNERS:
        case VB_NODE_OUTPUT:
        case VB_NODE_DEADLINE:
            break;
        case VB_NODE_DELETED:
            /* deleted text is shown only in the marked-up formats */
            if (enter) it.ev = VB_EVENT_EXIT; /* skip its content */
            break;
        case VB_NODE_LAYOUT: /* lines that drew a layout: no text to read */
            if (enter) it.ev = VB_EVENT_EXIT;
            break;
        case VB_NODE__COUNT:
        default: assert(!"node type unknown to the text renderer"); break;
        }
    }
    S_newline(&st);
    (void)opts;
    return VB_OK;
}
