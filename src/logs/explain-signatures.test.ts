/** `jidoctor explain` answers the error lines users paste (issue 15, item 4); URLs are in the fixtures. */
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/index.js';
import { explain } from '../explain.js';

const first = (q: string) => {
  const m = explain(q, CHECKS)[0];
  return m?.kind === 'check' ? m.check.id : (m?.topic.id ?? null);
};

describe('explain finds the check of a pasted line', () => {
  it.each([
    ['AADSTS53000: Device is not in required device state: compliant.', 'logs/conditional-access-blocked'],
    ['AADSTS530003: Your device is required to be managed to access this resource.', 'logs/conditional-access-blocked'],
    [
      'Your sign-in was successful but your admin requires the device requesting access to be managed by Contoso to access this resource.',
      'logs/conditional-access-blocked',
    ],
    [
      "Couldn't add your device. Your IT support doesn't allow OSX devices to be added to management.",
      'logs/enrollment-restricted',
    ],
    ['Keychain find status: -25300', 'logs/keychain-access-prompt'],
    // Microsoft's wording of the errors when the associated-domain URLs are blocked (apple-sso-plugin.md).
    ['1012 NSURLErrorDomain error', 'logs/sso-associated-domain-blocked'],
    ['1000 com.apple.AuthenticationServices.AuthorizationError', 'logs/sso-associated-domain-blocked'],
    ['1001 Unexpected', 'logs/sso-associated-domain-blocked'],
    [
      'Interactive broker extension flow finished. Result (null), error: 1000 error domain: com.apple.AuthenticationServices.AuthorizationError',
      'logs/sso-associated-domain-blocked',
    ],
  ])('%s', (q, id) => {
    expect(first(q)).toBe(id);
  });
  it('a near miss is not the Conditional Access check', () => {
    expect(first('AADSTS50005: User tried to log in to a device from a platform')).not.toBe(
      'logs/conditional-access-blocked',
    );
  });
});
