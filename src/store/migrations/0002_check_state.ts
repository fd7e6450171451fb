/**
 * Migration 2: for each tenant and check, the last run in which the check was evaluated (outcome pass or fail).
 * A finding's streak ("since when") is broken only by a run that evaluated its check and did not find it; a run
 * that could not check it (or excluded it with --only/--skip) leaves the streak alone. Backfilled from runs.
 */
export default `
CREATE TABLE check_state (
  tenant TEXT NOT NULL,
  check_id TEXT NOT NULL,
  last_evaluated INTEGER NOT NULL,
  PRIMARY KEY (tenant, check_id)
) WITHOUT ROWID;

INSERT INTO check_state (tenant, check_id, last_evaluated)
SELECT r.tenant, json_extract(c.value, '$.id'), max(r.id)
FROM runs AS r, json_each(r.checks_json) AS c
WHERE json_extract(c.value, '$.outcome') IN ('pass', 'fail')
GROUP BY r.tenant, json_extract(c.value, '$.id');
`;
