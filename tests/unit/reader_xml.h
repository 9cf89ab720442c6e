/*
 * An XML 1.0 well-formedness checker for the tests: elements nest and close,
 * attributes are quoted and unique, '<' never and '&' only as one of the five
 * entities or a character reference appears in values, only XML characters
 * in valid UTF-8. It lists the elements with their decoded attributes.
 */
#ifndef FL_TEST_READER_XML_H
#define FL_TEST_READER_XML_H

#include "reader_utf8.h"

/* --- XML ------------------------------------------------------------------- */

#define XML_MAX_ATTRS 8

typedef struct xml_attr {
    char name[32];
    char *value; /* decoded, as a parser reports it */
    size_t len;
} xml_attr;

typedef struct xml_elem {
    char name[32];
    char parent[32];
    xml_attr attrs[XML_MAX_ATTRS];
    size_t nattrs;
} xml_elem;

typedef struct xml_doc {
    xml_elem *elems;
    size_t n;
} xml_doc;

typedef struct xparser {
    const char *s;
    size_t len, pos;
    char stack[64][32];
    int depth;
    xml_doc *doc;
    char *err;
    size_t errsize;
} xparser;

static void xml_free(xml_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        for (size_t k = 0; k < d->elems[i].nattrs; k++)
            free(d->elems[i].attrs[k].value);
    }
    free(d->elems);
    d->elems = NULL;
    d->n = 0;
}

