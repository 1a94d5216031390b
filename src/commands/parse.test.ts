import { describe, expect, it } from 'vitest';
import { POLICIES, RNG_KINDS } from '../kernels/gpupool/types';
import { formatCommand, parseCommand } from './parse';
import { COMMAND_NAMES, QUERY_METRIC_NAMES } from './registry';
import type { Command } from './types';
import { error, parsed } from './parseTesting';


// One or more examples of every variant, including awkward values.
const EXAMPLES: Command[] = [
  { name: 'lab', action: 'list' },
  { name: 'lab', action: 'open', id: 'fragmentation-refuses-a-pod' },
  { name: 'lab', action: 'reset-step' },
  { name: 'lab', action: 'export' },
  { name: 'presenter', on: true },
  { name: 'presenter', on: false },
  { name: 'help', topic: null },
  ...COMMAND_NAMES.map((topic): Command => ({ name: 'help', topic })),
  { name: 'load', source: 'synthetic' },
  { name: 'load', source: 'file' },
  { name: 'load', source: 'url', nodesUrl: 'https://example.org/nodes.csv', podsUrl: 'https://example.org/a b/"pods".csv' },
  { name: 'load', source: 'url', nodesUrl: '/traces/n.csv?x=1&y=2', podsUrl: "http://h/it's\\here.csv" },
  ...POLICIES.map((policy): Command => ({ name: 'policy', policy })),
  { name: 'seed', seed: 0 },
  { name: 'seed', seed: 42 },
  { name: 'seed', seed: 2 ** 53 },
  ...RNG_KINDS.map((rng): Command => ({ name: 'rng', rng })),
  { name: 'time-aware', on: true },
  { name: 'time-aware', on: false },
  { name: 'run' },
  { name: 'pause' },
  { name: 'step', count: 1 },
  { name: 'step', count: 250 },
  { name: 'speed', podsPerSecond: 50 },
  { name: 'speed', podsPerSecond: 0.25 },
  { name: 'speed', podsPerSecond: 1e21 },
  { name: 'speed', podsPerSecond: 'max' },
  { name: 'seek', target: { kind: 'absolute', step: 0 } },
  { name: 'seek', target: { kind: 'absolute', step: 9000 } },
  { name: 'seek', target: { kind: 'relative', delta: 5 } },
  { name: 'seek', target: { kind: 'relative', delta: -7 } },
  { name: 'seek', target: { kind: 'relative', delta: 0 } },
  { name: 'seek', target: { kind: 'end' } },
  { name: 'reset' },
  { name: 'node', node: 0 },
  { name: 'node', node: 227 },
  { name: 'node', node: 'openb-node-0227' },
  { name: 'node', node: '1234' },
  { name: 'node', node: 'node with "quotes" and spaces' },
  ...QUERY_METRIC_NAMES.map((metric): Command => ({ name: 'query', metric })),
  { name: 'share' },
  { name: 'clear' },
  { name: 'history' },
  { name: 'stats' },
  { name: 'debug', action: 'trap' },
  { name: 'debug', action: 'hash' },
  { name: 'fail', target: 'node', node: 12 },
  { name: 'fail', target: 'gpu', node: 12, gpu: 3 },
  { name: 'ack', setting: 'weights', weights: [0.25, 0.2, 0.15, 0.15, 0.1] },
  { name: 'ack', setting: 'batch', size: 32 },
  { name: 'ack', setting: 'numa', on: false },
  { name: 'ack', setting: 'rdma', on: true },
  { name: 'load', source: 'synthetic', scale: 17 },
  { name: 'load', source: 'synthetic', scale: 1 },
  { name: 'view', action: 'renderer', renderer: 'auto' },
  { name: 'view', action: 'renderer', renderer: 'webgl2' },
  { name: 'view', action: 'renderer', renderer: 'webgpu' },
  { name: 'view', action: '3d', on: true },
  { name: 'view', action: '3d', on: false },
  { name: 'view', action: 'reset' },
  { name: 'why' },
  { name: 'ab', action: 'start', a: 'FGD', b: 'BestFit' },
  { name: 'ab', action: 'start', a: 'Random', b: 'Random' },
  { name: 'ab', action: 'off' },
  { name: 'sweep', action: 'open' },
  { name: 'sweep', action: 'cancel' },
  { name: 'sweep', action: 'start', policies: ['FGD'], seeds: 1 },
  { name: 'sweep', action: 'start', policies: ['FGD', 'BestFit', 'GpuPacking'], seeds: 10 },
  { name: 'raft', action: 'side-by-side' },
  { name: 'raft', action: 'mode', mode: 'parallel-ce' },
  { name: 'raft', action: 'fault', fault: { kind: 'partition', a: 0, b: 1 } },
  { name: 'logindex', action: 'side-by-side' },
  { name: 'logindex', action: 'write-scale', scale: 4 },
  { name: 'logindex', action: 'fault', fault: { kind: 'delay', node: 1, ns: 2_000_000 } },
  { name: 'vcpu', action: 'side-by-side', other: 'bare-metal' },
  { name: 'vcpu', action: 'fault', fault: { kind: 'storm', pcpu: 2, ns: 20_000_000 } },
];

