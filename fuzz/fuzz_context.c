/* SPDX-License-Identifier: MIT */
/* Fuzzes the ConText assessor: the input is "concept TAB sentence" (no
 * tab: the first byte picks where a mention of a few bytes starts). Any
 * bytes must give values in range and trigger spans inside the sentence
 * and outside the mention. The lexicons are loaded once, from
 * imr_kb_default_dir(). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imr/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const imr_context_rules *rules(void)
{
    /* A fuzz target may keep this one static: it never changes once
     * loaded, and libFuzzer runs inputs one after the other. */
    static imr_context_rules *loaded;
    imr_error err;

    if(!loaded) {
        imr_error_clear(&err);
        if(imr_context_rules_load(imr_kb_default_dir(), &loaded, &err) !=
           IMR_OK) {
            char msg[1200];
            fprintf(stderr, "fuzz_context: %s\n",
                    imr_error_format(&err, msg, sizeof(msg)));
            abort();
        }
    }
    return loaded;
}

/* The concept's first place in the sentence, byte for byte; else a span
 * made from its length, which may run past the end. */
static imr_span place(const char *concept, size_t clen, const char *s,
                      size_t len)
{
    imr_span span;
    size_t i;

    for(i = 0; clen && i + clen <= len; i++) {
        if(memcmp(s + i, concept, clen) == 0) {
            span.offset = i;
            span.length = clen;
            return span;
        }
    }
    span.offset = clen * 7;
    span.length = clen;
    return span;
}

static void check_trigger(imr_span trigger, size_t len, imr_span mention)
{
    IMR_ASSERT(trigger.offset <= len && trigger.length <= len - trigger.offset);
    if(trigger.length == 0)
        return;
    IMR_ASSERT(trigger.offset + trigger.length <= mention.offset ||
               trigger.offset >= mention.offset + mention.length);
}

static void check(const imr_context *ctx, size_t len, imr_span concept)
{
    imr_span mention;

    mention.offset = concept.offset < len ? concept.offset : len;
    mention.length = concept.length < len - mention.offset
                         ? concept.length
                         : len - mention.offset;
    IMR_ASSERT(ctx->polarity <= IMR_POLARITY_POSSIBLE);
    IMR_ASSERT(ctx->temporality <= IMR_TEMPORALITY_HYPOTHETICAL);
    IMR_ASSERT(ctx->experiencer <= IMR_EXPERIENCER_OTHER);
    IMR_ASSERT((ctx->polarity == IMR_POLARITY_AFFIRMED) ==
               (ctx->polarity_trigger.length == 0));
    IMR_ASSERT((ctx->temporality == IMR_TEMPORALITY_RECENT) ==
               (ctx->temporality_trigger.length == 0));
    IMR_ASSERT((ctx->experiencer == IMR_EXPERIENCER_PATIENT) ==
               (ctx->experiencer_trigger.length == 0));
    check_trigger(ctx->polarity_trigger, len, mention);
    check_trigger(ctx->temporality_trigger, len, mention);
    check_trigger(ctx->experiencer_trigger, len, mention);
    IMR_ASSERT(imr_polarity_name(ctx->polarity) &&
               imr_temporality_name(ctx->temporality) &&
               imr_experiencer_name(ctx->experiencer));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *sep = memchr(text, '\t', size);
    const char *sentence = sep ? sep + 1 : text;
    size_t len = size - (size_t)(sentence - text);
    imr_span span;
    imr_context ctx;

    span.offset = size ? data[0] : 0;
    span.length = size > 1 ? data[1] % 16 : 0;
    if(sep)
        span = place(text, (size_t)(sep - text), sentence, len);
    imr_context_assess(rules(), len ? sentence : NULL, len, span, &ctx);
    check(&ctx, len, span);
    return 0;
}
