/* SPDX-License-Identifier: MIT */
/* imr_gen_records: writes synthetic narrative medical records (treating
 * physicians' progress reports, as pdftotext prints them) into one file,
 * separated by form feeds, for benchmarking `imr extract`. The same count
 * and seed give the same bytes. */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROGRAM "imr_gen_records"

enum {
    MAX_COUNT = 10000000,
    MAX_KEYS = 48,
    PARA_CAP = 8192,
    RECORD_CAP = 32768,
    STORE_CAP = 4096,
    MAX_DEPTH = 4
};

/* A list of templates, NULL-terminated. "{key}" is replaced by the value of
 * a key of the record, or by one entry of the pool of that name (itself a
 * template); "{Key}" capitalizes what replaces it; "{#6-24}" is a number
 * from 6 to 24. */
typedef const char *const *list;
#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

/*---- Phrasing: the patient ---------------------------------------------*/

static const list occupations = LIST(
    "warehouse worker", "truck driver", "registered nurse", "office clerk",
    "construction laborer", "grocery clerk", "home health aide",
    "machine operator", "custodian", "correctional officer",
    "school bus driver", "cashier", "auto mechanic", "landscaper",
    "caregiver", "forklift operator", "dental assistant", "electrician",
    "housekeeper", "delivery driver", "meat cutter", "teacher's aide");

static const list mechanisms = LIST(
    "lifting a case of water", "a slip and fall on a wet floor",
    "a rear-end motor vehicle collision", "pulling a pallet jack",
    "repetitive lifting over several years", "a fall from a step stool",
    "transferring a patient from a bed to a wheelchair",
    "twisting while carrying a box", "a trip over a hose",
    "pushing a loaded cart up a ramp", "restraining a combative inmate");

static const list visit_titles = LIST(
    "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)",
    "PAIN MANAGEMENT FOLLOW-UP VISIT", "ORTHOPEDIC RE-EVALUATION",
    "PHYSICAL MEDICINE AND REHABILITATION PROGRESS NOTE",
    "PRIMARY TREATING PHYSICIAN'S PERMANENT AND STATIONARY REPORT",
    "OCCUPATIONAL MEDICINE FOLLOW-UP", "INTERVENTIONAL PAIN CONSULTATION",
    "SPINE SURGERY CONSULTATION");

static const list physicians = LIST(
    "Maria Delgado, M.D.", "Robert Kline, M.D.", "Anita Shah, D.O.",
    "Thomas Nguyen, M.D.", "Laura Brennan, M.D.", "David Okafor, M.D.",
    "Susan Whitaker, D.O.", "Michael Ferraro, M.D.", "Grace Lindqvist, M.D.",
    "Victor Ramos, M.D.");

static const list surnames = LIST(
    "Garcia", "Johnson", "Martinez", "Nguyen", "Williams", "Lopez", "Brown",
    "Hernandez", "Davis", "Kim", "Rodriguez", "Wilson", "Patel", "Moore",
    "Sanchez", "Taylor", "Ramirez", "Anderson", "Flores", "Thompson");

/*---- Phrasing: body regions --------------------------------------------*/

/* Everything that depends on where the injury is. */
typedef struct region {
    const char *name;      /* "lumbar spine" */
    const char *pain;      /* "low back pain" */
    const char *limb;      /* "leg" */
    const char *limbs;     /* "lower extremities" */
    const char *injection; /* "an epidural steroid injection at {level}" */
    list levels;           /* "L4-5" */
    list dermatomes;       /* "L5" */
    list radiation;        /* where the pain goes */
    list exam;             /* examination sentences */
    list imaging;          /* what an MRI showed */
    list diagnoses;        /* assessment items */
    list requests;         /* plan sentences that request care */
} region;

