/* SPDX-License-Identifier: MIT */
/* The knowledge base: loading the rules files of a kb folder, resolving
 * names across files, the evidence search sequence of topics, the version
 * hash and the reference count. */
#include "imr/kb.h"

#include <dirent.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kb_int.h"

enum { RULES_MAX_BYTES = 4 << 20 };

imr_kb *imr__kb_new(const kb_tables *tables)
{
    imr_kb *kb = imr_xcalloc(1, sizeof(*kb));

    atomic_init(&kb->refs, 1);
    kb->arena = imr_arena_new();
    kb->tables = tables;
    kb->hash = KB_FNV_SEED;
    return kb;
}

void imr_kb_retain(imr_kb *kb)
{
    if(kb)
        atomic_fetch_add_explicit(&kb->refs, 1, memory_order_relaxed);
}

void imr_kb_release(imr_kb *kb)
{
    if(!kb ||
       atomic_fetch_sub_explicit(&kb->refs, 1, memory_order_acq_rel) != 1)
        return;
    free(kb->guidelines);
    free(kb->topics);
    free(kb->criteria);
    imr_arena_free(kb->arena);
    imr__kb_tables_free(kb->owned_tables);
    free(kb);
}

const char *imr_kb_version(const imr_kb *kb)
{
    return kb->version;
}

void imr_kb_counts(const imr_kb *kb, size_t *guidelines, size_t *topics,
                   size_t *criteria)
{
    *guidelines = kb->guideline_count;
    *topics = kb->topic_count;
    *criteria = kb->criterion_count;
}

/*---- Linking -------------------------------------------------------------*/

static imr_status refuse_duplicate(imr_error *err, const char *what,
                                   const char *id, const char *file,
                                   unsigned line, unsigned column,
                                   const char *first_file, unsigned first_line,
                                   unsigned first_column)
{
    return imr__kb_refuse(err, file, line, column,
                          "duplicate %s \"%s\" (first at %s:%u:%u)", what, id,
                          first_file, first_line, first_column);
}

static imr_status check_guideline_ids(imr_kb *kb, kb_names *map, imr_error *err)
{
    size_t i, first;

    for(i = 0; i < kb->guideline_count; i++) {
        const kb_guideline *g = &kb->guidelines[i], *f;
        if(imr__kb_names_add(map, g->pub.id, i, &first))
            continue;
        f = &kb->guidelines[first];
        return refuse_duplicate(err, "guideline", g->pub.id, g->file, g->line,
                                g->column, f->file, f->line, f->column);
    }
    return IMR_OK;
}

static imr_status check_topic_ids(const imr_kb *kb, imr_error *err)
{
    kb_names map;
    size_t i, first;
    imr_status rc = IMR_OK;

    imr__kb_names_init(&map);
    for(i = 0; i < kb->topic_count && rc == IMR_OK; i++) {
        const kb_topic *t = &kb->topics[i], *f;
        if(imr__kb_names_add(&map, t->pub.id, i, &first))
            continue;
        f = &kb->topics[first];
        rc = refuse_duplicate(err, "topic", t->pub.id, t->pub.file, t->pub.line,
                              t->column, f->pub.file, f->pub.line, f->column);
    }
    imr__kb_names_fini(&map);
    return rc;
}

static imr_status check_criterion_ids(const imr_kb *kb, imr_error *err)
{
    kb_names map;
    size_t i, first;
    imr_status rc = IMR_OK;

    imr__kb_names_init(&map);
    for(i = 0; i < kb->criterion_count && rc == IMR_OK; i++) {
        const kb_criterion *c = &kb->criteria[i], *f;
        if(imr__kb_names_add(&map, c->pub.id, i, &first))
            continue;
        f = &kb->criteria[first];
        rc = refuse_duplicate(err, "criterion", c->pub.id, c->pub.file,
                              c->pub.line, c->column, f->pub.file, f->pub.line,
                              f->column);
    }
    imr__kb_names_fini(&map);
    return rc;
}

