// The mechanics every kernel's main-thread client shares: own one worker, serialise every
// call through a promise queue (a kernel is single-threaded and calls must not interleave),
// cancel by terminating the worker (a running wasm loop cannot be interrupted otherwise)
// and spawn a fresh one, and turn kernel traps into a reported KernelTrapError. What to
// rebuild after a cancel is each client's own business.
import { wrap, releaseProxy, type Remote } from 'comlink';

/** Thrown by calls that were pending or running when `cancel()` terminated the worker. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled: the simulation worker was restarted');
    this.name = 'CancelledError';
  }
}

/** A kernel trap reported by the worker; the worker has restored its last good state. */
export class KernelTrapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelTrapError';
  }
}

export const TRAP_PREFIX = 'KernelTrap:';

export function isTrapMessage(message: string): boolean {
  return message.startsWith(TRAP_PREFIX);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface BridgeEvents {
  onTrap?: (message: string) => void;
  onWorkerError?: (message: string) => void;
}

export class WorkerBridge<Api extends object> {
  private worker!: Worker;
  private api!: Remote<Api>;
  private queue: Promise<unknown> = Promise.resolve();
  /** Rejects every call of the current worker when it is terminated. */
  private abort!: { promise: Promise<never>; reject: (e: Error) => void };
  private disposed = false;

  constructor(
    private readonly makeWorker: () => Worker,
    private readonly events: BridgeEvents,
    private readonly what: string,
  ) {
    this.spawn();
  }

  private spawn(): void {
    this.worker = this.makeWorker();
    this.worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      const message = event.message || `the ${this.what} failed to start`;
      if (isTrapMessage(message)) this.events.onTrap?.(message);
      else this.events.onWorkerError?.(message);
    });
    this.api = wrap<Api>(this.worker);
    let reject!: (e: Error) => void;
    const promise = new Promise<never>((_, r) => {
      reject = r;
    });
    // Nobody may be listening when the worker is cancelled while idle.
    promise.catch(() => undefined);
    this.abort = { promise, reject };
    this.queue = Promise.resolve();
  }

  /**
   * Runs `fn` against the worker after every earlier call has settled. A trap is reported
   * and rethrown as `KernelTrapError`; a cancel rejects with `CancelledError`.
   */
  call<T>(fn: (api: Remote<Api>) => Promise<T>): Promise<T> {
    if (this.disposed) return Promise.reject(new Error(`the ${this.what} was closed`));
    const api = this.api;
    const abort = this.abort.promise;
    const run = async (): Promise<T> => {
      // Queued for a worker that was restarted before the call's turn came: it never ran.
      if (this.abort.promise !== abort) throw new CancelledError();
      try {
        return await Promise.race([fn(api), abort]);
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        const message = errorMessage(error);
        if (isTrapMessage(message)) {
          this.events.onTrap?.(message);
          throw new KernelTrapError(message);
        }
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Terminates the worker (pending calls reject with CancelledError) and starts a fresh one. */
  restart(): void {
    this.abort.reject(new CancelledError());
    this.api[releaseProxy]();
    this.worker.terminate();
    this.spawn();
  }

  dispose(): void {
    this.disposed = true;
    this.abort.reject(new CancelledError());
    this.worker.terminate();
  }
}
