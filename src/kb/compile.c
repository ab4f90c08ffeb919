/* SPDX-License-Identifier: MIT */
/* The compiler of conditions: recursive descent over the grammar of
 * docs/rules.md into a tree in the base's arena, with variables checked
 * against the vocabulary and operands against their operators' types. */
#include "imr/kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kb_int.h"

/* Deeper trees are refused, so neither compiling nor evaluating can
 * exhaust the stack. */
enum { MAX_DEPTH = 200 };

typedef struct compiler {
    kb_parser *p;
    kb_lexer *lx;
    kb_token prev; /* the last token read, for "after" messages */
    int has_prev;
    const char **vars; /* distinct variables, in first-use order */
    size_t var_count;
    size_t var_cap;
    unsigned nesting; /* open "(" and "not" */
} compiler;

static imr_status compile_or(compiler *c, const kb_node **out);

imr_status imr__kb_check_variable(kb_parser *p, const char *name, size_t len,
                                  unsigned line, unsigned column, size_t *index)
{
    const kb_names *vocab = &p->kb->tables->variables;
    const char *hint;

    if(imr__kb_names_find(vocab, name, len, index))
        return IMR_OK;
    hint = imr__kb_names_suggest(vocab, name, len);
    if(hint)
        return imr__kb_refuse(p->err, p->file, line, column,
                              "unknown variable \"%.*s\" (did you mean "
                              "\"%s\"?)",
                              (int)len, name, hint);
    return imr__kb_refuse(p->err, p->file, line, column,
                          "unknown variable \"%.*s\"", (int)len, name);
}

/*---- Tokens and messages -------------------------------------------------*/

static imr_status next(compiler *c, kb_token *tok)
{
    imr_status rc = imr__kb_lex(c->lx, tok);
    if(rc == IMR_OK && tok->kind != KB_TOK_END) {
        c->prev = *tok;
        c->has_prev = 1;
    }
    return rc;
}

static imr_status peek(compiler *c, const kb_token **tok)
{
    return imr__kb_peek(c->lx, tok);
}

static const char *found(const kb_token *tok, char *buf, size_t size)
{
    if(tok->kind == KB_TOK_END) {
        snprintf(buf, size, "the end of the condition");
        return buf;
    }
    return imr__kb_token_describe(tok, buf, size);
}

static imr_status refuse_token(compiler *c, const kb_token *tok,
                               const char *expected)
{
    char what[64];
    return imr__kb_refuse(c->p->err, c->p->file, tok->line, tok->column,
                          "expected %s, found %s", expected,
                          found(tok, what, sizeof(what)));
}

/* "a number (\"request.visits\")", or "a number" for other nodes. */
static const char *describe(const kb_node *n, char *buf, size_t size)
{
    const char *type = imr__kb_type_name(n->type);
    const char *article = n->type == KB_TYPE_TEXT ? "" : "a ";

    if(n->op == KB_OP_VARIABLE)
        snprintf(buf, size, "%s%s (\"%s\")", article, type, n->text);
    else
        snprintf(buf, size, "%s%s", article, type);
    return buf;
}

static imr_status refuse_type(compiler *c, const kb_node *n, const char *op,
                              const char *needs)
{
    char what[160];
    return imr__kb_refuse(c->p->err, c->p->file, n->line, n->column,
                          "\"%s\" needs %s, found %s", op, needs,
                          describe(n, what, sizeof(what)));
}

/*---- Nodes ---------------------------------------------------------------*/

static kb_node *node_new(compiler *c, kb_op op, kb_type type,
                         const kb_token *at)
{
    kb_node *n = imr_arena_alloc(c->p->kb->arena, sizeof(*n));
    n->op = op;
    n->type = type;
    n->line = at->line;
    n->column = at->column;
    n->depth = 1;
    return n;
}

/* A binary node placed where its left operand starts. */
static imr_status binary(compiler *c, kb_op op, kb_type type,
                         const kb_node *left, const kb_node *right,
                         const kb_node **out)
{
    kb_node *n = imr_arena_alloc(c->p->kb->arena, sizeof(*n));
    n->op = op;
    n->type = type;
    n->line = left->line;
    n->column = left->column;
    n->left = left;
    n->right = right;
    n->depth = 1 + (left->depth > right->depth ? left->depth : right->depth);
    if(n->depth > MAX_DEPTH)
        return imr__kb_refuse(c->p->err, c->p->file, n->line, n->column,
                              "condition too long or nested too deeply");
    *out = n;
    return IMR_OK;
}

