import { iso, jamfAtLeast } from '../../checks/util.js';
import { normDeviceId, normSerial } from '../../model/keys.js';
import type { EntraDevice, IntuneDevice, JamfComputer } from '../../model/types.js';
import { type Keep, L, type Planner, type Step } from '../types.js';
import {
  describeEntra,
  describeIntune,
  describeJamf,
  entraByDeviceId,
  jamfPointers,
  latestBy,
  macOf,
  removeEntraSteps,
  removeIntuneStep,
  removeJamfStep,
  reRegisterStep,
  scriptStep,
  waitStep,
} from './common.js';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function missingMac(lang: 'en' | 'it'): Pick<import('../types.js').FindingPlan, 'keep' | 'steps'> {
  return {
    keep: [],
    steps: [
      {
        where: 'console',
        automatic: false,
        text: L(
          lang,
          'The Mac of this finding is not in the data: re-run the diagnosis, nothing will be changed',
          'Il Mac di questo risultato non è nei dati: ripetere la diagnosi, non verrà modificato nulla',
        ),
        why: [],
      },
    ],
  };
}

/** Stale Jamf Pro computers of the same serial: keep the one that checked in last. */
export function jamfDuplicateSteps(lang: 'en' | 'it', jamf: JamfComputer[], keep: Keep[]): Step[] {
  const bySerial = new Map<string, JamfComputer[]>();
  for (const m of jamf) {
    const s = normSerial(m.serialNumber);
    if (!s) continue;
    bySerial.set(s, [...(bySerial.get(s) ?? []), m]);
  }
  const steps: Step[] = [];
  for (const list of bySerial.values()) {
    if (list.length < 2) continue;
    const k = latestBy(list, (m) => m.lastCheckIn ?? m.reportDate)!;
    keep.push({
      kind: 'jamf',
      id: k.id,
      label: k.name ?? k.id,
      why: [
        L(
          lang,
          `the most recent Jamf Pro check-in (${iso(k.lastCheckIn)})`,
          `il check-in più recente in Jamf Pro (${iso(k.lastCheckIn)})`,
        ),
      ],
    });
    for (const m of list) {
      if (m === k) continue;
      steps.push(
        removeJamfStep(lang, m, [
          describeJamf(lang, m),
          L(
            lang,
            `same serial as Jamf ${k.id}, which checked in later`,
            `stesso seriale di Jamf ${k.id}, che ha fatto il check-in più tardi`,
          ),
        ]),
      );
    }
  }
  return steps;
}

export const intuneDuplicatesPlanner: Planner = {
  kind: 'mechanical',
  script: true,
  plan(finding, { fleet, lang }) {
    const mac = macOf(finding, fleet);
    if (!mac) return missingMac(lang);
    const ids = new Set([String(finding.data.keep ?? ''), ...strings(finding.data.remove)]);
    const recs = mac.intune.filter((d) => ids.has(d.id));
    if (recs.length < 2) return missingMac(lang);
    const ptr = jamfPointers(mac);
    const pointed = recs.filter((d) => {
      const id = normDeviceId(d.azureADDeviceId);
      return id != null && ptr.activated.has(id);
    });
    const newest = latestBy(recs, (d) => d.lastSyncDateTime)!;
    const kept: IntuneDevice = pointed.length === 1 ? pointed[0]! : newest;
    const why: string[] = [];
    if (kept === newest)
      why.push(
        L(
          lang,
          `the most recent sync (${iso(kept.lastSyncDateTime)})`,
          `la sincronizzazione più recente (${iso(kept.lastSyncDateTime)})`,
        ),
      );
    if (pointed.length === 1)
      why.push(
        L(
          lang,
          `Jamf's ACTIVATED registration points to its Entra device ${kept.azureADDeviceId}`,
          `la registrazione ACTIVATED di Jamf punta al suo dispositivo Entra ${kept.azureADDeviceId}`,
        ),
      );
    const keep: Keep[] = [{ kind: 'intune', id: kept.id, label: kept.deviceName ?? kept.id, why }];
    const steps: Step[] = [];
    const keptDeviceId = normDeviceId(kept.azureADDeviceId);
    const entraToRemove = new Map<string, EntraDevice>();
    for (const d of recs) {
      if (d === kept) continue;
      steps.push(
        removeIntuneStep(lang, d, [
          describeIntune(lang, d),
          L(lang, `a duplicate of ${kept.id}, which is kept`, `un duplicato di ${kept.id}, che viene mantenuto`),
        ]),
      );
      const did = normDeviceId(d.azureADDeviceId);
      if (!did || did === keptDeviceId || ptr.any.has(did)) continue;
      const e = entraByDeviceId(fleet, mac, did);
      if (e) entraToRemove.set(e.id, e);
    }
    for (const e of entraToRemove.values()) {
      steps.push(
        ...removeEntraSteps(lang, e, [
          describeEntra(lang, e),
          L(
            lang,
            'only the removed Intune record points to it; neither the kept record nor Jamf does',
            'solo il record Intune rimosso punta a esso; né il record mantenuto né Jamf',
          ),
        ]),
      );
    }
    steps.push(...jamfDuplicateSteps(lang, mac.jamf, keep));
    steps.push(
      scriptStep(lang, finding.checkId, mac.serial, true),
      waitStep(lang),
      reRegisterStep(lang, mac.userKeys[0]),
    );
    return { keep, steps };
  },
};

