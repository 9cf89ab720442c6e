/*
 * package_zip: a package's zip (libzip) and XML (expat), hardened. Entries
 * are read within named limits however large they claim to be, and XML is
 * parsed a chunk at a time with any DTD refused, so a zip bomb or an entity
 * bomb costs bounded time and memory. Never recurses on the file's nesting.
 */
#include <expat.h>
#include <string.h>
#include "package.h"
#include "ziplib.h"

/* Bytes inflated per read: expat sees the part in chunks this size. */
#define CHUNK 65536
/* Why on_start stopped a parse: past FL_MAX_XML_DEPTH (a private code, so
 * a handler's own FL_ELIMIT keeps its own message). */
#define STOP_DEPTH (-1001)

struct fl_zip {
    const fl_allocator *alloc;
    const char *path;
    fl_ziplib lib;
    zip_t *za;
    size_t total;          /* bytes inflated so far, against the package limit */
    XML_Parser parser;     /* the parse under way, for fl__xml_stop */
    int stop_code;
    size_t depth;
    int utf8;              /* the part being parsed is UTF-8 */
};

static const unsigned char cfb_magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

static int zip_problem(const fl_ziplib *lib, fl_error *err, const char *path, zip_error_t *ze)
{
    return fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0,
                         "not a readable zip package (%s): the file is damaged or "
                         "cut short; open and save it again",
                         lib->zip_error_strerror(ze));
}

int fl__zip_open(fl_zip **out, const fl_allocator *a, const char *path,
                 const char *data, size_t len, fl_error *err)
{
    *out = NULL;
    /* Word keeps a password-protected .docx in an OLE compound file, the
     * container of the old .doc format too. */
    if (len >= 8 && memcmp(data, cfb_magic, 8) == 0)
        return fl__error_set(err, FL_ESYNTAX, path, 0, 0, 0,
                             "is password-protected or an old binary Word file, not a "
                             "zip package: remove the password or save it as .docx");
    fl_zip *z = fl__calloc(a, 1, sizeof *z);
    if (!z)
        return fl__error_nomem(err);
    z->alloc = a;
    z->path = path;
    int error = fl__ziplib_open(&z->lib, path, err);
    if (error < 0) {
        fl__free(a, z);
        return error;
    }
    const fl_ziplib *lib = &z->lib;
    zip_error_t ze;
    lib->zip_error_init(&ze);
    zip_source_t *src = lib->zip_source_buffer_create(data, len, 0, &ze);
    z->za = src ? lib->zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!z->za) {
        error = zip_problem(lib, err, path, &ze);
        lib->zip_source_free(src);
        lib->zip_error_fini(&ze);
        fl__zip_free(z);
        return error;
    }
    lib->zip_error_fini(&ze);
    *out = z;
    return FL_OK;
}

void fl__zip_free(fl_zip *z)
{
    if (!z)
        return;
    if (z->za)
        z->lib.zip_discard(z->za);
    fl__ziplib_close(&z->lib);
    fl__free(z->alloc, z);
}

const fl_ziplib *fl__zip_lib(const fl_zip *z)
{
    return &z->lib;
}

int fl__zip_has(fl_zip *z, const char *name)
{
    return z->lib.zip_name_locate(z->za, name, ZIP_FL_NOCASE) >= 0;
}

/* Reads one entry a chunk at a time, handing each to `fn`, counting what
 * it inflates against both limits whatever the entry's header claims. */
