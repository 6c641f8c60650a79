import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Who wrote what, keyed by Yjs item ids: for each Yjs client id, the clock ranges `[from, to)` and the user
 * whose connection brought them in. Filled by the server from the authenticated connection of each accepted
 * update (never from anything inside the document), so "afficher les auteurs" cannot be forged.
 *
 * Ranges of one client only grow at its end (Yjs integrates a client's items in clock order), so each
 * client's list stays sorted and appends are O(1).
 */
export class Attribution {
  readonly users: string[] = [];
  private readonly userIndex = new Map<string, number>();
  /** Per client: flattened [from, to, userIndex, …], sorted by `from`. */
  private readonly byClient = new Map<number, number[]>();

  private indexOf(userId: string): number {
    let index = this.userIndex.get(userId);
    if (index === undefined) {
      index = this.users.length;
      this.users.push(userId);
      this.userIndex.set(userId, index);
    }
    return index;
  }

  /** Records that `[from, to)` of `client` came from `userId`. */
  add(client: number, from: number, to: number, userId: string): void {
    if (to <= from) return;
    const user = this.indexOf(userId);
    let ranges = this.byClient.get(client);
    if (!ranges) {
      ranges = [];
      this.byClient.set(client, ranges);
    }
    const last = ranges.length - 3;
    if (last >= 0) {
      const lastTo = ranges[last + 1]!;
      // Yjs never integrates a clock twice; clip defensively so ranges stay disjoint.
      if (from < lastTo) from = lastTo;
      if (to <= from) return;
      if (from === lastTo && ranges[last + 2] === user) {
        ranges[last + 1] = to;
        return;
      }
    }
    ranges.push(from, to, user);
  }

  /** The user who introduced this Yjs client id, if any: a client id belongs to one user for good. */
  ownerOf(client: number): string | undefined {
    const ranges = this.byClient.get(client);
    return ranges && ranges.length > 0 ? this.users[ranges[2]!] : undefined;
  }

  /** The author of one item id, or undefined. */
  authorAt(client: number, clock: number): string | undefined {
    const ranges = this.byClient.get(client);
    if (!ranges) return undefined;
    let low = 0;
    let high = ranges.length / 3 - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const from = ranges[mid * 3]!;
      const to = ranges[mid * 3 + 1]!;
      if (clock < from) high = mid - 1;
      else if (clock >= to) low = mid + 1;
      else return this.users[ranges[mid * 3 + 2]!];
    }
    return undefined;
  }

  hasClient(client: number): boolean {
    return this.byClient.has(client);
  }

  /** Flattened quadruples `client, from, to, userIndex` (indexes into `users`). */
  toFlat(): number[] {
    const flat: number[] = [];
    for (const [client, ranges] of this.byClient) {
      for (let i = 0; i < ranges.length; i += 3) flat.push(client, ranges[i]!, ranges[i + 1]!, ranges[i + 2]!);
    }
    return flat;
  }

  /** Compact binary form, stored with the pad's snapshot. */
  encode(): { users: string[]; ranges: Uint8Array } {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.byClient.size);
    for (const [client, ranges] of this.byClient) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, ranges.length / 3);
      let previousTo = 0;
      for (let i = 0; i < ranges.length; i += 3) {
        // Deltas keep the numbers small: ranges are sorted and disjoint.
        encoding.writeVarUint(encoder, ranges[i]! - previousTo);
        encoding.writeVarUint(encoder, ranges[i + 1]! - ranges[i]!);
        encoding.writeVarUint(encoder, ranges[i + 2]!);
        previousTo = ranges[i + 1]!;
      }
    }
    return { users: [...this.users], ranges: encoding.toUint8Array(encoder) };
  }

  /** Adds what `encode()` produced (used when loading a snapshot). */
  merge(users: readonly string[], bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    const clients = decoding.readVarUint(decoder);
    for (let c = 0; c < clients; c++) {
      const client = decoding.readVarUint(decoder);
      const count = decoding.readVarUint(decoder);
      let previousTo = 0;
      for (let i = 0; i < count; i++) {
        const from = previousTo + decoding.readVarUint(decoder);
        const to = from + decoding.readVarUint(decoder);
        const user = users[decoding.readVarUint(decoder)];
        if (user !== undefined) this.add(client, from, to, user);
        previousTo = to;
      }
    }
  }

  /** Adds flattened triples `client, from, to` for one user (the ranges of one logged update). */
  addTriples(triples: readonly number[], userId: string): void {
    for (let i = 0; i + 2 < triples.length; i += 3) this.add(triples[i]!, triples[i + 1]!, triples[i + 2]!, userId);
  }
}
