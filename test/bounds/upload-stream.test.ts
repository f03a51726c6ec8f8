import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, startHarness, type Harness } from '../helpers/harness.js';
import { fresnsSim } from '../platforms/fresns/helpers.js';

const MiB = 1024 * 1024;
const FILE_BYTES = 128 * MiB;

// Sent chunks are garbage the moment they are written, and V8 collects them late; a collection
// before each sample measures what is still held, not what was already let go.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const live = () => {
  gc();
  return process.memoryUsage().arrayBuffers;
};

/**
 * Peak of the live memory that holds Buffers while `work` runs. A whole file read into memory
 * stays there for the whole send; a file streamed from disk only ever holds a few chunks.
 */
async function peakBuffers<T>(work: () => Promise<T>): Promise<{ result: T; growth: number; samples: number }> {
  const base = live();
  let peak = base;
  let samples = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, live());
    samples++;
  }, 100);
  try {
    const result = await work();
    return { result, growth: peak - base, samples };
  } finally {
    clearInterval(timer);
  }
}

describe('uploads stream from disk', () => {
  let h: Harness;
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'upload-stream-'));
    // Sparse: the size of a long video at no disk cost.
    await writeFile(path.join(dir, 'big.mp4'), '');
    await truncate(path.join(dir, 'big.mp4'), FILE_BYTES);
    h = await startHarness({ flags: { toolsets: 'fresns' }, env: { CREATOR_MCP_UPLOAD_DIR: dir } });
  });
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a 128 MiB Fresns upload sends every byte without holding the file in memory', async () => {
    const client = await h.client();
    const { result, growth, samples } = await peakBuffers(() =>
      client.callTool({
        name: 'fresns_upload_file',
        arguments: { usageType: 7, tableName: 'post_logs', tableColumn: 'id', tableId: 1, type: 'video', uploadMode: 'file', file: 'big.mp4' },
      }),
    );
    // The simulator drains bodies over its 10 MiB limit and answers 413: the whole file went over the wire.
    const sent = fresnsSim(h).host.requests.find((r) => r.path === '/api/v2/common/upload-file');
    expect(sent).toBeDefined();
    expect(Number(sent?.headers['content-length'])).toBeGreaterThan(FILE_BYTES);
    expect(errorText(result)).toMatch(/413/);
    expect(samples).toBeGreaterThan(0);
    expect(growth).toBeLessThan(FILE_BYTES / 4);
    // Its own budget: 128 MiB through two processes' HTTP stacks took over 30 s on a loaded machine.
  }, 120_000);
});
