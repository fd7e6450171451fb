import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import { COLLECT_SCRIPT_TEMPLATE } from './collect-script.js';

export const DEFAULT_WINDOW = '7d';

/** The collector script with the tool's version and the default `log show` window filled in. */
export function collectScript(window = DEFAULT_WINDOW): string {
  if (!/^[1-9]\d*[smhd]$/.test(window))
    throw new InputError(`--window ${window}: expected a duration such as 7d, 24h or 90m`);
  return COLLECT_SCRIPT_TEMPLATE.replaceAll('__VERSION__', VERSION).replaceAll('__WINDOW__', window);
}
