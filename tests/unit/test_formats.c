/*
 * formats: the CI reporters — sarif, checkstyle, github. Exact output for a
 * small run, then hostile paths, messages and rule ids read back through
 * independent parsers (reader_*.h), SARIF fixes replayed against
 * fl_fix, streaming, bounded memory and out-of-memory failures.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "framelint/framelint.h"

#include "alloc.h"
#include "findings.h"
#include "helpers.h"
#include "reader_github.h"
#include "reader_json.h"
#include "reader_xml.h"
#include "ruleset.h"

/* --- fixtures --------------------------------------------------------------- */

static const fl_rule RULE_FLOOD = {
    .id = "t.flood",
    .ruleset = "t",
    .category = "loaded-term",
    .language = "en",
    .guidance = "terminology",
    .message = "",
    .file = "",
    .source = "Test source",
    .summary = "Water words make people a mass.",
    /* As the loader leaves it: a folded scalar's final newline is trimmed. */
    .explain = "Water words make people a mass. Say how many people came.",
    .severity = FL_SEVERITY_WARNING};
static const fl_rule RULE_THEY = {.id = "t.they",
                                  .ruleset = "t",
                                  .category = "us-vs-them",
                                  .language = "en",
                                  .guidance = "",
                                  .message = "",
                                  .file = "",
                                  .source = "",
                                  .summary = "",
                                  .explain = "",
                                  .severity = FL_SEVERITY_ERROR};
static const fl_rule RULE_SWARM = {.id = "t.swarm",
                                   .ruleset = "t",
                                   .category = "loaded-term",
                                   .language = "en",
                                   .guidance = "terminology",
                                   .message = "",
                                   .file = "",
                                   .source = "",
                                   .summary = "Insect words dehumanise.",
                                   .explain = "Insect words dehumanise.",
                                   .severity = FL_SEVERITY_SUGGESTION};

static const char *SUGG_MANY[] = {"many"};
static const char *SUGG_TWO[] = {"gather", "arrive"};

/* "Café: " is 7 bytes and 6 code points, so byte offsets and columns differ. */
static const char SMALL_TEXT[] = "Café: a flood of people.\nThey swarm, it said.\n";
static const fl_finding SMALL[] = {
    {&RULE_FLOOD, FL_SEVERITY_WARNING, 7, 10, "“a flood of” turns people into water.", SUGG_MANY, 1,
     FL_KEPT_NOT, 0, 0},
    {&RULE_THEY, FL_SEVERITY_ERROR, 26, 4, "“They” sets a group apart.", NULL, 0, FL_KEPT_NOT,
     0, 0},
    {&RULE_SWARM, FL_SEVERITY_SUGGESTION, 31, 5, "“swarm” casts people as insects.", SUGG_TWO, 2,
     FL_KEPT_SPAN, 0, 0}};

/* Every character a format has to escape or replace: separators of each
 * format, both quotes, '%', markup, tab, CR, LF, C0 and C1 controls, a
 * terminal escape, U+FFFE, non-ASCII text and invalid UTF-8. */
static const char HOSTILE_PATH[] =
    "dir one/a:b,c \"dq\" 'sq' 100% & <x>\ttab\nnl \x01\x1b[31m é 日本 🎉 \xff.md";
static const char HOSTILE_MESSAGE[] =
    "Line one\r\nline two: a, b; 100% sure & <tag> \"dq\" 'sq'\ttab \x01\x1b[31m\x7f\xc2\x9b"
    " é 日本 🎉 \xff\xfe\xef\xbf\xbe end";
static const char *SUGG_HOSTILE[] = {"many & <more> \"q\" 50%, 'x': é"};
static const fl_rule RULE_HOSTILE = {.id = "t.odd:id,with\"q'&<>%",
                                     .ruleset = "t",
                                     .category = "a \"cat\" & <dog>",
                                     .language = "en",
                                     .guidance = "g:1,2",
                                     .message = "",
                                     .file = "",
                                     .source = "Src & <co>, \"q\"\n",
                                     .summary = "Odd\tsummary: 100%",
                                     .explain = "Odd\tsummary: 100%\nline \x01 two \xff",
                                     .severity = FL_SEVERITY_ERROR};
static const char HOSTILE_TEXT[] = "Zoë 🎉 said: flood\nnext\n";
static const fl_finding HOSTILE[] = {
    {&RULE_HOSTILE, FL_SEVERITY_ERROR, 16, 5, HOSTILE_MESSAGE, SUGG_HOSTILE, 1, FL_KEPT_NOT,
     0, 0}};

typedef struct input {
    const char *path;
    const char *text;
    const fl_finding *xs;
    size_t n;
} input;

typedef struct out_buf {
    char *ptr;
    size_t len;
} out_buf;

static int out_write(void *payload, const char *data, size_t len)
{
    out_buf *o = payload;
    o->ptr = realloc(o->ptr, o->len + len + 1);
    memcpy(o->ptr + o->len, data, len);
    o->len += len;
    o->ptr[o->len] = '\0';
    return 0;
}

