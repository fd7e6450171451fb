import { DATASETS } from '../../model/datasets.js';
import { normUser } from '../../model/keys.js';
import { jamfCompliancePartners } from '../../model/mode.js';
import type { Fleet, Group } from '../../model/types.js';
import { defineCheck, msg } from '../define.js';
import { coverage, evidence, list, subject } from '../util.js';

type Verdict = 'in' | 'out' | 'excluded' | 'unknown';

/** Who the Jamf compliance partner's macOS assignments reach, as far as the collected groups tell. */
interface Scope {
  allUsers: boolean;
  included: Group[];
  members: Set<string>;
  excluded: Set<string>;
  /** Groups assigned (or excluded) whose members were not collected completely. */
  incompleteIncluded: string[];
  incompleteExcluded: string[];
}

function groupOf(fleet: Fleet, id: string): Group | undefined {
  return fleet.groups.get(id) ?? fleet.groups.get(id.toLowerCase());
}

/** null: nothing to evaluate (no onboarded Jamf partner, or no assignment: other checks report those). */
function scopeOf(fleet: Fleet, unknown: (reason: string) => void): Scope | null {
  const partners = jamfCompliancePartners(fleet.compliancePartners).filter((p) => p.macOsOnboarded !== false);
  if (!partners.length) return null;
  const scope: Scope = {
    allUsers: false,
    included: [],
    members: new Set(),
    excluded: new Set(),
    incompleteIncluded: [],
    incompleteExcluded: [],
  };
  let targets = 0;
  for (const p of partners) {
    for (const t of p.macOsEnrollmentAssignments) {
      if (t.type === 'allLicensedUsersAssignmentTarget') {
        scope.allUsers = true;
        targets++;
        continue;
      }
      const exclusion = t.type === 'exclusionGroupAssignmentTarget';
      if ((t.type !== 'groupAssignmentTarget' && !exclusion) || !t.groupId) {
        unknown(`the Jamf compliance partner has a macOS assignment of type ${t.type}`);
        return null;
      }
      if (!exclusion) targets++;
      const g = groupOf(fleet, t.groupId);
      if (!g || g.memberIds === null || g.membersStatus !== 'complete') {
        (exclusion ? scope.incompleteExcluded : scope.incompleteIncluded).push(g?.displayName ?? t.groupId);
        continue;
      }
      if (!exclusion) scope.included.push(g);
      for (const id of g.memberIds) (exclusion ? scope.excluded : scope.members).add(id);
    }
  }
  return targets ? scope : null;
}

function verdict(scope: Scope, userId: string): Verdict {
  if (scope.excluded.has(userId)) return 'excluded';
  if (scope.incompleteExcluded.length) return 'unknown';
  if (scope.allUsers || scope.members.has(userId)) return 'in';
  return scope.incompleteIncluded.length ? 'unknown' : 'out';
}

