import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { DAY, daysBetween, evidence, hoursBetween, subject } from '../util.js';

/**
 * Microsoft's sample Compliance smart group holds "Last Inventory Update less than 2 days ago": a Mac whose
 * inventory is older leaves the group and turns non-compliant. The tenant's own criteria are not readable (the
 * Device Compliance settings have no API), so the sample's two days are used.
 */
const JAMF_FIELDS = ['name', 'serialNumber', 'reportDate', 'lastCheckIn'] as const;

export const SAMPLE_INVENTORY_AGE = 2 * DAY;
/** UNKNOWN "usually means that the compliance state is being calculated": a day on a settled inventory is long. */
export const UNKNOWN_AGE = DAY;

export default defineCheck({
  id: 'compliance/jamf-inventory-stale',
  severity: 'medium',
  modes: ['device-compliance'],
  requires: [DATASETS.computers.id, DATASETS.jamfCompliance.id],
  title: {
    en: "A Mac's Jamf compliance state rests on an old inventory",
    it: 'Lo stato di conformità di un Mac in Jamf si basa su un inventario vecchio',
  },
  cause: {
    en: 'Jamf Pro computes Device Compliance from smart groups over the inventory. Microsoft\'s sample Compliance group requires "Last Inventory Update less than 2 days ago", so a Mac that stops sending inventory turns non-compliant after two days although nothing changed on it. A compliance state that stays UNKNOWN ("being calculated") on an inventory more than a day old means the Mac was not evaluated.',
    it: 'Jamf Pro calcola Device Compliance dai gruppi smart sull\'inventario. Il gruppo Compliance di esempio di Microsoft richiede "Last Inventory Update less than 2 days ago", quindi un Mac che smette di inviare l\'inventario diventa non conforme dopo due giorni anche se nulla è cambiato. Uno stato di conformità che resta UNKNOWN ("in calcolo") su un inventario vecchio di più di un giorno indica che il Mac non è stato valutato.',
  },
  resolution: {
    en: [
      'On the Mac, run `sudo jamf recon` and check that it succeeds; then look at why the inventory stopped (the check-in, an inventory policy with a recurring trigger, jamf/check-in-overdue).',
      'Compare with the criteria of the Compliance smart group in Jamf Pro > Settings > Global > Device Compliance: if it requires a recent inventory, the Mac returns to it with the next inventory update.',
      'For UNKNOWN: after the inventory update, check that the Compliance and Applicable smart groups evaluate the Mac.',
    ],
    it: [
      "Sul Mac eseguire `sudo jamf recon` e verificare che riesca; poi cercare perché l'inventario si è fermato (il check-in, un criterio di inventario con attivazione ricorrente, jamf/check-in-overdue).",
      "Confrontare con i criteri del gruppo smart Compliance in Jamf Pro > Impostazioni > Globali > Device Compliance: se richiede un inventario recente, il Mac vi rientra con il prossimo aggiornamento dell'inventario.",
      "Per UNKNOWN: dopo l'aggiornamento dell'inventario, verificare che i gruppi smart Compliance e Applicable valutino il Mac.",
    ],
  },
  sources: [
    'Microsoft Learn: Jamf device compliance with Entra ID, sample Compliance group criteria ("Last Inventory Update less than 2 days ago") (https://github.com/MicrosoftDocs/memdocs/blob/main/intune/device-security/compliance/jamf-entra-id.md)',
    'Jamf Pro API: device-compliance-information complianceState UNKNOWN "usually means that the compliance state is being calculated" (https://developer.jamf.com/jamf-pro/reference/get_v1-conditional-access-device-compliance-information-computer-deviceid)',
  ],
  messages: {
    'noncompliant-old-inventory': msg<{ name: string; computer: string; days: number; reportDate: string }>({
      en: (d) =>
        `${d.name}: Jamf Pro says computer ${d.computer} is NON_COMPLIANT and its last inventory update is ${d.days} days old (${d.reportDate}); a Compliance group that requires a recent inventory (Microsoft's sample: less than 2 days) excludes it for that alone`,
      it: (d) =>
        `${d.name}: Jamf Pro indica il computer ${d.computer} come NON_COMPLIANT e il suo ultimo aggiornamento dell'inventario risale a ${d.days} giorni fa (${d.reportDate}); un gruppo Compliance che richiede un inventario recente (nell'esempio di Microsoft: meno di 2 giorni) lo esclude solo per questo`,
    }),
    'unknown-old-inventory': msg<{ name: string; computer: string; hours: number; reportDate: string }>({
      severity: 'low',
      en: (d) =>
        `${d.name}: Jamf Pro's compliance state of computer ${d.computer} is still UNKNOWN although its inventory is ${d.hours} h old (${d.reportDate})`,
      it: (d) =>
        `${d.name}: lo stato di conformità del computer ${d.computer} in Jamf Pro è ancora UNKNOWN anche se il suo inventario risale a ${d.hours} h fa (${d.reportDate})`,
    }),
  },
  run(fleet, ctx) {
    let checked = 0;
    for (const mac of fleet.eachMac()) {
      const infos = mac.jamfCompliance;
      if (infos.length === 0) continue;
      // A Mac is counted once, however many of its Jamf computer records were looked at.
      let looked = false;
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        const info = infos.find((i) => i.computerId === c.id && i.applicable === true);
        if (!info) continue;
        const state = (info.complianceState ?? '').toUpperCase();
        if (state !== 'NON_COMPLIANT' && state !== 'UNKNOWN') {
          looked = true;
          continue;
        }
        const report = c.reportDate;
        if (report === null) {
          ctx.unknown(`Jamf computer ${c.id} has no inventory date (reportDate)`, subject.mac(mac));
          continue;
        }
        looked = true;
        const age = ctx.now - report;
        const ev = [
          evidence.jamf(c, JAMF_FIELDS),
          evidence.record(DATASETS.jamfCompliance.id.replace('{id}', c.id), c.id, {
            applicable: info.applicable,
            complianceState: info.complianceState,
          }),
        ];
        const reportDate = new Date(report).toISOString();
        const name = c.name ?? mac.key;
        if (state === 'NON_COMPLIANT' && age > SAMPLE_INVENTORY_AGE) {
          ctx.report({
            messageId: 'noncompliant-old-inventory',
            data: { name, computer: c.id, days: daysBetween(report, ctx.now), reportDate },
            subjects: [subject.mac(mac)],
            evidence: ev,
          });
        } else if (state === 'UNKNOWN' && age > UNKNOWN_AGE) {
          ctx.report({
            messageId: 'unknown-old-inventory',
            data: { name, computer: c.id, hours: hoursBetween(report, ctx.now), reportDate },
            subjects: [subject.mac(mac)],
            evidence: ev,
          });
        }
      }
      if (looked) checked++;
    }
    ctx.checked(checked, 'mac');
  },
});
