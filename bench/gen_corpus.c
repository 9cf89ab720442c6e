/*
 * gen_corpus: writes a Markdown corpus of comms drafts about migration for the benchmark.
 * Same arguments, same bytes, on any machine: its own PRNG with a fixed seed, integer
 * arithmetic only, never time() or rand(). Sizes are decimal: 1 KB = 1,000 bytes, 1 MB = 10^6.
 *
 *   gen_corpus OUTDIR TOTAL_MB FILES   writes OUTDIR/draft-00000.md ... (OUTDIR must exist)
 *   gen_corpus --single OUT.md KB      writes one draft of exactly KB kilobytes
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED 0x6672616d656c6e74u  /* "framelnt" */
#define SINGLE_SALT 0x5349u       /* --single gets its own stream, not a copy of draft-00000 */
#define MAX_FILES 99999u          /* five-digit names, so a plain sort lists them in order */
#define MAX_TOTAL_MB 10000u       /* 10 GB; past that a typo is likelier than a wish */
#define MIN_FILE_BYTES 2000u      /* average; sizes vary by +-50%, so the smallest holds 1 KB */
#define MAX_FILE_BYTES 100000000u /* average; each draft is built in memory before writing */
#define TAIL_MIN 64u              /* a block is kept only if this much room is left after it */
#define WRAP_COL 80u              /* half the drafts are hard-wrapped, as many editors do */

/* --- deterministic randomness ------------------------------------------------------------ */

typedef struct rng {
    uint64_t s;
} rng;

