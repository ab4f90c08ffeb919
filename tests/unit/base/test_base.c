/* SPDX-License-Identifier: MIT */
/* The base module: dates, reflow, ASCII comparisons, buffers, arenas, the
 * error object, the cursor, and whole-file reads and atomic writes. */
#include "imr/base.h"
#include "imr/json.h"

#include <dirent.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

/*---- Scratch files -----------------------------------------------------*/

/* How many names in the scratch folder contain `part`. */
static int count_names(const char *part)
{
    DIR *d = opendir(scratch_dir());
    struct dirent *entry;
    int n = 0;

    if(!d)
        return -1;
    while((entry = readdir(d)) != NULL) {
        if(strstr(entry->d_name, part))
            n++;
    }
    closedir(d);
    return n;
}

/*---- Dates -------------------------------------------------------------*/

/* The ISO date parsed from `s`, or "" when none; `used` gets the bytes
 * consumed. */
static const char *date_of(const char *s, size_t *used, char iso[11])
{
    iso[0] = '\0';
    *used = imr_text_parse_date(s, strlen(s), iso);
    return *used ? iso : "";
}

#define ASSERT_DATE(text, expected, consumed)                                \
    do {                                                                     \
        char iso_[11];                                                       \
        size_t used_;                                                        \
        ASSERT_EQ_STR(expected, date_of(text, &used_, iso_));                \
        ASSERT_EQ_INT(consumed, used_);                                      \
    } while(0)

TEST(numeric_dates_are_month_first_with_two_or_four_digit_years)
{
    ASSERT_DATE("5/20/1997", "1997-05-20", 9);
    ASSERT_DATE("08/01/13", "2013-08-01", 8);
    ASSERT_DATE("06/14/2013", "2013-06-14", 10);
    ASSERT_DATE("5/20/97", "1997-05-20", 7);
    ASSERT_DATE("12/31/49", "2049-12-31", 8);
    ASSERT_DATE("12/31/50", "1950-12-31", 8);
    ASSERT_DATE("9/8/2014, the injured worker", "2014-09-08", 8);
    ASSERT_DATE("11.24.2014", "2014-11-24", 10);
}

TEST(iso_dates_are_year_first)
{
    ASSERT_DATE("2014-11-24", "2014-11-24", 10);
    ASSERT_DATE("2014-11-24T10:00", "2014-11-24", 10);
    ASSERT_DATE("2014/1/5", "2014-01-05", 8);
}

TEST(named_month_dates_take_full_and_short_names)
{
    ASSERT_DATE("February 12, 2006", "2006-02-12", 17);
    ASSERT_DATE("Feb. 12, 2006", "2006-02-12", 13);
    ASSERT_DATE("Feb 12 2006", "2006-02-12", 11);
    ASSERT_DATE("December 18, 2013", "2013-12-18", 17);
    ASSERT_DATE("Sept. 5, 2014", "2014-09-05", 13);
    ASSERT_DATE("MAY 1st, 2014.", "2014-05-01", 13);
    ASSERT_DATE("june 30,2015", "2015-06-30", 12);
}

TEST(things_that_are_not_dates_give_zero)
{
    ASSERT_DATE("13/45/2014", "", 0);
    ASSERT_DATE("1/2", "", 0);
    ASSERT_DATE("", "", 0);
    ASSERT_DATE("5/20/199", "", 0);
    ASSERT_DATE("5/20/19975", "", 0);
    ASSERT_DATE("5/20-1997", "", 0);
    ASSERT_DATE("0005/20/1997", "", 0);
    ASSERT_DATE("123/1/2014", "", 0);
    ASSERT_DATE("2014-13-01", "", 0);
    ASSERT_DATE("4/31/2014", "", 0);
    ASSERT_DATE("0/10/2014", "", 0);
    ASSERT_DATE("1/0/2014", "", 0);
    ASSERT_DATE("1/1/1899", "", 0);
    ASSERT_DATE("Marching 12, 2006", "", 0);
    ASSERT_DATE("February 2006", "", 0);
    ASSERT_DATE("Fe 12, 2006", "", 0);
    ASSERT_DATE("February 12, 06", "", 0);
    ASSERT_DATE("3x per week", "", 0);
}