static const region regions[] = {
    {"lumbar spine", "low back pain", "leg", "lower extremities",
     "an epidural steroid injection at {level}",
     LIST("L4-5", "L5-S1", "L3-4"), LIST("L5", "S1", "L4"),
     LIST("radiating to the {side} buttock and posterior thigh",
          "radiating down the {side} leg to the foot",
          "with intermittent radiation into the {side} calf",
          "that stays in the low back without radiation"),
     LIST("Straight leg raise is positive on the {side} at {#30-70} "
          "degrees, reproducing pain to the calf.",
          "Seated straight leg raise is negative bilaterally.",
          "Sensation is decreased in the {side} {dermatome} dermatome.",
          "There is decreased sensation to light touch over the dorsum of "
          "the {side} foot.",
          "Motor strength is 5/5 in all muscle groups of the lower "
          "extremities.",
          "There is weakness of the {side} extensor hallucis longus, 4/5.",
          "Patellar and Achilles reflexes are 2+ and symmetric.",
          "The {side} Achilles reflex is diminished at 1+.",
          "There is tenderness to palpation over the lumbar paraspinal "
          "muscles with muscle spasm.",
          "Range of motion of the lumbar spine is limited, with flexion to "
          "{#30-60} degrees and extension to {#5-20} degrees.",
          "Gait is antalgic, favoring the {side} leg.",
          "{He} walks without an assistive device and can heel and toe walk.",
          "Facet loading is positive on the {side}."),
     LIST("a {#2-6} mm disc protrusion at {level} with mild {side} foraminal "
          "stenosis",
          "degenerative disc disease at {level} with a broad-based disc "
          "bulge",
          "a disc herniation at {level} contacting the traversing {side} "
          "{dermatome} nerve root",
          "facet arthropathy at {level} without significant canal stenosis",
          "postoperative changes at {level} with no recurrent herniation"),
     LIST("Lumbar radiculopathy, {side}.", "Lumbar sprain/strain.",
          "Lumbar disc herniation at {level}.",
          "Degenerative disc disease, lumbar spine.",
          "Lumbar facet arthropathy.", "Chronic low back pain."),
     LIST("Request authorization for physical therapy 2 times a week for 4 "
          "weeks for the lumbar spine.",
          "Request a {side} {level} transforaminal epidural steroid "
          "injection.",
          "Request an MRI of the lumbar spine to rule out a recurrent disc "
          "herniation.",
          "Request EMG/NCV of the bilateral lower extremities.",
          "Request a lumbar support for use at work.")},
    {"cervical spine", "neck pain", "arm", "upper extremities",
     "a cervical epidural steroid injection at {level}",
     LIST("C5-6", "C6-7", "C4-5"), LIST("C6", "C7", "C5"),
     LIST("radiating to the {side} shoulder and arm",
          "with numbness into the {side} thumb and index finger",
          "radiating into the {side} trapezius",
          "with headaches at the base of the skull"),
     LIST("Spurling's test is positive on the {side}.",
          "Spurling's test is negative bilaterally.",
          "Sensation is diminished in the {side} {dermatome} distribution.",
          "Grip strength is decreased on the {side}.",
          "Biceps and triceps reflexes are 2+ and symmetric.",
          "The {side} brachioradialis reflex is diminished.",
          "There is tenderness over the cervical paraspinal muscles and the "
          "upper trapezius with trigger points.",
          "Cervical rotation is limited to {#40-60} degrees to the {side}.",
          "Motor strength is 5/5 in the upper extremities."),
     LIST("a {#2-4} mm disc bulge at {level} with mild foraminal narrowing",
          "multilevel spondylosis with moderate {side} foraminal stenosis at "
          "{level}",
          "a central disc protrusion at {level} without cord compression",
          "straightening of the cervical lordosis, possibly from spasm"),
     LIST("Cervical radiculopathy, {side}.", "Cervical sprain/strain.",
          "Cervical disc protrusion at {level}.",
          "Cervical spondylosis.", "Myofascial pain syndrome."),
     LIST("Request authorization for physical therapy 2 times a week for 3 "
          "weeks for the cervical spine.",
          "Request a cervical epidural steroid injection at {level}.",
          "Request EMG/NCV of the bilateral upper extremities.",
          "Request trigger point injections to the {side} trapezius.")},
    {"shoulder", "shoulder pain", "arm", "upper extremities",
     "a subacromial cortisone injection",
     LIST("the acromioclavicular joint"), LIST("C5"),
     LIST("radiating to the {side} lateral arm",
          "that is worse with overhead reaching",
          "that wakes {him} when {he} lies on the {side} side"),
     LIST("Impingement signs are positive on the {side}.",
          "Forward flexion of the {side} shoulder is limited to {#90-150} "
          "degrees and abduction to {#80-140} degrees.",
          "There is tenderness over the {side} acromioclavicular joint.",
          "Drop arm test is negative.",
          "Rotator cuff strength is 4/5 on the {side} with pain.",
          "There is no instability and no atrophy."),
     LIST("a partial-thickness tear of the supraspinatus tendon",
          "supraspinatus tendinosis with subacromial bursitis",
          "acromioclavicular joint arthrosis with a type II acromion",
          "a full-thickness rotator cuff tear with {#1-2} cm of retraction"),
     LIST("Rotator cuff tear, {side} shoulder.",
          "Impingement syndrome, {side} shoulder.",
          "Shoulder sprain/strain, {side}.", "Adhesive capsulitis, {side}."),
     LIST("Request physical therapy 2 times a week for 6 weeks for the {side} "
          "shoulder.",
          "Request a subacromial cortisone injection to the {side} shoulder.",
          "Request an orthopedic surgery consultation for the {side} "
          "shoulder.")},
    {"knee", "knee pain", "leg", "lower extremities",
     "a cortisone injection to the {side} knee",
     LIST("the medial compartment"), LIST("L4"),
     LIST("with swelling after standing for more than an hour",
          "with locking and giving way of the {side} knee",
          "that is worse on stairs and when kneeling"),
     LIST("There is a mild effusion of the {side} knee.",
          "McMurray's test is positive medially on the {side}.",
          "Range of motion of the {side} knee is 0 to {#100-125} degrees.",
          "There is tenderness along the medial joint line.",
          "Ligaments are stable to varus and valgus stress.",
          "Gait is antalgic with a limp on the {side}."),
     LIST("a tear of the posterior horn of the medial meniscus",
          "tricompartmental degenerative changes with a joint effusion",
          "chondromalacia of the patella with a small Baker's cyst",
          "an oblique tear of the lateral meniscus"),
     LIST("Medial meniscus tear, {side} knee.",
          "Osteoarthritis, {side} knee.", "Knee sprain/strain, {side}.",
          "Patellofemoral pain syndrome, {side}."),
     LIST("Request physical therapy 2 times a week for 4 weeks for the {side} "
          "knee.",
          "Request a {side} knee arthroscopy with partial meniscectomy.",
          "Request a hinged knee brace.",
          "Request a series of three viscosupplementation injections.")},
};