static int read_entry(fl_zip *z, const char *name, int (*fn)(void *, const char *, size_t),
                      void *payload, fl_error *err)
{
    zip_int64_t idx = z->lib.zip_name_locate(z->za, name, ZIP_FL_NOCASE);
    zip_stat_t st;
    if (idx < 0 || z->lib.zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) < 0)
        return fl__error_set(err, FL_ESYNTAX, z->path, 0, 0, 0, "part %s is missing", name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return fl__error_set(err, FL_ESYNTAX, z->path, 0, 0, 0, "is password-protected "
                             "(part %s is encrypted): save a copy without the password",
                             name);
    zip_file_t *zf = z->lib.zip_fopen_index(z->za, (zip_uint64_t)idx, 0);
    if (!zf)
        return zip_problem(&z->lib, err, z->path, z->lib.zip_get_error(z->za));
    char *chunk = fl__malloc(z->alloc, CHUNK);
    size_t part = 0;
    int error = chunk ? 0 : fl__error_nomem(err);
    while (error == 0) {
        zip_int64_t got = z->lib.zip_fread(zf, chunk, CHUNK);
        if (got < 0) {
            error = zip_problem(&z->lib, err, z->path, z->lib.zip_file_get_error(zf));
            break;
        }
        if (got == 0)
            break;
        part += (size_t)got;
        z->total += (size_t)got;
        if (part > FL_MAX_PART_BYTES)
            error = fl__error_set(err, FL_ELIMIT, z->path, 0, 0, 0, "part %s expands past "
                                  "%d MiB (limit FL_MAX_PART_BYTES)", name,
                                  (int)(FL_MAX_PART_BYTES >> 20));
        else if (z->total > FL_MAX_PACKAGE_BYTES)
            error = fl__error_set(err, FL_ELIMIT, z->path, 0, 0, 0, "its parts expand "
                                  "past %d MiB together (limit FL_MAX_PACKAGE_BYTES)",
                                  (int)(FL_MAX_PACKAGE_BYTES >> 20));
        else
            error = fn(payload, chunk, (size_t)got);
    }
    fl__free(z->alloc, chunk);
    z->lib.zip_fclose(zf);
    return error;
}

static int append(void *payload, const char *data, size_t len)
{
    return fl__buf_put(payload, data, len);
}

int fl__zip_read(fl_zip *z, const char *name, fl_buf *out, fl_error *err)
{
    int error = read_entry(z, name, append, out, err);
    if (error == FL_ENOMEM)
        return fl__error_nomem(err);
    return error;
}

/* --- XML ---------------------------------------------------------------------- */

typedef struct parse {
    fl_zip *z;
    const fl_xml_handler *h;
    const char *name;
    fl_error *err;
    int first;
    int utf8;
} parse;

void fl__xml_stop(fl_zip *z, int code)
{
    if (z->stop_code == 0)
        z->stop_code = code;
    XML_StopParser(z->parser, XML_FALSE);
}

static void on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    parse *p = data;
    if (++p->z->depth > FL_MAX_XML_DEPTH) {
        fl__xml_stop(p->z, STOP_DEPTH);
        return;
    }
    size_t at = (size_t)XML_GetCurrentByteIndex(p->z->parser);
    size_t n = (size_t)XML_GetCurrentByteCount(p->z->parser);
    if (p->h->start)
        p->h->start(p->h->payload, name, attrs, at, n);
}

static void on_end(void *data, const XML_Char *name)
{
    parse *p = data;
    p->z->depth--;
    size_t at = (size_t)XML_GetCurrentByteIndex(p->z->parser);
    size_t n = (size_t)XML_GetCurrentByteCount(p->z->parser);
    if (p->h->end)
        p->h->end(p->h->payload, name, at, n);
}

static void on_text(void *data, const XML_Char *s, int len)
{
    parse *p = data;
    if (p->h->text)
        p->h->text(p->h->payload, s, (size_t)len);
}

/* Office files never declare a DTD; one that does could only be trying to
 * expand entities. */
static void on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
                       const XML_Char *pubid, int has_internal_subset)
{
    parse *p = data;
    fl__xml_stop(p->z, FL_ESYNTAX);
}

/* UTF-16 parts are legal XML, but their byte offsets cannot take UTF-8
 * splices: the fixer leaves them alone. */
static int is_utf8(const char *s, size_t len)
{
    if (len >= 2 && ((unsigned char)s[0] == 0xFE || (unsigned char)s[0] == 0xFF))
        return 0;
    size_t n = len < 200 ? len : 200;
    size_t at = fl__markup_find(s, 0, n, "encoding=", 9);
    if (at == (size_t)-1 || at + 10 >= n)
        return 1;
    return fl__markup_ci_equal(s + at + 10, "utf-8", n - at - 10 < 5 ? n - at - 10 : 5);
}

