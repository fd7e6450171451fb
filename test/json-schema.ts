/**
 * A small JSON Schema (draft-07) validator for the keywords our vendored schemas use: $ref (local), type, enum,
 * const, required, properties, additionalProperties, items, minItems, uniqueItems, minimum, maximum, pattern,
 * format (uri, uri-reference, date-time), anyOf, oneOf, allOf. An unknown keyword fails loudly, so that a schema
 * never passes because the validator skipped part of it.
 */
type Schema = Record<string, unknown> | boolean;

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'default',
  'definitions',
  '$ref',
  'type',
  'enum',
  'const',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minItems',
  'uniqueItems',
  'minimum',
  'maximum',
  'pattern',
  'format',
  'anyOf',
  'oneOf',
  'allOf',
]);

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const FORMATS: Record<string, (s: string) => boolean> = {
  uri: (s) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s),
  'uri-reference': (s) => !/[\s<>"{}|\\^`]/.test(s) && !/%(?![0-9A-Fa-f]{2})/.test(s),
  'date-time': (s) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
};

export function validate(root: Record<string, unknown>, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`only local $ref supported: ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
    return node as Schema;
  };
  const check = (schema: Schema, v: unknown, path: string, out: string[]): void => {
    if (schema === true) return;
    if (schema === false) {
      out.push(`${path}: not allowed`);
      return;
    }
    for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`unsupported keyword ${k} at ${path}`);
    if (typeof schema.$ref === 'string') check(resolve(schema.$ref), v, path, out);
    const t = typeOf(v);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) {
        out.push(`${path}: expected ${types.join('|')}, found ${t}`);
        return;
      }
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)))
      out.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(v)) out.push(`${path}: expected const`);
    if (t === 'object') {
      const obj = v as Record<string, unknown>;
      for (const r of (schema.required as string[] | undefined) ?? [])
        if (!(r in obj)) out.push(`${path}: missing required ${r}`);
      const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, val] of Object.entries(obj)) {
        if (k in props) check(props[k]!, val, `${path}.${k}`, out);
        else if (schema.additionalProperties === false) out.push(`${path}: unexpected property ${k}`);
        else if (typeof schema.additionalProperties === 'object')
          check(schema.additionalProperties as Schema, val, `${path}.${k}`, out);
      }
    }
    if (t === 'array') {
      const arr = v as unknown[];
      if (typeof schema.minItems === 'number' && arr.length < schema.minItems) out.push(`${path}: too few items`);
      if (schema.uniqueItems === true && new Set(arr.map((x) => JSON.stringify(x))).size !== arr.length)
        out.push(`${path}: items are not unique`);
      if (schema.items && typeof schema.items === 'object') {
        for (const [i, x] of arr.entries()) check(schema.items as Schema, x, `${path}[${i}]`, out);
      }
    }
    if (t === 'number' || t === 'integer') {
      if (typeof schema.minimum === 'number' && (v as number) < schema.minimum)
        out.push(`${path}: below ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && (v as number) > schema.maximum)
        out.push(`${path}: above ${schema.maximum}`);
    }
    if (t === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v as string))
        out.push(`${path}: does not match ${schema.pattern}`);
      if (typeof schema.format === 'string') {
        const f = FORMATS[schema.format];
        if (!f) throw new Error(`unsupported format ${schema.format}`);
        if (!f(v as string)) out.push(`${path}: not a valid ${schema.format}`);
      }
    }
    const branches = (key: string) => ((schema as Record<string, unknown>)[key] as Schema[] | undefined) ?? null;
    const anyOf = branches('anyOf');
    if (
      anyOf &&
      !anyOf.some((s) => {
        const e: string[] = [];
        check(s, v, path, e);
        return e.length === 0;
      })
    )
      out.push(`${path}: matches none of anyOf`);
    const oneOf = branches('oneOf');
    if (
      oneOf &&
      oneOf.filter((s) => {
        const e: string[] = [];
        check(s, v, path, e);
        return e.length === 0;
      }).length !== 1
    )
      out.push(`${path}: does not match exactly one of oneOf`);
    for (const s of branches('allOf') ?? []) check(s, v, path, out);
  };
  check(root as Schema, value, '$', errors);
  return errors;
}
