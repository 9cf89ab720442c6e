/*
 * markup_md: a line-based Markdown reader — CommonMark block structure, GFM
 * tables, and the inlines that hide code, URLs and markup. Lines are scanned
 * once for structure (inlines are markup_md_inline's), so time is linear.
 * Never emits code or front matter; never recurses or allocates.
 *
 * Deliberately not CommonMark: no HTML block of type 7 (a lone tag on a line
 * is read as a paragraph whose tags are cut), and a lone CR that does not
 * end a line. Footnote definitions (`[^1]: …`, as GFM and pandoc write them)
 * are containers whose lines are indented four columns.
 */
#include "markup.h"

#include <string.h>

#define MAX_INDENT 64      /* columns of indentation worth measuring */
#define NOT_FOUND ((size_t)-1)

enum { CONT_QUOTE, CONT_ITEM, CONT_NOTE };
enum { LEAF_NONE, LEAF_PARA, LEAF_FENCE, LEAF_HTML, LEAF_TABLE };

typedef struct container {
    int kind;
    size_t indent; /* list item: columns a continuation line must have */
} container;

typedef struct md {
    fl_markup_out out;
    const char *s;
    size_t len;
    size_t depth;
    container stack[FL_MARKUP_MAX_NESTING];
    int leaf;                    /* the open leaf block */
    size_t leaf_start, leaf_end; /* paragraph or HTML block bytes so far */
    size_t last_line;            /* paragraph: its last line's first byte */
    char fence;                  /* fenced code: the fence character... */
    size_t fence_len;            /* ...and how many of them opened it */
    int html_type;               /* CommonMark's HTML block condition, 1-6 */
    size_t break_fail;           /* this line holds no thematic break that
                                    starts before here */
} md;

typedef struct line {
    size_t pos, end; /* what the containers have not consumed yet */
} line;

static int is_sp(char c)
{
    return c == ' ' || c == '\t';
}

static int is_blank(const char *s, size_t p, size_t end)
{
    while (p < end && (is_sp(s[p]) || s[p] == '\r' || s[p] == '\f' || s[p] == '\v'))
        p++;
    return p == end;
}

static int is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_alnum(unsigned char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9');
}

static size_t skip_sp(const char *s, size_t p, size_t end)
{
    while (p < end && is_sp(s[p]))
        p++;
    return p;
}

static int starts_with(const char *s, size_t p, size_t end, const char *w)
{
    size_t n = strlen(w);
    return end - p >= n && memcmp(s + p, w, n) == 0;
}

/* Columns of indentation at p (tabs stop every 4), measured up to
 * MAX_INDENT; *first is where the measuring stopped. */
static size_t indent(const char *s, size_t p, size_t end, size_t *first)
{
    size_t cols = 0;
    while (p < end && cols < MAX_INDENT && is_sp(s[p])) {
        cols += s[p] == '\t' ? 4 - cols % 4 : 1;
        p++;
    }
    *first = p;
    return cols;
}

static size_t consume_cols(const char *s, size_t p, size_t end, size_t cols)
{
    size_t done = 0;
    while (p < end && done < cols && is_sp(s[p])) {
        done += s[p] == '\t' ? 4 - done % 4 : 1;
        p++;
    }
    return p;
}

static unsigned container_scope(const md *m)
{
    if (!m->depth)
        return FL_SCOPE_PROSE;
    int kind = m->stack[m->depth - 1].kind;
    return kind == CONT_QUOTE ? FL_SCOPE_QUOTE : kind == CONT_ITEM ? FL_SCOPE_LIST
                                                                   : FL_SCOPE_PROSE;
}

/* ---- link reference definitions ------------------------------------------ */

/* Past spaces and tabs and at most one line ending with the next line's
 * container prefix (as the output path drops it). Sets *nl when it crossed
 * a line ending. */
static size_t skip_ws_line(const char *s, size_t p, size_t end, int *nl)
{
    while (p < end && is_sp(s[p]))
        p++;
    *nl = 0;
    if (p < end && (s[p] == '\n' || (s[p] == '\r' && p + 1 < end && s[p + 1] == '\n'))) {
        p += s[p] == '\r' ? 2 : 1;
        while (p < end && (is_sp(s[p]) || s[p] == '>'))
            p++;
        *nl = 1;
    }
    return p;
}

