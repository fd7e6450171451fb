/** Public library API of jamf-intune-doctor. */
export { readSnapshot as loadSnapshot } from './collect/snapshot/reader.js';
export { buildFleet } from './model/join.js';
export { runChecks, buildReport, fingerprint } from './engine/run.js';
export { diagnoseSnapshot, diagnoseCollected, type Diagnosis, type DiagnoseOptions } from './diagnose.js';
export { CHECKS, checkById } from './checks/index.js';
export { defineCheck, msg, type CheckDef, type CheckMeta, type Lang, type Severity } from './checks/define.js';
export { renderJson } from './report/json.js';
export { renderText } from './report/text.js';
export { renderMarkdown } from './report/markdown.js';
export type { Report, ReportFinding, CheckResult, Outcome } from './report/types.js';
export type { Fleet, Mac, Collected } from './model/types.js';
export { JidoctorError, InputError, SourceError, ExitCode } from './errors.js';
