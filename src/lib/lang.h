/*
 * lang: the language a document declares, as the rules name it. Writers put
 * "fr-BE", "FR", "fra", "French" or "français" in front matter or a lang=
 * attribute; the rules are filed under "fr". Reading only the first two of
 * those made "lang: english" check nothing at all.
 */
#ifndef FL_LANG_H
#define FL_LANG_H

#include <stddef.h>

/**
 * Writes the code the rules use for the declared language `s` (`len` bytes,
 * not NUL-terminated) into `out`, NUL-terminated and truncated to `size`:
 * the lower-case primary subtag of a BCP 47 tag ("fr" of "fr-BE"), or the
 * two-letter code of a language's ISO 639-2 code or of its English or own
 * name ("eng", "English", "español"). Anything else comes out as the ASCII
 * letters that start its first subtag, lower-case, so a notice can name
 * it. Never allocates.
 */
void fl__lang_code(const char *s, size_t len, char *out, size_t size);

#endif
