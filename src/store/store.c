/* SPDX-License-Identifier: MIT */
/* The store's public functions: picks the backend from the URL, checks
 * inputs, and wraps each change and its audit row in one transaction. */
#include "imr/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define PREFIX_IS(s, p) (strncmp((s), (p), sizeof(p) - 1) == 0)

imr_status imr_store_open(const char *url, imr_store **out, imr_error *err)
{
    const imr__store_backend *backend = &imr__store_sqlite;
    const char *location = url;
    imr_store *store;
    imr_status rc;

    if(!url || !url[0])
        return imr_error_set(err, IMR_EUSAGE, "no database given");
    if(PREFIX_IS(url, "postgresql://") || PREFIX_IS(url, "postgres://"))
        return imr_error_set(err, IMR_EUNSUPPORTED,
                             "\"%s\": the PostgreSQL backend is not built "
                             "yet",
                             url);
    if(PREFIX_IS(url, "sqlite:"))
        location = url + sizeof("sqlite:") - 1;
    if(!location[0])
        return imr_error_set(err, IMR_EUSAGE, "\"%s\": no file named", url);
    store = imr_xcalloc(1, sizeof(*store));
    store->backend = backend;
    rc = backend->open(store, location, err);
    if(rc != IMR_OK) {
        free(store);
        return rc;
    }
    *out = store;
    return IMR_OK;
}

void imr_store_close(imr_store *store)
{
    if(!store)
        return;
    store->backend->close(store);
    free(store);
}

/*---- Changes ------------------------------------------------------------*/

static imr_status check_who(const imr_store_who *who, imr_error *err)
{
    if(!who || !who->actor || !who->actor[0] || !who->origin ||
       !who->origin[0] || !who->at || !who->at[0])
        return imr_error_set(err, IMR_EUSAGE,
                             "every change needs an actor, an origin and a "
                             "time");
    return IMR_OK;
}

/* Ends the transaction begun for a change: commits when `rc` is IMR_OK,
 * else rolls back and keeps the first error. */
static imr_status finish(imr_store *store, imr_status rc, imr_error *err)
{
    if(rc == IMR_OK)
        rc = store->backend->commit(store, err);
    if(rc != IMR_OK)
        store->backend->rollback(store);
    return rc;
}

static imr_status insert_case(imr_store *store, const imr_case *c,
                              const char *json, size_t len,
                              const imr_store_who *who, long long *case_id,
                              imr_error *err)
{
    const imr__store_backend *b = store->backend;
    char detail[300];
    long long id = 0;
    imr_status rc = b->begin(store, err);

    if(rc != IMR_OK)
        return rc;
    rc = b->case_insert(store, c, json, len, who->at, &id, err);
    snprintf(detail, sizeof(detail), "%s",
             c->case_number ? c->case_number : "");
    if(rc == IMR_OK)
        rc = b->audit_insert(store, who, "case.add", id, detail, err);
    rc = finish(store, rc, err);
    if(rc == IMR_OK)
        *case_id = id;
    return rc;
}

imr_status imr_store_case_add(imr_store *store, const char *json, size_t len,
                              const imr_store_who *who, long long *case_id,
                              imr_error *err)
{
    imr_arena *arena;
    imr_case *c = NULL;
    imr_status rc = check_who(who, err);

    if(rc != IMR_OK)
        return rc;
    arena = imr_arena_new();
    rc = imr_case_parse(json, len, arena, &c, err);
    if(rc == IMR_OK)
        rc = insert_case(store, c, json, len, who, case_id, err);
    imr_arena_free(arena);
    return rc;
}

imr_status imr_store_determination_add(imr_store *store, long long case_id,
                                       const char *kb_version,
                                       const char *decided_on, const char *json,
                                       size_t len, const imr_store_who *who,
                                       long long *determination_id,
                                       imr_error *err)
{
    const imr__store_backend *b = store->backend;
    char detail[300];
    long long id = 0;
    imr_status rc = check_who(who, err);

    if(rc == IMR_OK && (!kb_version || !kb_version[0]))
        rc = imr_error_set(err, IMR_EUSAGE,
                           "a determination needs its knowledge-base "
                           "version");
    if(rc != IMR_OK)
        return rc;
    rc = b->begin(store, err);
    if(rc != IMR_OK)
        return rc;
    rc = b->case_exists(store, case_id, err);
    if(rc == IMR_OK)
        rc = b->determination_insert(store, case_id, kb_version, decided_on,
                                     json, len, who->at, &id, err);
    snprintf(detail, sizeof(detail), "determination %lld, knowledge base %s",
             id, kb_version);
    if(rc == IMR_OK)
        rc = b->audit_insert(store, who, "determination.add", case_id, detail,
                             err);
    rc = finish(store, rc, err);
    if(rc == IMR_OK && determination_id)
        *determination_id = id;
    return rc;
}

/*---- Reads --------------------------------------------------------------*/

imr_status imr_store_case_list(imr_store *store, imr_store_case_fn fn,
                               void *data, imr_error *err)
{
    return store->backend->case_list(store, fn, data, err);
}

imr_status imr_store_case_get(imr_store *store, long long case_id,
                              imr_buf *json, imr_error *err)
{
    return store->backend->case_get(store, case_id, json, err);
}

imr_status imr_store_determination_latest(imr_store *store, long long case_id,
                                          imr_buf *json, imr_error *err)
{
    return store->backend->determination_latest(store, case_id, json, err);
}

imr_status imr_store_audit_list(imr_store *store, long long case_id,
                                imr_store_audit_fn fn, void *data,
                                imr_error *err)
{
    return store->backend->audit_list(store, case_id, fn, data, err);
}
