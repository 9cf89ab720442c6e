/*
 * ruleset: the in-memory model of rule files — lists of words and the rules
 * that use them — and the public fl_ruleset API around it. Parsing lives in
 * ruleset_yaml.c, matching structures in match.h; this module owns the
 * objects and their lifetime (one arena per ruleset).
 */
#ifndef FL_RULESET_H
#define FL_RULESET_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "framelint/framelint.h"

#include "arena.h"
#include "error.h"
#include "frozen.h"
#include "strmap.h"
#include "vec.h"

typedef struct fl_matcher fl_matcher;

/** A list of NUL-terminated strings in the ruleset's arena. */
typedef struct fl_strlist {
    const char **items;
    size_t count;
} fl_strlist;

/** Where a sentence-level or paragraph-level condition looks. */
typedef enum fl_unit {
    FL_UNIT_SENTENCE = 1,
    FL_UNIT_PARAGRAPH = 2,
    FL_UNIT_DOCUMENT = 3, /* gates only: the document is about the list's topic */
    FL_UNIT_PASSAGE = 4   /* gates: the words before the match in its sentence
                             and the two sentences before, across paragraph
                             breaks; density: up to three sentences in a row
                             (tabloid and wire copy put one sentence in each
                             paragraph) */
} fl_unit;

/** A named list of words and phrases (`lists:` in a rule file), or an
 *  anonymous one written inline in a rule. */
typedef struct fl_list {
    const char *name;     /* NULL for inline lists */
    const char *language;
    fl_strlist phrases;
    const char *file;
    unsigned line, column;
    uint32_t id;          /* index in its language's matcher, after compile */
} fl_list;

/** What a gate tests: words of a list, or a group of gates. */
typedef enum fl_gate_kind {
    FL_GATE_LIST = 0, /* some phrase of `list` stands within reach */
    FL_GATE_ANY = 1,  /* at least one of `parts` holds */
    FL_GATE_ALL = 2,  /* every one of `parts` holds */
    FL_GATE_NAMED = 3, /* a named gate (`gates:` in a rule file), resolved at
                          compile time from a name written like a list's */
    FL_GATE_NONE = 4   /* not one of `parts` holds */
} fl_gate_kind;

/**
 * A condition on the words around a match: some phrase of `list` stands near
 * it in the same sentence or paragraph — anywhere, or at most `before` words
 * before it and `after` words after it — or the document as a whole is about
 * the list's topic (`FL_UNIT_DOCUMENT`, settled by lint.c once the document
 * has been read). Groups
 * (`any:`, `all:`, `none:`) combine gates, so one rule can say "a word for migrants
 * after it, or a word for people and a crossing place nearby". Used for
 * context (all must hold), unless (any vetoes), triggers and proximity; the
 * last two take list gates only.
 */
typedef struct fl_gate {
    fl_gate_kind kind;
    const char *list_name; /* a named list, or NULL when `list` is inline */
    fl_list *list;         /* resolved at compile time */
    int bounded;           /* 0: anywhere in the unit */
    unsigned before, after; /* words, when bounded */
    fl_unit unit;
    struct fl_gate *parts; /* FL_GATE_ANY, FL_GATE_ALL, FL_GATE_NONE */
    size_t nparts;
    const struct fl_gate *named; /* FL_GATE_NAMED: the named gate's body */
    int by_name;           /* written as a bare name, so it may be a named gate */
    unsigned line, column;
} fl_gate;

/** A gate with a name (`gates:` in a rule file), shared like a list by every
 *  rule of its language: "a migrant word after it, or people and a crossing
 *  place nearby" written once. */
typedef struct fl_named_gate {
    const char *name;
    const char *language;
    const char *file;
    fl_gate gate;
    int state;             /* compile time: 0 unresolved, 1 resolving, 2 done */
} fl_named_gate;

/* Groups nest at most this deep (a group of groups of list gates is 2). */
#define FL_MAX_GATE_DEPTH 4

