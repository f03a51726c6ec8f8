import { describe, expect, it } from 'vitest';
import { fanvue } from '../../../src/platforms/fanvue/index.js';
import { operations } from '../../../src/platforms/fanvue/operations/index.js';

const guides = fanvue.guides ?? [];

describe('Fanvue guides', () => {
  it('has a guide for every fanvue://guides/<topic> a description points to', () => {
    const topics = new Set(guides.map((g) => g.topic));
    const pointed = operations.flatMap((op) => [...op.description.matchAll(/fanvue:\/\/guides\/([a-z0-9-]+)/g)].map((m) => `${op.name} -> ${m[1]}`));
    expect(pointed.length).toBeGreaterThan(0);
    expect(pointed.filter((p) => !topics.has(p.split(' -> ')[1] ?? ''))).toEqual([]);
  });

  it('keeps in the uploads guide what the upload descriptions no longer say', () => {
    const text = guides.find((g) => g.topic === 'uploads')?.text ?? '';
    for (const must of ['CREATOR_MCP_UPLOAD_DIR', 'fanvue_create_upload_session', 'fanvue_get_upload_part_url', 'fanvue_complete_upload_session', 'ETag', '5 MiB', 'status: ready']) {
      expect(text, must).toContain(must);
    }
  });
});
