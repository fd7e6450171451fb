import { DATASETS } from '../../model/datasets.js';
import { normDeviceId } from '../../model/keys.js';
import type { JamfComplianceInfo } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { coverage, DAY, evidence, hoursBetween, list, subject } from '../util.js';

/**
 * How long after registration an Entra device may still have no compliance state. Microsoft expects the state
 * within the hour after Self Service registration (its troubleshooting starts when the device stays N/A or Not
 * Compliant); Jamf's update delays are not documented, so a day keeps clear of them.
 */
export const STATE_GRACE = DAY;

const ENTRA_FIELDS = ['deviceId', 'displayName', 'isCompliant', 'registrationDateTime'] as const;

type Base = { name: string; deviceId: string; hours: number; computer: string };

export default defineCheck({
  id: 'compliance/entra-state-never-set',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.devices.id, DATASETS.computers.id, DATASETS.jamfCompliance.id],
  title: {
    en: "A registered Mac's Entra device never got a compliance state",
    it: 'Il dispositivo Entra di un Mac registrato non ha mai ricevuto uno stato di conformità',
  },
  cause: {
    en: 'After a Mac registers from Self Service, Jamf Pro sends its compliance to the Entra device. When the Entra device still has no compliance state (isCompliant not set, "N/A") a day after registrationDateTime, Conditional Access treats the Mac as not compliant. Jamf Pro\'s own view of the computer tells why: the Mac is not in the Applicable smart group (applicable false) or in no compliance integration, Jamf Pro has not computed a state (UNKNOWN), Jamf Pro sends the state to another Entra device, or it computed one that never reached Entra (the user outside the partner\'s groups, a connection problem).',
    it: 'Dopo che un Mac si è registrato da Self Service, Jamf Pro invia la sua conformità al dispositivo Entra. Quando il dispositivo Entra non ha ancora uno stato di conformità (isCompliant non impostato, "N/D") un giorno dopo registrationDateTime, l\'accesso condizionale considera il Mac non conforme. La vista di Jamf Pro sul computer dice perché: il Mac non è nel gruppo smart Applicable (applicable false) o in nessuna integrazione di conformità, Jamf Pro non ha calcolato uno stato (UNKNOWN), Jamf Pro invia lo stato a un altro dispositivo Entra, oppure ne ha calcolato uno che non è mai arrivato a Entra (utente fuori dai gruppi del partner, un problema di connessione).',
  },
  resolution: {
    en: [
      'Not applicable / no compliance information: fix the criteria of the Applicable smart group in Jamf Pro > Settings > Global > Device Compliance so that the Mac is a member, then run `sudo jamf manage` on the Mac.',
      'UNKNOWN: update the inventory (`sudo jamf recon`) and check that the Compliance smart group evaluates the Mac.',
      'Another Entra device: see entra/duplicate-device-records; Jamf Pro 11.9 or later follows a new registration (Platform SSO).',
      'Computed but not delivered: check compliance/user-outside-partner-scope and connector/device-compliance-partner-state, then have the user run gatherAADInfo (the "Register with Microsoft Entra ID" Self Service policy) and look for "Microsoft Entra ID acquired for macOS user".',
    ],
    it: [
      'Non applicabile / nessuna informazione di conformità: correggere i criteri del gruppo smart Applicable in Jamf Pro > Impostazioni > Globali > Device Compliance perché il Mac ne faccia parte, poi eseguire `sudo jamf manage` sul Mac.',
      "UNKNOWN: aggiornare l'inventario (`sudo jamf recon`) e verificare che il gruppo smart Compliance valuti il Mac.",
      'Un altro dispositivo Entra: vedere entra/duplicate-device-records; Jamf Pro 11.9 o successivo segue una nuova registrazione (Platform SSO).',
      'Calcolato ma non consegnato: verificare compliance/user-outside-partner-scope e connector/device-compliance-partner-state, poi far eseguire all\'utente gatherAADInfo (il criterio di Self Service "Registra con Microsoft Entra ID") e cercare "Microsoft Entra ID acquired for macOS user".',
    ],
  },
  sources: [
    'Microsoft Learn: Jamf device compliance with Entra ID, troubleshooting a device that stays N/A or Not Compliant after registration (https://github.com/MicrosoftDocs/memdocs/blob/main/intune/device-security/compliance/jamf-entra-id.md)',
    'Jamf Pro API: GET /api/v1/conditional-access/device-compliance-information/computer/{id} (applicable, complianceState, complianceVendorDeviceInformation.deviceIds; ruby-jss Jamf::OAPISchemas::DeviceComplianceInformation)',
  ],
  messages: {
    'not-applicable': msg<Base>({
      en: (d) =>
        `${d.name}: Entra device ${d.deviceId} was registered ${d.hours} h ago and still has no compliance state; Jamf Pro says Device Compliance does not apply to computer ${d.computer} (applicable false: not in the Applicable smart group), so it sends none`,
      it: (d) =>
        `${d.name}: il dispositivo Entra ${d.deviceId} è stato registrato ${d.hours} h fa e non ha ancora uno stato di conformità; Jamf Pro indica che Device Compliance non si applica al computer ${d.computer} (applicable false: non è nel gruppo smart Applicable), quindi non ne invia`,
    }),
    'no-integration': msg<Base>({
      en: (d) =>
        `${d.name}: Entra device ${d.deviceId} was registered ${d.hours} h ago and still has no compliance state; Jamf Pro returns no compliance information for computer ${d.computer} (it is in no compliance integration)`,
      it: (d) =>
        `${d.name}: il dispositivo Entra ${d.deviceId} è stato registrato ${d.hours} h fa e non ha ancora uno stato di conformità; Jamf Pro non restituisce informazioni di conformità per il computer ${d.computer} (non è in alcuna integrazione di conformità)`,
    }),
    'jamf-unknown': msg<Base>({
      severity: 'medium',
      en: (d) =>
        `${d.name}: Entra device ${d.deviceId} was registered ${d.hours} h ago and still has no compliance state; Jamf Pro's compliance state of computer ${d.computer} is UNKNOWN (not computed)`,
      it: (d) =>
        `${d.name}: il dispositivo Entra ${d.deviceId} è stato registrato ${d.hours} h fa e non ha ancora uno stato di conformità; lo stato di conformità del computer ${d.computer} in Jamf Pro è UNKNOWN (non calcolato)`,
    }),
    'other-device': msg<Base & { others: string }>({
      en: (d) =>
        `${d.name}: Entra device ${d.deviceId} was registered ${d.hours} h ago and still has no compliance state; Jamf Pro sends the compliance of computer ${d.computer} to Entra device ${d.others} instead`,
      it: (d) =>
        `${d.name}: il dispositivo Entra ${d.deviceId} è stato registrato ${d.hours} h fa e non ha ancora uno stato di conformità; Jamf Pro invia la conformità del computer ${d.computer} invece al dispositivo Entra ${d.others}`,
    }),
    'not-delivered': msg<Base & { state: string }>({
      en: (d) =>
        `${d.name}: Entra device ${d.deviceId} was registered ${d.hours} h ago and still has no compliance state, although Jamf Pro computed ${d.state} for computer ${d.computer}: the state never reached Entra`,
      it: (d) =>
        `${d.name}: il dispositivo Entra ${d.deviceId} è stato registrato ${d.hours} h fa e non ha ancora uno stato di conformità, anche se Jamf Pro ha calcolato ${d.state} per il computer ${d.computer}: lo stato non è mai arrivato a Entra`,
    }),
  },
  run(fleet, ctx) {
    const family = DATASETS.jamfCompliance.id;
    const cov = coverage(ctx, 'mac');
    for (const mac of fleet.eachMac()) {
      if (!mac.managedByJamf || mac.entraCount === 0) continue;
      for (const c of mac.jamf()) {
        if (c.managed !== true || !c.accountsRead) continue;
        const seen: string[] = [];
        for (const a of c.accounts()) {
          const e = mac.entraOf(a);
          if (!e || e.isCompliant !== null || seen.includes(e.id)) continue;
          seen.push(e.id);
          const deviceId = normDeviceId(e.deviceId) ?? e.id;
          const reg = e.registrationDateTime;
          if (reg === null) {
            cov.unknown(`Entra device ${deviceId} has no registrationDateTime`, subject.mac(mac));
            continue;
          }
          if (ctx.now - reg <= STATE_GRACE) continue;
          const base: Base = { name: c.name ?? mac.key, deviceId, hours: hoursBetween(reg, ctx.now), computer: c.id };
          const infos: readonly JamfComplianceInfo[] = mac.jamfCompliance.filter((i) => i.computerId === c.id);
          const path = family.replace('{id}', c.id);
          const read = fleet.datasets.get(path)?.status === 'complete' || infos.length > 0;
          if (!read) {
            cov.unknown(`Jamf Pro's compliance information of computer ${c.id} was not collected`, subject.mac(mac));
            continue;
          }
          const ev = [
            evidence.entra(e, ENTRA_FIELDS),
            evidence.record(path, c.id, {
              applicable: infos[0]?.applicable ?? null,
              complianceState: infos[0]?.complianceState ?? null,
              'complianceVendorDeviceInformation.deviceIds': infos.flatMap((i) => i.deviceIds),
            }),
          ];
          const subjects = [subject.mac(mac)];
          if (infos.length === 0) {
            ctx.report({ messageId: 'no-integration', data: base, subjects, evidence: ev });
            continue;
          }
          if (infos.some((i) => i.applicable === false) && !infos.some((i) => i.applicable === true)) {
            ctx.report({ messageId: 'not-applicable', data: base, subjects, evidence: ev });
            continue;
          }
          const info = infos.find((i) => i.applicable === true);
          if (!info) {
            cov.unknown(
              `Jamf Pro does not say whether Device Compliance applies to computer ${c.id}`,
              subject.mac(mac),
            );
            continue;
          }
          const targets = info.deviceIds.map((x) => normDeviceId(x)).filter((x): x is string => x !== null);
          // No Entra device known to Jamf Pro: compliance/jamf-entra-mismatch reports it (noEntraDevice).
          if (targets.length === 0) continue;
          if (!targets.includes(deviceId)) {
            ctx.report({ messageId: 'other-device', data: { ...base, others: list(targets) }, subjects, evidence: ev });
            continue;
          }
          const state = (info.complianceState ?? '').toUpperCase();
          // COMPLIANT sent to this very device but not set: compliance/jamf-entra-mismatch reports it.
          if (state === 'COMPLIANT') continue;
          if (state === '' || state === 'UNKNOWN') {
            ctx.report({ messageId: 'jamf-unknown', data: base, subjects, evidence: ev });
            continue;
          }
          ctx.report({ messageId: 'not-delivered', data: { ...base, state }, subjects, evidence: ev });
        }
      }
      cov.next();
    }
    cov.done();
  },
});