TEST(february_29_exists_only_in_leap_years)
{
    ASSERT_DATE("2/29/2012", "2012-02-29", 9);
    ASSERT_DATE("2/29/2000", "2000-02-29", 9);
    ASSERT_DATE("2/29/2013", "", 0);
    ASSERT_DATE("2/29/1900", "", 0);
    ASSERT_DATE("February 30, 2012", "", 0);
}

TEST(a_date_is_read_only_within_the_length_given)
{
    char iso[11] = "";

    ASSERT_EQ_INT(0, imr_text_parse_date("5/20/1997", 6, iso));
    ASSERT_EQ_INT(8, imr_text_parse_date("08/01/13999", 8, iso));
    ASSERT_EQ_STR("2013-08-01", iso);
}

/*---- Reflow ------------------------------------------------------------*/

static char *reflow(const char *s)
{
    imr_buf buf;

    imr_buf_init(&buf);
    imr_text_reflow(&buf, s, strlen(s));
    return imr_buf_take(&buf);
}

#define ASSERT_REFLOW(input, expected)                                       \
    do {                                                                     \
        char *got_ = reflow(input);                                          \
        int same_ = strcmp(got_, expected) == 0;                             \
        if(!same_)                                                           \
            fprintf(stderr, "  reflow got \"%s\"\n", got_);                  \
        free(got_);                                                          \
        ASSERT_TRUE(same_);                                                  \
    } while(0)

TEST(reflow_joins_lines_and_collapses_white_space)
{
    ASSERT_REFLOW("The injured worker\nreports back  pain.",
                  "The injured worker reports back pain.");
    ASSERT_REFLOW("  leading and trailing \n\n", "leading and trailing");
    ASSERT_REFLOW("tabs\tand\r\nCRLF", "tabs and CRLF");
    ASSERT_REFLOW("", "");
    ASSERT_REFLOW(" \n\f ", "");
}

TEST(reflow_joins_a_word_hyphenated_at_a_line_end)
{
    ASSERT_REFLOW("self-\ndirected", "self-directed");
    ASSERT_REFLOW("3- \n5 days", "3-5 days");
    ASSERT_REFLOW("Chiropractic 2x3\nlumbar-\n  spine", "Chiropractic 2x3 "
                                                        "lumbar-spine");
}

TEST(reflow_keeps_a_spaced_hyphen_spaced)
{
    ASSERT_REFLOW("pain -\nworse", "pain - worse");
    ASSERT_REFLOW("a - b", "a - b");
    ASSERT_REFLOW("self- directed", "self- directed");
    ASSERT_REFLOW("item:-\n(see below)", "item:- (see below)");
}

TEST(reflow_turns_blank_lines_and_form_feeds_into_one_space)
{
    ASSERT_REFLOW("end of page\n\n\f\nnext page", "end of page next page");
    ASSERT_REFLOW("one\n\n\ntwo", "one two");
}

TEST(reflow_appends_to_what_the_buffer_holds)
{
    imr_buf buf;

    imr_buf_init(&buf);
    imr_buf_puts(&buf, "Rationale: ");
    imr_text_reflow(&buf, "  not\nnecessary ", 15);
    ASSERT_EQ_STR("Rationale: not necessary", buf.data);
    ASSERT_EQ_INT(strlen(buf.data), buf.len);
    imr_buf_fini(&buf);
}

/*---- ASCII comparisons -------------------------------------------------*/

