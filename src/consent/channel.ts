import { CLIENT_CAPABILITIES_META_KEY, PROTOCOL_VERSION_META_KEY, type ElicitRequestFormParams, type ElicitResult, type ServerContext } from '@modelcontextprotocol/server';

/** The parts of one MCP request the confirmation gate needs to reach the user. */
export interface UserChannel {
  /** A 2026-07-28 request: the question goes back as an input_required result. */
  modern: boolean;
  /** The request declares form elicitation (2026-07-28 envelope); a 2025-era client is asked and refuses by itself. */
  canElicit: boolean;
  /** 2025-era HTTP is served statelessly: no request can go back to the client during a call. */
  statelessHttp: boolean;
  /** 2025 era: an elicitation/create request to the client during the call. */
  elicit(params: ElicitRequestFormParams, options: { signal?: AbortSignal; timeout: number }): Promise<ElicitResult>;
  /** 2026-07-28 retry: the client's answers and the state it echoes back (untrusted). */
  inputResponses?: Record<string, unknown>;
  requestState?: unknown;
}

export function userChannel(ctx: ServerContext): UserChannel {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const caps = envelope?.[CLIENT_CAPABILITIES_META_KEY] as { elicitation?: { form?: object; url?: object } } | undefined;
  const e = caps?.elicitation;
  const modern = envelope?.[PROTOCOL_VERSION_META_KEY] !== undefined;
  return {
    modern,
    statelessHttp: !modern && ctx.http?.req !== undefined,
    // A bare `elicitation: {}` predates modes and means form.
    canElicit: e !== undefined && (e.form !== undefined || e.url === undefined),
    elicit: (params, options) => ctx.mcpReq.elicitInput(params, options),
    inputResponses: ctx.mcpReq.inputResponses,
    requestState: ctx.mcpReq.requestState(),
  };
}
