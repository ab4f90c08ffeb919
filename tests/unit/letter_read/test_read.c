/* SPDX-License-Identifier: MIT */
/* imr_letter_read_text: text files, PDFs made at run time by the text2pdf
 * tool, and every way a letter file is refused. */
#include "imr/letter.h"

#include <dirent.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#ifndef IMR_TEXT2PDF
#error "IMR_TEXT2PDF must name the text2pdf tool"
#endif

extern char **environ;

enum { CAP = 1 << 20 };

/*---- Scratch files -----------------------------------------------------*/

static const char *write_file(const char *name, const char *data, size_t len,
                              char *path, size_t size)
{
    FILE *f = fopen(scratch_path(name, path, size), "wb");

    if(!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    return path;
}

static const char *write_string(const char *name, const char *text, char *path,
                                size_t size)
{
    return write_file(name, text, strlen(text), path, size);
}

/* Runs text2pdf with up to three arguments; returns its exit status. */
static int run_text2pdf(const char *a, const char *b, const char *c)
{
    char *argv[] = {(char *)IMR_TEXT2PDF, (char *)a, (char *)b, (char *)c,
                    NULL};
    pid_t pid;
    int status;

    if(posix_spawn(&pid, IMR_TEXT2PDF, NULL, NULL, argv, environ) != 0)
        return -1;
    if(waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

/* Makes `name`.pdf from `text` with text2pdf. */
static const char *make_pdf(const char *name, const char *text, char *path,
                            size_t size)
{
    char txt[1024], stem[256];

    snprintf(stem, sizeof(stem), "%s.txt", name);
    write_string(stem, text, txt, sizeof(txt));
    snprintf(stem, sizeof(stem), "%s.pdf", name);
    scratch_path(stem, path, size);
    if(run_text2pdf(txt, path, NULL) != 0) {
        fprintf(stderr, "text2pdf failed on %s\n", txt);
        exit(1);
    }
    return path;
}

/* Reads `path`, expecting success. */
static char *read_ok(const char *path, size_t *len)
{
    imr_error err;
    imr_buf text;

    imr_error_clear(&err);
    imr_buf_init(&text);
    if(imr_letter_read_text(path, CAP, &text, &err) != IMR_OK) {
        fprintf(stderr, "  unexpected refusal: %s\n", err.message);
        imr_buf_fini(&text);
        return NULL;
    }
    *len = text.len;
    return imr_buf_take(&text);
}

/* Reads `path` with `cap`, expecting a refusal; the buffer, which held
 * an earlier text, must be left empty. Returns the status. */
static imr_status read_refused(const char *path, size_t cap, imr_error *err)
{
    imr_buf text;
    imr_status rc;

    imr_error_clear(err);
    imr_buf_init(&text);
    imr_buf_puts(&text, "an earlier letter");
    rc = imr_letter_read_text(path, cap, &text, err);
    if(rc != IMR_OK && text.len != 0)
        rc = IMR_STATUS_COUNT; /* half a text was left behind */
    imr_buf_fini(&text);
    return rc;
}

/* The text reflowed into one line, for sentences that wrapped. */
static char *reflowed(const char *text, size_t len)
{
    imr_buf buf;

    imr_buf_init(&buf);
    imr_text_reflow(&buf, text, len);
    return imr_buf_take(&buf);
}

/*---- Text files --------------------------------------------------------*/

TEST(a_plain_text_letter_comes_back_byte_for_byte)
{
    static const char letter[] =
        "HOW THE IMR FINAL DETERMINATION WAS MADE\n\n"
        "MAXIMUS Federal Services sent the complete case file to an expert\n"
        "reviewer.\tDate of injury 5/20/1997.\n\fPage 2\n";
    char path[1024];
    size_t len = 0;
    char *text =
        read_ok(write_string("plain.txt", letter, path, sizeof(path)), &len);

    ASSERT_TRUE(text != NULL);
    ASSERT_EQ_INT(strlen(letter), len);
    ASSERT_EQ_STR(letter, text);
    free(text);
}

TEST(curly_quotes_dashes_spaces_and_ligatures_become_ascii)
{
    static const char letter[] =
        "\xEF\xBB\xBF"                              /* byte order mark */
        "The \xE2\x80\x9C" "request\xE2\x80\x9D for the patient\xE2\x80\x99s "
        "\xEF\xAC\x81rst \xEF\xAC\x82oor visit\xC2\xA0was 3\xE2\x80\x93" "5 "
        "days \xE2\x80\x94 PT 2\xC3\x97" "4 caf\xC3\xA9\xE2\x80\xA6\n\f\n";
    static const char expected[] =
        "The \"request\" for the patient's first floor visit was 3-5 days "
        "- PT 2x4 caf\xC3\xA9...\n\f\n";
    char path[1024];
    size_t len = 0;
    char *text = read_ok(write_string("utf8.txt", letter, path, sizeof(path)),
                         &len);

    ASSERT_TRUE(text != NULL);
    ASSERT_EQ_STR(expected, text);
    ASSERT_EQ_INT(strlen(expected), len);
    free(text);
}

TEST(windows_line_ends_and_windows_1252_quotes_are_read)
{
    static const char letter[] =
        "Dear Doctor,\r\nThe \x93request\x94 was denied \x96 see below.\r\n"
        "Old Mac line\rend\n";
    static const char expected[] =
        "Dear Doctor,\nThe \"request\" was denied - see below.\n"
        "Old Mac line\nend\n";
    char path[1024];
    size_t len = 0;
    char *text = read_ok(write_string("cp1252.txt", letter, path,
                                      sizeof(path)),
                         &len);

    ASSERT_TRUE(text != NULL);
    ASSERT_EQ_STR(expected, text);
    free(text);
}

TEST(an_empty_file_is_refused)
{
    char path[1024];
    imr_error err;

    write_string("empty.txt", "", path, sizeof(path));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_EQ_STR(path, err.file);
    ASSERT_CONTAINS(err.message, "the file is empty");
}

TEST(a_file_of_only_white_space_is_refused)
{
    char path[1024];
    imr_error err;

    write_string("blank.txt", "  \n\t\n\f\r\n\xC2\xA0\n", path, sizeof(path));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "only white space");
}

TEST(a_binary_file_is_refused_with_the_offset_of_its_first_nul)
{
    static const char data[] = "GIF89a\x01\x00\x01\x00\x80\xff\xff";
    char path[1024], line[1024];
    imr_error err;

    write_file("image.gif", data, sizeof(data) - 1, path, sizeof(path));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "binary content: a NUL byte at offset 7");
    ASSERT_CONTAINS(imr_error_format(&err, line, sizeof(line)), path);
}

TEST(a_file_mostly_of_control_bytes_is_refused)
{
    static const char data[] = "ab\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x1b"
                               "\xfe\xff\x90\x81 cd";
    char path[1024];
    imr_error err;

    write_string("control.txt", data, path, sizeof(path));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "control characters or not UTF-8");
}

