/*
 * report_sarif: SARIF 2.1.0, one run, for code-scanning services. Streamed
 * like `json`: results are written as each file comes, and `tool.driver.rules`
 * — one descriptor per rule that has a result — after them at finish. The
 * only state kept across files is that table of rules seen.
 */
#include <string.h>

#include "report.h"
#include "ruleset.h"

#define SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define RESULT_INDENT "\n        "
#define RULE_INDENT "\n            "

/* A rule seen: where its id sits in `ids`, and its index in driver.rules. */
typedef struct slot {
    size_t id_off;
    size_t index_plus1; /* 0: an empty slot */
} slot;

struct fl_sarif_rules {
    fl_buf ids;  /* the ids seen, each NUL-terminated, back to back */
    slot *slots; /* open addressing; at most half full */
    size_t nslots;
    size_t count;
    fl_buf descriptors; /* the rendered reportingDescriptor objects */
    size_t results;     /* results written so far */
    fl_buf uri;         /* the current file's URI */
    fl_buf text;        /* scratch for composed strings */
};

/* --- the table of rules seen ------------------------------------------- */

static size_t hash(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot holding `id`, or the empty slot where it belongs. */
static slot *find(const struct fl_sarif_rules *t, const char *id)
{
    size_t i = hash(id) & (t->nslots - 1);
    while (t->slots[i].index_plus1 && strcmp(t->ids.ptr + t->slots[i].id_off, id))
        i = (i + 1) & (t->nslots - 1);
    return &t->slots[i];
}

static int grow(struct fl_sarif_rules *t, const fl_allocator *a)
{
    if ((t->count + 1) * 2 <= t->nslots)
        return FL_OK;
    size_t n = t->nslots ? t->nslots * 2 : 64;
    slot *old = t->slots;
    size_t nold = t->nslots;
    t->slots = fl__calloc(a, n, sizeof *t->slots);
    if (!t->slots) {
        t->slots = old;
        return FL_ENOMEM;
    }
    t->nslots = n;
    for (size_t i = 0; i < nold; i++) {
        if (old[i].index_plus1)
            *find(t, t->ids.ptr + old[i].id_off) = old[i];
    }
    fl__free(a, old);
    return FL_OK;
}

/* --- strings ------------------------------------------------------------- */

static const char *level(fl_severity s)
{
    return s == FL_SEVERITY_ERROR ? "error" : s == FL_SEVERITY_WARNING ? "warning" : "note";
}

/* `, "name": {"text": …}`, left out when the text is empty. */
static int put_text_member(fl_buf *out, const char *name, const char *s, size_t len)
{
    if (!len)
        return FL_OK;
    int error = fl__buf_printf(out, ", \"%s\": {\"text\": ", name);
    if (error == 0)
        error = fl__json_string(out, s, len);
    return error < 0 ? error : fl__buf_putc(out, '}');
}

/* The explanation, then the guidance point and the sources it rests on. */
static int compose_help(fl_buf *text, const fl_rule *rule)
{
    fl__buf_clear(text);
    int error = fl__buf_put(text, rule->explain, strlen(rule->explain));
    if (error == 0 && rule->guidance[0])
        error = fl__buf_printf(text, "%sGuidance: %s", text->len ? "\n\n" : "", rule->guidance);
    if (error == 0 && rule->source[0])
        error = fl__buf_printf(text, "%sSources: %s", text->len ? "\n" : "", rule->source);
    return error;
}

static int put_descriptor(struct fl_sarif_rules *t, const fl_rule *rule)
{
    fl_buf *out = &t->descriptors;
    int error = fl__buf_puts(out, t->count ? "," RULE_INDENT "{\"id\": " : RULE_INDENT "{\"id\": ");
    if (error == 0)
        error = fl__json_string(out, rule->id, strlen(rule->id));
    if (error == 0)
        error = put_text_member(out, "shortDescription", rule->summary, strlen(rule->summary));
    if (error == 0)
        error = put_text_member(out, "fullDescription", rule->explain, strlen(rule->explain));
    if (error == 0)
        error = compose_help(&t->text, rule);
    if (error == 0)
        error = put_text_member(out, "help", t->text.ptr, t->text.len);
    if (error == 0)
        error = fl__buf_printf(out,
                               ", \"defaultConfiguration\": {\"level\": \"%s\"}, "
                               "\"properties\": {\"category\": ",
                               level(rule->severity));
    if (error == 0)
        error = fl__json_string(out, rule->category, strlen(rule->category));
    if (error == 0)
        error = fl__buf_puts(out, ", \"language\": ");
    if (error == 0)
        error = fl__json_string(out, rule->language, strlen(rule->language));
    return error < 0 ? error : fl__buf_puts(out, "}}");
}

static void cut_to(fl_buf *b, size_t len)
{
    b->len = len;
    if (b->ptr)
        b->ptr[len] = '\0';
}

/* Index of `rule` in driver.rules, adding it on first sight. Rules are keyed
 * by id, not by pointer: a run may lint with several rulesets (one per
 * config), and the first descriptor seen for an id stands for all. */
static int rule_index(struct fl_sarif_rules *t, const fl_allocator *a, const fl_rule *rule,
                      size_t *out)
{
    int error = grow(t, a);
    slot *s = error == 0 ? find(t, rule->id) : NULL;
    if (s && s->index_plus1) {
        *out = s->index_plus1 - 1;
        return FL_OK;
    }
    size_t ids_len = t->ids.len, desc_len = t->descriptors.len;
    if (error == 0)
        error = fl__buf_put(&t->ids, rule->id, strlen(rule->id) + 1);
    if (error == 0)
        error = put_descriptor(t, rule);
    if (error < 0) {
        /* Leave the table as it was, so a retry starts clean. */
        cut_to(&t->ids, ids_len);
        cut_to(&t->descriptors, desc_len);
        return error;
    }
    *s = (slot){ids_len, ++t->count};
    *out = t->count - 1;
    return FL_OK;
}

/* --- results ------------------------------------------------------------- */

/* RFC 3986 unreserved characters and '/' stay; every other byte is
 * percent-encoded, so spaces, ':' (which would read as a scheme), '%', '#',
 * '?' and non-ASCII bytes cannot change the URI's meaning. */
static int keep_in_uri(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

/* A relative path stays a relative reference; an absolute one becomes a
 * file: URI. The result is pure ASCII with nothing JSON must escape. */
static int make_uri(fl_buf *uri, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    fl__buf_clear(uri);
    int error = path[0] == '/' ? fl__buf_puts(uri, "file://") : 0;
    for (const unsigned char *p = (const unsigned char *)path; *p && error == 0; p++) {
        if (keep_in_uri(*p))
            error = fl__buf_putc(uri, (char)*p);
        else
            error = fl__buf_printf(uri, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
    return error;
}

/* One fix: the first rewrite over the finding's bytes, as fl_fix applies
 * it. */
static int put_fix(fl_buf *out, fl_buf *text, const fl_buf *uri, const fl_finding *x)
{
    const char *rewrite = x->suggestions[0];
    fl__buf_clear(text);
    int error = fl__buf_printf(text, "Rewrite as: %s", rewrite);
    if (error == 0)
        error = fl__buf_puts(out, ", \"fixes\": [{\"description\": {\"text\": ");
    if (error == 0)
        error = fl__json_string(out, text->ptr, text->len);
    if (error == 0)
        error = fl__buf_printf(out,
                               "}, \"artifactChanges\": [{\"artifactLocation\": "
                               "{\"uri\": \"%s\"}, \"replacements\": [{\"deletedRegion\": "
                               "{\"byteOffset\": %zu, \"byteLength\": %zu}, "
                               "\"insertedContent\": {\"text\": ",
                               fl__buf_cstr(uri), x->off, x->len);
    if (error == 0)
        error = fl__json_string(out, rewrite, strlen(rewrite));
    return error < 0 ? error : fl__buf_puts(out, "}}]}]}]");
}

/* `bytes`: the offsets are the file's own. In a .docx or .odt they point
 * into the text read from the zip, which a SARIF consumer cannot use. */
static int put_location(fl_buf *out, const fl_buf *uri, const fl_span_pos *s,
                        const fl_finding *x, int bytes)
{
    int error = fl__buf_printf(out,
                          ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": "
                          "{\"uri\": \"%s\"}, \"region\": {\"startLine\": %u, "
                          "\"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u",
                          fl__buf_cstr(uri), s->start.line, s->start.column, s->end.line,
                          s->end.column);
    if (error == 0 && bytes)
        error = fl__buf_printf(out, ", \"byteOffset\": %zu, \"byteLength\": %zu",
                               x->off, x->len);
    return error < 0 ? error : fl__buf_puts(out, "}}}]");
}

static int put_result(fl_reporter *r, const fl_document *doc, const fl_finding *x)
{
    struct fl_sarif_rules *t = r->sarif;
    fl_span_pos s;
    size_t index = 0;
    int error = fl__report_span(doc, x, &s);
    if (error == 0)
        error = rule_index(t, r->alloc, x->rule, &index);
    if (error == 0)
        error = fl__buf_puts(&r->out, t->results ? "," RESULT_INDENT "{\"ruleId\": "
                                                 : RESULT_INDENT "{\"ruleId\": ");
    if (error == 0)
        error = fl__json_string(&r->out, x->rule->id, strlen(x->rule->id));
    if (error == 0)
        error = fl__buf_printf(&r->out,
                               ", \"ruleIndex\": %zu, \"level\": \"%s\", "
                               "\"message\": {\"text\": ",
                               index, level(x->severity));
    fl__buf_clear(&t->text);
    if (error == 0)
        error = fl__report_message(&t->text, x);
    if (error == 0)
        error = fl__json_string(&r->out, t->text.ptr, t->text.len);
    if (error == 0)
        error = fl__buf_putc(&r->out, '}');
    if (error == 0)
        error = put_location(&r->out, &t->uri, &s, x, !doc->pkg);
    /* A byte patch would break a zip, or land in the stream, not the record. */
    if (error == 0 && fl_finding_can_fix(x) && !doc->pkg && !r->record)
        error = put_fix(&r->out, &t->text, &t->uri, x);
    if (error == 0 && r->record)
        error = fl__buf_puts(&r->out, ", \"properties\": {\"record\": ");
    if (error == 0 && r->record)
        error = fl__json_string(&r->out, r->record, strlen(r->record));
    if (error == 0 && r->record)
        error = fl__buf_putc(&r->out, '}');
    if (error == 0)
        error = fl__buf_putc(&r->out, '}');
    t->results += error == 0;
    return error;
}

/* --- the document ---------------------------------------------------------- */

#define HEADER                                                                                     \
    "{\n"                                                                                          \
    "  \"$schema\": \"" SCHEMA "\",\n"                                                             \
    "  \"version\": \"2.1.0\",\n"                                                                  \
    "  \"runs\": [\n"                                                                              \
    "    {\n"                                                                                      \
    "      \"columnKind\": \"unicodeCodePoints\",\n"                                               \
    "      \"results\": ["

static int start(fl_reporter *r)
{
    r->sarif = fl__calloc(r->alloc, 1, sizeof *r->sarif);
    if (!r->sarif)
        return FL_ENOMEM;
    struct fl_sarif_rules *t = r->sarif;
    t->ids = (fl_buf)FL_BUF_INIT(r->alloc);
    t->descriptors = (fl_buf)FL_BUF_INIT(r->alloc);
    t->uri = (fl_buf)FL_BUF_INIT(r->alloc);
    t->text = (fl_buf)FL_BUF_INIT(r->alloc);
    return fl__buf_puts(&r->out, HEADER);
}

int fl__report_sarif(fl_reporter *r, const fl_document *doc, const fl_findings *f, const char *path)
{
    int error = r->sarif ? 0 : start(r);
    if (error == 0 && fl_findings_count(f))
        error = make_uri(&r->sarif->uri, path);
    for (size_t i = 0; i < fl_findings_count(f) && error == 0; i++)
        error = put_result(r, doc, fl_findings_at(f, i));
    return error;
}

int fl__report_sarif_finish(fl_reporter *r)
{
    int error = r->sarif ? 0 : start(r);
    struct fl_sarif_rules *t = r->sarif;
    if (error == 0)
        error = fl__buf_printf(&r->out,
                               "%s],\n"
                               "      \"tool\": {\n"
                               "        \"driver\": {\n"
                               "          \"name\": \"framelint\",\n"
                               "          \"version\": \"%s\",\n"
                               "          \"rules\": [",
                               t->results ? "\n      " : "", FL_VERSION_STRING);
    if (error == 0)
        error = fl__buf_put(&r->out, t->descriptors.ptr, t->descriptors.len);
    if (error == 0)
        error = fl__buf_printf(&r->out,
                               "%s]\n"
                               "        }\n"
                               "      }\n"
                               "    }\n"
                               "  ]\n"
                               "}\n",
                               t->count ? "\n          " : "");
    return error;
}

void fl__report_sarif_free(fl_reporter *r)
{
    struct fl_sarif_rules *t = r->sarif;
    if (!t)
        return;
    fl__buf_free(&t->ids);
    fl__buf_free(&t->descriptors);
    fl__buf_free(&t->uri);
    fl__buf_free(&t->text);
    fl__free(r->alloc, t->slots);
    fl__free(r->alloc, t);
    r->sarif = NULL;
}
