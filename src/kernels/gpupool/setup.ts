// What each GPU-pool command does to a run, written once for the app (AppState's bus
// handlers) and the headless lab runner (headless.ts), so the two can never disagree:
// seed, rng, time-aware and reset start a new run at step 0 with the changed config; a
// policy does too at step 0 and is a kernel command stamped with the step later on; fail
// and ack are kernel commands at the current step. Workloads (`load`) and time stay with
// each host: the app animates and loads files, the headless runner does neither.
import { kernelCommandOf } from '../../commands/kernelCommand';
import { formatCommand } from '../../commands/parse';
import type { Command, SeekTarget } from '../../commands/types';
import type { KernelCommand } from '../api';
import type { PodStep, RunConfig, RunSummary } from './types';

export type RunChange =
  /** A new run of `config` at step 0. */
  | { kind: 'restart'; config: RunConfig; line: string }
  /** `command` applied at the current step; the lines describe the run it leaves. */
  | { kind: 'apply'; command: KernelCommand; lines: (after: RunSummary) => string[] };

const restart = (config: RunConfig, line: string): RunChange => ({ kind: 'restart', config, line });

/** The change `command` makes to a run of `config` at `step`, or null when it changes none. */
export function runChange(command: Command, config: RunConfig, step: PodStep): RunChange | null {
  switch (command.name) {
    case 'policy':
      if (step === 0) return restart({ ...config, policy: command.policy }, `policy ${command.policy} for the run from step 0`);
      return { kind: 'apply', command: kernelCommandOf(command)!, lines: (s) => [`policy ${command.policy} from step ${s.step}`] };
    case 'seed':
      return restart({ ...config, seed: command.seed }, `seed ${command.seed}: new run at step 0`);
    case 'rng':
      return restart({ ...config, rng: command.rng }, `rng ${command.rng}: new run at step 0`);
    case 'time-aware':
      return restart({ ...config, timeAware: command.on }, command.on
        ? 'time-aware on: pods arrive by creation time and leave at their deletion time; new run at step 0'
        : 'time-aware off: the paper mode; new run at step 0');
    case 'reset':
      return restart(config, `new run at step 0 (${config.policy}, seed ${config.seed}, ${config.rng})`);
    case 'fail': {
      const what = command.target === 'node' ? `node ${command.node}` : `GPU ${command.gpu} of node ${command.node}`;
      return {
        kind: 'apply', command: kernelCommandOf(command)!,
        lines: (s) => [`${what} failed at step ${s.step}`, `evicted ${s.evicted} · rescheduled ${s.rescheduled} · lost ${s.lost} · GPUs out of service ${s.failedGpus}`],
      };
    }
    case 'ack':
      return {
        kind: 'apply', command: kernelCommandOf(command)!,
        lines: (s) => [`${formatCommand(command)} from step ${s.step}${s.policy === 'ACK' ? '' : ' (takes effect under policy ACK)'}`],
      };
    default:
      return null;
  }
}

/** The step a seek goes to from step `now` of a run of `pods` pods, kept inside the run. */
export function seekStep(target: SeekTarget, now: PodStep, pods: number): PodStep {
  const step = target.kind === 'end' ? pods : target.kind === 'absolute' ? target.step : now + target.delta;
  return Math.max(0, Math.min(pods, step));
}