/** How a term's phrases are inflected (English); a bit set. */
enum {
    FL_AS_NOUN = 1u << 0,   /* + plural of the head noun */
    FL_AS_VERB = 1u << 1,   /* + -s, -ed, -ing of the first word */
    FL_AS_PHRASE = 1u << 2  /* exactly as written */
};

/* A rule scope beyond the readers' fl_scope bits: the first sentence of a
 * caption, the one that says what the picture shows (in wire captions the
 * sentences after it are background, read like body text). */
#define FL_SCOPE_PICTURE (1u << 6)

typedef struct fl_term {
    fl_strlist match;    /* phrases as written */
    fl_strlist forms;    /* extra forms, matched literally */
    fl_strlist suggest;  /* rewrites for the base form, best first */
    unsigned as;         /* FL_AS_* */
    fl_severity severity; /* FL_SEVERITY_OFF: the rule's */
    const char *message;  /* NULL: the rule's */
} fl_term;

/** What the density rules count. */
enum {
    FL_COUNT_NUMBER = 1u << 0,
    FL_COUNT_PERCENT = 1u << 1,
    FL_COUNT_MONEY = 1u << 2
};

struct fl_rule {
    const char *id;        /* "ruleset.name" */
    const char *ruleset;
    const char *category;
    const char *language;
    const char *guidance;
    const char *message;
    const char *explain;
    const char *summary;   /* first sentence of explain */
    const char *source;
    const char *precision; /* what the rule gives up to stay precise; "" if nothing */
    const char *file;
    unsigned line, column;
    size_t index;          /* position in the ruleset */
    fl_rule_kind kind;
    fl_severity severity;  /* after overrides */
    unsigned scopes;       /* FL_SCOPE_* bits */
    fl_gate *context;      /* all must hold */
    size_t ncontext;
    fl_gate *unless;       /* any one vetoes */
    size_t nunless;
    fl_list *topic;        /* the list its document gates name (compile time) */
    fl_list *except;       /* phrases that veto an overlapping match; may be NULL */
    fl_strlist examples_flag, examples_pass;
    int can_fix;
    int quote_is_speech;   /* `quote: speech`: a quotation holding only the
                              match reports someone saying it (a chant, a
                              slogan), not a word being discussed */
    /* term */
    fl_term *terms;
    size_t nterms;
    /* pattern */
    const char *pattern;
    int caseless;
    /* The regex runs only on sentences with a hit of trigger[0]'s list and,
     * when ntrigger is 2, of trigger[1]'s too: a second kind of word the
     * pattern needs spares it the sentences that have only the first. */
    fl_gate *trigger;      /* NULL: no trigger */
    size_t ntrigger;       /* 1 or 2 */
    fl_strlist suggest;    /* pattern rules: rewrites, with $1…$9 */
    void *code;            /* pcre2_code *, owned */
    atomic_int jitted;     /* code JIT-compiled (or tried); match_pattern.c */
    /* proximity */
    fl_gate *near;         /* all must meet within `window` words */
    size_t nnear;
    unsigned window;
    /* density */
    unsigned count;        /* FL_COUNT_* */
    fl_unit unit;
    unsigned min;          /* fires at this many figures or more (0: unused) */
    unsigned per_100_words; /* fires at this many per 100 words or more (0: unused) */
    unsigned min_words;    /* ... in units of at least this many words */
    unsigned run;          /* sentence unit: fires on this many sentences in a
                              row, each with `min` figures or more (0: unused) */
    unsigned sentence_max; /* passage unit: passages with a sentence that has
                              more figures than this are left to the sentence
                              rules (0: no limit) */
};

