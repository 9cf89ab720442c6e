/*
 * encoding: UTF-16 and UTF-32 drafts, recognised by their byte-order mark
 * (as ripgrep does), are decoded to UTF-8 for linting and encoded back for
 * --fix. Without a mark, text is taken as UTF-8: guessing an encoding from
 * the bytes alone would turn binary files into nonsense findings.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

cli_encoding cli_sniff_bom(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    /* UTF-32LE's mark begins with UTF-16LE's, so it is tested first. */
    if (len >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0)
        return CLI_UTF32LE;
    if (len >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)
        return CLI_UTF32BE;
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return CLI_UTF16LE;
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return CLI_UTF16BE;
    return CLI_UTF8;
}

const char *cli_encoding_name(cli_encoding enc)
{
    static const char *const names[] = {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE",
                                        "UTF-32BE"};
    return names[enc];
}

static size_t unit_size(cli_encoding enc)
{
    return enc == CLI_UTF16LE || enc == CLI_UTF16BE ? 2 : 4;
}

static int big_endian(cli_encoding enc)
{
    return enc == CLI_UTF16BE || enc == CLI_UTF32BE;
}

static uint32_t read_unit(cli_encoding enc, const unsigned char *p)
{
    if (unit_size(enc) == 2)
        return big_endian(enc) ? (uint32_t)p[0] << 8 | p[1] : (uint32_t)p[1] << 8 | p[0];
    return big_endian(enc) ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | p[2] << 8 | p[3]
                           : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | p[1] << 8 | p[0];
}

static size_t put_utf8(char *out, uint32_t c)
{
    if (c < 0x80)
        return out[0] = (char)c, 1;
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | (c >> 6 & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | c >> 18);
    out[1] = (char)(0x80 | (c >> 12 & 0x3F));
    out[2] = (char)(0x80 | (c >> 6 & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* The next code point at data[*at]; an unpaired surrogate, a value past
 * U+10FFFF or a cut-off unit becomes U+FFFD and clears *lossless. */
static uint32_t next_code_point(cli_encoding enc, const unsigned char *p, size_t len,
                                size_t *at, int *lossless)
{
    size_t u = unit_size(enc);
    if (len - *at < u) {
        *at = len;
        *lossless = 0;
        return 0xFFFD;
    }
    uint32_t c = read_unit(enc, p + *at);
    *at += u;
    if (u == 2 && c >= 0xD800 && c <= 0xDBFF && len - *at >= 2) {
        uint32_t low = read_unit(enc, p + *at);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            *at += 2;
            return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        }
    }
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
        *lossless = 0;
        return 0xFFFD;
    }
    return c;
}

int cli_decode(cli_encoding enc, const char *data, size_t len, char **out, size_t *out_len,
               int *lossless)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t at = enc == CLI_UTF16LE || enc == CLI_UTF16BE ? 2 : 4; /* past the mark */
    /* A 2-byte unit becomes at most 3 bytes (a pair of them, 4); a 4-byte
     * unit at most 4. */
    char *buf = malloc(len / 2 * 3 + 4);
    size_t n = 0;
    *lossless = 1;
    if (!buf)
        return FL_ENOMEM;
    while (at < len)
        n += put_utf8(buf + n, next_code_point(enc, p, len, &at, lossless));
    *out = buf;
    *out_len = n;
    return 0;
}

static void put_unit(cli_encoding enc, unsigned char *out, uint32_t v)
{
    size_t u = unit_size(enc);
    for (size_t i = 0; i < u; i++) {
        size_t shift = 8 * (big_endian(enc) ? u - 1 - i : i);
        out[i] = (unsigned char)(v >> shift);
    }
}

/* The code point at s[*at], or UINT32_MAX if the bytes there are not valid
 * UTF-8 (a rewrite could in principle make them so, and writing garbage
 * back into someone's draft is worse than refusing). */
static uint32_t utf8_next(const unsigned char *s, size_t len, size_t *at)
{
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    uint32_t c = s[*at];
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3
             : c >= 0xF0 && c < 0xF5 ? 4 : 0;
    if (n == 0 || n > len - *at)
        return UINT32_MAX;
    c = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t i = 1; i < n; i++) {
        if ((s[*at + i] & 0xC0) != 0x80)
            return UINT32_MAX;
        c = c << 6 | (s[*at + i] & 0x3F);
    }
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return UINT32_MAX;
    *at += n;
    return c;
}

int cli_encode(cli_encoding enc, const char *text, size_t len, char **out, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t u = unit_size(enc), n = 0;
    /* Each byte of UTF-8 becomes at most one 4-byte unit (ASCII in UTF-32). */
    unsigned char *buf = malloc(u + len * 4);
    if (!buf)
        return FL_ENOMEM;
    put_unit(enc, buf, 0xFEFF);
    n = u;
    for (size_t at = 0; at < len;) {
        uint32_t c = utf8_next(s, len, &at);
        if (c == UINT32_MAX) {
            free(buf);
            return FL_EUTF8;
        }
        if (u == 2 && c >= 0x10000) {
            put_unit(enc, buf + n, 0xD800 + ((c - 0x10000) >> 10));
            put_unit(enc, buf + n + 2, 0xDC00 + ((c - 0x10000) & 0x3FF));
            n += 4;
        } else {
            put_unit(enc, buf + n, c);
            n += u;
        }
    }
    *out = (char *)buf;
    *out_len = n;
    return 0;
}
