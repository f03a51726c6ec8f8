import type { ToolAnnotations } from '@modelcontextprotocol/server';
import type { Operation } from '../platforms/types.js';

/**
 * All four hints, derived from the operation's kind so that no row can claim to be read-only
 * while it writes. Every tool talks to an outside platform, hence openWorldHint. The title is
 * sent once, as the tool's own `title` (which clients prefer over annotations.title).
 */
export function annotationsFor(op: Pick<Operation, 'kind' | 'idempotent'>): ToolAnnotations {
  return {
    readOnlyHint: op.kind === 'read',
    destructiveHint: op.kind === 'destructive',
    idempotentHint: op.kind === 'read' || op.idempotent === true,
    openWorldHint: true,
  };
}