/* splitmix64: tiny, fast, and fully specified, so the corpus is the same everywhere. */
static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint32_t rng_below(rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

static int one_in(rng *r, uint32_t n)
{
    return rng_below(r, n) == 0;
}

#define COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[rng_below((r), COUNT(a))])

/* --- output buffer ----------------------------------------------------------------------- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gen_corpus: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void put_n(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            die("out of memory");
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void put(buf *b, const char *s)
{
    put_n(b, s, strlen(s));
}

static void putf(buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        die("internal: formatted piece too long");
    put_n(b, tmp, (size_t)n);
}

/* --- vocabulary -------------------------------------------------------------------------- */
/* Word lists are packed by hand; clang-format would put one word on each line. */
/* clang-format off */

static const char *const SUBJECTS[] = {
    "The council", "Local volunteers", "Our team", "The new clinic", "Many refugees",
    "Asylum seekers in the town", "Newcomers", "The ministry", "Teachers",
    "Employers in the region", "A nurse who arrived in 2016", "The mayor",
    "Migrants working in care homes", "The border agency", "Families", "The library",
    "Students at the college", "The football club", "Our partners", "The housing office",
    "Residents", "The regional paper", "Young people", "The charity"};
static const char *const VERBS[] = {
    "welcomed", "supported", "opened", "reviewed", "funded", "described", "visited", "announced",
    "expanded", "praised", "organised", "discussed", "improved", "translated", "shared",
    "questioned", "planned", "joined", "launched", "explained"};
static const char *const ADJECTIVES[] = {
    "new", "local", "weekly", "small", "regional", "free", "shared", "public", "private", "young",
    "annual", "digital", "rural", "urban", "bilingual", "informal", "temporary", "permanent",
    "volunteer", "municipal", "independent", "practical", "affordable", "careful", "seasonal"};
static const char *const NOUNS[] = {
    "workshop", "kitchen", "choir", "orchestra", "allotment", "bakery", "clinic", "nursery",
    "tenancy", "apprenticeship", "pharmacy", "theatre", "newsletter", "hotline", "podcast",
    "exhibition", "helpdesk", "playground", "cooperative", "scholarship", "residency", "garage",
    "translation service", "cricket team", "sewing circle", "walking group", "repair café",
    "food bank", "tutoring scheme", "legal clinic"};
static const char *const OBJECTS[] = {
    "the language classes", "a new housing scheme", "the weekend market", "the asylum procedure",
    "training for care workers", "the community garden", "an evening course in accounting",
    "the reception centre", "a job fair for newcomers", "the bus route to the industrial park",
    "the findings of the survey", "a mentoring programme", "the school's homework club",
    "the new guidance on family reunion", "a festival of food and music", "the border crossing",
    "support for refugee entrepreneurs", "the waiting times for appointments", "the budget"};
static const char *const CLAUSES[] = {
    "because demand kept rising", "after months of planning", "while the weather stayed dry",
    "so that families could stay together", "despite a tight budget", "with help from the library",
    "before the summer holidays", "as the report recommended", "once the permits arrived",
    "although the timetable slipped", "with the support of local employers",
    "after residents asked for it"};
static const char *const OPENERS[] = {
    "Meanwhile,", "In March,", "According to the report,", "At the same time,",
    "For many residents,", "Last year,", "In the end,", "By contrast,", "Since then,",
    "In practice,"};
static const char *const NAMES[] = {
    "Amira", "José", "Olena", "Tomasz", "Fatima", "Chen Wei", "Nnamdi", "Aisha", "Marek", "Leila",
    "Søren", "Zoë"};
static const char *const PLACES[] = {
    "Zürich", "Marseille", "Leeds", "Malmö", "Tangier", "Lampedusa", "Gdańsk", "Bilbao", "Tampere",
    "Ceuta", "Thessaloniki", "Rotterdam"};
/* About one sentence in 200: the phrases the default rules should flag. */
static const char *const LOADED[] = {
    "Some headlines still speak of a flood of migrants at the southern border.",
    "A caller said illegal immigrants were taking local jobs.",
    "One comment described a swarm of migrants near the port.",
    "“These people do not belong here,” one post read.",
    "The leaflet warned of a wave of refugees arriving by spring.",
    "A columnist wrote that the town was swamped by asylum seekers.",
    "The flyer called the newcomers illegals and demanded they be sent back."};
/* The same words in their literal senses, which the rules must leave alone. */
static const char *const LITERAL[] = {
    "The flood damaged the bridge on the river road.",
    "A heat wave kept the outdoor classes short in July.",
    "A wave of layoffs at the plant hit the whole valley.",
    "Flood insurance costs rose again this year.",
    "Volunteers moved a swarm of bees from the school roof.",
    "The stream behind the garden dried up in August.",
    "A surge in demand for bikes surprised the repair café."};
static const char *const HEADINGS[] = {
    "Background", "What we are doing", "Key figures", "Voices from the community", "Next steps",
    "How to get involved", "Questions and answers", "About the programme", "Contact"};
static const char *const ALTS[] = {
    "A volunteer teaching a language class in the library", "Two nurses on a hospital ward",
    "Children planting tomatoes in the community garden", "A family cooking dinner together",
    "A bakery owner handing bread across the counter", "Apprentices in a bicycle workshop",
    "A football team celebrating a goal"};
/* One image in eight carries the crisis imagery the caption rules look for. */
static const char *const CRISIS_ALTS[] = {
    "An overcrowded boat approaching the coast at dawn",
    "Migrants crowded behind a barbed-wire fence", "A dinghy packed with people in rough sea"};
static const char *const ITEMS[] = {
    "Free language classes on Tuesday evenings", "Advice on housing and tenancy rights",
    "A drop-in clinic at the town hall", "Mentors for job interviews",
    "Childcare during training sessions", "Help with recognising foreign qualifications",
    "A buddy scheme for new pupils", "Translated leaflets in six languages"};
/* Padding words indexed by their length, to end a draft on an exact byte count. */
static const char *const FILL[] = {
    "", "a", "an", "the", "also", "today", "people", "between", "together", "community",
    "volunteers", "information", "appointments", "neighbourhood", "neighbourhoods"};
#define FILL_MAX 14u

static const char *const TITLES[] = {
    "Newcomers open a café in {place}", "Language classes for families in {place}",
    "Asylum process: what changes in {year}", "Refugee nurses join the hospital in {place}",
    "Our {year} report on migration", "Volunteers needed for the welcome programme",
    "Press release: {subject} {verb} {object}"};
/* clang-format on */

/* --- template slots ---------------------------------------------------------------------- */
/* A {slot} draws from the PRNG inside its own function, one statement at a time: C leaves
 * the order of argument evaluation unspecified, and two draws in one call would make the
 * corpus depend on the compiler. */

static void slot_count(buf *b, rng *r)
{
    uint32_t n = 10 + rng_below(r, 99990);
    if (n >= 1000)
        putf(b, "%u,%03u", n / 1000, n % 1000);
    else
        putf(b, "%u", n);
}

static void slot_pct(buf *b, rng *r)
{
    uint32_t whole = rng_below(r, 40);
    uint32_t tenth = rng_below(r, 10);
    putf(b, "%u.%u%%", whole, tenth);
}

static void slot_money(buf *b, rng *r)
{
    uint32_t kind = rng_below(r, 3);
    uint32_t n = 1 + rng_below(r, 99);
    if (kind == 0)
        putf(b, "€%ubn", n % 9 + 1);
    else if (kind == 1)
        putf(b, "£%um", n * 9);
    else
        putf(b, "$%u.%u million", n, n % 10);
}

static void slot_year(buf *b, rng *r)
{
    putf(b, "%u", 2015 + rng_below(r, 10));
}

static void slot_date(buf *b, rng *r)
{
    uint32_t day = rng_below(r, 10 * 12 * 28);
    putf(b, "%u-%02u-%02u", 2015 + day / 336, day / 28 % 12 + 1, day % 28 + 1);
}

static void slot_updown(buf *b, rng *r)
{
    put(b, one_in(r, 2) ? "up" : "down");
}

static void slot_place(buf *b, rng *r)
{
    put(b, PICK(r, PLACES));
}

static void slot_name(buf *b, rng *r)
{
    put(b, PICK(r, NAMES));
}

/* Surnames built from common syllables give the corpus the long tail of rare words that real
 * text has; their onsets never start the benchmark's made-up rule terms (see gen_rules.c). */
static void slot_surname(buf *b, rng *r)
{
    static const char *const ONSET[] = {"B", "D", "F", "G", "H", "K", "L",
                                        "M", "N", "P", "R", "S", "T", "W"};
    static const char *const ONSET_LC[] = {"b", "d", "f", "g", "h", "k", "l",
                                           "m", "n", "p", "r", "s", "t", "w"};
    static const char *const VOWEL[] = {"a", "e", "i", "o", "u", "ei", "ou"};
    static const char *const CODA[] = {"", "n", "r", "l", "s", "k", "m", "nd", "rt"};
    uint32_t syllables = 2 + rng_below(r, 2);
    for (uint32_t i = 0; i < syllables; i++) {
        put(b, i ? PICK(r, ONSET_LC) : PICK(r, ONSET));
        put(b, PICK(r, VOWEL));
        put(b, PICK(r, CODA));
    }
}

static void slot_adj(buf *b, rng *r)
{
    put(b, PICK(r, ADJECTIVES));
}

static void slot_noun(buf *b, rng *r)
{
    put(b, PICK(r, NOUNS));
}

static void slot_subject(buf *b, rng *r)
{
    put(b, PICK(r, SUBJECTS));
}

/* After an opener ("Meanwhile, ...") the subject goes on the sentence, so it loses its
 * capital; every subject starts with an ASCII letter. */
static void slot_subject_lc(buf *b, rng *r)
{
    const char *s = PICK(r, SUBJECTS);
    putf(b, "%c%s", s[0] >= 'A' && s[0] <= 'Z' ? s[0] - 'A' + 'a' : s[0], s + 1);
}

static void slot_verb(buf *b, rng *r)
{
    put(b, PICK(r, VERBS));
}

static void slot_object(buf *b, rng *r)
{
    put(b, PICK(r, OBJECTS));
}

static void slot_opener(buf *b, rng *r)
{
    put(b, PICK(r, OPENERS));
}

static void slot_clause(buf *b, rng *r)
{
    if (one_in(r, 3))
        putf(b, " %s", PICK(r, CLAUSES));
}

/* Links and inline code inside prose: the reader must skip the URL and the code span. */
static void slot_aside(buf *b, rng *r)
{
    uint32_t k = rng_below(r, 120);
    uint32_t year = 2015 + k % 10;
    if (k < 10)
        putf(b, " (see [the full report](https://example.org/reports/arrivals-%u))", year);
    else if (k < 13)
        putf(b, ", and the press kit is in `press-kit-%u.zip`", year);
}

static void slot_heading(buf *b, rng *r)
{
    put(b, PICK(r, HEADINGS));
}

static void slot_item(buf *b, rng *r)
{
    put(b, PICK(r, ITEMS));
}

static void slot_alt(buf *b, rng *r)
{
    put(b, one_in(r, 8) ? PICK(r, CRISIS_ALTS) : PICK(r, ALTS));
}

static void slot_num(buf *b, rng *r)
{
    putf(b, "%03u", rng_below(r, 1000));
}

typedef struct slot {
    const char *name;
    void (*fill)(buf *b, rng *r);
} slot;

static const slot SLOTS[] = {{"count", slot_count},     {"pct", slot_pct},
                             {"money", slot_money},     {"year", slot_year},
                             {"date", slot_date},       {"updown", slot_updown},
                             {"place", slot_place},     {"name", slot_name},
                             {"subject", slot_subject}, {"subject_lc", slot_subject_lc},
                             {"verb", slot_verb},       {"object", slot_object},
                             {"opener", slot_opener},   {"clause", slot_clause},
                             {"aside", slot_aside},     {"heading", slot_heading},
                             {"item", slot_item},       {"alt", slot_alt},
                             {"num", slot_num},         {"surname", slot_surname},
                             {"adj", slot_adj},         {"noun", slot_noun}};

static void expand(buf *b, rng *r, const char *tpl)
{
    const char *open;
    while ((open = strchr(tpl, '{')) != NULL) {
        const char *close = strchr(open, '}');
        size_t n = close ? (size_t)(close - open - 1) : 0;
        uint32_t i = 0;
        while (i < COUNT(SLOTS) &&
               !(strlen(SLOTS[i].name) == n && !memcmp(SLOTS[i].name, open + 1, n)))
            i++;
        if (i == COUNT(SLOTS))
            die("internal: bad template slot in '%s'", tpl);
        put_n(b, tpl, (size_t)(open - tpl));
        SLOTS[i].fill(b, r);
        tpl = close + 1;
    }
    put(b, tpl);
}

/* --- sentences and blocks ---------------------------------------------------------------- */

static const char *const FIGURE_T[] = {
    "In {year}, {count} people applied for asylum in {place}, {updown} {pct} on the year before.",
    "The programme costs {money} a year.", "About {pct} of our volunteers arrived as refugees.",
    "{count} newcomers joined language classes in {year}.",
    "The waiting list fell to {count} names, {updown} {pct} since {year}."};
/* Eight figures in one sentence: the data overload the density rules measure. */
static const char *const DENSE_T = "In {year}, arrivals rose {pct} to {count}, applications fell "
                                   "{pct} to {count}, and spending reached {money} against "
                                   "{money} in {year}.";
static const char *const QUOTE_T =
    "“We just wanted to work,” said {name} {surname}, who now lives in {place}.";
static const char *const PLAIN_T = "{subject} {verb} {object}{clause}{aside}.";
static const char *const THING_T =
    "{subject} {verb} a {adj} {noun} run by {name} {surname}{aside}.";
static const char *const OPENER_T = "{opener} {subject_lc} {verb} {object}{clause}{aside}.";

/* Rates per 1,000 sentences. Loaded phrases are rare, as in real drafts. */
static void sentence(buf *b, rng *r)
{
    uint32_t k = rng_below(r, 1000);
    if (k < 5)
        put(b, PICK(r, LOADED));
    else if (k < 20)
        put(b, PICK(r, LITERAL));
    else if (k < 35)
        expand(b, r, DENSE_T);
    else if (k < 185)
        expand(b, r, PICK(r, FIGURE_T));
    else if (k < 215)
        expand(b, r, QUOTE_T);
    else
        expand(b, r, k < 415 ? OPENER_T : k < 615 ? THING_T : PLAIN_T);
}

/* Replaces spaces with newlines so no line passes WRAP_COL; the byte count does not change. */
static void wrap(char *s, size_t len)
{
    size_t line_start = 0, last_space = SIZE_MAX;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ')
            last_space = i;
        if (i - line_start >= WRAP_COL && last_space != SIZE_MAX) {
            s[last_space] = '\n';
            line_start = last_space + 1;
            last_space = SIZE_MAX;
        }
    }
}

