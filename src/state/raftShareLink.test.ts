import { beforeAll, describe, expect, it } from 'vitest';
import { raftModule } from '../testing/fixtures';
import { defaultConfig } from '../kernels/raft/config';
import { parseSchedule } from '../kernels/raft/schedule';
import { SCENARIOS } from '../kernels/raft/scenarios';
import { RaftSession } from '../kernels/raft/session';
import type { RaftCommand } from '../kernels/raft/types';
import { encodeBase64url } from './base64url';
import { deflateRaw } from './deflate';
import { fnv1a32Hex } from './hash';
import { BROKEN_KEYS } from '../kernels/raft/brokenOptions';
import { RAFT_FORMAT_VERSION, raftToCompact } from './raftRunDescription';
import type { RaftRunDescription } from './raftRunDescription';
import { decodeRaftShareFragment, encodeRaftShareFragment, isRaftShareFragment } from './raftShareLink';
import { decodeShareFragment, encodeShareFragment } from './shareLink';
import { FORMAT_VERSION } from './runDescription';

const MS = 1_000_000;
const uiLike = () => defaultConfig({ traceMessages: true, sampleNs: MS });

/** One of every command kind, as a person could give them during a run. */
const EVERY_KIND: RaftCommand[] = [
  { kind: 'crash', node: 1, wipe: true }, { kind: 'restart', node: 1 }, { kind: 'partition', a: 0, b: 2 }, { kind: 'partition', a: 2, b: null },
  { kind: 'oneway', from: 2, to: 0 }, { kind: 'heal', a: 0, b: 2 }, { kind: 'heal', a: null, b: null },
  { kind: 'delay', from: 0, to: 1, ns: 250_123, both: false }, { kind: 'loss', from: 1, to: 2, percent: 12.5, both: true },
  { kind: 'duplicate', from: 0, to: 2, percent: 10, both: false }, { kind: 'reorder', from: 2, to: 1, percent: 30, both: true },
  { kind: 'limp', node: 0, factor: 2.5 }, { kind: 'limp', node: 0, factor: 1 }, { kind: 'elect', node: 2 },
  { kind: 'write', block: 7, blocks: 3 }, { kind: 'read', block: 7, blocks: 1 }, { kind: 'iodepth', depth: 32 },
  { kind: 'checkpoint', node: null }, { kind: 'checkpoint', node: 1 },
];

const singleRun: RaftRunDescription = {
  v: RAFT_FORMAT_VERSION, kernel: 'raft', config: uiLike(), sideBySide: false, scenario: null,
  schedule: [], commands: [], time: 0, speed: 500_000, selected: null,
};

function ghostRun(commandCount: number): RaftRunDescription {
  const s = SCENARIOS.ghost;
  return {
    v: RAFT_FORMAT_VERSION,
    kernel: 'raft',
    config: defaultConfig({ ...s.config, traceMessages: true, sampleNs: MS, mode: 'parallel-ce', seed: 77, model: { netJitterNs: 4000 }, broken: { ignoreLbb: true } }),
    sideBySide: true,
    scenario: 'ghost',
    schedule: parseSchedule(s.faults, 'ghost').map(({ at, command }) => ({ at, command })),
    // Irregular times, as a person typing would leave them.
    commands: Array.from({ length: commandCount }, (_, i) => ({ at: i * 1_234_567 + ((i * 37) % 97) * 1000, command: EVERY_KIND[i % EVERY_KIND.length] })),
    time: 812_345_678,
    speed: 'max',
    selected: 1234,
  };
}

/** Builds a fragment by hand so tests can put any JSON behind a correct envelope. */
async function jsonFragment(json: string, version = RAFT_FORMAT_VERSION): Promise<string> {
  const bytes = new TextEncoder().encode(json);
  const compressed = await deflateRaw(bytes);
  const check = fnv1a32Hex(compressed);
  const trailer = [0, 2, 4, 6].map((i) => parseInt(check.slice(i, i + 2), 16));
  return `#raft=v${version}.${fnv1a32Hex(bytes)}.${encodeBase64url(new Uint8Array([...compressed, ...trailer]))}`;
}

async function failure(fragment: string) {
  const result = await decodeRaftShareFragment(fragment);
  if (result.ok) throw new Error(`expected ${fragment.slice(0, 40)}… to be refused`);
  return result;
}