static imr_status refuse_reference(imr_error *err, const char *what,
                                   const kb_ref *ref, const char *file,
                                   const kb_names *map)
{
    const char *hint = imr__kb_names_suggest(map, ref->id, strlen(ref->id));

    if(hint)
        return imr__kb_refuse(err, file, ref->line, ref->column,
                              "unknown %s \"%s\" (did you mean \"%s\"?)", what,
                              ref->id, hint);
    return imr__kb_refuse(err, file, ref->line, ref->column,
                          "unknown %s \"%s\"", what, ref->id);
}

static imr_status resolve_guidelines(imr_kb *kb, const kb_names *map,
                                     imr_error *err)
{
    size_t i, at;

    for(i = 0; i < kb->topic_count; i++) {
        kb_topic *t = &kb->topics[i];
        const char *id = t->guideline.id;
        if(!imr__kb_names_find(map, id, strlen(id), &at))
            return refuse_reference(err, "guideline", &t->guideline,
                                    t->pub.file, map);
        t->pub.guideline = &kb->guidelines[at].pub;
    }
    return IMR_OK;
}

/*---- Carried editions -----------------------------------------------------*/

enum { NOT_CARRIED = -1 };

/* What follows the first "." of a topic's id: the part a carried copy
 * keeps under its new guideline's id. */
static const char *topic_suffix(const char *id)
{
    const char *dot = strchr(id, '.');
    return dot ? dot + 1 : id;
}

static imr_status refuse_cycle(const imr_kb *kb, const long *carried,
                               size_t start, imr_error *err)
{
    const kb_guideline *g = &kb->guidelines[start];
    imr_buf path;
    size_t at = start;
    imr_status rc;

    imr_buf_init(&path);
    imr_buf_puts(&path, g->pub.id);
    do {
        at = (size_t)carried[at];
        imr_buf_printf(&path, " -> %s", kb->guidelines[at].pub.id);
    } while(at != start);
    rc = imr__kb_refuse(err, g->file, g->carries.line, g->carries.column,
                        "guidelines cannot carry each other in a cycle: %s",
                        path.data);
    imr_buf_fini(&path);
    return rc;
}

/* Sets carried[i] to the index of the guideline guideline i carries, or
 * NOT_CARRIED; refuses an unknown guideline, one carrying itself, and a
 * cycle (at the first guideline on it, in load order). */
static imr_status resolve_carries(const imr_kb *kb, const kb_names *map,
                                  long *carried, imr_error *err)
{
    size_t i, at, steps;

    for(i = 0; i < kb->guideline_count; i++) {
        const kb_guideline *g = &kb->guidelines[i];
        carried[i] = NOT_CARRIED;
        if(!g->carries.id)
            continue;
        if(!imr__kb_names_find(map, g->carries.id, strlen(g->carries.id), &at))
            return refuse_reference(err, "guideline", &g->carries, g->file,
                                    map);
        if(at == i)
            return imr__kb_refuse(
                err, g->file, g->carries.line, g->carries.column,
                "guideline \"%s\" cannot carry itself", g->pub.id);
        carried[i] = (long)at;
    }
    for(i = 0; i < kb->guideline_count; i++) {
        long j = carried[i];
        for(steps = 0; j != NOT_CARRIED && steps < kb->guideline_count;
            steps++) {
            if((size_t)j == i)
                return refuse_cycle(kb, carried, i, err);
            j = carried[j];
        }
    }
    return IMR_OK;
}

static int is_topic_of(const kb_topic *t, const kb_guideline *g)
{
    return t->pub.guideline == &g->pub;
}

/* Refuses an `except` that names no topic of the carried guideline (its
 * own and those it carries in turn, already copied). */
