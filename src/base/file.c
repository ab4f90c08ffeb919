/* SPDX-License-Identifier: MIT */
/* Whole-file reads with a size cap, and writes that never leave half a file. */
#include "imr/base.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static imr_status io_error(imr_error *err, const char *what, const char *path)
{
    int saved = errno;
    imr_error_name_file(err, path);
    return imr_error_set(err, IMR_EIO, "cannot %s: %s", what,
                         strerror(saved));
}

static imr_status read_all(int fd, const char *path, char *data, size_t size,
                           size_t *got, imr_error *err)
{
    size_t len = 0;

    while(len < size) {
        ssize_t n = read(fd, data + len, size - len);
        if(n < 0 && errno == EINTR)
            continue;
        if(n < 0)
            return io_error(err, "read", path);
        if(n == 0)
            break;
        len += (size_t)n;
    }
    *got = len;
    return IMR_OK;
}

static imr_status too_big(const char *path, uintmax_t size, size_t max_bytes,
                          imr_error *err)
{
    imr_error_name_file(err, path);
    return imr_error_set(err, IMR_ETOOBIG,
                         "the file is %ju bytes, more than the %zu allowed",
                         size, max_bytes);
}

/* A regular file: its size is known, so one read into the buffer. */
static imr_status read_regular(int fd, const char *path, size_t size,
                               imr_buf *out, imr_error *err)
{
    size_t got = 0;
    imr_status rc;

    imr_buf_reserve(out, size);
    rc = read_all(fd, path, out->data, size, &got, err);
    out->len = rc == IMR_OK ? got : 0;
    out->data[out->len] = '\0';
    return rc;
}

/* A pipe, a terminal or a /proc file reports no size: read to the end in
 * chunks, at most one byte past the cap to know it was passed. */
static imr_status read_stream(int fd, const char *path, size_t max_bytes,
                              imr_buf *out, imr_error *err)
{
    enum { CHUNK = 64 * 1024 };
    imr_status rc = IMR_OK;

    for(;;) {
        size_t got = 0, want = CHUNK;
        if(max_bytes - out->len < CHUNK)
            want = max_bytes - out->len + 1;
        imr_buf_reserve(out, want);
        rc = read_all(fd, path, out->data + out->len, want, &got, err);
        out->len += got;
        out->data[out->len] = '\0';
        if(rc != IMR_OK || got < want)
            break;
        if(out->len > max_bytes) {
            imr_error_name_file(err, path);
            rc = imr_error_set(err, IMR_ETOOBIG,
                               "the input is more than the %zu bytes allowed",
                               max_bytes);
            break;
        }
    }
    if(rc != IMR_OK)
        imr_buf_reset(out);
    return rc;
}

imr_status imr_file_read_buf(const char *path, size_t max_bytes, imr_buf *out,
                             imr_error *err)
{
    struct stat st;
    imr_status rc;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    imr_buf_reserve(out, 0);
    imr_buf_reset(out);
    if(fd < 0)
        return io_error(err, "open", path);
    if(fstat(fd, &st) != 0)
        rc = io_error(err, "stat", path);
    else if(S_ISDIR(st.st_mode)) {
        imr_error_name_file(err, path);
        rc = imr_error_set(err, IMR_EINPUT, "is a directory, not a file");
    }
    else if(!S_ISREG(st.st_mode))
        rc = read_stream(fd, path, max_bytes, out, err);
    else if((uintmax_t)st.st_size > max_bytes)
        rc = too_big(path, (uintmax_t)st.st_size, max_bytes, err);
    else
        rc = read_regular(fd, path, (size_t)st.st_size, out, err);
    close(fd);
    return rc;
}

imr_status imr_file_read(const char *path, size_t max_bytes, char **data,
                         size_t *len, imr_error *err)
{
    imr_buf buf;
    imr_status rc;

    imr_buf_init(&buf);
    rc = imr_file_read_buf(path, max_bytes, &buf, err);
    if(rc != IMR_OK) {
        imr_buf_fini(&buf);
        return rc;
    }
    *len = buf.len;
    *data = imr_buf_take(&buf);
    return IMR_OK;
}

static imr_status write_all(int fd, const char *data, size_t len)
{
    while(len) {
        ssize_t n = write(fd, data, len);
        if(n < 0 && errno == EINTR)
            continue;
        if(n < 0)
            return IMR_EIO;
        data += n;
        len -= (size_t)n;
    }
    return IMR_OK;
}

imr_status imr_file_write_atomic(const char *path, const char *data,
                                 size_t len, imr_error *err)
{
    char tmp[4096];
    int fd, n = snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path);

    if(n < 0 || (size_t)n >= sizeof(tmp))
        return imr_error_set(err, IMR_EINPUT, "path too long: \"%s\"", path);
    fd = mkstemp(tmp);
    if(fd < 0)
        return io_error(err, "create a temporary file beside", path);
    if(write_all(fd, data, len) != IMR_OK || fsync(fd) != 0) {
        imr_status rc = io_error(err, "write", path);
        close(fd);
        unlink(tmp);
        return rc;
    }
    if(close(fd) != 0 || fchmodat(AT_FDCWD, tmp, 0644, 0) != 0 ||
       rename(tmp, path) != 0) {
        imr_status rc = io_error(err, "write", path);
        unlink(tmp);
        return rc;
    }
    return IMR_OK;
}

const char *imr_kb_default_dir(void)
{
    const char *env = getenv("IMR_KB");
#ifndef IMR_KB_DIR
#define IMR_KB_DIR "kb"
#endif
    return env && *env ? env : IMR_KB_DIR;
}