/*---- Phrasing: the history ---------------------------------------------*/

static const list intro_sentences = LIST(
    "The patient is a {age}-year-old {sex} {job} who was injured on {doi} "
    "due to {mechanism}.",
    "This is a {age} year old {sex} {job} with a date of injury of {doi}.",
    "{Title} {name} is a {age} y/o {job} seen today in follow-up for "
    "{pain_site} related to an industrial injury on {doi}.",
    "{Title} {name} returns for re-evaluation of {pain_site}. {He} is a "
    "{age}-year-old {job} injured on {doi} by {mechanism}.",
    "The patient is a {age} year old {sex} who sustained an injury at work "
    "on {doi} due to {mechanism}.");

static const list complaint_sentences = LIST(
    "{He} reports {pain_site} rated {pain}/10, {pain_trend} {pain_prev}/10 "
    "at the last visit, {radiation}.",
    "{He} complains of constant {pain_site} {radiation}. Pain is {pain}/10 "
    "today.",
    "{His} {pain_site} is {pain}/10 without medications and {pain_low}/10 "
    "with medications.",
    "Current pain is rated at {pain} out of 10 and is described as aching "
    "and burning, {radiation}.",
    "{He} rates {his} average pain over the past week as {pain_low}-{pain}/10.",
    "{He} reports intermittent numbness and tingling in the {side} {limb}.");

static const list treatment_sentences = LIST(
    "{He} has completed {#6-24} sessions of physical therapy with {partial}.",
    "Chiropractic x {#4-12} did not help.",
    "{He} attended {#6-12} visits of chiropractic care, which gave "
    "{partial}.",
    "Acupuncture x {#4-8} provided no lasting relief.",
    "{He} tried acupuncture in {past_year} with minimal benefit.",
    "A course of {#6-12} physical therapy visits in {past_year} improved "
    "{his} walking tolerance.",
    "{Injection} on {past_date} gave about {#30-70}% relief for {#2-6} "
    "weeks.",
    "{He} has not had {injection_yet}.",
    "Massage therapy was helpful for a few days at a time.",
    "Aquatic therapy x {#6-8} was not helpful.",
    "{He} underwent {#8-12} sessions of work hardening and failed to return "
    "to {his} usual job.",
    "A TENS unit was tried at physical therapy and was ineffective.",
    "{He} continues {his} home exercise program {exercise_often} but reports "
    "no improvement.",
    "Prior treatment has included medications, physical therapy x {#8-18} "
    "and chiropractic x {#6-12}, all with {partial}.",
    "{He} received {#2-3} trigger point injections in {past_year} that "
    "helped for about a week.",
    "{He} was seen by a spine surgeon on {past_date} and is not a surgical "
    "candidate.");

static const list negation_sentences = LIST(
    "{He} denies numbness or tingling.",
    "{He} denies bowel or bladder dysfunction.",
    "There is no documentation of functional improvement from prior "
    "treatment.",
    "{He} denies fever, chills or unexplained weight loss.",
    "{He} denies saddle anesthesia.",
    "No new injuries since the last visit.",
    "{He} does not report any weakness in the {limbs}.",
    "There has been no change in {his} symptoms since the last visit.",
    "{He} has not returned to work since the injury.",
    "{He} denies any side effects from the medications other than mild "
    "constipation.");

static const list function_sentences = LIST(
    "{He} can sit for {#15-45} minutes and walk for {#10-30} minutes before "
    "needing to rest.",
    "{He} needs help with household chores and has trouble putting on {his} "
    "shoes.",
    "With medications {he} is able to do light housework and grocery "
    "shopping; without them {he} stays in bed.",
    "Sleep is disturbed; {he} wakes {#2-4} times a night because of pain.",
    "{He} reports difficulty with prolonged standing, bending and lifting.",
    "{He} is independent with self-care but avoids driving more than "
    "{#20-40} minutes.");

/*---- Phrasing: medications ---------------------------------------------*/

/* A drug, its strengths and how it is taken. */
typedef struct drug {
    const char *name;
    list doses;
    list frequencies;
} drug;