static void add_input(fl_reporter *r, const input *in)
{
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    ck_assert_int_eq(fl_document_new(&doc, NULL, "ignored.txt", in->text, strlen(in->text),
                                     FL_FORMAT_PLAIN, NULL),
                     FL_OK);
    ck_assert_int_eq(fl__findings_new(&f, fl__allocator_or_default(NULL)), FL_OK);
    for (size_t i = 0; i < in->n; i++)
        ck_assert_int_eq(fl__findings_add(f, &in->xs[i]), FL_OK);
    ck_assert_int_eq(fl_reporter_add(r, doc, f, in->path, NULL), FL_OK);
    /* Freed before finish: the reporter must keep nothing of them. */
    fl_findings_free(f);
    fl_document_free(doc);
}

/* The whole report for `in`, malloc'd and NUL-terminated. */
static char *render(fl_report_format fmt, const input *in, size_t nin, size_t *len)
{
    out_buf o = {calloc(1, 1), 0};
    fl_reporter *r = NULL;
    ck_assert_int_eq(fl_reporter_new(&r, NULL, fmt, 0, (fl_sink){out_write, &o}, NULL), FL_OK);
    for (size_t i = 0; i < nin; i++)
        add_input(r, &in[i]);
    ck_assert_int_eq(fl_reporter_finish(r, NULL), FL_OK);
    fl_reporter_free(r);
    if (len)
        *len = o.len;
    return o.ptr;
}

static const input SMALL_RUN[] = {{"drafts/a b.md", SMALL_TEXT, SMALL, 3},
                                  {"drafts/clean.md", "Nothing to see.\n", NULL, 0}};

/* What the three formats show as the message: the rewrites appended. */
static char *composed(const fl_finding *x)
{
    size_t n = strlen(x->message) + 16;
    for (size_t i = 0; i < x->nsuggestions; i++)
        n += strlen(x->suggestions[i]) + 10;
    char *s = malloc(n);
    strcpy(s, x->message);
    for (size_t i = 0; i < x->nsuggestions; i++) {
        strcat(s, i ? " or \xe2\x80\x9c" : " Rewrite: \xe2\x80\x9c");
        strcat(s, x->suggestions[i]);
        strcat(s, "\xe2\x80\x9d");
    }
    return s;
}

/* Like ck_assert_str_eq, but names the first difference: these outputs are
 * longer than Check's message buffer. */
static void assert_same_text(const char *got, const char *want)
{
    size_t i = 0;
    while (got[i] && got[i] == want[i])
        i++;
    size_t from = i > 40 ? i - 40 : 0;
    ck_assert_msg(got[i] == want[i], "outputs differ at byte %zu:\n got: %.80s\nwant: %.80s", i,
                  got + from, want + from);
}

/* --- format names ------------------------------------------------------------ */

START_TEST(format_parse_appends_ci_formats_and_keeps_old_values)
{
    static const char *const names[] = {"text",  "gnu",        "json",   "jsonl",
                                        "sarif", "checkstyle", "github", "html"};
    static const fl_report_format values[] = {
        FL_REPORT_TEXT,  FL_REPORT_GNU,        FL_REPORT_JSON,   FL_REPORT_JSONL,
        FL_REPORT_SARIF, FL_REPORT_CHECKSTYLE, FL_REPORT_GITHUB, FL_REPORT_HTML};
    for (int i = 0; i < 8; i++) {
        fl_report_format f = 0;
        ck_assert_int_eq(fl_report_format_parse(&f, names[i]), FL_OK);
        ck_assert_int_eq(f, values[i]);
        ck_assert_int_eq(f, i + 1);
    }
    fl_report_format f;
    ck_assert_int_eq(fl_report_format_parse(&f, "Sarif"), FL_EINVAL);
    ck_assert_int_eq(fl_report_format_parse(&f, "junit"), FL_EINVAL);
}
END_TEST

START_TEST(reporter_new_rejects_a_format_past_the_last)
{
    out_buf o = {NULL, 0};
    fl_reporter *r = NULL;
    fl_sink sink = {out_write, &o};
    ck_assert_int_eq(fl_reporter_new(&r, NULL, (fl_report_format)9, 0, sink, NULL), FL_EINVAL);
    ck_assert_int_eq(fl_reporter_new(&r, NULL, FL_REPORT_HTML, 0, sink, NULL), FL_OK);
    fl_reporter_free(r);
}
END_TEST

/* Issue 8, item 7: the HTML report shows a CR-only file line by line, not
 * as one line with the CRs in it. */
