/* SPDX-License-Identifier: MIT */
/* Evaluating compiled conditions in three-valued (Kleene) logic, filling
 * the {variable} slots of templates, and listing a condition's
 * variables. */
#include "imr/kb.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kb_int.h"

static imr_value unknown(void)
{
    imr_value v;
    memset(&v, 0, sizeof(v));
    v.type = IMR_VALUE_UNKNOWN;
    return v;
}

static imr_value number(double x)
{
    imr_value v = unknown();
    if(isfinite(x)) {
        v.type = IMR_VALUE_NUMBER;
        v.number = x;
    }
    return v;
}

static imr_value truth(imr_truth t)
{
    imr_value v = unknown();
    if(t != IMR_UNKNOWN) {
        v.type = IMR_VALUE_BOOLEAN;
        v.boolean = t == IMR_TRUE;
    }
    return v;
}

static imr_truth truth_of(imr_value v)
{
    if(v.type != IMR_VALUE_BOOLEAN)
        return IMR_UNKNOWN;
    return v.boolean ? IMR_TRUE : IMR_FALSE;
}

/* A value of another type than the vocabulary gives, a NaN, or a NULL
 * text, is unknown. */
static imr_value checked(imr_value v, kb_type type)
{
    switch(type) {
    case KB_TYPE_NUMBER:
        return v.type == IMR_VALUE_NUMBER ? number(v.number) : unknown();
    case KB_TYPE_BOOLEAN:
        return v.type == IMR_VALUE_BOOLEAN
                   ? truth(v.boolean ? IMR_TRUE : IMR_FALSE)
                   : unknown();
    case KB_TYPE_TEXT:
        break;
    }
    return v.type == IMR_VALUE_TEXT && v.text ? v : unknown();
}

static imr_value lookup(const kb_node *n, const imr_kb_env *env)
{
    if(!env || !env->lookup)
        return unknown();
    return checked(env->lookup(env->data, n->text), n->type);
}

static imr_value value_of(const kb_node *n, const imr_kb_env *env);

static imr_truth eval_node(const kb_node *n, const imr_kb_env *env)
{
    return truth_of(value_of(n, env));
}

/* Kleene: false wins "and", true wins "or", else unknown wins. */
static imr_truth logic(const kb_node *n, const imr_kb_env *env, int is_or)
{
    imr_truth decisive = is_or ? IMR_TRUE : IMR_FALSE;
    imr_truth left = eval_node(n->left, env), right;

    if(left == decisive)
        return decisive;
    right = eval_node(n->right, env);
    if(right == decisive)
        return decisive;
    return left == IMR_UNKNOWN || right == IMR_UNKNOWN ? IMR_UNKNOWN
                                                       : (imr_truth)!decisive;
}

static int values_equal(imr_value a, imr_value b)
{
    if(a.type == IMR_VALUE_NUMBER)
        return a.number == b.number;
    if(a.type == IMR_VALUE_BOOLEAN)
        return !a.boolean == !b.boolean;
    return strcmp(a.text, b.text) == 0;
}

static imr_truth compare(const kb_node *n, const imr_kb_env *env)
{
    imr_value a = value_of(n->left, env), b = value_of(n->right, env);
    int holds;

    if(a.type == IMR_VALUE_UNKNOWN || b.type == IMR_VALUE_UNKNOWN ||
       a.type != b.type)
        return IMR_UNKNOWN;
    switch(n->op) {
    case KB_OP_LT:
        holds = a.number < b.number;
        break;
    case KB_OP_LE:
        holds = a.number <= b.number;
        break;
    case KB_OP_GT:
        holds = a.number > b.number;
        break;
    case KB_OP_GE:
        holds = a.number >= b.number;
        break;
    case KB_OP_NE:
        holds = !values_equal(a, b);
        break;
    default:
        holds = values_equal(a, b);
        break;
    }
    return holds ? IMR_TRUE : IMR_FALSE;
}

static imr_truth member(const kb_node *n, const imr_kb_env *env)
{
    imr_value a = value_of(n->left, env);
    size_t i;

    if(a.type == IMR_VALUE_UNKNOWN)
        return IMR_UNKNOWN;
    for(i = 0; i < n->item_count; i++) {
        imr_value item = value_of(n->items[i], env);
        if(item.type == a.type && values_equal(a, item))
            return IMR_TRUE;
    }
    return IMR_FALSE;
}