static const drug drugs[] = {
    {"Norco", LIST("10/325 mg", "5/325 mg", "7.5/325 mg"),
     LIST("every 6 hours as needed for pain", "q6h prn",
          "one tablet three times a day", "every 4-6 hours as needed")},
    {"Tramadol", LIST("50 mg", "100 mg"),
     LIST("twice daily", "every 8 hours as needed")},
    {"Tramadol ER", LIST("150 mg", "200 mg"), LIST("once daily")},
    {"Naproxen sodium", LIST("550 mg"), LIST("twice daily", "b.i.d.")},
    {"Ibuprofen", LIST("800 mg", "600 mg"),
     LIST("three times daily with food", "t.i.d.")},
    {"Meloxicam", LIST("15 mg", "7.5 mg"), LIST("once daily")},
    {"Cyclobenzaprine", LIST("7.5 mg", "10 mg"),
     LIST("at bedtime", "three times a day as needed for spasm")},
    {"Tizanidine", LIST("4 mg", "2 mg"), LIST("at bedtime", "qhs")},
    {"Gabapentin", LIST("300 mg", "600 mg"),
     LIST("three times a day", "twice daily")},
    {"Omeprazole", LIST("20 mg"), LIST("daily", "once a day")},
    {"Pantoprazole", LIST("40 mg"), LIST("daily before breakfast")},
    {"Lidoderm", LIST("5% patch"), LIST("12 hours on and 12 hours off")},
    {"Duloxetine", LIST("60 mg", "30 mg"), LIST("daily")},
    {"Trazodone", LIST("50 mg"), LIST("nightly for sleep")},
    {"Oxycodone", LIST("10 mg", "5 mg"), LIST("every 6 hours as needed")},
    {"Zolpidem", LIST("10 mg", "5 mg"), LIST("at bedtime as needed")},
};

/*---- Phrasing: the other sections --------------------------------------*/

static const list medical_history = LIST(
    "History of gastritis.",
    "{He} has a history of gastritis and reports stomach upset with NSAIDs.",
    "Status post L4-5 fusion in {old_year}.",
    "Status post {side} carpal tunnel release in {old_year}.",
    "Hypertension, controlled with medication.",
    "Type 2 diabetes, diet controlled.",
    "History of depression, treated by {his} primary care physician.",
    "No prior surgeries.", "Denies history of peptic ulcer disease.",
    "Status post appendectomy as a teenager.",
    "History of gastroesophageal reflux disease.",
    "History of hepatitis C, treated.", "Asthma, mild and intermittent.");

static const list family_history = LIST(
    "Mother with diabetes and hypertension.",
    "Father died of a myocardial infarction at age {#55-75}.",
    "{His} brother has a history of lumbar fusion.",
    "Family history of colon cancer in {his} father.",
    "Noncontributory.", "Sister with rheumatoid arthritis.",
    "No family history of bleeding disorders.",
    "Mother had breast cancer and is in remission.");

static const list social_history = LIST(
    "{He} smokes {#3-10} cigarettes a day.", "{He} denies tobacco use.",
    "{He} drinks alcohol socially.",
    "{He} lives with {his} spouse and {#1-3} children.",
    "{He} denies illicit drug use.", "{He} quit smoking in {old_year}.");

static const list imaging_sentences = LIST(
    "MRI of the {region} dated {img_date} shows {imaging}.",
    "An MRI of the {region} performed on {img_date} was reported to show "
    "{imaging}.",
    "X-rays of the {region} obtained on {xray_date} show no evidence of "
    "fracture or dislocation.",
    "X-rays taken at the time of injury were negative for fracture.",
    "EMG/NCV of the {limbs} on {img_date} was normal, with no evidence of "
    "radiculopathy or peripheral neuropathy.",
    "EMG/NCV on {img_date} showed chronic {side} {dermatome} radiculopathy.",
    "No new imaging has been obtained since the last visit.",
    "There is no MRI on file.");

static const list general_diagnoses = LIST(
    "Chronic pain syndrome.", "Myofascial pain.",
    "Gastritis, secondary to NSAIDs.", "Depression, secondary to chronic pain.",
    "Sleep disturbance due to pain.", "Medication-induced constipation.");

static const list plan_sentences = LIST(
    "Refill Norco 10/325 mg #{#60-120}.",
    "Continue naproxen and omeprazole for gastric protection.",
    "A urine drug screen was obtained today.",
    "The urine drug screen on {past_date} was consistent with the prescribed "
    "medications.",
    "{He} is to continue the home exercise program.",
    "If symptoms persist, {he} may be a candidate for {injection}.",
    "Consider referral to a spine surgeon if {he} does not improve.",
    "Discussed the risks of opioid medications; a pain agreement is on file.",
    "CURES report was reviewed and is appropriate.",
    "There is no evidence of aberrant drug-taking behavior.",
    "{He} was advised to avoid NSAIDs because of {his} history of "
    "gastritis.",
    "Discontinue cyclobenzaprine; it did not help and caused drowsiness.");

static const list work_sentences = LIST(
    "Modified duty with no lifting over {#10-25} lbs and no repetitive "
    "bending.",
    "Temporarily totally disabled until the next visit.",
    "Return to full duty as of {visit_date}.",
    "Off work for {#4-6} weeks.", "{He} is working full duty.",
    "Temporarily partially disabled; the employer is unable to accommodate "
    "{his} restrictions.",
    "Permanent and stationary; future medical care is to remain open.");

static const list followup_sentences = LIST(
    "Follow-up in {#4-6} weeks.", "Return to clinic in {#4-6} weeks.",
    "{He} will follow up in one month for medication management.",
    "Recheck after the requested treatment is completed.");

/*---- Pools: "{name}" draws one entry each time ---------------------------*/

static const list partial_responses = LIST(
    "temporary relief only", "minimal improvement",
    "some relief that lasted a few days", "short-term relief",
    "no significant improvement", "partial relief");