START_TEST(html_shows_each_line_of_a_cr_only_file)
{
    input in = {"cr.txt", "one\rtwo\r\nthree", NULL, 0};
    char *out = render(FL_REPORT_HTML, &in, 1, NULL);
    ck_assert_ptr_nonnull(strstr(out, "id=\"f1-L1\""));
    ck_assert_ptr_nonnull(strstr(out, "id=\"f1-L2\""));
    ck_assert_ptr_nonnull(strstr(out, "id=\"f1-L3\""));
    ck_assert_ptr_null(strstr(out, "id=\"f1-L4\""));
    ck_assert_ptr_null(strchr(out, '\r'));
    free(out);
}
END_TEST

/* --- SARIF ------------------------------------------------------------------- */

static const char SARIF_SMALL[] =
    "{\n"
    "  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
    "  \"version\": \"2.1.0\",\n"
    "  \"runs\": [\n"
    "    {\n"
    "      \"columnKind\": \"unicodeCodePoints\",\n"
    "      \"results\": [\n"
    "        {\"ruleId\": \"t.flood\", \"ruleIndex\": 0, \"level\": \"warning\", \"message\": "
    "{\"text\": \"“a flood of” turns people into water. Rewrite: “many”\"}, \"locations\": "
    "[{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"drafts/a%20b.md\"}, "
    "\"region\": {\"startLine\": 1, \"startColumn\": 7, \"endLine\": 1, \"endColumn\": 17, "
    "\"byteOffset\": 7, \"byteLength\": 10}}}], \"fixes\": [{\"description\": {\"text\": "
    "\"Rewrite as: many\"}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": "
    "\"drafts/a%20b.md\"}, \"replacements\": [{\"deletedRegion\": {\"byteOffset\": 7, "
    "\"byteLength\": 10}, \"insertedContent\": {\"text\": \"many\"}}]}]}]},\n"
    "        {\"ruleId\": \"t.they\", \"ruleIndex\": 1, \"level\": \"error\", \"message\": "
    "{\"text\": \"“They” sets a group apart.\"}, \"locations\": [{\"physicalLocation\": "
    "{\"artifactLocation\": {\"uri\": \"drafts/a%20b.md\"}, \"region\": {\"startLine\": 2, "
    "\"startColumn\": 1, \"endLine\": 2, \"endColumn\": 5, \"byteOffset\": 26, "
    "\"byteLength\": 4}}}]},\n"
    "        {\"ruleId\": \"t.swarm\", \"ruleIndex\": 2, \"level\": \"note\", \"message\": "
    "{\"text\": \"“swarm” casts people as insects. Rewrite: “gather” or “arrive”\"}, "
    "\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": "
    "\"drafts/a%20b.md\"}, \"region\": {\"startLine\": 2, \"startColumn\": 6, \"endLine\": 2, "
    "\"endColumn\": 11, \"byteOffset\": 31, \"byteLength\": 5}}}]}\n"
    "      ],\n"
    "      \"tool\": {\n"
    "        \"driver\": {\n"
    "          \"name\": \"framelint\",\n"
    "          \"version\": \"" FL_VERSION_STRING "\",\n"
    "          \"rules\": [\n"
    "            {\"id\": \"t.flood\", \"shortDescription\": {\"text\": \"Water words make "
    "people a mass.\"}, \"fullDescription\": {\"text\": \"Water words make people a mass. Say "
    "how many people came.\"}, \"help\": {\"text\": \"Water words make people a mass. Say how "
    "many people came.\\n\\nGuidance: terminology\\nSources: Test source\"}, "
    "\"defaultConfiguration\": {\"level\": \"warning\"}, \"properties\": {\"category\": "
    "\"loaded-term\", \"language\": \"en\"}},\n"
    "            {\"id\": \"t.they\", \"defaultConfiguration\": {\"level\": \"error\"}, "
    "\"properties\": {\"category\": \"us-vs-them\", \"language\": \"en\"}},\n"
    "            {\"id\": \"t.swarm\", \"shortDescription\": {\"text\": \"Insect words "
    "dehumanise.\"}, \"fullDescription\": {\"text\": \"Insect words dehumanise.\"}, \"help\": "
    "{\"text\": \"Insect words dehumanise.\\n\\nGuidance: terminology\"}, "
    "\"defaultConfiguration\": {\"level\": \"note\"}, \"properties\": {\"category\": "
    "\"loaded-term\", \"language\": \"en\"}}\n"
    "          ]\n"
    "        }\n"
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n";

START_TEST(sarif_small_run_is_exact)
{
    char *out = render(FL_REPORT_SARIF, SMALL_RUN, 2, NULL);
    assert_same_text(out, SARIF_SMALL);
    free(out);
}
END_TEST

static jnode *parse_sarif(const char *out, size_t len)
{
    char err[200];
    jnode *root = json_parse(out, len, err, sizeof err);
    ck_assert_msg(root != NULL, "not JSON: %s", err);
    ck_assert_msg(check_sarif(root, err, sizeof err), "not SARIF: %s", err);
    return root;
}

