import type { Lang } from '../../checks/define.js';
import { iso, latestBy } from '../../checks/util.js';
import { normDeviceId } from '../../model/keys.js';
import type { EntraDevice, Fleet, IntuneDevice, JamfComputer, Mac } from '../../model/types.js';
import type { ReportFinding } from '../../report/types.js';
import { type Action, type ApiCall, L, type Step, type TargetRecord } from '../types.js';

/** The Mac a finding is about, from its `mac` subject. */
export function macOf(finding: ReportFinding, fleet: Fleet): Mac | undefined {
  const s = finding.subjects.find((x) => x.kind === 'mac');
  if (!s) return undefined;
  const m = fleet.index.macOfKey(s.id);
  return m >= 0 ? fleet.index.mac(m) : undefined;
}

/** The Entra device ids the Mac's Jamf registration points to (ACTIVATED local accounts first). */
export function jamfPointers(mac: Mac): { activated: Set<string>; any: Set<string> } {
  const activated = new Set<string>();
  const any = new Set<string>();
  for (const m of mac.jamf) {
    for (const a of m.localUserAccounts ?? []) {
      const id = normDeviceId(a.computerAzureActiveDirectoryId);
      if (!id) continue;
      any.add(id);
      if (a.azureActiveDirectoryId?.toUpperCase() === 'ACTIVATED') activated.add(id);
    }
  }
  return { activated, any };
}

export function entraByDeviceId(fleet: Fleet, mac: Mac | undefined, deviceId: string): EntraDevice | undefined {
  // The Mac's own devices first, then every Entra macOS device; by device id, then by object id.
  const want = normDeviceId(deviceId);
  const own = mac?.entra ?? [];
  return (
    own.find((e) => normDeviceId(e.deviceId) === want) ??
    (want === null ? undefined : fleet.index.firstEntra(want, '\u0000')) ??
    own.find((e) => e.id === deviceId) ??
    fleet.index.firstEntra(null, deviceId)
  );
}

/** The fields re-read before acting: a record whose value changed since the plan is skipped. */
export function intuneTarget(d: IntuneDevice): TargetRecord {
  return {
    kind: 'intune',
    id: d.id,
    label: d.deviceName ?? d.id,
    expect: {
      serialNumber: d.serialNumber,
      azureADDeviceId: d.azureADDeviceId,
      lastSyncDateTime: iso(d.lastSyncDateTime),
    },
  };
}

export function entraTarget(e: EntraDevice): TargetRecord {
  return {
    kind: 'entra',
    id: e.id,
    label: `${e.displayName ?? e.id} (deviceId ${e.deviceId ?? '?'})`,
    expect: {
      deviceId: e.deviceId,
      approximateLastSignInDateTime: iso(e.approximateLastSignInDateTime),
    },
  };
}

export function jamfTarget(m: JamfComputer): TargetRecord {
  return {
    kind: 'jamf',
    id: m.id,
    label: m.name ?? m.id,
    expect: { serialNumber: m.serialNumber, lastCheckIn: iso(m.lastCheckIn) },
    apiVersion: m.apiVersion,
  };
}

/** Ids come from data: encoded, so that an id holding `/` or `..` can never address another record. */
const seg = encodeURIComponent;

export const CALLS = {
  intuneDelete: (id: string): ApiCall => ({
    api: 'graph',
    method: 'DELETE',
    path: `/deviceManagement/managedDevices/${seg(id)}`,
  }),
  entraDisable: (id: string): ApiCall => ({
    api: 'graph',
    method: 'PATCH',
    path: `/devices/${seg(id)}`,
    body: { accountEnabled: false },
  }),
  entraDelete: (id: string): ApiCall => ({ api: 'graph', method: 'DELETE', path: `/devices/${seg(id)}` }),
  jamfDelete: (id: string, version = 1): ApiCall => ({
    api: 'jamf',
    method: 'DELETE',
    path: `/api/v${version}/computers-inventory/${seg(id)}`,
  }),
};

