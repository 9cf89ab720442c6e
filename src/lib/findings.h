/*
 * findings: the result of linting one document — findings and notices —
 * with every string in one arena, so fl_findings_free is one call.
 */
#ifndef FL_FINDINGS_H
#define FL_FINDINGS_H

#include <stdarg.h>

#include "framelint/framelint.h"

#include "arena.h"
#include "error.h"
#include "vec.h"

struct fl_finding {
    const fl_rule *rule;
    fl_severity severity;
    size_t off, len;
    const char *message;       /* in the findings' arena */
    const char **suggestions;  /* in the findings' arena */
    size_t nsuggestions;
    int fixable;               /* see fl_finding_can_fix */
    int if_topic;              /* kept only if the document turns out to be
                                  about its rule's topic (lint.c) */
};

typedef struct fl_notice {
    const char *message;
    size_t off;
} fl_notice;

struct fl_findings {
    fl_allocator allocator;
    const fl_allocator *alloc; /* &allocator */
    fl_arena arena;
    FL_VEC(fl_finding) items;
    FL_VEC(fl_notice) notices;
    char language[16];
    size_t dropped;            /* findings beyond FL_MAX_FINDINGS */
    uint64_t words;            /* word tokens the rules read (fl_findings_word_count) */
};

int fl__findings_new(fl_findings **out, const fl_allocator *a);

/** Adds a finding whose strings already live in f->arena. Past
 *  FL_MAX_FINDINGS it is counted as dropped instead. */
int fl__findings_add(fl_findings *f, const fl_finding *x);

int fl__findings_vnotice(fl_findings *f, size_t off, const char *fmt, va_list ap)
    FL_PRINTF(3, 0);

/** Sorts by offset, then rule order, and removes a repeat of the same rule on
 *  the same span. */
void fl__findings_sort(fl_findings *f);

/** Removes each finding on words (a term or pattern rule's) whose span lies
 *  inside the span of another such finding of the same category and at
 *  least its severity ("aliens" inside "illegal aliens"): one problem,
 *  reported once, by the rule that saw more of it (on equal spans, the
 *  earlier rule). Keeps the order. FL_ENOMEM. */
int fl__findings_drop_contained(fl_findings *f);

#endif
