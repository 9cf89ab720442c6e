/*
 * suppress: inline directives — framelint-disable, framelint-enable and
 * framelint-disable-next-line — applied to a document's findings. A
 * directive names rules by id, ruleset or category, or none for all.
 */
#ifndef FL_SUPPRESS_H
#define FL_SUPPRESS_H

#include "findings.h"
#include "markup.h"

/**
 * Removes the findings that the directives (in document order) switch off.
 * `findings` must be sorted by offset. Never allocates more than a bounded
 * set of active selectors; FL_ENOMEM if that fails.
 */
int fl__suppress(fl_findings *f, const fl_directive *dirs, size_t ndirs,
                 const char *doc, size_t doc_len);

#endif
