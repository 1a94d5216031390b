// What a raft run is set up from, and the meaning of every command that sets it up again:
// mode, net, disk, seed, broken options, read share, blocks, side by side or single, and
// scripted scenarios each start a new run at 0 ms. Written once for the raft tab, the
// headless lab runner and `hlab lab try`, so the three can never disagree.
import type { RaftAction, RaftScenarioName } from '../../commands/types';
import { brokenConfigOf } from './brokenOptions';
import { defaultConfig } from './config';
import type { RaftMode } from './protocol';
import { parseSchedule } from './schedule';
import { SCENARIOS } from './scenarios';
import type { RaftConfig, StampedRaftCommand } from './types';

const MS = 1_000_000;

export interface RaftSetup {
  config: RaftConfig;
  /** Raft and a ParallelRaft mode in two columns on one clock. */
  sideBySide: boolean;
  scenario: RaftScenarioName | null;
  /** The scenario's scripted commands (empty without one). */
  schedule: StampedRaftCommand[];
}

/** The app's config: messages traced for the space-time view, a sample every simulated ms. */
export function appConfig(overrides: Partial<RaftConfig> = {}): RaftConfig {
  return defaultConfig({ traceMessages: true, sampleNs: MS, ...overrides });
}

export function initialSetup(config: RaftConfig = appConfig()): RaftSetup {
  return { config, sideBySide: false, scenario: null, schedule: [] };
}

/** The modes of the columns: one, or raft beside the ParallelRaft mode. */
export function columnModes(setup: RaftSetup): RaftMode[] {
  if (!setup.sideBySide) return [setup.config.mode];
  return ['raft', setup.config.mode === 'raft' ? 'parallel' : setup.config.mode];
}

/** A scenario brings its config (the mode kept where it makes sense) and its schedule. */
export function withScenario(setup: RaftSetup, name: RaftScenarioName): RaftSetup {
  const s = SCENARIOS[name];
  const mode: RaftMode = name === 'figure8' ? 'raft' : setup.config.mode === 'raft' ? 'parallel' : setup.config.mode;
  return {
    config: appConfig({ ...s.config, mode, seed: setup.config.seed }),
    schedule: parseSchedule(s.faults, name),
    scenario: name,
    // The ghost is about ParallelRaft's merge: raft beside it has nothing to show.
    sideBySide: setup.sideBySide && name !== 'ghost',
  };
}

const msText = (ns: number) => `${(ns / MS).toFixed(3)} ms`;

/** Simulated time per wall second, as the terminal writes it (`raft speed 500us`). */
export function speedText(speed: number | 'max'): string {
  if (speed === 'max') return 'max';
  return speed >= MS ? `${speed / MS} ms/s` : `${speed / 1000} µs/s`;
}

/**
 * The setup `action` asks for and what to say about it, or null when the action does not set
 * the run up again (time, faults, status...). The caller starts the new run.
 */
export function reshapeRun(setup: RaftSetup, action: RaftAction): { setup: RaftSetup; lines: string[] } | null {
  const configured = (config: Partial<RaftConfig>, line: string) => ({ setup: { ...setup, config: { ...setup.config, ...config } }, lines: [line] });
  switch (action.action) {
    case 'side-by-side':
    case 'single': {
      const next = { ...setup, sideBySide: action.action === 'side-by-side' };
      return { setup: next, lines: [next.sideBySide ? `side by side: ${columnModes(next).join(' and ')} on seed ${next.config.seed}, one clock` : `single run: ${next.config.mode}`] };
    }
    case 'mode': return configured({ mode: action.mode }, `mode ${action.mode}: new run at 0 ms`);
    case 'net': return configured({ net: action.net }, `net ${action.net}: new run at 0 ms`);
    case 'disk': return configured({ disk: action.disk }, `disk ${action.disk}: new run at 0 ms`);
    case 'seed': return configured({ seed: action.seed }, `seed ${action.seed}: new run at 0 ms`);
    case 'break':
      return configured({ broken: brokenConfigOf(action.broken) },
        action.broken.length === 0 ? 'nothing broken on purpose: new run at 0 ms' : `broken on purpose: ${action.broken.join(', ')}: new run at 0 ms`);
    case 'read-share': return configured({ readPct: action.percent }, `read share ${action.percent} %: new run at 0 ms`);
    case 'blocks': return configured({ blocks: action.blocks }, `blocks ${action.blocks} (${(action.blocks * 4) / 1024} MB): new run at 0 ms`);
    case 'scenario': {
      const next = withScenario(setup, action.scenario);
      const last = next.schedule[next.schedule.length - 1]?.at ?? 0;
      return {
        setup: next,
        lines: [`scenario ${action.scenario} (${next.config.mode}): ${SCENARIOS[action.scenario].summary}`,
          `${next.schedule.length} scripted commands up to ${msText(last)}; raft run plays it at ${speedText(SCENARIOS[action.scenario].speedNsPerSecond)} (${SCENARIOS[action.scenario].keyEvent})`],
      };
    }
    default:
      return null;
  }
}
