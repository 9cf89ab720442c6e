/*
 * lsp_json: typed access to params and construction of replies. Every
 * builder tolerates a NULL argument (out of memory earlier) and passes the
 * failure on, so callers check once at the end.
 */
#include "lsp_json.h"

#include <stdlib.h>
#include <string.h>

json_t *lsp_obj(const json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_object(v) ? v : NULL;
}

const char *lsp_str(const json_t *o, const char *key, size_t *len)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    if (!json_is_string(v))
        return NULL;
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

int lsp_uint(const json_t *o, const char *key, size_t *out)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return -1;
    *out = (size_t)json_integer_value(v);
    return 0;
}

int lsp_true(const json_t *o, const char *key)
{
    return json_is_object(o) && json_is_true(json_object_get(o, key));
}

int lsp_has_string(const json_t *o, const char *key, const char *value)
{
    json_t *a = json_is_object(o) ? json_object_get(o, key) : NULL;
    size_t i;
    json_t *v;
    json_array_foreach(a, i, v)
    {
        if (json_is_string(v) && !strcmp(json_string_value(v), value))
            return 1;
    }
    return 0;
}

/* Length of the well-formed UTF-8 sequence at s[i], or 0. Refuses
 * overlong forms, surrogates and values past U+10FFFF, as jansson does. */
static size_t utf8_seq(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (n == 0 || i + n > len)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    }
    if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0) ||
        (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90))
        return 0;
    return n;
}

json_t *lsp_string(const char *s, size_t len)
{
    json_t *v = json_stringn(s, len);
    if (v)
        return v;
    char *clean = malloc(len * 3 + 1);
    if (!clean)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        size_t n = utf8_seq((const unsigned char *)s, i, len);
        if (n) {
            memcpy(clean + w, s + i, n);
            w += n;
            i += n;
        } else {
            memcpy(clean + w, "\xEF\xBF\xBD", 3);
            w += 3;
            i++;
        }
    }
    v = json_stringn(clean, w);
    free(clean);
    return v;
}

json_t *lsp_cstring(const char *s)
{
    return lsp_string(s, strlen(s));
}

int lsp_read_position(const json_t *o, lsp_position *out)
{
    if (!json_is_object(o) || lsp_uint(o, "line", &out->line) < 0 ||
        lsp_uint(o, "character", &out->character) < 0)
        return -1;
    return 0;
}

int lsp_read_range(const json_t *o, lsp_position *start, lsp_position *end)
{
    if (lsp_read_position(lsp_obj(o, "start"), start) < 0 ||
        lsp_read_position(lsp_obj(o, "end"), end) < 0)
        return -1;
    return 0;
}

static json_t *position(lsp_position p)
{
    return json_pack("{s:I,s:I}", "line", (json_int_t)p.line, "character",
                     (json_int_t)p.character);
}

json_t *lsp_range(lsp_position start, lsp_position end)
{
    return json_pack("{s:o,s:o}", "start", position(start), "end", position(end));
}

json_t *lsp_response(const json_t *id, json_t *result)
{
    return json_pack("{s:s,s:O,s:o}", "jsonrpc", "2.0", "id", id, "result",
                     result ? result : json_null());
}

json_t *lsp_error_response(const json_t *id, int code, const char *message)
{
    json_t *null = json_null();
    json_t *msg = json_pack("{s:s,s:O,s:{s:i,s:o}}", "jsonrpc", "2.0", "id", id ? id : null,
                            "error", "code", code, "message", lsp_cstring(message));
    json_decref(null);
    return msg;
}

json_t *lsp_message(const char *method, const char *id, json_t *params)
{
    json_t *msg = json_pack("{s:s,s:s,s:o}", "jsonrpc", "2.0", "method", method, "params",
                            params ? params : json_object());
    if (id && lsp_set(msg, "id", json_string(id)) < 0) {
        json_decref(msg);
        return NULL;
    }
    return msg;
}

int lsp_set(json_t *o, const char *key, json_t *value)
{
    if (!o || !value) {
        json_decref(value);
        return -1;
    }
    return json_object_set_new(o, key, value) == 0 ? 0 : -1;
}

int lsp_append(json_t *a, json_t *value)
{
    if (!a || !value) {
        json_decref(value);
        return -1;
    }
    return json_array_append_new(a, value) == 0 ? 0 : -1;
}
