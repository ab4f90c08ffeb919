/* SPDX-License-Identifier: MIT */
/* imr_gen_letters: writes a corpus of synthetic IMR Final Determination
 * Letters in the 2014-2015 layout, laid out as pdftotext prints them, for
 * benchmarking `imr parse`. The same count and seed give the same bytes. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PROGRAM "imr_gen_letters"

enum {
    MAX_ITEMS = 5,
    LETTERS_PER_DIR = 1000,
    MAX_COUNT = 99999999,
    PARA_CAP = 16384,
    LETTER_CAP = 65536,
    STORE_CAP = 4096,
    LINE_CAP = 512
};

/* A list of templates, NULL-terminated. "{key}" is replaced by the value of
 * a key; "{Key}" capitalizes it and "{KEY}" upper-cases it. */
typedef const char *const *list;
#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

/*---- Phrasing: the reviewer --------------------------------------------*/

static const list states = LIST(
    "Illinois", "Texas", "New York", "Pennsylvania", "Florida", "Arizona",
    "Ohio", "Maryland", "Washington", "Massachusetts", "Michigan", "Georgia",
    "Oregon", "Nevada", "Colorado", "Virginia", "North Carolina", "Tennessee",
    "Wisconsin", "Connecticut", "New Jersey");

/* Board certifications as the long form writes them ... */
static const list board_certifications =
    LIST("Occupational Medicine", "Internal Medicine",
         "Physical Medicine and Rehabilitation",
         "Physical Medicine and Rehabilitation, Pain Medicine",
         "Orthopedic Surgery", "Anesthesiology", "Family Practice", "Neurology",
         "Preventive Medicine", "Emergency Medicine", "Psychiatry",
         "Neurological Surgery", "Plastic Surgery", "Pain Medicine");

/* ... and as the credentials block writes them. */
static const list specialties =
    LIST("Physical Medicine & Rehabilitation", "Occupational Medicine",
         "Internal Medicine", "Orthopaedic Surgery", "Anesthesiology",
         "Anesthesiology, Pain Management", "Family Practice", "Neurology",
         "Chiropractic", "Acupuncture", "Preventive Medicine",
         "Physical Medicine & Rehabilitation, Pain Management",
         "Emergency Medicine", "Orthopedic Surgery, Hand Surgery");

/*---- Phrasing: the case summary ----------------------------------------*/

/* The opening sentence names the claimant; each form writes the date of
 * injury its own way (see date_style). */
typedef enum date_style {
    DATE_MDY,       /* 5/20/1997 */
    DATE_MDY_PAD,   /* 04/17/2009 */
    DATE_MDY_SHORT, /* 08/01/13 */
    DATE_LONG,      /* February 12, 2006 */
    DATE_STYLE_COUNT
} date_style;

typedef struct intro {
    const char *text;
    date_style doi_style;
} intro;

static const intro intros[] = {
    {"The {worker} is a {sex} with date of injury {doi}.", DATE_MDY},
    {"The {worker} is a {age} year old {sex} with date of injury {doi} and "
     "is diagnosed with {dx1}.",
     DATE_MDY_PAD},
    {"The {worker} is a {age}-year-old {sex} who reported an injury on "
     "{doi}.",
     DATE_MDY_PAD},
    {"The {worker} is a {age} year old {sex} with an injury date of {doi}.",
     DATE_MDY_SHORT},
    {"The {worker} is a {age}-year-old {sex} who has submitted a claim for "
     "{dx1} associated with an industrial injury date of {doi}.",
     DATE_LONG},
    {"This {age} year old {sex} {worker} sustained an industrial injury on "
     "{doi}.",
     DATE_MDY_PAD},
    {"The {worker} is a {age}-year-old {sex} with a date of injury of "
     "{doi}.",
     DATE_MDY},
};

static const list mechanisms =
    LIST("a motor vehicle accident", "a slip and fall at work",
         "lifting a heavy box", "repetitive lifting", "a fall from a ladder",
         "cumulative trauma", "pulling a pallet jack", "a trip over a hose",
         "restraining a patient", "repetitive keyboard use");

static const list treatments = LIST(
    "chiropractic sessions", "physical therapy", "HEP", "injections",
    "medication", "acupuncture", "massage",
    "NSAIDs (non-steroidal anti-inflammatory drugs)", "opioids",
    "muscle relaxants", "TENS (transcutaneous electrical nerve stimulation)",
    "epidural steroid injection", "activity modification", "bracing");

static const list medications =
    LIST("Norco 10/325mg", "Tramadol 50mg", "Naproxen 550mg",
         "Cyclobenzaprine 7.5mg", "Omeprazole 20mg", "Gabapentin 600mg",
         "Lidoderm patches", "Ibuprofen 800mg", "Tizanidine 4mg");

static const list summary_mechanism =
    LIST("The mechanism of injury was {mech}.",
         "The injury occurred as a result of {mech}.",
         "{He} was injured at work due to {mech}.");

static const list summary_diagnoses =
    LIST("The diagnoses included {dx1} and {dx2}.",
         "Diagnoses include 1) {dx1} 2) {dx2} 3) {dx3}.",
         "The {worker}'s diagnoses include the following: {Dx1}; {dx2}.",
         "{He} is diagnosed with {dx1} and {dx2}.",
         "The current diagnoses are {dx1}, {dx2} and {dx3}.");

static const list summary_treatment =
    LIST("The previous treatments included {tx}.",
         "Treatment to date has included {tx}.",
         "The {worker} is reported to have tried multi-modality pain treatment "
         "protocols including {tx}.",
         "Prior conservative care has consisted of {tx}.");

static const list summary_benefit =
    LIST("All of these are reported to have provided minimal to temporary "
         "benefit only.",
         "{He} reports that prior treatment helped only for a few days at a "
         "time.",
         "There is no documentation as to pain scores and/or functional "
         "improvements for any of these modalities in the notes provided.",
         "The response to these treatments is not described in the records "
         "submitted.");

static const list summary_imaging = LIST(
    "Previous diagnostic imaging studies included an MRI.",
    "An MRI of the {region} dated {date0} showed {imaging}.",
    "According to the {worker}, an MRI performed in {year0} showed "
    "{imaging}.",
    "Imaging of the {region} from {date0} was reported to show {imaging}.");

static const list summary_visit = LIST(
    "Per periodic report dated {date1}, the {worker} reports {complaint} "
    "has increased.",
    "Within the clinical note dated {date1} it was reported the {worker} "
    "complained of {complaint}.",
    "Based on the {date1} progress report, the {worker} complains of "
    "{complaint} which {he} rates as a {pain}/10.",
    "Medical records from {year1} were reviewed. The {worker} complained of "
    "persistent {complaint}.",
    "According to the primary treating physician's progress report dated "
    "{date1}, the {worker} continues to have {complaint}.",
    "On {date1}, the {worker} presented with ongoing {complaint}.");

static const list summary_pain = LIST(
    "{He} described the pain as dull and achy becoming sharp and stabbing "
    "with prolonged activities.",
    "The pain is rated {pain}/10 without medication and {pain2}/10 with "
    "medication.",
    "{He} reports difficulty with prolonged sitting, standing and walking.",
    "The pain is aggravated by bending, lifting and twisting and eased by "
    "rest.",
    "{He} also reports numbness and tingling radiating into the {side} "
    "{limb1}.",
    "Sleep is disturbed by the pain.");

static const list summary_exam = LIST(
    "Upon physical exam, the provider noted tenderness to palpation over the "
    "{region}.",
    "Range of motion of the {region} was restricted in all planes due to "
    "pain.",
    "Motor strength was 4/5 in the {side} {limb1}.",
    "Deep tendon reflexes were 2+ and symmetric.",
    "{His} gait was antalgic, favoring the {side} side.",
    "There was guarding with movement, and the {worker} changed positions "
    "frequently during the visit.",
    "Sensation was intact to light touch throughout the {limb}.");

static const list summary_followup = LIST(
    "The {date2} report indicates that the {worker}'s {complaint} is "
    "unchanged.",
    "At the follow-up visit on {date2}, the {worker} reported no significant "
    "change in symptoms.",
    "A subsequent note dated {date2} documents similar complaints and "
    "findings.",
    "Treatment reports are provided from {date1} and {date2}.");

static const list summary_meds =
    LIST("Current medications include {med1} and {med2}.",
         "The {worker} is reported to be taking narcotic and non-narcotic "
         "analgesics for {his} pain.",
         "Medications consist of {med1}, {med2} and a topical cream.");

static const list summary_work =
    LIST("The {worker} is currently working modified duty.",
         "{He} is temporarily totally disabled.",
         "The {worker} has not returned to work since {year0}.",
         "Work status is permanent and stationary with restrictions.");

static const list summary_ur =
    LIST("Utilization review dated {urdate} non-certified the request.",
         "The utilization review determination being challenged is dated "
         "{urdate}.",
         "Utilization review from {urdate} denied the request.",
         "The utilization review dated {urdate} modified the request.");

static const list summary_request =
    LIST("The current request is for {reqlist}.",
         "The provider requested {reqlist}. However, a rationale was not "
         "provided for clinical review.",
         "The {treater} is requesting {reqlist}.",
         "The request for authorization for {reqlist} is provided for clinical "
         "review.");

/*---- Phrasing: the body regions ----------------------------------------*/

typedef struct region {
    const char *name;      /* "lumbar spine"; lateral ones get a side */
    const char *abbr;      /* "L/S"; NULL: the name, upper-cased */
    const char *complaint; /* "low back pain"; lateral ones get a side */
    const char *limb;      /* "lower extremities" */
    const char *limb1;     /* "lower extremity" */
    const char *odg;       /* ODG chapter */
    const char *acoem;     /* ACOEM imaging citation */
    const char *edx;       /* ACOEM electrodiagnostics citation */
    const char *spine_adj; /* "Lumbar"; NULL when not a spine region */
    list levels;           /* injection levels */
    list diagnoses;
    list exam;
    list imaging;
    int is_lateral;
    unsigned weight;
} region;