/* Where the line holding `p` ends: its line feed, or `end`. */
static size_t line_end(const char *s, size_t p, size_t end)
{
    const char *nl = memchr(s + p, '\n', end - p);
    return nl ? (size_t)(nl - s) : end;
}

/* Where the next line starts: past the line feed, or `end`. */
static size_t past_line(const char *s, size_t p, size_t end)
{
    size_t e = line_end(s, p, end);
    return e < end ? e + 1 : end;
}

/* A title after a destination: "…", '…' or (…), possibly over lines but
 * not across a blank one, then nothing but spaces to the line's end.
 * Returns where the definition ends and sets the title's text, or 0. */
static size_t ref_title(const char *s, size_t t, size_t end, size_t *a, size_t *b)
{
    char close = s[t] == '(' ? ')' : s[t];
    size_t q = t + 1;
    for (; q < end && s[q] != close; q++) {
        if (s[q] == '\\' && q + 1 < end)
            q++;
        else if (s[q] == '\n' && is_blank(s, q + 1, line_end(s, q + 1, end)))
            return 0;
    }
    if (q >= end || !is_blank(s, q + 1, line_end(s, q, end)))
        return 0;
    *a = t + 1;
    *b = q;
    return past_line(s, q, end);
}

/* `[label]: destination "title"` at the start of a paragraph's bytes
 * [p, end), over as many lines as CommonMark allows. Never linted, but its
 * title is a caption, as an inline link's is. Returns where the definition
 * ends (the next line), or 0 if there is none. */
static size_t ref_definition(const char *s, size_t p, size_t end, size_t *ta, size_t *tb)
{
    size_t q = p + 1, n = 0;
    int nl, seen = 0; /* a label needs more than whitespace */
    *ta = *tb = 0;
    if (p >= end || s[p] != '[' || (q < end && s[q] == '^'))
        return 0;
    for (; q < end && s[q] != ']' && n < 999; q++, n++) {
        if (s[q] == '[')
            return 0;
        seen |= !is_sp(s[q]) && s[q] != '\n' && s[q] != '\r';
        q += s[q] == '\\' && q + 1 < end;
    }
    if (q + 1 >= end || !seen || s[q] != ']' || s[q + 1] != ':')
        return 0;
    q = skip_ws_line(s, q + 2, end, &nl);
    size_t d = q;
    if (q < end && s[q] == '<') {
        while (q < end && s[q] != '>' && s[q] != '\n')
            q++;
        if (q >= end || s[q] != '>')
            return 0;
        q++;
    } else {
        while (q < end && !is_sp(s[q]) && s[q] != '\n' && s[q] != '\r')
            q++;
    }
    if (q == d)
        return 0;
    int rest_blank = is_blank(s, q, line_end(s, q, end));
    size_t t = skip_ws_line(s, q, end, &nl);
    if (t > q && t < end && (s[t] == '"' || s[t] == '\'' || s[t] == '(')) {
        size_t done = ref_title(s, t, end, ta, tb);
        if (done)
            return done;
    }
    *ta = *tb = 0;
    return rest_blank ? past_line(s, q, end) : 0;
}

/* A whole definition on its own line, outside a paragraph: its title goes
 * out now, so a footnote or another definition can follow it directly. */
static int one_line_definition(md *m, size_t p, size_t end)
{
    size_t ta, tb, next = end;
    if (ref_definition(m->s, p, end, &ta, &tb) != end)
        return 0;
    next += next < m->len && m->s[next] == '\r';
    next += next < m->len && m->s[next] == '\n';
    while (tb == ta && next < m->len && is_sp(m->s[next]))
        next++;
    if (tb == ta && next < m->len && (m->s[next] == '"' || m->s[next] == '\'' ||
                                      m->s[next] == '('))
        return 0; /* its title may be on the next line: read it as a paragraph */
    if (tb > ta) {
        fl__markup_block(&m->out, container_scope(m));
        fl__markup_caption(&m->out, ta, tb);
    }
    return 1;
}

