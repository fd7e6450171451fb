/**
 * Migration 1: runs, the fingerprints seen per tenant, and which fingerprints each run had.
 * Append-only: never edit a migration that has shipped; add the next numbered file instead.
 */
export default `
CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  tenant_name TEXT,
  recorded_at TEXT NOT NULL,
  as_of TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  source_path TEXT,
  mode TEXT NOT NULL,
  lang TEXT NOT NULL,
  macs INTEGER NOT NULL,
  users INTEGER NOT NULL,
  affected_macs INTEGER NOT NULL,
  affected_users INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  sev_critical INTEGER NOT NULL,
  sev_high INTEGER NOT NULL,
  sev_medium INTEGER NOT NULL,
  sev_low INTEGER NOT NULL,
  sev_info INTEGER NOT NULL,
  checks_json TEXT NOT NULL,
  tool_version TEXT NOT NULL
);
CREATE INDEX runs_by_tenant ON runs (tenant, id);

CREATE TABLE fingerprints (
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  check_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  subjects_json TEXT NOT NULL,
  message TEXT NOT NULL,
  data_json TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  first_run INTEGER NOT NULL,
  last_seen TEXT NOT NULL,
  last_run INTEGER NOT NULL,
  UNIQUE (tenant, fingerprint)
);

CREATE TABLE run_findings (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  fp_id INTEGER NOT NULL,
  PRIMARY KEY (run_id, fp_id)
) WITHOUT ROWID;
`;