static imr_value arithmetic(const kb_node *n, const imr_kb_env *env)
{
    imr_value a = value_of(n->left, env), b;

    if(a.type != IMR_VALUE_NUMBER)
        return unknown();
    b = value_of(n->right, env);
    if(b.type != IMR_VALUE_NUMBER)
        return unknown();
    return number(n->op == KB_OP_ADD ? a.number + b.number
                                     : a.number - b.number);
}

static imr_value value_of(const kb_node *n, const imr_kb_env *env)
{
    imr_value v = unknown();

    switch(n->op) {
    case KB_OP_NUMBER:
        return number(n->number);
    case KB_OP_TEXT:
        v.type = IMR_VALUE_TEXT;
        v.text = n->text;
        return v;
    case KB_OP_BOOLEAN:
        return truth(n->boolean ? IMR_TRUE : IMR_FALSE);
    case KB_OP_VARIABLE:
        return lookup(n, env);
    case KB_OP_AND:
    case KB_OP_OR:
        return truth(logic(n, env, n->op == KB_OP_OR));
    case KB_OP_NOT: {
        imr_truth t = eval_node(n->left, env);
        return truth(t == IMR_UNKNOWN ? t : (imr_truth)(t == IMR_FALSE));
    }
    case KB_OP_ADD:
    case KB_OP_SUB:
        return arithmetic(n, env);
    case KB_OP_IN:
        return truth(member(n, env));
    case KB_OP_LT:
    case KB_OP_LE:
    case KB_OP_GT:
    case KB_OP_GE:
    case KB_OP_EQ:
    case KB_OP_NE:
        break;
    }
    return truth(compare(n, env));
}

imr_truth imr_kb_eval(const imr_kb_expr *expr, const imr_kb_env *env)
{
    if(!expr)
        return IMR_TRUE;
    return eval_node(expr->root, env);
}

void imr_kb_expr_variables(const imr_kb_expr *expr,
                           void (*visit)(void *data, const char *name),
                           void *data)
{
    size_t i;

    if(!expr || !visit)
        return;
    for(i = 0; i < expr->variable_count; i++)
        visit(data, expr->variables[i]);
}

/*---- Templates -----------------------------------------------------------*/

/* Whole numbers print as such; others with up to six decimals, trailing
 * zeros dropped: 10, 2.5, 0.333333. */
static void put_number(imr_buf *out, double x)
{
    char text[64];
    size_t n;

    if(x == floor(x) && fabs(x) < 1e15) {
        snprintf(text, sizeof(text), "%.0f", x == 0 ? 0.0 : x);
    } else {
        snprintf(text, sizeof(text), "%.6f", x);
        n = strlen(text);
        while(n > 1 && text[n - 1] == '0')
            text[--n] = '\0';
        if(n > 1 && text[n - 1] == '.')
            text[--n] = '\0';
    }
    imr_buf_puts(out, text);
}

static void put_value(imr_buf *out, imr_value v)
{
    switch(v.type) {
    case IMR_VALUE_NUMBER:
        if(isfinite(v.number)) {
            put_number(out, v.number);
            return;
        }
        break;
    case IMR_VALUE_BOOLEAN:
        imr_buf_puts(out, v.boolean ? "yes" : "no");
        return;
    case IMR_VALUE_TEXT:
        if(v.text) {
            imr_buf_puts(out, v.text);
            return;
        }
        break;
    case IMR_VALUE_UNKNOWN:
        break;
    }
    imr_buf_puts(out, "an unstated number");
}

static int is_slot_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
}

/* The length of the name in a "{name}" slot at `s`, or 0. */
static size_t slot_length(const char *s)
{
    size_t n = 0;

    if(s[0] != '{' || !(s[1] >= 'a' && s[1] <= 'z'))
        return 0;
    while(is_slot_byte(s[1 + n]))
        n++;
    return s[1 + n] == '}' ? n : 0;
}

void imr_kb_render(const char *template_text, const imr_kb_env *env,
                   imr_buf *out)
{
    const char *s = template_text;
    char name[128];

    if(!s)
        return;
    while(*s) {
        const char *brace = strchr(s, '{');
        size_t n;
        if(!brace) {
            imr_buf_puts(out, s);
            return;
        }
        imr_buf_append(out, s, (size_t)(brace - s));
        n = slot_length(brace);
        if(n == 0 || n >= sizeof(name)) {
            imr_buf_putc(out, '{');
            s = brace + 1;
            continue;
        }
        memcpy(name, brace + 1, n);
        name[n] = '\0';
        put_value(out, env && env->lookup ? env->lookup(env->data, name)
                                          : unknown());
        s = brace + n + 2;
    }
}
