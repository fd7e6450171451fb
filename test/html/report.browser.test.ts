import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/index.js';
import { UI } from '../../src/i18n/ui.js';
import { affectedMacs, renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/types.js';
import { BROWSER, CHROMIUM_PATH, canRun } from '../needs.js';
import { HOSTILE, hostileReport } from '../reports.js';

/**
 * The HTML report in a real browser (Debian's chromium through playwright-core): it renders, search and sort
 * work, no script from the data runs, and no request leaves the file. CI installs chromium (.ci/run).
 */
const CHROMIUM = CHROMIUM_PATH;
/** Skipped with one line on a machine without chromium; JIDOCTOR_REQUIRE_BROWSER=1 (.ci/run) makes that a failure. */
const RUN = canRun(BROWSER);
const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

function report(): Report {
  const r = hostileReport();
  r.findings.forEach((f, i) => {
    f.firstSeen = `2026-11-${String(10 + i).padStart(2, '0')}T09:00:00.000Z`;
    f.lastSeen = '2026-11-29T09:30:00.000Z';
  });
  r.summary.newSinceLastRun = 1;
  r.history = {
    runId: 5,
    previousRunId: 4,
    trend: [5, 3, 4, 2, 4].map((failingMacs, i) => ({
      runId: i + 1,
      asOf: `2026-11-2${i + 1}T09:00:00.000Z`,
      failingMacs,
      findings: failingMacs,
    })),
  };
  return r;
}

let browser: Browser;
let dir: string;
beforeAll(async () => {
  if (!RUN) return;
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `chromium not found at ${CHROMIUM}: the HTML report's browser test needs Debian's chromium; install it with \`apt-get update && apt-get install -y chromium\` (.ci/run installs it in CI), or set JIDOCTOR_CHROMIUM to its path`,
    );
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'jidoctor-html-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  dialogs: string[];
  errors: string[];
}

async function open(r: Report, name: string, lang: 'en' | 'it' = 'en'): Promise<Opened> {
  const file = join(dir, name);
  writeFileSync(file, renderHtml(r, { lang, checks: CHECKS }));
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // Anything that calls alert() from injected markup is recorded, whether or not a dialog opens.
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __alerts: string[]; alert: (m?: unknown) => void };
    w.__alerts = [];
    w.alert = (m?: unknown) => void w.__alerts.push(String(m));
  });
  await page.goto(url);
  return { page, url, requests, dialogs, errors };
}

/** The text a reader sees: the other language's spans are hidden, so textContent would hold both. */
// biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point.
const shown = (l: Locator): Promise<string> => l.innerText();

// The test's tsconfig has no DOM library: the little of the DOM used inside the page is typed here.
type Row = { cells: Array<{ textContent: string | null; getAttribute(name: string): string | null }> };
type Doc = { document: { getElementById(id: string): { textContent: string | null } | null } };

const rowTexts = (page: Page, col: number) =>
  page.$$eval(
    '#macs tbody tr:not([hidden])',
    (rows, c) => rows.map((r) => (r as unknown as Row).cells[c]!.textContent!.trim()),
    col,
  );

