// The headless LogIndex lab simulation on the real logindex.wasm: `logindex ...` commands mean
// what setup.ts and the schedule grammar say, side by side runs both modes on one clock, the
// checker's verdict reaches the metrics, and a look-ahead leaves no trace.
import { beforeAll, describe, expect, it } from 'vitest';
import { logindexModule } from '../../testing/fixtures';
import { parseCommand } from '../../commands/parse';
import '../registry';
import { HeadlessLogIndex } from './headless';
import type { LogIndexLabScenario } from './lab';

let module: WebAssembly.Module;
beforeAll(() => {
  module = logindexModule();
});

const START: LogIndexLabScenario = { mode: 'lazy', ro: 3, 'write-scale': 1, 'side-by-side': false, broken: [], scenario: null };

async function simulation(over: Partial<LogIndexLabScenario> = {}, seed = 1): Promise<HeadlessLogIndex> {
  const sim = new HeadlessLogIndex(module);
  await sim.setUp({ ...START, ...over }, seed, 'logindex');
  return sim;
}

async function run(sim: HeadlessLogIndex, ...lines: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const line of lines) {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(`${line}: ${parsed.error}`);
    const result = await sim.execute(parsed.command);
    if (!result.ok) throw new Error(`${line}: ${result.lines.join(' ')}`);
    out.push(...result.lines);
  }
  return out;
}

describe('HeadlessLogIndex', () => {
  it('steps time, reports the figures, and gives the same run for the same seed', async () => {
    const a = await simulation();
    await run(a, 'logindex step 100ms');
    expect(await a.query('step')).toBe(100_000_000);
    expect(await a.query('timeMs')).toBe(100);
    expect(await a.query('verdict')).toBe('valid');
    expect(Number(await a.query('rwTps'))).toBeGreaterThan(0);
    expect(Number(await a.query('readQps'))).toBeGreaterThan(Number(await a.query('roQps')));
    expect(await a.query('violation')).toBe('none');
    expect(await a.query('fullBytesShipped')).toBe(-1);
    const b = await simulation();
    await run(b, 'logindex step 60ms', 'logindex step 40ms');
    expect(await b.stateHash()).toBe(await a.stateHash());
  });

  it('runs lazy and full side by side on one clock; full ships every record', async () => {
    const sim = await simulation();
    const lines = await run(sim, 'logindex side-by-side', 'logindex write-scale 4', 'logindex step 200ms', 'logindex status');
    expect(lines.at(-2)).toMatch(/^lazy t=200\.000 ms/);
    expect(lines.at(-1)).toMatch(/^full t=200\.000 ms/);
    expect(await sim.query('writeScale')).toBe(4);
    expect(Number(await sim.query('fullBytesShipped'))).toBeGreaterThan(3 * Number(await sim.query('lazyBytesShipped')));
    expect(Number(await sim.query('bytesSavedPct'))).toBeGreaterThan(50);
    expect(await sim.query('bytesShipped')).toBe(await sim.query('lazyBytesShipped'));
  });

  it('turns the verdict red naming L2 when flush control is off and a replica lags', async () => {
    const sim = await simulation({ broken: ['flush-control-off'] });
    await run(sim, 'logindex step 100ms', 'logindex delay ro1 2ms', 'logindex step 100ms');
    expect(await sim.query('verdict')).toBe('invalid');
    expect(await sim.query('violation')).toBe('L2');
    expect(await sim.query('violationNode')).toBe('ro1');
    expect(Number(await sim.query('violationPage'))).toBeGreaterThanOrEqual(0);
    expect(Number(await sim.query('violationLsn'))).toBeGreaterThan(0);
    expect((await run(sim, 'logindex status'))[0]).toMatch(/invalid: L2 on page \d+ at ro1, LSN \d+/);
    // A stopped run refuses faults and says why, and `break none` starts a sound one.
    const refused = await sim.execute({ name: 'logindex', action: 'fault', fault: { kind: 'crash', node: 2 } });
    expect(refused).toMatchObject({ ok: false, lines: [expect.stringContaining('the run has stopped')] });
    await run(sim, 'logindex break none', 'logindex step 100ms', 'logindex delay ro1 2ms', 'logindex step 100ms');
    expect(await sim.query('verdict')).toBe('valid');
    expect(Number(await sim.query('flushBlocked'))).toBeGreaterThan(0);
  });

  it('refuses a fault on a replica the run does not have, and one the kernel cannot apply', async () => {
    const sim = await simulation({ ro: 2 });
    const tooFar = await sim.execute({ name: 'logindex', action: 'fault', fault: { kind: 'crash', node: 3 } });
    expect(tooFar).toEqual({ ok: false, lines: ['logindex crash ro3: ro3 is not in this run, which has 2 replicas'] });
    const up = await sim.execute({ name: 'logindex', action: 'fault', fault: { kind: 'restart', node: 1 } });
    expect(up).toMatchObject({ ok: false, lines: [expect.stringContaining('the kernel refused it')] });
  });

  it('inspects a page from a replica, and refuses a replica the run does not have', async () => {
    const sim = await simulation();
    const lines = await run(sim, 'logindex step 100ms', 'logindex inspect 3 ro2');
    expect(lines[1]).toMatch(/^page 3 from ro2: writer at LSN \d+/);
    expect(lines.join('\n')).toContain('LSN list, newest first:');
    const far = await sim.execute({ name: 'logindex', action: 'inspect', page: 3, node: 4 });
    expect(far).toEqual({ ok: false, lines: ['logindex inspect: ro4 is not in this run, which has 3 replicas'] });
  });

  it('looks ahead on a scratch copy and seeks back to the same state', async () => {
    const sim = await simulation({ 'side-by-side': true });
    await run(sim, 'logindex step 50ms');
    const before = await sim.stateHash();
    const copy = await sim.scratchCopy();
    expect(await copy.stateHash()).toBe(before);
    await run(copy, 'logindex crash ro2', 'logindex step 50ms');
    expect(await sim.stateHash()).toBe(before);
    await run(sim, 'logindex step 50ms');
    await sim.seek(50_000_000);
    expect(await sim.stateHash()).toBe(before);
  });

  it('plays a named scenario to its end with run', async () => {
    const sim = await simulation({ scenario: 'LI-2' });
    expect(await sim.query('ro')).toBe(4);
    await run(sim, 'logindex run');
    expect(await sim.query('timeMs')).toBe(1000);
    expect(await sim.query('scenario')).toBe('LI-2');
    expect(await sim.query('verdict')).toBe('valid');
    await run(sim, 'logindex run 10ms');
    expect(await sim.query('timeMs')).toBe(1010);
    await run(sim, 'logindex ro 2');
    expect(await sim.query('scenario')).toBe('none');
  });
});
