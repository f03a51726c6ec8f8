import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The repository's copy of Fanvue's published OpenAPI document (shipped in the package). */
export const SPEC_PATH = new URL('../../../spec/fanvue-openapi.json', import.meta.url);

type Schema = Record<string, unknown>;
interface RawParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
  style?: string;
  explode?: boolean;
}

export interface SpecParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
  /** Array query parameters: comma-joined (explode false) or repeated keys (the default). */
  explode: boolean;
}

export interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  regex: RegExp;
  pathNames: string[];
  parameters: SpecParameter[];
  body?: { required: boolean; schema: Schema };
  /** From the description's "Scope(s) required" line: the spec declares no OAuth scopes otherwise. */
  scopes: string[];
  /** Success answers: status → schema (JSON) or 'text'. */
  responses: Record<string, { schema?: Schema; text?: boolean }>;
}

export interface FanvueSpec {
  operations: SpecOperation[];
  byId: Map<string, SpecOperation>;
  match(method: string, path: string): { op: SpecOperation; params: Record<string, string> } | undefined;
  /** Request problems, as Fanvue's ValidationError {errors: string[]} would list them. */
  validateRequest(op: SpecOperation, req: { params: Record<string, string>; query: URLSearchParams; body?: string; contentType?: string }): string[];
  validateResponse(op: SpecOperation, status: number, body: string): string[];
}

let loaded: FanvueSpec | undefined;

export function loadFanvueSpec(): FanvueSpec {
  loaded ??= buildSpec(JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Schema);
  return loaded;
}

