/* SPDX-License-Identifier: MIT */
/* Allocation that aborts on exhaustion, growable buffers and arenas. */
#include "imr/base.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void imr__out_of_memory(size_t size)
{
    fprintf(stderr, "imr: out of memory allocating %zu bytes\n", size);
    abort();
}

void *imr_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if(!p)
        imr__out_of_memory(size);
    return p;
}

void *imr_xcalloc(size_t count, size_t size)
{
    void *p;

    if(size && count > SIZE_MAX / size)
        imr__out_of_memory(SIZE_MAX);
    p = calloc(count ? count : 1, size ? size : 1);
    if(!p)
        imr__out_of_memory(count * size);
    return p;
}

void *imr_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if(!p)
        imr__out_of_memory(size);
    return p;
}

char *imr_xstrndup(const char *s, size_t n)
{
    char *p;

    if(n == SIZE_MAX)
        imr__out_of_memory(n);
    p = imr_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *imr_xstrdup(const char *s)
{
    return imr_xstrndup(s, strlen(s));
}

/*---- Buffer ------------------------------------------------------------*/

void imr_buf_init(imr_buf *buf)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
}

void imr_buf_fini(imr_buf *buf)
{
    free(buf->data);
    imr_buf_init(buf);
}

void imr_buf_reset(imr_buf *buf)
{
    buf->len = 0;
    if(buf->data)
        buf->data[0] = '\0';
}

void imr_buf_reserve(imr_buf *buf, size_t extra)
{
    size_t need, cap = buf->cap ? buf->cap : 64;

    if(extra >= SIZE_MAX - buf->len)
        imr__out_of_memory(SIZE_MAX);
    need = buf->len + extra + 1;
    if(need <= buf->cap)
        return;
    while(cap < need)
        cap = cap <= SIZE_MAX / 2 ? cap * 2 : need;
    buf->data = imr_xrealloc(buf->data, cap);
    buf->cap = cap;
}

void imr_buf_append(imr_buf *buf, const char *s, size_t n)
{
    imr_buf_reserve(buf, n);
    if(n)
        memcpy(buf->data + buf->len, s, n);
    buf->len += n;
    buf->data[buf->len] = '\0';
}

void imr_buf_puts(imr_buf *buf, const char *s)
{
    imr_buf_append(buf, s, strlen(s));
}

void imr_buf_putc(imr_buf *buf, char c)
{
    imr_buf_append(buf, &c, 1);
}

void imr_buf_printf(imr_buf *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if(n <= 0)
        return;
    imr_buf_reserve(buf, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
}

char *imr_buf_take(imr_buf *buf)
{
    char *data = buf->data ? buf->data : imr_xstrdup("");
    imr_buf_init(buf);
    return data;
}

/*---- Arena -------------------------------------------------------------*/

/* Blocks are chained newest first; big requests get a block of their own. */
typedef struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t used;
    _Alignas(max_align_t) unsigned char data[];
} arena_block;

/* `first` is the block made with the arena, kept by imr_arena_reset;
 * `spare` holds the blocks a reset emptied, so an arena reset
 * between records or requests reaches a steady state with no malloc. */
struct imr_arena {
    arena_block *head;
    arena_block *first;
    arena_block *spare;
};

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

static arena_block *block_new(size_t size, arena_block *next)
{
    arena_block *b;

    if(size > SIZE_MAX - sizeof(*b))
        imr__out_of_memory(SIZE_MAX);
    b = imr_xmalloc(sizeof(*b) + size);
    b->next = next;
    b->size = size;
    b->used = 0;
    return b;
}

imr_arena *imr_arena_new(void)
{
    imr_arena *a = imr_xmalloc(sizeof(*a));
    a->head = block_new(ARENA_BLOCK_SIZE, NULL);
    a->first = a->head;
    a->spare = NULL;
    return a;
}

/* Frees every block of the chain. */
static void free_blocks(arena_block *b)
{
    while(b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void imr_arena_free(imr_arena *arena)
{
    if(!arena)
        return;
    free_blocks(arena->head);
    free_blocks(arena->spare);
    free(arena);
}

/* Every block but the first goes to the spare list, big ones too: a
 * server or a benchmark resetting the arena between requests then
 * allocates nothing after the first few. Big blocks can sit behind the
 * first one in the chain (see imr_arena_alloc), so the first block is
 * found by pointer, not as the chain's tail. */
void imr_arena_reset(imr_arena *arena)
{
    arena_block *b = arena->head;

    while(b) {
        arena_block *next = b->next;
        if(b != arena->first) {
            b->next = arena->spare;
            arena->spare = b;
        }
        b = next;
    }
    arena->head = arena->first;
    arena->head->next = NULL;
    arena->head->used = 0;
}

/* A block of at least `size` bytes in front of `next`: the first spare
 * one that is big enough, else a new one. */
static arena_block *take_block(imr_arena *arena, size_t size,
                               arena_block *next)
{
    arena_block **link = &arena->spare;

    while(*link && (*link)->size < size)
        link = &(*link)->next;
    if(!*link)
        return block_new(size, next);
    {
        arena_block *b = *link;
        *link = b->next;
        b->next = next;
        b->used = 0;
        return b;
    }
}

void *imr_arena_alloc(imr_arena *arena, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    size_t rounded;
    arena_block *b = arena->head;
    void *p;

    if(size > SIZE_MAX - align)
        imr__out_of_memory(size);
    rounded = (size + align - 1) & ~(align - 1);
    if(rounded == 0)
        rounded = align;
    if(b->size - b->used < rounded) {
        if(rounded > ARENA_BLOCK_SIZE / 4) {
            /* A big piece gets its own block, behind the current one, so
             * the current block's free space is not wasted. */
            arena_block *big = take_block(arena, rounded, b->next);
            b->next = big;
            memset(big->data, 0, rounded);
            return big->data;
        }
        b = take_block(arena, ARENA_BLOCK_SIZE, b);
        arena->head = b;
    }
    p = b->data + b->used;
    b->used += rounded;
    memset(p, 0, rounded);
    return p;
}

char *imr_arena_strndup(imr_arena *arena, const char *s, size_t n)
{
    char *p = imr_arena_alloc(arena, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *imr_arena_strdup(imr_arena *arena, const char *s)
{
    return imr_arena_strndup(arena, s, strlen(s));
}