TEST(wrap_breaks_between_words_and_indents_the_next_lines)
{
    imr_buf out;

    imr_buf_init(&out);
    imr_buf_puts(&out, "A: ");
    imr_text_wrap(&out, "one two  three four", 13, 3, 3, "\n");
    ASSERT_EQ_STR("A: one two\n   three four\n", out.data);
    imr_buf_reset(&out);
    /* a word longer than the width stands alone on its line */
    imr_text_wrap(&out, "a abcdefghijkl b", 8, 0, 0, " \n\n");
    ASSERT_EQ_STR("a \n\nabcdefghijkl \n\nb \n\n", out.data);
    imr_buf_fini(&out);
}

TEST(ascii_comparisons_ignore_case)
{
    const char *s = "Final Determination Letter";

    ASSERT_TRUE(imr_text_ieq("UPHELD", 6, "upheld"));
    ASSERT_TRUE(!imr_text_ieq("UPHELD", 6, "uphel"));
    ASSERT_TRUE(!imr_text_ieq("UPHEL", 5, "upheld"));
    ASSERT_TRUE(imr_text_ieq("", 0, ""));
    ASSERT_TRUE(imr_text_istarts(s, strlen(s), "final deter"));
    ASSERT_TRUE(imr_text_istarts(s, strlen(s), ""));
    ASSERT_TRUE(!imr_text_istarts(s, 5, "final deter"));
    ASSERT_TRUE(imr_text_ifind(s, strlen(s), "LETTER") == s + 20);
    ASSERT_TRUE(imr_text_ifind(s, strlen(s), "") == s);
    ASSERT_TRUE(imr_text_ifind(s, strlen(s), "letters") == NULL);
    ASSERT_TRUE(imr_text_ifind(s, 25, "letter") == NULL);
    ASSERT_TRUE(imr_text_ifind("aab", 3, "ab") != NULL);
}

TEST(trim_drops_white_space_at_both_ends)
{
    const char *s = " \t\n text here \r\n\f";
    size_t len = strlen(s);

    imr_text_trim(&s, &len);
    ASSERT_EQ_INT(9, len);
    ASSERT_TRUE(strncmp(s, "text here", len) == 0);
    s = "   ";
    len = 3;
    imr_text_trim(&s, &len);
    ASSERT_EQ_INT(0, len);
}

/*---- Buffers -----------------------------------------------------------*/

TEST(a_buffer_grows_as_text_is_appended)
{
    imr_buf buf;
    int i;

    imr_buf_init(&buf);
    imr_buf_append(&buf, "abc", 3);
    imr_buf_putc(&buf, '-');
    imr_buf_puts(&buf, "def");
    ASSERT_EQ_STR("abc-def", buf.data);
    for(i = 0; i < 1000; i++)
        imr_buf_append(&buf, "0123456789", 10);
    ASSERT_EQ_INT(10007, buf.len);
    ASSERT_TRUE(buf.cap > buf.len);
    ASSERT_EQ_INT('\0', buf.data[buf.len]);
    ASSERT_TRUE(memcmp(buf.data + 9997, "0123456789", 10) == 0);
    imr_buf_reset(&buf);
    ASSERT_EQ_INT(0, buf.len);
    ASSERT_EQ_STR("", buf.data);
    imr_buf_fini(&buf);
    ASSERT_TRUE(buf.data == NULL);
}

TEST(buffer_printf_grows_past_the_first_block)
{
    imr_buf buf;
    char big[300];
    int i;

    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    imr_buf_init(&buf);
    imr_buf_printf(&buf, "%s:%d", "visits", 12);
    ASSERT_EQ_STR("visits:12", buf.data);
    imr_buf_printf(&buf, "[%s]", big);
    ASSERT_EQ_INT(9 + 301, buf.len);
    ASSERT_EQ_INT(']', buf.data[buf.len - 1]);
    for(i = 0; i < 100; i++)
        imr_buf_printf(&buf, "%03d", i);
    ASSERT_EQ_INT(310 + 300, buf.len);
    ASSERT_EQ_INT(strlen(buf.data), buf.len);
    imr_buf_printf(&buf, "%s", "");
    ASSERT_EQ_INT(610, buf.len);
    imr_buf_fini(&buf);
}