static void close_leaf(md *m)
{
    if (m->leaf == LEAF_PARA) {
        size_t start = m->leaf_start, next, ta, tb;
        fl__markup_block(&m->out, container_scope(m));
        while ((next = ref_definition(m->s, start, m->leaf_end, &ta, &tb))) {
            if (tb > ta)
                fl__markup_caption(&m->out, ta, tb);
            start = next;
            while (start < m->leaf_end && (is_sp(m->s[start]) || m->s[start] == '>'))
                start++;
        }
        if (start < m->leaf_end)
            fl__markup_md_inline(&m->out, m->s, start, m->leaf_end);
    } else if (m->leaf == LEAF_HTML) {
        fl__markup_html_range(&m->out, m->s, m->leaf_start, m->leaf_end,
                              container_scope(m));
    }
    m->leaf = LEAF_NONE;
}

/* Past the limit, markers are read and dropped: deeper structure reads as
 * the deepest level tracked. */
static void push(md *m, int kind, size_t cols)
{
    if (m->depth == FL_MARKUP_MAX_NESTING)
        return;
    close_leaf(m);
    m->stack[m->depth].kind = kind;
    m->stack[m->depth].indent = cols;
    m->depth++;
}

/* ---- block starts ------------------------------------------------------- */

static int thematic_break(md *m, size_t p, size_t end)
{
    const char *s = m->s;
    char c = s[p];
    size_t n = 0, q = p;
    if (p < m->break_fail || (c != '-' && c != '*' && c != '_'))
        return 0;
    for (; q < end; q++) {
        if (s[q] == c)
            n++;
        else if (!is_sp(s[q]))
            break;
    }
    if (q == end && n >= 3)
        return 1;
    /* Any later start on this line fails the same way: remember where, or a
     * line of "- - - … x" would be rescanned once per list marker. */
    m->break_fail = q;
    return 0;
}

static char setext_char(const char *s, size_t p, size_t end)
{
    size_t q = p;
    if (s[p] != '=' && s[p] != '-')
        return 0;
    while (q < end && s[q] == s[p])
        q++;
    return is_blank(s, q, end) ? s[p] : 0;
}

/* A list marker at s[p]: returns the columns from p to the item's text and
 * sets *content, or returns 0. */
static size_t list_marker(const md *m, size_t p, size_t end, size_t *content)
{
    const char *s = m->s;
    size_t q = p, first, spaces;
    unsigned long start = 1;
    if (s[q] == '-' || s[q] == '*' || s[q] == '+') {
        q++;
    } else {
        for (start = 0; q < end && q - p < 9 && s[q] >= '0' && s[q] <= '9'; q++)
            start = start * 10 + (unsigned long)(s[q] - '0');
        if (q == p || q == end || (s[q] != '.' && s[q] != ')'))
            return 0;
        q++;
    }
    if (q < end && !is_sp(s[q]))
        return 0;
    spaces = indent(s, q, end, &first);
    int empty = is_blank(s, first, end);
    /* Only an item with text, counting from 1, may interrupt a paragraph. */
    if (m->leaf == LEAF_PARA && (empty || start != 1))
        return 0;
    if (empty || spaces > 4) { /* more is indented code inside the item */
        *content = empty ? end : q + 1;
        return q - p + 1;
    }
    *content = first;
    return q - p + spaces;
}

static size_t skip_task_marker(const char *s, size_t p, size_t end)
{
    if (end - p >= 3 && s[p] == '[' && (s[p + 1] == ' ' || (s[p + 1] | 0x20) == 'x') &&
        s[p + 2] == ']' && (end - p == 3 || is_sp(s[p + 3])))
        return skip_sp(s, p + 3, end);
    return p;
}

static size_t atx_level(const char *s, size_t p, size_t end)
{
    size_t n = 0;
    while (p + n < end && n < 7 && s[p + n] == '#')
        n++;
    if (n == 0 || n > 6 || (p + n < end && !is_sp(s[p + n])))
        return 0;
    return n;
}

