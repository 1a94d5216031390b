// Instantiating an AssemblyScript kernel, the same way for every kernel and every host
// (worker, CLI, tests): the module's `abort` becomes a trap message, and a trap becomes a
// KernelTrap that names the command that was running.

/** A trap inside a kernel (abort, unreachable, out-of-bounds), with what was running. */
export class KernelTrap extends Error {
  constructor(readonly reason: string, readonly during: string) {
    super(`KernelTrap: ${reason} (during ${during})`);
    this.name = 'KernelTrap';
  }
}

/** Reads an AssemblyScript string (UTF-16, byte length stored just before it). */
function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  if (ptr === 0) return '';
  const bytes = new Uint32Array(memory.buffer, ptr - 4, 1)[0];
  return String.fromCharCode(...new Uint16Array(memory.buffer, ptr, bytes >>> 1));
}

export interface KernelInstance<T> {
  exports: T & { memory: WebAssembly.Memory };
  /** Runs a kernel call; any trap becomes a KernelTrap naming `during`. */
  call<R>(during: string, fn: () => R): R;
  /**
   * The whole state, as a copy of linear memory (a kernel allocates nothing after init): up to
   * the kernel's `stateEnd()` when it exports one, all of it otherwise.
   */
  snapshot(): Uint8Array;
  /** Copies a snapshot of this instance back into linear memory. */
  restore(snapshot: Uint8Array): void;
  /** Linear memory itself, after `clearScratch` zeroed what reads leave behind: for hashing. */
  stateBytes(clearScratch: () => void): Uint8Array;
}

export function instantiateKernel<T>(module: WebAssembly.Module): KernelInstance<T> {
  let memory: WebAssembly.Memory | null = null;
  let lastAbort = '';
  const instance = new WebAssembly.Instance(module, {
    env: {
      abort: (msg: number, file: number, line: number, column: number) => {
        lastAbort = `${readAsString(memory!, msg)} at ${readAsString(memory!, file)}:${line}:${column}`;
        throw new WebAssembly.RuntimeError(lastAbort);
      },
    },
  });
  const exports = instance.exports as unknown as T & { memory: WebAssembly.Memory };
  memory = exports.memory;
  const stateEnd = (exports as { stateEnd?: () => number }).stateEnd;
  return {
    exports,
    call<R>(during: string, fn: () => R): R {
      lastAbort = '';
      try {
        return fn();
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) throw new KernelTrap(lastAbort || error.message, during);
        throw error;
      }
    },
    snapshot(): Uint8Array {
      const buffer = exports.memory.buffer;
      const end = typeof stateEnd === 'function' ? stateEnd() : buffer.byteLength;
      return new Uint8Array(buffer.slice(0, end > 0 && end <= buffer.byteLength ? end : buffer.byteLength));
    },
    restore(snapshot: Uint8Array): void {
      // Past a snapshot's end the memory was never written after init: it is the same in every
      // instance of the kernel, so copying the snapshot's part restores the whole state.
      const memory = new Uint8Array(exports.memory.buffer);
      if (snapshot.length > memory.length) throw new Error('snapshot is larger than the kernel memory');
      memory.set(snapshot);
    },
    stateBytes(clearScratch: () => void): Uint8Array {
      clearScratch();
      return new Uint8Array(exports.memory.buffer);
    },
  };
}
