/**
 * REPL history navigation: up/down walk older/newer entries keeping the line being typed as a
 * draft; ctrl-r finds the newest entry containing a substring, again for the next older one.
 */
export class History {
  private pos: number;
  private draft = '';

  constructor(private entries: string[] = [], private readonly max = 1000) {
    this.pos = entries.length;
  }

  all(): readonly string[] { return this.entries; }

  /** Adds a run command (not twice in a row) and resets navigation. */
  add(line: string): void {
    if (line.trim() && this.entries[this.entries.length - 1] !== line) this.entries.push(line);
    if (this.entries.length > this.max) this.entries = this.entries.slice(-this.max);
    this.reset();
  }

  /** Loaded history goes before anything typed in this session. */
  prepend(older: string[]): void {
    this.entries = [...older, ...this.entries].slice(-this.max);
    this.reset();
  }

  reset(): void {
    this.pos = this.entries.length;
    this.draft = '';
  }

  prev(current: string): string | undefined {
    if (this.pos === 0) return undefined;
    if (this.pos === this.entries.length) this.draft = current;
    this.pos--;
    return this.entries[this.pos];
  }

  next(): string | undefined {
    if (this.pos >= this.entries.length) return undefined;
    this.pos++;
    return this.pos === this.entries.length ? this.draft : this.entries[this.pos];
  }

  /** Newest entry older than `before` (an index) containing `query`. */
  search(query: string, before = this.entries.length): { index: number; line: string } | undefined {
    for (let i = Math.min(before, this.entries.length) - 1; i >= 0; i--) {
      if (this.entries[i]!.includes(query)) return { index: i, line: this.entries[i]! };
    }
    return undefined;
  }
}