static imr_status check_except(const imr_kb *kb, const kb_guideline *to,
                               const kb_guideline *from, imr_error *err)
{
    const char **suffixes = imr_xcalloc(kb->topic_count + 1, sizeof(*suffixes));
    size_t e, i, count = 0;
    imr_status rc = IMR_OK;

    for(i = 0; i < kb->topic_count; i++) {
        if(is_topic_of(&kb->topics[i], from))
            suffixes[count++] = topic_suffix(kb->topics[i].pub.id);
    }
    for(e = 0; e < to->except_count && rc == IMR_OK; e++) {
        const kb_ref *ref = &to->except[e];
        const char *hint;
        for(i = 0; i < count && strcmp(suffixes[i], ref->id) != 0; i++)
            ;
        if(i < count)
            continue;
        hint = imr__kb_suggest_among(suffixes, count, ref->id, strlen(ref->id));
        rc = imr__kb_refuse(err, to->file, ref->line, ref->column,
                            "\"%s\" names no topic of guideline \"%s\"%s%s%s",
                            ref->id, from->pub.id,
                            hint ? " (did you mean \"" : "", hint ? hint : "",
                            hint ? "\"?)" : "");
    }
    free(suffixes);
    return rc;
}

static int is_excepted(const kb_guideline *to, const char *suffix)
{
    size_t e;

    for(e = 0; e < to->except_count; e++) {
        if(strcmp(to->except[e].id, suffix) == 0)
            return 1;
    }
    return 0;
}

/* Whether `to` defines a topic with this suffix itself, among the first
 * `count` topics (those that were there before it carried any). */
static int has_own_topic(const imr_kb *kb, const kb_guideline *to,
                         const char *suffix, size_t count)
{
    size_t i;

    for(i = 0; i < count; i++) {
        if(is_topic_of(&kb->topics[i], to) &&
           strcmp(topic_suffix(kb->topics[i].pub.id), suffix) == 0)
            return 1;
    }
    return 0;
}

/* Copies the criteria of the topic `from_id` to the topic `to_id`; a copy
 * takes the weaker of its status and the one the carrier gives. */
static void carry_criteria(imr_kb *kb, const kb_guideline *to,
                           const char *from_id, const char *to_id)
{
    size_t i, count = kb->criterion_count;

    for(i = 0; i < count; i++) {
        kb_criterion copy = kb->criteria[i];
        if(strcmp(copy.topic.id, from_id) != 0)
            continue;
        copy.topic.id = to_id;
        if(to->carried_status > copy.pub.status)
            copy.pub.status = to->carried_status;
        if(kb->criterion_count == kb->criterion_cap) {
            kb->criterion_cap = kb->criterion_cap ? kb->criterion_cap * 2 : 16;
            kb->criteria = imr_xrealloc(
                kb->criteria, kb->criterion_cap * sizeof(*kb->criteria));
        }
        kb->criteria[kb->criterion_count++] = copy;
    }
}

static void append_topic(imr_kb *kb, const kb_topic *topic)
{
    if(kb->topic_count == kb->topic_cap) {
        kb->topic_cap = kb->topic_cap ? kb->topic_cap * 2 : 16;
        kb->topics =
            imr_xrealloc(kb->topics, kb->topic_cap * sizeof(*kb->topics));
    }
    kb->topics[kb->topic_count] = *topic;
    kb->topics[kb->topic_count].index = kb->topic_count;
    kb->topic_count++;
}

/* Copies the topics of guideline `from` that `to` neither excepts nor
 * defines itself, as `to`'s, with their criteria. `ids` maps every topic
 * id to its index and takes the copies'. */
