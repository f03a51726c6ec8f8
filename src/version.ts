import { createRequire } from 'node:module';

/** Read from package.json so that the version is never kept in two places. */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
