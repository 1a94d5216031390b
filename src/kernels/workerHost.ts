// The worker side every kernel shares: compile the kernel's .wasm once, build its session
// lazily, and run each API call so that a kernel trap reaches the main thread as a plain
// error whose message starts with "KernelTrap:" (comlink serialises errors by message).
import { KernelTrap } from './wasmKernel';

export function workerHost<S>(wasmUrl: string, what: string, makeSession: (module: WebAssembly.Module) => S): <T>(work: (s: S) => T) => Promise<T> {
  let sessionPromise: Promise<S> | null = null;
  const session = (): Promise<S> => {
    sessionPromise ??= (async () => {
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`could not load the ${what} (${wasmUrl}): HTTP ${response.status}`);
      return makeSession(await WebAssembly.compile(await response.arrayBuffer()));
    })();
    return sessionPromise;
  };
  return async <T>(work: (s: S) => T): Promise<T> => {
    const s = await session();
    try {
      return work(s);
    } catch (error) {
      if (error instanceof KernelTrap) throw new Error(error.message);
      throw error instanceof Error ? error : new Error(String(error));
    }
  };
}
