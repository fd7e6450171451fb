import { DATASETS } from '../../model/datasets.js';
import type { JamfApplication } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { coverage, evidence, subject } from '../util.js';
import { complianceApplies } from './shared.js';

/**
 * Research device-compliance.md §1 row 20: a Mac never offered the Self Service registration because Device
 * Compliance does not apply to it (Jamf Pro `applicable: false`), and Company Portal, which Microsoft's sample
 * Applicable smart group requires, is not installed. The tenant's own Applicable criteria have no API, so the
 * message says "if": Company Portal missing is a reason the Mac is outside the group, not proof that it is the
 * only one.
 */

/** Company Portal's bundle id since 2.6 and before (jamf.md §5.3: com.microsoft.CompanyPortalMac, older com.microsoft.CompanyPortal). */
export const COMPANY_PORTAL_BUNDLE_IDS = ['com.microsoft.companyportalmac', 'com.microsoft.companyportal'];
export const COMPANY_PORTAL_APP = 'company portal.app';

/** Is this application Company Portal: by bundle id, or by name only when the inventory gives no bundle id. */
export function isCompanyPortal(a: JamfApplication): boolean {
  if (a.bundleId !== null) return COMPANY_PORTAL_BUNDLE_IDS.includes(a.bundleId.toLowerCase());
  return a.name?.toLowerCase() === COMPANY_PORTAL_APP;
}

export default defineCheck({
  id: 'jamf/company-portal-missing',
  severity: 'medium',
  modes: ['device-compliance'],
  requires: [DATASETS.computers.id, DATASETS.jamfCompliance.id, DATASETS.computerApplications.id],
  title: {
    en: 'A Mac is outside Device Compliance and has no Company Portal',
    it: 'Un Mac è fuori da Device Compliance e non ha Company Portal',
  },
  cause: {
    en: 'Jamf Pro offers the "Register with Microsoft Entra ID" registration only to Macs in the Applicable smart group of Settings > Global > Device Compliance, and the registration runs Company Portal. Microsoft\'s sample Applicable group requires Company Portal ("Application Title is Company Portal.app"): a Mac without it stays outside the group, Jamf Pro reports Device Compliance as not applicable to it, and its user is never offered the registration.',
    it: 'Jamf Pro offre la registrazione "Registra con Microsoft Entra ID" solo ai Mac del gruppo smart Applicable in Impostazioni > Globali > Device Compliance, e la registrazione esegue Company Portal. Il gruppo Applicable di esempio di Microsoft richiede Company Portal ("Application Title is Company Portal.app"): un Mac che non lo ha resta fuori dal gruppo, Jamf Pro indica che Device Compliance non gli si applica, e al suo utente la registrazione non viene mai offerta.',
  },
  resolution: {
    en: [
      'Deploy Company Portal to the Mac (Jamf App Catalog or Mac App Installers, or a policy with the package), then update its inventory (`sudo jamf recon`).',
      'Check the criteria of the Applicable smart group in Jamf Pro > Settings > Global > Device Compliance: when the Mac meets them it becomes applicable and the Self Service registration is offered.',
    ],
    it: [
      "Distribuire Company Portal sul Mac (Jamf App Catalog o Mac App Installers, o un criterio con il pacchetto), poi aggiornarne l'inventario (`sudo jamf recon`).",
      'Verificare i criteri del gruppo smart Applicable in Jamf Pro > Impostazioni > Globali > Device Compliance: quando il Mac li soddisfa diventa applicabile e la registrazione da Self Service viene offerta.',
    ],
  },
  sources: [
    'Microsoft Learn: Jamf device compliance with Entra ID, sample Applicable group criteria (https://github.com/MicrosoftDocs/memdocs/blob/main/intune/device-security/compliance/jamf-entra-id.md)',
    'Jamf Pro API device-compliance-information `applicable` (https://developer.jamf.com/jamf-pro/reference/get_v1-conditional-access-device-compliance-information-computer-deviceid) and computers-inventory section APPLICATIONS (https://github.com/macadmins/jamf-pro-sdk-python/blob/main/src/jamf_pro_sdk/models/pro/computers.py)',
  ],
  messages: {
    missing: msg<{ name: string; computer: string; apps: number }>({
      en: (d) =>
        `${d.name}: Jamf Pro says Device Compliance does not apply to computer ${d.computer} (applicable: false), and Company Portal (com.microsoft.CompanyPortalMac) is not among its ${d.apps} applications: if the Applicable smart group requires it, as Microsoft's sample does, the Mac is never offered the registration`,
      it: (d) =>
        `${d.name}: Jamf Pro indica che Device Compliance non si applica al computer ${d.computer} (applicable: false), e Company Portal (com.microsoft.CompanyPortalMac) non è tra le sue ${d.apps} applicazioni: se il gruppo smart Applicable lo richiede, come quello di esempio di Microsoft, al Mac la registrazione non viene mai offerta`,
    }),
  },
  run(fleet, ctx) {
    const family = DATASETS.jamfCompliance.id;
    const cov = coverage(ctx, 'mac');
    for (const mac of fleet.eachMac()) {
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        const path = family.replace('{id}', c.id);
        const read = fleet.datasets.get(path)?.status === 'complete';
        const applies = complianceApplies(mac.jamfCompliance, c.id, read);
        if (applies === 'not-read') {
          cov.unknown(`Jamf computer ${c.id}: its compliance information was not collected`, subject.mac(mac));
          continue;
        }
        if (applies !== 'not-applicable') continue;
        const apps = c.applications;
        if (apps === null) {
          cov.unknown(`Jamf computer ${c.id}: its applications were not collected`, subject.mac(mac));
          continue;
        }
        if (apps.some(isCompanyPortal)) continue;
        ctx.report({
          messageId: 'missing',
          data: { name: c.name ?? mac.key, computer: c.id, apps: apps.length },
          subjects: [subject.mac(mac)],
          evidence: [
            evidence.jamf(c, ['name', 'serialNumber', 'reportDate']),
            evidence.record(path, c.id, { applicable: false }),
            evidence.record(DATASETS.computerApplications.id, c.id, { applications: apps.length }),
          ],
        });
      }
      cov.next();
    }
    cov.done();
  },
});
