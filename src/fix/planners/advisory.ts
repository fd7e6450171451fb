import type { Lang } from '../../checks/define.js';
import type { ReportFinding } from '../../report/types.js';
import { type ApiCall, L, type Planner, type Step, type Where } from '../types.js';
import { scriptStep } from './common.js';

/** Where a resolution step happens, from its words: a named console first, then the Mac, then the service named. */
export function whereOf(text: string): Where {
  const t = text.toLowerCase();
  if (/intune admin center|amministrazione di intune/.test(t)) return 'intune';
  if (/entra admin center|amministrazione di entra|microsoft 365 admin|amministrazione di microsoft 365/.test(t))
    return 'entra';
  if (/jamf pro >/.test(t)) return 'jamf';
  if (/\bon the mac\b|\bsul mac\b|`sudo |\/var\/log|self service|the user |l'utente /.test(t)) return 'mac';
  if (/jamf/.test(t)) return 'jamf';
  if (/intune/.test(t)) return 'intune';
  if (/entra|graph|licen/.test(t)) return 'entra';
  return 'console';
}

/** The Graph call a resolution step names ("Graph: PATCH /v1.0/devices/{id} ..."), when it names one. */
export function callIn(text: string): ApiCall | undefined {
  const m = /\b(GET|POST|PATCH|DELETE) \/(?:v1\.0|beta)(\/[^\s,;)]+)/.exec(text);
  if (!m) return undefined;
  return { api: 'graph', method: m[1] as ApiCall['method'], path: m[2]! };
}

interface Extra {
  where: Where;
  text: (lang: Lang, f: ReportFinding) => string;
  clickPath?: (lang: Lang, f: ReportFinding) => string;
  call?: (f: ReportFinding) => ApiCall;
  command?: (f: ReportFinding) => string;
}

const user = (f: ReportFinding): string =>
  String(f.data.user ?? f.subjects.find((s) => s.kind === 'user')?.id ?? 'USER');
const policyId = (f: ReportFinding): string => f.subjects.find((s) => s.kind === 'policy')?.id ?? 'POLICY-ID';

const licence: Extra = {
  where: 'console',
  text: (lang, f) =>
    L(
      lang,
      `Assign the licence to ${user(f)} (jidoctor cannot assign licences)`,
      `Assegnare la licenza a ${user(f)} (jidoctor non assegna licenze)`,
    ),
  clickPath: (lang, f) =>
    L(
      lang,
      `Microsoft 365 admin center (admin.microsoft.com) > Users > Active users > ${user(f)} > Licenses and apps > select the licence > Save changes`,
      `Interfaccia di amministrazione di Microsoft 365 (admin.microsoft.com) > Utenti > Utenti attivi > ${user(f)} > Licenze e app > selezionare la licenza > Salva modifiche`,
    ),
  call: (f) => ({
    api: 'graph',
    method: 'POST',
    path: `/users/${user(f)}/assignLicense`,
    body: { addLicenses: [{ skuId: 'SKU-ID (GET /subscribedSkus)' }], removeLicenses: [] },
  }),
};

/** Console steps and Graph calls that go with an advisory check, beyond its resolution text. */
const EXTRAS: Record<string, Extra[]> = {
  'licenses/intune-missing': [licence],
  'licenses/entra-p1-missing': [licence],
  'compliance/policy-targets-devices': [
    {
      where: 'console',
      text: (lang) =>
        L(
          lang,
          'Assign the policy to user groups instead of device groups (jidoctor does not change assignments)',
          'Assegnare il criterio a gruppi di utenti invece che a gruppi di dispositivi (jidoctor non modifica le assegnazioni)',
        ),
      clickPath: (lang) =>
        L(
          lang,
          'Intune admin center (intune.microsoft.com) > Devices > Compliance > the policy > Properties > Assignments > Edit > Included groups: add user groups, remove device groups > Review + save',
          'Interfaccia di amministrazione di Intune (intune.microsoft.com) > Dispositivi > Conformità > il criterio > Proprietà > Assegnazioni > Modifica > Gruppi inclusi: aggiungere gruppi di utenti, rimuovere i gruppi di dispositivi > Rivedi e salva',
        ),
      call: (f) => ({
        api: 'graph',
        method: 'POST',
        path: `/deviceManagement/deviceCompliancePolicies/${policyId(f)}/assign`,
        body: {
          assignments: [
            { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'USER-GROUP-ID' } },
          ],
        },
      }),
    },
  ],
  'jamf/check-in-overdue': [
    {
      where: 'mac',
      text: (lang) =>
        L(
          lang,
          'On the Mac, test the Jamf Pro connection and run policies',
          'Sul Mac, verificare la connessione a Jamf Pro ed eseguire i criteri',
        ),
      command: () => 'sudo jamf checkJSSConnection && sudo jamf policy',
    },
  ],
  'jamf/entra-registration-unresponsive': [
    {
      where: 'mac',
      text: (lang) =>
        L(
          lang,
          'The user who registered the Mac signs in on it and runs the registration from Jamf Self Service; jidoctor cannot sign in for them',
          "L'utente che ha registrato il Mac vi accede ed esegue la registrazione da Jamf Self Service; jidoctor non può accedere al suo posto",
        ),
    },
  ],
  'jamf/entra-registration-deactivated': [
    {
      where: 'mac',
      text: (lang) =>
        L(
          lang,
          'The user who registered the Mac signs in on it and runs the registration from Jamf Self Service; jidoctor cannot sign in for them',
          "L'utente che ha registrato il Mac vi accede ed esegue la registrazione da Jamf Self Service; jidoctor non può accedere al suo posto",
        ),
    },
  ],
};

/** A planner built from the check's own resolution steps, with console click paths and Graph calls where known. */
export const advisoryPlanner: Planner = {
  kind: 'advisory',
  script: false,
  plan(finding, { check, lang }) {
    const steps: Step[] = check.resolution[lang].map((text) => {
      const step: Step = { where: whereOf(text), automatic: false, text, why: [] };
      const call = callIn(text);
      if (call) step.call = call;
      return step;
    });
    if (steps[0]) steps[0].why.push(finding.message);
    for (const x of EXTRAS[check.id] ?? []) {
      const s: Step = { where: x.where, automatic: false, text: x.text(lang, finding), why: [finding.message] };
      if (x.clickPath) s.clickPath = x.clickPath(lang, finding);
      if (x.call) s.call = x.call(finding);
      if (x.command) s.command = x.command(finding);
      steps.push(s);
    }
    return { keep: [], steps };
  },
};

/** An advisory plan whose resolution includes the cause-6 Mac clean-up: the script step is added for the Mac. */
export const advisoryWithScriptPlanner: Planner = {
  kind: 'advisory',
  script: true,
  plan(finding, ctx) {
    const base = advisoryPlanner.plan(finding, ctx);
    const serial = finding.subjects.find((s) => s.kind === 'mac')?.id ?? null;
    return { keep: base.keep, steps: [...base.steps, scriptStep(ctx.lang, finding.checkId, serial, true)] };
  },
};