TEST(a_file_over_the_cap_is_refused_with_both_sizes)
{
    char data[100], path[1024];
    imr_error err;

    memset(data, 'a', sizeof(data));
    write_file("big.txt", data, sizeof(data), path, sizeof(path));
    ASSERT_EQ_INT(IMR_ETOOBIG, read_refused(path, 50, &err));
    ASSERT_CONTAINS(err.message, "100 bytes");
    ASSERT_CONTAINS(err.message, "50");
    ASSERT_EQ_STR(path, err.file);
}

TEST(a_missing_file_is_refused_with_the_system_reason)
{
    char path[1024];
    imr_error err;

    scratch_path("no-such-letter.txt", path, sizeof(path));
    ASSERT_EQ_INT(IMR_EIO, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "No such file or directory");
    ASSERT_EQ_STR(path, err.file);
}

TEST(a_directory_is_refused)
{
    char path[1024];
    imr_error err;

    scratch_path("", path, sizeof(path));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "is a directory");
}

/*---- PDF files ---------------------------------------------------------*/

/* 60 numbered lines, so the PDF has two pages, then a sentence long
 * enough to wrap. */
static char *long_letter(void)
{
    imr_buf buf;
    int i;

    imr_buf_init(&buf);
    imr_buf_puts(&buf, "UTILIZATION REVIEW DETERMINATION\n\n");
    imr_buf_puts(&buf, "The injured worker is a female with date of injury "
                       "5/20/1997.\n");
    imr_buf_puts(&buf, "The \xE2\x80\x9Crequest\xE2\x80\x9D is for "
                       "\xEF\xAC\x81ve visits.\n");
    for(i = 1; i <= 60; i++)
        imr_buf_printf(&buf, "Progress note line %d.\n", i);
    imr_buf_puts(&buf, "The expert reviewer found that the requested 12 "
                       "sessions of physical therapy are not medically "
                       "necessary and appropriate for this patient.\n");
    return imr_buf_take(&buf);
}