static void paragraph(buf *b, rng *r, int wrapped)
{
    size_t start = b->len;
    uint32_t n = 2 + rng_below(r, 6);
    for (uint32_t i = 0; i < n; i++) {
        if (i)
            put(b, " ");
        sentence(b, r);
    }
    if (wrapped)
        wrap(b->p + start, b->len - start);
    put(b, "\n\n");
}

static void list(buf *b, rng *r, int ordered)
{
    uint32_t n = 3 + rng_below(r, 4);
    for (uint32_t i = 1; i <= n; i++) {
        if (ordered)
            putf(b, "%u. ", i);
        else
            put(b, "- ");
        if (one_in(r, 6))
            expand(b, r, "[Read the annual report](https://example.org/reports/{year})\n");
        else
            expand(b, r, "{item}\n");
    }
    put(b, "\n");
}

static void table(buf *b, rng *r)
{
    uint32_t n = 3 + rng_below(r, 4);
    put(b, "| Region | Arrivals | Change |\n|---|---:|---:|\n");
    for (uint32_t i = 0; i < n; i++)
        expand(b, r, "| {place} | {count} | {pct} |\n");
    put(b, "\n");
}

static void image(buf *b, rng *r)
{
    expand(b, r, "![{alt}](img/photo-{num}.jpg)\n\n");
    if (one_in(r, 3))
        expand(b, r, "Photo: {alt}.\n\n");
}

