// VcpuClient against the real worker API and session on the real vcpu.wasm, loaded by the
// shared worker host. Only the thread is stood in for: a MessageChannel carries comlink's
// messages, and "terminating" the worker closes it, as a real worker's end would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, vcpuModule } from '../../testing/fixtures';
import { VcpuClient } from './client';
import { defaultConfig } from './config';
import { replayInChunks } from './chunkedReplay';
import { VcpuSession } from './session';
import { vcpuWorkerApi } from './workerApi';
import { workerHost } from '../workerHost';

const MS = 1_000_000;
const WASM_URL = `data:application/wasm;base64,${readFileSync(join(PROJECT_ROOT, 'build', 'wasm', 'vcpu.wasm')).toString('base64')}`;
const SCHEDULE = [{ at: 2 * MS, command: { kind: 'arrive' as const, vm: 3 } }];

function makeWorker(): Worker {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(vcpuWorkerApi(workerHost(WASM_URL, 'vcpu kernel', (module) => new VcpuSession(module))), port1);
  return Object.assign(port2, { terminate: () => { port1.close(); port2.close(); } }) as unknown as Worker;
}

describe('VcpuClient', () => {
  it('drives the worker, and rebuilds the run after a cancel', async () => {
    const restarts: number[] = [];
    const client = new VcpuClient({ onRestart: (ns) => restarts.push(ns) }, makeWorker);
    expect(await client.start(defaultConfig(), SCHEDULE, 3)).toEqual({ now: 0, stopped: false });
    await client.advance(3 * MS, 1000);
    expect((await client.apply({ kind: 'storm', pcpu: 1, ns: MS })).applied).toBe(true);
    await client.advance(6 * MS, 1000);
    const frame = await client.frame();
    expect(frame.gantt).toBeInstanceOf(Float64Array);
    expect(frame.pcpus).toHaveLength(8);
    expect(frame.report.durationS).toBe(0.006);
    const hash = await client.stateHash();
    expect(await client.commandLog()).toEqual([...SCHEDULE, { at: 3 * MS, command: { kind: 'storm', pcpu: 1, ns: MS } }]);
    await client.cancel();
    expect(restarts).toEqual([6 * MS]);
    expect(await client.stateHash()).toBe(hash);

    const direct = new VcpuSession(vcpuModule());
    await replayInChunks({
      start: async (c, s, seed) => direct.start(c, s, seed), advance: async (ns, b) => direct.advance(ns, b),
      apply: async (c) => direct.apply(c), seek: async (ns) => direct.seek(ns),
    }, defaultConfig(), SCHEDULE, [{ at: 3 * MS, command: { kind: 'storm', pcpu: 1, ns: MS } }], 6 * MS, 3, () => undefined, 1);
    expect(direct.stateHash()).toBe(hash);
    client.dispose();
  });
});