export const CLICK = {
  intune: (lang: Lang, name: string) =>
    L(
      lang,
      `Intune admin center (intune.microsoft.com) > Devices > macOS > ${name} > Delete`,
      `Interfaccia di amministrazione di Intune (intune.microsoft.com) > Dispositivi > macOS > ${name} > Elimina`,
    ),
  entraDisable: (lang: Lang, name: string) =>
    L(
      lang,
      `Entra admin center (entra.microsoft.com) > Identity > Devices > All devices > ${name} > Disable`,
      `Interfaccia di amministrazione di Entra (entra.microsoft.com) > Identità > Dispositivi > Tutti i dispositivi > ${name} > Disabilita`,
    ),
  entraDelete: (lang: Lang, name: string) =>
    L(
      lang,
      `Entra admin center (entra.microsoft.com) > Identity > Devices > All devices > ${name} > Delete`,
      `Interfaccia di amministrazione di Entra (entra.microsoft.com) > Identità > Dispositivi > Tutti i dispositivi > ${name} > Elimina`,
    ),
  jamf: (lang: Lang, name: string) =>
    L(
      lang,
      `Jamf Pro > Computers > Search Inventory > ${name} > Delete`,
      `Jamf Pro > Computer > Cerca nell'inventario > ${name} > Elimina`,
    ),
};

const fmt = (t: TargetRecord): string => `${t.kind}:${t.id}`;

export function action(op: Action['op'], record: TargetRecord, call: ApiCall, needsDeleteFlag = false): Action {
  return { id: `${op}:${fmt(record)}`, op, record, call, needsDeleteFlag };
}

/** Steps that remove an Intune record (automatic with --apply). */
export function removeIntuneStep(lang: Lang, d: IntuneDevice, why: string[]): Step {
  return {
    where: 'intune',
    automatic: true,
    text: L(
      lang,
      `Delete the Intune record ${d.id} (${d.deviceName ?? '?'})`,
      `Eliminare il record Intune ${d.id} (${d.deviceName ?? '?'})`,
    ),
    why,
    action: action('delete', intuneTarget(d), CALLS.intuneDelete(d.id)),
    clickPath: CLICK.intune(lang, d.deviceName ?? d.id),
    call: CALLS.intuneDelete(d.id),
  };
}

/** Disable (automatic) then delete (automatic only with --delete) an Entra device object. */
export function removeEntraSteps(lang: Lang, e: EntraDevice, why: string[]): Step[] {
  const name = e.displayName ?? e.id;
  const steps: Step[] = [];
  steps.push({
    where: 'entra',
    automatic: true,
    text: L(
      lang,
      `Disable the Entra device ${e.id} (deviceId ${e.deviceId ?? '?'})${e.accountEnabled === false ? ' — already disabled' : ''}`,
      `Disabilitare il dispositivo Entra ${e.id} (deviceId ${e.deviceId ?? '?'})${e.accountEnabled === false ? ' — già disabilitato' : ''}`,
    ),
    why,
    action: action('disable', entraTarget(e), CALLS.entraDisable(e.id)),
    clickPath: CLICK.entraDisable(lang, name),
    call: CALLS.entraDisable(e.id),
  });
  steps.push({
    where: 'entra',
    automatic: true,
    text: L(
      lang,
      `Delete the Entra device ${e.id} (only with --delete; after the disabled device has been missed by nobody)`,
      `Eliminare il dispositivo Entra ${e.id} (solo con --delete; dopo che nessuno ha sentito la mancanza del dispositivo disabilitato)`,
    ),
    why,
    action: action('delete', entraTarget(e), CALLS.entraDelete(e.id), true),
    clickPath: CLICK.entraDelete(lang, name),
    call: CALLS.entraDelete(e.id),
  });
  return steps;
}

export function removeJamfStep(lang: Lang, m: JamfComputer, why: string[]): Step {
  return {
    where: 'jamf',
    automatic: true,
    text: L(
      lang,
      `Delete the Jamf Pro computer ${m.id} (${m.name ?? '?'})`,
      `Eliminare il computer ${m.id} (${m.name ?? '?'}) da Jamf Pro`,
    ),
    why,
    action: action('delete', jamfTarget(m), CALLS.jamfDelete(m.id, m.apiVersion)),
    clickPath: CLICK.jamf(lang, m.name ?? m.id),
    call: CALLS.jamfDelete(m.id, m.apiVersion),
  };
}

