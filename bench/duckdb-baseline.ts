/**
 * The DuckDB baseline of the scale benchmark, run as its own process: reads the same page files with read_json
 * and computes the three core results in SQL. Prints them as JSON on stdout.
 * Usage: node --import tsx bench/duckdb-baseline.ts SNAPSHOT_DIR AS_OF
 */
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, asOf] = process.argv.slice(2);
if (!dir || !asOf) {
  console.error('usage: duckdb-baseline.ts SNAPSHOT_DIR AS_OF');
  process.exit(2);
}
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const pages = (rel: string) => q(`${dir}/${rel}/page-*.json`);
const BIG = 'maximum_object_size=1000000000';

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const rows = async (sql: string): Promise<string[]> => {
  const r = await conn.runAndReadAll(sql);
  return r.getRowObjectsJson().map((o) => String(Object.values(o)[0]));
};

await conn.run(`
  CREATE TEMP TABLE md AS
  SELECT m.serialNumber AS serialNumber, m.azureADDeviceId AS azureADDeviceId, m.complianceState AS complianceState,
         m.operatingSystem AS operatingSystem
  FROM (SELECT unnest(value) AS m FROM read_json(${pages('graph/v1.0/deviceManagement/managedDevices')}, ${BIG},
        columns={'value': 'STRUCT(serialNumber VARCHAR, azureADDeviceId VARCHAR, complianceState VARCHAR, operatingSystem VARCHAR)[]'}))
  WHERE lower(m.operatingSystem) LIKE 'mac%'`);

const intuneDuplicates = await rows(`
  SELECT s FROM (SELECT upper(trim(serialNumber)) AS s FROM md)
  WHERE s IS NOT NULL AND s <> '' AND s <> '0' GROUP BY s HAVING count(*) > 1`);

const staleCheckIns = await rows(`
  SELECT upper(trim(r.hardware.serialNumber))
  FROM (SELECT unnest(results) AS r FROM read_json(${pages('jamf/api/v1/computers-inventory')}, ${BIG},
        columns={'results': 'STRUCT(id VARCHAR, general STRUCT(lastContactTime VARCHAR, remoteManagement STRUCT(managed BOOLEAN)), hardware STRUCT(serialNumber VARCHAR))[]'}))
  WHERE r.general.remoteManagement.managed
    AND CAST(r.general.lastContactTime AS TIMESTAMPTZ) < CAST(${q(asOf)} AS TIMESTAMPTZ) - INTERVAL 24 HOUR`);

const entraMismatches = await rows(`
  WITH e AS (
    SELECT d.deviceId AS deviceId, d.isCompliant AS isCompliant
    FROM (SELECT unnest(value) AS d FROM read_json(${pages('graph/v1.0/devices')}, ${BIG},
          columns={'value': 'STRUCT(deviceId VARCHAR, isCompliant BOOLEAN)[]'})))
  SELECT DISTINCT upper(trim(md.serialNumber))
  FROM md LEFT JOIN e ON lower(e.deviceId) = lower(md.azureADDeviceId)
  WHERE md.complianceState = 'compliant' AND (e.isCompliant IS NULL OR NOT e.isCompliant)`);

console.log(JSON.stringify({ intuneDuplicates, staleCheckIns, entraMismatches }));
