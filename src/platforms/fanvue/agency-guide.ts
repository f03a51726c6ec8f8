import * as z from 'zod';
import { compactSchema } from '../../tools/compact-schema.js';
import { unlistedKeys } from '../listed-schema.js';
import type { Guide } from '../types.js';
import type { FanvueOperation } from './operation.js';

/**
 * fanvue://guides/agency, written from the mirror rows themselves: every argument a mirror
 * leaves out of tools/list, with the JSON Schema it is validated by, so the guide can never
 * miss one or disagree with the row.
 */
export function agencyGuide(operations: readonly FanvueOperation[]): Guide {
  let text: string | undefined;
  return {
    topic: 'agency',
    title: 'Fanvue agency tools: what each read returns and the filters it takes beyond the listed ones',
    // Written on first read: turning every mirror's arguments into JSON Schema at import cost a
    // noticeable part of the server's cold start, for a guide most sessions never open.
    get text() {
      return (text ??= write(operations));
    },
  };
}

function write(operations: readonly FanvueOperation[]): string {
  const self = new Map(operations.map((op) => [op.name, op]));
  const lines = operations
    // A write is listed whole in tools/list; a read's description and filters are here, where its tool points.
    .filter((op) => op.x.mirrorOf !== undefined && op.kind === 'read')
    .flatMap((op) => {
      const args = unlistedKeys(op.input).map((k) => `  - \`${k}\`: ${JSON.stringify(argumentSchema(op.input.shape[k] as z.ZodType))}`);
      return [`- **fanvue_creator_${op.x.mirrorOf}** (as fanvue_${op.x.mirrorOf}): ${self.get(op.x.mirrorOf ?? '')?.description ?? ''}`, ...args];
    });
  return `# Fanvue agency tools

Each \`fanvue_creator_<x>\` tool does what \`fanvue_<x>\` does, for the managed creator \`creatorUserUuid\`
(from \`fanvue_agency_list_creators\`), with the same arguments, answers and side effects. Writes list every
argument and their whole description in tools/list. Reads list only what a call needs and its pagination: below
is what each returns, and the optional arguments it also accepts and validates.

${lines.join('\n')}
`;
}

function argumentSchema(schema: z.ZodType): unknown {
  return compactSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>);
}
