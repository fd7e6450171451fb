import { DATASETS } from '../../model/datasets.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

const DEVICE_RULE = /\bdevice\.[a-z]/i;

export default defineCheck({
  id: 'compliance/policy-targets-devices',
  severity: 'high',
  modes: ['legacy'],
  requires: [DATASETS.compliancePolicies.id],
  title: {
    en: 'A macOS compliance policy is assigned to devices, not users',
    it: 'Un criterio di conformità macOS è assegnato ai dispositivi, non agli utenti',
  },
  cause: {
    en: 'The Jamf integration with Intune only supports compliance policies assigned to user groups. A macOS policy assigned to all devices or to a device group does not evaluate Jamf Macs, so they never become compliant.',
    it: "L'integrazione di Jamf con Intune supporta solo criteri di conformità assegnati a gruppi di utenti. Un criterio macOS assegnato a tutti i dispositivi o a un gruppo di dispositivi non valuta i Mac Jamf, che quindi non diventano mai conformi.",
  },
  resolution: {
    en: [
      'Intune admin center > Devices > Compliance > the macOS policy > Properties > Assignments: remove "All devices" and every device group.',
      'Assign the policy to the Entra user groups whose members use the Jamf Macs.',
      'Wait for the next Jamf inventory update (or run `sudo jamf recon` on a Mac) and check the compliance state again.',
    ],
    it: [
      'Interfaccia di amministrazione di Intune > Dispositivi > Conformità > il criterio macOS > Proprietà > Assegnazioni: rimuovere "Tutti i dispositivi" e ogni gruppo di dispositivi.',
      'Assegnare il criterio ai gruppi di utenti Entra i cui membri usano i Mac Jamf.',
      "Attendere il prossimo aggiornamento dell'inventario Jamf (o eseguire `sudo jamf recon` su un Mac) e verificare di nuovo lo stato di conformità.",
    ],
  },
  sources: ['article: compliance policy fails to evaluate the device'],
  messages: {
    allDevices: msg<{ policy: string }>({
      en: (d) => `Policy "${d.policy}" is assigned to All devices`,
      it: (d) => `Il criterio "${d.policy}" è assegnato a Tutti i dispositivi`,
    }),
    deviceGroup: msg<{ policy: string; group: string; devices: number; members: number }>({
      en: (d) =>
        `Policy "${d.policy}" is assigned to group "${d.group}", ${d.devices} of whose ${d.members} members are devices`,
      it: (d) =>
        `Il criterio "${d.policy}" è assegnato al gruppo "${d.group}", di cui ${d.devices} membri su ${d.members} sono dispositivi`,
    }),
    dynamicDeviceGroup: msg<{ policy: string; group: string; rule: string }>({
      en: (d) =>
        `Policy "${d.policy}" is assigned to dynamic group "${d.group}", whose rule selects devices (${d.rule})`,
      it: (d) =>
        `Il criterio "${d.policy}" è assegnato al gruppo dinamico "${d.group}", la cui regola seleziona dispositivi (${d.rule})`,
    }),
  },
  run(fleet, ctx) {
    for (const p of fleet.compliancePolicies) {
      if (p.odataType !== 'macOSCompliancePolicy') continue;
      const name = p.displayName ?? p.id;
      if (p.assignments === null) {
        ctx.unknown(`policy ${name} was read without $expand=assignments`, subject.policy(p.id, p.displayName));
        continue;
      }
      const polEvidence = evidence.record(DATASETS.compliancePolicies.id, p.id, {
        displayName: p.displayName,
        'assignments[].target': p.assignments.map((a) => (a.groupId ? `${a.type}:${a.groupId}` : a.type)),
      });
      for (const a of p.assignments) {
        if (a.type === 'allDevicesAssignmentTarget') {
          ctx.report({
            messageId: 'allDevices',
            data: { policy: name },
            subjects: [subject.policy(p.id, p.displayName)],
            evidence: [polEvidence],
          });
          continue;
        }
        if (a.type !== 'groupAssignmentTarget' || !a.groupId) continue;
        const g = fleet.groups.get(a.groupId);
        if (!g) {
          ctx.unknown(`group ${a.groupId} of policy ${name} was not collected`, subject.group(a.groupId, null));
          continue;
        }
        const groupName = g.displayName ?? g.id;
        const groupEvidence = evidence.record(`graph/v1.0/groups/${g.id}`, g.id, {
          displayName: g.displayName,
          groupTypes: g.groupTypes,
          membershipRule: g.membershipRule,
        });
        const dynamic = g.groupTypes.some((t) => t.toLowerCase() === 'dynamicmembership');
        if (dynamic && g.membershipRule && !DEVICE_RULE.test(g.membershipRule)) continue;
        if (dynamic && g.membershipRule) {
          ctx.report({
            messageId: 'dynamicDeviceGroup',
            data: { policy: name, group: groupName, rule: g.membershipRule },
            subjects: [subject.policy(p.id, p.displayName), subject.group(g.id, g.displayName)],
            evidence: [polEvidence, groupEvidence],
          });
          continue;
        }
        if (g.memberTypes === null || g.membersStatus !== 'complete') {
          ctx.unknown(
            `members of group ${groupName} were not collected completely`,
            subject.group(g.id, g.displayName),
          );
          continue;
        }
        const devices = g.memberTypes.filter((t) => t === 'device').length;
        if (devices > 0) {
          ctx.report({
            messageId: 'deviceGroup',
            data: { policy: name, group: groupName, devices, members: g.memberTypes.length },
            subjects: [subject.policy(p.id, p.displayName), subject.group(g.id, g.displayName)],
            evidence: [
              polEvidence,
              {
                ...groupEvidence,
                source: `graph/v1.0/groups/${g.id}/members`,
                fields: { '@odata.type=device': devices, members: g.memberTypes.length },
              },
            ],
          });
        }
      }
    }
  },
});