export default defineCheck({
  id: 'compliance/user-outside-partner-scope',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.compliancePartners.id, DATASETS.computers.id, DATASETS.groups.id],
  title: {
    en: 'A user who registered a Mac is outside the groups assigned to Jamf Device Compliance',
    it: 'Un utente che ha registrato un Mac è fuori dai gruppi assegnati a Jamf Device Compliance',
  },
  cause: {
    en: "Jamf Pro reports compliance only for the users of the Entra groups assigned to the Jamf Device Compliance partner for macOS in Intune. A user who registered a Mac but is not a member of those groups (directly or through a nested group), or is in an excluded group, gets no compliance state: the Mac's Entra device stays without a compliance state or not compliant, and Conditional Access blocks the user. Microsoft's troubleshooting asks first that the authenticating user be a member of the group scoped to the Jamf connector.",
    it: "Jamf Pro segnala la conformità solo per gli utenti dei gruppi Entra assegnati al partner Jamf Device Compliance per macOS in Intune. Un utente che ha registrato un Mac ma non è membro di quei gruppi (direttamente o tramite un gruppo annidato), o è in un gruppo escluso, non riceve alcuno stato di conformità: il dispositivo Entra del Mac resta senza stato di conformità o non conforme e l'accesso condizionale blocca l'utente. La risoluzione dei problemi di Microsoft chiede per prima cosa che l'utente che si autentica sia membro del gruppo assegnato al connettore Jamf.",
  },
  resolution: {
    en: [
      'Add the user named in the finding (or a group the user belongs to) to a group assigned in Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management > Jamf Device Compliance > macOS, and remove the user from any excluded group.',
      'Wait for the group membership to apply, then have the user run the "Register with Microsoft Entra ID" policy from Jamf Self Service again.',
    ],
    it: [
      "Aggiungere l'utente indicato nel risultato (o un gruppo a cui appartiene) a un gruppo assegnato in interfaccia di amministrazione di Intune > Amministrazione tenant > Connettori e token > Gestione conformità partner > Jamf Device Compliance > macOS, e togliere l'utente da ogni gruppo escluso.",
      'Attendere che l\'appartenenza al gruppo sia applicata, poi far eseguire all\'utente di nuovo il criterio "Registra con Microsoft Entra ID" da Jamf Self Service.',
    ],
  },
  sources: [
    'Microsoft Learn: Jamf device compliance with Entra ID, troubleshooting: "The authenticating user is a member of the Microsoft Entra group that is scoped to the Jamf Intune connector" (https://github.com/MicrosoftDocs/memdocs/blob/main/intune/device-security/compliance/jamf-entra-id.md)',
    'Microsoft Graph: complianceManagementPartner macOsEnrollmentAssignments; group transitiveMembers (https://learn.microsoft.com/graph/api/group-list-transitivemembers)',
  ],
  messages: {
    outside: msg<{ name: string; account: string; user: string; groups: string }>({
      en: (d) =>
        `${d.name}: ${d.user} (local account ${d.account}) registered the Mac but is not a member of the groups assigned to Jamf Device Compliance for macOS (${d.groups}): Jamf Pro cannot report compliance for this user`,
      it: (d) =>
        `${d.name}: ${d.user} (account locale ${d.account}) ha registrato il Mac ma non è membro dei gruppi assegnati a Jamf Device Compliance per macOS (${d.groups}): Jamf Pro non può segnalare la conformità per questo utente`,
    }),
    excluded: msg<{ name: string; account: string; user: string }>({
      en: (d) =>
        `${d.name}: ${d.user} (local account ${d.account}) registered the Mac but is in a group excluded from Jamf Device Compliance for macOS: Jamf Pro cannot report compliance for this user`,
      it: (d) =>
        `${d.name}: ${d.user} (account locale ${d.account}) ha registrato il Mac ma è in un gruppo escluso da Jamf Device Compliance per macOS: Jamf Pro non può segnalare la conformità per questo utente`,
    }),
  },
  run(fleet, ctx) {
    const scope = scopeOf(fleet, (reason) => ctx.unknown(reason));
    if (!scope || (scope.allUsers && scope.excluded.size === 0 && scope.incompleteExcluded.length === 0)) return;
    const groupNames = list(scope.included.map((g) => g.displayName ?? g.id));
    const partner = jamfCompliancePartners(fleet.compliancePartners).find((p) => p.macOsOnboarded !== false)!;
    const cov = coverage(ctx, 'mac');
    for (const mac of fleet.eachMac()) {
      if (!mac.managedByJamf) continue;
      for (const c of mac.jamf()) {
        if (c.managed !== true) continue;
        if (!c.accountsRead) {
          cov.unknown(`Jamf computer ${c.id} was read without LOCAL_USER_ACCOUNTS`, subject.mac(mac));
          continue;
        }
        const usernames: string[] = [];
        const userIds: string[] = [];
        const found: Array<{ account: string; id: string; v: Verdict }> = [];
        for (const a of c.accounts()) {
          usernames.push(a.username ?? '');
          userIds.push(a.userAzureActiveDirectoryId ?? '');
          // Only accounts that registered: Jamf Pro holds the Entra user id it registered them with.
          const id = normUser(a.userAzureActiveDirectoryId);
          if (!id) continue;
          const v = verdict(scope, id);
          if (v !== 'in') found.push({ account: a.username ?? '?', id, v });
        }
        for (const f of found) {
          const user = fleet.usersById.get(f.id) ?? null;
          const who = user?.userPrincipalName ?? f.id;
          if (f.v === 'unknown') {
            cov.unknown(
              `the members of ${list([...scope.incompleteIncluded, ...scope.incompleteExcluded])} were not collected completely`,
              subject.mac(mac),
            );
            continue;
          }
          const ev = [
            evidence.record(c.source, c.id, {
              'localUserAccounts[].username': usernames,
              'localUserAccounts[].userAzureActiveDirectoryId': userIds,
            }),
            evidence.compliancePartner(partner, ['displayName', 'macOsEnrollmentAssignments']),
          ];
          const base = { name: c.name ?? mac.key, account: f.account, user: who };
          const subjects = [subject.mac(mac), subject.user(f.id, user)];
          if (f.v === 'excluded') ctx.report({ messageId: 'excluded', data: base, subjects, evidence: ev });
          else ctx.report({ messageId: 'outside', data: { ...base, groups: groupNames }, subjects, evidence: ev });
        }
      }
      cov.next();
    }
    cov.done();
  },
});
