import type { AnyCheck, Lang } from '../checks/define.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import type { Report } from './types.js';

export interface RenderContext {
  lang: Lang;
  checks: readonly AnyCheck[];
  color: boolean;
  width: number;
}

export type Renderer = (report: Report, ctx: RenderContext) => string | Promise<string>;

/** Output formats of `diagnose`, by name. Pure renderers: report in, string out. */
export const FORMATS: Record<string, Renderer> = {
  text: (r, ctx) => renderText(r, { lang: ctx.lang, checks: ctx.checks, color: ctx.color, width: ctx.width }),
  json: (r) => renderJson(r),
  markdown: (r, ctx) => renderMarkdown(r, { lang: ctx.lang, checks: ctx.checks }),
  html: (r, ctx) => renderHtml(r, { lang: ctx.lang, checks: ctx.checks }),
  sarif: (r, ctx) => renderSarif(r, { lang: ctx.lang, checks: ctx.checks }),
  junit: (r, ctx) => renderJunit(r, { lang: ctx.lang, checks: ctx.checks }),
  csv: (r, ctx) => renderCsv(r, { lang: ctx.lang, checks: ctx.checks }),
};
