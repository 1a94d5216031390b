// Stored data as fuzz entry points: the two saved sessions (localStorage) and saved or
// imported lab progress (IndexedDB, a file). Each is refused with a reason or accepted;
// a refused session must be kept aside, never left where the next save would overwrite it.
import { defaultConfig } from '../kernels/raft/config';
import { progressProblem } from '../labs/progressCheck';
import { PROGRESS_FORMAT } from '../labs/progress';
import type { FuzzTarget, FuzzVerdict } from '../fuzz/types';
import { RAFT_FORMAT_VERSION } from './raftRunDescription';
import { FORMAT_VERSION, toCompact } from './runDescription';
import { RAFT_SESSION_KEY, restoreRaftSession, saveRaftSession } from './raftSession';
import { restoreSession, SESSION_KEY, type SessionStorageLike } from './session';

export function mapStorage(entries: Record<string, string> = {}): SessionStorageLike & { items: Map<string, string> } {
  const items = new Map(Object.entries(entries));
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

/** A refused session must still be in storage, under its own key or kept aside. */
export function sessionVerdict(key: string, input: string, restore: (s: SessionStorageLike) => { problem: string | null }): FuzzVerdict {
  const storage = mapStorage({ [key]: input });
  const { problem } = restore(storage);
  if (problem === null) return { accepted: true };
  const kept = [...storage.items.values()].includes(input);
  return kept ? { accepted: false, message: problem } : { accepted: true, problem: `refused (${problem}) and not kept aside` };
}

const gpuSeed = JSON.stringify(toCompact({
  v: FORMAT_VERSION, kernel: 'gpupool', workload: { kind: 'synthetic' }, config: { policy: 'BestFit', seed: 9, rng: 'xoshiro', tune: 1.3 },
  commands: [{ step: 800, text: 'policy FGD' }, { step: 1500, text: 'fail node 3' }], step: 2000,
}));

function raftSeed(): string {
  const storage = mapStorage();
  saveRaftSession(storage, {
    open: true,
    run: {
      v: RAFT_FORMAT_VERSION, kernel: 'raft', config: defaultConfig({ mode: 'parallel' }), sideBySide: false, scenario: null, schedule: [],
      commands: [{ at: 2_000_000, command: { kind: 'crash', node: 1, wipe: false } }], time: 6_000_000, speed: 'max', selected: null,
    },
  });
  return storage.items.get(RAFT_SESSION_KEY)!;
}

const progressSeed = JSON.stringify({
  format: PROGRESS_FORMAT, labId: 'fragmentation-refuses-a-pod', labTitle: 'Why a cluster far from full refuses a pod', learnerSeed: 3,
  variables: { node: 12 }, setupNotes: [], current: 1,
  steps: [
    { completed: true, hintsUsed: 1, solutionShown: false, checkAttempts: 2, lastCheck: { pass: true, message: 'passed' },
      predict: { expectation: { kind: 'number', value: 14, tolerance: { kind: 'absolute', value: 2 } }, answer: 13, correct: true }, predictError: null },
    { completed: false, hintsUsed: 0, solutionShown: false, checkAttempts: 0, lastCheck: null, predict: null, predictError: null },
  ],
  log: [{ kind: 'begin', step: 0 }, { kind: 'command', name: 'step', text: 'step 50', at: 50, ok: true }, { kind: 'pods', placed: 50, failed: 0 }],
});

function progressVerdict(input: string): FuzzVerdict {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (error) {
    return { accepted: false, message: error instanceof Error ? error.message : String(error) };
  }
  const problem = progressProblem(value);
  return problem === null ? { accepted: true } : { accepted: false, message: problem };
}

const JSON_WORDS = ['null', '-1', '1e400', '"', '[]', '{}', '[null]', 'true', '9007199254740993', '"x"', ',', ':'];

export const fuzzTargets: FuzzTarget[] = [
  { name: 'saved session (GPU pool)', seeds: () => [gpuSeed], words: JSON_WORDS, run: (input) => sessionVerdict(SESSION_KEY, input, restoreSession) },
  { name: 'saved session (raft)', seeds: () => [raftSeed()], words: JSON_WORDS, run: (input) => sessionVerdict(RAFT_SESSION_KEY, input, (s) => ({ problem: restoreRaftSession(s).problem })) },
  { name: 'lab progress', seeds: () => [progressSeed], words: [...JSON_WORDS, '"begin"', '"command"', '"pods"', '"choice"'], run: progressVerdict },
];
