import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { PART_SIZE } from '../../src/platforms/fanvue/operations/upload.js';
import type { FanvueSimulator } from '../../src/sandbox/fanvue/simulator.js';
import { errorText, payload, startHarness, type Harness } from '../helpers/harness.js';
import { fanvueOf } from '../platforms/fanvue/helpers.js';

describe('fanvue_upload_media', () => {
  let h: Harness;
  let client: Client;
  let sim: FanvueSimulator;
  let dir: string;
  let outside: string;
  const size = PART_SIZE + 123_456;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'fanvue-uploads-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'fanvue-outside-'));
    await writeFile(path.join(dir, 'clip.mp4'), Buffer.alloc(size, 7));
    await writeFile(path.join(outside, 'id_rsa'), 'PRIVATE KEY');
    await symlink(path.join(outside, 'id_rsa'), path.join(dir, 'innocent.jpg'));
    h = await startHarness({ env: { CREATOR_MCP_UPLOAD_DIR: dir } });
    client = await h.client();
    sim = fanvueOf(h);
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('uploads a file in parts with progress, files it in a folder, and the media becomes ready', async () => {
    const progress: Array<{ progress: number; total?: number }> = [];
    const result = payload<Record<string, unknown>>(
      await client.callTool({ name: 'fanvue_upload_media', arguments: { path: 'clip.mp4', name: 'Clip of the week', folderName: 'Beach' } }, { onprogress: (p) => progress.push(p) }),
    );
    expect(result).toMatchObject({ filename: 'clip.mp4', mediaType: 'video', size, parts: 2, status: 'processing', folderName: 'Beach' });
    expect(progress.at(-1)).toMatchObject({ progress: size, total: size });
    expect(progress.map((p) => p.progress)).toEqual([0, PART_SIZE, size]);

    const storage = sim.api.requests.filter((r) => r.path.startsWith('/__storage/'));
    expect(storage.map((r) => Number(r.headers['content-length']))).toEqual([PART_SIZE, size - PART_SIZE]);
    for (const r of storage) expect(r.headers.authorization).toBeUndefined();
    expect(sim.creator.vault.find((f) => f.name === 'Beach')?.mediaUuids).toContain(result.mediaUuid);

    await new Promise((r) => setTimeout(r, 350));
    const media = payload<Record<string, unknown>>(await client.callTool({ name: 'fanvue_get_media', arguments: { uuid: result.mediaUuid, variants: ['main'] } }));
    expect(media).toMatchObject({ uuid: result.mediaUuid, status: 'ready', name: 'Clip of the week', mediaType: 'video' });
  });

  it('refuses any path outside the upload directory, before anything is sent', async () => {
    const before = sim.api.requests.length;
    for (const p of ['../etc/passwd', path.join(outside, 'id_rsa'), 'innocent.jpg', '~/.ssh/id_rsa']) {
      const text = errorText(await client.callTool({ name: 'fanvue_upload_media', arguments: { path: p } }));
      expect(text, p).toMatch(/outside the upload directory|no file/);
      expect(text).not.toContain('PRIVATE KEY');
    }
    expect(sim.api.requests.length).toBe(before);
  });

  it('refuses every upload when CREATOR_MCP_UPLOAD_DIR is unset', async () => {
    const bare = await startHarness();
    try {
      const c = await bare.client();
      const text = errorText(await c.callTool({ name: 'fanvue_upload_media', arguments: { path: 'clip.mp4' } }));
      expect(text).toMatch(/uploads of local files are off: set CREATOR_MCP_UPLOAD_DIR/);
      expect(fanvueOf(bare).api.requests.filter((r) => r.path.startsWith('/media'))).toHaveLength(0);
    } finally {
      await bare.close();
    }
  });
});
