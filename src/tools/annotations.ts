import type { ToolAnnotations } from '@modelcontextprotocol/server';
import type { Operation } from '../platforms/types.js';

/**
 * All four hints, derived from the operation's kind and state-changing arguments so that no row can claim to be read-only
 * while it writes. Every tool talks to an outside platform, hence openWorldHint. The title is
 * sent once, as the tool's own `title` (which clients prefer over annotations.title).
 */
export function annotationsFor(op: Pick<Operation, 'kind' | 'idempotent' | 'mutates'>, fixed = false): ToolAnnotations {
  // A read whose arguments can confirm or mark state is a write unless those arguments are fixed (read-only mode).
  const readOnly = op.kind === 'read' && (!op.mutates || fixed);
  return {
    readOnlyHint: readOnly,
    destructiveHint: op.kind === 'destructive',
    idempotentHint: readOnly || op.idempotent === true,
    openWorldHint: true,
  };
}