describe('raft share links', () => {
  it('round-trip a single run and a side-by-side scenario run with every command kind', async () => {
    for (const run of [singleRun, ghostRun(EVERY_KIND.length * 2)]) {
      const fragment = await encodeRaftShareFragment(run);
      expect(fragment).toMatch(/^#raft=v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
      expect(isRaftShareFragment(fragment)).toBe(true);
      expect(await decodeRaftShareFragment(fragment)).toEqual({ ok: true, run });
      expect(await decodeRaftShareFragment(fragment.slice(1))).toEqual({ ok: true, run });
    }
  });

  it('carry every broken option, the read share and the block range; a link from before them opens as it did', async () => {
    const every = Object.fromEntries(BROKEN_KEYS.map((key) => [key, true]));
    const broken: RaftRunDescription = { ...singleRun, config: uiLike(), time: 5 * MS };
    broken.config = { ...broken.config, broken: every, readPct: 50, blocks: 32 };
    expect(await decodeRaftShareFragment(await encodeRaftShareFragment(broken))).toEqual({ ok: true, run: broken });
    const dirty = { ...broken, config: { ...broken.config, broken: { dirtyRead: true } } };
    expect(await decodeRaftShareFragment(await encodeRaftShareFragment(dirty))).toEqual({ ok: true, run: dirty });
    // A run whose workers did not check P9 says so (q: 0); others leave it out.
    const unchecked: RaftRunDescription = { ...broken, p9Off: true };
    expect(raftToCompact(unchecked).q).toBe(0);
    expect(raftToCompact(broken)).not.toHaveProperty('q');
    expect(await decodeRaftShareFragment(await encodeRaftShareFragment(unchecked))).toEqual({ ok: true, run: unchecked });
    // A link made before `raft break` existed: its config carries an empty broken record.
    const old = raftToCompact(singleRun);
    expect(old.c.broken).toEqual({});
    expect(await decodeRaftShareFragment(await jsonFragment(JSON.stringify(old)))).toEqual({ ok: true, run: singleRun });
  });

  it('keep a scenario run with 40 commands under 2,000 characters', async () => {
    const fragment = await encodeRaftShareFragment(ghostRun(40));
    expect(fragment.length).toBeLessThan(2000);
  });

  it('are never taken for GPU-pool links, nor GPU-pool links for raft links', async () => {
    const raft = await encodeRaftShareFragment(singleRun);
    const gpupool = await encodeShareFragment({
      v: FORMAT_VERSION, kernel: 'gpupool', workload: { kind: 'synthetic' }, config: { policy: 'FGD', seed: 1, rng: 'xoshiro', tune: 1.3 }, commands: [], step: 0,
    });
    expect(await decodeShareFragment(raft)).toMatchObject({ ok: false, code: 'not-run-link' });
    expect(await failure(gpupool)).toEqual({ ok: false, code: 'prefix', reason: 'not a raft link: the fragment does not start with #raft=' });
    expect(isRaftShareFragment(gpupool)).toBe(false);
    // The tag is inside the hashed data too: a raft envelope around a GPU-pool run is refused by name.
    const inside = await failure(await jsonFragment(JSON.stringify({ ...raftToCompact(singleRun), k: 'gpupool' })));
    expect(inside.reason).toBe('the raft link is invalid: field kernel is invalid: "gpupool" is not the raft kernel (a GPU-pool run opens from a #run= link)');
  });

  it('detect any one-character change to the link', async () => {
    const fragment = await encodeRaftShareFragment(ghostRun(6));
    for (let i = '#raft='.length; i < fragment.length; i++) {
      const ch = fragment[i];
      const replacement = ch === '.' ? '_' : ch === 'A' ? 'B' : ch === '0' ? '1' : 'A';
      const result = await decodeRaftShareFragment(fragment.slice(0, i) + replacement + fragment.slice(i + 1));
      expect(result.ok, `change at ${i} (${ch} → ${replacement}) went unnoticed`).toBe(false);
    }
  });

  it('say a truncated link was cut, wherever it was cut', async () => {
    const fragment = await encodeRaftShareFragment(ghostRun(6));
    for (const cut of [1, 2, 3, 10, 100]) {
      const result = await failure(fragment.slice(0, -cut));
      expect(result.reason).toMatch(/^the raft link is damaged: /);
      expect(result.reason).toMatch(/cut off|truncated/);
    }
    expect((await failure(fragment.slice(0, fragment.indexOf('.') + 5))).reason).toContain('expected 8 hex digits of hash');
    expect((await failure('#raft=')).code).toBe('malformed');
    expect((await failure(`${fragment}AA`)).ok).toBe(false);
  });

  it('name the format version of a link from a newer app', async () => {
    const newer = await jsonFragment(JSON.stringify({ ...raftToCompact(singleRun), v: 2 }), 2);
    expect(await failure(newer)).toEqual({ ok: false, code: 'version', reason: 'this raft link was made by format version 2; this app reads version 1' });
    // The version inside the hashed data must agree with the envelope's.
    expect((await failure(await jsonFragment(JSON.stringify({ ...raftToCompact(singleRun), v: 2 })))).reason).toContain('field v is invalid: format version 2');
  });

  it('say where the envelope is malformed', async () => {
    expect((await failure('#raft=hello')).reason).toBe('the raft link is damaged: expected v<version>.<hash>.<data> after #raft=');
    expect((await failure('#raft=v1.xyz.AAAA')).reason).toBe('the raft link is damaged: expected 8 hex digits of hash then "." after v1., found "xyz.AAAA"');
    expect((await failure('#raft=v1.00000000.AB*D')).reason).toContain('character "*" at position 3 is not base64url');
    expect((await failure(await jsonFragment('{"v":1,'))).code).toBe('json');
  });

  it('name the missing or invalid field', async () => {
    const good = raftToCompact(ghostRun(3));
    const cases: [unknown, string][] = [
      [{ ...good, c: undefined }, 'field config is missing'],
      [{ ...good, c: { ...good.c, mode: 'fast' } }, 'field config.mode is invalid: "fast" is not one of raft, parallel, parallel-ce'],
      [{ ...good, c: { ...good.c, iodepth: 999 } }, 'field config.iodepth is invalid: expected a whole number 0..256, got 999'],
      [{ ...good, c: { ...good.c, seed: -1 } }, 'field config.seed is invalid'],
      [{ ...good, c: { ...good.c, electionMinNs: 0 } }, 'field config is invalid: election timeouts need 0 < min <= max'],
      [{ ...good, c: { ...good.c, minBlocks: 8, maxBlocks: 4 } }, 'field config is invalid: the largest op must be between the smallest and 128 KB'],
      [{ ...good, c: { ...good.c, turbo: true } }, 'field config.turbo is not a setting this app knows'],
      [{ ...good, c: { ...good.c, broken: { forgetTerms: true } } }, 'field config.broken.forgetTerms is not a setting this app knows'],
      [{ ...good, c: { ...good.c, model: { netBaseNs: -5 } } }, 'field config.model.netBaseNs is invalid'],
      [{ ...good, c: { ...good.c, traceMessages: 'yes' } }, 'field config.traceMessages is invalid: expected true or false, got "yes"'],
      [{ ...good, b: 2 }, 'field sideBySide is invalid'],
      [{ ...good, q: 1 }, 'field p9 is invalid: expected 0 (not checked) or nothing, got 1'],
      [{ ...good, n: 'figure9' }, 'field scenario is invalid: "figure9" is not one of ghost, figure8'],
      [{ ...good, m: [[5, 'heal'], [2, 'heal']] }, "field commands[1].at is invalid: 2 ns comes before the previous command's 5 ns"],
      [{ ...good, m: [[5, 'partition 0 0']] }, 'field commands[0].text is invalid: "partition 0 0": a node cannot be partitioned from itself (column 13)'],
      [{ ...good, m: [[5, 'crash 0; crash 1']] }, 'field commands[0].text is invalid: "crash 0; crash 1" is not one command'],
      [{ ...good, m: [[5, 7]] }, 'field commands[0].text is invalid: expected command text'],
      [{ ...good, s: [[1, 'crash 7']] }, 'field schedule[0].text is invalid: "crash 7": "7" is not a node (0..2) (column 7)'],
      [{ ...good, s: [[-1, 'heal']] }, 'field schedule[0].at is invalid'],
      [{ ...good, s: undefined }, 'field schedule is missing'],
      [{ ...good, t: undefined }, 'field time is missing'],
      [{ ...good, t: 1.5 }, 'field time is invalid: expected a whole number'],
      [{ ...good, p: 0 }, 'field speed is invalid'],
      [{ ...good, e: 0 }, 'field selected is invalid'],
      [{ ...good, k: undefined }, 'field kernel is missing'],
      [[1, 2], 'the data is not a raft run description (expected an object)'],
      [{ ...good, zz: 1 }, 'field zz is not a setting this app knows'],
    ];
    for (const [value, reason] of cases) {
      const result = await failure(await jsonFragment(JSON.stringify(value)));
      expect(result.code, reason).toBe('field');
      expect(result.reason).toBe(`the raft link is invalid: ${result.reason.slice('the raft link is invalid: '.length)}`);
      expect(result.reason, reason).toContain(reason);
    }
  });
});

describe('a raft link replayed in the kernel', () => {
  let module: WebAssembly.Module;
  beforeAll(() => {
    module = raftModule();
  });

  it('gives the state of the run it was made from, bit for bit', async () => {
    const clock = { now: () => 0 };
    const config = uiLike();
    const live = new RaftSession(module, clock);
    live.start(config);
    live.advance(4 * MS);
    live.apply({ kind: 'partition', a: 0, b: 1 });
    live.advance(9 * MS);
    live.apply({ kind: 'loss', from: 1, to: 2, percent: 20, both: true });
    live.advance(15 * MS);
    live.apply({ kind: 'heal', a: null, b: null });
    live.advance(21 * MS);
    const hash = live.stateHash();
    const run: RaftRunDescription = {
      ...singleRun,
      config,
      commands: live.commandLog().map(({ at, command }) => ({ at, command })),
      time: live.current.now,
    };
    const decoded = await decodeRaftShareFragment(await encodeRaftShareFragment(run));
    if (!decoded.ok) throw new Error(decoded.reason);
    const opened = new RaftSession(module, clock);
    opened.replay(decoded.run.config, decoded.run.schedule, decoded.run.commands, decoded.run.time);
    expect(opened.current.now).toBe(21 * MS);
    expect(opened.stateHash()).toBe(hash);
  });
});