describe.skipIf(!RUN)('the HTML report in chromium', () => {
  it('renders the summary, the charts, the checks and the affected Macs; hostile names stay text', async () => {
    const r = report();
    const { page, url, requests, dialogs, errors } = await open(r, 'report.html');
    await expect(page.title()).resolves.toContain('jidoctor report');
    await expect(shown(page.locator('#mode'))).resolves.toContain('legacy');
    await expect(shown(page.locator('#macs-affected'))).resolves.toBe(
      `${r.summary.affected.macs} of ${r.summary.macs} (${UI.en.allOrSome(r.summary.affected.macs, r.summary.macs)})`,
    );
    expect(await page.locator('#chart-severity rect').count()).toBe(5);
    const areas = new Set(CHECKS.map((c) => c.id.split('/')[0]));
    expect(await page.locator('#chart-area rect').count()).toBe(areas.size);
    expect(await page.locator('#chart-trend circle').count()).toBe(5);
    expect(await page.locator('details.check').count()).toBe(CHECKS.length);
    const dup = page.locator('[id="check-intune/duplicate-device-records"]');
    await expect(dup.locator('ol:visible li').count()).resolves.toBeGreaterThan(0);
    await expect(shown(dup)).resolves.toContain('Cause');

    // Nothing from the data became markup or ran.
    const macs = affectedMacs(r.findings);
    expect(macs.map((m) => m.id)).toEqual(expect.arrayContaining(['C02HOST0', 'C02HOST1', 'C02HOST2', 'C02HOST3']));
    expect(await page.locator('#macs tbody tr').count()).toBe(macs.length);
    expect(await rowTexts(page, 0)).toContain(HOSTILE);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.evaluate(() => (globalThis as unknown as { __alerts: string[] }).__alerts)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    // The embedded data round-trips exactly.
    const embedded = await page.evaluate(() =>
      JSON.parse((globalThis as unknown as Doc).document.getElementById('jidoctor-report')!.textContent!),
    );
    expect(embedded).toEqual(JSON.parse(JSON.stringify(r)));
    // The only request is the file itself.
    expect(requests).toEqual([url]);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await page.close();
  });

  it("shows each Mac's log timeline in the Mac's local time; hostile file names stay text", async () => {
    const r = report();
    r.macLogs = [
      {
        mac: 'C02HOST0',
        host: HOSTILE,
        zone: 'offset -05:00 seen in macs/C02HOST0/unified.log:3 on 2020-04-27',
        events: [
          {
            local: '2020-04-26 21:50:00',
            offset: '-05:00',
            time: '2020-04-27T02:50:00.000Z',
            group: 'ordered',
            category: 'check-in',
            kind: 'event',
            signature: 'jamf-recurring-check-in',
            checkId: 'logs/check-in-stopped',
            description: {
              en: 'A recurring check-in of the jamf binary',
              it: 'Un check-in periodico del binario jamf',
            },
            file: `macs/C02HOST0/${HOSTILE}.log`,
            line: 1,
            count: 2,
            which: 'first',
          },
          {
            local: '2025-03-03 09:40:12',
            offset: null,
            time: null,
            group: 'macs/C02HOST0/cp.log',
            category: 'registration',
            kind: 'problem',
            signature: 'cp-launched-without-wpj-arg',
            checkId: 'logs/company-portal-opened-directly',
            description: {
              en: 'Company Portal was opened directly',
              it: 'Il Portale aziendale è stato aperto direttamente',
            },
            file: 'macs/C02HOST0/cp.log',
            line: 2,
            count: 1,
            which: 'only',
          },
        ],
      },
    ];
    const { page, dialogs, errors } = await open(r, 'report-mac-logs.html');
    const section = page.locator('#mac-logs');
    await expect(shown(section.locator('h2'))).resolves.toBe('Mac logs: timeline (1)');
    const rows = await section.locator('table.timeline tbody tr').allInnerTexts();
    expect(rows[0]).toContain('2020-04-26 21:50:00 -0500');
    expect(rows[0]).toContain(`macs/C02HOST0/${HOSTILE}.log:1`);
    expect(rows[1]).toContain('local time, zone unknown: not ordered with the other files');
    expect(rows[2]).toContain('2025-03-03 09:40:12');
    await expect(shown(section.locator('h3'))).resolves.toBe(`C02HOST0 · ${HOSTILE}`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __alerts: string[] }).__alerts)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches and sorts the table of affected Macs', async () => {
    const r = report();
    const serials = affectedMacs(r.findings).map((m) => m.id);
    const { page, errors } = await open(r, 'search.html');
    await page.fill('#search', 'host2');
    expect(await rowTexts(page, 1)).toEqual(['C02HOST2']);
    await expect(shown(page.locator('#shown'))).resolves.toBe('1');
    await page.fill('#search', 'user3@contoso');
    expect(await rowTexts(page, 1)).toEqual(['C02HOST3']);
    await page.fill('#search', 'no such mac');
    expect(await rowTexts(page, 1)).toEqual([]);
    await expect(page.locator('#no-match').isVisible()).resolves.toBe(true);
    await page.fill('#search', '');
    expect(await rowTexts(page, 1)).toHaveLength(serials.length);

    await page.click('#macs thead th:nth-child(2) button');
    const ascending = [...serials].sort((a, b) =>
      a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' }),
    );
    expect(await rowTexts(page, 1)).toEqual(ascending);
    await expect(page.locator('#macs thead th:nth-child(2)').getAttribute('aria-sort')).resolves.toBe('ascending');
    await page.click('#macs thead th:nth-child(2) button');
    expect(await rowTexts(page, 1)).toEqual([...ascending].reverse());
    // "Since" sorts by date, oldest first.
    await page.click('#macs thead th:nth-child(5) button');
    const since = await page.$$eval('#macs tbody tr', (rows) =>
      rows.map((r) => (r as unknown as Row).cells[4]!.getAttribute('data-sort')),
    );
    expect(since).toEqual([...since].sort());
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches between English and Italian', async () => {
    const { page } = await open(report(), 'lang.html', 'it');
    await expect(shown(page.locator('#summary h2'))).resolves.toBe('Riepilogo');
    await page.click('[data-set-lang="en"]');
    await expect(shown(page.locator('#summary h2'))).resolves.toBe('Summary');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('#search').getAttribute('placeholder')).resolves.toMatch(/^Search/);
    await page.close();
  });

  it('without history, says how to get the trend instead of drawing it', async () => {
    const r = hostileReport();
    const { page, requests, url } = await open(r, 'nohistory.html');
    expect(await page.locator('#chart-trend').count()).toBe(0);
    await expect(shown(page.locator('#charts'))).resolves.toContain('No history yet');
    await expect(shown(page.locator('#summary'))).resolves.toContain('not recorded in the history');
    expect(requests).toEqual([url]);
    await page.close();
  });
});
