import { createHmac, randomBytes } from 'node:crypto';

/** Tokens the simulator hands out: JWT-shaped (header.payload.signature), signed with a per-run key. */
export class TokenMint {
  private readonly key = randomBytes(32);
  private readonly revoked = new Set<string>();
  /** Every token handed out (tests scan outputs for them). */
  readonly issued: string[] = [];

  mint(claims: Record<string, unknown>, lifetimeSeconds: number): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const payload = b64url(
      JSON.stringify({
        ...claims,
        iat: now,
        nbf: now,
        exp: now + lifetimeSeconds,
        jti: randomBytes(8).toString('hex'),
      }),
    );
    const sig = createHmac('sha256', this.key).update(`${header}.${payload}`).digest('base64url');
    const token = `${header}.${payload}.${sig}`;
    this.issued.push(token);
    return token;
  }

  /** The claims of a token this mint signed, still valid and not revoked; null otherwise. */
  verify(token: string | null | undefined): Record<string, unknown> | null {
    if (!token || this.revoked.has(token)) return null;
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const sig = createHmac('sha256', this.key).update(`${parts[0]}.${parts[1]}`).digest('base64url');
    if (sig !== parts[2]) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return null;
      return claims;
    } catch {
      return null;
    }
  }

  revoke(token: string): void {
    this.revoked.add(token);
  }
}

export function b64url(s: string | Buffer): string {
  return Buffer.from(s).toString('base64url');
}

export function bearerOf(header: string | undefined | null): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1]! : null;
}