static void code_block(buf *b, rng *r)
{
    if (one_in(r, 2))
        expand(b, r, "```yaml\nembargo: {date}T09:00\ncontact: press@example.org\n```\n\n");
    else
        put(b, "```sh\nscp press-kit.zip web:/srv/press/\n```\n\n");
}

/* Block mix per 100 blocks, roughly what a press release or newsletter draft holds. */
static void block(buf *b, rng *r, int wrapped)
{
    uint32_t k = rng_below(r, 100);
    if (k < 58)
        paragraph(b, r, wrapped);
    else if (k < 68)
        expand(b, r, "## {heading}\n\n");
    else if (k < 78)
        list(b, r, 0);
    else if (k < 83)
        list(b, r, 1);
    else if (k < 89) {
        put(b, "> ");
        sentence(b, r);
        put(b, "\n\n");
    } else if (k < 95)
        image(b, r);
    else if (k < 99)
        table(b, r);
    else
        code_block(b, r);
}

static void front_matter(buf *b, rng *r)
{
    buf title = {0};
    expand(&title, r, PICK(r, TITLES));
    putf(b, "---\ntitle: \"%s\"\n", title.p);
    expand(b, r, "date: {date}\nlang: en\n---\n\n");
    putf(b, "# %s\n\n", title.p);
    free(title.p);
}

