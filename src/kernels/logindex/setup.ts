// What a LogIndex run is set up from, and the meaning of every command that sets it up again:
// mode, replicas, write scale, seed, broken options, a named scenario, side by side or single,
// each starting a new run at 0 ms. Written once for the LogIndex tab, the headless lab runner
// and `hlab lab try`, so they can never disagree. Pure: no kernel, no UI.
import type { LogIndexAction } from './action';
import { defaultConfig } from './config';
import { MODES, type BrokenOption, type LogIndexMode } from './protocol';
import { parseSchedule } from './schedule';
import { SCENARIOS } from './scenarios';
import type { LogIndexConfig, StampedLogIndexCommand } from './types';

export interface LogIndexSetup {
  /** The config of the current mode's column (its writeTps already times writeScale). */
  config: LogIndexConfig;
  /** The default write rate times this; reads unchanged. */
  writeScale: number;
  seed: number;
  /** Lazy and full on one seed in two columns, one clock. */
  sideBySide: boolean;
  /** A named scenario LI-1..LI-9, or null. */
  scenario: string | null;
  /** The scenario's fault schedule (empty without one). */
  schedule: StampedLogIndexCommand[];
}

export interface SetupChoice {
  mode?: LogIndexMode;
  ro?: number;
  writeScale?: number;
  broken?: BrokenOption[];
  seed?: number;
  sideBySide?: boolean;
}

/** The config of `ro` replicas at `writeScale`, the rest the defaults. */
function configOf(mode: LogIndexMode, ro: number, writeScale: number, broken: readonly BrokenOption[]): LogIndexConfig {
  const base = defaultConfig();
  return { ...base, mode, ro, broken: [...broken], writeTps: base.writeTps * writeScale };
}

export function initialSetup(choice: SetupChoice = {}): LogIndexSetup {
  const base = defaultConfig();
  const writeScale = choice.writeScale ?? 1;
  return {
    config: configOf(choice.mode ?? base.mode, choice.ro ?? base.ro, writeScale, choice.broken ?? []),
    writeScale,
    seed: choice.seed ?? 1,
    sideBySide: choice.sideBySide ?? false,
    scenario: null,
    schedule: [],
  };
}

/** The modes of the columns: one, or lazy beside full. */
export function columnModes(setup: LogIndexSetup): LogIndexMode[] {
  return setup.sideBySide ? [...MODES] : [setup.config.mode];
}

/** The config one column runs: the setup's with that column's mode. */
export function columnConfig(setup: LogIndexSetup, mode: LogIndexMode): LogIndexConfig {
  return { ...setup.config, mode, broken: [...setup.config.broken] };
}

/**
 * A scenario brings its replicas, write scale, seed and faults; the mode, the broken options
 * and side by side stay (a broken option on its twin scenario is the must-fail run). `null`
 * goes back to the default replicas and write rate with no faults.
 */
export function withScenario(setup: LogIndexSetup, name: string | null): LogIndexSetup {
  const { mode, broken } = setup.config;
  if (name === null) {
    const base = defaultConfig();
    return { ...setup, config: configOf(mode, base.ro, 1, broken), writeScale: 1, scenario: null, schedule: [] };
  }
  const s = SCENARIOS.get(name);
  if (s === undefined) throw new Error(`no scenario "${name}"`);
  const base = defaultConfig();
  return {
    config: { ...base, ...s.config, mode, broken: [...broken], writeTps: base.writeTps * s.writeScale },
    writeScale: s.writeScale,
    seed: s.seed,
    sideBySide: setup.sideBySide,
    scenario: name,
    schedule: parseSchedule(s.faults, `scenario ${name}`),
  };
}

const msText = (ns: number) => `${(ns / 1e6).toFixed(3)} ms`;

/** The end of a scenario's scripted time, or null without one. */
export function scenarioEndNs(setup: LogIndexSetup): number | null {
  return setup.scenario === null ? null : SCENARIOS.get(setup.scenario)!.durationNs;
}

/**
 * The setup `action` asks for and what to say about it, or null when the action does not set
 * the run up again (time, faults, status...). The caller starts the new run.
 */
export function reshapeRun(setup: LogIndexSetup, action: LogIndexAction): { setup: LogIndexSetup; lines: string[] } | null {
  const fresh = 'new run at 0 ms';
  // Replicas and write scale are what a scenario is made of: changing either leaves it.
  const left = setup.scenario === null ? '' : ` (scenario ${setup.scenario} left)`;
  switch (action.action) {
    case 'side-by-side':
    case 'single': {
      const next = { ...setup, sideBySide: action.action === 'side-by-side' };
      return { setup: next, lines: [next.sideBySide ? `side by side: lazy and full on seed ${next.seed}, one clock: ${fresh}` : `single run: ${next.config.mode}: ${fresh}`] };
    }
    case 'mode':
      return { setup: { ...setup, config: { ...setup.config, mode: action.mode } }, lines: [`mode ${action.mode}: ${fresh}`] };
    case 'seed':
      return { setup: { ...setup, seed: action.seed }, lines: [`seed ${action.seed}: ${fresh}`] };
    case 'break':
      return {
        setup: { ...setup, config: { ...setup.config, broken: [...action.broken] } },
        lines: [action.broken.length === 0 ? `nothing broken on purpose: ${fresh}` : `broken on purpose: ${action.broken.join(', ')}: ${fresh}`],
      };
    case 'ro': {
      const next = { ...setup, config: configOf(setup.config.mode, action.count, setup.writeScale, setup.config.broken), scenario: null, schedule: [] };
      return { setup: next, lines: [`${action.count} read-only replica${action.count === 1 ? '' : 's'}${left}: ${fresh}`] };
    }
    case 'write-scale': {
      const next = { ...setup, config: configOf(setup.config.mode, setup.config.ro, action.scale, setup.config.broken), writeScale: action.scale, scenario: null, schedule: [] };
      return { setup: next, lines: [`writes x${action.scale}: ${next.config.writeTps} writes/s, reads unchanged at ${next.config.readQps}/s per replica${left}: ${fresh}`] };
    }
    case 'scenario': {
      const next = withScenario(setup, action.scenario);
      if (action.scenario === null) return { setup: next, lines: [`no scenario: ${next.config.ro} replicas, writes x1, no faults: ${fresh}`] };
      const s = SCENARIOS.get(action.scenario)!;
      const last = next.schedule[next.schedule.length - 1]?.at;
      return {
        setup: next,
        lines: [`scenario ${s.name} (${s.property}): ${s.summary}`,
          `${next.config.ro} replicas, writes x${next.writeScale}, seed ${next.seed}, ${next.schedule.length} scripted fault${next.schedule.length === 1 ? '' : 's'}${last === undefined ? '' : ` up to ${msText(last)}`}; run plays ${msText(s.durationNs)}`],
      };
    }
    case 'reset':
      return { setup, lines: [`${fresh}${setup.scenario === null ? '' : ` (scenario ${setup.scenario})`}`] };
    default:
      return null;
  }
}
