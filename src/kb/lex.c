/* SPDX-License-Identifier: MIT */
/* The lexer of field values: names, numbers, strings (which may continue
 * on the next line, and whose {variable} slots are checked), operators;
 * comments and line breaks between tokens are skipped. */
#include "imr/kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb_int.h"

enum { NUMBER_MAX_LEN = 40 };

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

static int is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_name_byte(char c)
{
    return is_letter(c) || is_digit(c) || c == '_' || c == '.';
}

void imr__kb_lexer_init(kb_lexer *lx, struct kb_parser *p, const char *text,
                        size_t len, unsigned line, unsigned column)
{
    memset(lx, 0, sizeof(*lx));
    imr_cursor_init(&lx->cur, text, len);
    lx->cur.line = line;
    lx->cur.column = column;
    lx->parser = p;
    lx->end_line = line;
    lx->end_column = column;
}

void imr__kb_lexer_end(const kb_lexer *lx, unsigned *line, unsigned *column)
{
    *line = lx->end_line;
    *column = lx->end_column;
}

static char current(const kb_lexer *lx)
{
    return lx->cur.pos < lx->cur.end ? *lx->cur.pos : '\0';
}

static char ahead(const kb_lexer *lx, size_t n)
{
    return (size_t)(lx->cur.end - lx->cur.pos) > n ? lx->cur.pos[n] : '\0';
}

static void skip_space(kb_lexer *lx)
{
    while(!imr_cursor_at_end(&lx->cur)) {
        char c = current(lx);
        if(c == '#') {
            while(!imr_cursor_at_end(&lx->cur) && current(lx) != '\n')
                imr_cursor_advance(&lx->cur, 1);
        } else if(is_blank(c)) {
            imr_cursor_advance(&lx->cur, 1);
        } else {
            break;
        }
    }
}

static void begin(kb_lexer *lx, kb_token *tok, kb_token_kind kind)
{
    memset(tok, 0, sizeof(*tok));
    tok->kind = kind;
    tok->start = lx->cur.pos;
    tok->line = lx->cur.line;
    tok->column = lx->cur.column;
}

static void finish(kb_lexer *lx, kb_token *tok)
{
    tok->len = (size_t)(lx->cur.pos - tok->start);
    lx->end_line = lx->cur.line;
    lx->end_column = lx->cur.column;
}

/*---- Strings -------------------------------------------------------------*/

static imr_status refuse(const kb_lexer *lx, unsigned line, unsigned column,
                         const char *message)
{
    return imr__kb_refuse(lx->parser->err, lx->parser->file, line, column, "%s",
                          message);
}

/* A "{name}" slot at the cursor (which is on the "{"): checks the name
 * against the vocabulary. Anything else after "{" is plain text. */
static imr_status check_slot(kb_lexer *lx)
{
    const char *s = lx->cur.pos + 1;
    size_t n = 0, index;

    if(!(s < lx->cur.end && *s >= 'a' && *s <= 'z'))
        return IMR_OK;
    while(s + n < lx->cur.end && is_name_byte(s[n]))
        n++;
    if(s + n >= lx->cur.end || s[n] != '}')
        return IMR_OK;
    return imr__kb_check_variable(lx->parser, s, n, lx->cur.line,
                                  lx->cur.column + 1, &index);
}

/* A line break inside a string and the next line's indentation read as
 * one space. */
static void string_line_break(kb_lexer *lx, imr_buf *buf)
{
    while(buf->len &&
          (buf->data[buf->len - 1] == ' ' || buf->data[buf->len - 1] == '\t' ||
           buf->data[buf->len - 1] == '\r'))
        buf->len--;
    imr_cursor_advance(&lx->cur, 1);
    while(!imr_cursor_at_end(&lx->cur) &&
          (current(lx) == ' ' || current(lx) == '\t'))
        imr_cursor_advance(&lx->cur, 1);
    imr_buf_putc(buf, ' ');
}

static imr_status string_escape(kb_lexer *lx, imr_buf *buf)
{
    char c = ahead(lx, 1);

    if(c != '"' && c != '\\')
        return refuse(lx, lx->cur.line, lx->cur.column,
                      "unknown escape in a string (only \\\" and \\\\ are "
                      "known)");
    imr_buf_putc(buf, c);
    imr_cursor_advance(&lx->cur, 2);
    return IMR_OK;
}