static const region regions[] = {
    {"lumbar spine", "L/S", "low back pain", "lower extremities",
     "lower extremity", "Low Back",
     "Chapter 12 Low Back Complaints Page(s): 303-305.",
     "Chapter 12 Low Back Complaints Page(s): 303.", "Lumbar",
     LIST("L4-L5", "L5-S1", "L4-5 and L5-S1", "L3-L4"),
     LIST("lumbar disc displacement without myelopathy", "lumbar radiculopathy",
          "lumbar spine herniated nucleus pulposus with radiculopathy",
          "lumbosacral sprain/strain",
          "degenerative disc disease of the lumbar spine",
          "chronic low back pain", "lumbar facet arthropathy"),
     LIST("There was tenderness to palpation over the lumbar paraspinal "
          "muscles with spasm.",
          "Straight leg raise was positive on the {side} at {deg} degrees.",
          "The provider noted the lumbar spine range of motion was flexion "
          "at {deg} degrees and extension at {deg2} degrees.",
          "Sensation was decreased in the {side} L5 and S1 dermatomes.",
          "{He} was unable to heel walk or toe walk without pain."),
     LIST("a broad-based disc protrusion at L4-5 with mild foraminal "
          "narrowing",
          "mild degenerative changes at L5-S1 without stenosis",
          "a 3 mm disc bulge at L5-S1 abutting the {side} S1 nerve root"),
     0, 40},
    {"cervical spine", "C/S", "neck pain", "upper extremities",
     "upper extremity", "Neck and Upper Back",
     "Chapter 8 Neck and Upper Back Complaints Page(s): 177-179.",
     "Chapter 8 Neck and Upper Back Complaints Page(s): 178.", "Cervical",
     LIST("C5-C6", "C6-C7", "C5-6 and C6-7"),
     LIST("cervicalgia",
          "cervical spine herniated nucleus pulposus with radiculopathy",
          "cervical sprain/strain", "cervical radiculitis",
          "degenerative disc disease of the cervical spine",
          "myofascial pain syndrome of the neck"),
     LIST("There was tenderness to palpation of the upper trapezius with "
          "paravertebral muscle spasms.",
          "Spurling's test was positive on the {side}.",
          "Cervical rotation was limited to {deg} degrees bilaterally.",
          "Sensation was diminished in the {side} C6 dermatome.",
          "The cervical distraction and maximal foraminal compression tests "
          "were positive."),
     LIST("a 2 mm disc protrusion at C5-6 without cord compression",
          "multilevel spondylosis with moderate foraminal narrowing at "
          "C6-7"),
     0, 20},
    {"thoracic spine", "T/S", "mid back pain", "lower extremities",
     "lower extremity", "Low Back",
     "Chapter 8 Neck and Upper Back Complaints Page(s): 177-179.",
     "Chapter 12 Low Back Complaints Page(s): 303.", "Thoracic",
     LIST("T10-T11", "T11-T12"),
     LIST("thoracic sprain/strain", "thoracic myofascial pain",
          "thoracic spine degenerative disc disease"),
     LIST("There was tenderness over the thoracic paraspinal muscles from T6 "
          "to T10.",
          "Thoracic rotation reproduced the pain.",
          "Trigger points were palpated along the {side} rhomboid."),
     LIST("mild thoracic spondylosis", "no acute abnormality"), 0, 4},
    {"shoulder", NULL, "shoulder pain", "upper extremities", "upper extremity",
     "Shoulder", "Chapter 9 Shoulder Complaints Page(s): 207-209.",
     "Chapter 8 Neck and Upper Back Complaints Page(s): 178.", NULL, NONE,
     LIST("shoulder impingement syndrome", "rotator cuff tendinitis",
          "shoulder sprain/strain", "adhesive capsulitis of the shoulder",
          "partial thickness rotator cuff tear"),
     LIST("Neer and Hawkins impingement signs were positive on the {side}.",
          "Shoulder abduction was limited to {deg} degrees.",
          "There was tenderness over the {side} acromioclavicular joint and "
          "bicipital groove.",
          "Supraspinatus strength was 4/5 on the {side}."),
     LIST("supraspinatus tendinosis without a full thickness tear",
          "a partial thickness tear of the supraspinatus tendon"),
     1, 12},
    {"knee", NULL, "knee pain", "lower extremities", "lower extremity",
     "Knee & Leg", "Chapter 13 Knee Complaints Page(s): 341-343.",
     "Chapter 12 Low Back Complaints Page(s): 303.", NULL, NONE,
     LIST("internal derangement of the knee", "knee sprain/strain",
          "medial meniscus tear", "chondromalacia patellae",
          "osteoarthritis of the knee"),
     LIST("There was medial joint line tenderness of the {side} knee.",
          "McMurray's test was positive on the {side}.",
          "Knee flexion was limited to {deg} degrees.",
          "There was mild effusion of the {side} knee."),
     LIST("a tear of the posterior horn of the medial meniscus",
          "tricompartmental degenerative changes"),
     1, 10},
    {"wrist", NULL, "wrist pain", "upper extremities", "upper extremity",
     "Forearm, Wrist, & Hand",
     "Chapter 11 Forearm, Wrist, and Hand Complaints Page(s): 268-269.",
     "Chapter 11 Forearm, Wrist, and Hand Complaints Page(s): 261.", NULL, NONE,
     LIST("carpal tunnel syndrome", "wrist sprain/strain",
          "de Quervain's tenosynovitis", "wrist tendinitis"),
     LIST("Tinel's and Phalen's signs were positive at the {side} wrist.",
          "Grip strength was decreased on the {side}.",
          "There was tenderness over the {side} first dorsal compartment."),
     LIST("a small ganglion cyst", "no fracture or ligament tear"), 1, 6},
    {"ankle", NULL, "ankle pain", "lower extremities", "lower extremity",
     "Ankle & Foot", "Chapter 14 Ankle and Foot Complaints Page(s): 372-374.",
     "Chapter 12 Low Back Complaints Page(s): 303.", NULL, NONE,
     LIST("ankle sprain/strain", "plantar fasciitis",
          "post-traumatic arthritis of the ankle"),
     LIST("There was tenderness over the {side} anterior talofibular "
          "ligament.",
          "Ankle dorsiflexion was limited to {deg2} degrees.",
          "Single-leg stance was unstable on the {side}."),
     LIST("a healed fracture of the lateral malleolus",
          "thickening of the plantar fascia"),
     1, 4},
};

/*---- Phrasing: the disputed items --------------------------------------*/

/* One kind of disputed service. Request templates that start with '^' need
 * a spine region. `mtus` and `odg` are citations as written after
 * "Decision based on " and "Decision based on Non-MTUS Citation ". */
typedef struct service {
    const char *noun;
    list requests;
    list mtus;
    list odg;
    list guide; /* what the guideline says */
    list deny;  /* case facts behind an Upheld */
    list allow; /* case facts behind an Overturned */
    unsigned weight;
    int needs_spine;
} service;

