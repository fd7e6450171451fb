import { runSignatureCheck, seenMessage } from '../../logs/findings.js';
import { symptomsOf } from '../../logs/signatures.js';
import { DATASETS } from '../../model/datasets.js';
import { defineCheck } from '../define.js';

const scope = {
  families: 'any',
  label: { en: 'log file', it: 'file di log' },
} as const;

export default defineCheck({
  id: 'logs/enrollment-restricted',
  severity: 'medium',
  modes: 'any',
  requires: [DATASETS.macs.id],
  title: {
    en: 'Company Portal could not add the Mac: an Intune enrollment restriction blocks macOS',
    it: 'Il Portale aziendale non ha potuto aggiungere il Mac: una restrizione di registrazione di Intune blocca macOS',
  },
  cause: {
    en: 'Company Portal said "Couldn\'t add your device. Your IT support doesn\'t allow OSX devices to be added to management": a device platform restriction of Intune blocks macOS (or personally owned Macs) for this user. With the Jamf Pro integration the Mac should be registered from Self Service, not enrolled from Company Portal.',
    it: 'Il Portale aziendale ha detto "Couldn\'t add your device. Your IT support doesn\'t allow OSX devices to be added to management": una restrizione di piattaforma di Intune blocca macOS (o i Mac personali) per questo utente. Con l’integrazione Jamf Pro il Mac va registrato da Self Service, non iscritto dal Portale aziendale.',
  },
  resolution: {
    en: [
      'If the Mac is managed by Jamf Pro, register it from Self Service (the Company Portal policy), not by enrolling in Company Portal.',
      'If the Mac must enrol in Intune: Intune admin center > Devices > Enrollment > Device platform restrictions > macOS, and allow the platform (and personally owned devices if needed) for the user’s groups; Enrollment failures shows the refused attempts.',
    ],
    it: [
      'Se il Mac è gestito da Jamf Pro, registrarlo da Self Service (il criterio del Portale aziendale), non iscriverlo dal Portale aziendale.',
      'Se il Mac deve iscriversi in Intune: interfaccia di amministrazione di Intune > Dispositivi > Registrazione > Restrizioni della piattaforma del dispositivo > macOS, e consentire la piattaforma (e i dispositivi personali se serve) ai gruppi dell’utente; Errori di registrazione mostra i tentativi rifiutati.',
    ],
  },
  sources: ['https://learn.microsoft.com/intune/intune-service/enrollment/create-platform-restrictions'],
  symptoms: symptomsOf('logs/enrollment-restricted'),
  messages: { seen: seenMessage },
  run(fleet, ctx) {
    runSignatureCheck('logs/enrollment-restricted', scope, fleet, ctx);
  },
});