static void remember_variable(compiler *c, const char *name)
{
    size_t i;

    for(i = 0; i < c->var_count; i++) {
        if(strcmp(c->vars[i], name) == 0)
            return;
    }
    if(c->var_count == c->var_cap) {
        c->var_cap = c->var_cap ? c->var_cap * 2 : 8;
        c->vars = imr_xrealloc(c->vars, c->var_cap * sizeof(*c->vars));
    }
    c->vars[c->var_count++] = name;
}

/*---- Atoms ---------------------------------------------------------------*/

/* A number, a string, yes or no; NULL when the token is none of them. */
static kb_node *literal(compiler *c, const kb_token *tok)
{
    kb_node *n = NULL;

    if(tok->kind == KB_TOK_NUMBER) {
        n = node_new(c, KB_OP_NUMBER, KB_TYPE_NUMBER, tok);
        n->number = tok->number;
    } else if(tok->kind == KB_TOK_STRING) {
        n = node_new(c, KB_OP_TEXT, KB_TYPE_TEXT, tok);
        n->text = tok->text;
    } else if(imr__kb_token_is(tok, "yes") || imr__kb_token_is(tok, "no")) {
        n = node_new(c, KB_OP_BOOLEAN, KB_TYPE_BOOLEAN, tok);
        n->boolean = imr__kb_token_is(tok, "yes");
    }
    return n;
}

static int is_keyword(const kb_token *tok)
{
    return imr__kb_token_is(tok, "and") || imr__kb_token_is(tok, "or") ||
           imr__kb_token_is(tok, "not") || imr__kb_token_is(tok, "in");
}

static imr_status variable(compiler *c, const kb_token *tok,
                           const kb_node **out)
{
    size_t index;
    kb_node *n;
    imr_status rc = imr__kb_check_variable(c->p, tok->start, tok->len,
                                           tok->line, tok->column, &index);
    if(rc != IMR_OK)
        return rc;
    n = node_new(c, KB_OP_VARIABLE, c->p->kb->tables->types[index], tok);
    n->text = imr_arena_strndup(c->p->kb->arena, tok->start, tok->len);
    remember_variable(c, n->text);
    *out = n;
    return IMR_OK;
}

static imr_status refuse_value(compiler *c, const kb_token *tok)
{
    char after[80], what[64];

    if(!c->has_prev)
        return refuse_token(c, tok, "a value");
    snprintf(after, sizeof(after), "a value after %s",
             imr__kb_token_describe(&c->prev, what, sizeof(what)));
    return refuse_token(c, tok, after);
}

static imr_status parenthesis(compiler *c, const kb_token *open,
                              const kb_node **out)
{
    kb_token close;
    char expected[80];
    imr_status rc;

    if(++c->nesting > MAX_DEPTH)
        return imr__kb_refuse(c->p->err, c->p->file, open->line, open->column,
                              "condition nested too deeply");
    rc = compile_or(c, out);
    c->nesting--;
    if(rc == IMR_OK)
        rc = next(c, &close);
    if(rc == IMR_OK && !imr__kb_token_is(&close, ")")) {
        snprintf(expected, sizeof(expected),
                 "\")\" to close the \"(\" at %u:%u", open->line, open->column);
        rc = refuse_token(c, &close, expected);
    }
    return rc;
}

static imr_status compile_atom(compiler *c, const kb_node **out)
{
    kb_token tok;
    const kb_node *lit;
    imr_status rc;

    /* Read without updating `prev`, which a refusal names. */
    rc = imr__kb_lex(c->lx, &tok);
    if(rc != IMR_OK)
        return rc;
    lit = literal(c, &tok);
    if(lit) {
        c->prev = tok;
        c->has_prev = 1;
        *out = lit;
        return IMR_OK;
    }
    if(tok.kind == KB_TOK_NAME && !is_keyword(&tok)) {
        c->prev = tok;
        c->has_prev = 1;
        return variable(c, &tok, out);
    }
    if(imr__kb_token_is(&tok, "(")) {
        c->prev = tok;
        c->has_prev = 1;
        return parenthesis(c, &tok, out);
    }
    return refuse_value(c, &tok);
}

/*---- Operators -----------------------------------------------------------*/

