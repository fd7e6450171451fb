/**
 * Migration 3: fingerprints gain the evidence's record ids (scheme 2, engine/run.ts `fingerprint`), so that two
 * findings of one check on one Mac (two Intune records in the same state) no longer share one row. Rows recorded
 * before hold scheme-1 digests (check, message, subjects): `scheme` says which, and the first run after the upgrade
 * moves each scheme-1 row to its finding's new digest, keeping its "since when" (history.ts `record`).
 */
export default `
ALTER TABLE fingerprints ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1;
`;
