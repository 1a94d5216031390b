// Command history with readline-style navigation: Up walks back through earlier lines,
// Down walks forward, and walking past the newest line gives back what was being typed.
// Edits made to a recalled line are kept while navigating, until a line is submitted.

/** The part of the Web Storage API we use; the UI passes `localStorage`. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface CommandHistoryOptions {
  storage: KeyValueStorage | null;
  /** Storage key; one per app so two apps on one origin don't mix histories. */
  key?: string;
  /** Oldest lines are dropped beyond this many. */
  limit?: number;
}

export const DEFAULT_HISTORY_KEY = 'hyperscale-lab:history';
export const DEFAULT_HISTORY_LIMIT = 500;

export class CommandHistory {
  private readonly storage: KeyValueStorage | null;
  private readonly key: string;
  private readonly limit: number;
  private lines: string[] = [];
  /** Position while navigating: lines.length means "the line being typed". */
  private cursor = 0;
  /** Unsubmitted text per position (including the draft at lines.length). */
  private edits = new Map<number, string>();
  /** Why the saved history could not be used or saved, if it could not; null when fine. */
  problem: string | null = null;

  constructor(options: CommandHistoryOptions) {
    this.storage = options.storage;
    this.key = options.key ?? DEFAULT_HISTORY_KEY;
    this.limit = Math.max(1, options.limit ?? DEFAULT_HISTORY_LIMIT);
    this.lines = this.load();
    this.cursor = this.lines.length;
  }

  /** Submitted lines, oldest first. */
  entries(): readonly string[] {
    return this.lines;
  }

  /** Records a submitted line (blank lines and immediate repeats are not kept). */
  push(line: string): void {
    this.edits.clear();
    if (line.trim() !== '' && this.lines[this.lines.length - 1] !== line) {
      this.lines.push(line);
      if (this.lines.length > this.limit) this.lines.splice(0, this.lines.length - this.limit);
      this.save();
    }
    this.cursor = this.lines.length;
  }

  /** The line to show after Up, given what is on screen now; null at the oldest line. */
  up(current: string): string | null {
    if (this.cursor === 0) return null;
    this.edits.set(this.cursor, current);
    this.cursor--;
    return this.shown(this.cursor);
  }

  /** The line to show after Down; null when already on the line being typed. */
  down(current: string): string | null {
    if (this.cursor >= this.lines.length) return null;
    this.edits.set(this.cursor, current);
    this.cursor++;
    return this.shown(this.cursor);
  }

  private shown(position: number): string {
    return this.edits.get(position) ?? this.lines[position] ?? '';
  }

  private load(): string[] {
    if (this.storage === null) return [];
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.key);
    } catch (error) {
      this.problem = `command history could not be read: ${String(error)}`;
      return [];
    }
    if (raw === null) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!Array.isArray(parsed)) throw new Error('not a list');
      const bad = parsed.findIndex((l) => typeof l !== 'string');
      if (bad !== -1) throw new Error(`entry ${bad} is not text`);
      return (parsed as string[]).slice(-this.limit);
    } catch (error) {
      // Ignore rather than throw: a damaged history must never stop the terminal starting.
      this.problem = `saved command history under "${this.key}" is damaged and was ignored (${error instanceof Error ? error.message : String(error)})`;
      return [];
    }
  }

  private save(): void {
    if (this.storage === null) return;
    try {
      this.storage.setItem(this.key, JSON.stringify(this.lines));
      this.problem = null;
    } catch (error) {
      // Storage full or blocked: keep history in memory for this session.
      this.problem = `command history could not be saved: ${String(error)}`;
    }
  }
}
