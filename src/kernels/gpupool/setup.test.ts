// The meaning of each GPU-pool command that changes a run, shared by the app and the
// headless lab runner: which ones start a new run, which become stamped kernel commands.
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../commands/parse';
import type { Command } from '../../commands/types';
import { runChange, seekStep } from './setup';
import type { RunConfig, RunSummary } from './types';

const CONFIG: RunConfig = { policy: 'FGD', seed: 42, rng: 'xoshiro', tune: 1.3 };

function command(line: string): Command {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.command;
}

const after = (fields: Partial<RunSummary>) => ({ step: 120, policy: 'FGD', evicted: 3, rescheduled: 2, lost: 1, failedGpus: 4, ...fields }) as RunSummary;

describe('GPU-pool run changes', () => {
  it('makes a policy the run\'s own at step 0 and a stamped command later', () => {
    expect(runChange(command('policy BestFit'), CONFIG, 0)).toEqual({ kind: 'restart', config: { ...CONFIG, policy: 'BestFit' }, line: 'policy BestFit for the run from step 0' });
    const later = runChange(command('policy BestFit'), CONFIG, 120);
    expect(later?.kind === 'apply' && later.command).toEqual({ kind: 'policy', policy: 'BestFit' });
    expect(later?.kind === 'apply' && later.lines(after({}))).toEqual(['policy BestFit from step 120']);
  });

  it('starts a new run for seed, rng, time-aware and reset, changing only what the command names', () => {
    expect(runChange(command('seed 7'), CONFIG, 50)).toMatchObject({ kind: 'restart', config: { ...CONFIG, seed: 7 } });
    expect(runChange(command('rng go'), CONFIG, 50)).toMatchObject({ kind: 'restart', config: { ...CONFIG, rng: 'go' } });
    expect(runChange(command('time-aware on'), CONFIG, 50)).toMatchObject({ kind: 'restart', config: { ...CONFIG, timeAware: true } });
    expect(runChange(command('reset'), CONFIG, 50)).toEqual({ kind: 'restart', config: CONFIG, line: 'new run at step 0 (FGD, seed 42, xoshiro)' });
  });

  it('turns a fault or an ACK setting into a kernel command at the current step', () => {
    const failed = runChange(command('fail gpu 3 1'), CONFIG, 120);
    expect(failed?.kind === 'apply' && failed.command).toEqual({ kind: 'fail-gpu', node: 3, gpu: 1 });
    expect(failed?.kind === 'apply' && failed.lines(after({}))).toEqual(['GPU 1 of node 3 failed at step 120', 'evicted 3 · rescheduled 2 · lost 1 · GPUs out of service 4']);
    const ack = runChange(command('ack batch 4'), CONFIG, 120);
    expect(ack?.kind === 'apply' && ack.lines(after({}))).toEqual(['ack batch 4 from step 120 (takes effect under policy ACK)']);
    expect(ack?.kind === 'apply' && ack.lines(after({ policy: 'ACK' }))).toEqual(['ack batch 4 from step 120']);
  });

  it('leaves time, reads and views to the host', () => {
    for (const line of ['step 10', 'run', 'seek 5', 'query fragRatio', 'node 1', 'load synthetic']) expect(runChange(command(line), CONFIG, 0), line).toBeNull();
  });

  it('keeps a seek inside the run', () => {
    expect(seekStep({ kind: 'end' }, 10, 500)).toBe(500);
    expect(seekStep({ kind: 'relative', delta: -50 }, 10, 500)).toBe(0);
    expect(seekStep({ kind: 'relative', delta: 5 }, 10, 500)).toBe(15);
    expect(seekStep({ kind: 'absolute', step: 9000 }, 10, 500)).toBe(500);
  });
});
