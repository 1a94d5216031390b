// The terminal: xterm.js with a small line editor on top. Typed lines go to the command bus
// as 'terminal' commands; commands from buttons, keys and links are echoed as if typed, with
// their results. Loaded behind import() so xterm stays out of the first-load bundle.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { complete } from '../commands/complete';
import { loadAllGrammars } from '../commands/kernelGrammar';
import type { CommandResult } from '../commands/types';
import { splitPlaceholders, t } from '../i18n';
import type { AppState, TerminalSink } from './app.svelte';

const PROMPT = '\x1b[36mhlab\x1b[0m › ';
const PROMPT_WIDTH = 'hlab › '.length;
const RED = '\x1b[31m';
const DIM = '\x1b[2m';
const YELLOW = '\x1b[33m';
const RESET = '\x1b[0m';

/** Text from outside (file names, trace content, links) must not drive the terminal. */
export function plain(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) ? (ch === '\t' ? '  ' : '?') : ch;
  }
  return out;
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i].toLowerCase() === w[i].toLowerCase()) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

export class TerminalController implements TerminalSink {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private line = '';
  private cursor = 0;
  private running = 0;
  private readonly disposers: (() => void)[] = [];
  private resizeObserver: ResizeObserver | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly app: AppState,
  ) {
    // Tab completes every kernel's words: their grammars come with the terminal, not the page.
    void loadAllGrammars().catch(() => undefined);
    this.term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 2000,
      theme: { background: '#0b1220', foreground: '#e2e8f0', cursor: '#38bdf8' },
    });
    this.term.loadAddon(this.fit);
    this.term.open(host);
    this.fitNow();
    this.resizeObserver = new ResizeObserver(() => this.fitNow());
    this.resizeObserver.observe(host);
    const data = this.term.onData((d) => this.onData(d));
    this.disposers.push(() => data.dispose());
    this.disposers.push(
      app.bus.onDispatch((e) => {
        if (e.origin !== 'terminal') this.print([`${e.text}    (${e.origin})`], 'echo');
      }),
    );
    this.disposers.push(
      app.bus.onResult((e) => {
        if (e.origin !== 'terminal') this.printResult(e.result);
      }),
    );
    app.terminal = this;
    // The greeting is UI chrome (translated); the command it names stays the command.
    const banner = splitPlaceholders(t('terminal.banner')).map((part, i) => (i % 2 === 1 ? `${RESET}${part}${DIM}` : part));
    this.term.writeln(`${DIM}${banner.join('')}${RESET}`);
    this.prompt();
  }

  private fitNow(): void {
    if (this.host.clientWidth === 0 || this.host.clientHeight === 0) return;
    try {
      this.fit.fit();
    } catch {
      // Not laid out yet; the observer will call again.
    }
  }

  focus(): void {
    this.term.focus();
  }

  /** True when nothing is typed: Tab then leaves the terminal instead of completing. */
  get lineEmpty(): boolean {
    return this.line === '';
  }

  dispose(): void {
    if (this.app.terminal === this) this.app.terminal = null;
    for (const d of this.disposers) d();
    this.resizeObserver?.disconnect();
    this.term.dispose();
  }

  // ---- output -----------------------------------------------------------------------

  private prompt(): void {
    this.term.write(PROMPT);
    this.redrawInput();
  }

  /** Rewrites the input after the prompt and puts the cursor where it belongs. */
  private redrawInput(): void {
    this.term.write(`\r\x1b[${PROMPT_WIDTH}C\x1b[K${plain(this.line)}`);
    const back = this.line.length - this.cursor;
    if (back > 0) this.term.write(`\x1b[${back}D`);
  }

  /** Prints above the input line, then redraws the prompt with what was being typed. */
  print(lines: string[], kind: 'result' | 'error' | 'echo' | 'info' = 'result'): void {
    if (lines.length === 0) return;
    const color = kind === 'error' ? RED : kind === 'echo' ? DIM : kind === 'info' ? YELLOW : '';
    const prefix = kind === 'echo' ? '› ' : '';
    this.term.write('\r\x1b[K');
    for (const l of lines) this.term.writeln(`${color}${prefix}${plain(l)}${color ? RESET : ''}`);
    this.prompt();
  }

  printResult(result: CommandResult): void {
    this.print(result.lines, result.ok ? 'result' : 'error');
  }

  clear(): void {
    this.term.clear();
    this.term.write('\r\x1b[K');
  }

  // ---- input ------------------------------------------------------------------------

  private setLine(text: string, cursor = text.length): void {
    this.line = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    this.redrawInput();
  }

  private insert(text: string): void {
    const clean = plain(text);
    this.setLine(this.line.slice(0, this.cursor) + clean + this.line.slice(this.cursor), this.cursor + clean.length);
  }

  private onData(data: string): void {
    // Pasted text with line breaks runs line by line.
    if (data.length > 1 && /[\r\n]/.test(data) && !data.startsWith('\x1b')) {
      const parts = data.split(/\r\n|\r|\n/);
      parts.forEach((part, i) => {
        this.insert(part);
        if (i < parts.length - 1) this.submit();
      });
      return;
    }
    switch (data) {
      case '\r':
      case '\n':
        this.submit();
        return;
      case '\x7f':
      case '\b':
        if (this.cursor > 0) this.setLine(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
        return;
      case '\x1b[3~':
        if (this.cursor < this.line.length) this.setLine(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
        return;
      case '\x1b[D':
        if (this.cursor > 0) this.setLine(this.line, this.cursor - 1);
        return;
      case '\x1b[C':
        if (this.cursor < this.line.length) this.setLine(this.line, this.cursor + 1);
        return;
      case '\x1b[H':
      case '\x1bOH':
      case '\x01':
        this.setLine(this.line, 0);
        return;
      case '\x1b[F':
      case '\x1bOF':
      case '\x05':
        this.setLine(this.line, this.line.length);
        return;
      case '\x1b[A':
      case '\x1bOA': {
        const previous = this.app.history.up(this.line);
        if (previous !== null) this.setLine(previous);
        return;
      }
      case '\x1b[B':
      case '\x1bOB': {
        const next = this.app.history.down(this.line);
        if (next !== null) this.setLine(next);
        return;
      }
      case '\t':
        this.tab();
        return;
      case '\x03': // Ctrl-C: drop the line; if a command is running, stop the worker too.
        this.term.write('^C\r\n');
        this.line = '';
        this.cursor = 0;
        if (this.running > 0 || this.app.playing) {
          this.app.pause();
          void this.app.client.cancel().catch((error: unknown) => this.print([`cancel failed: ${error instanceof Error ? error.message : String(error)}`], 'error'));
        }
        this.prompt();
        return;
      case '\x0c': // Ctrl-L
        this.clear();
        this.prompt();
        return;
      case '\x15': // Ctrl-U
        this.setLine(this.line.slice(this.cursor), 0);
        return;
      case '\x0b': // Ctrl-K
        this.setLine(this.line.slice(0, this.cursor), this.cursor);
        return;
      case '\x17': {
        // Ctrl-W: delete the word before the cursor
        const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
        this.setLine(before + this.line.slice(this.cursor), before.length);
        return;
      }
    }
    if (data.startsWith('\x1b')) return; // other keys (F-keys, alt-...) do nothing
    this.insert(data);
  }

  private tab(): void {
    const { replaceFrom, candidates } = complete(this.line, this.cursor);
    if (candidates.length === 0) return;
    const typed = this.line.slice(replaceFrom, this.cursor);
    const after = this.line.slice(this.cursor);
    if (candidates.length === 1) {
      const word = candidates[0];
      const space = after.startsWith(' ') ? '' : ' ';
      this.setLine(this.line.slice(0, replaceFrom) + word + space + after, replaceFrom + word.length + space.length);
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > typed.length) {
      this.setLine(this.line.slice(0, replaceFrom) + prefix + after, replaceFrom + prefix.length);
      return;
    }
    this.term.write('\r\n');
    this.term.writeln(plain(candidates.join('  ')));
    this.prompt();
  }

  private submit(): void {
    const line = this.line;
    this.line = '';
    this.cursor = 0;
    this.term.write('\r\n');
    if (line.trim() !== '') this.app.history.push(line);
    // The prompt comes back at once: commands queue on the bus and print above the input.
    this.prompt();
    if (line.trim() === '') return;
    this.running++;
    void this.app.bus
      .execute(line, 'terminal')
      .then(
        (result) => result,
        (error: unknown): CommandResult => ({ ok: false, lines: [error instanceof Error ? error.message : String(error)] }),
      )
      .then((result) => {
        this.running--;
        this.printResult(result);
      });
  }
}

export function mountTerminal(host: HTMLElement, app: AppState): TerminalController {
  return new TerminalController(host, app);
}
