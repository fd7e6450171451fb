/**
 * `--probe-network`: DNS resolution and a TLS handshake to each endpoint and port the integration needs
 * (src/model/endpoints.ts), from where the tool runs, with a short timeout each. Targets and the resolver are
 * injectable so that tests use 127.0.0.1 only. Endpoints Apple retired (2195, 2196) are not probed.
 */
import { lookup } from 'node:dns/promises';
import { connect } from 'node:tls';
import { REQUIRED_ENDPOINTS } from '../model/endpoints.js';
import type { NetworkProbeResult } from '../model/types.js';

export interface ProbeTarget {
  host: string;
  port: number;
  purpose: string;
}

export interface ProbeOptions {
  targets?: ProbeTarget[];
  /** Resolves a host name to an address (default: the system resolver). */
  resolve?: (host: string) => Promise<string>;
  timeoutMs?: number;
  /** Accept any certificate (tests with a self-signed one); the default verifies it. */
  insecure?: boolean;
  concurrency?: number;
}

export function defaultTargets(): ProbeTarget[] {
  return REQUIRED_ENDPOINTS.filter((e) => !e.retired).map((e) => ({ host: e.host, port: e.port, purpose: e.purpose }));
}

function tlsHandshake(
  address: string,
  host: string,
  port: number,
  timeoutMs: number,
  insecure: boolean,
): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect({
      host: address,
      port,
      servername: /^[\d.:]+$/.test(host) ? undefined : host,
      rejectUnauthorized: !insecure,
      ALPNProtocols: ['http/1.1'],
    });
    const finish = (error: string | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(error);
    };
    const timer = setTimeout(() => finish(`no TLS handshake within ${timeoutMs} ms`), timeoutMs);
    socket.once('secureConnect', () => finish(null));
    socket.once('error', (e: NodeJS.ErrnoException) => finish(e.code ? `${e.code}` : e.message));
  });
}

export async function probeNetwork(options: ProbeOptions = {}): Promise<NetworkProbeResult[]> {
  const targets = options.targets ?? defaultTargets();
  const timeoutMs = options.timeoutMs ?? 3000;
  const resolve = options.resolve ?? (async (host: string) => (await lookup(host)).address);
  const out: NetworkProbeResult[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const i = next++;
      const t = targets[i]!;
      let address: string;
      try {
        address = await Promise.race([
          resolve(t.host),
          new Promise<string>((_, rej) =>
            setTimeout(() => rej(new Error(`no DNS answer within ${timeoutMs} ms`)), timeoutMs),
          ),
        ]);
      } catch (err) {
        out[i] = {
          host: t.host,
          port: t.port,
          purpose: t.purpose,
          resolved: false,
          tls: null,
          error: `DNS: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        };
        continue;
      }
      const error = await tlsHandshake(address, t.host, t.port, timeoutMs, options.insecure ?? false);
      out[i] = {
        host: t.host,
        port: t.port,
        purpose: t.purpose,
        resolved: true,
        tls: error == null,
        error: error ? `TLS: ${error}` : null,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 6, targets.length) }, worker));
  return out;
}
