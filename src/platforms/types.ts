import type * as z from 'zod';
import type { TokenStore } from '../auth/token-store.js';
import type { HttpClient, HttpClientOptions } from '../http/client.js';
import type { Describers } from '../consent/describe.js';
import type { ContextOptions } from '../context/kit.js';
import type { Logger } from '../log.js';
import type { UntrustedText } from '../safety/untrusted.js';

export type PlatformId = 'afdian' | 'fanvue' | 'fanbook' | 'fresns';
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * What an operation does to the platform. Annotations are derived from it and never written
 * by hand, and the HTTP layer's retry policy follows it (reads may be retried, writes may not).
 */
export type OperationKind = 'read' | 'write' | 'destructive';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One platform API operation, as data. The engine turns each row into one MCP tool. */
export interface Operation<I extends z.ZodObject = z.ZodObject> {
  /** verb_object; the tool is `<platform>_<name>`. */
  name: string;
  title: string;
  /** Written for an agent: what it does, when to use it, what it returns or changes. */
  description: string;
  method: HttpMethod;
  /** Path on the platform's base URL; `{param}` placeholders are filled from the input. */
  path: string;
  input: I;
  kind: OperationKind;
  /** A write that is safe to repeat with the same input (sets idempotentHint). */
  idempotent?: boolean;
  /** Toolset id, `<platform>_<group>`. */
  toolset: string;
  /** Login or OAuth scopes the operation needs; shown in docs and used for actionable errors. */
  auth?: readonly string[];
  /** Official documentation of the operation, for the README (not sent to the model). */
  docs?: string;
  /** Sent as `anthropic/alwaysLoad`: a client that defers tools keeps this one loaded (credential checks). */
  alwaysLoad?: boolean;
  /**
   * Arguments of a read that change platform state (confirming a queue, marking a chat read),
   * each with the value that changes nothing: `null` leaves the argument out. Read-only mode
   * exposes the tool with these arguments fixed, and the hints call the full tool a write.
   */
  mutates?: Readonly<Record<string, boolean | null>>;
  /** Reshapes the unwrapped payload for the agent (e.g. to make pagination explicit). */
  shape?(data: unknown, input: z.output<I>): unknown;
}

/** Identity, so that each row's `shape` sees its own input type. */
export function defineOperation<I extends z.ZodObject>(op: Operation<I>): Operation {
  return op as unknown as Operation;
}

export interface Toolset {
  id: string;
  description: string;
  /** Exposed unless the user picks toolsets; `false` keeps a risky or niche set opt-in. */
  default?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Reports progress to the MCP client (long uploads and polls). */
  progress?: (done: number, total?: number, message?: string) => void;
}

/** Sends one operation with the platform's auth, signing and envelope rules. */
export interface PlatformClient {
  call(op: Operation, input: Record<string, unknown>, options?: CallOptions): Promise<unknown>;
}

export interface PlatformDeps {
  /** Which of the platform's accounts this client acts as: its token-store key ('default' for the plain variables). */
  account: string;
  store: TokenStore;
  http: HttpClient;
  log: Logger;
  stateDir: string;
  env: Env;
  /** The only directory upload tools may read from (CREATOR_MCP_UPLOAD_DIR); undefined = none. */
  uploadDir?: string;
  /** Register secrets learnt at run time (session tokens from a login) so they are masked everywhere. */
  secrets: { add(...values: Array<string | undefined>): void };
}

/**
 * A longer guide served as `<platform>://guides/<topic>` (markdown), so tool descriptions stay
 * short and point to it instead of carrying examples on every tools/list.
 */
export interface Guide {
  /** Lower-case words joined by hyphens; the URI's last segment. */
  topic: string;
  title: string;
  text: string;
}

/** A parameterised resource, e.g. `fanvue://chats/{userUuid}/messages`. */
export interface PlatformResourceTemplate {
  name: string;
  uriTemplate: string;
  title: string;
  description: string;
  read(client: PlatformClient, variables: Record<string, string>, deps: PlatformDeps): Promise<unknown>;
}

/** A verified, parsed webhook delivery. `id` makes storage idempotent (a platform may push twice). */
export interface WebhookEvent {
  id: string;
  /** The platform's own name for the event. */
  type: string;
  /** The same event in the platform's current vocabulary, where it has renamed its events. */
  kind?: string;
  receivedAt: number;
  payload: unknown;
}

