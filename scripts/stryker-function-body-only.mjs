// A StrykerJS ignore plugin (`ignorers: ['function-body-only']` in stryker.config.mjs): mutants count only inside
// function bodies. A check's metadata (id, titles, cause, resolution, sources, symptoms) and a module's constants
// are data evaluated once at import time; no behaviour depends on a string of the resolution text, and mutating
// them would only dilute the score with mutants no test should kill. What runs when a check runs — `run()`, the
// message functions, helpers — is mutated in full.
//
// Stryker ignores a node and everything under it, so a node outside every function is ignored only when no function
// lies inside it either (an object literal holding `run()` is walked into, its string properties are ignored).
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

const holdsFunction = new WeakMap();

function containsFunction(node) {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(containsFunction);
  if (typeof node.type !== 'string') return false;
  const known = holdsFunction.get(node);
  if (known !== undefined) return known;
  let found = FUNCTION_TYPES.has(node.type);
  if (!found) {
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'extra') continue;
      if (containsFunction(node[key])) {
        found = true;
        break;
      }
    }
  }
  holdsFunction.set(node, found);
  return found;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'function-body-only', {
    shouldIgnore(path) {
      if (path.getFunctionParent() || containsFunction(path.node)) return undefined;
      return 'Outside any function body: data evaluated at import time (see stryker.config.mjs)';
    },
  }),
];