TEST(buffer_take_hands_over_the_data_and_empties_the_buffer)
{
    imr_buf buf;
    char *s;

    imr_buf_init(&buf);
    s = imr_buf_take(&buf);
    ASSERT_EQ_STR("", s);
    free(s);
    imr_buf_puts(&buf, "kept");
    s = imr_buf_take(&buf);
    ASSERT_EQ_STR("kept", s);
    ASSERT_TRUE(buf.data == NULL);
    ASSERT_EQ_INT(0, buf.len);
    ASSERT_EQ_INT(0, buf.cap);
    free(s);
}

/*---- Arenas ------------------------------------------------------------*/

static int is_aligned(const void *p)
{
    return (uintptr_t)p % _Alignof(max_align_t) == 0;
}

/* Allocates `count` pieces of `size` bytes, fills each with its index and
 * checks that none was overwritten. */
static int fill_and_check(imr_arena *arena, size_t count, size_t size)
{
    unsigned char **pieces = imr_xcalloc(count, sizeof(*pieces));
    size_t i, j;
    int ok = 1;

    for(i = 0; i < count; i++) {
        pieces[i] = imr_arena_alloc(arena, size);
        for(j = 0; j < size; j++)
            ok = ok && pieces[i][j] == 0;
        ok = ok && is_aligned(pieces[i]);
        memset(pieces[i], (int)(i & 0xFF), size);
    }
    for(i = 0; i < count; i++) {
        for(j = 0; j < size; j++)
            ok = ok && pieces[i][j] == (unsigned char)(i & 0xFF);
    }
    free(pieces);
    return ok;
}

