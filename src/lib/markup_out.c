/*
 * markup_out: what the readers share — directive keywords, case-blind
 * search, and the output path (trimming, block starts, caption lines,
 * held-back captions). Never copies, decodes or allocates. It calls no
 * reader.
 */
#include "markup.h"

#include <string.h>

static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static void trim(const char *s, size_t *off, size_t *end)
{
    while (*off < *end && is_space((unsigned char)s[*off]))
        (*off)++;
    while (*end > *off && is_space((unsigned char)s[*end - 1]))
        (*end)--;
}

static int ends_with(const char *s, size_t len, const char *w, size_t n)
{
    return len >= n && memcmp(s + len - n, w, n) == 0;
}

/* Longest first: "framelint-disable" is a prefix of the next-line form. */
static const struct {
    const char *word;
    size_t len;
    fl_directive_kind kind;
} directive_words[] = {
    {"framelint-disable-next-line", 27, FL_DIRECTIVE_DISABLE_NEXT_LINE},
    {"framelint-disable", 17, FL_DIRECTIVE_DISABLE},
    {"framelint-enable", 16, FL_DIRECTIVE_ENABLE},
};

int fl__markup_directive_keyword(const char *s, size_t len, size_t *args_off,
                                 size_t *args_len)
{
    for (size_t i = 0; i < sizeof directive_words / sizeof *directive_words; i++) {
        size_t n = directive_words[i].len;
        if (len < n || memcmp(s, directive_words[i].word, n) != 0)
            continue;
        if (n < len && !is_space((unsigned char)s[n]) &&
            !(len - n >= 3 && memcmp(s + n, "-->", 3) == 0))
            continue;
        size_t off = n, end = len;
        trim(s, &off, &end);
        if (ends_with(s + off, end - off, "-->", 3)) {
            end -= 3;
            trim(s, &off, &end);
        }
        *args_off = off;
        *args_len = end - off;
        return (int)directive_words[i].kind;
    }
    return 0;
}

size_t fl__markup_find(const char *s, size_t from, size_t end, const char *w,
                       size_t n)
{
    while (from + n <= end) {
        const char *p = memchr(s + from, w[0], end - from - n + 1);
        if (!p)
            break;
        from = (size_t)(p - s);
        if (memcmp(s + from, w, n) == 0)
            return from;
        from++;
    }
    return (size_t)-1;
}

int fl__markup_ci_equal(const char *s, const char *lower, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] | 0x20) : s[i];
        if (c != lower[i])
            return 0;
    }
    return 1;
}

/* ---- output path ---------------------------------------------------------- */

void fl__markup_out_init(fl_markup_out *out, const char *data,
                         const fl_markup_sink *sink, unsigned flags,
                         int split_lines)
{
    memset(out, 0, sizeof *out);
    out->sink = sink;
    out->data = data;
    out->flags = flags;
    out->split_lines = split_lines;
    out->block_scope = FL_SCOPE_PROSE;
    out->seg_scope = FL_SCOPE_PROSE;
    out->glue_at = (size_t)-1;
}

static void send(fl_markup_out *out, size_t off, size_t end, unsigned scope,
                 int *started)
{
    fl_segment seg = {off, end - off, scope, out->flags};
    if (!*started)
        seg.flags |= FL_SEG_BLOCK_START;
    else if (off == out->glue_at)
        seg.flags |= FL_SEG_GLUED;
    *started = 1;
    out->last_end = end;
    if (out->status < 0 || !out->sink->segment)
        return;
    int rc = out->sink->segment(out->sink->payload, &seg);
    if (rc < 0)
        out->status = rc;
}

/* Where the piece of text that starts at `off` ends: the next line feed when
 * the reader splits lines, else `end`. */
static size_t piece_end(const fl_markup_out *out, size_t off, size_t end)
{
    if (!out->split_lines)
        return end;
    const char *nl = memchr(out->data + off, '\n', end - off);
    return nl ? (size_t)(nl - out->data) : end;
}

/* After a line feed inside a Markdown block, the next line repeats its
 * containers' prefix: block-quote markers and indentation, never words. */
static size_t next_piece(const fl_markup_out *out, size_t stop, size_t end)
{
    if (stop < end)
        stop++;
    while (stop < end && (out->data[stop] == ' ' || out->data[stop] == '\t' ||
                          out->data[stop] == '>'))
        stop++;
    return stop;
}

static const struct {
    const char *word;
    size_t len;
} caption_words[] = {
    /* English, then the French, Spanish and German words editors use;
     * caption_line first tests their first letters, a b c f i l p (0x8927) */
    {"caption", 7}, {"photo", 5}, {"image", 5}, {"picture", 7}, {"alt", 3},
    {"l\xc3\xa9gende", 8}, {"foto", 4}, {"imagen", 6}, {"pie de foto", 11},
    {"bild", 4}, {"bildunterschrift", 16},
};

static int is_emphasis(char c)
{
    return c == '*' || c == '_';
}