describe('formatCommand / parseCommand round trip', () => {
  it.each(EXAMPLES.map((c) => [formatCommand(c), c] as const))('%s', (text, command) => {
    expect(parsed(text)).toEqual(command);
    expect(formatCommand(parsed(text))).toBe(text);
  });

  it('covers every command name', () => {
    expect(new Set(EXAMPLES.map((c) => c.name))).toEqual(new Set(COMMAND_NAMES));
  });
});

describe('parseCommand', () => {
  it('accepts any case and gives canonical values', () => {
    expect(parsed('POLICY bestfit')).toEqual({ name: 'policy', policy: 'BestFit' });
    expect(parsed('query ALLOCRATIO')).toEqual({ name: 'query', metric: 'allocRatio' });
    expect(parsed('  rng   GO  ')).toEqual({ name: 'rng', rng: 'go' });
    expect(formatCommand(parsed('policy gpupacking'))).toBe('policy GpuPacking');
  });

  it('reads defaults and keywords', () => {
    expect(parsed('step')).toEqual({ name: 'step', count: 1 });
    expect(parsed('seek start')).toEqual({ name: 'seek', target: { kind: 'absolute', step: 0 } });
    expect(parsed('seek -0')).toEqual({ name: 'seek', target: { kind: 'relative', delta: 0 } });
    expect(Object.is((parsed('seek -0') as { target: { delta: number } }).target.delta, 0)).toBe(true);
    expect(parsed('speed MAX')).toEqual({ name: 'speed', podsPerSecond: 'max' });
  });

  it('treats a bare number as a node id and a quoted one as a name', () => {
    expect(parsed('node 12')).toEqual({ name: 'node', node: 12 });
    expect(parsed("node '12'")).toEqual({ name: 'node', node: '12' });
    expect(parsed('node "gpu node 3"')).toEqual({ name: 'node', node: 'gpu node 3' });
  });

  it('suggests the nearest policy, with the column', () => {
    expect(error('policy FDG')).toEqual({ error: 'policy: unknown policy "FDG" at column 8; did you mean FGD?', column: 8 });
    expect(error('policy zzz').error).toBe('policy: unknown policy "zzz" at column 8; expected one of Random, DotProd, GpuClustering, GpuPacking, BestFit, FGD, ACK');
  });

  it('suggests the nearest command', () => {
    expect(error('rnu')).toEqual({ error: 'unknown command "rnu"; did you mean "run"?', column: 1 });
    expect(error('  polcy FGD')).toEqual({ error: 'unknown command "polcy"; did you mean "policy"?', column: 3 });
    expect(error('hist').error).toBe('unknown command "hist"; did you mean "history"?');
    expect(error('xyzzy').error).toBe('unknown command "xyzzy"; type help for the list of commands');
  });

  it('suggests enum values for other arguments', () => {
    expect(error('rng xoshrio').error).toBe('rng: unknown generator "xoshrio" at column 5; did you mean xoshiro?');
    expect(error('query fragratoi').error).toContain('did you mean fragRatio?');
    expect(error('load synthtic').error).toContain('did you mean synthetic?');
    expect(error('seek ned').error).toContain('did you mean end?');
    expect(error('help rnu').error).toBe('help: unknown command "rnu" at column 6; did you mean run?');
  });

  it('reports missing and extra arguments where they are', () => {
    expect(error('policy')).toEqual({ error: expect.stringContaining('missing <policy> at column 8'), column: 8 });
    expect(error('load url https://a/n.csv')).toEqual({ error: expect.stringContaining('missing <pods-csv-url> at column 26'), column: 26 });
    expect(error('run fast')).toEqual({ error: expect.stringContaining('unexpected argument "fast" at column 5; run takes no arguments'), column: 5 });
    expect(error('load synthetic extra').column).toBe(16);
  });

  it('checks numbers and ranges', () => {
    expect(error('seed -1').error).toBe('seed: seed must be a whole number, got "-1" at column 6');
    expect(error('seed 9007199254740993').error).toBe('seed: seed 9007199254740993 at column 6 is out of range 0..2^53');
    expect(error('seed 1.5').column).toBe(6);
    expect(error('step 0').error).toContain('out of range 1..');
    expect(error('speed 0').error).toContain('positive number');
    expect(error('speed -3').error).toContain('positive number');
    expect(error('speed fast').error).toContain('"fast" at column 7');
    expect(error('seek +x').error).toContain('is not a step, +n, -n, start or end');
    expect(error('node ""').error).toContain('empty');
  });

  it('rejects non-http URLs and unterminated quotes', () => {
    expect(error('load url javascript:alert(1) https://a/p.csv').error).toBe(
      'load: nodes URL "javascript:alert(1)" at column 10 must be an http(s) URL, not javascript:',
    );
    expect(error('node "half')).toEqual({ error: 'unterminated quote opened at column 6', column: 6 });
    expect(error('   ').error).toContain('empty command');
  });
});

