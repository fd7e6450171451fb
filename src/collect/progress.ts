/**
 * The progress display while collecting: one line per dataset on stderr (records, pages, retries), redrawn in
 * place. Silent when stderr is not a TTY or with --quiet; never prints a URL query, a header or a body.
 */
import type { ManifestEntry } from '../snapshot/writer.js';

interface Row {
  records: number;
  pages: number;
  running: number;
  status: string | null;
}

export class Progress {
  private readonly rows = new Map<string, Row>();
  private retries = 0;
  private drawn = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    readonly enabled: boolean,
  ) {}

  static for(stream: NodeJS.WriteStream, quiet: boolean): Progress {
    return new Progress(stream, !quiet && stream.isTTY === true);
  }

  static silent(): Progress {
    return new Progress(process.stderr, false);
  }

  private row(id: string): Row {
    let r = this.rows.get(id);
    if (!r) {
      r = { records: 0, pages: 0, running: 0, status: null };
      this.rows.set(id, r);
    }
    return r;
  }

  start(id: string): void {
    const r = this.row(id);
    r.running++;
    this.schedule();
  }

  update(id: string, records: number, pages: number): void {
    const r = this.row(id);
    r.records = Math.max(r.records, records);
    r.pages = Math.max(r.pages, pages);
    this.schedule();
  }

  done(id: string, entry: ManifestEntry): void {
    const r = this.row(id);
    r.running = Math.max(0, r.running - 1);
    if (entry.status !== 'complete' || r.status == null) r.status = entry.status;
    if (entry.records != null && r.running === 0 && !id.includes('{id}')) r.records = entry.records;
    this.schedule();
  }

  retry(): void {
    this.retries++;
    this.schedule();
  }

  private schedule(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.draw();
    }, 100);
  }

  private draw(): void {
    if (!this.enabled) return;
    const width = Math.max(40, (this.stream.columns ?? 100) - 1);
    const lines = [...this.rows.entries()].map(([id, r]) => {
      const state = r.running > 0 ? '…' : r.status === 'complete' ? '✓' : (r.status ?? '…');
      return `${state} ${id}  ${r.records} records, ${r.pages} pages`.slice(0, width);
    });
    lines.push(`retries: ${this.retries}`);
    let out = this.drawn > 0 ? `\x1b[${this.drawn}F` : '';
    for (const l of lines) out += `\x1b[2K${l}\n`;
    this.drawn = lines.length;
    this.stream.write(out);
  }

  /** Final redraw; the lines stay on screen. */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.enabled) this.draw();
  }
}
