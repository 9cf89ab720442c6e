/*
 * xml_out: XML 1.0 attribute values from arbitrary bytes. Drafts and paths can
 * hold control characters and invalid UTF-8; the document must stay
 * well-formed whatever they contain.
 */
#include "report.h"
#include "text.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* XML 1.0's Char production: tab, LF, CR, and everything from U+0020 up
 * except surrogates (which the decoder already rejects), U+FFFE and U+FFFF. */
static int xml_char(int32_t cp)
{
    if (cp < 0x20)
        return cp == '\t' || cp == '\n' || cp == '\r';
    return cp != 0xFFFE && cp != 0xFFFF;
}

static const char *entity(int32_t cp)
{
    switch (cp) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&apos;";
    /* A parser turns raw tab, LF and CR in an attribute into spaces. */
    case '\t':
        return "&#9;";
    case '\n':
        return "&#10;";
    case '\r':
        return "&#13;";
    default:
        return NULL;
    }
}

int fl__xml_escape(fl_buf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    int error = 0;
    for (size_t i = 0; i < len && error == 0;) {
        int32_t cp;
        size_t n = fl__utf8_decode(u + i, len - i, &cp);
        const char *e = cp >= 0 ? entity(cp) : NULL;
        if (e)
            error = fl__buf_puts(out, e);
        else if (cp < 0 || !xml_char(cp))
            error = fl__buf_puts(out, REPLACEMENT);
        else
            error = fl__buf_put(out, s + i, n);
        i += n;
    }
    return error;
}
