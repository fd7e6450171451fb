/** Public library API of jamf-intune-doctor. */

export { type CheckDef, type CheckMeta, defineCheck, type Lang, msg, type Severity } from './checks/define.js';
export { CHECKS, checkById } from './checks/index.js';
export { readSnapshot as loadSnapshot } from './collect/snapshot/reader.js';
export { type DiagnoseOptions, type Diagnosis, diagnoseCollected, diagnoseSnapshot } from './diagnose.js';
export { buildReport, fingerprint, runChecks } from './engine/run.js';
export { ExitCode, InputError, JidoctorError, SourceError } from './errors.js';
export { buildFleet } from './model/join.js';
export type { Collected, Fleet, Mac } from './model/types.js';
export { renderJson } from './report/json.js';
export { renderMarkdown } from './report/markdown.js';
export { renderText } from './report/text.js';
export type { CheckResult, Outcome, Report, ReportFinding } from './report/types.js';