static const service services[] = {
    {"physical therapy for the {region}",
     LIST("{n} Sessions of physical therapy", "Physical Therapy X{n} visits",
          "PT {f}X{w} FOR THE {ABBR}", "{n} PHYSICAL THERAPY SESSIONS",
          "Physical therapy {f}x{w} for the {region}",
          "Additional physical therapy {f} times a week for {w} weeks for "
          "the {region}",
          "Physical therapy twice weekly for {w} weeks, {region}"),
     LIST("MTUS Chronic Pain Treatment Guidelines Physical Medicine Page(s): "
          "98-99.",
          "MTUS Chronic Pain Medical Treatment Guidelines Physical Medicine "
          "Page(s): 98-99.",
          "MTUS Chronic Pain Treatment Guidelines Physical Therapy Page(s): "
          "58-60."),
     LIST("Official Disability Guidelines (ODG) {odgch} Chapter, Physical "
          "Therapy.",
          "Official Disability Guidelines (ODG), {odgch}, Physical therapy "
          "guidelines."),
     LIST("The MTUS supports active therapy aimed at restoring flexibility, "
          "strength, endurance, function and range of motion, and at easing "
          "discomfort.",
          "Active therapy depends on the {worker}'s own effort and is "
          "preferred over passive modalities, which offer only short-term "
          "relief.",
          "Treatment frequency should taper from as many as 3 visits per week "
          "to 1 or fewer, along with an active self-directed home program.",
          "For myalgia and myositis, unspecified, the guidelines allow 9-10 "
          "visits over 8 weeks.",
          "For neuralgia, neuritis and radiculitis, 8-10 visits over 4 weeks "
          "are recommended.",
          "The guidelines call for a re-evaluation after a short trial, and "
          "further visits depend on documented functional improvement.",
          "Visits already completed for the same condition count toward the "
          "recommended total."),
     LIST("There is no documentation of the number of physical therapy "
          "visits already completed or of the response to them.",
          "The records do not show objective functional improvement, such as "
          "better strength, range of motion or work capacity, from prior "
          "therapy.",
          "The {worker} has been injured for several years and should by now "
          "be well versed in a home exercise program.",
          "Progressing a home exercise program is within the scope of the "
          "treating physician and does not require further therapist-guided "
          "visits.",
          "The {n} visits requested, added to those already completed, "
          "exceed the number the guidelines recommend.",
          "There is no evidence of a new injury, a flare-up or a new body "
          "part that would justify a new course."),
     LIST("The records document a new flare-up of {complaint} with "
          "measurable loss of range of motion.",
          "The {worker} has not had physical therapy for this condition, and "
          "a short course falls within the guideline range.",
          "Prior therapy produced documented gains in strength and function, "
          "and the number of visits requested stays within the recommended "
          "total.",
          "The treating physician set specific functional goals and a plan "
          "to transition to a home exercise program."),
     22, 0},
    {"acupuncture for the {region}",
     LIST("Acupuncture X{n} visits", "Acupuncture {f}x{w} for the {region}",
          "{n} acupuncture sessions",
          "Acupuncture {f} times a week for {w} weeks"),
     LIST("MTUS Acupuncture Treatment Guidelines.",
          "MTUS Acupuncture Medical Treatment Guidelines."),
     LIST("Official Disability Guidelines (ODG) {odgch} Chapter, "
          "Acupuncture."),
     LIST("Acupuncture is an option when pain medication is reduced or not "
          "tolerated, and it may be used alongside physical rehabilitation "
          "or surgery to hasten functional recovery.",
          "The guidelines allow 3-6 treatments to produce functional "
          "improvement, at a frequency of 1-3 times per week, with an "
          "optimum duration of 1-2 months.",
          "Treatment may be extended only when functional improvement is "
          "documented.",
          "An initial request for more than 6 sessions is not consistent "
          "with the guidelines."),
     LIST("The {worker} has tried acupuncture before, and the notes describe "
          "only minimal benefit, at best.",
          "There is no record that pain medication has been reduced or is "
          "not tolerated.",
          "The {n} sessions requested exceed the 3-6 treatments recommended "
          "for an initial trial.",
          "No pain scores or functional measures are recorded for the "
          "earlier acupuncture sessions."),
     LIST("This is the {worker}'s first trial of acupuncture, and the "
          "records note intolerance of oral medications.",
          "After the initial sessions the {worker} reported reduced "
          "medication use and better tolerance for work activities.",
          "The number of sessions requested falls within the recommended "
          "trial."),
     8, 0},
    {"chiropractic treatment for the {region}",
     LIST("Chiropractic {f}x{w} {region}",
          "Chiropractic treatment X{n} visits for the {region}",
          "Chiropractic manipulation {f} times a week for {w} weeks",
          "{n} chiropractic sessions"),
     LIST("MTUS Chronic Pain Treatment Guidelines Manual therapy & "
          "manipulation Page(s): 58-60."),
     LIST("Official Disability Guidelines (ODG) {odgch} Chapter, "
          "Manipulation."),
     LIST("Manual therapy and manipulation are recommended for chronic pain "
          "caused by musculoskeletal conditions.",
          "For the low back, a trial of 6 visits over 2 weeks is supported, "
          "and with objective functional improvement a total of up to 18 "
          "visits over 6-8 weeks.",
          "Elective or maintenance care is not medically necessary.",
          "For a recurrence or flare-up, the success of earlier treatment "
          "should be re-evaluated first."),
     LIST("The records do not state how many chiropractic visits have "
          "already been completed or what they achieved.",
          "The request appears to be for maintenance care, which the "
          "guidelines do not support.",
          "No objective functional improvement is documented after the "
          "earlier trial of manipulation."),
     LIST("The {worker} completed a 6-visit trial with documented gains in "
          "range of motion and a return to modified work.",
          "The requested visits stay within the total the guidelines allow "
          "after a successful trial."),
     8, 0},
    {"MRI of the {region}",
     LIST("MRI FOR THE {ABBR}", "^MRI FOR THE {ABBR} AND {ABBR2}",
          "MRI of the {region}", "MRI {region} without contrast",
          "Repeat MRI of the {region}"),
     LIST("MTUS ACOEM {acoem}"),
     LIST("Official Disability Guidelines (ODG) {odgch} Chapter, Magnetic "
          "resonance imaging (MRI).",
          "ODG {odgch}, MRIs (magnetic resonance imaging)."),
     LIST("Clear objective findings of specific nerve compromise on the "
          "neurologic examination justify imaging in patients who do not "
          "respond to treatment and would consider surgery.",
          "When the neurologic examination is less clear, physiologic "
          "evidence of nerve dysfunction should be obtained before an "
          "imaging study is ordered.",
          "Indiscriminate imaging produces false-positive findings, such as "
          "disc bulges, that neither explain the symptoms nor warrant "
          "surgery.",
          "Imaging should be reserved for cases in which surgery is being "
          "considered or red-flag diagnoses are being evaluated.",
          "Most patients need no special studies unless a period of "
          "conservative care and observation fails to improve symptoms."),
     LIST("The examination documents no focal neurologic deficit in the "
          "{region}.",
          "There is no documentation that conservative treatment has "
          "failed.",
          "There is no red flag and no stated intent to undergo surgery.",
          "The {worker} already had an MRI, and no significant change in "
          "symptoms or findings is described since then.",
          "The rationale for the request was not provided for clinical "
          "review."),
     LIST("The examination shows a progressive {side} motor deficit despite "
          "several months of conservative care.",
          "The treating surgeon documents that the study is needed to plan "
          "a possible operation.",
          "The findings are consistent with nerve root compromise, and the "
          "{worker} has failed physical therapy and medication."),
     12, 0},
    {"electrodiagnostic studies of the {limb}",
     LIST("EMG/NCV bilateral {limb}", "EMG of the bilateral {limb}",
          "NCV of the {side} {limb1}", "EMG/NCV {LIMB}"),
     LIST("MTUS ACOEM {edx}"),
     LIST("Official Disability Guidelines (ODG) {odgch} Chapter, "
          "Electromyography (EMG) and Nerve conduction studies (NCS)."),
     LIST("Electromyography, including H-reflex tests, may help identify "
          "subtle focal neurologic dysfunction when symptoms last more than "
          "3-4 weeks.",
          "Electrodiagnostic testing is not needed when radiculopathy is "
          "already clinically obvious.",
          "Nerve conduction studies are not recommended when symptoms are "
          "presumed to be radicular in origin."),
     LIST("The records describe radicular symptoms that are already evident "
          "on examination.",
          "There is no documentation of a peripheral neuropathy or "
          "entrapment that nerve conduction studies would clarify.",
          "The {worker} had electrodiagnostic studies previously, and no new "
          "neurologic findings are described."),
     LIST("The examination shows patchy sensory loss in the {side} {limb1} "
          "that does not follow a single dermatome.",
          "Symptoms have persisted for more than 4 weeks despite therapy, "
          "and the neurologic findings are equivocal."),
     8, 0},
    {"{first}",
     LIST("Norco 10/325mg #{qty}", "Hydrocodone/APAP 10/325mg #{qty}",
          "Tramadol ER 150mg #{qty}", "Oxycodone 10mg #{qty}",
          "Ultram 50mg #{qty}", "Percocet 5/325mg #{qty}"),
     LIST("MTUS Chronic Pain Treatment Guidelines Criteria for use of "
          "opioids Page(s): 76-80.",
          "MTUS Chronic Pain Medical Treatment Guidelines Opioids, On-going "
          "management Page(s): 78.",
          "MTUS Chronic Pain Treatment Guidelines Opioids Page(s): 74-96."),
     LIST("Official Disability Guidelines (ODG) Pain Chapter, Opioids."),
     LIST("Ongoing opioid management requires documentation of the four "
          "A's: analgesia, activities of daily living, adverse side effects "
          "and aberrant drug-taking behavior.",
          "Each visit should record current pain, the least pain since the "
          "last assessment, the pain after taking the opioid, and how long "
          "relief lasts.",
          "Opioids may be continued when the {worker} has returned to work "
          "or when pain and function have improved.",
          "The total daily dose should rarely exceed 120 mg of oral morphine "
          "equivalents.",
          "Opioids should be discontinued when there is no overall "
          "improvement in function."),
     LIST("The notes do not document pain scores before and after "
          "medication or any functional benefit attributable to {first}.",
          "There is no urine drug screen or pain agreement on file, and "
          "aberrant behavior is not addressed.",
          "The {worker} has used opioids for an extended period without a "
          "documented return to work or improvement in function.",
          "Weaning should be considered, and a partial certification may "
          "have been appropriate for that purpose."),
     LIST("The treating physician records pain falling from {pain}/10 to "
          "{pain2}/10 with medication and the ability to do household chores "
          "and walk longer distances.",
          "A recent urine drug screen was consistent with the prescribed "
          "medications, and a signed opioid agreement is on file.",
          "The {worker} continues to work full duty with the medication."),
     10, 0},
    {"{first}",
     LIST("Cyclobenzaprine 7.5mg #{qty} x 2 refills",
          "Cyclobenzaprine 7.5mg #{qty}", "Flexeril 10mg #{qty}",
          "Tizanidine 4mg #{qty}", "Carisoprodol 350mg #{qty}",
          "Orphenadrine ER 100mg #{qty}"),
     LIST("MTUS Chronic Pain Treatment Guidelines Muscle relaxants (for "
          "pain) Page(s): 63-66.",
          "MTUS Chronic Pain Medical Treatment Guidelines Antispasmodics "
          "Page(s): 64-66."),
     LIST("Official Disability Guidelines (ODG) Pain Chapter, Muscle "
          "relaxants (for pain)."),
     LIST("Non-sedating muscle relaxants are a second-line option, used with "
          "caution, for short-term treatment of acute exacerbations of "
          "chronic low back pain.",
          "In most cases muscle relaxants add no benefit beyond NSAIDs, "
          "their efficacy fades over time, and prolonged use can lead to "
          "dependence.",
          "The guidelines recommend a short course only, generally no longer "
          "than 2-3 weeks."),
     LIST("The {worker} has taken {first} for months, well beyond the short "
          "course the guidelines support.",
          "The quantity requested implies long-term use.",
          "There is no documented acute exacerbation or muscle spasm on "
          "examination."),
     LIST("The records describe a recent acute exacerbation with palpable "
          "spasm, and the request is for a short course."),
     7, 0},
    {"{first}",
     LIST("Naproxen sodium 550mg #{qty}", "Anaprox DS 550mg #{qty}",
          "Ibuprofen 800mg #{qty}", "Meloxicam 15mg #{qty}",
          "Nabumetone 750mg #{qty}"),
     LIST("MTUS Chronic Pain Treatment Guidelines NSAIDs (non-steroidal "
          "anti-inflammatory drugs) Page(s): 67-73.",
          "MTUS Chronic Pain Medical Treatment Guidelines NSAIDs, specific "
          "drug list & adverse effects Page(s): 70-73."),
     NONE,
     LIST("NSAIDs are recommended at the lowest dose for the shortest period "
          "in patients with moderate to severe pain.",
          "For chronic low back pain, NSAIDs are an option for short-term "
          "symptomatic relief.",
          "Long-term use calls for monitoring of blood pressure, renal "
          "function and liver function."),
     LIST("The records do not show that the NSAID has reduced pain or "
          "improved function.",
          "There is no documentation of laboratory monitoring during "
          "long-term use."),
     LIST("The {worker} reports meaningful relief and better walking "
          "tolerance with the NSAID and has no gastrointestinal "
          "complaints."),
     4, 0},
    {"{first}",
     LIST("Omeprazole 20mg #{qty}", "Prilosec 20mg #{qty}",
          "Pantoprazole 20mg #{qty}", "Protonix 20mg #{qty}"),
     LIST("MTUS Chronic Pain Treatment Guidelines NSAIDs, GI symptoms & "
          "cardiovascular risk Page(s): 68-69."),
     LIST("Official Disability Guidelines (ODG) Pain Chapter, Proton pump "
          "inhibitors (PPIs)."),
     LIST("A proton pump inhibitor is indicated with an NSAID when the "
          "patient is at intermediate or high risk of gastrointestinal "
          "events.",
          "Risk factors include age over 65, a history of peptic ulcer, "
          "bleeding or perforation, concurrent use of aspirin, "
          "corticosteroids or anticoagulants, and high-dose or multiple "
          "NSAIDs.",
          "Long-term use of a proton pump inhibitor has been linked to an "
          "increased risk of hip fracture."),
     LIST("The records do not describe any gastrointestinal risk factor or "
          "complaint.",
          "The {worker} is {age} years old and has no history of ulcer or "
          "bleeding."),
     LIST("The {worker} has a history of gastritis and reports dyspepsia "
          "while taking an NSAID."),
     5, 0},
    {"topical analgesic",
     LIST("Lidoderm 5% patch #{qty}", "Flurbiprofen 20% cream 120gm",
          "Terocin patches #{qty}",
          "Ketoprofen 10%/Lidocaine 5% compound cream 240gm",
          "Capsaicin 0.075% cream"),
     LIST("MTUS Chronic Pain Treatment Guidelines Topical Analgesics "
          "Page(s): 111-113.",
          "MTUS Chronic Pain Medical Treatment Guidelines Lidoderm "
          "(lidocaine patch) Page(s): 56-57."),
     NONE,
     LIST("Topical analgesics are largely experimental, with few randomized "
          "controlled trials to establish efficacy or safety.",
          "They are recommended mainly for neuropathic pain after trials of "
          "antidepressants and anticonvulsants have failed.",
          "Any compounded product that contains at least one drug or drug "
          "class that is not recommended is not recommended.",
          "Topical lidocaine is supported only in patch form, after a trial "
          "of first-line therapy."),
     LIST("There is no documentation that first-line oral agents for "
          "neuropathic pain were tried and failed.",
          "The {worker}'s pain is not described as neuropathic."),
     LIST("The {worker} has localized neuropathic pain after failed trials "
          "of gabapentin and amitriptyline, and the patch has reduced pain "
          "and medication use."),
     6, 0},
    {"urine drug screen",
     LIST("Urine drug screen", "Urine toxicology screening",
          "Random urine drug test x 1", "URINE DRUG SCREEN"),
     LIST("MTUS Chronic Pain Treatment Guidelines Drug testing Page(s): 43.",
          "MTUS Chronic Pain Treatment Guidelines Opioids, steps to avoid "
          "misuse/addiction Page(s): 94."),
     LIST("Official Disability Guidelines (ODG) Pain Chapter, Urine drug "
          "testing (UDT)."),
     LIST("Urine drug testing is recommended as an option to assess for the "
          "use or presence of illegal drugs and for adherence to prescribed "
          "opioids.",
          "Frequent random screens are among the steps to avoid misuse of "
          "opioids.",
          "For low-risk patients, testing within six months of starting "
          "therapy and yearly thereafter is usually sufficient."),
     LIST("The {worker} had a urine drug screen within the last three "
          "months that was consistent with the prescribed medications, and "
          "no aberrant behavior is described.",
          "The {worker} is not currently prescribed opioids."),
     LIST("The {worker} takes opioids daily, and no drug screen has been "
          "performed in the past year."),
     4, 0},
    {"TENS unit",
     LIST("TENS unit purchase", "TENS unit rental x 30 days",
          "TENS unit with supplies", "Home TENS unit for the {region}"),
     LIST("MTUS Chronic Pain Treatment Guidelines Transcutaneous "
          "electrotherapy Page(s): 114-116."),
     LIST("Official Disability Guidelines (ODG) Pain Chapter, TENS."),
     LIST("TENS is not recommended as a primary treatment modality.",
          "A one-month home-based trial may be considered as an adjunct to a "
          "program of evidence-based functional restoration.",
          "The trial should document how often the unit was used and its "
          "effect on pain and function."),
     LIST("There is no record of a one-month trial with documented use and "
          "outcomes.",
          "The request is for purchase without a prior trial period.",
          "No evidence-based functional restoration program is under way."),
     LIST("A one-month rental produced documented reductions in pain and "
          "medication use with daily use."),
     3, 0},
    {"epidural steroid injection",
     LIST("{Spine_adj} epidural steroid injection {level}",
          "Bilateral {level} transforaminal epidural steroid injection",
          "{SPINE_ADJ} ESI AT {LEVEL}",
          "{Side} {level} TFESI under fluoroscopy"),
     LIST("MTUS Chronic Pain Treatment Guidelines Epidural steroid "
          "injections (ESIs) Page(s): 46."),
     LIST("Official Disability Guidelines (ODG) {odgch} Chapter, Epidural "
          "steroid injections (ESIs), therapeutic."),
     LIST("Epidural steroid injections are an option for radicular pain in "
          "a dermatomal distribution with corroborative findings of "
          "radiculopathy.",
          "Radiculopathy must be documented by physical examination and "
          "corroborated by imaging or electrodiagnostic studies.",
          "The {worker} should first have failed conservative treatment such "
          "as exercise, physical methods, NSAIDs and muscle relaxants.",
          "Repeat blocks require at least 50% pain relief with reduced "
          "medication use for six to eight weeks."),
     LIST("The examination does not show dermatomal sensory loss, reflex "
          "change or motor weakness.",
          "No imaging or electrodiagnostic study corroborating radiculopathy "
          "is in the records.",
          "After the last injection there is no documentation of 50% relief "
          "lasting six to eight weeks."),
     LIST("The {worker} has radicular pain with decreased sensation on the "
          "{side}, and the MRI shows nerve root impingement at {level}."),
     4, 1},
    {"work hardening program",
     LIST("Work hardening physical therapy {f} times a week for {w} weeks",
          "Work conditioning {f}x{w}", "Work hardening program x {n} sessions"),
     LIST("MTUS Chronic Pain Treatment Guidelines Work conditioning, work "
          "hardening Page(s): 125-126."),
     LIST("Official Disability Guidelines (ODG)- Physical Medicine "
          "guidelines- work conditioning"),
     LIST("Work hardening is recommended as an option when specific "
          "admission criteria are met.",
          "The criteria include a work-related musculoskeletal condition "
          "with functional limitations, a trial of physical therapy with "
          "improvement followed by a plateau, and not being a candidate for "
          "surgery.",
          "A defined return-to-work goal agreed to by the employer and the "
          "employee is required, along with a screening process that "
          "includes file review, interview and testing.",
          "The program should start no more than 2 years after the date of "
          "injury and be completed in 4 weeks or less."),
     LIST("There is no discussion of job demands that exceed the {worker}'s "
          "abilities.",
          "No functional capacity evaluation or screening process is "
          "documented.",
          "The {worker} was injured more than 2 years ago.",
          "The treater requested {f} times a week for {w} weeks, which does "
          "not meet the guideline requirements."),
     LIST("A screening evaluation, a functional capacity evaluation and an "
          "employer-confirmed job offer are all documented."),
     2, 0},
    {"aquatic therapy",
     LIST("Aquatic therapy {f}x{w}", "Aqua therapy X{n} sessions",
          "Pool therapy {f} times a week for {w} weeks"),
     LIST("MTUS Chronic Pain Treatment Guidelines Aquatic therapy Page(s): "
          "22."),
     NONE,
     LIST("Aquatic therapy is an optional form of exercise therapy and an "
          "alternative to land-based physical therapy.",
          "It is specifically recommended where reduced weight bearing is "
          "desirable, as in extreme obesity.",
          "The number of visits follows the physical medicine guidelines."),
     LIST("There is no documentation that the {worker} cannot tolerate "
          "land-based therapy or needs reduced weight bearing.",
          "The records do not describe obesity or another condition that "
          "would favor aquatic exercise."),
     LIST("The {worker}'s body mass index is above 40, and land-based "
          "therapy was stopped because of pain with weight bearing."),
     2, 0},
    {"massage therapy",
     LIST("Massage therapy x{n}", "Massage therapy {f}x{w} for the {region}"),
     LIST("MTUS Chronic Pain Treatment Guidelines Massage therapy Page(s): "
          "60."),
     NONE,
     LIST("Massage therapy should be an adjunct to other recommended "
          "treatment, such as exercise, and should be limited to 4-6 visits "
          "in most cases.",
          "Because massage is a passive intervention, its benefits are "
          "short-lived."),
     LIST("The {n} visits requested exceed the 4-6 visits recommended.",
          "The massage is not requested as an adjunct to an active exercise "
          "program."),
     LIST("The massage is requested as an adjunct to an active exercise "
          "program, and the number of visits is within the guideline "
          "limit."),
     2, 0},
    {"consultation",
     LIST("Pain management consultation",
          "Orthopedic surgeon consultation for the {region}",
          "Spine surgery consultation", "Referral to pain management"),
     NONE,
     LIST("ACOEM Practice Guidelines, 2nd Edition (2004), Chapter 7, "
          "Independent Medical Examinations and Consultations, page 127."),
     LIST("A referral to a specialist is reasonable when the diagnosis is "
          "uncertain or extremely complex, when psychosocial factors are "
          "present, or when the course of care may benefit from additional "
          "expertise.",
          "A consultation can help establish the diagnosis, the prognosis "
          "and the therapeutic management."),
     LIST("The records do not explain what question the consultation would "
          "answer or how it would change treatment.",
          "The {worker} is not a surgical candidate, and no surgical lesion "
          "is described."),
     LIST("The {worker} remains symptomatic despite several months of "
          "conservative care, and the diagnosis is uncertain."),
     4, 0},
    {"x-rays of the {region}",
     LIST("X-rays of the {region}", "X-RAY {ABBR} 3 VIEWS",
          "Radiographs of the {region}, flexion and extension views"),
     LIST("MTUS ACOEM {acoem}"),
     LIST("Official Disability Guidelines (ODG) {odgch} Chapter, "
          "Radiography (x-rays)."),
     LIST("Plain radiographs are not recommended in the absence of red flags "
          "for serious pathology, even if pain has persisted for at least 6 "
          "weeks.",
          "Radiographs may be appropriate when a red flag such as trauma, "
          "infection, tumor or a progressive neurologic deficit is "
          "suspected."),
     LIST("No red flag is documented.",
          "Radiographs of the {region} were obtained after the injury, and "
          "nothing in the records suggests a new process."),
     LIST("The {worker} fell recently and has new focal tenderness over the "
          "{region}, raising concern for a fracture."),
     3, 0},
};