static int feed(void *payload, const char *data, size_t len)
{
    parse *p = payload;
    if (p->first) {
        p->utf8 = p->z->utf8 = is_utf8(data, len);
        p->first = 0;
    }
    if (XML_Parse(p->z->parser, data, (int)len, XML_FALSE) == XML_STATUS_OK)
        return FL_OK;
    return FL_ESYNTAX;
}

static int parse_error(parse *p, int code)
{
    fl_zip *z = p->z;
    unsigned line = (unsigned)XML_GetCurrentLineNumber(z->parser);
    if (z->stop_code == STOP_DEPTH)
        return fl__error_set(p->err, FL_ELIMIT, z->path, 0, 0, 0, "part %s nests elements "
                             "deeper than %d (limit FL_MAX_XML_DEPTH)", p->name,
                             FL_MAX_XML_DEPTH);
    if (z->stop_code == FL_ESYNTAX)
        return fl__error_set(p->err, FL_ESYNTAX, z->path, 0, 0, 0, "part %s declares a "
                             "DTD, which Word and OpenDocument files never do; refused",
                             p->name);
    if (z->stop_code == FL_ENOMEM)
        return fl__error_nomem(p->err);
    if (z->stop_code < 0)
        return z->stop_code;
    if (code != FL_ESYNTAX)
        return code;
    return fl__error_set(p->err, FL_ESYNTAX, z->path, 0, 0, 0, "part %s is not well-formed "
                         "XML (line %u: %s): the file is damaged", p->name, line,
                         XML_ErrorString(XML_GetErrorCode(z->parser)));
}

int fl__xml_parse(fl_zip *z, const char *name, const fl_xml_handler *h, int *utf8,
                  fl_error *err)
{
    /* '\x01' cannot occur in a name or URI, so splitting on it is exact. */
    XML_Parser parser = XML_ParserCreateNS(NULL, '\x01');
    if (!parser)
        return fl__error_nomem(err);
    parse p = {z, h, name, err, 1, 1};
    z->parser = parser;
    z->stop_code = 0;
    z->depth = 0;
    z->utf8 = 1;
    XML_SetReturnNSTriplet(parser, 1);
    XML_SetUserData(parser, &p);
    XML_SetElementHandler(parser, on_start, on_end);
    XML_SetCharacterDataHandler(parser, on_text);
    XML_SetStartDoctypeDeclHandler(parser, on_doctype);
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
    int error = read_entry(z, name, feed, &p, err);
    if (error == 0 && XML_Parse(parser, "", 0, XML_TRUE) != XML_STATUS_OK)
        error = FL_ESYNTAX;
    if (error == FL_ESYNTAX || z->stop_code)
        error = parse_error(&p, error);
    if (utf8)
        *utf8 = p.utf8;
    XML_ParserFree(parser);
    z->parser = NULL;
    return error;
}

int fl__xml_utf8(const fl_zip *z)
{
    return z->utf8;
}

/* --- names ---------------------------------------------------------------------- */

int fl__xml_in(const char *name, const char *uri)
{
    size_t n = strlen(uri);
    return strncmp(name, uri, n) == 0 && name[n] == '\x01';
}

const char *fl__xml_local(const char *name)
{
    const char *sep = strchr(name, '\x01');
    return sep ? sep + 1 : name;
}

int fl__xml_local_eq(const char *local, const char *want)
{
    size_t n = strlen(want);
    return strncmp(local, want, n) == 0 && (local[n] == '\0' || local[n] == '\x01');
}

int fl__xml_is(const char *name, const char *uri, const char *local)
{
    return fl__xml_in(name, uri) && fl__xml_local_eq(fl__xml_local(name), local);
}

const char *fl__xml_attr(const char **attrs, const char *uri, const char *local)
{
    for (size_t i = 0; attrs[i]; i += 2) {
        const char *name = attrs[i];
        int match = uri ? fl__xml_is(name, uri, local)
                        : !strchr(name, '\x01') && !strcmp(name, local);
        if (match)
            return attrs[i + 1];
    }
    return NULL;
}
