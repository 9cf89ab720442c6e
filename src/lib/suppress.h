/*
 * suppress: inline directives — framelint-disable, framelint-enable and
 * framelint-disable-next-line — applied to a document's findings. A
 * directive names rules by id, ruleset or category, or none for all.
 */
#ifndef FL_SUPPRESS_H
#define FL_SUPPRESS_H

#include "findings.h"
#include "markup.h"
#include "match.h"

/**
 * Removes the findings that the directives (in document order) switch off.
 * `findings` must be sorted by offset. Adds a notice through `sink` for each name
 * that selects no rule of `rs` (with the nearest one, if any) and for each
 * comment never closed (FL_DIRECTIVE_UNCLOSED_COMMENT). Memory grows with
 * the distinct names the directives use; FL_ENOMEM if it cannot.
 */
int fl__suppress(fl_findings *f, const fl_ruleset *rs, const fl_directive *dirs,
                 size_t ndirs, const char *doc, size_t doc_len, const fl_match_sink *sink);

#endif
