/*
 * lsp_uri: file URIs to paths and back. Decoding refuses what would make
 * a different path than the client meant (a NUL, a bad escape).
 */
#include "lsp_uri.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

/* Percent-decodes s[0..n) into a new string; NULL on a bad escape or %00. */
static char *decode(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    size_t w = 0;
    for (size_t i = 0; out && i < n; i++) {
        if (s[i] != '%') {
            out[w++] = s[i];
            continue;
        }
        int hi = i + 2 < n ? hex((unsigned char)s[i + 1]) : -1;
        int lo = hi >= 0 ? hex((unsigned char)s[i + 2]) : -1;
        if (lo < 0 || (hi == 0 && lo == 0)) {
            free(out);
            return NULL;
        }
        out[w++] = (char)(hi * 16 + lo);
        i += 2;
    }
    if (out)
        out[w] = '\0';
    return out;
}

char *lsp_uri_to_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *host = uri + 7, *path = strchr(host, '/');
    if (!path || (path != host && strncmp(host, "localhost/", 10) != 0))
        return NULL;
    size_t n = strcspn(path, "?#");
    return decode(path, n);
}

char *lsp_path_to_uri(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(7 + n * 3 + 1);
    if (!out)
        return NULL;
    size_t w = (size_t)sprintf(out, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum(*p) || strchr("-._~/", *p))
            out[w++] = (char)*p;
        else
            w += (size_t)sprintf(out + w, "%%%02X", *p);
    }
    out[w] = '\0';
    return out;
}

char *lsp_uri_name(const char *uri)
{
    size_t end = strcspn(uri, "?#"), start = end;
    while (start > 0 && uri[start - 1] != '/' && uri[start - 1] != ':')
        start--;
    char *name = decode(uri + start, end - start);
    if (!name) {
        name = malloc(end - start + 1);
        if (name) {
            memcpy(name, uri + start, end - start);
            name[end - start] = '\0';
        }
    }
    return name;
}