#define SERVICE_COUNT (sizeof(services) / sizeof(services[0]))
#define REGION_COUNT (sizeof(regions) / sizeof(regions[0]))
#define INTRO_COUNT (sizeof(intros) / sizeof(intros[0]))

static const list rationale_openers_upheld =
    LIST("The request for {noun} is non-certified.",
         "The {worker} presents with {complaint}. The request is for {REQ}.",
         "The {worker} is a {age}-year-old {sex} with {dx1}.");

static const list rationale_openers_overturned =
    LIST("The request for {noun} is certified.",
         "The {worker} presents with {complaint}. The request is for {REQ}.",
         "The {worker} is a {age}-year-old {sex} with {dx1}.");

static const list conclusions_upheld = LIST(
    "Therefore, the request is not medically necessary.",
    "As such, the request for {req} is not medically necessary.",
    "The request for {noun} is determined to not be medically necessary.",
    "Medical necessity for the requested {noun} has not been established.",
    "The requested {noun} IS NOT medically necessary.",
    "Consequently, the request is not medically necessary or appropriate.");

static const list conclusions_overturned =
    LIST("Therefore, the request is medically necessary.",
         "As such, the request for {req} is medically necessary.",
         "The request for {noun} is determined to be medically necessary.",
         "Medical necessity for the requested {noun} has been established.",
         "The requested {noun} IS medically necessary.");