START_TEST(sarif_small_run_has_sarif_structure)
{
    size_t len;
    char *out = render(FL_REPORT_SARIF, SMALL_RUN, 2, &len);
    jnode *root = parse_sarif(out, len);
    ck_assert_uint_eq(jget(jat(jget(root, "runs"), 0), "results")->n, 3);
    json_free(root);
    free(out);
}
END_TEST

START_TEST(sarif_run_without_files_is_complete)
{
    size_t len;
    char *out = render(FL_REPORT_SARIF, NULL, 0, &len);
    jnode *root = parse_sarif(out, len);
    const jnode *run = jat(jget(root, "runs"), 0);
    ck_assert_uint_eq(jget(run, "results")->n, 0);
    ck_assert_uint_eq(jget(jget(jget(run, "tool"), "driver"), "rules")->n, 0);
    json_free(root);
    free(out);
}
END_TEST

static char *percent_decode(const char *s, size_t *len)
{
    char *out = malloc(strlen(s) + 1);
    size_t o = 0;
    for (; *s; s++) {
        if (*s == '%') {
            char hex[3] = {s[1], s[2], 0};
            out[o++] = (char)strtol(hex, NULL, 16);
            s += 2;
        } else {
            out[o++] = *s;
        }
    }
    out[o] = '\0';
    *len = o;
    return out;
}

START_TEST(sarif_hostile_strings_survive)
{
    const input in = {HOSTILE_PATH, HOSTILE_TEXT, HOSTILE, 1};
    size_t len, n;
    char *out = render(FL_REPORT_SARIF, &in, 1, &len);
    jnode *root = parse_sarif(out, len);
    const jnode *res = jat(jget(jat(jget(root, "runs"), 0), "results"), 0);
    const char *uri =
        jget(jget(jget(jat(jget(res, "locations"), 0), "physicalLocation"), "artifactLocation"),
             "uri")
            ->str;
    char *path = percent_decode(uri, &n);
    ck_assert_uint_eq(n, strlen(HOSTILE_PATH));
    ck_assert_mem_eq(path, HOSTILE_PATH, n);
    char *msg = composed(&HOSTILE[0]);
    char *want = chk_replaced(msg, strlen(msg), NULL, &n);
    ck_assert_str_eq(jget(jget(res, "message"), "text")->str, want);
    ck_assert_str_eq(jget(res, "ruleId")->str, RULE_HOSTILE.id);
    const jnode *rep =
        jat(jget(jat(jget(jat(jget(res, "fixes"), 0), "artifactChanges"), 0), "replacements"), 0);
    ck_assert_str_eq(jget(jget(rep, "insertedContent"), "text")->str, SUGG_HOSTILE[0]);
    free(want);
    free(msg);
    free(path);
    json_free(root);
    free(out);
}
END_TEST

START_TEST(sarif_uri_encodes_reserved_characters)
{
    static const char *const cases[][2] = {{"dir/a b:c,%#?.md", "dir/a%20b%3Ac%2C%25%23%3F.md"},
                                           {"/tmp/x y.md", "file:///tmp/x%20y.md"},
                                           {"-", "-"},
                                           {"é.md", "%C3%A9.md"}};
    for (size_t i = 0; i < 4; i++) {
        const input in = {cases[i][0], SMALL_TEXT, SMALL, 1};
        size_t len;
        char *out = render(FL_REPORT_SARIF, &in, 1, &len);
        jnode *root = parse_sarif(out, len);
        const jnode *res = jat(jget(jat(jget(root, "runs"), 0), "results"), 0);
        ck_assert_str_eq(
            jget(jget(jget(jat(jget(res, "locations"), 0), "physicalLocation"), "artifactLocation"),
                 "uri")
                ->str,
            cases[i][1]);
        json_free(root);
        free(out);
    }
}
END_TEST

/* 1 + code points from the start of the line to `off` (an invalid byte
 * counts as one, as framelint counts). */
static long column_of(const char *s, size_t off)
{
    size_t start = off;
    while (start && s[start - 1] != '\n')
        start--;
    long col = 1;
    for (size_t i = start; i < off; col++) {
        uint32_t cp;
        size_t n = chk_utf8((const unsigned char *)s + i, off - i, &cp);
        i += n ? n : 1;
    }
    return col;
}