static imr_status carry(imr_kb *kb, size_t to_index, size_t from_index,
                        kb_names *ids, imr_error *err)
{
    const kb_guideline *to = &kb->guidelines[to_index];
    const kb_guideline *from = &kb->guidelines[from_index];
    size_t i, at, count = kb->topic_count;
    imr_buf id;
    imr_status rc = check_except(kb, to, from, err);

    imr_buf_init(&id);
    for(i = 0; i < count && rc == IMR_OK; i++) {
        kb_topic copy = kb->topics[i];
        const char *suffix = topic_suffix(copy.pub.id), *from_id = copy.pub.id;
        if(!is_topic_of(&copy, from) || is_excepted(to, suffix) ||
           has_own_topic(kb, to, suffix, count))
            continue;
        imr_buf_reset(&id);
        imr_buf_printf(&id, "%s.%s", to->pub.id, suffix);
        if(imr__kb_names_find(ids, id.data, id.len, &at)) {
            const kb_topic *other = &kb->topics[at];
            rc = imr__kb_refuse(err, to->file, to->carries.line,
                                to->carries.column,
                                "carrying \"%s\" gives a topic \"%s\" that "
                                "is already defined (at %s:%u:%u)",
                                from_id, id.data, other->pub.file,
                                other->pub.line, other->column);
            break;
        }
        copy.pub.id = imr_arena_strndup(kb->arena, id.data, id.len);
        copy.pub.guideline = &to->pub;
        copy.guideline.id = to->pub.id;
        if(!to->carried_pages)
            copy.pub.pages = NULL;
        copy.criteria_first = 0;
        copy.criteria_count = 0;
        imr__kb_names_add(ids, copy.pub.id, kb->topic_count, &at);
        append_topic(kb, &copy);
        carry_criteria(kb, to, from_id, copy.pub.id);
    }
    imr_buf_fini(&id);
    return rc;
}

/* Carries every guideline's `carries`, a carried guideline before its
 * carrier, so that what it carries in turn goes along. */
static imr_status carry_editions(imr_kb *kb, const kb_names *guidelines,
                                 imr_error *err)
{
    long *carried = imr_xcalloc(kb->guideline_count + 1, sizeof(*carried));
    char *done = imr_xcalloc(kb->guideline_count + 1, 1);
    kb_names ids;
    size_t i, at;
    int progress = 1;
    imr_status rc = resolve_carries(kb, guidelines, carried, err);

    imr__kb_names_init(&ids);
    for(i = 0; i < kb->topic_count; i++)
        imr__kb_names_add(&ids, kb->topics[i].pub.id, i, &at);
    while(rc == IMR_OK && progress) {
        progress = 0;
        for(i = 0; i < kb->guideline_count && rc == IMR_OK; i++) {
            long from = carried[i];
            if(done[i] || (from != NOT_CARRIED && !done[from]))
                continue;
            if(from != NOT_CARRIED)
                rc = carry(kb, i, (size_t)from, &ids, err);
            done[i] = 1;
            progress = 1;
        }
    }
    imr__kb_names_fini(&ids);
    free(carried);
    free(done);
    return rc;
}

/*---- The search sequence --------------------------------------------------*/

/* The evidence search sequence: MTUS first, then by order, then by id. */
static int compare_topics(const void *a, const void *b)
{
    const kb_topic *x = a, *y = b;

    if(x->pub.guideline->is_mtus != y->pub.guideline->is_mtus)
        return x->pub.guideline->is_mtus ? -1 : 1;
    if(x->pub.order != y->pub.order)
        return x->pub.order < y->pub.order ? -1 : 1;
    return strcmp(x->pub.id, y->pub.id);
}

/* Points each criterion at its topic and gathers each topic's criteria,
 * in load order, into one array. */
static imr_status resolve_topics(imr_kb *kb, imr_error *err)
{
    kb_names map;
    size_t i, at, *fill;
    imr_status rc = IMR_OK;

    imr__kb_names_init(&map);
    for(i = 0; i < kb->topic_count; i++)
        imr__kb_names_add(&map, kb->topics[i].pub.id, i, &at);
    for(i = 0; i < kb->criterion_count && rc == IMR_OK; i++) {
        kb_criterion *c = &kb->criteria[i];
        if(!imr__kb_names_find(&map, c->topic.id, strlen(c->topic.id), &at)) {
            rc = refuse_reference(err, "topic", &c->topic, c->pub.file, &map);
            break;
        }
        c->pub.topic = &kb->topics[at].pub;
        kb->topics[at].criteria_count++;
    }
    imr__kb_names_fini(&map);
    if(rc != IMR_OK)
        return rc;
    kb->topic_criteria = imr_arena_alloc(
        kb->arena, (kb->criterion_count + 1) * sizeof(*kb->topic_criteria));
    fill = imr_xcalloc(kb->topic_count + 1, sizeof(*fill));
    for(i = 0, at = 0; i < kb->topic_count; i++) {
        kb->topics[i].criteria_first = at;
        fill[i] = at;
        at += kb->topics[i].criteria_count;
    }
    for(i = 0; i < kb->criterion_count; i++) {
        const kb_topic *t = (const kb_topic *)kb->criteria[i].pub.topic;
        kb->topic_criteria[fill[t - kb->topics]++] = &kb->criteria[i].pub;
    }
    free(fill);
    return IMR_OK;
}

