-- SPDX-License-Identifier: MIT
-- The first schema: cases with their requests and records, determinations
-- with the knowledge-base version that produced them, and the audit log,
-- which triggers make append-only.

CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    case_number TEXT,
    added_at TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX cases_case_number ON cases (case_number);

CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (case_id, position)
);

CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    position INTEGER NOT NULL,
    date TEXT,
    kind TEXT,
    author TEXT,
    text TEXT NOT NULL,
    UNIQUE (case_id, position)
);

CREATE TABLE determinations (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id),
    kb_version TEXT NOT NULL,
    decided_on TEXT,
    decided_at TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX determinations_case ON determinations (case_id, id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    origin TEXT NOT NULL,
    action TEXT NOT NULL,
    case_id INTEGER REFERENCES cases (id),
    detail TEXT
);
CREATE INDEX audit_log_case ON audit_log (case_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