static size_t fence_len(const char *s, size_t p, size_t end)
{
    size_t q = p;
    if (s[p] != '`' && s[p] != '~')
        return 0;
    while (q < end && s[q] == s[p])
        q++;
    /* A backtick fence's info string holds no backtick: "```x```" is code
     * inline in a paragraph. */
    if (q - p < 3 || (s[p] == '`' && memchr(s + q, '`', end - q)))
        return 0;
    return q - p;
}

static const char *const verbatim_tags[] = {"pre", "script", "style", "textarea"};

static int verbatim_name(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof verbatim_tags / sizeof *verbatim_tags; i++)
        if (strlen(verbatim_tags[i]) == n && fl__markup_ci_equal(s, verbatim_tags[i], n))
            return 1;
    return 0;
}

/* CommonMark's HTML block start conditions 1 to 6 (those that may interrupt
 * a paragraph). */
static int html_type(const char *s, size_t p, size_t end)
{
    size_t q = p + 1, name;
    if (s[p] != '<' || end - p < 2)
        return 0;
    if (starts_with(s, p, end, "<!--"))
        return 2;
    if (s[q] == '?')
        return 3;
    if (starts_with(s, p, end, "<![CDATA["))
        return 5;
    if (s[q] == '!')
        return end - p > 2 && is_alpha((unsigned char)s[p + 2]) ? 4 : 0;
    int closing = s[q] == '/';
    name = q += (size_t)closing;
    while (q < end && (is_alnum((unsigned char)s[q]) || s[q] == '-'))
        q++;
    if (q == name || !is_alpha((unsigned char)s[name]))
        return 0;
    if (q < end && !is_sp(s[q]) && s[q] != '>' && !starts_with(s, q, end, "/>"))
        return 0;
    if (!closing && verbatim_name(s + name, q - name))
        return 1;
    return fl__markup_html_block_name(s + name, q - name) ? 6 : 0;
}

static int has_verbatim_end(const char *s, size_t p, size_t end)
{
    for (;;) {
        size_t lt = fl__markup_find(s, p, end, "</", 2);
        if (lt == NOT_FOUND)
            return 0;
        size_t name = lt + 2, q = name;
        while (q < end && is_alpha((unsigned char)s[q]))
            q++;
        if (q < end && s[q] == '>' && verbatim_name(s + name, q - name))
            return 1;
        p = name;
    }
}

static int html_ends(const md *m, size_t p, size_t end)
{
    static const char *const closers[] = {"-->", "?>", ">", "]]>"};
    if (m->html_type == 1)
        return has_verbatim_end(m->s, p, end);
    if (m->html_type < 2 || m->html_type > 5)
        return 0;
    const char *w = closers[m->html_type - 2];
    return fl__markup_find(m->s, p, end, w, strlen(w)) != NOT_FOUND;
}

/* ---- containers ---------------------------------------------------------- */

static size_t quote_content(const char *s, size_t gt, size_t end)
{
    return gt + 1 < end && is_sp(s[gt + 1]) ? gt + 2 : gt + 1;
}

static size_t match_containers(md *m, line *ln)
{
    size_t i, first, cols;
    for (i = 0; i < m->depth; i++) {
        const container *c = &m->stack[i];
        cols = indent(m->s, ln->pos, ln->end, &first);
        if (c->kind == CONT_QUOTE) {
            if (cols > 3 || first == ln->end || m->s[first] != '>')
                break;
            ln->pos = quote_content(m->s, first, ln->end);
        } else if (cols >= c->indent) {
            ln->pos = consume_cols(m->s, ln->pos, ln->end, c->indent);
        } else if (is_blank(m->s, first, ln->end)) {
            /* A blank line stays inside the item. Tested second: `first` is
             * then a non-space, so this costs O(1) per open item. */
            ln->pos = ln->end;
        } else {
            break;
        }
    }
    return i;
}