describe('fail', () => {
  it('rejects a GPU index past 7 and a missing GPU, with the column', () => {
    expect(parseCommand('fail gpu 3 9')).toMatchObject({ ok: false, column: 12 });
    expect(parseCommand('fail gpu 3')).toMatchObject({ ok: false });
    expect(parseCommand('fail disk 3')).toMatchObject({ ok: false, column: 6 });
  });
});

describe('view, ab, sweep, load synthetic <scale>', () => {
  it('reads defaults and any case', () => {
    expect(parsed('sweep fgd,BESTFIT')).toEqual({ name: 'sweep', action: 'start', policies: ['FGD', 'BestFit'], seeds: 3 });
    expect(parsed('VIEW renderer WebGPU')).toEqual({ name: 'view', action: 'renderer', renderer: 'webgpu' });
    expect(parsed('ab OFF')).toEqual({ name: 'ab', action: 'off' });
  });

  it('points at the bad part, with the column', () => {
    expect(error('sweep FGD,BestFti 2')).toEqual({ error: 'sweep: unknown policy "BestFti" at column 11; did you mean BestFit?', column: 11 });
    expect(error('sweep FGD,FGD').error).toContain('listed twice at column 11');
    expect(error('sweep FGD,,BestFit').column).toBe(11);
    expect(error('sweep FGD 0').error).toContain('out of range 1..100');
    expect(error('ab FGD')).toMatchObject({ error: expect.stringContaining('missing <policy-b>') });
    expect(error('view renderer vulkan').error).toContain('unknown renderer "vulkan" at column 15');
    expect(error('view 3d maybe').column).toBe(9);
    expect(error('view reset now')).toMatchObject({ column: 12, error: expect.stringContaining('unexpected argument "now"') });
    expect(error('load synthetic 65').error).toContain('out of range 1..64');
    expect(error('load file 2').column).toBe(11);
  });
});

