/**
 * Maps byte offsets of a text to 1-based line numbers. A line ends at `\n`,
 * `\r\n` or a lone `\r`.
 */
export class LineIndex {
  /** Byte offset at which each line after the first starts. */
  readonly #starts: number[] = [];

  constructor(bytes: Uint8Array) {
    const CR = 13;
    const LF = 10;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === LF) this.#starts.push(i + 1);
      else if (b === CR && bytes[i + 1] !== LF) this.#starts.push(i + 1);
    }
  }

  /** The line holding the byte at `offset`. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.#starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}