/* `[^label]: text`: returns where the text starts, or 0. */
static size_t footnote_definition(const char *s, size_t p, size_t end)
{
    size_t q = p + 2;
    if (end - p < 5 || s[p] != '[' || s[p + 1] != '^')
        return 0;
    while (q < end && s[q] != ']' && s[q] != '[' && !is_sp(s[q]))
        q++;
    if (q == p + 2 || q + 1 >= end || s[q] != ']' || s[q + 1] != ':')
        return 0;
    return q + 2;
}

static void open_containers(md *m, line *ln)
{
    const char *s = m->s;
    for (;;) {
        size_t p, content, width, cols = indent(s, ln->pos, ln->end, &p);
        if (cols > 3 || p == ln->end)
            return;
        if (s[p] == '>') {
            push(m, CONT_QUOTE, 0);
            ln->pos = quote_content(s, p, ln->end);
            continue;
        }
        if ((m->leaf == LEAF_PARA && setext_char(s, p, ln->end)) ||
            thematic_break(m, p, ln->end))
            return;
        if (m->leaf != LEAF_PARA && (content = footnote_definition(s, p, ln->end))) {
            /* its later paragraphs are indented four columns, like an item's */
            push(m, CONT_NOTE, cols + 4);
            ln->pos = skip_sp(s, content, ln->end);
            continue;
        }
        width = list_marker(m, p, ln->end, &content);
        if (!width)
            return;
        push(m, CONT_ITEM, cols + width);
        ln->pos = skip_task_marker(s, content, ln->end);
    }
}

/* Whether a line that left some containers unmatched still continues the
 * open paragraph (a lazy continuation line): it must start no block. */
static int lazy_line(md *m, const line *ln)
{
    const char *s = m->s;
    size_t p, content;
    if (indent(s, ln->pos, ln->end, &p) >= 4)
        return 1;
    return s[p] != '>' && !thematic_break(m, p, ln->end) &&
           !list_marker(m, p, ln->end, &content) && !atx_level(s, p, ln->end) &&
           !fence_len(s, p, ln->end) && !html_type(s, p, ln->end);
}

/* ---- leaf blocks ------------------------------------------------------------ */

static void para_line(md *m, size_t p, size_t end)
{
    if (m->leaf != LEAF_PARA) {
        close_leaf(m);
        m->leaf = LEAF_PARA;
        m->leaf_start = p;
    }
    m->last_line = p;
    m->leaf_end = end;
}

static void atx_heading(md *m, size_t a, size_t end)
{
    const char *s = m->s;
    size_t b = end, q;
    while (b > a && is_sp(s[b - 1]))
        b--;
    for (q = b; q > a && s[q - 1] == '#'; q--)
        ;
    if (q == a || is_sp(s[q - 1])) /* the optional closing sequence */
        b = q;
    fl__markup_block(&m->out, FL_SCOPE_HEADING);
    fl__markup_md_inline(&m->out, m->s, a, b);
}

static int setext_heading(md *m, size_t p, size_t end)
{
    if (!setext_char(m->s, p, end))
        return 0;
    fl__markup_block(&m->out, FL_SCOPE_HEADING);
    fl__markup_md_inline(&m->out, m->s, m->leaf_start, m->leaf_end);
    m->leaf = LEAF_NONE;
    return 1;
}

/* Cells of a GFM delimiter row ("| --- | :-: |"), or 0 if it is not one. */
static size_t delimiter_cells(const char *s, size_t p, size_t end)
{
    size_t cells = 0, dashes;
    int pipe = 0;
    while (end > p && is_sp(s[end - 1]))
        end--;
    if (p < end && s[p] == '|') {
        pipe = 1;
        p++;
    }
    while (p < end) {
        p = skip_sp(s, p, end);
        p += p < end && s[p] == ':';
        for (dashes = 0; p < end && s[p] == '-'; p++)
            dashes++;
        p += p < end && s[p] == ':';
        p = skip_sp(s, p, end);
        if (!dashes || (p < end && s[p] != '|'))
            return 0;
        cells++;
        if (p < end) {
            pipe = 1;
            p++;
        }
    }
    return pipe ? cells : 0;
}