export interface WebhookVerdict {
  /** HTTP status and body the platform expects as an answer. */
  status: number;
  body: string;
  contentType?: string;
  /** Present only when the push was authentic. */
  events?: WebhookEvent[];
  /** Why it was refused, for the log (never contains secrets). */
  refused?: string;
}

export interface WebhookReceiver {
  receive(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): WebhookVerdict;
}

/** Everything the server knows about one platform. Platforms never import the MCP SDK. */
export interface Platform<Cfg = unknown> {
  id: PlatformId;
  title: string;
  toolsets: readonly Toolset[];
  operations: readonly Operation[];
  /** Words this platform's users search with (its own Chinese terms too), added to every tool's searchHint. */
  searchTerms?: string;
  /** Settings from the environment; `undefined` when the platform is not configured (no tools). */
  configure(env: Env): Cfg | undefined;
  /**
   * Variables that belong to one account (credentials, a login's identity): `<VAR>__<ACCOUNT>`
   * sets them for that account and they never fall back to the plain value. Every other variable
   * of the platform does (base URLs, settings, an OAuth app's client).
   */
  accountVariables?: readonly string[];
  /** Values that must never appear in a result, an error or a log line. */
  secrets(cfg: Cfg): string[];
  /** Client id/secret pairs this platform sends as HTTP Basic, so `base64(id:secret)` is masked too. */
  basicAuth?(cfg: Cfg): Array<{ id?: string; secret?: string }>;
  /** Whether this configuration offers `op` (e.g. the site's API version lacks it); default: every operation. */
  offers?(cfg: Cfg, op: Operation): boolean;
  createClient(cfg: Cfg, deps: PlatformDeps): PlatformClient;
  /** How this platform's HTTP client differs: error bodies, rate limits, fixed headers, timeouts. */
  http?(cfg: Cfg): Partial<Pick<HttpClientOptions, 'readError' | 'rateLimiter' | 'defaultHeaders' | 'timeoutMs' | 'maxRetryAfterMs'>>;
  resourceTemplates?: readonly PlatformResourceTemplate[];
  /** What the user is asked before a confirmed write, by operation name; others get a generic sentence. */
  confirmations?: Describers;
  /** Guides that descriptions point to as `<platform>://guides/<topic>`. */
  guides?: readonly Guide[];
  /** Where its payloads and context carry text people wrote; cleaned and marked in every result. */
  untrusted?: UntrustedText;
  /** The platform's AutomationContext: what needs the creator first, then trends, then reference data; bounded. */
  automationContext?(client: PlatformClient, deps: PlatformDeps & { webhooks: WebhookLog }, opts: ContextOptions): Promise<unknown>;
  webhook?(cfg: Cfg): WebhookReceiver;
  /** A connection kept open to receive events (a bot gateway), started by `serve`; undefined when off. */
  listen?(cfg: Cfg, client: PlatformClient, ctx: ListenContext): PlatformListener | undefined;
  /** `creator-mcp login <platform>`: the browser login; resolves with a line for the user. */
  login?(env: Env, deps: LoginDeps): Promise<string>;
}

export interface LoginDeps {
  /** The token-store account the login is saved under (`login <platform> --account NAME`). */
  account: string;
  store: TokenStore;
  http: HttpClient;
  /** Open the system browser, print the URL only (false), or hand the URL to a function (the sandbox follows it itself). */
  openBrowser: boolean | ((url: string) => void);
  print(line: string): void;
}

/** Timings of event connections; tests shorten them, users keep the platform's. */
export interface ListenerTuning {
  heartbeatMs?: number;
  retryBaseMs?: number;
  retryCapMs?: number;
  /** Refusals in a row (bad credentials) after which the listener gives up until restart. */
  maxRefusals?: number;
}

export interface ListenContext {
  deps: PlatformDeps;
  /** Where received events go: the same inbox as webhooks (idempotent on event id). */
  record(event: WebhookEvent): Promise<boolean>;
  tuning?: ListenerTuning;
}

export interface PlatformListener {
  /** Closes the connection and every timer; resolves when nothing of it is left running. */
  stop(): Promise<void>;
}

/** Read side of the webhook store, as platforms see it. */
export interface WebhookLog {
  recent(platform: PlatformId, limit: number): Promise<WebhookEvent[]>;
}