/* Ends the draft on exactly n more bytes: a last paragraph cut at a space and padded with
 * FILL words, so each file has the size asked for and MB/s divides a known byte count. */
static void tail(buf *b, rng *r, size_t n, int wrapped)
{
    size_t start = b->len, body = n - 2; /* the paragraph ends with ".\n" */
    while (b->len - start < body) {
        if (b->len > start)
            put(b, " ");
        sentence(b, r);
    }
    size_t cut = start + body - 2; /* leaves room for " " and a word of at least one byte */
    while (cut > start && b->p[cut] != ' ')
        cut--;
    if (cut == start)
        die("internal: no space to cut the last paragraph at");
    b->len = cut;
    size_t gap = start + body - cut;
    for (; gap > FILL_MAX + 1; gap -= 7)
        put(b, " people");
    putf(b, " %s", FILL[gap - 1]);
    if (wrapped)
        wrap(b->p + start, b->len - start);
    put(b, ".\n");
}

static void draft(buf *out, rng *r, size_t size)
{
    buf next = {0};
    int wrapped = one_in(r, 2);
    out->len = 0;
    front_matter(out, r);
    if (out->len + TAIL_MIN > size)
        die("internal: a %zu-byte draft cannot hold its front matter", size);
    for (;;) {
        next.len = 0;
        block(&next, r, wrapped);
        if (out->len + next.len + TAIL_MIN > size)
            break;
        put_n(out, next.p, next.len);
    }
    tail(out, r, size - out->len, wrapped);
    free(next.p);
}