/* Counts the cells of a table row and, if `emit`, emits each as a block. */
static size_t row_cells(md *m, size_t p, size_t end, int emit)
{
    const char *s = m->s;
    size_t n = 0, cell;
    p = skip_sp(s, p, end);
    while (end > p && is_sp(s[end - 1]))
        end--;
    if (p < end && s[p] == '|')
        p++;
    if (end > p && s[end - 1] == '|' && (end - 1 == p || s[end - 2] != '\\'))
        end--;
    cell = p;
    for (size_t i = p; i <= end; i++) {
        if (i < end && (s[i] != '|' || (i > p && s[i - 1] == '\\')))
            continue;
        if (emit) {
            fl__markup_block(&m->out, FL_SCOPE_TABLE);
            fl__markup_md_inline(&m->out, m->s, cell, i);
        }
        n++;
        cell = i + 1;
    }
    return n;
}

/* A delimiter row under a paragraph whose last line has as many cells: that
 * line is the header, the lines before it stay a paragraph. */
static int table_start(md *m, size_t p, size_t end)
{
    size_t cells = delimiter_cells(m->s, p, end);
    size_t head = m->last_line, head_end = m->leaf_end;
    if (!cells || !memchr(m->s + head, '|', head_end - head) ||
        row_cells(m, head, head_end, 0) != cells)
        return 0;
    if (head > m->leaf_start) {
        fl__markup_block(&m->out, container_scope(m));
        fl__markup_md_inline(&m->out, m->s, m->leaf_start, head);
    }
    row_cells(m, head, head_end, 1);
    m->leaf = LEAF_TABLE;
    return 1;
}



static int block_start(md *m, size_t p, size_t end)
{
    size_t n = atx_level(m->s, p, end);
    int type;
    if (n) {
        close_leaf(m);
        atx_heading(m, p + n, end);
    } else if ((n = fence_len(m->s, p, end))) {
        close_leaf(m);
        m->leaf = LEAF_FENCE;
        m->fence = m->s[p];
        m->fence_len = n;
    } else if (thematic_break(m, p, end)) {
        close_leaf(m);
    } else if ((type = html_type(m->s, p, end))) {
        close_leaf(m);
        m->leaf = LEAF_HTML;
        m->html_type = type;
        m->leaf_start = p;
        m->leaf_end = end;
        if (html_ends(m, p, end))
            close_leaf(m);
    } else {
        return 0;
    }
    return 1;
}

static void leaf_line(md *m, const line *ln)
{
    const char *s = m->s;
    size_t p, cols = indent(s, ln->pos, ln->end, &p);
    if (is_blank(s, p, ln->end)) {
        close_leaf(m);
    } else if (cols >= 4) { /* indented code, unless it continues a paragraph */
        if (m->leaf == LEAF_PARA)
            para_line(m, p, ln->end);
        else
            close_leaf(m);
    } else if (m->leaf == LEAF_PARA &&
               (table_start(m, p, ln->end) || setext_heading(m, p, ln->end))) {
        return;
    } else if (block_start(m, p, ln->end)) {
        return;
    } else if (m->leaf == LEAF_TABLE) {
        row_cells(m, p, ln->end, 1);
    } else if (m->leaf == LEAF_PARA || !one_line_definition(m, p, ln->end)) {
        para_line(m, p, ln->end);
    }
}

/* Fenced code and HTML blocks take whole lines while their containers match. */
static int verbatim_line(md *m, const line *ln)
{
    const char *s = m->s;
    size_t p, q;
    if (m->leaf == LEAF_FENCE) {
        if (indent(s, ln->pos, ln->end, &p) <= 3) {
            for (q = p; q < ln->end && s[q] == m->fence; q++)
                ;
            if (q - p >= m->fence_len && is_blank(s, q, ln->end))
                m->leaf = LEAF_NONE;
        }
        return 1;
    }
    if (m->leaf != LEAF_HTML)
        return 0;
    if (m->html_type == 6 && is_blank(s, ln->pos, ln->end)) {
        close_leaf(m);
        return 1;
    }
    m->leaf_end = ln->end;
    if (html_ends(m, ln->pos, ln->end))
        close_leaf(m);
    return 1;
}

