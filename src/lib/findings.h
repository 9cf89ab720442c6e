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

struct fl_list;

/* Why fl_fix leaves a finding as it is (fl_finding_fix_note). */
typedef enum fl_kept {
    FL_KEPT_NOT = 0,  /* rewritten, when it has a rewrite */
    FL_KEPT_QUOTED,   /* inside a quotation: someone else's words */
    FL_KEPT_NAME,     /* inside a name */
    FL_KEPT_HASHTAG,  /* a hashtag: another tag is another campaign */
    FL_KEPT_REPORTED, /* reported speech: what someone said, paraphrased */
    FL_KEPT_NAMED,    /* the words are named ("the term …"), not used */
    FL_KEPT_SPAN,     /* crosses a line break, markup or a quotation mark */
    FL_KEPT_READONLY, /* text the reader cannot write back */
    FL_KEPT_INSIDE,   /* inside a finding whose rewrite replaces it */
    FL_KEPT_OVERLAP,  /* crosses another rewrite: the two would garble */
    FL_KEPT_GRAMMAR,  /* no rewrite reads right before the next word */
    FL_KEPT_BYTES     /* holds bytes that are not UTF-8: a rewrite would drop them */
} fl_kept;

struct fl_finding {
    const fl_rule *rule;
    fl_severity severity;
    size_t off, len;
    const char *message;       /* in the findings' arena */
    const char **suggestions;  /* in the findings' arena */
    size_t nsuggestions;
    fl_kept kept;              /* FL_KEPT_NOT: see fl_finding_can_fix */
    int joins;                 /* its span starts inside the previous
                                  rewritten one, on words both rewrites
                                  keep: fl_fix writes the two as one */
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
    /* Past FL_MAX_FINDINGS (fl__findings_keep_within_limit): whether the
     * list is closed, and where the first finding it could not keep
     * starts (SIZE_MAX: none lost). The offsets of findings that waited on
     * a document topic are kept by topic: when the draft turns out not to
     * be about it, they were never findings (lint.c's settle_topics).
     * Topics past the last slot count as lost. */
    int full;
    size_t compact_at;
    size_t lost_at;
    struct {
        const struct fl_list *topic;
        size_t lost_at;
    } lost_if_topic[4];
    uint64_t words;            /* word tokens the rules read (fl_findings_word_count) */
    /* What linted them, so fl_fix can lint its own result again. */
    const fl_ruleset *rs;
    fl_severity min_severity;
};

int fl__findings_new(fl_findings **out, const fl_allocator *a);

/** Adds a finding whose strings already live in f->arena; once the list
 *  is closed (fl__findings_keep_within_limit), only where it starts is
 *  remembered. */
int fl__findings_add(fl_findings *f, const fl_finding *x);

/** Called between blocks. When the list has grown past FL_MAX_FINDINGS
 *  (and by a quarter of the limit since the last call that did any work),
 *  first removes what the end of the document would remove anyway: a
 *  repeat, and a finding inside another (a finding still waiting on its
 *  topic holds nothing inside it, since it may yet go). If more than
 *  FL_MAX_FINDINGS are still left, the list keeps the first
 *  FL_MAX_FINDINGS by offset and is closed. A quarter's growth between
 *  passes keeps the work linear in the findings added. FL_ENOMEM. */
int fl__findings_keep_within_limit(fl_findings *f);

int fl__findings_vnotice(fl_findings *f, size_t off, const char *fmt, va_list ap)
    FL_PRINTF(3, 0);

/** Sorts by offset, then rule order, and removes a repeat of the same rule on
 *  the same span. */
void fl__findings_sort(fl_findings *f);

/** Removes each finding on words (a term or pattern rule's) whose span lies
 *  inside the span of another such finding of the same category and at
 *  least its severity ("aliens" inside "illegal aliens"): one problem,
 *  reported once, by the rule that saw more of it (on equal spans, the
 *  earlier rule). A finding still waiting on its topic removes nothing.
 *  Keeps the order. FL_ENOMEM. */
int fl__findings_drop_contained(fl_findings *f);

/** Decides which findings fl_fix rewrites, once the findings are sorted,
 *  folded and suppressed. Of findings with rewrites whose spans overlap, the
 *  one around the others is rewritten and those inside it are not
 *  (FL_KEPT_INSIDE; on one span, the more severe, then the rule loaded
 *  first). Spans that cross are rewritten only when the words they share
 *  stand at the end of the first one's rewrite and the start of the
 *  second's ("oleada de" + "de ilegales": `joins`); otherwise none of them
 *  is (FL_KEPT_OVERLAP), since the rewrite of one would leave the other's
 *  words half changed. `doc` is the document's text. FL_ENOMEM. */
int fl__findings_settle_rewrites(fl_findings *f, const char *doc);

/** Why fl_fix leaves `x` ("" when it does not, or has nothing to apply). */
const char *fl__kept_note(fl_kept kept);

#endif
