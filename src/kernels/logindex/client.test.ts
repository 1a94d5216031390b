// LogIndexClient against the real worker API and session on the real logindex.wasm, loaded by
// the shared worker host. Only the thread is stood in for: a MessageChannel carries comlink's
// messages, and "terminating" the worker closes it, as a real worker's end would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { logindexModule, PROJECT_ROOT } from '../../testing/fixtures';
import type { LogIndexTrapReport } from './api';
import { LogIndexClient } from './client';
import { defaultConfig } from './config';
import { parseSchedule } from './schedule';
import { LogIndexSession } from './session';
import { logIndexWorkerApi } from './workerApi';
import { CancelledError, KernelTrapError } from '../workerBridge';
import { workerHost } from '../workerHost';

const MS = 1_000_000;
const WASM_URL = `data:application/wasm;base64,${readFileSync(join(PROJECT_ROOT, 'build', 'wasm', 'logindex.wasm')).toString('base64')}`;
const FAULTS = parseSchedule('300ms crash ro2; 700ms restart ro2');

/** A worker per call, as the browser gives; `sessions` lists the session each one hosts. */
function workers(): { make: () => Worker; sessions: LogIndexSession[] } {
  const sessions: LogIndexSession[] = [];
  const make = (): Worker => {
    const { port1, port2 } = new MessageChannel();
    const run = workerHost(WASM_URL, 'logindex kernel', (module) => {
      const session = new LogIndexSession(module);
      sessions.push(session);
      return session;
    });
    Comlink.expose(logIndexWorkerApi(run), port1);
    return Object.assign(port2, { terminate: () => { port1.close(); port2.close(); } }) as unknown as Worker;
  };
  return { make, sessions };
}

function direct(toNs: number): LogIndexSession {
  const s = new LogIndexSession(logindexModule());
  s.start(defaultConfig(), FAULTS, 4);
  s.advance(200 * MS);
  s.apply({ kind: 'delay', node: 1, ns: 3 * MS });
  s.advance(toNs);
  return s;
}

describe('LogIndexClient', () => {
  it('drives the worker: start, apply, advance, frame, the log and the hash', async () => {
    const w = workers();
    const client = new LogIndexClient({}, w.make);
    expect(await client.start(defaultConfig(), FAULTS, 4)).toEqual({ now: 0, stopped: false });
    await client.advance(200 * MS, 1000);
    const result = await client.apply({ kind: 'delay', node: 1, ns: 3 * MS });
    expect(result).toEqual({ status: { now: 200 * MS, stopped: false }, applied: true });
    expect((await client.apply({ kind: 'restart', node: 3 })).applied).toBe(false);
    await client.advance(500 * MS, 1000);
    expect(client.now).toBe(500 * MS);
    const frame = await client.frame();
    expect(frame.reset).toBe(true);
    expect(frame.series).toBeInstanceOf(Float64Array);
    const reference = direct(500 * MS);
    expect(frame.summary).toEqual(reference.frame().summary);
    expect(await client.commandLog()).toEqual(reference.commandLog());
    expect(await client.stateHash()).toBe(reference.stateHash());
    client.dispose();
  });

  it('cancels a long call by restarting the worker and rebuilds the run where it was', async () => {
    const w = workers();
    const restarts: number[] = [];
    const client = new LogIndexClient({ onRestart: (ns) => restarts.push(ns) }, w.make);
    await client.start(defaultConfig(), FAULTS, 4);
    await client.advance(200 * MS, 1000);
    await client.apply({ kind: 'delay', node: 1, ns: 3 * MS });
    await client.advance(450 * MS, 1000);
    const long = expect(client.advance(20_000 * MS, Number.POSITIVE_INFINITY)).rejects.toBeInstanceOf(CancelledError);
    const status = await client.cancel();
    await long;
    expect(status).toEqual({ now: 450 * MS, stopped: false });
    expect(restarts).toEqual([450 * MS]);
    expect(w.sessions).toHaveLength(2);
    expect(await client.stateHash()).toBe(direct(450 * MS).stateHash());
    client.dispose();
  });

  it('reports a trap with the state the worker restored', async () => {
    const w = workers();
    const traps: LogIndexTrapReport[] = [];
    const client = new LogIndexClient({ onTrap: (r) => traps.push(r) }, w.make);
    await client.start(defaultConfig(), FAULTS, 4);
    await client.advance(200 * MS, 1000);
    await client.apply({ kind: 'delay', node: 1, ns: 3 * MS });
    await client.advance(500 * MS, 1000);
    const k = w.sessions[0].current;
    k.memoryBytes().fill(0xff, 0, k.snapshot().length);
    await expect(client.advance(900 * MS, 1000)).rejects.toBeInstanceOf(KernelTrapError);
    expect(traps).toHaveLength(1);
    expect(traps[0].during).toBe('run to 900.000 ms');
    expect(traps[0].restoredNs).toBe(500 * MS);
    expect(traps[0].message).toMatch(/restored the state at 500\.000 ms/);
    expect(client.now).toBe(500 * MS);
    expect(await client.stateHash()).toBe(direct(500 * MS).stateHash());
    client.dispose();
  });
});
