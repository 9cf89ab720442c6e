/*
 * What the test readers (reader_json.h, reader_xml.h, reader_github.h)
 * share: UTF-8 decoding and validation, written apart from the library so
 * that a bug in its escaping cannot hide itself, and error messages. The
 * readers return 0 on success, or -1 with a message in `err`.
 */
#ifndef FL_TEST_READER_UTF8_H
#define FL_TEST_READER_UTF8_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- UTF-8 ----------------------------------------------------------------- */

/* Decodes one code point; returns its length, or 0 for invalid UTF-8
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t chk_utf8(const unsigned char *s, size_t len, uint32_t *cp)
{
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    size_t n = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (!n || n > len)
        return 0;
    uint32_t v = n == 1 ? s[0] : s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static size_t chk_put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A copy of s[0..len) where invalid UTF-8 bytes, and code points for which
 * `bad` says so, become U+FFFD: what a format promises to emit. malloc'd. */
static char *chk_replaced(const char *s, size_t len, int (*bad)(uint32_t cp), size_t *out_len)
{
    char *out = malloc(len * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = chk_utf8((const unsigned char *)s + i, len - i, &cp);
        if (!n || (bad && bad(cp))) {
            o += chk_put_utf8(out + o, 0xFFFD);
            i += n ? n : 1;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int chk_fail(char *err, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* XML 1.0's Char production. */
static int xml_is_char(uint32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Valid UTF-8 throughout, and with `xml`, only XML characters. */
static int chk_chars(const char *s, size_t len, int xml, char *err, size_t errsize)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = chk_utf8((const unsigned char *)s + i, len - i, &cp);
        if (!n)
            return chk_fail(err, errsize, "invalid UTF-8 at byte %zu", i);
        if (xml && !xml_is_char(cp))
            return chk_fail(err, errsize, "U+%04X is not an XML character (byte %zu)", (unsigned)cp,
                            i);
        i += n;
    }
    return 0;
}

#endif
