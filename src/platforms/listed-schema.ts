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
