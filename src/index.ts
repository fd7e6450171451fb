/** Public library API of jamf-intune-doctor. */

export { type CheckDef, type CheckMeta, defineCheck, type Lang, msg, type Severity } from './checks/define.js';
export { CHECKS, checkById } from './checks/index.js';
export { type DiagnoseOptions, type Diagnosis, diagnoseCollected, diagnoseSnapshot } from './diagnose.js';
export { buildReport, fingerprint, runChecks } from './engine/run.js';
export { ExitCode, InputError, JidoctorError, SourceError } from './errors.js';
export { buildFleet } from './model/join.js';
export type { Collected, Fleet, Mac, MigrationState, ModeDetection } from './model/types.js';
export { renderCsv } from './report/csv.js';
export { renderHtml } from './report/html.js';
export { renderJson } from './report/json.js';
export { renderJunit } from './report/junit.js';
export { renderMarkdown } from './report/markdown.js';
export { renderSarif } from './report/sarif.js';
export { renderText } from './report/text.js';
export type { CheckResult, Outcome, Report, ReportFinding, ReportHistory } from './report/types.js';
export { readSnapshot as loadSnapshot } from './snapshot/reader.js';
export { History, type HistoryFinding, type RunDiff, type RunSummary, tenantKey } from './store/history.js';
export { defaultDbPath, resolveDbPath } from './store/location.js';