START_TEST(sarif_fixes_replay_to_what_fl_fix_writes)
{
    static const char text[] = "Café 日本 🎉: a flood of migrants arrived.\n"
                               "Then illegal immigrants were named, in “quotes” too.\n";
    fl_ruleset *rs = NULL;
    fl_document *doc = NULL;
    fl_findings *f = NULL;
    fl_lint_options opts = FL_LINT_OPTIONS_INIT;
    ck_assert_int_eq(fl_ruleset_new(&rs, NULL, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_add_defaults(rs, NULL), FL_OK);
    ck_assert_int_eq(fl_ruleset_compile(rs, NULL), FL_OK);
    ck_assert_int_eq(
        fl_document_new(&doc, NULL, "d.md", text, strlen(text), FL_FORMAT_MARKDOWN, NULL), FL_OK);
    ck_assert_int_eq(fl_lint(&f, rs, doc, &opts, NULL), FL_OK);
    out_buf sarif = {NULL, 0}, fixed = {NULL, 0};
    fl_reporter *r = NULL;
    ck_assert_int_eq(
        fl_reporter_new(&r, NULL, FL_REPORT_SARIF, 0, (fl_sink){out_write, &sarif}, NULL), FL_OK);
    ck_assert_int_eq(fl_reporter_add(r, doc, f, "d.md", NULL), FL_OK);
    ck_assert_int_eq(fl_fix(NULL, doc, f, (fl_sink){out_write, &fixed}, NULL), FL_OK);
    fl_findings_free(f);
    fl_ruleset_free(rs); /* the rules' text must already be in the report */
    ck_assert_int_eq(fl_reporter_finish(r, NULL), FL_OK);
    fl_reporter_free(r);

    jnode *root = parse_sarif(sarif.ptr, sarif.len);
    const jnode *results = jget(jat(jget(root, "runs"), 0), "results");
    char *replayed = malloc(sizeof text * 4);
    size_t o = 0, at = 0, nfixes = 0;
    for (size_t i = 0; i < results->n; i++) {
        const jnode *res = jat(results, i);
        const jnode *reg = jget(jget(jat(jget(res, "locations"), 0), "physicalLocation"), "region");
        size_t off = (size_t)jget(reg, "byteOffset")->ival;
        ck_assert_int_eq(jget(reg, "startColumn")->ival, column_of(text, off));
        const jnode *rep = jat(
            jget(jat(jget(jat(jget(res, "fixes"), 0), "artifactChanges"), 0), "replacements"), 0);
        if (!rep)
            continue;
        const jnode *del = jget(rep, "deletedRegion");
        size_t doff = (size_t)jget(del, "byteOffset")->ival;
        ck_assert_msg(doff >= at, "fixes overlap; choose a text where they do not");
        memcpy(replayed + o, text + at, doff - at);
        o += doff - at;
        const jnode *ins = jget(jget(rep, "insertedContent"), "text");
        memcpy(replayed + o, ins->str, ins->len);
        o += ins->len;
        at = doff + (size_t)jget(del, "byteLength")->ival;
        nfixes++;
    }
    memcpy(replayed + o, text + at, strlen(text) - at);
    o += strlen(text) - at;
    ck_assert_uint_ge(nfixes, 2);
    ck_assert_uint_eq(o, fixed.len);
    ck_assert_mem_eq(replayed, fixed.ptr, o);
    free(replayed);
    json_free(root);
    fl_document_free(doc);
    free(sarif.ptr);
    free(fixed.ptr);
}
END_TEST

START_TEST(sarif_streams_results_and_lists_each_rule_once)
{
    out_buf o = {NULL, 0};
    fl_reporter *r = NULL;
    ck_assert_int_eq(fl_reporter_new(&r, NULL, FL_REPORT_SARIF, 0, (fl_sink){out_write, &o}, NULL),
                     FL_OK);
    add_input(r, &SMALL_RUN[0]);
    ck_assert_ptr_nonnull(strstr(o.ptr, "\"ruleId\": \"t.swarm\""));
    ck_assert_ptr_null(strstr(o.ptr, "\"tool\""));
    for (int i = 0; i < 3; i++)
        add_input(r, &SMALL_RUN[i % 2]);
    ck_assert_int_eq(fl_reporter_finish(r, NULL), FL_OK);
    fl_reporter_free(r);
    jnode *root = parse_sarif(o.ptr, o.len);
    const jnode *run = jat(jget(root, "runs"), 0);
    ck_assert_uint_eq(jget(run, "results")->n, 9);
    ck_assert_uint_eq(jget(jget(jget(run, "tool"), "driver"), "rules")->n, 3);
    json_free(root);
    free(o.ptr);
}
END_TEST

/* An allocator that knows how many bytes are live. */
typedef struct byte_count {
    fl_allocator base;
    long long live;
} byte_count;

static void *bc_realloc(void *payload, void *ptr, size_t size)
{
    byte_count *bc = payload;
    size_t *old = ptr ? (size_t *)ptr - 1 : NULL;
    bc->live -= old ? (long long)*old : 0;
    size_t *p = realloc(old, size + sizeof *p);
    *p = size;
    bc->live += (long long)size;
    return p + 1;
}

static void *bc_malloc(void *payload, size_t size)
{
    return bc_realloc(payload, NULL, size);
}

static void bc_free(void *payload, void *ptr)
{
    byte_count *bc = payload;
    if (!ptr)
        return;
    bc->live -= (long long)((size_t *)ptr)[-1];
    free((size_t *)ptr - 1);
}

START_TEST(ci_formats_memory_does_not_grow_with_files)
{
    static const fl_report_format fmts[] = {FL_REPORT_SARIF, FL_REPORT_CHECKSTYLE,
                                            FL_REPORT_GITHUB};
    for (int k = 0; k < 3; k++) {
        byte_count bc = {{bc_malloc, bc_realloc, bc_free, &bc}, 0};
        out_buf o = {NULL, 0};
        fl_reporter *r = NULL;
        ck_assert_int_eq(fl_reporter_new(&r, &bc.base, fmts[k], 0, (fl_sink){out_write, &o}, NULL),
                         FL_OK);
        add_input(r, &SMALL_RUN[0]);
        long long after_one = bc.live;
        for (int i = 0; i < 300; i++)
            add_input(r, &SMALL_RUN[0]);
        ck_assert_int_eq(bc.live, after_one);
        ck_assert_int_eq(fl_reporter_finish(r, NULL), FL_OK);
        fl_reporter_free(r);
        ck_assert_int_eq(bc.live, 0);
        free(o.ptr);
    }
}
END_TEST

START_TEST(ci_formats_fail_cleanly_out_of_memory)
{
    static const fl_report_format fmts[] = {FL_REPORT_SARIF, FL_REPORT_CHECKSTYLE,
                                            FL_REPORT_GITHUB};
    for (int k = 0; k < 3; k++) {
        for (size_t n = 1;; n++) {
            fail_alloc fa;
            fail_alloc_init(&fa, n);
            out_buf o = {NULL, 0};
            fl_reporter *r = NULL;
            fl_sink sink = {out_write, &o};
            int error = fl_reporter_new(&r, &fa.base, fmts[k], 0, sink, NULL);
            fl_document *doc = NULL;
            fl_findings *f = NULL;
            fl_document_new(&doc, NULL, "x", SMALL_TEXT, strlen(SMALL_TEXT), FL_FORMAT_PLAIN, NULL);
            fl__findings_new(&f, fl__allocator_or_default(NULL));
            for (size_t i = 0; i < 3; i++)
                fl__findings_add(f, &SMALL[i]);
            for (int rep = 0; rep < 2 && error == 0; rep++)
                error = fl_reporter_add(r, doc, f, "a.md", NULL);
            if (error == 0)
                error = fl_reporter_finish(r, NULL);
            ck_assert_msg(error == FL_OK || error == FL_ENOMEM, "format %d, n=%zu: %d", k, n,
                          error);
            ck_assert_int_eq(error == FL_ENOMEM, fa.failed);
            fl_reporter_free(r);
            fl_findings_free(f);
            fl_document_free(doc);
            free(o.ptr);
            ck_assert_msg(fa.live == 0, "format %d, n=%zu: %ld blocks leaked", k, n, fa.live);
            if (!fa.failed)
                break;
        }
    }
}
END_TEST

/* --- Checkstyle ------------------------------------------------------------- */

static const char CHECKSTYLE_SMALL[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<checkstyle version=\"4.3\">\n"
    "<file name=\"drafts/a b.md\">\n"
    "  <error line=\"1\" column=\"7\" severity=\"warning\" message=\"“a flood of” turns people "
    "into water. Rewrite: “many”\" source=\"framelint.t.flood\"/>\n"
    "  <error line=\"2\" column=\"1\" severity=\"error\" message=\"“They” sets a group apart.\" "
    "source=\"framelint.t.they\"/>\n"
    "  <error line=\"2\" column=\"6\" severity=\"info\" message=\"“swarm” casts people as "
    "insects. Rewrite: “gather” or “arrive”\" source=\"framelint.t.swarm\"/>\n"
    "</file>\n"
    "<file name=\"drafts/clean.md\">\n"
    "</file>\n"
    "</checkstyle>\n";

START_TEST(checkstyle_small_run_is_exact)
{
    char *out = render(FL_REPORT_CHECKSTYLE, SMALL_RUN, 2, NULL);
    assert_same_text(out, CHECKSTYLE_SMALL);
    free(out);
}
END_TEST

static void parse_xml(const char *out, size_t len, xml_doc *doc)
{
    char err[200];
    int error = xml_check(out, len, doc, err, sizeof err);
    ck_assert_msg(error == 0, "not well-formed: %s", err);
    ck_assert_str_eq(doc->elems[0].name, "checkstyle");
    ck_assert_str_eq(xattr(&doc->elems[0], "version")->value, "4.3");
}

START_TEST(checkstyle_run_without_files_is_well_formed)
{
    size_t len;
    char *out = render(FL_REPORT_CHECKSTYLE, NULL, 0, &len);
    xml_doc doc;
    parse_xml(out, len, &doc);
    ck_assert_uint_eq(doc.n, 1);
    xml_free(&doc);
    free(out);
}
END_TEST

static int xml_bad(uint32_t cp)
{
    return !xml_is_char(cp);
}

START_TEST(checkstyle_hostile_strings_are_well_formed_and_decode_back)
{
    const input in[] = {{HOSTILE_PATH, HOSTILE_TEXT, HOSTILE, 1}, SMALL_RUN[0]};
    size_t len, n;
    char *out = render(FL_REPORT_CHECKSTYLE, in, 2, &len);
    xml_doc doc;
    parse_xml(out, len, &doc);
    ck_assert_uint_eq(doc.n, 1 + (1 + 1) + (1 + 3));
    const xml_elem *file = &doc.elems[1], *error = &doc.elems[2];
    ck_assert_str_eq(file->name, "file");
    ck_assert_str_eq(error->parent, "file");
    char *want = chk_replaced(HOSTILE_PATH, strlen(HOSTILE_PATH), xml_bad, &n);
    ck_assert_str_eq(xattr(file, "name")->value, want);
    free(want);
    char *msg = composed(&HOSTILE[0]);
    want = chk_replaced(msg, strlen(msg), xml_bad, &n);
    ck_assert_str_eq(xattr(error, "message")->value, want);
    ck_assert_str_eq(xattr(error, "source")->value, "framelint.t.odd:id,with\"q'&<>%");
    ck_assert_str_eq(xattr(error, "severity")->value, "error");
    ck_assert_str_eq(xattr(error, "line")->value, "1");
    ck_assert_str_eq(xattr(error, "column")->value, "13");
    ck_assert_ptr_nonnull(strstr(out, "Line one&#13;&#10;line two"));
    free(want);
    free(msg);
    xml_free(&doc);
    free(out);
}
END_TEST

/* --- GitHub ----------------------------------------------------------------- */

static const char GITHUB_SMALL[] =
    "::warning file=drafts/a b.md,line=1,col=7,endLine=1,endColumn=17,title=t.flood::“a flood "
    "of” turns people into water. Rewrite: “many”\n"
    "::error file=drafts/a b.md,line=2,col=1,endLine=2,endColumn=5,title=t.they::“They” sets "
    "a group apart.\n"
    "::notice file=drafts/a b.md,line=2,col=6,endLine=2,endColumn=11,title=t.swarm::“swarm” "
    "casts people as insects. Rewrite: “gather” or “arrive”\n";

START_TEST(github_small_run_is_exact)
{
    char *out = render(FL_REPORT_GITHUB, SMALL_RUN, 2, NULL);
    assert_same_text(out, GITHUB_SMALL);
    free(out);
}
END_TEST

/* Splits the output into lines and parses each; every line must end in
 * "\n". Returns the number of commands, filled into `cmds`. */
static size_t parse_github(const char *out, gh_command *cmds, size_t max)
{
    char err[200];
    size_t n = 0;
    for (const char *line = out; *line; n++) {
        const char *nl = strchr(line, '\n');
        ck_assert_msg(nl != NULL, "last line has no newline");
        ck_assert_uint_lt(n, max);
        int error = gh_parse(line, (size_t)(nl - line), &cmds[n], err, sizeof err);
        ck_assert_msg(error == 0, "line %zu: %s", n + 1, err);
        line = nl + 1;
    }
    return n;
}

static int gh_bad(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp < 0xA0);
}

START_TEST(github_hostile_strings_stay_on_one_line_and_decode_back)
{
    const input in = {HOSTILE_PATH, HOSTILE_TEXT, HOSTILE, 1};
    gh_command cmd[2];
    size_t n;
    char *out = render(FL_REPORT_GITHUB, &in, 1, NULL);
    ck_assert_uint_eq(parse_github(out, cmd, 2), 1);
    ck_assert_str_eq(cmd[0].name, "error");
    char *want = chk_replaced(HOSTILE_PATH, strlen(HOSTILE_PATH), gh_bad, &n);
    ck_assert_str_eq(gh_prop(&cmd[0], "file"), want);
    free(want);
    char *msg = composed(&HOSTILE[0]);
    want = chk_replaced(msg, strlen(msg), gh_bad, &n);
    ck_assert_uint_eq(cmd[0].data_len, n);
    ck_assert_str_eq(cmd[0].data, want);
    ck_assert_str_eq(gh_prop(&cmd[0], "title"), RULE_HOSTILE.id);
    ck_assert_str_eq(gh_prop(&cmd[0], "col"), "13");
    ck_assert_str_eq(gh_prop(&cmd[0], "endColumn"), "18");
    ck_assert_ptr_null(strchr(out, '\x1b'));
    free(want);
    free(msg);
    gh_free(&cmd[0]);
    free(out);
}
END_TEST

START_TEST(github_span_over_two_lines_has_no_columns)
{
    static const fl_finding x[] = {
        {&RULE_FLOOD, FL_SEVERITY_WARNING, 2, 8, "Across lines.", NULL, 0, FL_KEPT_NOT, 0, 0}};
    const input in = {"a.md", "a flood\nof people\n", x, 1};
    gh_command cmd[1];
    char *out = render(FL_REPORT_GITHUB, &in, 1, NULL);
    ck_assert_str_eq(out, "::warning file=a.md,line=1,endLine=2,title=t.flood::Across lines.\n");
    ck_assert_uint_eq(parse_github(out, cmd, 1), 1);
    gh_free(&cmd[0]);
    free(out);
    size_t len;
    out = render(FL_REPORT_SARIF, &in, 1, &len);
    jnode *root = parse_sarif(out, len);
    json_free(root);
    free(out);
}
END_TEST

/* --- the readers themselves ------------------------------------------------- */

START_TEST(readers_reject_malformed_input)
{
    static const char *const json[] = {
        "{\"a\": 1,}",          "[01]",  "\"a\x01\"", "\"\\ud800\"",  "\"\xff\"",
        "{\"a\": 1, \"a\": 2}", "[1] x", "{'a': 1}",  "\"\xc0\xaf\"", "[1.]"};
    static const char *const xml[] = {"<a b=\"<\"/>", "<a b=\"&foo;\"/>", "<a b=\"&#1;\"/>",
                                      "<a>",          "<a></b>",          "<a b=c/>",
                                      "<a/><b/>",     "<a b=\"\x01\"/>",  "<a b=\"x\"c=\"y\"/>",
                                      "<a b=\"&\"/>"};
    static const char *const github[] = {"::warning file=a,b::m",
                                         "::warning file=a:b::m",
                                         "::warning file=a::50% off",
                                         "::debug::m",
                                         "warning::m",
                                         "::warning file=a::m\rx",
                                         "::warning file=a,::m"};
    char err[200];
    for (size_t i = 0; i < sizeof json / sizeof *json; i++) {
        jnode *j = json_parse(json[i], strlen(json[i]), err, sizeof err);
        ck_assert_msg(j == NULL, "JSON reader accepted %s", json[i]);
    }
    for (size_t i = 0; i < sizeof xml / sizeof *xml; i++) {
        xml_doc d;
        ck_assert_msg(xml_check(xml[i], strlen(xml[i]), &d, err, sizeof err) < 0,
                      "XML checker accepted %s", xml[i]);
        xml_free(&d);
    }
    for (size_t i = 0; i < sizeof github / sizeof *github; i++) {
        gh_command c;
        ck_assert_msg(gh_parse(github[i], strlen(github[i]), &c, err, sizeof err) < 0,
                      "command parser accepted %s", github[i]);
        gh_free(&c);
    }
    static const char good[] = "{\"a\": [1, -2.5e3, true, null, \"\\u00e9\\ud83c\\udf89\"]}";
    jnode *j = json_parse(good, strlen(good), err, sizeof err);
    ck_assert_msg(j != NULL, "%s", err);
    ck_assert_str_eq(jat(jget(j, "a"), 4)->str, "é🎉");
    json_free(j);
}
END_TEST

Suite *suite_formats(void)
{
    Suite *s = suite_create("formats");
    TCase *names = tcase_create("names");
    tcase_add_test(names, format_parse_appends_ci_formats_and_keeps_old_values);
    tcase_add_test(names, reporter_new_rejects_a_format_past_the_last);
    suite_add_tcase(s, names);
    tcase_add_test(names, html_shows_each_line_of_a_cr_only_file);
    TCase *sarif = tcase_create("sarif");
    tcase_set_timeout(sarif, 60);
    tcase_add_test(sarif, sarif_small_run_is_exact);
    tcase_add_test(sarif, sarif_small_run_has_sarif_structure);
    tcase_add_test(sarif, sarif_run_without_files_is_complete);
    tcase_add_test(sarif, sarif_hostile_strings_survive);
    tcase_add_test(sarif, sarif_uri_encodes_reserved_characters);
    tcase_add_test(sarif, sarif_fixes_replay_to_what_fl_fix_writes);
    tcase_add_test(sarif, sarif_streams_results_and_lists_each_rule_once);
    suite_add_tcase(s, sarif);
    TCase *checkstyle = tcase_create("checkstyle");
    tcase_add_test(checkstyle, checkstyle_small_run_is_exact);
    tcase_add_test(checkstyle, checkstyle_run_without_files_is_well_formed);
    tcase_add_test(checkstyle, checkstyle_hostile_strings_are_well_formed_and_decode_back);
    suite_add_tcase(s, checkstyle);
    TCase *github = tcase_create("github");
    tcase_add_test(github, github_small_run_is_exact);
    tcase_add_test(github, github_hostile_strings_stay_on_one_line_and_decode_back);
    tcase_add_test(github, github_span_over_two_lines_has_no_columns);
    suite_add_tcase(s, github);
    TCase *readers = tcase_create("readers");
    tcase_add_test(readers, readers_reject_malformed_input);
    suite_add_tcase(s, readers);
    TCase *limits = tcase_create("limits");
    tcase_set_timeout(limits, 120);
    tcase_add_test(limits, ci_formats_memory_does_not_grow_with_files);
    tcase_add_test(limits, ci_formats_fail_cleanly_out_of_memory);
    suite_add_tcase(s, limits);
    return s;
}