static const list generic_deny =
    LIST("There is no documentation of objective functional improvement from "
         "prior treatment.",
         "The records provided do not address the reason for this request.",
         "A rationale for the request was not provided for clinical review.");

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* Shared with the other generator; needs PROGRAM, PARA_CAP and list. */
#include "gen_common.h"

static void format_date(char *out, size_t size, date d, date_style style)
{
    switch(style) {
    case DATE_MDY:
        snprintf(out, size, "%d/%d/%d", d.month, d.day, d.year);
        break;
    case DATE_MDY_PAD:
        snprintf(out, size, "%02d/%02d/%04d", d.month, d.day, d.year);
        break;
    case DATE_MDY_SHORT:
        snprintf(out, size, "%02d/%02d/%02d", d.month, d.day, d.year % 100);
        break;
    case DATE_LONG:
    case DATE_STYLE_COUNT:
        snprintf(out, size, "%s %d, %d", month_names[d.month - 1], d.day,
                 d.year);
        break;
    }
}

/*---- Template context --------------------------------------------------*/

/* Every key a template may name. */
/* clang-format off */
#define KEYS(X)                                                              \
    X(he) X(his) X(him) X(worker) X(sex) X(age) X(doi) X(region) X(abbr)    \
    X(abbr2) X(complaint) X(limb) X(limb1) X(side) X(dx1) X(dx2) X(dx3)     \
    X(mech) X(tx) X(date0) X(date1) X(date2) X(urdate) X(year0) X(year1)   \
    X(pain) X(pain2) X(deg) X(deg2) X(med1) X(med2) X(reqlist) X(imaging)  \
    X(treater) X(level) X(spine_adj) X(odgch) X(acoem) X(edx) X(req)       \
    X(noun) X(n) X(f) X(w) X(qty) X(first) X(cert) X(state)

typedef enum key {
#define KEY_ENUM(name) KEY_##name,
    KEYS(KEY_ENUM)
#undef KEY_ENUM
    KEY_COUNT
} key;
/* clang-format on */

static const char *const key_names[KEY_COUNT] = {
#define KEY_NAME(name) #name,
    KEYS(KEY_NAME)
#undef KEY_NAME
};

typedef struct item {
    const service *svc;
    const region *where;
    char side[8];
    int is_upheld;
    unsigned n, f, w, qty;
    char request[160];
} item;

/* Everything one letter is made of. Values point into `store` or at
 * static strings. */
typedef struct letter {
    rng r;
    const char *val[KEY_COUNT];
    char store[STORE_CAP];
    size_t used;
    size_t letter_mark; /* `used` before the item keys */
    const region *where;
    int sentence_style; /* 0 one space, 1 two spaces, 2 mixed */
    int is_prose;       /* writing the reviewer's own sentences */
    unsigned typo_rate; /* per 1000 words of prose */
    date_style dates;
    item items[MAX_ITEMS];
    size_t item_count;
    /* output */
    char *out;
    size_t out_len;
    unsigned page_line;
    unsigned page_len;
} letter;

