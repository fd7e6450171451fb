/**
 * Many literals in one pass over the bytes (Wu–Manber, blocks of three bytes hashed to 16 bits): the text is read
 * at the end of a window of `m` bytes (the shortest literal); a block that ends no literal's first `m` bytes lets
 * the window jump ahead by up to m - 2. A hash collision only costs a comparison: every candidate is checked byte
 * by byte. Literals are matched exactly (case-sensitive), like `grep -F`.
 */
export class MultiMatcher {
  private readonly m: number;
  private readonly shift: Uint8Array;
  /** Literals whose first m bytes end with a block, by block hash (only blocks with shift 0). */
  private readonly ends = new Map<number, number[]>();

  constructor(readonly literals: readonly Buffer[]) {
    if (literals.length === 0) throw new Error('MultiMatcher: no literal');
    this.m = Math.min(...literals.map((l) => l.length));
    if (this.m < 3) throw new Error('MultiMatcher: literals must have at least three bytes');
    const m = this.m;
    const def = Math.min(255, m - 2);
    this.shift = new Uint8Array(65536).fill(def);
    literals.forEach((lit, idx) => {
      for (let j = 2; j < m; j++) {
        const block = ((lit[j - 2]! * 1031) ^ (lit[j - 1]! << 5) ^ lit[j]!) & 0xffff;
        const s = Math.min(255, m - 1 - j);
        if (s < this.shift[block]!) this.shift[block] = s;
        if (s === 0) {
          const list = this.ends.get(block);
          if (list) list.push(idx);
          else this.ends.set(block, [idx]);
        }
      }
    });
  }

  /** Calls `hit(start, literal index)` for every occurrence in buf[0, end), in increasing start order. */
  find(buf: Buffer, end: number, hit: (start: number, idx: number) => void): void {
    const m = this.m;
    const shift = this.shift;
    const lits = this.literals;
    let pos = m - 1;
    while (pos < end) {
      const block = ((buf[pos - 2]! * 1031) ^ (buf[pos - 1]! << 5) ^ buf[pos]!) & 0xffff;
      const s = shift[block]!;
      if (s > 0) {
        pos += s;
        continue;
      }
      const start = pos - m + 1;
      for (const idx of this.ends.get(block)!) {
        const lit = lits[idx]!;
        if (start + lit.length <= end && buf.compare(lit, 0, lit.length, start, start + lit.length) === 0)
          hit(start, idx);
      }
      pos++;
    }
  }
}
