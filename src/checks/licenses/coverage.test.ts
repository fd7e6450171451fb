import { describe, expect, it } from 'vitest';
import { fleet } from '../../../test/builders.js';
import { runChecks } from '../../engine/run.js';
import entraP1 from './entra-p1-missing.js';
import intune from './intune-missing.js';

/**
 * Issue 14 item 5: a Mac's user is resolved by every key it has, and a Mac that cannot be resolved costs only
 * itself: the licence checks pass or fail over the Macs they could check and list the others.
 */
const INTUNE_A = 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5';
const P1 = '41781fb2-bc02-4b7c-bd55-b576c07bb09d';
const licensed = [
  { servicePlanId: INTUNE_A, capabilityStatus: 'Enabled' },
  { servicePlanId: P1, capabilityStatus: 'Enabled' },
];

describe('licence checks over Macs whose users resolve by some key', () => {
  it("a Jamf e-mail that is not a UPN, with the Mac's Intune UPN in the directory: checked, not could-not-check", () => {
    const f = fleet()
      .jamf({
        general: { name: 'MAC-1' },
        hardware: { serialNumber: 'C1' },
        userAndLocation: { email: 'ada.lovelace@mail.contoso.com' },
      })
      .intune({ serialNumber: 'C1', userPrincipalName: 'ada@contoso.com' })
      .user({ userPrincipalName: 'ada@contoso.com', assignedPlans: licensed })
      .build();
    const { checks } = runChecks(f, [intune, entraP1]);
    expect(checks.map((c) => c.outcome)).toEqual(['pass', 'pass']);
    expect(checks.every((c) => c.coverage === undefined)).toBe(true);
  });

  it('one Mac whose user no key resolves: the others are checked, and the report says which Mac was not', () => {
    const b = fleet();
    for (let i = 1; i <= 9; i++)
      b.jamf({
        general: { name: `MAC-${i}` },
        hardware: { serialNumber: `C${i}` },
        userAndLocation: { email: `u${i}@contoso.com` },
      }).user({ userPrincipalName: `u${i}@contoso.com`, assignedPlans: i === 3 ? [licensed[1]!] : licensed });
    b.jamf({
      general: { name: 'MAC-X' },
      hardware: { serialNumber: 'CX' },
      userAndLocation: { email: 'gone@contoso.com' },
    });
    const { checks, findings } = runChecks(b.build(), [intune, entraP1]);
    const [i, p] = checks;
    expect(i!.outcome).toBe('fail');
    expect(findings.filter((x) => x.checkId === intune.id).map((x) => x.data.user)).toEqual(['u3@contoso.com']);
    expect(i!.coverage).toEqual({
      unit: 'mac',
      checked: 9,
      unknown: 1,
      reasons: ['gone@contoso.com (user of MAC-X) is not in graph/v1.0/users'],
    });
    expect(p!.outcome).toBe('pass');
    expect(p!.coverage).toMatchObject({ checked: 9, unknown: 1 });
  });

  it('no Mac resolves: could not check, as before', () => {
    const f = fleet()
      .jamf({
        general: { name: 'MAC-X' },
        hardware: { serialNumber: 'CX' },
        userAndLocation: { email: 'gone@contoso.com' },
      })
      .build();
    const { checks } = runChecks(f, [intune]);
    expect(checks[0]!.outcome).toBe('cannotCheck');
    expect(checks[0]!.reason?.detail).toBe('gone@contoso.com (user of MAC-X) is not in graph/v1.0/users');
  });
});
