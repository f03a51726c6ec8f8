/**
 * 18-digit snowflake-like IDs, none of which a double can hold (doubles at this size are
 * multiples of 64), so every digit a client drops shows up as a wrong ID.
 */
export class IdFactory {
  #next: bigint;
  constructor(start: bigint) {
    this.#next = start;
  }

  next(): string {
    let id = this.#next;
    this.#next += 1_000_003n;
    if (id % 64n === 0n) id += 1n;
    return String(id);
  }
}

/** True when JSON.parse would change this integer's value (what the simulator's IDs are chosen for). */
export const unsafeForDouble = (id: string): boolean => BigInt(Number(id)) !== BigInt(id);
