import { describe, expect, it } from 'vitest';
import { encodeBase64url } from './base64url';
import { deflateRaw } from './deflate';
import { fnv1a32Hex } from './hash';
import { FORMAT_VERSION, toCompact } from './runDescription';
import type { RunDescription } from './runDescription';
import { decodeShareFragment, encodeShareFragment } from './shareLink';

const POLICY_CYCLE = ['FGD', 'BestFit', 'GpuPacking', 'DotProd', 'GpuClustering', 'Random'];

function traceRun(commandCount: number): RunDescription {
  return {
    v: FORMAT_VERSION,
    kernel: 'gpupool',
    workload: {
      kind: 'trace',
      nodes: { name: 'openb_node_list_gpu_node.csv', bytes: 61_234, hash: '0123456789abcdef' },
      pods: { name: 'openb_pod_list_default.csv', bytes: 734_911, hash: 'fedcba9876543210' },
    },
    config: { policy: 'FGD', seed: 20_230_101, rng: 'go', tune: 1.3 },
    // Irregular steps, as a person clicking would leave them.
    commands: Array.from({ length: commandCount }, (_, i) => ({
      step: i * 211 + ((i * 37) % 97),
      text: `policy ${POLICY_CYCLE[(i * 5) % POLICY_CYCLE.length]}`,
    })),
    step: 8_152,
  };
}

const syntheticRun: RunDescription = {
  v: FORMAT_VERSION,
  kernel: 'gpupool',
  workload: { kind: 'synthetic' },
  config: { policy: 'Random', seed: 0, rng: 'xoshiro', tune: 1 },
  commands: [],
  step: 0,
};

/** Builds a fragment by hand so tests can put any bytes behind a correct envelope. */
function envelope(compressed: Uint8Array, jsonHash: string, version = FORMAT_VERSION): string {
  const check = fnv1a32Hex(compressed);
  const trailer = [0, 2, 4, 6].map((i) => parseInt(check.slice(i, i + 2), 16));
  return `#run=v${version}.${jsonHash}.${encodeBase64url(new Uint8Array([...compressed, ...trailer]))}`;
}

async function jsonFragment(json: string): Promise<string> {
  const bytes = new TextEncoder().encode(json);
  return envelope(await deflateRaw(bytes), fnv1a32Hex(bytes));
}

async function failure(fragment: string) {
  const result = await decodeShareFragment(fragment);
  if (result.ok) throw new Error(`expected ${fragment.slice(0, 40)}… to be refused`);
  return result;
}

