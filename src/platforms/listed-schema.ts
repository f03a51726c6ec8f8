import * as z from 'zod';

/**
 * A schema whose JSON Schema in tools/list is `json`, while zod still validates with the full
 * schema: for nested shapes that a description's example or a guide explains in fewer tokens.
 * zod's JSON Schema pass would follow a clone (`.min()`, `.describe()`) to its original only to
 * inherit what the override replaces, so that link is dropped; the description is registered on
 * this schema itself.
 */
export function listedAs<T extends z.ZodType>(schema: T, json: Record<string, unknown>, description?: string): T {
  schema._zod.parent = undefined;
  schema._zod.toJSONSchema = () => structuredClone(json);
  if (description !== undefined) z.globalRegistry.add(schema, { description });
  return schema;
}

/** The JSON Schema keyword that marks a property as left out of tools/list (src/tools/compact-schema.ts drops it). */
export const UNLISTED = 'x-unlisted';

/**
 * An optional argument that tools/list leaves out while zod still accepts, validates and sends it:
 * for rarely used filters that every call of a list tool would otherwise pay for. Only optional
 * arguments may be unlisted (an agent must see what it has to give), and each one must be
 * explained in a guide of its platform that the tool's description names (test/tools/unlisted.test.ts).
 */
export function unlisted<T extends z.ZodType>(schema: T): T {
  if (!schema.safeParse(undefined).success) throw new Error('only an optional argument can be unlisted');
  return schema.meta({ [UNLISTED]: true }) as T;
}

/** Every property of an object shape, unlisted (the shape must be all optional). */
export function unlistedShape<S extends Record<string, z.ZodType>>(shape: S): S {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, unlisted(v)])) as S;
}

/** The names of the unlisted arguments of an object schema. */
export function unlistedKeys(input: z.ZodObject): string[] {
  return Object.entries(input.shape)
    .filter(([, s]) => isUnlisted(s as z.ZodType))
    .map(([k]) => k);
}

/** Marked itself, or inside an `.optional()` added after the mark (the JSON Schema inherits it then too). */
function isUnlisted(schema: z.ZodType): boolean {
  if (z.globalRegistry.get(schema)?.[UNLISTED] === true) return true;
  return schema instanceof z.ZodOptional ? isUnlisted(schema.unwrap() as z.ZodType) : false;
}
