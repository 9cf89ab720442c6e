/*
 * markup: which reader reads a format, and which finds its declared
 * language. The readers' shared helpers and output path are in
 * markup_out.c: this file calls the readers, they call markup_out.c, and
 * nothing calls back.
 */
#include "markup.h"

#include "lang.h"

int fl__markup_read(fl_format fmt, const char *data, size_t len,
                    const fl_markup_sink *sink, const fl_allocator *a)
{
    switch (fmt) {
    case FL_FORMAT_PLAIN:
        return fl__markup_plain(data, len, sink, a);
    case FL_FORMAT_MARKDOWN:
        return fl__markup_md(data, len, sink, a);
    case FL_FORMAT_HTML:
        return fl__markup_html(data, len, sink, a);
    case FL_FORMAT_AUTO:
    case FL_FORMAT_DOCX: /* read from the document's package, not its text */
    case FL_FORMAT_ODT:
        break;
    }
    return FL_EINVAL;
}

void fl__markup_language(fl_format fmt, const char *data, size_t len,
                         char *out, size_t size)
{
    size_t off = 0, n = 0;
    if (fmt == FL_FORMAT_MARKDOWN)
        fl__markup_md_lang(data, len, &off, &n);
    else if (fmt == FL_FORMAT_HTML)
        fl__markup_html_lang(data, len, &off, &n);
    fl__lang_code(data + off, n, out, size);
}
