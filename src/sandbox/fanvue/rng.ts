import { Rng as BaseRng } from '../rng.js';

export class Rng extends BaseRng {
  /** An RFC 4122 version-4 UUID, as Fanvue's ids are. */
  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${this.pick(['8', '9', 'a', 'b'])}${this.hex(3)}-${this.hex(12)}`;
  }
}
