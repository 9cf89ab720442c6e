/*
 * markup_plain: plain text. Blank lines separate paragraphs, bullet lines
 * start list items, and directive lines are reported, never emitted. One
 * segment per line; never allocates.
 */
#include "markup.h"

#include <string.h>

static int is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int starts_with(const char *s, size_t off, size_t end, const char *w)
{
    size_t n = strlen(w);
    return end - off >= n && memcmp(s + off, w, n) == 0;
}

/* A directive alone on its line, bare or as `<!-- … -->`, `# …` or `// …`.
 * Reports it and returns 1; returns 0 for any other line. */
static int directive_line(fl_markup_out *out, size_t start, size_t end,
                          size_t p, size_t e)
{
    const char *s = out->data;
    if (starts_with(s, p, e, "<!--")) {
        p += 4;
        if (e - p >= 3 && memcmp(s + e - 3, "-->", 3) == 0)
            e -= 3;
    } else if (starts_with(s, p, e, "#")) {
        p += 1;
    } else if (starts_with(s, p, e, "//")) {
        p += 2;
    }
    return fl__markup_comment(out, start, end, p, e);
}

/* Where the text of a bullet line (`- `, `* `, `• `, `1. `, `1) `) starts,
 * or 0 if the line is not one. */
static size_t bullet(const char *s, size_t p, size_t e)
{
    size_t q = p;
    if (s[q] == '-' || s[q] == '*')
        q++;
    else if (starts_with(s, q, e, "\xe2\x80\xa2")) /* U+2022 BULLET */
        q += 3;
    else {
        while (q < e && q - p < 9 && s[q] >= '0' && s[q] <= '9')
            q++;
        if (q == p || q == e || (s[q] != '.' && s[q] != ')'))
            return 0;
        q++;
    }
    if (q == e || (s[q] != ' ' && s[q] != '\t'))
        return 0;
    return q + 1;
}

static void plain_line(fl_markup_out *out, size_t start, size_t end, int *in_para)
{
    const char *s = out->data;
    size_t p = start, e = end;
    while (p < e && is_blank_char(s[p]))
        p++;
    while (e > p && is_blank_char(s[e - 1]))
        e--;
    if (p == e) {
        *in_para = 0;
        return;
    }
    if (directive_line(out, start, end, p, e))
        return;
    size_t text = bullet(s, p, e);
    if (text) {
        fl__markup_block(out, FL_SCOPE_LIST);
        p = text;
    } else if (!*in_para) {
        fl__markup_block(out, FL_SCOPE_PROSE);
    }
    *in_para = 1;
    fl__markup_text(out, p, e);
}

int fl__markup_plain(const char *data, size_t len, const fl_markup_sink *sink,
                     const fl_allocator *a)
{
    fl_markup_out out;
    size_t pos = 0;
    int in_para = 0;
    (void)a; /* readers never allocate */
    fl__markup_out_init(&out, data, sink, 0, 0);
    while (pos < len && out.status == 0) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len, next = end + 1;
        if (end > pos && data[end - 1] == '\r')
            end--;
        plain_line(&out, pos, end, &in_para);
        pos = next;
    }
    return fl__markup_finish(&out);
}