static const list exercise_often = LIST(
    "daily", "three times a week", "most days", "twice a day");

static const list exam_distress = LIST(
    "no acute distress", "mild distress", "moderate distress from pain");

typedef struct pool {
    const char *name;
    const list *items;
} pool;

static const pool pools[] = {
    {"mechanism", &mechanisms},
    {"partial", &partial_responses},
    {"exercise_often", &exercise_often},
    {"distress", &exam_distress},
};

/* Shared with the other generator; needs PROGRAM, PARA_CAP and list. */
#include "gen_common.h"

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* How a record writes its dates: most "03/12/2015", some "3/12/15" or
 * "March 12, 2015". */
typedef enum date_style { DATE_PAD, DATE_SHORT, DATE_LONG } date_style;

static void format_date(char *out, size_t size, date d, date_style style)
{
    if(style == DATE_SHORT)
        snprintf(out, size, "%d/%d/%02d", d.month, d.day, d.year % 100);
    else if(style == DATE_LONG)
        snprintf(out, size, "%s %d, %d", month_names[d.month - 1], d.day,
                 d.year);
    else
        snprintf(out, size, "%02d/%02d/%04d", d.month, d.day, d.year);
}

/*---- The record being written --------------------------------------------*/

typedef struct key {
    const char *name;
    const char *value;
} key;

typedef struct record {
    rng r;
    key keys[MAX_KEYS];
    size_t key_count;
    char store[STORE_CAP]; /* the keys' values */
    size_t used;
    const region *where;
    date_style dates;
    unsigned width;       /* columns before a line is broken */
    const char *gap;      /* between sentences: one space or two */
    int caps_headings;    /* "SUBJECTIVE:" or "Subjective:" */
    char *out;            /* RECORD_CAP bytes */
    size_t out_len;
} record;

