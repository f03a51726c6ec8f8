import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './http/errors.js';

/**
 * Resolves a file an agent asked to upload, refusing anything outside CREATOR_MCP_UPLOAD_DIR.
 * Symlinks are resolved first, so a link inside the directory cannot point an upload at
 * ~/.ssh. The error names the rule, never the contents of the refused path.
 */
export async function resolveUpload(uploadDir: string | undefined, requested: string): Promise<{ path: string; size: number }> {
  if (!uploadDir) {
    throw new ConfigError('uploads of local files are off: set CREATOR_MCP_UPLOAD_DIR to the one directory creator-mcp may read files from');
  }
  const root = await realpath(uploadDir).catch(() => {
    throw new ConfigError(`CREATOR_MCP_UPLOAD_DIR (${uploadDir}) does not exist`);
  });
  const candidate = path.resolve(root, requested);
  const real = await realpath(candidate).catch(() => {
    throw new ConfigError(`no file "${requested}" in the upload directory`);
  });
  if (real !== root && !real.startsWith(root + path.sep)) {
    throw new ConfigError(`"${requested}" is outside the upload directory (CREATOR_MCP_UPLOAD_DIR); only files inside it can be uploaded`);
  }
  const info = await stat(real);
  if (!info.isFile()) throw new ConfigError(`"${requested}" is not a regular file`);
  return { path: real, size: info.size };
}