static void set_key(letter *l, key k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_key(letter *l, key k, const char *fmt, ...)
{
    va_list ap;
    int n;
    size_t room = STORE_CAP - l->used;

    va_start(ap, fmt);
    n = vsnprintf(l->store + l->used, room, fmt, ap);
    va_end(ap);
    if(n < 0 || (size_t)n >= room)
        bug("template store full at key", key_names[k]);
    l->val[k] = l->store + l->used;
    l->used += (size_t)n + 1;
}

static void set_static(letter *l, key k, const char *value)
{
    l->val[k] = value;
}

static const char *lookup(const letter *l, const char *name, size_t len)
{
    size_t i;
    for(i = 0; i < KEY_COUNT; i++) {
        const char *k = key_names[i];
        if(k[0] == name[0] && strncmp(k, name, len) == 0 && k[len] == '\0')
            return l->val[i];
    }
    return NULL;
}

typedef enum key_case { CASE_AS_IS, CASE_CAPITAL, CASE_UPPER } key_case;

/* "{he}" as is, "{He}" capitalized, "{HE}" upper-cased. */
static key_case key_case_of(const char *name, size_t len)
{
    size_t i;
    if(name[0] < 'A' || name[0] > 'Z')
        return CASE_AS_IS;
    for(i = 1; i < len; i++) {
        if(name[i] >= 'a' && name[i] <= 'z')
            return CASE_CAPITAL;
    }
    return len > 1 ? CASE_UPPER : CASE_CAPITAL;
}

static char to_upper(char c)
{
    return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

static char to_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static void put_key(text *t, const letter *l, const char *name, size_t len)
{
    char lower[32];
    const char *value;
    key_case kc = key_case_of(name, len);
    size_t i, start = t->len;

    if(len == 0 || len >= sizeof(lower))
        bug("bad template key in", name);
    for(i = 0; i < len; i++)
        lower[i] = to_lower(name[i]);
    lower[len] = '\0';
    value = lookup(l, lower, len);
    if(!value)
        bug("template key not set:", lower);
    text_puts(t, value);
    if(kc == CASE_CAPITAL && t->len > start)
        t->data[start] = to_upper(t->data[start]);
    for(i = start; kc == CASE_UPPER && i < t->len; i++)
        t->data[i] = to_upper(t->data[i]);
}

static void expand(text *t, const letter *l, const char *tpl)
{
    while(*tpl) {
        const char *open = strchr(tpl, '{');
        const char *close;

        if(!open) {
            text_puts(t, tpl);
            return;
        }
        text_putn(t, tpl, (size_t)(open - tpl));
        close = strchr(open, '}');
        if(!close)
            bug("unclosed key in template", tpl);
        put_key(t, l, open + 1, (size_t)(close - open - 1));
        tpl = close + 1;
    }
}

/* The space between two sentences: one or two, by the letter's habit, and
 * in the reviewer's own prose now and then none ("8 weeks.The"). */
static const char *sentence_gap(letter *l, const text *t)
{
    unsigned roll = rng_below(&l->r, 100);

    if(l->is_prose && roll < 2 && t->data[t->len - 1] == '.')
        return "";
    if(l->sentence_style == 1 || (l->sentence_style == 2 && roll < 40))
        return "  ";
    return " ";
}

/* Appends one sentence, after the gap. */
static void add_sentence(text *t, letter *l, const char *tpl)
{
    if(t->len > 0)
        text_puts(t, sentence_gap(l, t));
    expand(t, l, tpl);
}

static void add_one_of(text *t, letter *l, list tpls)
{
    add_sentence(t, l, pick(&l->r, tpls));
}

static void add_some_of(text *t, letter *l, list tpls, size_t want)
{
    const char *chosen[32];
    size_t i, n = pick_distinct(&l->r, tpls, want, chosen);
    for(i = 0; i < n; i++)
        add_sentence(t, l, chosen[i]);
}

/*---- Output: lines, pages and wrapping ---------------------------------*/

static void out_raw(letter *l, const char *s, size_t n)
{
    if(n > LETTER_CAP - l->out_len)
        bug("letter too long at", s);
    memcpy(l->out + l->out_len, s, n);
    l->out_len += n;
}

/* One line of text and the blank line pdftotext puts after it; a page
 * break adds two more blank lines. */
static void out_line(letter *l, const char *s, size_t n)
{
    out_raw(l, s, n);
    out_raw(l, "\n\n", 2);
    l->page_line++;
    if(l->page_line >= l->page_len) {
        out_raw(l, "\n\n", 2);
        l->page_line = 0;
        l->page_len = 44 + rng_below(&l->r, 4);
    }
}

static void out_str(letter *l, const char *s)
{
    out_line(l, s, strlen(s));
}

/* Swaps two inner letters of a lower-case word: "therpay". */
static void maybe_typo(letter *l, char *word, size_t len)
{
    size_t i;
    unsigned at;
    char c;

    if(len < 6 || rng_below(&l->r, 1000) >= l->typo_rate)
        return;
    for(i = 0; i < len; i++) {
        if(word[i] < 'a' || word[i] > 'z')
            return;
    }
    at = 1 + rng_below(&l->r, (unsigned)(len - 3));
    c = word[at];
    word[at] = word[at + 1];
    word[at + 1] = c;
}

typedef struct wrapper {
    char line[LINE_CAP];
    size_t len;
    size_t width;
} wrapper;

static void wrap_put(wrapper *w, const char *s, size_t n)
{
    if(n >= LINE_CAP - w->len)
        n = LINE_CAP - 1 - w->len; /* only a word longer than a line */
    memcpy(w->line + w->len, s, n);
    w->len += n;
}

static void wrap_flush(letter *l, wrapper *w)
{
    out_line(l, w->line, w->len);
    w->len = 0;
    w->width = 92 + rng_below(&l->r, 7);
}

/* Breaks a hyphenated word that does not fit at its last hyphen that does,
 * as a word processor would: "self-" ends this line, "directed" starts the
 * next. Returns the bytes of the word left for the next line. */
static size_t wrap_hyphen(letter *l, wrapper *w, const char *word, size_t len)
{
    size_t i;
    for(i = len - 1; i > 0; i--) {
        if(word[i - 1] == '-' && w->len + i <= w->width)
            break;
    }
    if(i == 0 || !rng_chance(&l->r, 70))
        return len;
    wrap_put(w, word, i);
    if(rng_chance(&l->r, 50))
        wrap_put(w, " ", 1); /* "non- " as in some letters */
    wrap_flush(l, w);
    return len - i;
}

/* Puts one word (or what is left of it) on the line, with a typo now and
 * then in the reviewer's prose. */
static void wrap_word(letter *l, wrapper *w, const char *word, size_t len)
{
    size_t start = w->len;

    wrap_put(w, word, len);
    if(l->is_prose)
        maybe_typo(l, w->line + start, w->len - start);
}

/* Writes a paragraph wrapped at about 95 columns. Each line keeps the
 * space(s) that followed its last word; the last line ends with `tail`. */
static void out_para(letter *l, const char *s, size_t len, const char *tail)
{
    wrapper w;
    size_t i = 0;

    w.len = 0;
    w.width = 92 + rng_below(&l->r, 7);
    while(i < len) {
        size_t end = i, next, wlen, rest;
        while(end < len && s[end] != ' ')
            end++;
        next = end;
        while(next < len && s[next] == ' ')
            next++;
        wlen = end - i;
        rest = wlen;
        if(w.len > 0 && w.len + wlen > w.width) {
            if(l->is_prose)
                rest = wrap_hyphen(l, &w, s + i, wlen);
            if(rest == wlen)
                wrap_flush(l, &w);
        }
        wrap_word(l, &w, s + end - rest, rest);
        if(next >= len)
            wrap_put(&w, tail, strlen(tail));
        else
            wrap_put(&w, s + end, next - end);
        i = next;
    }
    if(w.len > 0)
        out_line(l, w.line, w.len);
}

static void out_text(letter *l, const text *t, const char *tail)
{
    out_para(l, t->data, t->len, tail);
}

static void out_blank(letter *l)
{
    if(rng_chance(&l->r, 8))
        out_line(l, "", 0);
    else
        out_line(l, " ", 1);
}

/*---- The case ----------------------------------------------------------*/

static const region *pick_region(rng *r)
{
    unsigned total = 0, roll;
    size_t i;

    for(i = 0; i < REGION_COUNT; i++)
        total += regions[i].weight;
    roll = rng_below(r, total);
    for(i = 0; roll >= regions[i].weight; i++)
        roll -= regions[i].weight;
    return &regions[i];
}

static const service *pick_service(rng *r)
{
    unsigned total = 0, roll;
    size_t i;

    for(i = 0; i < SERVICE_COUNT; i++)
        total += services[i].weight;
    roll = rng_below(r, total);
    for(i = 0; roll >= services[i].weight; i++)
        roll -= services[i].weight;
    return &services[i];
}

static void setup_claimant(letter *l)
{
    int is_female = rng_chance(&l->r, 55);
    unsigned roll = rng_below(&l->r, 100);

    set_static(l, KEY_sex, is_female ? "female" : "male");
    set_static(l, KEY_he, is_female ? "she" : "he");
    set_static(l, KEY_his, is_female ? "her" : "his");
    set_static(l, KEY_him, is_female ? "her" : "him");
    set_static(l, KEY_worker,
               roll < 50   ? "patient"
               : roll < 92 ? "injured worker"
                           : "employee");
    set_static(l, KEY_treater,
               pick(&l->r, LIST("treating physician", "treater", "provider")));
    set_static(l, KEY_mech, pick(&l->r, mechanisms));
}

/* Joins 3-5 distinct treatments: "a, b, c, and d". */
static void setup_treatments(letter *l)
{
    const char *chosen[8];
    char buf[512];
    size_t i, n, used = 0;

    n = pick_distinct(&l->r, treatments, (size_t)rng_range(&l->r, 3, 5),
                      chosen);
    buf[0] = '\0';
    for(i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == n ? ", and " : ", ");
        int w =
            snprintf(buf + used, sizeof(buf) - used, "%s%s", sep, chosen[i]);
        if(w < 0 || (size_t)w >= sizeof(buf) - used)
            bug("treatment list too long", buf);
        used += (size_t)w;
    }
    set_key(l, KEY_tx, "%s", buf);
}

static void set_date(letter *l, key k, date d, date_style style)
{
    char buf[40];
    format_date(buf, sizeof(buf), d, style);
    set_key(l, k, "%s", buf);
}

/* The injury, the visits and the UR decision, in order, and an age that
 * fits them. */
static void setup_dates(letter *l, const intro *in)
{
    date earliest = {2013, 6, 1}, latest = {2015, 10, 31};
    date doi, d0, d1, d2, ur;
    long lo, hi;
    int age, years;

    doi.year = rng_chance(&l->r, 65) ? rng_range(&l->r, 2008, 2014)
                                     : rng_range(&l->r, 1995, 2007);
    doi.month = rng_range(&l->r, 1, 12);
    doi.day = rng_range(&l->r, 1, 28);
    lo = days_from_civil(doi) + 60;
    if(lo < days_from_civil(earliest))
        lo = days_from_civil(earliest);
    hi = days_from_civil(latest);
    if(lo > hi)
        lo = hi - 30;
    d1 = civil_from_days(lo + (long)rng_below(&l->r, (unsigned)(hi - lo)));
    d2 = civil_from_days(days_from_civil(d1) + rng_range(&l->r, 20, 90));
    ur = civil_from_days(days_from_civil(d2) + rng_range(&l->r, 5, 20));
    d0 = civil_from_days(days_from_civil(d1) - rng_range(&l->r, 30, 300));
    if(days_from_civil(d0) <= days_from_civil(doi))
        d0 = civil_from_days(days_from_civil(doi) + 14);

    years = d1.year - doi.year;
    age = rng_range(&l->r, 24, 66);
    if(age - years < 18)
        age = years + 18 + rng_range(&l->r, 0, 20);
    set_key(l, KEY_age, "%d", age);
    set_date(l, KEY_doi, doi, in->doi_style);
    set_date(l, KEY_date0, d0, l->dates);
    set_date(l, KEY_date1, d1, l->dates);
    set_date(l, KEY_date2, d2, l->dates);
    set_date(l, KEY_urdate, ur, rng_chance(&l->r, 50) ? l->dates : DATE_LONG);
    set_key(l, KEY_year0, "%d", d0.year);
    set_key(l, KEY_year1, "%d", d1.year);
}

static void setup_findings(letter *l)
{
    const char *dx[3];
    int pain = rng_range(&l->r, 6, 9);
    const char *const *sides = LIST("left", "right");

    pick_distinct(&l->r, l->where->diagnoses, 3, dx);
    set_static(l, KEY_dx1, dx[0]);
    set_static(l, KEY_dx2, dx[1]);
    set_static(l, KEY_dx3,
               list_count(l->where->diagnoses) > 2 ? dx[2] : "insomnia");
    set_static(l, KEY_side, pick(&l->r, sides));
    set_key(l, KEY_pain, "%d", pain);
    set_key(l, KEY_pain2, "%d", pain - rng_range(&l->r, 2, 4));
    set_key(l, KEY_deg, "%d", 10 * rng_range(&l->r, 3, 9));
    set_key(l, KEY_deg2, "%d", 5 * rng_range(&l->r, 2, 6));
    set_static(l, KEY_med1, pick(&l->r, medications));
    do
        set_static(l, KEY_med2, pick(&l->r, medications));
    while(l->val[KEY_med2] == l->val[KEY_med1]);
}

/* Keys that depend on the region: the letter's, or an item's. */
static void set_region_keys(letter *l, const region *g, const char *side)
{
    if(g->is_lateral) {
        set_key(l, KEY_region, "%s %s", side, g->name);
        set_key(l, KEY_complaint, "%s %s", side, g->complaint);
        set_key(l, KEY_abbr, "%s %s", side, g->name);
    } else {
        set_static(l, KEY_region, g->name);
        set_static(l, KEY_complaint, g->complaint);
        set_static(l, KEY_abbr, g->abbr);
    }
    set_static(l, KEY_abbr2, g == &regions[1] ? "L/S" : "C/S");
    set_static(l, KEY_limb, g->limb);
    set_static(l, KEY_limb1, g->limb1);
    set_static(l, KEY_odgch, g->odg);
    set_static(l, KEY_acoem, g->acoem);
    set_static(l, KEY_edx, g->edx);
    set_static(l, KEY_spine_adj, g->spine_adj ? g->spine_adj : "Lumbar");
    set_static(l, KEY_imaging, pick(&l->r, g->imaging));
    set_static(l, KEY_level,
               g->spine_adj && g->levels[0] ? pick(&l->r, g->levels) : "L4-L5");
}

/*---- The items ---------------------------------------------------------*/

static const region *item_region(letter *l, const service *svc)
{
    if(svc->needs_spine && !l->where->spine_adj)
        return rng_chance(&l->r, 70) ? &regions[0] : &regions[1];
    if(rng_chance(&l->r, 12))
        return pick_region(&l->r);
    return l->where;
}

/* The service as the sentences name it: "MRI of the lumbar spine". */
static void set_noun(letter *l, const service *svc)
{
    text t;

    text_reset(&t);
    expand(&t, l, svc->noun);
    set_key(l, KEY_noun, "%s", t.data);
}

static void set_item_keys(letter *l, const item *it)
{
    l->used = l->letter_mark;
    set_region_keys(l, it->where, it->side);
    set_key(l, KEY_n, "%u", it->n);
    set_key(l, KEY_f, "%u", it->f);
    set_key(l, KEY_w, "%u", it->w);
    set_key(l, KEY_qty, "%u", it->qty);
    if(it->request[0]) {
        size_t first = strcspn(it->request, " ");
        set_key(l, KEY_req, "%s", it->request);
        set_key(l, KEY_first, "%.*s", (int)first, it->request);
        set_noun(l, it->svc);
    } else {
        set_static(l, KEY_req, NULL); /* not written yet */
        set_static(l, KEY_first, NULL);
        set_static(l, KEY_noun, NULL);
    }
}

/* Chooses a request template the region allows and writes it out. */
static void write_request(letter *l, item *it)
{
    text t;
    const char *tpl = pick(&l->r, it->svc->requests);

    if(tpl[0] == '^' && it->where->spine_adj)
        tpl++;
    else if(tpl[0] == '^')
        tpl = it->svc->requests[0]; /* the first never needs a spine */

    text_reset(&t);
    expand(&t, l, tpl);
    if(t.len >= sizeof(it->request))
        bug("request too long", t.data);
    memcpy(it->request, t.data, t.len + 1);
}

static int service_taken(const letter *l, const service *svc)
{
    size_t i;
    for(i = 0; i < l->item_count; i++) {
        if(l->items[i].svc == svc)
            return 1;
    }
    return 0;
}

static size_t pick_item_count(rng *r)
{
    static const unsigned weights[MAX_ITEMS] = {38, 30, 17, 9, 6};
    unsigned roll = rng_below(r, 100);
    size_t n = 0;

    while(roll >= weights[n]) {
        roll -= weights[n];
        n++;
    }
    return n + 1;
}

static void choose_items(letter *l)
{
    static const unsigned fw[][2] = {{2, 3}, {2, 4}, {2, 6}, {3, 4},
                                     {1, 6}, {3, 2}, {2, 2}, {3, 6}};
    size_t want = pick_item_count(&l->r);
    const char *const *sides = LIST("left", "right");

    l->item_count = 0;
    while(l->item_count < want) {
        item *it = &l->items[l->item_count];
        const service *svc = pick_service(&l->r);
        unsigned k = rng_below(&l->r, sizeof(fw) / sizeof(fw[0]));

        if(service_taken(l, svc))
            continue;
        it->svc = svc;
        it->where = item_region(l, svc);
        snprintf(it->side, sizeof(it->side), "%s",
                 it->where == l->where ? l->val[KEY_side] : pick(&l->r, sides));
        it->is_upheld = rng_chance(&l->r, 82);
        it->f = fw[k][0];
        it->w = fw[k][1];
        it->n =
            rng_chance(&l->r, 60) ? it->f * it->w : 6 + 2 * rng_below(&l->r, 7);
        it->qty = 30 * (1 + rng_below(&l->r, 4));
        it->request[0] = '\0';
        l->item_count++;
        set_item_keys(l, it);
        write_request(l, it);
    }
}

/* "physical therapy for the lumbar spine and MRI of the lumbar spine". */
static void set_request_list(letter *l)
{
    text t;
    size_t i;

    text_reset(&t);
    for(i = 0; i < l->item_count; i++) {
        if(i > 0)
            text_puts(&t, i + 1 == l->item_count ? " and " : ", ");
        set_item_keys(l, &l->items[i]);
        text_puts(&t, l->val[KEY_noun]);
    }
    l->used = l->letter_mark;
    set_key(l, KEY_reqlist, "%s", t.data);
    l->letter_mark = l->used;
}

/*---- The letter --------------------------------------------------------*/

static void write_reviewer(letter *l, text *t, int is_block)
{
    int in_california = rng_chance(&l->r, 62);
    const char *state = in_california ? "California" : pick(&l->r, states);

    add_sentence(t, l,
                 "MAXIMUS Federal Services sent the complete case file "
                 "to an expert reviewer.");
    add_sentence(t, l,
                 "He/she has no affiliation with the employer, "
                 "employee, providers or the claims administrator.");
    if(!is_block) {
        const char *cert = pick(&l->r, board_certifications);
        set_static(l, KEY_cert, cert);
        set_static(l, KEY_state, state);
        add_sentence(t, l,
                     strchr(cert, ',') || rng_chance(&l->r, 15)
                         ? "The expert reviewer is Board Certified in "
                           "{cert}, and is licensed to practice in "
                           "{state}."
                         : "The expert reviewer is Board Certified in "
                           "{cert} and is licensed to practice in "
                           "{state}.");
    }
    add_sentence(t, l,
                 "He/she has been in active clinical practice for more "
                 "than five years and is currently working at least "
                 "24 hours a week in active practice.");
    add_sentence(t, l,
                 rng_chance(&l->r, 80)
                     ? "The expert reviewer was selected based on "
                       "his/her clinical experience, education, "
                       "background, and expertise in the same or "
                       "similar specialties that evaluate and/or treat "
                       "the medical condition and disputed "
                       "items/services."
                     : "The expert reviewer was selected based on "
                       "his/her clinical experience, education, "
                       "background, and expertise in the same or "
                       "similar specialties that evaluate and/or treat "
                       "the medical condition and disputed "
                       "items/Service.");
    add_sentence(t, l,
                 "He/she is familiar with governing laws and "
                 "regulations, including the strength of evidence "
                 "hierarchy that applies to Independent Medical Review "
                 "determinations.");
    out_text(l, t, " ");
    out_str(l, " ");
    if(is_block) {
        char line[160];
        out_str(l, "The Expert Reviewer has the following credentials: ");
        snprintf(line, sizeof(line), "State(s) of Licensure: %s ", state);
        out_str(l, line);
        snprintf(line, sizeof(line), "Certification(s)/Specialty: %s ",
                 pick(&l->r, specialties));
        out_str(l, line);
        out_str(l, " ");
    }
}

static void write_header(letter *l)
{
    text t;

    text_reset(&t);
    out_str(l, " HOW THE IMR FINAL DETERMINATION WAS MADE ");
    write_reviewer(l, &t, rng_chance(&l->r, 35));
}

/* The case summary: the claimant first, then history, the latest visit,
 * the examination and the request. Letters with many items keep it short,
 * as real ones tend to. */
static void add_summary_sentences(letter *l, text *t, const intro *in)
{
    int is_short = l->item_count >= 4;
    int is_long = l->item_count == 1;

    add_sentence(t, l, in->text);
    if(rng_chance(&l->r, 45))
        add_one_of(t, l, summary_mechanism);
    if(rng_chance(&l->r, 70))
        add_one_of(t, l, summary_diagnoses);
    if(rng_chance(&l->r, is_long ? 90 : 65))
        add_one_of(t, l, summary_treatment);
    if(rng_chance(&l->r, 45))
        add_one_of(t, l, summary_benefit);
    if(rng_chance(&l->r, 40))
        add_one_of(t, l, summary_imaging);
    add_one_of(t, l, summary_visit);
    add_some_of(t, l, summary_pain, (size_t)rng_range(&l->r, is_long, 2));
    add_some_of(t, l, l->where->exam, (size_t)rng_range(&l->r, 1 + is_long, 3));
    if(!is_short)
        add_some_of(t, l, summary_exam, (size_t)rng_range(&l->r, is_long, 2));
    if(rng_chance(&l->r, is_short ? 20 : 45))
        add_one_of(t, l, summary_followup);
    if(rng_chance(&l->r, 50))
        add_one_of(t, l, summary_meds);
    if(rng_chance(&l->r, 35))
        add_one_of(t, l, summary_work);
    if(rng_chance(&l->r, 50))
        add_one_of(t, l, summary_ur);
    if(rng_chance(&l->r, 65))
        add_one_of(t, l, summary_request);
}

static void write_summary(letter *l, const intro *in)
{
    text t;

    out_str(l, "CLINICAL CASE SUMMARY ");
    out_str(l, "The expert reviewer developed the following clinical case "
               "summary based on a review of the ");
    out_str(l, "case file, including all medical records: ");
    out_str(l, " ");
    text_reset(&t);
    l->is_prose = 1;
    add_summary_sentences(l, &t, in);
    out_text(l, &t, " ");
    l->is_prose = 0;
    out_str(l, " ");
}

/* "Decision based on MTUS ... Page(s): 98-99." or its Non-MTUS form. */
static void add_citation(text *t, letter *l, const service *svc, int is_mtus,
                         int drop_pages)
{
    size_t start = t->len;
    char *pages;

    if(is_mtus) {
        text_puts(t, "Decision based on ");
        expand(t, l, pick(&l->r, svc->mtus));
    } else {
        text_puts(t, "Decision based on Non-MTUS Citation ");
        expand(t, l, pick(&l->r, svc->odg));
    }
    pages = strstr(t->data + start, " Page(s):");
    if(drop_pages && pages) {
        t->len = (size_t)(pages - t->data);
        text_puts(t, ".");
    }
}

static void write_guidelines(letter *l, const item *it)
{
    const service *svc = it->svc;
    int has_mtus = svc->mtus[0] != NULL, has_odg = svc->odg[0] != NULL;
    int ca_mtus = has_mtus && (!has_odg || rng_chance(&l->r, 85));
    int reviewer_mtus = has_mtus && (!has_odg || rng_chance(&l->r, 80));
    text t;

    text_reset(&t);
    text_puts(&t, "Claims Administrator guideline: ");
    add_citation(&t, l, svc, ca_mtus, rng_chance(&l->r, 25));
    if(ca_mtus && has_odg && rng_chance(&l->r, 10)) {
        text_puts(&t, " ");
        add_citation(&t, l, svc, 0, 0);
    }
    out_text(l, &t, "   ");
    out_blank(l);

    text_reset(&t);
    text_puts(&t, "MAXIMUS guideline: ");
    if(!reviewer_mtus)
        text_puts(&t, "The Expert Reviewer did not base their decision on "
                      "the MTUS.  ");
    add_citation(&t, l, svc, reviewer_mtus, 0);
    out_text(l, &t, "   ");
    out_blank(l);
}

/* How many guideline sentences and case facts a rationale gets: fewer when
 * the letter has many items. */
static size_t guide_sentences(letter *l)
{
    if(l->item_count == 1)
        return (size_t)rng_range(&l->r, 3, 5);
    if(l->item_count == 2)
        return (size_t)rng_range(&l->r, 2, 4);
    return (size_t)rng_range(&l->r, 1, 2);
}

static size_t case_sentences(letter *l)
{
    if(l->item_count == 1)
        return (size_t)rng_range(&l->r, 2, 4);
    if(l->item_count == 2)
        return (size_t)rng_range(&l->r, 2, 3);
    return (size_t)rng_range(&l->r, 1, 2);
}

static void write_rationale(letter *l, const item *it)
{
    text t;

    text_reset(&t);
    text_puts(&t, "Decision rationale:");
    l->is_prose = 1;
    if(rng_chance(&l->r, 35))
        add_one_of(&t, l,
                   it->is_upheld ? rationale_openers_upheld
                                 : rationale_openers_overturned);
    add_some_of(&t, l, it->svc->guide, guide_sentences(l));
    add_some_of(&t, l, it->is_upheld ? it->svc->deny : it->svc->allow,
                case_sentences(l));
    if(it->is_upheld && rng_chance(&l->r, 30))
        add_one_of(&t, l, generic_deny);
    add_one_of(&t, l,
               it->is_upheld ? conclusions_upheld : conclusions_overturned);
    out_text(l, &t, " ");
    l->is_prose = 0;
    out_str(l, " ");
}

static void write_item(letter *l, const item *it)
{
    text t;

    set_item_keys(l, it);
    text_reset(&t);
    text_puts(&t, it->request);
    text_puts(&t, rng_chance(&l->r, 85) ? ":  " : ": ");
    text_puts(&t, it->is_upheld ? "Upheld" : "Overturned");
    out_text(l, &t, " ");
    out_blank(l);
    write_guidelines(l, it);
    write_rationale(l, it);
}

static void write_items(letter *l)
{
    size_t i;

    out_str(l, "IMR ISSUES, DECISIONS AND RATIONALES ");
    out_str(l, "The Final Determination was based on decisions for the "
               "disputed items/services set forth below: ");
    out_blank(l);
    for(i = 0; i < l->item_count; i++)
        write_item(l, &l->items[i]);
}

static void write_trailer(letter *l)
{
    int n = rng_range(&l->r, 0, 3);
    while(n-- > 0)
        out_raw(l, " \n\n", 3);
    out_raw(l, "\n", 1);
}

/* Writes letter number `index` of the corpus for `seed` into `out`
 * (LETTER_CAP bytes); returns its length. */
static size_t write_letter(letter *l, uint64_t seed, uint64_t index)
{
    const intro *in;

    l->r.state = mix64(seed ^ mix64(index + 0x5DEECE66Du));
    memset(l->val, 0, sizeof(l->val));
    l->is_prose = 0;
    l->used = 0;
    l->out_len = 0;
    l->page_line = 0;
    l->page_len = 44 + rng_below(&l->r, 4);
    l->sentence_style = (int)rng_below(&l->r, 3);
    l->typo_rate = rng_below(&l->r, 5);
    l->dates = (date_style)rng_below(&l->r, DATE_STYLE_COUNT);
    l->where = pick_region(&l->r);
    in = &intros[rng_below(&l->r, INTRO_COUNT)];

    setup_claimant(l);
    setup_treatments(l);
    setup_dates(l, in);
    setup_findings(l);
    set_region_keys(l, l->where, l->val[KEY_side]);
    l->letter_mark = l->used;
    choose_items(l);
    set_request_list(l);
    set_region_keys(l, l->where, l->val[KEY_side]);
    l->letter_mark = l->used;

    write_header(l);
    write_summary(l, in);
    write_items(l);
    write_trailer(l);
    return l->out_len;
}

/*---- Files -------------------------------------------------------------*/

/* mkdir -p. */
static void make_dirs(const char *path)
{
    char buf[4096];
    size_t i, len = strlen(path);

    if(len == 0 || len >= sizeof(buf))
        die("bad output directory \"%s\"", path);
    memcpy(buf, path, len + 1);
    for(i = 1; i <= len; i++) {
        if(buf[i] != '/' && buf[i] != '\0')
            continue;
        buf[i] = '\0';
        if(mkdir(buf, 0777) != 0 && errno != EEXIST)
            die("cannot create \"%s\": %s", buf, strerror(errno));
        buf[i] = path[i];
    }
}

static void write_file(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    size_t done = 0;

    if(fd < 0)
        die("cannot create \"%s\": %s", path, strerror(errno));
    while(done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if(n < 0 && errno == EINTR)
            continue;
        if(n < 0)
            die("cannot write \"%s\": %s", path, strerror(errno));
        done += (size_t)n;
    }
    if(close(fd) != 0)
        die("cannot write \"%s\": %s", path, strerror(errno));
}

/*---- Command line ------------------------------------------------------*/

static void usage(FILE *to)
{
    fprintf(to,
            "usage: " PROGRAM " --count N --seed S --out DIR\n\n"
            "Writes N synthetic IMR Final Determination Letters (as pdftotext\n"
            "prints them) into DIR/00000/00000000.txt, 1000 to a folder, and\n"
            "prints the number of letters and bytes written. The same N and S\n"
            "give the same files. N is 1 to %d; S is any unsigned number.\n",
            MAX_COUNT);
}

int main(int argc, char **argv)
{
    options o = parse_args(argc, argv);
    letter *l = malloc(sizeof(*l));
    char *buf = malloc(LETTER_CAP);
    unsigned long long i, total = 0;
    char path[4200];

    if(!l || !buf)
        die("out of memory");
    l->out = buf;
    make_dirs(o.out);
    for(i = 0; i < o.count; i++) {
        size_t len;
        if(i % LETTERS_PER_DIR == 0) {
            snprintf(path, sizeof(path), "%s/%05llu", o.out,
                     i / LETTERS_PER_DIR);
            if(mkdir(path, 0777) != 0 && errno != EEXIST)
                die("cannot create \"%s\": %s", path, strerror(errno));
        }
        len = write_letter(l, o.seed, i);
        snprintf(path, sizeof(path), "%s/%05llu/%08llu.txt", o.out,
                 i / LETTERS_PER_DIR, i);
        write_file(path, buf, len);
        total += len;
    }
    printf("%llu letters, %llu bytes\n", o.count, total);
    free(buf);
    free(l);
    return 0;
}
