import { DATASETS } from '../../model/datasets.js';
import { jamfCompliancePartners } from '../../model/mode.js';
import { defineCheck, msg } from '../define.js';
import { evidence, subject } from '../util.js';

const FIELDS = ['displayName', 'partnerState', 'macOsOnboarded', 'macOsEnrollmentAssignments'] as const;

export default defineCheck({
  id: 'connector/device-compliance-all-users',
  severity: 'high',
  modes: ['device-compliance'],
  requires: [DATASETS.compliancePartners.id],
  title: {
    en: 'The Jamf Device Compliance partner is assigned to all users, or to nobody',
    it: 'Il partner Jamf Device Compliance è assegnato a tutti gli utenti, o a nessuno',
  },
  cause: {
    en: 'The macOS assignment of the Jamf compliance partner must be an Entra user group. Microsoft\'s setup guide says not to choose "Add all users", because it inhibits the connection; with no user group assigned, no user can register a Mac through Jamf.',
    it: 'L\'assegnazione macOS del partner di conformità Jamf deve essere un gruppo di utenti di Entra. La guida di Microsoft avverte di non scegliere "Aggiungi tutti gli utenti", perché impedisce la connessione; senza un gruppo di utenti assegnato, nessun utente può registrare un Mac tramite Jamf.',
  },
  resolution: {
    en: [
      'Create (or pick) an Entra security group of the users who register Macs through Jamf Pro.',
      'In Intune admin center > Tenant administration > Connectors and tokens > Partner compliance management, open "Jamf Device Compliance" > Properties > Assignments > Edit.',
      'Remove "All users" from Included groups and add the user group instead, then Review + save.',
      'Read the assignment again with Microsoft Graph: GET /v1.0/deviceManagement/complianceManagementPartners: macOsEnrollmentAssignments must list groupAssignmentTarget entries only.',
    ],
    it: [
      'Creare (o scegliere) un gruppo di sicurezza di Entra con gli utenti che registrano i Mac tramite Jamf Pro.',
      'Nell\'interfaccia di amministrazione di Microsoft Intune > Amministrazione tenant > Connettori e token > Gestione della conformità dei partner, aprire "Jamf Device Compliance" > Proprietà > Assegnazioni > Modifica.',
      'Rimuovere "Tutti gli utenti" dai gruppi inclusi e aggiungere al suo posto il gruppo di utenti, poi Rivedi e salva.',
      "Rileggere l'assegnazione con Microsoft Graph: GET /v1.0/deviceManagement/complianceManagementPartners: macOsEnrollmentAssignments deve contenere solo voci groupAssignmentTarget.",
    ],
  },
  sources: [
    'Microsoft Learn: Jamf-managed device compliance with Entra ID (jamf-managed-device-compliance-with-entra-id), "Do not select Add all users"',
  ],
  messages: {
    'all-users': msg<{ name: string }>({
      en: (d) =>
        `The compliance partner "${d.name}" is assigned to all users (allLicensedUsersAssignmentTarget) for macOS, which stops the connection from working`,
      it: (d) =>
        `Il partner di conformità "${d.name}" è assegnato a tutti gli utenti (allLicensedUsersAssignmentTarget) per macOS, il che impedisce alla connessione di funzionare`,
    }),
    'no-assignment': msg<{ name: string; exclusions: number }>({
      en: (d) =>
        `The compliance partner "${d.name}" has no user group assigned for macOS${
          d.exclusions ? ` (only ${d.exclusions} excluded ${d.exclusions === 1 ? 'group' : 'groups'})` : ''
        }, so no user can register a Mac through Jamf`,
      it: (d) =>
        `Il partner di conformità "${d.name}" non ha alcun gruppo di utenti assegnato per macOS${
          d.exclusions ? ` (solo ${d.exclusions} ${d.exclusions === 1 ? 'gruppo escluso' : 'gruppi esclusi'})` : ''
        }, quindi nessun utente può registrare un Mac tramite Jamf`,
    }),
  },
  run(fleet, ctx) {
    for (const p of jamfCompliancePartners(fleet.compliancePartners)) {
      // A partner not onboarded for macOS is reported by connector/device-compliance-partner-state.
      if (p.macOsOnboarded === false) continue;
      const name = p.displayName ?? 'Jamf';
      const targets = p.macOsEnrollmentAssignments;
      const included = targets.filter((t) => t.type !== 'exclusionGroupAssignmentTarget');
      if (included.some((t) => t.type === 'allLicensedUsersAssignmentTarget')) {
        ctx.report({
          messageId: 'all-users',
          data: { name },
          subjects: [subject.partner(p)],
          evidence: [evidence.compliancePartner(p, FIELDS)],
        });
      } else if (included.length === 0) {
        ctx.report({
          messageId: 'no-assignment',
          data: { name, exclusions: targets.length - included.length },
          subjects: [subject.partner(p)],
          evidence: [evidence.compliancePartner(p, FIELDS)],
        });
      }
    }
  },
});
