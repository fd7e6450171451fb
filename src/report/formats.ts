import type { AnyCheck, Lang } from '../checks/define.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
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
};
