import type { Lang } from '../../checks/define.js';
import { iso } from '../../checks/util.js';
import type { Mac } from '../../model/types.js';
import { type ApiCall, L, type Planner, type Step } from '../types.js';
import {
  CALLS,
  CLICK,
  describeIntune,
  latestBy,
  macOf,
  removeIntuneStep,
  reRegisterStep,
  scriptStep,
  waitStep,
} from './common.js';

export interface ServerSideStep {
  where: 'jamf' | 'entra' | 'intune' | 'console' | 'mac';
  text: string;
  clickPath?: string;
  call?: ApiCall;
}

/**
 * The server-side half of the article's cause-6 procedure for one Mac, with the real record ids when the data
 * has them. The script prints these; the plans list them as manual steps.
 */
export function cause6ServerSteps(lang: Lang, mac: Mac | undefined, name: string): ServerSideStep[] {
  const out: ServerSideStep[] = [];
  const jamf = mac?.jamf ?? [];
  if (jamf.length === 0)
    out.push({
      where: 'jamf',
      text: L(
        lang,
        `Delete the Mac's computer inventory record in Jamf Pro (${name})`,
        `Eliminare il record di inventario del Mac in Jamf Pro (${name})`,
      ),
      clickPath: CLICK.jamf(lang, name),
    });
  for (const m of jamf)
    out.push({
      where: 'jamf',
      text: L(
        lang,
        `Delete the Jamf Pro computer inventory record ${m.id} (${m.name ?? name}) — only if you removed the Jamf framework (--remove-framework) and will re-enrol`,
        `Eliminare il record di inventario ${m.id} (${m.name ?? name}) in Jamf Pro — solo se è stato rimosso il framework Jamf (--remove-framework) e il Mac verrà registrato di nuovo`,
      ),
      clickPath: CLICK.jamf(lang, m.name ?? name),
      call: CALLS.jamfDelete(m.id, m.apiVersion),
    });
  const entra = mac?.entra ?? [];
  if (entra.length === 0)
    out.push({
      where: 'entra',
      text: L(
        lang,
        `Delete the Mac's Entra device objects (${name})`,
        `Eliminare gli oggetti dispositivo Entra del Mac (${name})`,
      ),
      clickPath: CLICK.entraDelete(lang, name),
    });
  for (const e of entra)
    out.push({
      where: 'entra',
      text: L(
        lang,
        `Delete the Entra device ${e.id} (deviceId ${e.deviceId ?? '?'})`,
        `Eliminare il dispositivo Entra ${e.id} (deviceId ${e.deviceId ?? '?'})`,
      ),
      clickPath: CLICK.entraDelete(lang, e.displayName ?? name),
      call: CALLS.entraDelete(e.id),
    });
  const intune = mac?.intune ?? [];
  if (intune.length === 0)
    out.push({
      where: 'intune',
      text: L(
        lang,
        `Delete every Intune record of the Mac (${name})`,
        `Eliminare tutti i record Intune del Mac (${name})`,
      ),
      clickPath: CLICK.intune(lang, name),
    });
  for (const d of intune)
    out.push({
      where: 'intune',
      text: L(
        lang,
        `Delete the Intune record ${d.id} (last sync ${iso(d.lastSyncDateTime)})`,
        `Eliminare il record Intune ${d.id} (ultima sincronizzazione ${iso(d.lastSyncDateTime)})`,
      ),
      clickPath: CLICK.intune(lang, d.deviceName ?? name),
      call: CALLS.intuneDelete(d.id),
    });
  out.push(
    {
      where: 'console',
      text: L(lang, 'Wait at least 30 minutes after the deletions', 'Attendere almeno 30 minuti dopo le eliminazioni'),
    },
    {
      where: 'mac',
      text: L(
        lang,
        'Restart the Mac, then re-enrol it in Jamf Pro if the framework was removed (user-initiated enrolment or Automated Device Enrollment)',
        'Riavviare il Mac, poi registrarlo di nuovo in Jamf Pro se il framework è stato rimosso (registrazione avviata dall’utente o Automated Device Enrollment)',
      ),
    },
    {
      where: 'mac',
      text: L(
        lang,
        'The user opens Jamf Self Service and runs the Intune / Device Compliance registration policy again',
        "L'utente apre Jamf Self Service ed esegue di nuovo il criterio di registrazione Intune / conformità del dispositivo",
      ),
    },
  );
  return out;
}

function toSteps(lang: Lang, mac: Mac | undefined, name: string): Step[] {
  return cause6ServerSteps(lang, mac, name).map((s) => {
    const step: Step = { where: s.where, automatic: false, text: s.text, why: [] };
    if (s.clickPath) step.clickPath = s.clickPath;
    if (s.call) step.call = s.call;
    return step;
  });
}