imr_status imr__kb_link(imr_kb *kb, imr_error *err)
{
    kb_names guidelines;
    uint32_t hash;
    imr_status rc;

    IMR_ASSERT(!kb->is_linked);
    imr__kb_names_init(&guidelines);
    rc = check_guideline_ids(kb, &guidelines, err);
    if(rc == IMR_OK)
        rc = check_topic_ids(kb, err);
    if(rc == IMR_OK)
        rc = check_criterion_ids(kb, err);
    if(rc == IMR_OK)
        rc = resolve_guidelines(kb, &guidelines, err);
    /* Before the criteria are resolved and the topics sorted: the copies
     * join the arrays while nothing points into them yet. */
    if(rc == IMR_OK)
        rc = carry_editions(kb, &guidelines, err);
    imr__kb_names_fini(&guidelines);
    if(rc != IMR_OK)
        return rc;
    if(kb->topic_count > 1)
        qsort(kb->topics, kb->topic_count, sizeof(*kb->topics), compare_topics);
    rc = resolve_topics(kb, err);
    if(rc != IMR_OK)
        return rc;
    hash = imr__kb_hash_length(kb->hash, kb->tables->vocabulary_hash);
    snprintf(kb->version, sizeof(kb->version), "kb-%08lx", (unsigned long)hash);
    kb->is_linked = 1;
    return IMR_OK;
}

/*---- Loading -------------------------------------------------------------*/

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int is_rules_file(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 6 && strcmp(name + n - 6, ".rules") == 0;
}

/* The .rules files of `dir` in name order; none when it does not exist. */
static imr_status list_rules(const char *dir, char ***names, size_t *count,
                             imr_error *err)
{
    struct dirent *entry;
    DIR *d = opendir(dir);
    size_t cap = 0;

    *names = NULL;
    *count = 0;
    if(!d) {
        int saved = errno;
        if(saved == ENOENT)
            return IMR_OK;
        return imr_error_set(err, IMR_EIO, "cannot open \"%s\": %s", dir,
                             strerror(saved));
    }
    while((entry = readdir(d)) != NULL) {
        if(!is_rules_file(entry->d_name))
            continue;
        if(*count == cap) {
            cap = cap ? cap * 2 : 16;
            *names = imr_xrealloc(*names, cap * sizeof(**names));
        }
        (*names)[(*count)++] = imr_xstrdup(entry->d_name);
    }
    closedir(d);
    if(*count > 1)
        qsort(*names, *count, sizeof(**names), compare_names);
    return IMR_OK;
}

static imr_status parse_file(imr_kb *kb, const char *path, imr_error *err)
{
    char *text = NULL;
    size_t len = 0;
    imr_status rc = imr_file_read(path, RULES_MAX_BYTES, &text, &len, err);

    if(rc == IMR_OK)
        rc = imr__kb_parse_text(kb, path, text, len, err);
    free(text);
    return rc;
}

static void join_path(imr_buf *out, const char *dir, const char *name)
{
    size_t n = strlen(dir);

    imr_buf_reset(out);
    while(n > 1 && dir[n - 1] == '/')
        n--;
    imr_buf_append(out, dir, n);
    imr_buf_putc(out, '/');
    imr_buf_puts(out, name);
}

