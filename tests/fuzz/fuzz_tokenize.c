/*
 * fuzz_tokenize: cuts the input into segments of one or more blocks and
 * tokenizes them with a small vocabulary, then checks that every token lies
 * inside its segment, in order, non-empty, with a known class and flags.
 *
 * Input: byte 0 picks the options (below), the next `cuts` bytes place the
 * segment boundaries, and the rest is the document.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tokenize.h"

enum {
    OPT_ENTITIES = 1u << 0, /* segments carry FL_SEG_ENTITIES */
    OPT_BLOCKS = 1u << 1,   /* every segment starts a new block */
    OPT_INTERN = 1u << 2,   /* intern words, as rule compilation does */
    OPT_GAPS = 1u << 6      /* skip one byte between segments, like markup */
};
#define CUTS(opt) (((opt) >> 3) & 7u)
#define MAX_SEGMENTS 8
/* the nine flags, and the quotation depth above them */
#define ALL_FLAGS (((1u << 9) - 1) | 0xFu << FL_TOKF_DEPTH_SHIFT)

static const char *const words[] = {
    "flood", "migrant", "l'", "afflux", "don't", "stop", "the", "invasion",
    "send", "them", "back", "refugie", "asylum", "seeker", "u.s.", "illegal",
    "#stoptheboats", "per", "cent", NULL};

static void check(int ok)
{
    if (!ok)
        abort();
}

static fl_vocab *make_vocab(void)
{
    const fl_allocator *a = fl__default_allocator();
    fl_vocab *v = NULL;
    uint32_t id;
    check(fl__vocab_new(&v, a) == FL_OK);
    for (const char *const *w = words; *w; w++)
        check(fl__vocab_intern(v, *w, strlen(*w), &id) == FL_OK);
    check(fl__vocab_intern(v, "asyl*", 5, &id) == FL_OK);
    check(fl__vocab_add_affix(v, "asyl", 4, 0, id) == FL_OK);
    check(fl__vocab_intern(v, "*flut", 5, &id) == FL_OK);
    check(fl__vocab_add_affix(v, "flut", 4, 1, id) == FL_OK);
    return v;
}

/* Tokens [from, t->toks.len) came from `seg`; the block's tokens before them
 * must end before each one starts. */
static void check_tokens(const fl_tokenizer *t, size_t from,
                         const fl_segment *seg, uint32_t nwords)
{
    for (size_t i = from; i < t->toks.len; i++) {
        const fl_token *tok = &t->toks.ptr[i];
        check(tok->len > 0);
        check(tok->off >= seg->off && tok->off + (size_t)tok->len <= seg->off + seg->len);
        check(tok->cls >= FL_TOK_WORD && tok->cls <= FL_TOK_DATE);
        check((tok->flags & ~ALL_FLAGS) == 0);
        /* quoted means inside at least one quotation */
        check(!(tok->flags & FL_TOKF_QUOTED) || tok->flags >> FL_TOKF_DEPTH_SHIFT);
        check(tok->word <= nwords && tok->affix <= nwords);
        check(tok->cls == FL_TOK_WORD || tok->word == 0);
        if (i > 0) {
            const fl_token *prev = &t->toks.ptr[i - 1];
            check(prev->off + prev->len <= tok->off);
        }
    }
    if (t->toks.len > 0)
        check(t->toks.ptr[0].flags & FL_TOKF_SENT_START);
}

/* Segment boundaries: sorted offsets into the text, 0 and len included. */
static size_t cut(const uint8_t *data, size_t ncuts, size_t len, size_t *at)
{
    size_t n = 0;
    at[n++] = 0;
    for (size_t i = 0; i < ncuts; i++) {
        size_t pos = len ? (size_t)data[i] * len / 256 : 0;
        size_t j = n;
        for (; j > 0 && at[j - 1] > pos; j--)
            at[j] = at[j - 1];
        at[j] = pos;
        n++;
    }
    at[n++] = len;
    return n;
}

static uint32_t vocab_count(const fl_tokenizer *t)
{
    return fl__vocab_count(t->intern ? t->intern : t->vocab);
}

static void run(fl_tokenizer *t, unsigned opt, const size_t *at, size_t nat)
{
    fl__tok_begin_block(t);
    for (size_t i = 0; i + 1 < nat; i++) {
        fl_segment seg = {at[i], at[i + 1] - at[i], FL_SCOPE_PROSE, 0};
        if ((opt & OPT_GAPS) && i > 0 && seg.len > 0) {
            seg.off++;
            seg.len--;
        }
        if (seg.len == 0)
            continue;
        if ((opt & OPT_BLOCKS) && t->toks.len > 0)
            fl__tok_begin_block(t);
        if (t->toks.len == 0)
            seg.flags |= FL_SEG_BLOCK_START;
        if (opt & OPT_ENTITIES)
            seg.flags |= FL_SEG_ENTITIES;
        size_t before = t->toks.len;
        check(fl__tok_segment(t, &seg) == FL_OK);
        check_tokens(t, before, &seg, vocab_count(t));
    }
    /* Ending the block only ever takes FL_TOKF_QUOTED away. */
    size_t n = t->toks.len < 4096 ? t->toks.len : 4096;
    uint16_t before[4096];
    for (size_t i = 0; i < n; i++)
        before[i] = t->toks.ptr[i].flags;
    fl__tok_end_block(t);
    for (size_t i = 0; i < n; i++)
        check((t->toks.ptr[i].flags | FL_TOKF_QUOTED) == (before[i] | FL_TOKF_QUOTED) &&
              (t->toks.ptr[i].flags & ~before[i]) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned opt = data[0];
    size_t ncuts = CUTS(opt);
    if (size < 1 + ncuts)
        return 0;
    const char *text = (const char *)data + 1 + ncuts;
    size_t len = size - 1 - ncuts;
    size_t at[MAX_SEGMENTS + 2];
    size_t nat = cut(data + 1, ncuts, len, at);

    fl_vocab *v = make_vocab();
    fl_tokenizer t;
    fl__tok_init(&t, fl__default_allocator(), (opt & OPT_INTERN) ? NULL : v, text, len);
    if (opt & OPT_INTERN)
        t.intern = v;
    run(&t, opt, at, nat);
    fl__tok_free(&t);
    fl__vocab_free(v);
    return 0;
}