/* --- files and arguments ----------------------------------------------------------------- */

static void write_file(const char *path, const buf *b)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die("cannot create %s", path);
    size_t n = fwrite(b->p, 1, b->len, f);
    if (fclose(f) != 0 || n != b->len)
        die("cannot write %s", path);
}

static uint32_t parse_u32(const char *s, uint32_t min, uint32_t max, const char *what)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || s[0] == '-' || v < min || v > max)
        die("%s must be a whole number from %u to %u, not '%s'", what, min, max, s);
    return (uint32_t)v;
}

static void corpus(const char *dir, uint32_t total_mb, uint32_t files)
{
    uint64_t total = (uint64_t)total_mb * 1000000u, base = total / files;
    if (base < MIN_FILE_BYTES)
        die("%u MB in %u files is under %u bytes a file", total_mb, files, MIN_FILE_BYTES);
    if (base > MAX_FILE_BYTES)
        die("%u MB in %u files is over %u bytes a file", total_mb, files, MAX_FILE_BYTES);
    rng sizes = {SEED};
    buf out = {0};
    char path[4096];
    uint64_t shift = 0;
    for (uint32_t i = 0; i < files; i++) {
        /* Sizes vary by up to +-50% in pairs, one file gaining what its neighbour loses, so
         * the total stays exact; an odd last file keeps the base size. */
        uint64_t size = base + (i < total % files);
        if (i % 2 == 0 && i + 1 < files)
            size += shift = rng_below(&sizes, (uint32_t)(base / 2 + 1));
        else if (i % 2 == 1)
            size -= shift;
        rng r = {SEED ^ ((uint64_t)(i + 1) * 0xd1342543de82ef95u)};
        draft(&out, &r, (size_t)size);
        if (snprintf(path, sizeof path, "%s/draft-%05u.md", dir, i) >= (int)sizeof path)
            die("output path too long: %s", dir);
        write_file(path, &out);
    }
    free(out.p);
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "--single") == 0) {
        buf out = {0};
        rng r = {SEED ^ SINGLE_SALT};
        draft(&out, &r, (size_t)parse_u32(argv[3], 1, MAX_FILE_BYTES / 1000, "KB") * 1000);
        write_file(argv[2], &out);
        free(out.p);
        return 0;
    }
    if (argc == 4 && argv[1][0] != '-') {
        corpus(argv[1], parse_u32(argv[2], 1, MAX_TOTAL_MB, "TOTAL_MB"),
               parse_u32(argv[3], 1, MAX_FILES, "FILES"));
        return 0;
    }
    fputs("usage: gen_corpus OUTDIR TOTAL_MB FILES\n"
          "       gen_corpus --single OUT.md KB\n",
          stderr);
    return 2;
}
