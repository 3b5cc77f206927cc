// A small JSON Schema checker for the subset our docs/schemas use (type object/array, required,
// properties, items, additionalProperties, $ref to #/$defs, enum, const, min/maxItems), so tests
// keep the documented schemas honest without a validator dependency.
type Schema = Record<string, unknown>;

export function checkSchema(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  const errors: string[] = [];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const def = (root.$defs as Record<string, Schema>)[name];
    if (!def) return [`${path}: unknown $ref ${schema.$ref}`];
    return checkSchema(value, def, root, path);
  }
  if ('const' in schema && value !== schema.const) errors.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  const type = schema.type;
  if (type === 'object' || schema.properties || schema.required) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [...errors, `${path}: not an object`];
    const obj = value as Record<string, unknown>;
    for (const k of (schema.required as string[] | undefined) ?? []) if (!(k in obj) || obj[k] === undefined) errors.push(`${path}.${k}: required`);
    const props = (schema.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, v] of Object.entries(obj)) {
      if (v === undefined || v === null) continue;
      if (props[k]) errors.push(...checkSchema(v, props[k], root, `${path}.${k}`));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') errors.push(...checkSchema(v, schema.additionalProperties as Schema, root, `${path}.${k}`));
    }
  }
  if (type === 'array' || schema.items) {
    if (!Array.isArray(value)) return [...errors, `${path}: not an array`];
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((v, i) => errors.push(...checkSchema(v, schema.items as Schema, root, `${path}[${i}]`)));
  }
  if (type === 'string' && typeof value !== 'string') errors.push(`${path}: not a string`);
  if (type === 'integer' && !Number.isInteger(value)) errors.push(`${path}: not an integer`);
  if (type === 'number' && typeof value !== 'number') errors.push(`${path}: not a number`);
  if (type === 'boolean' && typeof value !== 'boolean') errors.push(`${path}: not a boolean`);
  return errors;
}