static int x_name(xparser *p, char *out)
{
    size_t n = 0;
    while (p->pos < p->len && n < 31) {
        char c = p->s[p->pos];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
                 (n && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
        if (!ok)
            break;
        out[n++] = c;
        p->pos++;
    }
    out[n] = '\0';
    return n ? 0 : chk_fail(p->err, p->errsize, "expected a name at %zu", p->pos);
}

static void x_ws(xparser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

/* A reference at p->pos ('&'), decoded into out; only the five predefined
 * entities and character references to XML Chars exist without a DTD. */
static int x_reference(xparser *p, char *out, size_t *o)
{
    static const char *const names[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
    static const char chars[] = "&<>\"'";
    const char *s = p->s + ++p->pos;
    size_t left = p->len - p->pos;
    for (int i = 0; i < 5; i++) {
        size_t n = strlen(names[i]);
        if (left >= n && !memcmp(s, names[i], n)) {
            out[(*o)++] = chars[i];
            p->pos += n;
            return 0;
        }
    }
    if (left < 3 || s[0] != '#')
        return chk_fail(p->err, p->errsize, "bad reference at %zu", p->pos - 1);
    int hex = s[1] == 'x';
    char *end;
    unsigned long cp = strtoul(s + 1 + hex, &end, hex ? 16 : 10);
    if (end == s + 1 + hex || *end != ';' || !xml_is_char((uint32_t)cp) ||
        !(hex ? strchr("0123456789abcdefABCDEF", s[2]) : strchr("0123456789", s[1])))
        return chk_fail(p->err, p->errsize, "bad character reference at %zu", p->pos - 1);
    *o += chk_put_utf8(out + *o, (uint32_t)cp);
    p->pos += (size_t)(end - s) + 1;
    return 0;
}

/* An attribute value between quotes: no '<', '&' only as a reference, and
 * raw tab, newline and CR normalised to spaces as a parser does. */
static int x_attr_value(xparser *p, xml_attr *a)
{
    char q = p->pos < p->len ? p->s[p->pos] : 0;
    if (q != '"' && q != '\'')
        return chk_fail(p->err, p->errsize, "unquoted attribute value at %zu", p->pos);
    size_t start = ++p->pos, o = 0;
    a->value = malloc(p->len - start + 1);
    while (p->pos < p->len && p->s[p->pos] != q) {
        char c = p->s[p->pos];
        if (c == '<')
            return chk_fail(p->err, p->errsize, "raw '<' in attribute at %zu", p->pos);
        if (c == '&') {
            if (x_reference(p, a->value, &o) < 0)
                return -1;
            continue;
        }
        a->value[o++] = c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
        p->pos++;
    }
    if (p->pos >= p->len)
        return chk_fail(p->err, p->errsize, "unterminated attribute from %zu", start);
    p->pos++;
    a->value[o] = '\0';
    a->len = o;
    return 0;
}

static int x_attrs(xparser *p, xml_elem *e)
{
    for (;;) {
        size_t before = p->pos;
        x_ws(p);
        char c = p->pos < p->len ? p->s[p->pos] : 0;
        if (c == '>' || c == '/' || c == '?')
            return 0;
        if (p->pos == before)
            return chk_fail(p->err, p->errsize, "expected a space before attribute at %zu", p->pos);
        if (e->nattrs == XML_MAX_ATTRS)
            return chk_fail(p->err, p->errsize, "too many attributes at %zu", p->pos);
        xml_attr *a = &e->attrs[e->nattrs++];
        if (x_name(p, a->name) < 0)
            return -1;
        for (size_t i = 0; i + 1 < e->nattrs; i++) {
            if (!strcmp(e->attrs[i].name, a->name))
                return chk_fail(p->err, p->errsize, "duplicate attribute %s", a->name);
        }
        x_ws(p);
        if (p->pos >= p->len || p->s[p->pos++] != '=')
            return chk_fail(p->err, p->errsize, "expected '=' at %zu", p->pos - 1);
        x_ws(p);
        if (x_attr_value(p, a) < 0)
            return -1;
    }
}

static int x_start_tag(xparser *p)
{
    xml_elem e;
    memset(&e, 0, sizeof e);
    p->pos++;
    if (x_name(p, e.name) < 0)
        return -1;
    snprintf(e.parent, sizeof e.parent, "%s", p->depth ? p->stack[p->depth - 1] : "");
    int error = x_attrs(p, &e);
    p->doc->elems = realloc(p->doc->elems, (p->doc->n + 1) * sizeof e);
    p->doc->elems[p->doc->n++] = e;
    if (error < 0)
        return error;
    if (p->len - p->pos >= 2 && !memcmp(p->s + p->pos, "/>", 2)) {
        p->pos += 2;
        return p->depth ? 0 : 1; /* 1: the root closed */
    }
    if (p->pos >= p->len || p->s[p->pos] != '>')
        return chk_fail(p->err, p->errsize, "bad tag end at %zu", p->pos);
    p->pos++;
    if (p->depth == 64)
        return chk_fail(p->err, p->errsize, "nested too deep");
    snprintf(p->stack[p->depth++], 32, "%s", e.name);
    return 0;
}

static int x_end_tag(xparser *p)
{
    char name[32];
    p->pos += 2;
    if (x_name(p, name) < 0)
        return -1;
    x_ws(p);
    if (p->pos >= p->len || p->s[p->pos++] != '>')
        return chk_fail(p->err, p->errsize, "bad end tag at %zu", p->pos - 1);
    if (!p->depth || strcmp(p->stack[p->depth - 1], name))
        return chk_fail(p->err, p->errsize, "</%s> closes nothing open at %zu", name, p->pos);
    p->depth--;
    return p->depth ? 0 : 1;
}

/* Character data between tags: references must be valid, ']]>' is out. */
static int x_text(xparser *p)
{
    char scratch[8];
    while (p->pos < p->len && p->s[p->pos] != '<') {
        size_t o = 0;
        if (p->s[p->pos] == '&') {
            if (x_reference(p, scratch, &o) < 0)
                return -1;
            continue;
        }
        if (p->len - p->pos >= 3 && !memcmp(p->s + p->pos, "]]>", 3))
            return chk_fail(p->err, p->errsize, "']]>' in text at %zu", p->pos);
        p->pos++;
    }
    return 0;
}

/* Checks that s[0..len) is a well-formed XML 1.0 document without DTD,
 * comments or processing instructions other than the XML declaration, and
 * lists its elements in document order with decoded attributes. Call
 * xml_free(out) afterwards, whatever it returned. */
static int xml_check(const char *s, size_t len, xml_doc *out, char *err, size_t errsize)
{
    xparser p = {s, len, 0, {{0}}, 0, out, err, errsize};
    memset(out, 0, sizeof *out);
    if (chk_chars(s, len, 1, err, errsize) < 0)
        return -1;
    if (len >= 5 && !memcmp(s, "<?xml", 5)) {
        xml_elem decl;
        memset(&decl, 0, sizeof decl);
        p.pos = 5;
        int error = x_attrs(&p, &decl);
        for (size_t i = 0; i < decl.nattrs; i++)
            free(decl.attrs[i].value);
        if (error < 0 || len - p.pos < 2 || memcmp(s + p.pos, "?>", 2))
            return chk_fail(err, errsize, "bad XML declaration");
        p.pos += 2;
    }
    x_ws(&p);
    int done = 0;
    while (!done) {
        if (p.pos >= len || s[p.pos] != '<')
            return chk_fail(err, errsize, "expected a tag at %zu", p.pos);
        int r = p.pos + 1 < len && s[p.pos + 1] == '/' ? x_end_tag(&p) : x_start_tag(&p);
        if (r < 0)
            return -1;
        done = r;
        if (!done && x_text(&p) < 0)
            return -1;
    }
    x_ws(&p);
    return p.pos == len ? 0 : chk_fail(err, errsize, "content after the root at %zu", p.pos);
}

static const xml_attr *xattr(const xml_elem *e, const char *name)
{
    for (size_t i = 0; i < e->nattrs; i++) {
        if (!strcmp(e->attrs[i].name, name))
            return &e->attrs[i];
    }
    return NULL;
}

#endif
