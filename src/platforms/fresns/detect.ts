import type { HttpClient } from '../../http/client.js';
import { PlatformError } from '../../http/errors.js';
import type { Logger } from '../../log.js';
import type { FresnsConfig } from './config.js';
import { VERSION_NAME, type ApiVersion } from './operations/versions.js';

/** Fresns 3.x serves its status file here without header checks; Fresns 2.x has no such route (404). */
export const STATUS_PATH = '/api/fresns/v1/global/status';

/**
 * The API generation of the site: the configured one, or (FRESNS_API_VERSION=auto) found with
 * one unsigned GET of the 3.x status route at the first call and kept for the process. The
 * probe needs no credentials, so listing tools and cold start never touch the network. A failed
 * probe is not remembered: the next call tries again.
 */
export class FresnsVersion {
  #known: ApiVersion | undefined;
  #pending: Promise<ApiVersion> | undefined;

  constructor(
    private readonly cfg: FresnsConfig,
    private readonly http: HttpClient,
    private readonly log: Logger,
  ) {
    if (cfg.apiVersion !== 'auto') this.#known = cfg.apiVersion;
  }

  /** The version, when already known (configured or detected). */
  get known(): ApiVersion | undefined {
    return this.#known;
  }

  async get(signal?: AbortSignal): Promise<ApiVersion> {
    if (this.#known) return this.#known;
    this.#pending ??= this.#probe(signal).finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #probe(signal?: AbortSignal): Promise<ApiVersion> {
    let version: ApiVersion;
    try {
      const { data, headers } = await this.http.sendJson({
        method: 'GET',
        url: `${this.cfg.baseUrl}${STATUS_PATH}`,
        headers: { accept: 'application/json' },
        retry: 'read',
        signal,
      });
      const isStatus = typeof data === 'object' && data !== null && 'activate' in data;
      // A 2.x site may answer unknown paths with a page of its own (a theme's catch-all) instead of a 404.
      version = isStatus || headers.get('fresns-api') === 'v1' ? 3 : 2;
    } catch (err) {
      const notJson = err instanceof PlatformError && err.status !== undefined && err.status >= 200 && err.status < 300;
      if (!(err instanceof PlatformError) || (err.status !== 404 && !notJson)) throw err;
      version = 2;
    }
    this.#known = version;
    this.log.info(`Fresns: ${this.cfg.baseUrl} speaks ${VERSION_NAME[version]} (FRESNS_API_VERSION=auto; set it to ${version} to skip this check)`);
    return version;
  }
}
