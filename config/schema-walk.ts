/**
 * Read the shape of a zod schema at a key path: which keys an object accepts (for
 * "did you mean" hints), what type a ConfigMap string should become, which phrase
 * describes the value. Only the zod types the rc schema uses are understood.
 */
import * as z from 'zod';

export type Segment = string | number;

const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'nonoptional', 'catch']);

/** The schema and every wrapper inside it, outermost first. */
export function wrapperChain(schema: z.ZodType): z.ZodType[] {
  const chain = [schema];
  let current = schema;
  while (WRAPPERS.has(current._zod.def.type)) {
    current = (current._zod.def as unknown as { innerType: z.ZodType }).innerType;
    chain.push(current);
  }
  return chain;
}

export function unwrap(schema: z.ZodType): z.ZodType {
  return wrapperChain(schema).at(-1)!;
}

function childOf(schema: z.ZodType, segment: Segment): z.ZodType | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return typeof segment === 'string' && Object.hasOwn(inner.shape, segment) ? (inner.shape[segment] as z.ZodType) : undefined;
  }
  if (inner instanceof z.ZodArray) return typeof segment === 'number' ? (inner.element as z.ZodType) : undefined;
  if (inner instanceof z.ZodRecord) return typeof segment === 'string' ? (inner.valueType as z.ZodType) : undefined;
  return undefined;
}

/** The schema at `path` (with its wrappers), or undefined when the path leaves the schema. */
export function schemaAt(root: z.ZodType, path: readonly Segment[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path) {
    current = current && childOf(current, segment);
  }
  return current;
}

/** Keys of the object at `path`, or undefined when that is not an object. */
export function objectKeysAt(root: z.ZodType, path: readonly Segment[]): string[] | undefined {
  const at = schemaAt(root, path);
  const inner = at && unwrap(at);
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : undefined;
}

/** The zod types a value at `path` may have, with unions flattened (`boolean | "auto"` → boolean, literal). */
export function acceptedTypes(root: z.ZodType, path: readonly Segment[]): z.ZodType[] {
  const at = schemaAt(root, path);
  if (!at) return [];
  const inner = unwrap(at);
  return inner instanceof z.ZodUnion ? (inner.options as z.ZodType[]).map(unwrap) : [inner];
}

/** Every key path of every object in the schema; array items appear as the segment `[]`. */
export function allKeyPaths(root: z.ZodType): string[][] {
  const out: string[][] = [];
  const visit = (schema: z.ZodType, prefix: string[]): void => {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(inner.shape)) {
        out.push([...prefix, key]);
        visit(child as z.ZodType, [...prefix, key]);
      }
    } else if (inner instanceof z.ZodArray) {
      visit(inner.element as z.ZodType, [...prefix, '[]']);
    }
  };
  visit(root, []);
  return out;
}