TEST(the_text_of_a_pdf_comes_back_page_by_page)
{
    char path[1024];
    char *source = long_letter(), *text, *flat;
    size_t len = 0;

    make_pdf("letter", source, path, sizeof(path));
    free(source);
    text = read_ok(path, &len);
    ASSERT_TRUE(text != NULL);
    flat = reflowed(text, len);
    ASSERT_CONTAINS(text, "UTILIZATION REVIEW DETERMINATION\n");
    ASSERT_CONTAINS(text, "female with date of injury 5/20/1997.\n");
    ASSERT_CONTAINS(text, "The \"request\" is for five visits.\n");
    ASSERT_CONTAINS(text, "Progress note line 46.\n\f\nProgress note line "
                          "47.\n");
    ASSERT_CONTAINS(flat, "The expert reviewer found that the requested 12 "
                          "sessions of physical therapy are not medically "
                          "necessary and appropriate for this patient.");
    ASSERT_EQ_INT(strlen(text), len);
    ASSERT_EQ_INT('\n', text[len - 1]);
    free(flat);
    free(text);
}

TEST(a_pdf_is_recognized_by_its_bytes_whatever_its_name)
{
    char pdf[1024], renamed[1024];
    char *text;
    size_t len = 0;

    make_pdf("short", "Request: chiropractic 2x3 lumbar spine.\n", pdf,
             sizeof(pdf));
    scratch_path("short-pdf.txt", renamed, sizeof(renamed));
    ASSERT_EQ_INT(0, rename(pdf, renamed));
    text = read_ok(renamed, &len);
    ASSERT_TRUE(text != NULL);
    ASSERT_EQ_STR("Request: chiropractic 2x3 lumbar spine.\n", text);
    free(text);
}

TEST(a_pdf_without_a_text_layer_is_refused)
{
    char path[1024], line[1024];
    imr_error err;

    scratch_path("scan.pdf", path, sizeof(path));
    ASSERT_EQ_INT(0, run_text2pdf("--no-text", path, NULL));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "no text layer");
    ASSERT_CONTAINS(err.message, "run OCR first");
    ASSERT_EQ_STR(path, err.file);
    imr_error_format(&err, line, sizeof(line));
    ASSERT_TRUE(strncmp(line, path, strlen(path)) == 0);
}

TEST(a_truncated_pdf_is_refused)
{
    char path[1024], cut[1024];
    char *data = NULL;
    size_t len = 0, n;
    imr_error err;

    make_pdf("whole", "A sentence that will be cut off.\n", path,
             sizeof(path));
    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK, imr_file_read(path, CAP, &data, &len, &err));
    for(n = 8; n < len; n = n * 2) {
        write_file("cut.pdf", data, n, cut, sizeof(cut));
        if(read_refused(cut, CAP, &err) != IMR_EINPUT) {
            free(data);
            FAIL_AT("a PDF cut to %zu of %zu bytes was not refused", n, len);
        }
        ASSERT_CONTAINS(err.message, "cut off");
    }
    free(data);
}

TEST(a_damaged_pdf_is_refused_with_poppler_reason)
{
    static const char data[] = "%PDF-1.4\nthis is not a PDF body\n%%EOF\n";
    char path[1024];
    imr_error err;

    write_string("damaged.pdf", data, path, sizeof(path));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "not a readable PDF: ");
}

TEST(a_text_file_named_pdf_is_refused_as_not_a_pdf)
{
    char path[1024];
    imr_error err;

    write_string("notes.PDF", "Just some notes.\n", path, sizeof(path));
    ASSERT_EQ_INT(IMR_EINPUT, read_refused(path, CAP, &err));
    ASSERT_CONTAINS(err.message, "not a PDF: no \"%PDF-\" header");
}

TEST(a_pdf_over_the_cap_is_refused)
{
    char path[1024];
    imr_error err;

    make_pdf("capped", "Short.\n", path, sizeof(path));
    ASSERT_EQ_INT(IMR_ETOOBIG, read_refused(path, 100, &err));
}

TEST_MAIN(T(a_plain_text_letter_comes_back_byte_for_byte),
          T(curly_quotes_dashes_spaces_and_ligatures_become_ascii),
          T(windows_line_ends_and_windows_1252_quotes_are_read),
          T(an_empty_file_is_refused),
          T(a_file_of_only_white_space_is_refused),
          T(a_binary_file_is_refused_with_the_offset_of_its_first_nul),
          T(a_file_mostly_of_control_bytes_is_refused),
          T(a_file_over_the_cap_is_refused_with_both_sizes),
          T(a_missing_file_is_refused_with_the_system_reason),
          T(a_directory_is_refused),
          T(the_text_of_a_pdf_comes_back_page_by_page),
          T(a_pdf_is_recognized_by_its_bytes_whatever_its_name),
          T(a_pdf_without_a_text_layer_is_refused),
          T(a_truncated_pdf_is_refused),
          T(a_damaged_pdf_is_refused_with_poppler_reason),
          T(a_text_file_named_pdf_is_refused_as_not_a_pdf),
          T(a_pdf_over_the_cap_is_refused))
