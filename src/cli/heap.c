/*
 * heap: one region of memory that the command's rulesets are built in.
 *
 * Reading the built-in rules writes about 600 KB for the first time (rule
 * structures, phrase arrays, scan tables, decoded patterns), and a page
 * written for the first time is a page fault: on the virtual machines CI and
 * most laptops' containers run on, 10-18 µs each, so the ~150 pages were a
 * third of linting one draft. The region is aligned to 2 MiB and marked for
 * transparent huge pages, so where the kernel offers them (the default
 * "madvise" setting does) the first write faults in one huge page and the
 * rest cost nothing. Where it does not, the region is ordinary memory and
 * costs what malloc's would.
 *
 * Blocks are handed out by bumping an offset, so threads that build
 * rulesets at the same time need no lock. A freed block is given back only
 * when it is the last one handed out; a block grows in place when it is.
 * When the region is full, blocks come from malloc, and free and realloc
 * tell the two apart by address.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "cli.h"

#define HUGE_PAGE ((size_t)2 << 20)
#define ALIGN 16 /* max_align_t on the platforms we build for */

struct cli_heap {
    unsigned char *base; /* HUGE_PAGE-aligned */
    size_t cap;
    atomic_size_t used;  /* bytes handed out from base, headers included */
    void *map;           /* what mmap gave, to unmap */
    size_t map_len;
    fl_allocator alloc;
};

/* Each block is preceded by its usable size, so realloc knows how much to
 * copy; a whole ALIGN-sized header keeps the block aligned. */
typedef struct header {
    size_t size;
    size_t unused;
} header;

static size_t round_up(size_t n)
{
    return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static int owns(const cli_heap *h, const void *p)
{
    const unsigned char *b = p;
    return b >= h->base && b < h->base + h->cap;
}

static header *header_of(void *p)
{
    return (header *)(void *)((unsigned char *)p - sizeof(header));
}

/* Moves the offset from `from` to `to` if nobody has moved it since. */
static int move_top(cli_heap *h, size_t from, size_t to)
{
    return atomic_compare_exchange_strong(&h->used, &from, to);
}

static void *heap_malloc(void *payload, size_t size)
{
    cli_heap *h = payload;
    if (size > h->cap)
        return malloc(size);
    size_t usable = round_up(size ? size : 1), need = usable + sizeof(header);
    size_t at = atomic_load(&h->used);
    do {
        if (need > h->cap - at)
            return malloc(size);
    } while (!atomic_compare_exchange_weak(&h->used, &at, at + need));
    header *hd = (header *)(void *)(h->base + at);
    hd->size = usable;
    return hd + 1;
}

static void heap_free(void *payload, void *p)
{
    cli_heap *h = payload;
    if (!p)
        return;
    if (!owns(h, p)) {
        free(p);
        return;
    }
    /* only the last block comes back: the others stay until the heap goes */
    size_t start = (size_t)((unsigned char *)header_of(p) - h->base);
    move_top(h, start + sizeof(header) + header_of(p)->size, start);
}

static void *heap_realloc(void *payload, void *p, size_t size)
{
    cli_heap *h = payload;
    if (!p)
        return heap_malloc(h, size);
    if (!owns(h, p))
        return realloc(p, size);
    header *hd = header_of(p);
    if (size <= hd->size)
        return p;
    if (size <= h->cap) {
        size_t end = (size_t)((unsigned char *)p - h->base) + hd->size;
        size_t more = round_up(size) - hd->size;
        if (more <= h->cap - end && move_top(h, end, end + more)) {
            hd->size += more;
            return p;
        }
    }
    void *q = heap_malloc(h, size);
    if (q) {
        memcpy(q, p, hd->size);
        heap_free(h, p);
    }
    return q;
}

cli_heap *cli_heap_new(size_t size)
{
    size = (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    if (!size || size > SIZE_MAX - HUGE_PAGE)
        return NULL;
    cli_heap *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    /* one huge page more than asked, so an aligned stretch fits inside */
    h->map_len = size + HUGE_PAGE;
    h->map = mmap(NULL, h->map_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (h->map == MAP_FAILED) {
        free(h);
        return NULL;
    }
    uintptr_t at = ((uintptr_t)h->map + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    h->base = (unsigned char *)at;
    h->cap = size;
#ifdef MADV_HUGEPAGE
    /* Advice only: without huge pages the region is ordinary memory. */
    (void)madvise(h->base, h->cap, MADV_HUGEPAGE);
#endif
    atomic_init(&h->used, 0);
    h->alloc = (fl_allocator){heap_malloc, heap_realloc, heap_free, h};
    return h;
}

const fl_allocator *cli_heap_allocator(const cli_heap *h)
{
    return h ? &h->alloc : NULL;
}

size_t cli_heap_used(const cli_heap *h)
{
    return h ? atomic_load(&h->used) : 0;
}

void cli_heap_free(cli_heap *h)
{
    if (!h)
        return;
    munmap(h->map, h->map_len);
    free(h);
}
