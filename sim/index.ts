/** The simulated tenant: public entry points used by tests, `jidoctor sim` and `jidoctor demo`. */
export { attachControl, runCommand } from './control.js';
export { type ChangeLog, changeLogOf, expireDeltaTokens, type TouchSummary, touchTenant } from './delta.js';
export type { FaultPlan, FaultRule } from './faults.js';
export { buildScenario, SCENARIOS } from './scenarios/index.js';
export {
  ALL_GRAPH_ROLES,
  ALL_JAMF_PRIVILEGES,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './server.js';
export {
  type GenerateOptions,
  generateTenant,
  INJECTABLE,
  MIGRATION_STATES,
  type MigrationState,
  type Mode,
  migrationPlan,
  type SimTenant,
  type TruthEntry,
} from './tenant.js';
