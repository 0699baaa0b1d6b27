// A fast path for validating large snapshots against their zod schemas. zod copies every object it
// validates; for a snapshot with tens of thousands of users, roles and policies that copy costs more than
// JSON.parse itself (and all of it survives into the old generation). This walker reads the schemas' own
// definitions, so there is one source of truth, and checks the common shapes in place:
//   objects (stripped: a new object with the known keys; loose: the input object itself, keys in file
//   order), arrays, strings, numbers, booleans, unknown, optional, nullable, defaults of present values,
//   discriminated unions.
// Anything else (checks such as regex or int, formats, enums, literals, records, defaults of missing
// values) is handed to zod for that value. It only answers valid or not: on any failure the caller runs
// zod on the whole input, so error messages and paths are exactly zod's.
import type { z } from 'zod';

type Result = { ok: true; value: unknown } | { ok: false };

/** What a checker returns for an invalid value (a checker returns the parsed value otherwise). */
const INVALID: unique symbol = Symbol('invalid');
type Checked = unknown;

/** The parts of zod 4's internal definitions this walker reads. */
interface Def {
  type: string;
  checks?: readonly unknown[];
  format?: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
  values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function viaZod(schema: z.ZodType, value: unknown): Checked {
  const r = schema.safeParse(value);
  return r.success ? r.data : INVALID;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The option of a discriminated union whose discriminator literal is the value's; undefined when not exactly one. */
function pickOption(def: Def, value: unknown): z.ZodType | undefined {
  const key = def.discriminator;
  if (key === undefined || !isPlainObject(value)) return undefined;
  let found: z.ZodType | undefined;
  for (const option of def.options ?? []) {
    const od = defOf(option);
    const disc = od.type === 'object' ? od.shape?.[key] : undefined;
    if (!disc) return undefined;
    const dd = defOf(disc);
    if (dd.type !== 'literal') return undefined;
    if (dd.values?.includes(value[key])) {
      if (found) return undefined;
      found = option;
    }
  }
  return found;
}

type Check = (value: unknown) => Checked;

const compiled = new WeakMap<z.ZodType, Check>();

/** Validates value against schema; see the top of this file for what is checked here and what by zod. */
export function fastParse(schema: z.ZodType, value: unknown): Result {
  const v = checkerOf(schema)(value);
  return v === INVALID ? { ok: false } : { ok: true, value: v };
}

/** Each schema is turned into a closure once: the walk then does no definition lookups. */
function checkerOf(schema: z.ZodType): Check {
  let check = compiled.get(schema);
  if (!check) {
    // Set before compiling the children: recursive schemas then find the (lazy) entry.
    let inner: Check | undefined;
    compiled.set(schema, (v) => (inner ??= compile(schema))(v));
    inner = compile(schema);
    check = inner;
    compiled.set(schema, check);
  }
  return check;
}

function compile(schema: z.ZodType): Check {
  const def = defOf(schema);
  const plain = def.checks === undefined || def.checks.length === 0;
  const zod: Check = (v) => viaZod(schema, v);
  const child = (s: z.ZodType | undefined): Check => (s ? checkerOf(s) : zod);
  switch (def.type) {
    case 'unknown':
    case 'any':
      return (v) => v;
    case 'string':
      if (!plain || def.format !== undefined) return zod;
      return (v) => (typeof v === 'string' ? v : INVALID);
    case 'number':
      if (!plain) return zod;
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : INVALID);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : INVALID);
    case 'optional': {
      const inner = child(def.innerType);
      return (v) => (v === undefined ? v : inner(v));
    }
    case 'default': {
      // A missing value takes the default: zod decides what that is.
      const inner = child(def.innerType);
      return (v) => (v === undefined ? viaZod(schema, v) : inner(v));
    }
    case 'nullable': {
      const inner = child(def.innerType);
      return (v) => (v === null ? v : inner(v));
    }
    case 'array': {
      if (!plain) return zod;
      const element = child(def.element);
      return (value) => {
        if (!Array.isArray(value)) return INVALID;
        const list: readonly unknown[] = value;
        let out: unknown[] | undefined;
        for (let i = 0; i < list.length; i++) {
          const r = element(list[i]);
          if (r === INVALID) return INVALID;
          if (out) out.push(r);
          else if (r !== list[i]) (out = list.slice(0, i)).push(r);
        }
        return out ?? list;
      };
    }
    case 'object': {
      const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type;
      if (!plain || (catchall !== undefined && catchall !== 'unknown')) return zod;
      const shape = def.shape ?? {};
      const fields = Object.entries(shape).map(([key, s]) => [key, checkerOf(s)] as const);
      const loose = catchall === 'unknown';
      return (value) => {
        if (!isPlainObject(value)) return INVALID;
        let out: Record<string, unknown> | undefined;
        for (const [key, check] of fields) {
          const v = value[key];
          const r = check(v);
          if (r === INVALID) return INVALID;
          if (!loose || r !== v) {
            out ??= loose ? { ...value } : {};
            if (r !== undefined || key in value) out[key] = r;
          }
        }
        // Loose and nothing replaced: the input object is the answer (no copy).
        return out ?? value;
      };
    }
    case 'union': {
      if (def.discriminator === undefined) return zod;
      return (v) => {
        const option = pickOption(def, v);
        return option ? checkerOf(option)(v) : viaZod(schema, v);
      };
    }
    default:
      return zod;
  }
}