static void set_key(record *rec, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_key(record *rec, const char *name, const char *fmt, ...)
{
    va_list ap;
    int n;

    if(rec->key_count == MAX_KEYS)
        bug("too many keys at", name);
    va_start(ap, fmt);
    n = vsnprintf(rec->store + rec->used, STORE_CAP - rec->used, fmt, ap);
    va_end(ap);
    if(n < 0 || (size_t)n >= STORE_CAP - rec->used)
        bug("key store full at", name);
    rec->keys[rec->key_count].name = name;
    rec->keys[rec->key_count].value = rec->store + rec->used;
    rec->key_count++;
    rec->used += (size_t)n + 1;
}

static void expand(record *rec, text *t, const char *tpl, int depth);

/* A key whose value is one of `tpls`, expanded once for the record. */
static void set_expanded_key(record *rec, const char *name, list tpls)
{
    text t;
    text_reset(&t);
    expand(rec, &t, pick(&rec->r, tpls), 0);
    set_key(rec, name, "%s", t.data);
}

static void set_date_key(record *rec, const char *name, date d)
{
    char buf[32];
    format_date(buf, sizeof(buf), d, rec->dates);
    set_key(rec, name, "%s", buf);
}

static const char *lookup(const record *rec, const char *name, size_t len)
{
    size_t i;
    for(i = 0; i < rec->key_count; i++) {
        if(strlen(rec->keys[i].name) == len &&
           memcmp(rec->keys[i].name, name, len) == 0)
            return rec->keys[i].value;
    }
    return NULL;
}

static const list *find_pool(const char *name, size_t len)
{
    size_t i;
    for(i = 0; i < sizeof(pools) / sizeof(pools[0]); i++) {
        if(strlen(pools[i].name) == len &&
           memcmp(pools[i].name, name, len) == 0)
            return pools[i].items;
    }
    return NULL;
}

static char to_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static char to_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* "{#6-24}": a number in the range. */
static void put_number(record *rec, text *t, const char *spec, size_t len)
{
    char buf[24];
    char *end;
    long low = strtol(spec + 1, &end, 10), high;

    if(end >= spec + len || *end != '-')
        bug("bad number range", spec);
    high = strtol(end + 1, &end, 10);
    if(end != spec + len || high < low)
        bug("bad number range", spec);
    snprintf(buf, sizeof(buf), "%d", rng_range(&rec->r, (int)low, (int)high));
    text_puts(t, buf);
}

/* The value of "{name}", "{Name}" or "{#a-b}", appended to `t`. */
static void put_key(record *rec, text *t, const char *name, size_t len,
                    int depth)
{
    char lowered[32];
    const char *value;
    const list *items;
    size_t i, at = t->len;

    if(len && name[0] == '#') {
        put_number(rec, t, name, len);
        return;
    }
    if(len == 0 || len >= sizeof(lowered))
        bug("bad key in template near", name);
    for(i = 0; i < len; i++)
        lowered[i] = to_lower(name[i]);
    lowered[len] = '\0';
    value = lookup(rec, lowered, len);
    items = value ? NULL : find_pool(lowered, len);
    if(value)
        text_puts(t, value);
    else if(items)
        expand(rec, t, pick(&rec->r, *items), depth + 1);
    else
        bug("unknown key", lowered);
    if(name[0] != lowered[0] && t->len > at)
        t->data[at] = to_upper(t->data[at]);
}

static void expand(record *rec, text *t, const char *tpl, int depth)
{
    const char *p = tpl;

    if(depth > MAX_DEPTH)
        bug("templates nested too deeply at", tpl);
    while(*p) {
        const char *open = strchr(p, '{'), *close;
        if(!open) {
            text_puts(t, p);
            return;
        }
        text_putn(t, p, (size_t)(open - p));
        close = strchr(open, '}');
        if(!close)
            bug("unclosed key in template", tpl);
        put_key(rec, t, open + 1, (size_t)(close - open - 1), depth);
        p = close + 1;
    }
}

static void add_sentence(record *rec, text *para, const char *tpl)
{
    if(para->len)
        text_puts(para, rec->gap);
    expand(rec, para, tpl, 0);
}

/* Adds `low` to `high` distinct sentences of `tpls`. */
static void add_some(record *rec, text *para, list tpls, int low, int high)
{
    const char *chosen[32];
    size_t n = pick_distinct(&rec->r, tpls, (size_t)rng_range(&rec->r, low,
                                                               high),
                             chosen),
           i;
    for(i = 0; i < n; i++)
        add_sentence(rec, para, chosen[i]);
}

/*---- Output: lines as pdftotext breaks them ------------------------------*/

static void out_raw(record *rec, const char *s, size_t n)
{
    if(n >= RECORD_CAP - rec->out_len)
        bug("record too long at", s);
    memcpy(rec->out + rec->out_len, s, n);
    rec->out_len += n;
}

static void out_str(record *rec, const char *s)
{
    out_raw(rec, s, strlen(s));
}

/* Writes `s` broken into lines of at most `width` columns at spaces; lines
 * after the first begin with `indent`. */
static void out_wrapped(record *rec, const char *s, size_t len,
                        const char *indent)
{
    size_t column = 0, i = 0;

    while(i < len) {
        size_t word = i, end;
        while(word < len && s[word] == ' ')
            word++;
        end = word;
        while(end < len && s[end] != ' ')
            end++;
        if(column > 0 && column + (word - i) + (end - word) > rec->width) {
            out_raw(rec, "\n", 1);
            out_str(rec, indent);
            column = strlen(indent);
            i = word; /* the spaces at the break are dropped */
        }
        out_raw(rec, s + i, end - i);
        column += end - i;
        i = end;
    }
    out_raw(rec, "\n", 1);
}

static void out_para(record *rec, const text *para)
{
    if(para->len)
        out_wrapped(rec, para->data, para->len, "");
}

static void out_heading(record *rec, const char *caps, const char *title)
{
    out_raw(rec, "\n", 1);
    out_str(rec, rec->caps_headings ? caps : title);
    out_raw(rec, ":\n", 2);
}

/* "1. Lumbar radiculopathy, left." as a numbered line of a list. */
static void out_item(record *rec, int number, const char *s, size_t len)
{
    char lead[16];
    snprintf(lead, sizeof(lead), "%d. ", number);
    out_str(rec, lead);
    out_wrapped(rec, s, len, "   ");
}

/*---- The record ----------------------------------------------------------*/

static date random_date_between(rng *r, date from, date to)
{
    long a = days_from_civil(from), b = days_from_civil(to);
    if(b <= a)
        return from;
    return civil_from_days(a + (long)rng_below(r, (unsigned)(b - a)));
}

static void setup_patient(record *rec)
{
    int female = rng_chance(&rec->r, 50);

    set_key(rec, "he", "%s", female ? "she" : "he");
    set_key(rec, "his", "%s", female ? "her" : "his");
    set_key(rec, "him", "%s", female ? "her" : "him");
    set_key(rec, "sex", "%s", female ? "female" : "male");
    set_key(rec, "title", "%s", female ? "Ms." : "Mr.");
    set_key(rec, "name", "%s", pick(&rec->r, surnames));
    set_key(rec, "age", "%d", rng_range(&rec->r, 24, 66));
    set_key(rec, "job", "%s", pick(&rec->r, occupations));
}

static void setup_region(record *rec)
{
    static const unsigned weights[] = {50, 25, 12, 13};
    unsigned roll = rng_below(&rec->r, 100), i = 0, sum = weights[0];
    const char *side;

    while(roll >= sum && i + 1 < sizeof(weights) / sizeof(weights[0]))
        sum += weights[++i];
    rec->where = &regions[i];
    side = rng_chance(&rec->r, 50) ? "left" : "right";
    set_key(rec, "side", "%s", side);
    set_key(rec, "region", "%s", rec->where->name);
    set_key(rec, "pain_site", "%s", rec->where->pain);
    set_key(rec, "limb", "%s", rec->where->limb);
    set_key(rec, "limbs", "%s", rec->where->limbs);
    set_key(rec, "level", "%s", pick(&rec->r, rec->where->levels));
    set_key(rec, "dermatome", "%s", pick(&rec->r, rec->where->dermatomes));
    set_expanded_key(rec, "injection", LIST(rec->where->injection));
    set_expanded_key(rec, "injection_yet", LIST("an injection",
                                                rec->where->injection));
}

static void setup_pain(record *rec)
{
    int pain = rng_range(&rec->r, 4, 9);
    int prev = pain + rng_range(&rec->r, -2, 2);
    int low = pain - rng_range(&rec->r, 2, 4);

    if(prev > 10)
        prev = 10;
    if(low < 1)
        low = 1;
    set_key(rec, "pain", "%d", pain);
    set_key(rec, "pain_prev", "%d", prev);
    set_key(rec, "pain_low", "%d", low);
    set_key(rec, "pain_trend", "%s",
            prev < pain   ? "increased from"
            : prev > pain ? "down from"
                          : "unchanged from");
    set_expanded_key(rec, "radiation", rec->where->radiation);
}

/* The visit, the injury before it, and the studies and years between. */
static void setup_dates(record *rec)
{
    date visit = random_date_between(&rec->r, (date){2013, 1, 1},
                                     (date){2016, 12, 31});
    long v = days_from_civil(visit);
    date doi = civil_from_days(v - 200 - (long)rng_below(&rec->r, 2400));
    date img = random_date_between(&rec->r, doi, visit);
    date xray = random_date_between(&rec->r, doi, img);
    date past = random_date_between(&rec->r, doi, visit);

    set_date_key(rec, "visit_date", visit);
    set_date_key(rec, "doi", doi);
    set_date_key(rec, "img_date", img);
    set_date_key(rec, "xray_date", xray);
    set_date_key(rec, "past_date", past);
    set_key(rec, "past_year", "%d", past.year);
    set_key(rec, "old_year", "%d", doi.year - rng_range(&rec->r, 2, 15));
}

static void write_header(record *rec)
{
    char buf[64];

    out_str(rec, pick(&rec->r, visit_titles));
    out_str(rec, "\n\n");
    snprintf(buf, sizeof(buf), "Patient: %s, %c.\n", lookup(rec, "name", 4),
             "ABCDEFGHJKLMNPRSTW"[rng_below(&rec->r, 18)]);
    out_str(rec, buf);
    out_str(rec, "Date of visit: ");
    out_str(rec, lookup(rec, "visit_date", 10));
    out_str(rec, "\nDate of injury: ");
    out_str(rec, lookup(rec, "doi", 3));
    snprintf(buf, sizeof(buf), "\nClaim number: %07u\n",
             rng_below(&rec->r, 10000000));
    out_str(rec, buf);
}

static void write_subjective(record *rec, text *para)
{
    text_reset(para);
    add_sentence(rec, para, pick(&rec->r, intro_sentences));
    add_some(rec, para, complaint_sentences, 2, 3);
    add_some(rec, para, treatment_sentences, 3, 5);
    add_some(rec, para, negation_sentences, 2, 4);
    out_heading(rec, rng_chance(&rec->r, 70) ? "SUBJECTIVE"
                                             : "HISTORY OF PRESENT ILLNESS",
                "Subjective");
    out_para(rec, para);
    text_reset(para);
    add_some(rec, para, function_sentences, 2, 4);
    if(rng_chance(&rec->r, 50)) {
        out_raw(rec, "\n", 1); /* a second paragraph */
        out_para(rec, para);
    } else {
        out_para(rec, para);
    }
}

/* "Norco 10/325 mg every 6 hours as needed for pain". */
static void drug_line(record *rec, text *t, const drug *d)
{
    text_puts(t, d->name);
    text_puts(t, " ");
    text_puts(t, pick(&rec->r, d->doses));
    text_puts(t, " ");
    text_puts(t, pick(&rec->r, d->frequencies));
}

static void write_medications(record *rec, text *para)
{
    enum { DRUGS = sizeof(drugs) / sizeof(drugs[0]) };
    size_t want = (size_t)rng_range(&rec->r, 2, 5), i, k;
    uint32_t used = 0;
    int as_list = rng_chance(&rec->r, 60);

    out_heading(rec, "CURRENT MEDICATIONS", "Medications");
    text_reset(para);
    if(!as_list)
        text_puts(para, "Current medications include ");
    for(i = 0; i < want; i++) {
        do
            k = rng_below(&rec->r, DRUGS);
        while(used & (1u << k));
        used |= 1u << k;
        if(as_list) {
            text_reset(para);
            drug_line(rec, para, &drugs[k]);
            text_puts(para, ".");
            out_item(rec, (int)i + 1, para->data, para->len);
            continue;
        }
        if(i > 0)
            text_puts(para, i + 1 == want ? " and " : ", ");
        drug_line(rec, para, &drugs[k]);
    }
    if(!as_list) {
        text_puts(para, ".");
        out_para(rec, para);
    }
}

static void write_histories(record *rec, text *para)
{
    out_heading(rec, "PAST MEDICAL HISTORY", "Past medical history");
    text_reset(para);
    add_some(rec, para, medical_history, 2, 4);
    out_para(rec, para);
    out_heading(rec, "FAMILY HISTORY", "Family history");
    text_reset(para);
    add_some(rec, para, family_history, 1, 2);
    out_para(rec, para);
    if(rng_chance(&rec->r, 60)) {
        out_heading(rec, "SOCIAL HISTORY", "Social history");
        text_reset(para);
        add_some(rec, para, social_history, 1, 3);
        out_para(rec, para);
    }
}

static void write_objective(record *rec, text *para)
{
    out_heading(rec, rng_chance(&rec->r, 60) ? "OBJECTIVE"
                                             : "PHYSICAL EXAMINATION",
                "Objective");
    text_reset(para);
    if(rng_chance(&rec->r, 50))
        add_sentence(rec, para, "Blood pressure {#110-150}/{#70-95}, pulse "
                                "{#60-96}.");
    add_sentence(rec, para, "{He} is alert and in {distress}.");
    add_some(rec, para, rec->where->exam, 4, 7);
    out_para(rec, para);
    out_heading(rec, "DIAGNOSTIC STUDIES", "Imaging");
    text_reset(para);
    set_expanded_key(rec, "imaging", rec->where->imaging);
    add_some(rec, para, imaging_sentences, 1, 3);
    out_para(rec, para);
}

static void write_assessment(record *rec, text *para)
{
    const char *chosen[32];
    size_t n = pick_distinct(&rec->r, rec->where->diagnoses,
                             (size_t)rng_range(&rec->r, 2, 4), chosen),
           i;

    out_heading(rec, rng_chance(&rec->r, 60) ? "ASSESSMENT" : "DIAGNOSES",
                "Assessment");
    for(i = 0; i < n; i++) {
        text_reset(para);
        expand(rec, para, chosen[i], 0);
        out_item(rec, (int)i + 1, para->data, para->len);
    }
    if(rng_chance(&rec->r, 50)) {
        text_reset(para);
        expand(rec, para, pick(&rec->r, general_diagnoses), 0);
        out_item(rec, (int)n + 1, para->data, para->len);
    }
}

static void write_plan(record *rec, text *para)
{
    out_heading(rec, rng_chance(&rec->r, 60) ? "PLAN" : "TREATMENT PLAN",
                "Plan");
    text_reset(para);
    add_some(rec, para, rec->where->requests, 1, 2);
    add_some(rec, para, plan_sentences, 3, 5);
    out_para(rec, para);
    text_reset(para);
    add_some(rec, para, work_sentences, 1, 1);
    if(rng_chance(&rec->r, 50)) {
        out_raw(rec, "\nWork status: ", 14);
        out_para(rec, para);
    } else {
        out_heading(rec, "WORK STATUS", "Work status");
        out_para(rec, para);
    }
    text_reset(para);
    add_some(rec, para, followup_sentences, 1, 1);
    out_raw(rec, "\n", 1);
    out_para(rec, para);
}

/* Writes record number `index` for `seed`; returns its length. */
static size_t write_record(record *rec, uint64_t seed, uint64_t index,
                           text *para)
{
    rec->r.state = mix64(seed ^ mix64(index + 0x2545F4914F6CDD1Du));
    rec->key_count = 0;
    rec->used = 0;
    rec->out_len = 0;
    rec->dates = rng_chance(&rec->r, 80)   ? DATE_PAD
                 : rng_chance(&rec->r, 50) ? DATE_SHORT
                                           : DATE_LONG;
    rec->width = (unsigned)rng_range(&rec->r, 72, 84);
    rec->gap = rng_chance(&rec->r, 70) ? " " : "  ";
    rec->caps_headings = rng_chance(&rec->r, 80);
    setup_patient(rec);
    setup_region(rec);
    setup_pain(rec);
    setup_dates(rec);

    write_header(rec);
    write_subjective(rec, para);
    write_medications(rec, para);
    write_histories(rec, para);
    write_objective(rec, para);
    write_assessment(rec, para);
    write_plan(rec, para);
    out_raw(rec, "\n", 1);
    out_str(rec, pick(&rec->r, physicians));
    out_raw(rec, "\n", 1);
    return rec->out_len;
}

/*---- Command line ------------------------------------------------------*/

static void usage(FILE *to)
{
    fprintf(to,
            "usage: " PROGRAM " --count N --seed S --out FILE\n\n"
            "Writes N synthetic progress reports (as pdftotext prints them)\n"
            "into FILE, each followed by a form feed, and prints the number\n"
            "of records and bytes written. The same N and S give the same\n"
            "bytes. N is 1 to %d; S is any unsigned number (default 1).\n",
            MAX_COUNT);
}

int main(int argc, char **argv)
{
    options o = parse_args(argc, argv);
    record *rec = malloc(sizeof(*rec));
    text *para = malloc(sizeof(*para));
    char *buf = malloc(RECORD_CAP);
    unsigned long long i, total = 0;
    FILE *f;

    if(!rec || !para || !buf)
        die("out of memory");
    rec->out = buf;
    f = fopen(o.out, "wb");
    if(!f)
        die("cannot create \"%s\": %s", o.out, strerror(errno));
    for(i = 0; i < o.count; i++) {
        size_t len = write_record(rec, o.seed, i, para);
        buf[len++] = '\f'; /* RECORD_CAP leaves room: out_raw keeps one */
        if(fwrite(buf, 1, len, f) != len)
            die("cannot write \"%s\": %s", o.out, strerror(errno));
        total += len;
    }
    if(fclose(f) != 0)
        die("cannot write \"%s\": %s", o.out, strerror(errno));
    printf("%llu records, %llu bytes\n", o.count, total);
    free(buf);
    free(para);
    free(rec);
    return 0;
}
