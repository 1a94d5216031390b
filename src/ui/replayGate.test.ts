// The gate asks only past the budget, and a tracked replay stops at the first update after a cancel.
import { describe, expect, it } from 'vitest';
import { ReplayGate, ReplayStopped, type ReplayView } from './replayGate';
import { needsConsent, timesBudget } from '../kernels/replayBudget';
import { gpupoolReplayAsk, podsToReplay } from '../kernels/gpupool/replayCost';
import { raftReplayAsk, timeToReplay } from '../kernels/raft/replayCost';

describe('replay budgets', () => {
  it('the default GPU-pool run opens without asking; a synthetic x64 link at tune 10 does not', () => {
    expect(needsConsent(gpupoolReplayAsk(podsToReplay(11450, [], 11450), 1213))).toBe(false);
    const big = gpupoolReplayAsk(podsToReplay(2 ** 53 - 1, [], 5_636_923), 77_632);
    expect(needsConsent(big)).toBe(true);
    expect(timesBudget(big)).toMatch(/^[\d,]+×$/);
    expect(podsToReplay(10, [40, 20], 30)).toBe(30);
  });

  it('raft: a few seconds open at once; 2^53-1 ns, a NaN or a far command do not', () => {
    expect(needsConsent(raftReplayAsk(timeToReplay(6e6, [2e6]), 1))).toBe(false);
    expect(needsConsent(raftReplayAsk(timeToReplay(6e9, []), 2))).toBe(true);
    expect(needsConsent(raftReplayAsk(timeToReplay(0, [2 ** 53 - 1]), 1))).toBe(true);
    expect(needsConsent(raftReplayAsk(Number.NaN, 1))).toBe(true);
  });
});

describe('ReplayGate', () => {
  it('answers at once within budget, else waits for the person', async () => {
    const view: ReplayView = { state: null };
    const gate = new ReplayGate(view);
    await expect(gate.ask({ work: 1, budget: 2 }, 'q')).resolves.toBe(true);
    expect(view.state).toBeNull();
    const answer = gate.ask({ work: 3, budget: 2 }, 'replay it?');
    expect(view.state).toMatchObject({ kind: 'ask', text: 'replay it?' });
    if (view.state?.kind !== 'ask') throw new Error('no question');
    view.state.answer(false);
    await expect(answer).resolves.toBe(false);
    expect(view.state).toBeNull();
  });

  it('a tracked replay shows its progress, and the update after a cancel throws what it left', () => {
    const view: ReplayView = { state: null };
    const progress = new ReplayGate(view).track('replaying', 100, (done) => `stopped at ${done}`);
    progress.update(40);
    expect(view.state).toMatchObject({ kind: 'progress', done: 40, total: 100 });
    if (view.state?.kind !== 'progress') throw new Error('no bar');
    view.state.cancel();
    expect(progress.cancelled).toBe(true);
    expect(() => progress.update(60)).toThrow(new ReplayStopped('stopped at 40'));
    progress.close();
    expect(view.state).toBeNull();
  });
});