static imr_status compile_sum(compiler *c, const kb_node **out)
{
    const kb_node *left, *right;
    const kb_token *op;
    kb_token tok;
    imr_status rc = compile_atom(c, &left);

    while(rc == IMR_OK) {
        rc = peek(c, &op);
        if(rc != IMR_OK ||
           !(imr__kb_token_is(op, "+") || imr__kb_token_is(op, "-")))
            break;
        next(c, &tok);
        rc = compile_atom(c, &right);
        if(rc == IMR_OK && left->type != KB_TYPE_NUMBER)
            rc = refuse_type(c, left, tok.start[0] == '+' ? "+" : "-",
                             "numbers");
        if(rc == IMR_OK && right->type != KB_TYPE_NUMBER)
            rc = refuse_type(c, right, tok.start[0] == '+' ? "+" : "-",
                             "numbers");
        if(rc == IMR_OK)
            rc = binary(c, tok.start[0] == '+' ? KB_OP_ADD : KB_OP_SUB,
                        KB_TYPE_NUMBER, left, right, &left);
    }
    if(rc == IMR_OK)
        *out = left;
    return rc;
}

static const struct {
    const char *text;
    kb_op op;
} relations[] = {
    {"<", KB_OP_LT},  {"<=", KB_OP_LE}, {">", KB_OP_GT},
    {">=", KB_OP_GE}, {"=", KB_OP_EQ},  {"!=", KB_OP_NE},
};

static int relation_of(const kb_token *tok, kb_op *op)
{
    size_t i;

    for(i = 0; i < sizeof(relations) / sizeof(relations[0]); i++) {
        if(imr__kb_token_is(tok, relations[i].text)) {
            *op = relations[i].op;
            return 1;
        }
    }
    return 0;
}

static imr_status check_same_type(compiler *c, const kb_node *left,
                                  const kb_node *right)
{
    char a[160], b[160];

    if(left->type == right->type)
        return IMR_OK;
    return imr__kb_refuse(c->p->err, c->p->file, right->line, right->column,
                          "cannot compare %s with %s",
                          describe(left, a, sizeof(a)),
                          describe(right, b, sizeof(b)));
}

static imr_status relation(compiler *c, const kb_node *left,
                           const kb_token *tok, kb_op op, const kb_node **out)
{
    const kb_node *right;
    char name[4];
    imr_status rc = compile_sum(c, &right);

    snprintf(name, sizeof(name), "%.*s", (int)tok->len, tok->start);
    if(rc != IMR_OK)
        return rc;
    if(op == KB_OP_EQ || op == KB_OP_NE)
        rc = check_same_type(c, left, right);
    else if(left->type != KB_TYPE_NUMBER)
        rc = refuse_type(c, left, name, "numbers");
    else if(right->type != KB_TYPE_NUMBER)
        rc = refuse_type(c, right, name, "numbers");
    if(rc == IMR_OK)
        rc = binary(c, op, KB_TYPE_BOOLEAN, left, right, out);
    return rc;
}

/* The values of "in [a, b, ...]". */
static imr_status in_list(compiler *c, const kb_node *left, const kb_node **out)
{
    const kb_node **items = NULL;
    size_t count = 0;
    kb_token tok;
    kb_node *n;
    imr_status rc = next(c, &tok);

    if(rc == IMR_OK && !imr__kb_token_is(&tok, "["))
        return refuse_token(c, &tok, "\"[\" after \"in\"");
    while(rc == IMR_OK) {
        const kb_node *item;
        rc = next(c, &tok);
        item = rc == IMR_OK ? literal(c, &tok) : NULL;
        if(rc == IMR_OK && !item)
            rc = refuse_token(c, &tok, "a number, a string, yes or no");
        if(rc == IMR_OK)
            rc = check_same_type(c, left, item);
        if(rc != IMR_OK)
            break;
        items = imr_xrealloc(items, (count + 1) * sizeof(*items));
        items[count++] = item;
        rc = next(c, &tok);
        if(rc == IMR_OK && imr__kb_token_is(&tok, "]"))
            break;
        if(rc == IMR_OK && !imr__kb_token_is(&tok, ","))
            rc = refuse_token(c, &tok, "\",\" or \"]\"");
    }
    if(rc == IMR_OK) {
        const kb_node **kept =
            imr_arena_alloc(c->p->kb->arena, count * sizeof(*kept));
        memcpy(kept, items, count * sizeof(*kept));
        n = node_new(c, KB_OP_IN, KB_TYPE_BOOLEAN, &tok);
        n->line = left->line;
        n->column = left->column;
        n->left = left;
        n->items = kept;
        n->item_count = count;
        n->depth = left->depth + 1;
        *out = n;
    }
    free(items);
    return rc;
}

