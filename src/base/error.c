/* SPDX-License-Identifier: MIT */
/* Status names and the error object that carries a message and its place. */
#include "imr/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {
#define XX(name, text) #name,
    IMR_STATUS_MAP(XX)
#undef XX
};

static const char *const status_texts[] = {
#define XX(name, text) text,
    IMR_STATUS_MAP(XX)
#undef XX
};

const char *imr_status_name(imr_status status)
{
    if((unsigned)status >= IMR_STATUS_COUNT)
        return "EUNKNOWN";
    return status_names[status];
}

const char *imr_status_str(imr_status status)
{
    if((unsigned)status >= IMR_STATUS_COUNT)
        return "unknown status";
    return status_texts[status];
}

void imr_error_clear(imr_error *err)
{
    if(err)
        memset(err, 0, sizeof(*err));
}

imr_status imr_error_vset(imr_error *err, imr_status status, const char *fmt,
                          va_list ap)
{
    if(!err)
        return status;
    err->status = status;
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    return status;
}

imr_status imr_error_set(imr_error *err, imr_status status, const char *fmt,
                         ...)
{
    va_list ap;
    va_start(ap, fmt);
    imr_error_vset(err, status, fmt, ap);
    va_end(ap);
    return status;
}

imr_status imr_error_at(imr_error *err, imr_status status, unsigned line,
                        unsigned column, const char *fmt, ...)
{
    va_list ap;
    if(err) {
        err->line = line;
        err->column = column;
    }
    va_start(ap, fmt);
    imr_error_vset(err, status, fmt, ap);
    va_end(ap);
    return status;
}

void imr_error_name_file(imr_error *err, const char *file)
{
    if(err && file && !err->file[0])
        snprintf(err->file, sizeof(err->file), "%s", file);
}

void imr_error_set_path(imr_error *err, const char *path)
{
    if(err && path)
        snprintf(err->path, sizeof(err->path), "%s", path);
}

const char *imr_error_format(const imr_error *err, char *out, size_t size)
{
    size_t used = 0;
    int n;

    if(!size)
        return out;
    out[0] = '\0';
    if(err->file[0]) {
        if(err->line && err->column)
            n = snprintf(out, size, "%s:%u:%u: ", err->file, err->line,
                         err->column);
        else if(err->line)
            n = snprintf(out, size, "%s:%u: ", err->file, err->line);
        else
            n = snprintf(out, size, "%s: ", err->file);
        used = n > 0 ? (size_t)n : 0;
    }
    if(used < size && err->path[0]) {
        n = snprintf(out + used, size - used, "%s: ", err->path);
        used += n > 0 ? (size_t)n : 0;
    }
    if(used < size)
        snprintf(out + used, size - used, "%s",
                 err->message[0] ? err->message
                                 : imr_status_str(err->status));
    return out;
}

void imr__assert_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, what);
    abort();
}
