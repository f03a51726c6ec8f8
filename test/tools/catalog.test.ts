import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ConfigError } from '../../src/http/errors.js';
import type { Operation, Platform } from '../../src/platforms/types.js';
import { selectTools } from '../../src/tools/catalog.js';

const op = (name: string, toolset: string, kind: Operation['kind']): Operation => ({
  name,
  title: name,
  description: name,
  method: 'GET',
  path: '/',
  input: z.object({}),
  kind,
  toolset,
  x: undefined,
});

const alpha: Platform = {
  id: 'afdian',
  title: 'A',
  toolsets: [
    { id: 'afdian_read', description: '' },
    { id: 'afdian_write', description: '' },
    { id: 'afdian_niche', description: '', default: false },
  ],
  operations: [op('get_x', 'afdian_read', 'read'), op('set_x', 'afdian_write', 'write'), op('del_x', 'afdian_write', 'destructive'), op('niche_x', 'afdian_niche', 'read')],
  configure: () => ({}),
  secrets: () => [],
  createClient: () => ({ call: async () => ({}) }),
};
const beta: Platform = { ...alpha, id: 'fanvue', toolsets: [{ id: 'fanvue_all', description: '' }], operations: [op('get_y', 'fanvue_all', 'read')] };
const both = new Set(['afdian', 'fanvue']);
const names = (filters: Parameters<typeof selectTools>[2], enabled: Set<string> = both) =>
  selectTools([alpha, beta], enabled, filters).map((e) => e.name);

describe('tool selection', () => {
  it('exposes the default toolsets of enabled platforms when nothing is chosen', () => {
    expect(names({})).toEqual(['afdian_get_x', 'afdian_set_x', 'afdian_del_x', 'fanvue_get_y']);
    expect(names({}, new Set(['fanvue']))).toEqual(['fanvue_get_y']);
  });
  it('"all" includes opt-in toolsets; a platform id means its default toolsets', () => {
    expect(names({ toolsets: ['all'] })).toContain('afdian_niche_x');
    expect(names({ toolsets: ['afdian'] })).toEqual(['afdian_get_x', 'afdian_set_x', 'afdian_del_x']);
    expect(names({ toolsets: ['afdian_niche'] })).toEqual(['afdian_niche_x']);
  });
  it('adds named tools to toolsets, or exposes only them when no toolset is named', () => {
    expect(names({ toolsets: ['fanvue'], tools: ['afdian_get_x'] })).toEqual(['afdian_get_x', 'fanvue_get_y']);
    expect(names({ tools: ['afdian_set_x'] })).toEqual(['afdian_set_x']);
  });
  it('excludes, and read-only wins over everything', () => {
    expect(names({ excludeTools: ['afdian_set_x'] })).toEqual(['afdian_get_x', 'afdian_del_x', 'fanvue_get_y']);
    expect(names({ readOnly: true, tools: ['afdian_set_x'], toolsets: ['all'] })).toEqual(['afdian_get_x', 'afdian_niche_x', 'fanvue_get_y']);
  });
  it('refuses unknown names at startup', () => {
    expect(() => names({ toolsets: ['afdian_nope'] })).toThrow(ConfigError);
    expect(() => names({ tools: ['afdian_get_z'] })).toThrow(/unknown tool "afdian_get_z"/);
    expect(() => names({ excludeTools: ['nope'] })).toThrow(ConfigError);
  });
});