static imr_status lex_string(kb_lexer *lx, kb_token *tok)
{
    imr_buf buf;
    imr_status rc = IMR_OK;

    begin(lx, tok, KB_TOK_STRING);
    imr_buf_init(&buf);
    imr_buf_reserve(&buf, 64);
    buf.data[0] = '\0';
    imr_cursor_advance(&lx->cur, 1);
    while(rc == IMR_OK) {
        char c = current(lx);
        if(imr_cursor_at_end(&lx->cur)) {
            rc = refuse(lx, tok->line, tok->column, "unterminated string");
        } else if(c == '"') {
            imr_cursor_advance(&lx->cur, 1);
            break;
        } else if(c == '\\') {
            rc = string_escape(lx, &buf);
        } else if(c == '\n') {
            string_line_break(lx, &buf);
        } else {
            if(c == '{' && lx->check_slots)
                rc = check_slot(lx);
            imr_buf_putc(&buf, c);
            imr_cursor_advance(&lx->cur, 1);
        }
    }
    if(rc == IMR_OK) {
        tok->text = imr_arena_strndup(lx->parser->kb->arena, buf.data, buf.len);
        finish(lx, tok);
    }
    imr_buf_fini(&buf);
    return rc;
}

/*---- Other tokens --------------------------------------------------------*/

static imr_status lex_number(kb_lexer *lx, kb_token *tok)
{
    char digits[NUMBER_MAX_LEN + 1];
    size_t n = 0;

    begin(lx, tok, KB_TOK_NUMBER);
    while(is_digit(current(lx)) ||
          (current(lx) == '.' && is_digit(ahead(lx, 1)) &&
           !memchr(digits, '.', n))) {
        if(n == NUMBER_MAX_LEN)
            return refuse(lx, tok->line, tok->column, "number too long");
        digits[n++] = current(lx);
        imr_cursor_advance(&lx->cur, 1);
    }
    digits[n] = '\0';
    tok->number = strtod(digits, NULL);
    finish(lx, tok);
    return IMR_OK;
}

static void lex_name(kb_lexer *lx, kb_token *tok)
{
    begin(lx, tok, KB_TOK_NAME);
    while(is_name_byte(current(lx)))
        imr_cursor_advance(&lx->cur, 1);
    finish(lx, tok);
}

static void lex_operator(kb_lexer *lx, kb_token *tok)
{
    char c = current(lx);

    begin(lx, tok, KB_TOK_OP);
    if((c == '<' || c == '>' || c == '!' || c == '=') && ahead(lx, 1) == '=')
        imr_cursor_advance(&lx->cur, 2);
    else
        imr_cursor_advance(&lx->cur, 1);
    finish(lx, tok);
}

static imr_status lex_next(kb_lexer *lx, kb_token *tok)
{
    char c;

    skip_space(lx);
    if(imr_cursor_at_end(&lx->cur)) {
        memset(tok, 0, sizeof(*tok));
        tok->kind = KB_TOK_END;
        tok->start = lx->cur.pos;
        tok->line = lx->end_line;
        tok->column = lx->end_column;
        return IMR_OK;
    }
    c = current(lx);
    if(c == '"')
        return lex_string(lx, tok);
    if(is_digit(c))
        return lex_number(lx, tok);
    if(is_letter(c) || c == '_') {
        lex_name(lx, tok);
        return IMR_OK;
    }
    lex_operator(lx, tok);
    return IMR_OK;
}

imr_status imr__kb_lex(kb_lexer *lx, kb_token *tok)
{
    if(lx->has_peeked) {
        *tok = lx->peeked;
        lx->has_peeked = 0;
        return IMR_OK;
    }
    return lex_next(lx, tok);
}

imr_status imr__kb_peek(kb_lexer *lx, const kb_token **tok)
{
    imr_status rc = IMR_OK;

    if(!lx->has_peeked) {
        rc = lex_next(lx, &lx->peeked);
        lx->has_peeked = rc == IMR_OK;
    }
    *tok = &lx->peeked;
    return rc;
}

imr_status imr__kb_lex_word(kb_lexer *lx, kb_token *tok)
{
    IMR_ASSERT(!lx->has_peeked);
    skip_space(lx);
    if(imr_cursor_at_end(&lx->cur) || current(lx) == '"')
        return lex_next(lx, tok);
    begin(lx, tok, KB_TOK_NAME);
    while(!imr_cursor_at_end(&lx->cur) && !is_blank(current(lx)) &&
          current(lx) != '#' && current(lx) != '"')
        imr_cursor_advance(&lx->cur, 1);
    finish(lx, tok);
    return IMR_OK;
}

int imr__kb_token_is(const kb_token *tok, const char *text)
{
    size_t n = strlen(text);
    return tok->kind != KB_TOK_END && tok->kind != KB_TOK_STRING &&
           tok->len == n && memcmp(tok->start, text, n) == 0;
}

const char *imr__kb_token_describe(const kb_token *tok, char *buf, size_t size)
{
    int n;
    const char *s = tok->kind == KB_TOK_STRING ? tok->text : tok->start;
    size_t len = tok->kind == KB_TOK_STRING ? strlen(tok->text) : tok->len;

    if(tok->kind == KB_TOK_END) {
        snprintf(buf, size, "the end of the value");
        return buf;
    }
    n = len > 40 ? 40 : (int)len;
    snprintf(buf, size, "\"%.*s%s\"", n, s, len > 40 ? "..." : "");
    return buf;
}
