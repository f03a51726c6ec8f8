import * as z from 'zod';
import type { Operation } from '../platforms/types.js';

/**
 * The row's input with every state-changing argument fixed to the value that changes nothing.
 * A fixed boolean stays visible (and its default applies, since a platform's own default may be
 * the changing one); an argument with no harmless value is left out, and zod drops it if sent.
 */
export function readOnlyInput(op: Operation): Operation['input'] {
  const mutates = op.mutates ?? {};
  const omit: Record<string, true> = {};
  const fixed: Record<string, z.ZodType> = {};
  for (const [key, value] of Object.entries(mutates)) {
    if (!(key in op.input.shape)) throw new Error(`${op.name}: mutates names unknown argument ${key}`);
    if (value === null) omit[key] = true;
    else fixed[key] = z.literal(value).default(value).describe(`Always ${value} in read-only mode (the other value changes state on the platform).`);
  }
  return op.input.omit(omit).extend(fixed) as Operation['input'];
}
