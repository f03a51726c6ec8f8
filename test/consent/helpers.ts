import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ElicitRequest, ElicitResult } from '@modelcontextprotocol/client';
import { HTTP_TOKEN, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

export type Answer = ElicitResult | ((req: ElicitRequest['params']) => ElicitResult);
export const ACCEPT: ElicitResult = { action: 'accept', content: { confirm: true } };
export const DECLINE: ElicitResult = { action: 'decline' };
export const CANCEL: ElicitResult = { action: 'cancel' };

export const MASS = 'fanvue_send_mass_message';
export const MASS_PATH = '/chats/mass-messages';
export const massArgs = (text = 'New set is up, come and see!') => ({ includedLists: { smartListUuids: ['subscribers'] }, text });

/**
 * A real MCP client over the harness's HTTP endpoint. With `answer` it declares form
 * elicitation and answers every question so (recording the messages); without, it declares
 * nothing. `manual` hands input_required results back instead of fulfilling them.
 */
export async function httpClient(h: Harness, era: 'legacy' | 'auto', opts: { answer?: Answer; asked?: string[]; manual?: boolean } = {}): Promise<Client> {
  const client = new Client(
    { name: 'consent-test', version: '1.0.0' },
    { versionNegotiation: { mode: era }, capabilities: opts.answer ? { elicitation: { form: {} } } : {}, ...(opts.manual ? { inputRequired: { autoFulfill: false } } : {}) },
  );
  if (opts.answer) answerWith(client, opts.answer, opts.asked);
  await client.connect(new StreamableHTTPClientTransport(new URL(h.http.url), { requestInit: { headers: { authorization: `Bearer ${HTTP_TOKEN}` } } }));
  return client;
}

export function answerWith(client: Client, answer: Answer, asked: string[] = []): void {
  client.setRequestHandler('elicitation/create', async (req) => {
    const params = req.params as ElicitRequest['params'];
    asked.push(params.message);
    return typeof answer === 'function' ? answer(params) : answer;
  });
}

/** Mass messages Fanvue's simulator processed: the upstream requests that count. */
export const sent = (h: Harness) => fanvueOf(h).api.processed(MASS_PATH);

export function text(result: unknown): string {
  return ((result as { content?: Array<{ text?: string }> }).content ?? [])[0]?.text ?? '';
}
