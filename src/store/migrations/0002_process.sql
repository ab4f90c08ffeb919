-- SPDX-License-Identifier: MIT
-- The review process around a case: its application, the reviewers of the
-- panel and the cases assigned to them, each case's deadlines, and the
-- facts read from its records. What these mean is the intake's and the
-- extractor's business; the store keeps them.

CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL UNIQUE REFERENCES cases (id),
    received TEXT,
    -- 1 or 0; NULL when the case file does not say
    signed INTEGER,
    ur_attached INTEGER,
    expedited INTEGER,
    filed_by TEXT,
    json TEXT NOT NULL -- the case file's "application" object
);

-- A reviewer's record (specialties, licensure, conflicts) is kept as the
-- panel gives it, under the panel's own id.
CREATE TABLE reviewers (
    id TEXT NOT NULL PRIMARY KEY,
    updated_at TEXT NOT NULL,
    json TEXT NOT NULL
);

CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    reviewer_id TEXT NOT NULL REFERENCES reviewers (id),
    assigned_at TEXT NOT NULL,
    reason TEXT
);
CREATE INDEX assignments_case ON assignments (case_id, id);

-- One row per kind of deadline of a case ("records", "determination"):
-- putting it again moves it; met_on is NULL while it is open.
CREATE TABLE deadlines (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    due TEXT NOT NULL,
    met_on TEXT,
    UNIQUE (case_id, kind)
);
CREATE INDEX deadlines_open ON deadlines (due) WHERE met_on IS NULL;

CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    record_position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    polarity TEXT,
    span_offset INTEGER NOT NULL,
    span_length INTEGER NOT NULL,
    kb_version TEXT NOT NULL,
    json TEXT
);
CREATE INDEX facts_case ON facts (case_id, id);
CREATE INDEX facts_name ON facts (name, polarity);
