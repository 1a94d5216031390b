// Every way of issuing a command (typing, clicking, a key, a lab script, a share link) ends
// here. Commands run strictly one at a time, in the order they were dispatched, so a click
// during a long `seek` cannot interleave with it and results come out in order.
import { loadGrammar, loadGrammarsFor } from './kernelGrammar';
import { caretLines, formatCommand, parseCommand } from './parse';
import type { Command, CommandName, CommandResult } from './types';

export type CommandOrigin = 'terminal' | 'button' | 'link' | 'lab' | 'key';

export type CommandHandler<N extends CommandName = CommandName> = (
  command: Extract<Command, { name: N }>,
  origin: CommandOrigin,
) => Promise<CommandResult>;

export interface DispatchEvent {
  command: Command;
  /** The canonical typed form, for echoing a click as if it had been typed. */
  text: string;
  origin: CommandOrigin;
}

export interface ResultEvent extends DispatchEvent {
  result: CommandResult;
}

type Listener<E> = (event: E) => void;

export class CommandBus {
  private readonly handlers = new Map<CommandName, CommandHandler>();
  private readonly dispatchListeners = new Set<Listener<DispatchEvent>>();
  private readonly resultListeners = new Set<Listener<ResultEvent>>();
  /** The kernel whose tab is in front, when it is not the GPU pool: typed front verbs go to it. */
  front: string | null = null;
  /** The tail of the queue: each command starts when the previous one has settled. */
  private tail: Promise<unknown> = Promise.resolve();

  /** Installs the handler for one command; returns a function that removes it. */
  register<N extends CommandName>(name: N, handler: CommandHandler<N>): () => void {
    if (this.handlers.has(name)) throw new Error(`a handler for "${name}" is already registered`);
    this.handlers.set(name, handler as unknown as CommandHandler);
    return () => {
      if (this.handlers.get(name) === (handler as unknown as CommandHandler)) this.handlers.delete(name);
    };
  }

  /** Called as each command starts running, with its canonical text. */
  onDispatch(listener: Listener<DispatchEvent>): () => void {
    this.dispatchListeners.add(listener);
    return () => this.dispatchListeners.delete(listener);
  }

  /** Called as each command finishes, so results of clicks can be shown too. */
  onResult(listener: Listener<ResultEvent>): () => void {
    this.resultListeners.add(listener);
    return () => this.resultListeners.delete(listener);
  }

  /** Queues a command; resolves with its result once it and everything before it ran. */
  dispatch(command: Command, origin: CommandOrigin): Promise<CommandResult> {
    return this.enqueue(async () => {
      await loadGrammar(command.name);
      return this.run(command, origin);
    });
  }

  /**
   * Parses a typed line and dispatches it. A parse error comes back as a failed result
   * (message plus a caret under the column), in queue order like any other output.
   */
  execute(line: string, origin: CommandOrigin): Promise<CommandResult> {
    return this.enqueue(async () => {
      // A kernel's words load with the kernel; the line waits for them in its place in the queue.
      await loadGrammarsFor(line, this.front);
      const parsed = parseCommand(line, { front: this.front ?? undefined });
      if (parsed.ok) return this.run(parsed.command, origin);
      return { ok: false, lines: [parsed.error, ...caretLines(line, parsed.column)] };
    });
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  private enqueue(job: () => Promise<CommandResult>): Promise<CommandResult> {
    const result = this.tail.then(job);
    // The queue must survive any failure, so the tail swallows what `job` rejects with.
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async run(command: Command, origin: CommandOrigin): Promise<CommandResult> {
    const text = formatCommand(command);
    notify(this.dispatchListeners, { command, text, origin });
    const handler = this.handlers.get(command.name);
    let result: CommandResult;
    if (handler === undefined) {
      result = { ok: false, lines: [`${command.name}: not available here`] };
    } else {
      try {
        result = await handler(command, origin);
      } catch (error) {
        result = { ok: false, lines: [error instanceof Error ? error.message : String(error)] };
      }
    }
    notify(this.resultListeners, { command, text, origin, result });
    return result;
  }
}

function notify<E>(listeners: Set<Listener<E>>, event: E): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // A broken listener (say, a closed terminal) must not stop commands from running.
    }
  }
}
