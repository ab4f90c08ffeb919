/* SPDX-License-Identifier: MIT */
/* Private to imr case: its options, the audit log's who, when and where,
 * and the actions kept in files of their own (assign in case_assign.c;
 * decide and letter in case_decide.c). */
#ifndef IMR_CLI_CASE_H
#define IMR_CLI_CASE_H

#include "imr/store.h"

typedef struct case_options {
    const char *action;
    const char *arg;
    const char *db;
    const char *actor;
    const char *format;
    const char *output;
    const char *config;
    const char *panel;
    const char *date;
    const char *kb_dir;
} case_options;

/* Who is acting, when and from where, for the audit log: the CLI reads
 * the clock and the host name; the library never does. */
typedef struct case_actor {
    char at[32];
    char origin[300];
    imr_store_who who;
} case_actor;

void imr__case_actor_init(case_actor *a, const case_options *o);
/* The knowledge base of --kb, else the default one. */
const char *imr__case_kb_dir(const case_options *o);

/* The actions; each returns the exit status. */
int imr__case_assign(imr_store *store, const case_options *o, long long id);
int imr__case_decide(imr_store *store, const case_options *o, long long id);
int imr__case_letter(imr_store *store, const case_options *o, long long id);

#endif
