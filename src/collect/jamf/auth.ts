/**
 * Jamf Pro API authentication: an API client (OAuth client credentials, `POST /api/oauth/token`, re-requested
 * when it nears expiry) or a user account (`POST /api/v1/auth/token` with Basic, renewed with
 * `POST /api/v1/auth/keep-alive`, invalidated at the end with `POST /api/v1/auth/invalidate-token`).
 */
import { InputError, SourceError } from '../../errors.js';
import { registerSecret } from '../../redact.js';
import { type Http, HttpStatusError, RetryBudget, TransportError } from '../http.js';

export interface JamfAuthConfig {
  url: string;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** Renew this long before expiry. */
const MARGIN_MS = 60_000;

export class JamfAuth {
  private token: string | null = null;
  private expires = 0;
  private lifetime = 0;
  private pending: Promise<string> | null = null;
  readonly kind: 'oauth' | 'user';

  constructor(
    private readonly cfg: JamfAuthConfig,
    private readonly http: Http,
  ) {
    registerSecret(cfg.clientSecret);
    registerSecret(cfg.password);
    if (cfg.clientId && cfg.clientSecret) this.kind = 'oauth';
    else if (cfg.username && cfg.password) this.kind = 'user';
    else
      throw new InputError(
        'Jamf Pro: expected JAMF_CLIENT_ID and JAMF_CLIENT_SECRET (an API client) or JAMF_USERNAME and JAMF_PASSWORD, found neither pair',
      );
  }

  private credentialName(): string {
    return this.kind === 'oauth' ? 'JAMF_CLIENT_ID and JAMF_CLIENT_SECRET' : 'JAMF_USERNAME and JAMF_PASSWORD';
  }

  private fail(err: unknown): never {
    if (err instanceof HttpStatusError && (err.status === 401 || err.status === 400 || err.status === 403)) {
      throw new SourceError(
        `Jamf Pro sign-in failed (HTTP ${err.status}): check ${this.credentialName()}${this.kind === 'oauth' ? ' (the API client must be enabled)' : ' (a local standard account; SSO accounts cannot use the API)'}`,
      );
    }
    if (err instanceof HttpStatusError && err.status === 404) {
      throw new SourceError(
        `Jamf Pro sign-in failed: ${this.kind === 'oauth' ? '/api/oauth/token' : '/api/v1/auth/token'} not found at JAMF_URL (API clients need Jamf Pro 10.49 or later): check JAMF_URL`,
      );
    }
    if (err instanceof TransportError)
      throw new SourceError(`Jamf Pro sign-in failed: ${err.message}: check JAMF_URL and the network`);
    if (err instanceof HttpStatusError) {
      throw new SourceError(
        `Jamf Pro sign-in failed (HTTP ${err.status}): Jamf Pro answered with an error after the retries; try again later, or check JAMF_URL`,
      );
    }
    throw err;
  }

  private async fetchToken(): Promise<string> {
    const base = this.cfg.url.replace(/\/$/, '');
    try {
      if (this.kind === 'oauth') {
        const body = new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.cfg.clientId!,
          client_secret: this.cfg.clientSecret!,
        }).toString();
        const r = await this.http.request(`${base}/api/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body,
          budget: new RetryBudget(10),
          expectJson: true,
        });
        const j = r.json as { access_token?: unknown; expires_in?: unknown };
        if (typeof j?.access_token !== 'string')
          throw new SourceError('Jamf Pro sign-in failed: /api/oauth/token returned no access_token');
        registerSecret(j.access_token);
        this.expires = Date.now() + (typeof j.expires_in === 'number' ? j.expires_in * 1000 : 300_000);
        return j.access_token;
      }
      const signIn = (renewing: boolean) =>
        this.http.request(`${base}/api/v1/auth/${renewing ? 'keep-alive' : 'token'}`, {
          method: 'POST',
          headers: {
            authorization: renewing
              ? `Bearer ${this.token}`
              : `Basic ${Buffer.from(`${this.cfg.username}:${this.cfg.password}`).toString('base64')}`,
            accept: 'application/json',
          },
          budget: new RetryBudget(10),
          expectJson: true,
        });
      let r: Awaited<ReturnType<typeof signIn>>;
      try {
        r = await signIn(this.token != null);
      } catch (err) {
        // keep-alive refused (the token expired or was invalidated on the way): sign in afresh instead.
        if (!(this.token != null && err instanceof HttpStatusError && err.status === 401)) throw err;
        this.token = null;
        r = await signIn(false);
      }
      const j = r.json as { token?: unknown; expires?: unknown };
      if (typeof j?.token !== 'string')
        throw new SourceError('Jamf Pro sign-in failed: /api/v1/auth/token returned no token');
      registerSecret(j.token);
      const exp = typeof j.expires === 'string' ? Date.parse(j.expires) : Number.NaN;
      this.expires = Number.isNaN(exp) ? Date.now() + 1_200_000 : exp;
      return j.token;
    } catch (err) {
      this.fail(err);
    }
  }

  /** A valid bearer token; concurrent callers share one renewal. */
  async bearer(): Promise<string> {
    // Renew a minute before expiry, or halfway through the life of a token that lives less than two minutes.
    if (this.token && this.expires - Date.now() > Math.min(MARGIN_MS, this.lifetime / 2)) return this.token;
    if (!this.pending) {
      this.pending = this.fetchToken().then(
        (t) => {
          this.token = t;
          this.lifetime = Math.max(0, this.expires - Date.now());
          this.pending = null;
          return t;
        },
        (e) => {
          this.pending = null;
          throw e;
        },
      );
    }
    return this.pending;
  }

  /**
   * After a 401 with `stale`: the token another request already renewed, or a new sign-in (a user token that
   * keep-alive replaced is no longer valid).
   */
  async refresh(stale: string): Promise<string> {
    if (this.pending) return this.pending;
    if (this.token && this.token !== stale) return this.token;
    this.token = null;
    return this.bearer();
  }

  /** Invalidates a user bearer token (API client tokens simply expire). Never throws. */
  async close(): Promise<void> {
    if (this.kind !== 'user' || !this.token) return;
    try {
      await this.http.request(`${this.cfg.url.replace(/\/$/, '')}/api/v1/auth/invalidate-token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}` },
        budget: new RetryBudget(2),
      });
    } catch {
      // Already invalid or unreachable: the token expires on its own.
    }
    this.token = null;
  }
}