static void process_line(md *m, size_t start, size_t end)
{
    line ln = {start, end};
    m->break_fail = 0;
    size_t matched = match_containers(m, &ln);
    if (matched == m->depth && verbatim_line(m, &ln))
        return;
    if (matched < m->depth) {
        if (m->leaf == LEAF_PARA && !is_blank(m->s, ln.pos, ln.end) && lazy_line(m, &ln)) {
            para_line(m, ln.pos, ln.end);
            return;
        }
        close_leaf(m);
        m->depth = matched;
    }
    open_containers(m, &ln);
    leaf_line(m, &ln);
}

/* ---- front matter and entry points -------------------------------------------- */

static size_t line_stop(const char *s, size_t p, size_t end)
{
    const char *nl = memchr(s + p, '\n', end - p);
    return nl ? (size_t)(nl - s) : end;
}

static int fence_line(const char *s, size_t p, size_t e, const char *w)
{
    while (e > p && (is_sp(s[e - 1]) || s[e - 1] == '\r'))
        e--;
    return e - p == 3 && memcmp(s + p, w, 3) == 0;
}

/* "---" (YAML) or "+++" (TOML) alone on the first line, up to the same line
 * again ("..." also ends YAML). Returns where the body starts, 0 if there is
 * no front matter, and sets [*inner, *inner_end) to what lies between. */
static size_t front_matter(const char *s, size_t len, size_t *inner, size_t *inner_end)
{
    size_t p = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* BOM */
    size_t e, q;
    if (len - p < 3)
        return 0;
    e = line_stop(s, p, len);
    const char *close = fence_line(s, p, e, "---") ? "---"
                        : fence_line(s, p, e, "+++") ? "+++"
                                                     : NULL;
    if (!close)
        return 0;
    for (q = e + 1; q < len; q = e + 1) {
        e = line_stop(s, q, len);
        if (fence_line(s, q, e, close) || (close[0] == '-' && fence_line(s, q, e, "..."))) {
            *inner = line_stop(s, p, len) + 1;
            *inner_end = q;
            return e < len ? e + 1 : len;
        }
    }
    return 0;
}

/* After `lang:`, `language:` or `lang =` at the start of a line and an
 * opening quote: where the value starts, or 0. */
static size_t lang_value(const char *s, size_t p, size_t e)
{
    size_t q;
    if (starts_with(s, p, e, "language"))
        q = p + 8;
    else if (starts_with(s, p, e, "lang"))
        q = p + 4;
    else
        return 0;
    q = skip_sp(s, q, e);
    if (q == e || (s[q] != ':' && s[q] != '='))
        return 0;
    q = skip_sp(s, q + 1, e);
    return q < e && (s[q] == '"' || s[q] == '\'') ? q + 1 : q;
}

void fl__markup_md_lang(const char *data, size_t len, size_t *off, size_t *val_len)
{
    size_t inner = 0, inner_end = 0, e, v;
    *off = *val_len = 0;
    if (!front_matter(data, len, &inner, &inner_end))
        return;
    for (size_t q = inner; q < inner_end; q = e + 1) {
        e = line_stop(data, q, inner_end);
        if ((v = lang_value(data, q, e))) {
            *off = v;
            *val_len = e - v;
            return;
        }
    }
}

int fl__markup_md(const char *data, size_t len, const fl_markup_sink *sink,
                  const fl_allocator *a)
{
    md m;
    size_t inner, inner_end, pos = front_matter(data, len, &inner, &inner_end);
    (void)a; /* readers never allocate */
    memset(&m, 0, sizeof m);
    fl__markup_out_init(&m.out, data, sink, FL_SEG_ENTITIES, 1);
    m.s = data;
    m.len = len;
    while (pos < len && m.out.status == 0) {
        size_t end = line_stop(data, pos, len), next = end + 1;
        if (end > pos && data[end - 1] == '\r')
            end--;
        process_line(&m, pos, end);
        pos = next;
    }
    close_leaf(&m);
    return fl__markup_finish(&m.out);
}
