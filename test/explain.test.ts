import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { explain } from '../src/explain.js';

/** Every error text the seed article quotes, verbatim (shared/seeds/000_fbda7f9ff65ed662.txt). */
const ARTICLE_ERRORS = [
  'Microsoft Teams wants to sign using key “Microsoft Workplace Join Key” in your keychain.',
  'To allow this, enter the “login” keychain password',
  'Unable to connect to Microsoft Intune.',
  'Check your Microsoft Intune Integration configuration.',
  'Portal launched without WPJ only arg while account is under partner management',
  'WelcomeViewController.swift: 253 (startLogin()) Portal launched without WPJ only arg while account is under partner management',
  'Not registered',
  'Invalid command line input',
  'Registration-only command line flag (-r) can only be used when partner management is enabled in Intune. Please contact your IT admin.',
  'JamfAAD wants to access key “Microsoft Workplace Join Key" in your keychain.',
  'Could not retrieve the access token for Microsoft Graph API. Check the configuration for Microsoft Intune Integration.',
];

describe('explain', () => {
  for (const text of ARTICLE_ERRORS) {
    it(`recognises “${text.slice(0, 60)}”`, () => {
      const m = explain(text, CHECKS);
      expect(m.length).toBeGreaterThan(0);
      expect(m[0]!.score).toBeGreaterThanOrEqual(0.6);
    });
  }
  it('recognises a pasted error with different quotes, case and spacing', () => {
    const m = explain('could not retrieve the ACCESS token for  microsoft graph api', CHECKS);
    expect(m.some((x) => x.kind === 'check' && x.check.id === 'network/required-endpoints')).toBe(true);
  });
  it('answers a check id and an area', () => {
    expect(explain('jamf/check-in-overdue', CHECKS)).toMatchObject([{ kind: 'check', score: 1 }]);
    expect(explain('jamf', CHECKS).length).toBe(CHECKS.filter((c) => c.id.startsWith('jamf/')).length);
  });
  it('does not match unrelated text', () => {
    expect(explain('the coffee machine is out of beans', CHECKS)).toEqual([]);
  });
});
