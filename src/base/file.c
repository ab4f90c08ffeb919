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
    return imr_error_set(err, IMR_EIO, "cannot %s \"%s\": %s", what, path,
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

imr_status imr_file_read(const char *path, size_t max_bytes, char **data,
                         size_t *len, imr_error *err)
{
    struct stat st;
    size_t size, got = 0;
    char *buf;
    imr_status rc;
    int fd = open(path, O_RDONLY);

    if(fd < 0)
        return io_error(err, "open", path);
    if(fstat(fd, &st) != 0) {
        rc = io_error(err, "stat", path);
        close(fd);
        return rc;
    }
    if(S_ISDIR(st.st_mode)) {
        close(fd);
        return imr_error_set(err, IMR_EINPUT, "\"%s\" is a directory", path);
    }
    if((uintmax_t)st.st_size > max_bytes) {
        close(fd);
        return imr_error_set(err, IMR_ETOOBIG,
                             "\"%s\" is %jd bytes, more than the %zu allowed",
                             path, (intmax_t)st.st_size, max_bytes);
    }
    size = (size_t)st.st_size;
    buf = imr_xmalloc(size + 1);
    rc = read_all(fd, path, buf, size, &got, err);
    close(fd);
    if(rc != IMR_OK) {
        free(buf);
        return rc;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
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