describe('share links', () => {
  it('round-trip a trace run and a synthetic run', async () => {
    for (const run of [traceRun(40), syntheticRun]) {
      const fragment = await encodeShareFragment(run);
      expect(fragment).toMatch(/^#run=v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
      expect(await decodeShareFragment(fragment)).toEqual({ ok: true, run });
      expect(await decodeShareFragment(fragment.slice(1))).toEqual({ ok: true, run });
    }
  });

  it('keep a run with 40 stamped commands under 2,000 characters', async () => {
    const fragment = await encodeShareFragment(traceRun(40));
    expect(fragment.length).toBeLessThan(2000);
  });

  it('detect any one-character change to the link', async () => {
    const fragment = await encodeShareFragment(traceRun(12));
    const start = '#run='.length;
    for (let i = start; i < fragment.length; i++) {
      // Swap each character for a different valid one of the same kind.
      const ch = fragment[i];
      const replacement = ch === '.' ? '_' : ch === 'A' ? 'B' : ch === '0' ? '1' : 'A';
      const corrupted = fragment.slice(0, i) + replacement + fragment.slice(i + 1);
      const result = await decodeShareFragment(corrupted);
      expect(result.ok, `change at ${i} (${ch} → ${replacement}) went unnoticed`).toBe(false);
    }
  });

  it('detect a truncated or extended link', async () => {
    const fragment = await encodeShareFragment(traceRun(12));
    for (const cut of [1, 2, 3, 10]) expect((await decodeShareFragment(fragment.slice(0, -cut))).ok).toBe(false);
    expect((await decodeShareFragment(`${fragment}AA`)).ok).toBe(false);
  });

  it('say when the fragment is not a run link', async () => {
    expect(await failure('#section-2')).toEqual({ ok: false, code: 'not-run-link', reason: 'not a run link: the fragment does not start with #run=' });
    expect((await failure('')).code).toBe('not-run-link');
  });

  it('say which format version made the link and which this app reads', async () => {
    expect(await failure('#run=v7.00000000.AAAA')).toEqual({
      ok: false,
      code: 'version',
      reason: 'this run link was made by format version 7; this app reads version 1',
    });
  });

  it('say when the envelope is malformed', async () => {
    expect((await failure('#run=hello')).code).toBe('malformed');
    expect((await failure('#run=v1.xyz.AAAA')).reason).toContain('expected 8 hex digits of hash');
  });

  it('report a hash mismatch', async () => {
    const fragment = await encodeShareFragment(syntheticRun);
    const parts = fragment.split('.');
    const otherHash = parts[1] === '00000000' ? '00000001' : '00000000';
    const result = await failure([parts[0], otherHash, parts[2]].join('.'));
    expect(result.code).toBe('hash');
    expect(result.reason).toMatch(/hash mismatch \(link says 0000000[01], content hashes to [0-9a-f]{8}\); it was changed or truncated in transit/);
  });

  it('report bad base64 with its position', async () => {
    const result = await failure('#run=v1.00000000.AB*D');
    expect(result.code).toBe('base64');
    expect(result.reason).toContain('character "*" at position 3 is not base64url');
    expect((await failure('#run=v1.00000000.ABCDE')).reason).toContain('5 characters cannot be base64url');
  });

  it('report bad compressed data', async () => {
    // BTYPE 11 in the first byte is reserved: no inflater accepts it.
    const result = await failure(envelope(new Uint8Array([0xff, 0xff, 0xff, 0xff]), '00000000'));
    expect(result.code).toBe('compressed');
    expect(result.reason).toContain('cannot be decompressed');
  });

  it('report content that is not JSON', async () => {
    const result = await failure(await jsonFragment('{"v":1,'));
    expect(result.code).toBe('json');
    expect(result.reason).toContain('not valid JSON');
  });

  it('name the missing or invalid field', async () => {
    const good = toCompact(traceRun(3));
    const cases: [unknown, string][] = [
      [{ ...good, c: undefined }, 'field config is missing'],
      [{ ...good, c: ['FDG', 1, 'go', 1.3] }, 'field config.policy is invalid: "FDG" is not one of Random, DotProd, GpuClustering, GpuPacking, BestFit, FGD'],
      [{ ...good, c: ['FGD', -1, 'go', 1.3] }, 'field config.seed is invalid'],
      [{ ...good, c: ['FGD', 1, 'go', -1] }, 'field config.tune is invalid'],
      [{ ...good, c: ['FGD', 1, 'go', 1.3, 2] }, 'field config.timeAware is invalid'],
      [{ ...good, s: undefined }, 'field step is missing'],
      [{ ...good, k: 'raft' }, 'field kernel is invalid: "raft" is not a kernel this app runs'],
      [{ ...good, v: 2 }, 'field v is invalid: format version 2'],
      [{ ...good, w: { n: ['n.csv', 1, 'nothex'], p: typeof good.w === 'string' ? null : good.w.p } }, 'field workload.nodes.hash is invalid'],
      [{ ...good, m: [[5, 'policy FGD'], [2, 'run']] }, "field commands[1].step is invalid: step 2 comes before the previous command's step 5"],
      [{ ...good, m: [[5, 'polcy FGD']] }, 'field commands[0].text is invalid: unknown command "polcy"; did you mean "policy"?'],
      [[1, 2], 'expected an object'],
      // Unknown keys were silently dropped; now each is refused by name.
      [{ ...good, zz: 1 }, 'field zz is not a setting this app knows'],
      [{ ...good, w: { n: ['n.csv', 1, '0123456789abcdef'], p: ['p.csv', 1, '0123456789abcdef'], x: 0 } }, 'field workload.x is not a setting this app knows'],
    ];
    for (const [value, reason] of cases) {
      const result = await failure(await jsonFragment(JSON.stringify(value)));
      expect(result.code).toBe('field');
      expect(result.reason).toContain(reason);
    }
  });
});

describe('synthetic scale in links', () => {
  it('a scaled synthetic workload travels in the link', async () => {
    const run: RunDescription = {
      v: FORMAT_VERSION, kernel: 'gpupool', workload: { kind: 'synthetic', scale: 17 },
      config: { policy: 'FGD', seed: 1, rng: 'xoshiro', tune: 1.3 }, commands: [], step: 5,
    };
    const decoded = await decodeShareFragment(await encodeShareFragment(run));
    expect(decoded).toMatchObject({ ok: true, run: { workload: { kind: 'synthetic', scale: 17 } } });
  });

  it('"s1" reads as the plain synthetic workload, so the run re-encodes to the same run (found by the fuzz suite)', async () => {
    const base = toCompact({
      v: FORMAT_VERSION, kernel: 'gpupool', workload: { kind: 'synthetic' },
      config: { policy: 'FGD', seed: 1, rng: 'xoshiro', tune: 1.3 }, commands: [], step: 5,
    });
    const decoded = await decodeShareFragment(await jsonFragment(JSON.stringify({ ...base, w: 's1' })));
    expect(decoded).toMatchObject({ ok: true, run: { workload: { kind: 'synthetic' } } });
    if (!decoded.ok) return;
    expect(decoded.run.workload).toEqual({ kind: 'synthetic' });
    expect(await decodeShareFragment(await encodeShareFragment(decoded.run))).toEqual(decoded);
  });
});

describe('time-aware runs in links', () => {
  it('the time-aware switch travels in the link, and a paper-mode link stays as short as before', async () => {
    const base: RunDescription = {
      v: FORMAT_VERSION, kernel: 'gpupool', workload: { kind: 'synthetic' },
      config: { policy: 'FGD', seed: 1, rng: 'xoshiro', tune: 0 }, commands: [], step: 0,
    };
    const on = await decodeShareFragment(await encodeShareFragment({ ...base, config: { ...base.config, timeAware: true } }));
    expect(on).toMatchObject({ ok: true, run: { config: { timeAware: true } } });
    const off = await decodeShareFragment(await encodeShareFragment(base));
    expect(off.ok && off.run.config.timeAware).toBeFalsy();
  });
});

describe('what a link may carry', () => {
  it('refuses more commands than a run may carry, and a command longer than one can be, naming the field', async () => {
    const { fromCompact } = await import('./runDescription');
    const base = { v: 1, k: 'gpupool', w: 's', c: ['FGD', 1, 'xoshiro', 1.3], s: 0 };
    const many = fromCompact({ ...base, m: Array.from({ length: 10_001 }, () => [0, 'step 1']) });
    expect(many).toEqual({ ok: false, reason: expect.stringMatching(/^field commands is invalid: 10001 commands, more than the 10,000/) });
    const long = fromCompact({ ...base, m: [[0, `node ${'x'.repeat(1_000_000)}`]] });
    expect(long).toEqual({ ok: false, reason: expect.stringMatching(/^field commands\[0\]\.text is invalid: 1000005 characters, more than the 500/) });
  });
});
