// A small JSON Schema (2020-12 subset) checker for the schemas in docs/schemas: type, const, enum,
// required, properties, additionalProperties, items, maxItems, minimum/maximum, pattern, $ref to
// #/$defs, allOf, oneOf. Returns the list of violations with their JSON paths.
type Schema = Record<string, unknown>;

export function validateJson(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (s: Schema): Schema => {
    const ref = s.$ref;
    if (typeof ref !== 'string') return s;
    const name = ref.replace('#/$defs/', '');
    const def = (root.$defs as Record<string, Schema> | undefined)?.[name];
    if (!def) throw new Error(`unresolved ${ref}`);
    return { ...def, ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$ref')) };
  };
  const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const check = (schema: Schema, v: unknown, path: string): void => {
    const s = resolve(schema);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      const t = typeOf(v);
      if (!types.some((x) => x === t || (x === 'number' && t === 'integer'))) errors.push(`${path}: ${t}, expected ${types.join('|')}`);
    }
    if ('const' in s && v !== s.const) errors.push(`${path}: ${JSON.stringify(v)} is not ${JSON.stringify(s.const)}`);
    if (Array.isArray(s.enum) && !s.enum.includes(v)) errors.push(`${path}: ${JSON.stringify(v)} not in enum`);
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum) errors.push(`${path}: ${v} < ${s.minimum}`);
      if (typeof s.maximum === 'number' && v > s.maximum) errors.push(`${path}: ${v} > ${s.maximum}`);
    }
    if (typeof v === 'string' && typeof s.pattern === 'string' && !new RegExp(s.pattern).test(v)) errors.push(`${path}: "${v}" does not match ${s.pattern}`);
    if (Array.isArray(v)) {
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) errors.push(`${path}: ${v.length} items > ${s.maxItems}`);
      if (s.items) v.forEach((x, i) => check(s.items as Schema, x, `${path}[${i}]`));
    }
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      for (const k of (s.required as string[] | undefined) ?? []) if (!(k in o)) errors.push(`${path}: missing "${k}"`);
      const props = (s.properties as Record<string, Schema> | undefined) ?? {};
      for (const [k, x] of Object.entries(o)) {
        if (props[k]) check(props[k], x, `${path}.${k}`);
        else if (s.additionalProperties === false) errors.push(`${path}: unexpected "${k}"`);
        else if (typeof s.additionalProperties === 'object') check(s.additionalProperties as Schema, x, `${path}.${k}`);
      }
    }
    for (const sub of (s.allOf as Schema[] | undefined) ?? []) check(sub, v, path);
    if (Array.isArray(s.oneOf)) {
      const ok = (s.oneOf as Schema[]).filter((sub) => validateJson({ ...root, ...resolve(sub) }, v).length === 0).length;
      if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf`);
    }
  };
  check(root, value, '$');
  return errors;
}