TEST(an_arena_gives_zeroed_aligned_memory_that_does_not_overlap)
{
    imr_arena *arena = imr_arena_new();
    size_t sizes[] = {0, 1, 7, 16, 33, 1000, 16 * 1024, 40000};
    size_t i;
    int ok = 1;

    for(i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
        ok = ok && fill_and_check(arena, 200, sizes[i]);
    imr_arena_free(arena);
    ASSERT_TRUE(ok);
}

TEST(an_arena_takes_big_allocations)
{
    imr_arena *arena = imr_arena_new();
    unsigned char *small = imr_arena_alloc(arena, 10);
    unsigned char *big = imr_arena_alloc(arena, 5u << 20);
    unsigned char *after = imr_arena_alloc(arena, 10);
    size_t i;
    int zero = 1;

    for(i = 0; i < (5u << 20); i++)
        zero = zero && big[i] == 0;
    memset(big, 0xAB, 5u << 20);
    ASSERT_TRUE(zero);
    ASSERT_TRUE(is_aligned(big));
    /* The big piece has a block of its own: the small ones stay side by
     * side in the first block. */
    ASSERT_TRUE(after - small == (ptrdiff_t)_Alignof(max_align_t));
    imr_arena_free(arena);
}

TEST(a_reset_arena_can_be_used_again)
{
    imr_arena *arena = imr_arena_new();
    int round, ok = 1;

    for(round = 0; round < 5; round++) {
        ok = ok && fill_and_check(arena, 5000, 24);
        ok = ok && imr_arena_alloc(arena, 1u << 20) != NULL;
        ok = ok && fill_and_check(arena, 10, 20000);
        imr_arena_reset(arena);
    }
    ok = ok && fill_and_check(arena, 100, 100);
    imr_arena_free(arena);
    imr_arena_free(NULL);
    ASSERT_TRUE(ok);
}

TEST(a_reset_arena_reuses_its_blocks_instead_of_allocating_new_ones)
{
    imr_arena *arena = imr_arena_new();
    unsigned char *big, *again;
    size_t i;
    int zero = 1;

    imr_arena_alloc(arena, 60000); /* fills most of the first block */
    big = imr_arena_alloc(arena, 100000);
    memset(big, 0xCD, 100000);
    imr_arena_reset(arena);
    imr_arena_alloc(arena, 60000);
    again = imr_arena_alloc(arena, 90000);
    for(i = 0; i < 90000; i++)
        zero = zero && again[i] == 0;
    ASSERT_TRUE(again == big); /* the spare block, not a new one */
    ASSERT_TRUE(zero);
    imr_arena_free(arena);
}

TEST(a_reset_keeps_the_first_block_even_after_a_big_allocation)
{
    imr_arena *arena = imr_arena_new();
    char *first = imr_arena_alloc(arena, 8), *again;

    imr_arena_alloc(arena, 1u << 20);
    imr_arena_reset(arena);
    again = imr_arena_alloc(arena, 8);
    ASSERT_TRUE(again == first);
    imr_arena_free(arena);
}

TEST(arena_strings_are_copies)
{
    imr_arena *arena = imr_arena_new();
    char src[] = "lumbar spine";
    char *a = imr_arena_strdup(arena, src), *b;

    b = imr_arena_strndup(arena, src, 6);
    src[0] = 'X';
    ASSERT_EQ_STR("lumbar spine", a);
    ASSERT_EQ_STR("lumbar", b);
    imr_arena_free(arena);
}

/*---- JSON --------------------------------------------------------------*/

/* The compact JSON of {"t": node}; the node is deleted. */
static void print_member(cJSON *node, imr_buf *out)
{
    cJSON *o = cJSON_CreateObject();
    imr_json_add(o, "t", node);
    imr_buf_reset(out);
    imr_json_print(o, IMR_JSON_COMPACT, out);
    cJSON_Delete(o);
}

/* A text node prints as cJSON prints the string, whatever byte stands
 * wherever: every length up to 150 with each byte that JSON escapes (and
 * its neighbours, which it does not) at every place. */
TEST(a_text_node_prints_as_cjson_prints_the_string)
{
    static const unsigned char probes[] = {0x00, 0x01, '\t', '\n', 0x1f, ' ',
                                           '!',  '"',  '#',   '[',  '\\', ']',
                                           0x7f, 0x80, 0xc3,  0xff};
    imr_arena *arena = imr_arena_new();
    imr_buf want, got;
    char text[151];
    size_t len, at, k;

    imr_buf_init(&want);
    imr_buf_init(&got);
    for(len = 1; len < sizeof(text); len++) {
        for(at = 0; at < len; at++) {
            for(k = 0; k < sizeof(probes); k++) {
                memset(text, 'a' + (int)(len % 26), len);
                text[at] = (char)probes[k];
                text[len] = '\0';
                print_member(cJSON_CreateString(text), &want);
                print_member(imr_json_text_ref(text, arena), &got);
                ASSERT_EQ_STR(want.data, got.data);
            }
        }
        imr_arena_reset(arena);
    }
    imr_buf_fini(&want);
    imr_buf_fini(&got);
    imr_arena_free(arena);
}

TEST(a_missing_text_is_null_and_a_long_one_is_copied)
{
    imr_arena *arena = imr_arena_new();
    char text[100];
    cJSON *node;
    imr_buf out;

    imr_buf_init(&out);
    print_member(imr_json_text_ref(NULL, arena), &out);
    ASSERT_EQ_STR("{\"t\":null}", out.data);
    memset(text, 'x', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    node = imr_json_text_ref(text, arena);
    text[0] = 'y'; /* the node holds its own copy */
    print_member(node, &out);
    ASSERT_EQ_INT('x', out.data[6]);
    imr_buf_fini(&out);
    imr_arena_free(arena);
}

TEST(counts_print_as_digits_and_negative_ones_as_null)
{
    imr_buf out;

    imr_buf_init(&out);
    print_member(imr_json_count(0), &out);
    ASSERT_EQ_STR("{\"t\":0}", out.data);
    print_member(imr_json_count(1234567890L), &out);
    ASSERT_EQ_STR("{\"t\":1234567890}", out.data);
    print_member(imr_json_count(-1), &out);
    ASSERT_EQ_STR("{\"t\":null}", out.data);
    imr_buf_fini(&out);
}

/*---- Errors ------------------------------------------------------------*/

TEST(status_names_and_texts_come_from_one_list)
{
    ASSERT_EQ_STR("OK", imr_status_name(IMR_OK));
    ASSERT_EQ_STR("EINPUT", imr_status_name(IMR_EINPUT));
    ASSERT_EQ_STR("input too large", imr_status_str(IMR_ETOOBIG));
    ASSERT_EQ_STR("EUNKNOWN", imr_status_name(IMR_STATUS_COUNT));
    ASSERT_EQ_STR("unknown status", imr_status_str((imr_status)-1));
}

TEST(an_error_formats_as_file_line_column_message)
{
    imr_error err;
    char out[600];

    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_EINPUT,
                  imr_error_at(&err, IMR_EINPUT, 3, 7, "unknown fact \"%s\"",
                               "x"));
    imr_error_name_file(&err, "f.txt");
    ASSERT_EQ_STR("f.txt:3:7: unknown fact \"x\"",
                  imr_error_format(&err, out, sizeof(out)));
    err.column = 0;
    ASSERT_EQ_STR("f.txt:3: unknown fact \"x\"",
                  imr_error_format(&err, out, sizeof(out)));
    imr_error_name_file(&err, "other.txt");
    ASSERT_EQ_STR("f.txt", err.file);
}

TEST(an_error_with_a_json_path_names_it_after_the_file)
{
    imr_error err;
    char out[600];

    imr_error_clear(&err);
    imr_error_set(&err, IMR_EINPUT, "msg");
    imr_error_set_path(&err, "$.a[1]");
    imr_error_name_file(&err, "case.json");
    ASSERT_EQ_STR("case.json: $.a[1]: msg",
                  imr_error_format(&err, out, sizeof(out)));
    err.file[0] = '\0';
    ASSERT_EQ_STR("$.a[1]: msg", imr_error_format(&err, out, sizeof(out)));
}

TEST(an_error_without_a_message_shows_its_status)
{
    imr_error err;
    char out[600];

    imr_error_clear(&err);
    err.status = IMR_ENOTFOUND;
    ASSERT_EQ_STR("not found", imr_error_format(&err, out, sizeof(out)));
}

TEST(error_formatting_truncates_to_the_buffer)
{
    imr_error err;
    char out[8];

    imr_error_clear(&err);
    imr_error_set(&err, IMR_EINPUT, "a long message");
    imr_error_name_file(&err, "file.txt");
    ASSERT_EQ_STR("file.tx", imr_error_format(&err, out, sizeof(out)));
    ASSERT_EQ_STR("", imr_error_format(&err, out, 1));
    imr_error_clear(&err);
    imr_error_set(&err, IMR_EINPUT, "0123456789");
    ASSERT_EQ_STR("0123456", imr_error_format(&err, out, sizeof(out)));
}

TEST(error_functions_accept_a_null_error)
{
    ASSERT_EQ_INT(IMR_EIO, imr_error_set(NULL, IMR_EIO, "x %d", 1));
    ASSERT_EQ_INT(IMR_EIO, imr_error_at(NULL, IMR_EIO, 1, 2, "x"));
    imr_error_name_file(NULL, "f");
    imr_error_set_path(NULL, "$");
    imr_error_clear(NULL);
}

/*---- Cursor ------------------------------------------------------------*/

TEST(a_cursor_counts_lines_and_columns)
{
    static const char text[] = "ab\ncd\n\n  e";
    imr_cursor cur;

    imr_cursor_init(&cur, text, strlen(text));
    imr_cursor_advance(&cur, 4);
    ASSERT_EQ_INT(2, cur.line);
    ASSERT_EQ_INT(2, cur.column);
    imr_cursor_advance(&cur, 2);
    imr_cursor_skip_blanks(&cur);
    ASSERT_EQ_INT('e', *cur.pos);
    ASSERT_EQ_INT(4, cur.line);
    ASSERT_EQ_INT(3, cur.column);
    imr_cursor_advance(&cur, 100);
    ASSERT_TRUE(imr_cursor_at_end(&cur));
}

/*---- Files -------------------------------------------------------------*/

TEST(a_file_is_read_whole_and_nul_terminated)
{
    char path[1024], *data = NULL;
    size_t len = 0;
    imr_error err;

    imr_error_clear(&err);
    scratch_path("read.txt", path, sizeof(path));
    ASSERT_EQ_INT(IMR_OK, imr_file_write_atomic(path, "a\0b", 3, &err));
    ASSERT_EQ_INT(IMR_OK, imr_file_read(path, 3, &data, &len, &err));
    ASSERT_EQ_INT(3, len);
    ASSERT_TRUE(memcmp(data, "a\0b", 4) == 0);
    free(data);
}

TEST(reading_refuses_big_files_directories_and_missing_files)
{
    char path[1024], *data = (char *)"untouched";
    size_t len = 99;
    imr_error err;

    imr_error_clear(&err);
    scratch_path("big.txt", path, sizeof(path));
    ASSERT_EQ_INT(IMR_OK, imr_file_write_atomic(path, "0123456789", 10, &err));
    ASSERT_EQ_INT(IMR_ETOOBIG, imr_file_read(path, 9, &data, &len, &err));
    ASSERT_CONTAINS(err.message, "is 10 bytes, more than the 9 allowed");
    ASSERT_EQ_INT(IMR_EINPUT, imr_file_read(scratch_dir(), 100, &data, &len, &err));
    ASSERT_CONTAINS(err.message, "is a directory");
    scratch_path("missing.txt", path, sizeof(path));
    ASSERT_EQ_INT(IMR_EIO, imr_file_read(path, 100, &data, &len, &err));
    ASSERT_CONTAINS(err.message, "cannot open");
    ASSERT_CONTAINS(err.message, "No such file or directory");
    ASSERT_EQ_STR("untouched", data);
    ASSERT_EQ_INT(99, len);
}

/* Reads the read end of a pipe holding `text` through /dev/fd. */
static imr_status read_pipe(const char *text, size_t cap, char **data,
                            size_t *len, imr_error *err)
{
    int fds[2];
    char path[64];
    imr_status rc;

    if(pipe(fds) != 0)
        return IMR_EIO;
    if(write(fds[1], text, strlen(text)) != (ssize_t)strlen(text))
        return IMR_EIO;
    close(fds[1]);
    snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
    rc = imr_file_read(path, cap, data, len, err);
    close(fds[0]);
    return rc;
}

TEST(a_pipe_is_read_to_its_end_within_the_cap)
{
    char *data = NULL;
    size_t len = 0;
    imr_error err;

    imr_error_clear(&err);
    ASSERT_EQ_INT(IMR_OK, read_pipe("from a pipe\n", 100, &data, &len, &err));
    ASSERT_EQ_STR("from a pipe\n", data);
    ASSERT_EQ_INT(12, len);
    free(data);
    ASSERT_EQ_INT(IMR_OK, read_pipe("exactly", 7, &data, &len, &err));
    free(data);
    ASSERT_EQ_INT(IMR_ETOOBIG, read_pipe("too long", 7, &data, &len, &err));
    ASSERT_CONTAINS(err.message, "more than the 7 bytes allowed");
}

TEST(an_atomic_write_replaces_the_file_and_leaves_no_temporary)
{
    char path[1024], *data = NULL;
    size_t len = 0;
    imr_error err;
    struct stat st;

    imr_error_clear(&err);
    scratch_path("atomic.json", path, sizeof(path));
    ASSERT_EQ_INT(IMR_OK, imr_file_write_atomic(path, "first", 5, &err));
    ASSERT_EQ_INT(IMR_OK, imr_file_write_atomic(path, "second!", 7, &err));
    ASSERT_EQ_INT(IMR_OK, imr_file_read(path, 100, &data, &len, &err));
    ASSERT_EQ_STR("second!", data);
    free(data);
    ASSERT_EQ_INT(IMR_OK, imr_file_write_atomic(path, "", 0, &err));
    ASSERT_EQ_INT(0, stat(path, &st));
    ASSERT_EQ_INT(0, st.st_size);
    ASSERT_EQ_INT(0644, st.st_mode & 0777);
    ASSERT_EQ_INT(0, count_names(".tmp."));
}

TEST(an_atomic_write_over_a_directory_is_refused_and_cleaned_up)
{
    char dir[1024], path[1024];
    imr_error err;

    imr_error_clear(&err);
    scratch_path("a-dir", dir, sizeof(dir));
    ASSERT_EQ_INT(0, mkdir(dir, 0755));
    ASSERT_EQ_INT(IMR_EIO, imr_file_write_atomic(dir, "x", 1, &err));
    ASSERT_CONTAINS(err.message, "cannot write");
    ASSERT_EQ_STR(dir, err.file);
    ASSERT_EQ_INT(0, count_names(".tmp."));
    scratch_path("no-such-dir/file.txt", path, sizeof(path));
    ASSERT_EQ_INT(IMR_EIO, imr_file_write_atomic(path, "x", 1, &err));
    ASSERT_CONTAINS(err.message, "No such file or directory");
}

TEST_MAIN(T(numeric_dates_are_month_first_with_two_or_four_digit_years),
          T(iso_dates_are_year_first),
          T(named_month_dates_take_full_and_short_names),
          T(things_that_are_not_dates_give_zero),
          T(february_29_exists_only_in_leap_years),
          T(a_date_is_read_only_within_the_length_given),
          T(reflow_joins_lines_and_collapses_white_space),
          T(reflow_joins_a_word_hyphenated_at_a_line_end),
          T(reflow_keeps_a_spaced_hyphen_spaced),
          T(reflow_turns_blank_lines_and_form_feeds_into_one_space),
          T(reflow_appends_to_what_the_buffer_holds),
          T(wrap_breaks_between_words_and_indents_the_next_lines),
          T(ascii_comparisons_ignore_case),
          T(trim_drops_white_space_at_both_ends),
          T(a_buffer_grows_as_text_is_appended),
          T(buffer_printf_grows_past_the_first_block),
          T(buffer_take_hands_over_the_data_and_empties_the_buffer),
          T(an_arena_gives_zeroed_aligned_memory_that_does_not_overlap),
          T(an_arena_takes_big_allocations),
          T(a_reset_arena_can_be_used_again),
          T(a_reset_arena_reuses_its_blocks_instead_of_allocating_new_ones),
          T(a_reset_keeps_the_first_block_even_after_a_big_allocation),
          T(arena_strings_are_copies),
          T(a_text_node_prints_as_cjson_prints_the_string),
          T(a_missing_text_is_null_and_a_long_one_is_copied),
          T(counts_print_as_digits_and_negative_ones_as_null),
          T(status_names_and_texts_come_from_one_list),
          T(an_error_formats_as_file_line_column_message),
          T(an_error_with_a_json_path_names_it_after_the_file),
          T(an_error_without_a_message_shows_its_status),
          T(error_formatting_truncates_to_the_buffer),
          T(error_functions_accept_a_null_error),
          T(a_cursor_counts_lines_and_columns),
          T(a_file_is_read_whole_and_nul_terminated),
          T(reading_refuses_big_files_directories_and_missing_files),
          T(a_pipe_is_read_to_its_end_within_the_cap),
          T(an_atomic_write_replaces_the_file_and_leaves_no_temporary),
          T(an_atomic_write_over_a_directory_is_refused_and_cleaned_up))