struct fl_ruleset {
    fl_allocator allocator;      /* the caller's, copied */
    const fl_allocator *alloc;   /* &allocator */
    fl_arena arena;
    FL_VEC(fl_rule *) rules;
    fl_strmap ids;               /* rule id -> rule, rules being loaded too */
    FL_VEC(fl_list *) lists;     /* named and inline */
    FL_VEC(fl_named_gate *) gates;
    FL_VEC(const char *) allowed;
    FL_VEC(const char *) names;  /* declared names (fl_ruleset_add_name) */
    int compiled;
    /* Whether anything but the embedded rules went in: a rule file or
     * buffer, a severity, an allowed word or a name. Until then, with the
     * embedded rules added by one call, each language's matcher is the one
     * frozen from the same rules at build time, and match_frozen.c need not
     * compare the ruleset with the frozen key phrase by phrase. */
    int changed;
    unsigned default_calls;      /* calls that added embedded rules */
    const fl_frozen *frozen;     /* what the build froze (&fl__frozen); NULL:
                                    nothing is taken from it (tests) */
    fl_matcher **matchers;       /* one per language, after compile */
    size_t nmatchers;
    /* Set by fl_ruleset_compile (match_compile.c), which owns what the
     * matchers are: fl_ruleset_free calls it and knows nothing of them. */
    void (*free_matchers)(fl_ruleset *rs);
    void *pcre_general;          /* pcre2_general_context *, for our allocator */
    void *pcre_match;            /* pcre2_match_context *, with limits */
    pthread_mutex_t jit_lock;    /* held while a pattern is JIT-compiled */
};

/* Limits a user's rule files cannot exceed. */
#define FL_MAX_RULES 100000
#define FL_REGEX_MATCH_LIMIT 1000000u
#define FL_REGEX_DEPTH_LIMIT 10000u
#define FL_REGEX_HEAP_LIMIT_KIB 20000u
#define FL_REGEX_LIMIT_HITS 10u /* sentences per document before a rule stops */
/* Matches of one pattern rule in one sentence before the rest of the
 * sentence is left unread for it: the regex library checks the text from
 * each match onwards before the next, so a sentence with a match every few
 * words cost its length for each (10,000 in a 130 KB line took 2.4 s). No
 * real sentence comes near. */
#define FL_REGEX_SENTENCE_MATCHES 100u
/* The first attempt at a match: free of the budgets (see fl_regex_state).
 * The retries multiply the limit by 4 up to FL_REGEX_MATCH_LIMIT. */
#define FL_REGEX_CHEAP_STEPS 10000u

/** Parses one YAML rule file into `rs` (ruleset_yaml.c). */
int fl__ruleset_parse(fl_ruleset *rs, const char *name, const char *data,
                      size_t len, fl_error *err);
/** The same from a tree frozen at build time (yaml_tree.h), for the
 * embedded rules: no YAML parsing at start-up. The rules keep pointers
 * into `frozen`, which must outlive the ruleset (it is the program's). */
int fl__ruleset_thaw(fl_ruleset *rs, const char *name, const unsigned char *frozen,
                     size_t len, fl_error *err);

/** A named list of `language`, or NULL. */
/** Rebuilds `ids` from `rules` after a failed load, forgetting the ids of
 *  the rules that were not added. Never allocates. */
void fl__ruleset_reindex(fl_ruleset *rs);

fl_list *fl__ruleset_find_list(const fl_ruleset *rs, const char *name,
                               const char *language);

/** A named gate of `language`, or NULL. */
fl_named_gate *fl__ruleset_find_gate(const fl_ruleset *rs, const char *name,
                                     const char *language);

/**
 * The first gate among `g[0..n)` (groups and named gates searched) that reads
 * the whole document and names a list other than `*name` — any one, when
 * `*name` is NULL. Callers find a rule's topic list with *name = NULL, then
 * check that no second list is named.
 */
const fl_gate *fl__gates_document(const fl_gate *g, size_t n, const char *const *name);

/**
 * Does `selector` (len bytes) name this rule: its full id, its ruleset, its
 * category, or "*"? Shared by severity overrides and inline directives.
 */
int fl__rule_selected(const fl_rule *r, const char *selector, size_t len);

/** FL_OK while rules may still be added; FL_EINVAL (with a message) for
 *  NULL or a compiled ruleset. */
int fl__ruleset_check_mutable(const fl_ruleset *rs, fl_error *err);

#endif