describe('ack', () => {
  it('refuses zero weights, a bad weight and a batch out of range, with the column', () => {
    expect(parseCommand('ack weights 0 0 0 0 0')).toMatchObject({ ok: false });
    expect(parseCommand('ack weights 1 x 0 0 0')).toMatchObject({ ok: false, column: 15 });
    expect(parseCommand('ack batch 0')).toMatchObject({ ok: false, column: 11 });
    expect(parseCommand('ack numa maybe')).toMatchObject({ ok: false, column: 10 });
    expect(parseCommand('ack weights 1 1001 1 1 1')).toMatchObject({ ok: false, column: 15, error: expect.stringContaining('0..1000') });
  });

  it('writes weights in a form it reads back (a tiny weight was formatted as 1e-7 and then refused)', () => {
    const tiny = parsed('ack weights 0.0000001 1 1 1 1');
    expect(formatCommand(tiny)).toBe('ack weights 1e-7 1 1 1 1');
    expect(parsed(formatCommand(tiny))).toEqual(tiny);
    expect(parsed('ack weights 2.5E-3 .5 5. 1 0')).toEqual({ name: 'ack', setting: 'weights', weights: [0.0025, 0.5, 5, 1, 0] });
    expect(parseCommand('ack weights 1e400 1 1 1 1')).toMatchObject({ ok: false, column: 13 });
    expect(parseCommand('ack weights 0x10 1 1 1 1')).toMatchObject({ ok: false, column: 13 });
    expect(parseCommand('ack weights -0 1 1 1 1')).toMatchObject({ ok: false, column: 13 });
  });
});

describe('lab, presenter', () => {
  it('reads any case and points at the bad part', () => {
    expect(parsed('LAB Open Fgd-vs-BestFit')).toEqual({ name: 'lab', action: 'open', id: 'fgd-vs-bestfit' });
    expect(parsed('presenter ON')).toEqual({ name: 'presenter', on: true });
    expect(error('lab open').error).toContain('missing');
    expect(error('lab open a_b')).toMatchObject({ column: 10, error: expect.stringContaining('not a lab id') });
    expect(error('lab chek').error).toContain('did you mean check');
    expect(error('lab check now').column).toBe(11);
    expect(error('presenter maybe').column).toBe(11);
  });
});

describe('the simulator in front, and the gpupool prefix', () => {
  it('sends a bare front verb to the kernel in front, and everything else where it names', () => {
    const raft = { front: 'raft' };
    expect(parseCommand('step 5ms', raft)).toEqual(parseCommand('raft step 5ms'));
    expect(parseCommand('SEEK 0', raft)).toEqual(parseCommand('raft seek 0'));
    expect(parseCommand('run', raft)).toEqual({ ok: true, command: { name: 'raft', action: 'run' } });
    expect(parseCommand('speed max', raft)).toEqual(parseCommand('raft speed max'));
    expect(parseCommand('policy BestFit', raft)).toEqual(parseCommand('policy BestFit'));
    expect(parseCommand('step 50')).toEqual({ ok: true, command: { name: 'step', count: 50 } });
  });

  it('points at the typed column when a front verb does not fit the kernel in front', () => {
    const result = parseCommand('step 50', { front: 'raft' });
    expect(result).toMatchObject({ ok: false, column: 6 });
  });

  it('reads gpupool <command> as the GPU-pool command whatever is in front, columns unchanged', () => {
    expect(parseCommand('gpupool step 50', { front: 'raft' })).toEqual({ ok: true, command: { name: 'step', count: 50 } });
    expect(parseCommand('GPUPOOL policy FGD')).toEqual(parseCommand('policy FGD'));
    expect(parseCommand('gpupool polcy FGD')).toMatchObject({ ok: false, column: 9, error: expect.stringContaining('did you mean "policy"') });
    expect(parseCommand('gpupool seek x')).toMatchObject({ ok: false, column: 14, error: expect.stringContaining('at column 14') });
    expect(parseCommand('gpupool')).toMatchObject({ ok: false, error: expect.stringContaining('needs a command') });
    expect(parseCommand('gpupool raft run')).toMatchObject({ ok: false, column: 9 });
  });
});