static imr_status parse_folder(imr_kb *kb, const char *kb_dir, imr_error *err)
{
    imr_buf dir, path;
    char **names = NULL;
    size_t count = 0, i;
    imr_status rc;

    imr_buf_init(&dir);
    imr_buf_init(&path);
    join_path(&dir, kb_dir, "guidelines");
    rc = list_rules(dir.data, &names, &count, err);
    for(i = 0; i < count; i++) {
        join_path(&path, dir.data, names[i]);
        if(rc == IMR_OK)
            rc = parse_file(kb, path.data, err);
        free(names[i]);
    }
    free(names);
    imr_buf_fini(&dir);
    imr_buf_fini(&path);
    return rc;
}

/* The folder must exist even though its tables may come from the default
 * base: a mistyped --kb would otherwise check the default rules. */
static imr_status check_folder(const char *kb_dir, imr_error *err)
{
    struct stat st;

    if(stat(kb_dir, &st) != 0) {
        int saved = errno;
        return imr_error_set(err, IMR_EIO,
                             "cannot open the knowledge base \"%s\": %s",
                             kb_dir, strerror(saved));
    }
    if(!S_ISDIR(st.st_mode))
        return imr_error_set(
            err, IMR_EIO, "the knowledge base \"%s\" is not a folder", kb_dir);
    return IMR_OK;
}

imr_status imr_kb_load(const char *kb_dir, imr_kb **out, imr_error *err)
{
    kb_tables *tables = NULL;
    imr_kb *kb;
    imr_status rc = check_folder(kb_dir, err);

    if(rc != IMR_OK)
        return rc;
    rc = imr__kb_tables_load(kb_dir, imr_kb_default_dir(), &tables, err);
    if(rc != IMR_OK)
        return rc;
    kb = imr__kb_new(tables);
    kb->owned_tables = tables;
    rc = parse_folder(kb, kb_dir, err);
    if(rc == IMR_OK)
        rc = imr__kb_link(kb, err);
    if(rc != IMR_OK) {
        imr_kb_release(kb);
        return rc;
    }
    *out = kb;
    return IMR_OK;
}

/*---- Queries -------------------------------------------------------------*/

static int lists(const kb_id_list *list, const char *id)
{
    size_t i;

    for(i = 0; i < list->count; i++) {
        if(strcmp(list->ids[i], id) == 0)
            return 1;
    }
    return 0;
}

static int covers_regions(const kb_topic *t, const char *const *regions,
                          size_t region_count)
{
    size_t i;

    if(t->regions.count == 0 || region_count == 0)
        return 1;
    for(i = 0; i < region_count; i++) {
        if(regions[i] && lists(&t->regions, regions[i]))
            return 1;
    }
    return 0;
}

static int is_in_force(const imr_guideline *g, const char *date)
{
    if(!date)
        return 1;
    return strcmp(g->effective, date) <= 0 &&
           (!g->ends || strcmp(date, g->ends) <= 0);
}

size_t imr_kb_topics(const imr_kb *kb, const char *service,
                     const char *const *regions, size_t region_count,
                     const char *date, const imr_topic **out, size_t cap)
{
    size_t i, found = 0;

    if(!service)
        return 0;
    for(i = 0; i < kb->topic_count; i++) {
        const kb_topic *t = &kb->topics[i];
        if(!lists(&t->services, service) ||
           !covers_regions(t, regions, region_count) ||
           !is_in_force(t->pub.guideline, date))
            continue;
        if(found < cap)
            out[found] = &t->pub;
        found++;
    }
    return found;
}

size_t imr_kb_criteria(const imr_kb *kb, const imr_topic *topic,
                       const imr_criterion **out, size_t cap)
{
    uintptr_t at = (uintptr_t)topic, first = (uintptr_t)kb->topics;
    const kb_topic *t;
    size_t i;

    /* A topic of another base has none here. */
    if(!topic || at < first ||
       at >= first + kb->topic_count * sizeof(*kb->topics))
        return 0;
    t = (const kb_topic *)topic;
    for(i = 0; i < t->criteria_count && i < cap; i++)
        out[i] = kb->topic_criteria[t->criteria_first + i];
    return t->criteria_count;
}
