/* SPDX-License-Identifier: MIT */
/* Facts as JSON, and the text with each fact marked where it was found. */
#include "imr/extract.h"

#include <stdlib.h>
#include <string.h>

static cJSON *span_json(imr_span span)
{
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToArray(a, imr_json_count((long)span.offset));
    cJSON_AddItemToArray(a, imr_json_count((long)span.length));
    return a;
}

static cJSON *words(const char *text, imr_span span)
{
    imr_buf buf;
    cJSON *s;

    if(!span.length)
        return cJSON_CreateNull();
    imr_buf_init(&buf);
    imr_text_reflow(&buf, text + span.offset, span.length);
    s = imr_json_string(buf.data);
    imr_buf_fini(&buf);
    return s;
}

static cJSON *fact_json(const imr_fact *f, const char *text)
{
    cJSON *o = cJSON_CreateObject();

    imr_json_add(o, "kind", imr_json_string_ref(f->kind));
    imr_json_add(o, "name", imr_json_string_ref(f->name));
    imr_json_add(o, "value", imr_json_string_ref(f->value));
    imr_json_add(o, "date", imr_json_string_ref(f->date));
    imr_json_add(o, "count", imr_json_count(f->count));
    imr_json_add(o, "response", imr_json_string_ref(f->response));
    imr_json_add(o, "side", imr_json_string_ref(f->side));
    imr_json_add(o, "trend", imr_json_string_ref(f->trend));
    imr_json_add(o, "polarity", imr_json_string_ref(
                                    imr_polarity_name(f->context.polarity)));
    imr_json_add(o, "temporality",
                 imr_json_string_ref(
                     imr_temporality_name(f->context.temporality)));
    imr_json_add(o, "experiencer",
                 imr_json_string_ref(
                     imr_experiencer_name(f->context.experiencer)));
    imr_json_add(o, "trigger", words(text, f->context.polarity_trigger));
    imr_json_add(o, "text", words(text, f->span));
    imr_json_add(o, "span", span_json(f->span));
    return o;
}

cJSON *imr_facts_to_json(const imr_facts *facts, const char *text)
{
    cJSON *a = cJSON_CreateArray();
    size_t i;
    for(i = 0; i < facts->count; i++)
        cJSON_AddItemToArray(a, fact_json(&facts->items[i], text));
    return a;
}

/* The label after a marked span: "{treatment/physical_therapy negated}". */
static void put_label(imr_buf *out, const imr_fact *f)
{
    imr_buf_printf(out, "]]{%s/%s", f->kind, f->name);
    if(f->context.polarity != IMR_POLARITY_AFFIRMED)
        imr_buf_printf(out, " %s", imr_polarity_name(f->context.polarity));
    if(f->context.temporality != IMR_TEMPORALITY_RECENT)
        imr_buf_printf(out, " %s",
                       imr_temporality_name(f->context.temporality));
    if(f->context.experiencer != IMR_EXPERIENCER_PATIENT)
        imr_buf_printf(out, " %s",
                       imr_experiencer_name(f->context.experiencer));
    if(f->value)
        imr_buf_printf(out, " =%s", f->value);
    if(f->response)
        imr_buf_printf(out, " response=%s", f->response);
    imr_buf_putc(out, '}');
}

void imr_facts_explain(const imr_facts *facts, const char *text, size_t len,
                       imr_buf *out)
{
    size_t at = 0, i;

    /* Facts are in text order; one that overlaps a marked one is left
     * unmarked (it is still in the JSON). */
    for(i = 0; i < facts->count; i++) {
        const imr_fact *f = &facts->items[i];
        if(f->span.offset < at || f->span.offset + f->span.length > len ||
           !f->span.length)
            continue;
        imr_buf_append(out, text + at, f->span.offset - at);
        imr_buf_append(out, "[[", 2);
        imr_buf_append(out, text + f->span.offset, f->span.length);
        put_label(out, f);
        at = f->span.offset + f->span.length;
    }
    imr_buf_append(out, text + at, len - at);
}
