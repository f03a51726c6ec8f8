import { Rng as BaseRng } from '../rng.js';

export class Rng extends BaseRng {
  /** Afdian ids are hyphen-less UUIDv1 with the same node part (…52540025c377), e.g. plan a45353328af911eb973052540025c377 */
  afdianId(): string {
    return `${this.hex(8)}${this.hex(4)}11e${this.hex(1)}${this.hex(4)}52540025c377`;
  }
}