static imr_status compile_compare(compiler *c, const kb_node **out)
{
    const kb_node *left;
    const kb_token *peeked;
    kb_token tok;
    kb_op op;
    imr_status rc = compile_sum(c, &left);

    if(rc == IMR_OK)
        rc = peek(c, &peeked);
    if(rc != IMR_OK)
        return rc;
    if(imr__kb_token_is(peeked, "==")) {
        return imr__kb_refuse(c->p->err, c->p->file, peeked->line,
                              peeked->column,
                              "\"==\" is written \"=\" in conditions");
    }
    if(relation_of(peeked, &op)) {
        next(c, &tok);
        return relation(c, left, &tok, op, out);
    }
    if(imr__kb_token_is(peeked, "in")) {
        next(c, &tok);
        return in_list(c, left, out);
    }
    *out = left;
    return IMR_OK;
}

static imr_status compile_not(compiler *c, const kb_node **out)
{
    const kb_token *peeked;
    kb_token tok;
    const kb_node *operand;
    kb_node *n;
    imr_status rc = peek(c, &peeked);

    if(rc != IMR_OK)
        return rc;
    if(!imr__kb_token_is(peeked, "not"))
        return compile_compare(c, out);
    next(c, &tok);
    if(++c->nesting > MAX_DEPTH)
        return imr__kb_refuse(c->p->err, c->p->file, tok.line, tok.column,
                              "condition nested too deeply");
    rc = compile_not(c, &operand);
    c->nesting--;
    if(rc == IMR_OK && operand->type != KB_TYPE_BOOLEAN)
        rc = refuse_type(c, operand, "not", "a condition (yes or no)");
    if(rc != IMR_OK)
        return rc;
    n = node_new(c, KB_OP_NOT, KB_TYPE_BOOLEAN, &tok);
    n->left = operand;
    n->depth = operand->depth + 1;
    *out = n;
    return IMR_OK;
}

/* and := not ("and" not)*, and or := and ("or" and)*, by `level`. */
static imr_status compile_logic(compiler *c, int is_or, const kb_node **out)
{
    const char *word = is_or ? "or" : "and";
    const kb_node *left, *right;
    const kb_token *peeked;
    kb_token tok;
    imr_status rc = is_or ? compile_logic(c, 0, &left) : compile_not(c, &left);

    while(rc == IMR_OK) {
        rc = peek(c, &peeked);
        if(rc != IMR_OK || !imr__kb_token_is(peeked, word))
            break;
        next(c, &tok);
        rc = is_or ? compile_logic(c, 0, &right) : compile_not(c, &right);
        if(rc == IMR_OK && left->type != KB_TYPE_BOOLEAN)
            rc = refuse_type(c, left, word, "conditions (yes or no)");
        if(rc == IMR_OK && right->type != KB_TYPE_BOOLEAN)
            rc = refuse_type(c, right, word, "conditions (yes or no)");
        if(rc == IMR_OK)
            rc = binary(c, is_or ? KB_OP_OR : KB_OP_AND, KB_TYPE_BOOLEAN, left,
                        right, &left);
    }
    if(rc == IMR_OK)
        *out = left;
    return rc;
}

static imr_status compile_or(compiler *c, const kb_node **out)
{
    return compile_logic(c, 1, out);
}

/*---- Entry ---------------------------------------------------------------*/

static imr_status compile_whole(compiler *c, const kb_node **root)
{
    kb_token tok;
    char what[160];
    imr_status rc = compile_or(c, root);

    if(rc == IMR_OK)
        rc = next(c, &tok);
    if(rc == IMR_OK && tok.kind != KB_TOK_END)
        return refuse_token(c, &tok, "an operator, \"and\" or \"or\"");
    if(rc == IMR_OK && (*root)->type != KB_TYPE_BOOLEAN)
        return imr__kb_refuse(c->p->err, c->p->file, (*root)->line,
                              (*root)->column,
                              "expected a condition (yes or no), found %s",
                              describe(*root, what, sizeof(what)));
    return rc;
}

imr_status imr__kb_compile(kb_parser *p, kb_lexer *lx, const imr_kb_expr **out)
{
    compiler c;
    const kb_node *root = NULL;
    imr_kb_expr *expr;
    const char **vars;
    imr_status rc;

    memset(&c, 0, sizeof(c));
    c.p = p;
    c.lx = lx;
    rc = compile_whole(&c, &root);
    if(rc == IMR_OK) {
        expr = imr_arena_alloc(p->kb->arena, sizeof(*expr));
        vars = imr_arena_alloc(p->kb->arena, c.var_count * sizeof(*vars) + 1);
        if(c.var_count)
            memcpy(vars, c.vars, c.var_count * sizeof(*vars));
        expr->root = root;
        expr->variables = vars;
        expr->variable_count = c.var_count;
        *out = expr;
    }
    free(c.vars);
    return rc;
}