/** compliance/intune-entra-mismatch: the Mac's registration is broken; the fix is the cause-6 procedure. */
export const complianceMismatchPlanner: Planner = {
  kind: 'mechanical',
  script: true,
  plan(finding, { fleet, lang }) {
    const mac = macOf(finding, fleet);
    const name = String(finding.data.name ?? mac?.name ?? mac?.key ?? '?');
    const steps: Step[] = [];
    const serial = mac?.serial ?? null;
    const why = finding.message;
    if (finding.messageId === 'notRegistered') {
      steps.push(reRegisterStep(lang, mac?.userKeys[0]));
      steps[0]!.why.push(why);
      steps.push(scriptStep(lang, finding.checkId, serial, true));
      return { keep: [], steps };
    }
    steps.push({ ...scriptStep(lang, finding.checkId, serial, false), why: [why] });
    steps.push(...toSteps(lang, mac, name));
    return { keep: [], steps };
  },
};

/** intune/enrolled-outside-jamf: an Intune MDM record next to Jamf. Stale when Jamf checked in after its last sync. */
export const enrolledOutsideJamfPlanner: Planner = {
  kind: 'mechanical',
  script: true,
  plan(finding, { fleet, lang }) {
    const mac = macOf(finding, fleet);
    const rec = mac?.intune.find((d) => d.id === finding.data.record);
    const steps: Step[] = [];
    if (!mac || !rec) {
      steps.push({
        where: 'console',
        automatic: false,
        text: L(
          lang,
          'The Intune record of this finding is not in the data: re-run the diagnosis, nothing will be changed',
          'Il record Intune di questo risultato non è nei dati: ripetere la diagnosi, non verrà modificato nulla',
        ),
        why: [],
      });
      return { keep: [], steps };
    }
    const jamf = latestBy(
      mac.jamf.filter((m) => m.managed === true),
      (m) => m.lastCheckIn,
    );
    const stale =
      jamf?.lastCheckIn != null && (rec.lastSyncDateTime == null || jamf.lastCheckIn > rec.lastSyncDateTime);
    const jamfWhy = jamf
      ? L(
          lang,
          `Jamf Pro manages the Mac (computer ${jamf.id}, last check-in ${iso(jamf.lastCheckIn)})`,
          `Jamf Pro gestisce il Mac (computer ${jamf.id}, ultimo check-in ${iso(jamf.lastCheckIn)})`,
        )
      : L(lang, 'no managed Jamf Pro record for this Mac', 'nessun record Jamf Pro gestito per questo Mac');
    const keep = jamf ? [{ kind: 'jamf' as const, id: jamf.id, label: jamf.name ?? jamf.id, why: [jamfWhy] }] : [];
    if (stale) {
      steps.push(
        removeIntuneStep(lang, rec, [
          describeIntune(lang, rec),
          jamfWhy,
          L(
            lang,
            'the Intune MDM record has not synced since Jamf Pro last heard from the Mac: it is stale (a Mac has one MDM)',
            'il record MDM di Intune non si sincronizza da prima dell’ultimo contatto di Jamf Pro con il Mac: è obsoleto (un Mac ha un solo MDM)',
          ),
        ]),
      );
    } else {
      const retire: ApiCall = {
        api: 'graph',
        method: 'POST',
        path: `/deviceManagement/managedDevices/${rec.id}/retire`,
      };
      steps.push({
        where: 'intune',
        automatic: false,
        text: L(
          lang,
          `Retire the Intune MDM enrolment ${rec.id}: it synced after Jamf's last check-in, so it may be the Mac's active MDM — decide by hand`,
          `Ritirare la registrazione MDM Intune ${rec.id}: si è sincronizzata dopo l'ultimo check-in di Jamf, quindi potrebbe essere l'MDM attivo del Mac — decidere a mano`,
        ),
        why: [describeIntune(lang, rec), jamfWhy],
        clickPath: L(
          lang,
          `Intune admin center (intune.microsoft.com) > Devices > macOS > ${rec.deviceName ?? rec.id} > Retire`,
          `Interfaccia di amministrazione di Intune (intune.microsoft.com) > Dispositivi > macOS > ${rec.deviceName ?? rec.id} > Ritira`,
        ),
        call: retire,
      });
    }
    steps.push(
      scriptStep(lang, finding.checkId, mac.serial, true),
      waitStep(lang),
      reRegisterStep(lang, mac.userKeys[0]),
    );
    return { keep, steps };
  },
};