export function scriptStep(lang: Lang, checkId: string, serial: string | null, optional: boolean): Step {
  const s = serial ?? 'SERIAL';
  const cmd = `jidoctor fix ${checkId} --mac ${s} --script --output cause6-${s}.sh`;
  return {
    where: 'mac',
    automatic: false,
    text: optional
      ? L(
          lang,
          `If the Mac still fails to register after the records are cleaned, run the cause-6 clean-up on it: generate it with \`${cmd}\`, copy it to the Mac, run \`sudo sh cause6-${s}.sh\` (dry run) then \`sudo sh cause6-${s}.sh --apply\``,
          `Se il Mac non riesce ancora a registrarsi dopo la pulizia dei record, eseguire su di esso la pulizia della causa 6: generarla con \`${cmd}\`, copiarla sul Mac, eseguire \`sudo sh cause6-${s}.sh\` (prova) e poi \`sudo sh cause6-${s}.sh --apply\``,
        )
      : L(
          lang,
          `Run the cause-6 clean-up on the Mac: generate it with \`${cmd}\`, copy it to the Mac, run \`sudo sh cause6-${s}.sh\` (dry run, lists what it would remove) then \`sudo sh cause6-${s}.sh --apply\``,
          `Eseguire sul Mac la pulizia della causa 6: generarla con \`${cmd}\`, copiarla sul Mac, eseguire \`sudo sh cause6-${s}.sh\` (prova, elenca cosa rimuoverebbe) e poi \`sudo sh cause6-${s}.sh --apply\``,
        ),
    why: [],
    command: `sudo sh cause6-${s}.sh --apply`,
  };
}

export function waitStep(lang: Lang): Step {
  return {
    where: 'console',
    automatic: false,
    text: L(
      lang,
      'Wait at least 30 minutes after the deletions before re-registering (the article, cause 6)',
      "Attendere almeno 30 minuti dopo le eliminazioni prima di registrare di nuovo (l'articolo, causa 6)",
    ),
    why: [],
  };
}

export function reRegisterStep(lang: Lang, user: string | null | undefined): Step {
  return {
    where: 'mac',
    automatic: false,
    text: L(
      lang,
      `The user${user ? ` (${user})` : ''} opens Jamf Self Service on the Mac and runs the Intune / Device Compliance registration policy (never Company Portal directly)`,
      `L'utente${user ? ` (${user})` : ''} apre Jamf Self Service sul Mac ed esegue il criterio di registrazione Intune / conformità del dispositivo (mai Portale aziendale direttamente)`,
    ),
    why: [],
  };
}

export function describeIntune(lang: Lang, d: IntuneDevice): string {
  return L(
    lang,
    `Intune ${d.id}: last sync ${iso(d.lastSyncDateTime)}, enrolled ${iso(d.enrolledDateTime)}, agent ${d.managementAgent ?? '?'}, Entra deviceId ${d.azureADDeviceId ?? 'none'}`,
    `Intune ${d.id}: ultima sincronizzazione ${iso(d.lastSyncDateTime)}, registrato ${iso(d.enrolledDateTime)}, agente ${d.managementAgent ?? '?'}, deviceId Entra ${d.azureADDeviceId ?? 'nessuno'}`,
  );
}

export function describeEntra(lang: Lang, e: EntraDevice): string {
  return L(
    lang,
    `Entra ${e.id} (deviceId ${e.deviceId ?? '?'}): registered ${iso(e.registrationDateTime)}, last sign-in ${iso(e.approximateLastSignInDateTime)}, enabled ${e.accountEnabled ?? '?'}, compliant ${e.isCompliant ?? '?'}`,
    `Entra ${e.id} (deviceId ${e.deviceId ?? '?'}): registrato ${iso(e.registrationDateTime)}, ultimo accesso ${iso(e.approximateLastSignInDateTime)}, abilitato ${e.accountEnabled ?? '?'}, conforme ${e.isCompliant ?? '?'}`,
  );
}

export function describeJamf(lang: Lang, m: JamfComputer): string {
  return L(
    lang,
    `Jamf ${m.id} (${m.name ?? '?'}): last check-in ${iso(m.lastCheckIn)}, managed ${m.managed ?? '?'}`,
    `Jamf ${m.id} (${m.name ?? '?'}): ultimo check-in ${iso(m.lastCheckIn)}, gestito ${m.managed ?? '?'}`,
  );
}

export { latestBy };