/* "Photo: …", "**Photo:**", "*Caption*:", "Légende :" (French spacing),
 * "Foto:", "Bildunterschrift:". */
static int caption_line(const char *s, size_t off, size_t end)
{
    while (off < end && is_emphasis(s[off]))
        off++;
    /* Asked of every block's first text: most start with a letter that no
     * caption word does, and one test answers for them: a bit per letter,
     * a b c f i l p (a memchr call cost 0.2M instructions on the slice). */
    unsigned letter = off < end ? ((unsigned char)s[off] | 0x20u) - 'a' : 26;
    if (letter >= 26 || !((0x8927u >> letter) & 1))
        return 0;
    for (size_t i = 0; i < sizeof caption_words / sizeof *caption_words; i++) {
        size_t n = caption_words[i].len, j = off + n;
        if (end - off < n || !fl__markup_ci_equal(s + off, caption_words[i].word, n))
            continue;
        while (j < end && (s[j] == ' ' || s[j] == '\t' || is_emphasis(s[j])))
            j++;
        if (j < end && s[j] == ':')
            return 1; /* else a longer word may still fit: "image" in "Imagen:" */
    }
    return 0;
}

static void text_piece(fl_markup_out *out, size_t off, size_t end)
{
    trim(out->data, &off, &end);
    if (off == end)
        return;
    if (!out->block_started) {
        unsigned scope = out->block_scope;
        int can_be_caption = scope == FL_SCOPE_PROSE || scope == FL_SCOPE_QUOTE ||
                             scope == FL_SCOPE_LIST;
        int figure = scope == FL_SCOPE_PROSE && (out->image_seen || out->image_before) &&
                     is_emphasis(out->data[off]);
        out->seg_scope = (can_be_caption && caption_line(out->data, off, end)) || figure
                             ? FL_SCOPE_CAPTION
                             : scope;
    }
    send(out, off, end, out->seg_scope, &out->block_started);
}

void fl__markup_text(fl_markup_out *out, size_t off, size_t end)
{
    while (off < end && out->status == 0) {
        size_t stop = piece_end(out, off, end);
        text_piece(out, off, stop);
        off = next_piece(out, stop, end);
    }
}

static void caption_block(fl_markup_out *out, size_t off, size_t end)
{
    int started = 0;
    while (off < end && out->status == 0) {
        size_t stop = piece_end(out, off, end), a = off, b = stop;
        trim(out->data, &a, &b);
        if (a < b)
            send(out, a, b, FL_SCOPE_CAPTION, &started);
        off = next_piece(out, stop, end);
    }
}

static void flush_captions(fl_markup_out *out)
{
    for (size_t i = 0; i < out->ncaptions; i++)
        caption_block(out, out->captions[i].off, out->captions[i].end);
    out->ncaptions = 0;
}

void fl__markup_inline_gap(fl_markup_out *out, size_t from, size_t to)
{
    if (out->block_started && (out->last_end == from || out->glue_at == from))
        out->glue_at = to;
}

void fl__markup_caption(fl_markup_out *out, size_t off, size_t end)
{
    if (out->block_started && out->ncaptions == FL_MARKUP_MAX_CAPTIONS) {
        /* Holding more would take memory that grows with the block: end the
         * block here, and let the rest of it start a new one. */
        flush_captions(out);
        out->block_started = 0;
    }
    if (!out->block_started) {
        caption_block(out, off, end);
        return;
    }
    out->captions[out->ncaptions].off = off;
    out->captions[out->ncaptions].end = end;
    out->ncaptions++;
}

void fl__markup_image(fl_markup_out *out, size_t off, size_t end)
{
    out->image_seen = 1;
    fl__markup_caption(out, off, end);
}

void fl__markup_block(fl_markup_out *out, unsigned scope)
{
    flush_captions(out);
    out->image_before = out->image_seen && !out->block_started;
    out->image_seen = 0;
    out->block_scope = scope;
    out->block_started = 0;
}

int fl__markup_comment(fl_markup_out *out, size_t off, size_t end, size_t body,
                       size_t body_end)
{
    size_t args = 0, nargs = 0;
    trim(out->data, &body, &body_end);
    int kind = fl__markup_directive_keyword(out->data + body, body_end - body,
                                            &args, &nargs);
    if (!kind)
        return 0;
    fl_directive dir = {(fl_directive_kind)kind, off, end, body + args, nargs};
    if (out->status == 0 && out->sink->directive) {
        int rc = out->sink->directive(out->sink->payload, &dir);
        if (rc < 0)
            out->status = rc;
    }
    return 1;
}

void fl__markup_unclosed_comment(fl_markup_out *out, size_t off, size_t end)
{
    fl_directive dir = {FL_DIRECTIVE_UNCLOSED_COMMENT, off, end, off, 0};
    if (out->status == 0 && out->sink->directive) {
        int rc = out->sink->directive(out->sink->payload, &dir);
        if (rc < 0)
            out->status = rc;
    }
}

int fl__markup_finish(fl_markup_out *out)
{
    flush_captions(out);
    return out->status;
}