function buildSpec(doc: Schema): FanvueSpec {
  const resolve = <T>(node: unknown): T => {
    let n = node as Schema;
    while (n && typeof n.$ref === 'string') {
      n = (n.$ref as string)
        .replace(/^#\//, '')
        .split('/')
        .reduce<Schema>((acc, k) => acc[k] as Schema, doc);
    }
    return n as T;
  };

  // Fanvue's document is 3.1 but still uses 3.0's `nullable`; requests are checked closed
  // (unknown properties refused) so a misspelt field cannot pass as an absent optional one.
  const convert = (node: unknown, closed: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => convert(n, closed));
    if (!node || typeof node !== 'object') return node;
    const src = resolve<Schema>(node);
    const out: Schema = {};
    for (const [k, v] of Object.entries(src)) {
      if (k === 'nullable' || k === 'example' || k === 'examples') continue;
      out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, convert(s, closed)])) : convert(v, closed);
    }
    // 3.0's boolean exclusiveMinimum/Maximum are numbers in 2020-12.
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof out[flag] !== 'boolean') continue;
      if (out[flag] === true && typeof out[bound] === 'number') out[flag] = out[bound];
      else delete out[flag];
      if (typeof out[flag] === 'number') delete out[bound];
    }
    if (src.nullable === true) {
      if (typeof out.type === 'string') out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      if (!out.type && !out.enum) return { anyOf: [out, { type: 'null' }] };
    }
    if (closed && out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
    return out;
  };

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // The spec types many timestamps as `date` while Fanvue sends full date-times.
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/);
  const coercing = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  addFormats(coercing);

  const operations: SpecOperation[] = [];
  const paths = doc.paths as Record<string, Record<string, Schema>>;
  for (const [template, item] of Object.entries(paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = ((raw.parameters as unknown[]) ?? [])
        .map((p) => resolve<RawParameter>(p))
        .filter((p): p is RawParameter & { in: 'path' | 'query' } => p.in === 'path' || p.in === 'query')
        .map((p) => ({
          name: p.name,
          in: p.in,
          required: p.in === 'path' ? true : p.required === true,
          schema: convert(p.schema ?? {}, true) as Schema,
          explode: p.explode ?? (p.style === undefined || p.style === 'form'),
        }));
      const rb = raw.requestBody ? resolve<Schema>(raw.requestBody) : undefined;
      const json = rb ? ((rb.content as Record<string, Schema>)['application/json'] as Schema | undefined) : undefined;
      const responses: SpecOperation['responses'] = {};
      for (const [status, r] of Object.entries((raw.responses as Record<string, unknown>) ?? {})) {
        if (!status.startsWith('2')) continue;
        const content = resolve<Schema>(r).content as Record<string, Schema> | undefined;
        if (!content) responses[status] = {};
        else if (content['application/json']) responses[status] = { schema: convert(content['application/json'].schema, false) as Schema };
        else responses[status] = { text: true };
      }
      const description = typeof raw.description === 'string' ? raw.description : '';
      const scopeLine = /\*\*Scopes? required:\*\*([^\n]*)/.exec(description)?.[1] ?? '';
      const pathNames = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      operations.push({
        operationId: raw.operationId as string,
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`),
        pathNames,
        parameters,
        body: json ? { required: rb?.required === true, schema: convert(json.schema, true) as Schema } : undefined,
        scopes: [...new Set([...scopeLine.matchAll(/((?:read|write):[a-z_]+)/g)].map((m) => m[1] as string))],
        responses,
      });
    }
  }
  // Literal segments beat placeholders (/chats/unread before /chats/{userUuid}).
  const literalWeight = (op: SpecOperation) => op.template.split('/').filter((s) => s && !s.startsWith('{')).length;
  operations.sort((a, b) => literalWeight(b) - literalWeight(a));

  const compiled = new Map<Schema, ValidateFunction>();
  const validator = (schema: Schema, engine: Ajv2020 = ajv) => {
    let v = compiled.get(schema);
    if (!v) compiled.set(schema, (v = engine.compile(schema)));
    return v;
  };
  // One stable wrapper per parameter, so its compiled validator is reused.
  const wrappers = new WeakMap<SpecParameter, Schema>();
  const wrapped = (p: SpecParameter) => {
    let w = wrappers.get(p);
    if (!w) wrappers.set(p, (w = { type: 'object', properties: { [p.name]: p.schema } }));
    return w;
  };
  const problems = (v: ValidateFunction, where: string) =>
    (v.errors ?? []).map(
      (e) => `${where}${e.instancePath} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? `: ${String(e.params.additionalProperty)}` : ''}`,
    );

  return {
    operations,
    byId: new Map(operations.map((o) => [o.operationId, o])),
    match(method, path) {
      for (const op of operations) {
        if (op.method !== method.toUpperCase()) continue;
        const m = op.regex.exec(path);
        if (!m) continue;
        const params = Object.fromEntries(op.pathNames.map((n, i) => [n, decodeURIComponent(m[i + 1] as string)]));
        return { op, params };
      }
      return undefined;
    },
    validateRequest(op, req) {
      const errors: string[] = [];
      for (const p of op.parameters.filter((x) => x.in === 'path')) {
        const check = validator(wrapped(p), coercing);
        if (!check({ [p.name]: req.params[p.name] })) errors.push(...problems(check, 'path '));
      }
      const declared = new Map(op.parameters.filter((x) => x.in === 'query').map((p) => [p.name, p]));
      for (const key of new Set(req.query.keys())) {
        if (!declared.has(key)) errors.push(`query ${key} is not a parameter of ${op.operationId}`);
      }
      for (const p of declared.values()) {
        const values = req.query.getAll(p.name);
        if (values.length === 0) {
          if (p.required) errors.push(`query ${p.name} is required`);
          continue;
        }
        const isArray = p.schema.type === 'array';
        if (!isArray && values.length > 1) errors.push(`query ${p.name} must be given once`);
        if (isArray && !p.explode && values.length > 1) errors.push(`query ${p.name} must be one comma-separated value, not repeated`);
        const value = isArray ? (p.explode ? values : (values[0] as string).split(',')) : values[0];
        const check = validator(wrapped(p), coercing);
        if (!check({ [p.name]: value })) errors.push(...problems(check, 'query '));
      }
      if (op.body) {
        if (req.body === undefined || req.body.trim() === '') {
          if (op.body.required) errors.push('a JSON body is required');
        } else if (!/json/i.test(req.contentType ?? '')) {
          errors.push('the body must be sent as application/json');
        } else {
          let parsed: unknown;
          try {
            parsed = JSON.parse(req.body);
          } catch {
            errors.push('the body is not valid JSON');
            return errors;
          }
          const check = validator(op.body.schema);
          if (!check(parsed)) errors.push(...problems(check, 'body'));
        }
      } else if (req.body !== undefined && req.body.trim() !== '') {
        errors.push(`${op.operationId} takes no body`);
      }
      return errors;
    },
    validateResponse(op, status, body) {
      const spec = op.responses[String(status)];
      if (!spec) return [`status ${status} is not a documented success of ${op.operationId}`];
      if (!spec.schema) return spec.text || body === '' ? [] : [`${op.operationId} answers ${status} without a body`];
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return ['the answer is not JSON'];
      }
      const check = validator(spec.schema);
      return check(parsed) ? [] : problems(check, 'answer');
    },
  };
}