export const entraDuplicatesPlanner: Planner = {
  kind: 'mechanical',
  script: true,
  plan(finding, { fleet, lang }) {
    const mac = macOf(finding, fleet);
    if (!mac) return missingMac(lang);
    const kept = entraByDeviceId(fleet, mac, String(finding.data.keep ?? ''));
    if (!kept) return missingMac(lang);
    const ptr = jamfPointers(mac);
    const newestIntune = latestBy(mac.intune, (d) => d.lastSyncDateTime);
    const protectedIds = new Set<string>(ptr.activated);
    const nid = normDeviceId(newestIntune?.azureADDeviceId);
    if (nid) protectedIds.add(nid);
    const kid = normDeviceId(kept.deviceId);
    const why: string[] = [];
    if (kid && ptr.activated.has(kid))
      why.push(
        L(lang, "Jamf's ACTIVATED registration points to it", 'la registrazione ACTIVATED di Jamf punta a esso'),
      );
    else if (kid && kid === nid)
      why.push(
        L(
          lang,
          `the newest Intune record (${newestIntune?.id}) points to it`,
          `il record Intune più recente (${newestIntune?.id}) punta a esso`,
        ),
      );
    else
      why.push(
        L(
          lang,
          `the most recent sign-in (${iso(kept.approximateLastSignInDateTime)})`,
          `l'accesso più recente (${iso(kept.approximateLastSignInDateTime)})`,
        ),
      );
    const keep: Keep[] = [{ kind: 'entra', id: kept.id, label: kept.displayName ?? kept.id, why }];
    const steps: Step[] = [];
    for (const r of strings(finding.data.remove)) {
      const e = entraByDeviceId(fleet, mac, r);
      if (!e || e === kept) continue;
      const eid = normDeviceId(e.deviceId);
      if (eid && protectedIds.has(eid)) {
        steps.push({
          where: 'entra',
          automatic: false,
          text: L(
            lang,
            `Not removed automatically: Entra device ${e.id} is still referenced by Jamf's registration or the newest Intune record; check it by hand`,
            `Non rimosso automaticamente: il dispositivo Entra ${e.id} è ancora referenziato dalla registrazione Jamf o dal record Intune più recente; verificarlo a mano`,
          ),
          why: [describeEntra(lang, e)],
        });
        continue;
      }
      // Jamf Pro older than 11.9 does not follow a new registration (Platform SSO): the newer device may be the
      // one the Mac signs in with (compliance/reported-to-old-entra-device); a person decides after the upgrade.
      if (
        jamfAtLeast(fleet.jamf.version, 11, 9) === false &&
        e.registrationDateTime !== null &&
        kept.registrationDateTime !== null &&
        e.registrationDateTime > kept.registrationDateTime
      ) {
        steps.push({
          where: 'entra',
          automatic: false,
          text: L(
            lang,
            `Not removed automatically: Entra device ${e.id} is newer than the one Jamf Pro ${fleet.jamf.version} (older than 11.9) reports to; it may be a Platform SSO registration (compliance/reported-to-old-entra-device): upgrade Jamf Pro and re-register first`,
            `Non rimosso automaticamente: il dispositivo Entra ${e.id} è più recente di quello a cui Jamf Pro ${fleet.jamf.version} (precedente alla 11.9) invia la conformità; può essere una registrazione Platform SSO (compliance/reported-to-old-entra-device): aggiornare Jamf Pro e registrare di nuovo prima`,
          ),
          why: [describeEntra(lang, e)],
        });
        continue;
      }
      steps.push(
        ...removeEntraSteps(lang, e, [
          describeEntra(lang, e),
          finding.data.byName === true
            ? L(lang, 'found by its name, no record points to it', 'trovato dal nome, nessun record punta a esso')
            : L(lang, `a duplicate of ${kept.id}, which is kept`, `un duplicato di ${kept.id}, che viene mantenuto`),
        ]),
      );
    }
    steps.push(
      scriptStep(lang, finding.checkId, mac.serial, true),
      waitStep(lang),
      reRegisterStep(lang, mac.userKeys[0]),
    );
    return { keep, steps };
  },
};
