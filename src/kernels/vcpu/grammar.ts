// `vcpu ...`: the vCPU tab's commands, loaded with the tab (commands/kernelGrammar.ts). Faults
// reuse the kernel's fault schedule grammar (schedule.ts) word for word, without the time:
// `vcpu storm p2 20ms` means what `500ms storm p2 20ms` means in --faults, stamped now. The
// grammar cannot know the run's VMs, so `arrive` keeps the VM's name and any pCPU up to the
// kernel's most is read; setup.ts resolveFault checks both against the run. Every error names
// the column of the line the person typed.
import { durationTooLong, formatDuration, MAX_DURATION_TEXT, parseDuration } from '../raft/schedule';
import { closestMatch } from '../../commands/editDistance';
import type { KernelGrammar } from '../../commands/kernelGrammar';
import { commandStub, type CommandSpec } from '../../commands/registry';
import type { Token } from '../../commands/tokenize';
import type { Command } from '../../commands/types';
import type { VcpuAction, VcpuFault } from './action';
import { BROKEN_OPTIONS, MAX_PCPUS, MITIGATIONS, PROFILES, SCHEDS, type BrokenOption, type Mitigation } from './protocol';
import { COMMAND_HELP, formatSchedule, parseSchedule, ScheduleError } from './schedule';
import { PRESET_NAMES } from './setup';

/** Words that start a fault (the schedule grammar's commands). */
export const VCPU_FAULT_WORDS = ['arrive', 'storm', 'offline', 'online', 'upgrade'] as const;
export const VCPU_SIMPLE_ACTIONS = ['open', 'close', 'run', 'pause', 'reset', 'status', 'single', 'hash'] as const;
export const VCPU_SETTINGS = ['profile', 'sched', 'side-by-side', 'preset', 'mitigate', 'break', 'seed', 'step', 'seek', 'speed'] as const;
export const VCPU_WORDS: readonly string[] = [...VCPU_SIMPLE_ACTIONS, ...VCPU_SETTINGS, ...VCPU_FAULT_WORDS];
export const VCPU_BROKEN_NAMES = Object.keys(BROKEN_OPTIONS) as BrokenOption[];
export const VCPU_MITIGATION_NAMES = Object.keys(MITIGATIONS) as Mitigation[];
/** What `vcpu break` takes: a broken option's name, several joined by commas, or none. */
export const VCPU_BREAK_WORDS: readonly string[] = ['none', ...VCPU_BROKEN_NAMES];
export const VCPU_MITIGATE_WORDS: readonly string[] = ['none', ...VCPU_MITIGATION_NAMES];
/** pCPU words for completion: the default host's eight. */
export const VCPU_PCPU_WORDS: readonly string[] = Array.from({ length: 8 }, (_, i) => `p${i}`);
export const MAX_SEED = 2 ** 31 - 1;
/** A VM name as scenario files allow it (scenarioFile.ts): the grammar reads no other. */
const VM_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
/** `vcpu step` alone: one simulated millisecond, as the other kernels'. */
const DEFAULT_STEP_NS = 1_000_000;

export type VcpuParse = { ok: true; action: VcpuAction } | { ok: false; error: string; column: number };

const col = (t: Token): number => t.start + 1;

class ArgError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

function choose<T extends string>(token: Token, choices: readonly T[], what: string): T {
  const found = choices.find((c) => c.toLowerCase() === token.text.toLowerCase());
  if (found !== undefined) return found;
  const guess = closestMatch(token.text, choices);
  throw new ArgError(`unknown ${what} "${token.text}" at column ${col(token)}; ${guess ? `did you mean ${guess}?` : `expected one of ${choices.join(', ')}`}`, col(token));
}

function duration(token: Token, what: string): number {
  const ns = parseDuration(token.text);
  if (ns === null && durationTooLong(token.text)) {
    throw new ArgError(`${what} "${token.text}" at column ${col(token)} is longer than the most a run takes, ${MAX_DURATION_TEXT}`, col(token));
  }
  if (ns === null || ns <= 0) throw new ArgError(`${what} "${token.text}" at column ${col(token)} is not a positive duration (write it like 5ms, 200us, 1s)`, col(token));
  return ns;
}

function whole(token: Token, what: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(token.text) || Number(token.text) < min || Number(token.text) > max) {
    throw new ArgError(`${what} "${token.text}" at column ${col(token)} must be a whole number ${min}..${max}`, col(token));
  }
  return Number(token.text);
}

/** Parses a fault with the schedule grammar (a time put in front), mapping its error column back to the line. */
function fault(tokens: Token[]): VcpuAction {
  // The schedule reads ";" as a separator and "#" as a comment: neither belongs in one fault.
  const odd = tokens.find((t) => t.text.includes(';') || t.text.startsWith('#'));
  if (odd) throw new ArgError(`"${odd.text}" at column ${col(odd)}: give one fault at a time, without ";" or "#"`, col(odd));
  const vmToken = tokens[0].text === 'arrive' ? tokens[1] : undefined;
  if (vmToken !== undefined && !VM_NAME.test(vmToken.text)) {
    throw new ArgError(`"${vmToken.text}" at column ${col(vmToken)} is not a VM name (1..32 letters, digits, - or _, starting with a letter)`, col(vmToken));
  }
  const names = vmToken === undefined ? [] : [vmToken.text];
  const prefix = '0ns ';
  const offsets: number[] = [];
  let text = prefix;
  for (const t of tokens) {
    offsets.push(text.length);
    text += `${t.text} `;
  }
  try {
    const parsed = parseSchedule(text.trimEnd(), 'vcpu', names, MAX_PCPUS);
    if (parsed.length !== 1) throw new ArgError(`give one fault at a time (found ${parsed.length})`, col(tokens[0]));
    const c = parsed[0].command;
    const typed: VcpuFault = c.kind === 'arrive' ? { kind: 'arrive', vm: names[c.vm] } : c;
    return { action: 'fault', fault: typed };
  } catch (error) {
    if (!(error instanceof ScheduleError)) throw error;
    const at = error.column - 1;
    let i = offsets.length - 1;
    while (i > 0 && offsets[i] > at) i--;
    const token = tokens[Math.max(0, i)];
    const column = at < prefix.length ? col(tokens[0]) : token.start + Math.min(at - offsets[i], token.text.length) + 1;
    const bare = error.message.replace(/^vcpu:\d+:\d+: /, '');
    throw new ArgError(`${bare} (column ${column})`, column);
  }
}

function noMore(tokens: Token[], count: number, syntax: string): void {
  const extra = tokens[count];
  if (extra) throw new ArgError(`unexpected "${extra.text}" at column ${col(extra)}; usage: vcpu ${syntax}`, col(extra));
}

function need(tokens: Token[], index: number, what: string, endColumn: number): Token {
  const t = tokens[index];
  if (!t) throw new ArgError(`missing <${what}> at column ${endColumn}`, endColumn);
  return t;
}

/**
 * A list of names joined by commas and/or spaces, or `none`. It comes back in the table's
 * order without repeats, so it has one canonical text.
 */
function nameList<T extends string>(words: Token[], endColumn: number, names: readonly T[], what: string, verb: string): T[] {
  const usage = `usage: vcpu ${verb} none|<${what}>[,<${what}>...] (${names.join(', ')})`;
  if (words.length === 0) throw new ArgError(`missing <${what}> at column ${endColumn}; ${usage}`, endColumn);
  const parts: { text: string; column: number }[] = [];
  for (const word of words) {
    let offset = 0;
    for (const part of word.text.split(',')) {
      if (part !== '') parts.push({ text: part, column: word.start + offset + 1 });
      offset += part.length + 1;
    }
  }
  if (parts.length === 0) throw new ArgError(`missing <${what}> at column ${col(words[0])}; ${usage}`, col(words[0]));
  const chosen = new Set<string>();
  for (const part of parts) {
    const text = part.text.toLowerCase();
    if (text === 'none') {
      if (parts.length > 1) throw new ArgError(`"none" at column ${part.column} must stand alone; ${usage}`, part.column);
      return [];
    }
    if (!(names as readonly string[]).includes(text)) {
      const guess = closestMatch(part.text, ['none', ...names]);
      throw new ArgError(`unknown ${what} "${part.text}" at column ${part.column}; ${guess ? `did you mean ${guess}?` : usage}`, part.column);
    }
    chosen.add(text);
  }
  return names.filter((n) => chosen.has(n));
}

/** `tokens` are the words after `vcpu`; `endColumn` is where a missing word would go. */
export function parseVcpuArgs(tokens: Token[], endColumn: number): VcpuParse {
  try {
    return { ok: true, action: parseOrThrow(tokens, endColumn) };
  } catch (error) {
    if (error instanceof ArgError) return { ok: false, error: error.message, column: error.column };
    throw error;
  }
}

function parseOrThrow(tokens: Token[], endColumn: number): VcpuAction {
  const head = tokens[0];
  if (head === undefined) return { action: 'open' };
  const word = head.text.toLowerCase();
  if ((VCPU_FAULT_WORDS as readonly string[]).includes(word)) return fault([{ ...head, text: word }, ...tokens.slice(1)]);
  const action = choose(head, [...VCPU_SIMPLE_ACTIONS, ...VCPU_SETTINGS] as const, 'vcpu action');
  switch (action) {
    case 'profile':
      noMore(tokens, 2, `profile ${PROFILES.join('|')}`);
      return { action, profile: choose(need(tokens, 1, 'profile', endColumn), PROFILES, 'profile') };
    case 'sched':
      noMore(tokens, 2, `sched ${SCHEDS.join('|')}`);
      return { action, sched: choose(need(tokens, 1, 'sched', endColumn), SCHEDS, 'scheduler') };
    case 'side-by-side':
      noMore(tokens, 2, `side-by-side [${PROFILES.join('|')}]`);
      return { action, other: tokens[1] === undefined ? null : choose(tokens[1], PROFILES, 'profile') };
    case 'preset':
      noMore(tokens, 2, `preset ${PRESET_NAMES.join('|')}`);
      return { action, preset: choose(need(tokens, 1, 'preset', endColumn), PRESET_NAMES, 'preset') };
    case 'mitigate':
      return { action, mitigations: nameList(tokens.slice(1), endColumn, VCPU_MITIGATION_NAMES, 'mitigation', 'mitigate') };
    case 'break':
      return { action, broken: nameList(tokens.slice(1), endColumn, VCPU_BROKEN_NAMES, 'broken option', 'break') };
    case 'seed':
      noMore(tokens, 2, 'seed <n>');
      return { action, seed: whole(need(tokens, 1, 'seed', endColumn), 'seed', 0, MAX_SEED) };
    case 'run':
      noMore(tokens, 2, 'run [<duration>]');
      return { action, ns: tokens[1] === undefined ? null : duration(tokens[1], 'run') };
    case 'step':
    case 'seek': {
      noMore(tokens, 2, `${action} <duration>`);
      const t = tokens[1];
      if (action === 'step' && t === undefined) return { action, ns: DEFAULT_STEP_NS };
      if (action === 'seek' && t !== undefined && t.text === '0') return { action, ns: 0 };
      return { action, ns: duration(need(tokens, 1, 'duration', endColumn), action === 'step' ? 'step' : 'time') };
    }
    case 'speed': {
      noMore(tokens, 2, 'speed <simulated time per second>|max');
      const t = need(tokens, 1, 'speed', endColumn);
      if (t.text.toLowerCase() === 'max') return { action, nsPerSecond: 'max' };
      return { action, nsPerSecond: duration(t, 'speed') };
    }
    default:
      noMore(tokens, 1, action);
      return { action };
  }
}

/** One typed fault's text in the schedule grammar, without its time. */
export function formatVcpuFault(f: VcpuFault): string {
  if (f.kind === 'arrive') return `arrive ${f.vm}`;
  return formatSchedule([{ at: 0, command: f }], []).replace(/^\S+ /, '');
}

/** The canonical words after `vcpu`; parseVcpuArgs gives the same action back. */
export function formatVcpuAction(a: VcpuAction): string {
  switch (a.action) {
    case 'fault': return formatVcpuFault(a.fault);
    case 'profile': return `profile ${a.profile}`;
    case 'sched': return `sched ${a.sched}`;
    case 'side-by-side': return a.other === null ? 'side-by-side' : `side-by-side ${a.other}`;
    case 'preset': return `preset ${a.preset}`;
    case 'mitigate': return `mitigate ${a.mitigations.length === 0 ? 'none' : a.mitigations.join(',')}`;
    case 'break': return `break ${a.broken.length === 0 ? 'none' : a.broken.join(',')}`;
    case 'seed': return `seed ${a.seed}`;
    case 'run': return a.ns === null ? 'run' : `run ${formatDuration(a.ns)}`;
    case 'step': return `step ${formatDuration(a.ns)}`;
    case 'seek': return a.ns === 0 ? 'seek 0' : `seek ${formatDuration(a.ns)}`;
    case 'speed': return `speed ${a.nsPerSecond === 'max' ? 'max' : formatDuration(a.nsPerSecond)}`;
    default: return a.action;
  }
}

const SCENARIO_PRESETS = PRESET_NAMES.filter((p) => p.startsWith('HV-'));

/** The help lines before the examples (helpZhCN.ts translates them). */
export const VCPU_HELP: readonly string[] = [
  `profile ${PROFILES.join('|')}: where virtualization work runs (KVM on the host cores, the X-Dragon card, a BM-Hive board)`,
  `sched ${SCHEDS.join('|')}: the vCPU scheduler (Xen credit1, Linux CFS, EEVDF, one hyperthread per vCPU); bare metal has none`,
  `side-by-side [${PROFILES.join('|')}]: a second profile on the same VMs and seed in two columns, one clock (default: the next one); single goes back`,
  `preset default|dragonfly|${SCENARIO_PRESETS[0]}..${SCENARIO_PRESETS[SCENARIO_PRESETS.length - 1]}: the default host, the Dragonfly settings (offload, pinned;`,
  '  its 10 us P99 and ~3 % overhead targets are the project\'s, not Alibaba\'s), or a scenario\'s host, VMs, seed and faults',
  `mitigate none|<name>[,<name>...]: lock-holder preemption mitigations (${VCPU_MITIGATION_NAMES.join(', ')})`,
  `break none|<option>[,<option>...]: kernel options broken on purpose (${VCPU_BROKEN_NAMES.join(', ')}),`,
  '  the must-fail twins of the checked properties S1-S8; a badge says so',
  'seed <n>. Each of these, and reset, starts a new run at 0 ms.',
  'run [<dur>] (play on, or run dur more), pause, step [1ms], seek <time>, speed <sim time per second>|max',
  'status: verdict, P99 wake-up latency, steal, overhead, migrations   hash: the kernel state hash',
  'Faults use the fault-schedule grammar, applied now and stamped with the simulated time:',
  ...COMMAND_HELP.map((line) => `  ${line}`),
];

const VCPU_SPEC: CommandSpec = {
  ...commandStub('vcpu'),
  syntax: 'vcpu [open|close|run|pause|reset|status|single|hash] | vcpu profile|sched|side-by-side|preset|mitigate|break|seed|step|seek|speed <value> | vcpu <fault>',
  help: [
    ...VCPU_HELP,
    'Examples:', '  vcpu side-by-side offload', '  vcpu sched eevdf', '  vcpu preset HV-4', '  vcpu mitigate ple,pv-spinlock',
    '  vcpu arrive noisy', '  vcpu storm p2 20ms', '  vcpu offline p3', '  vcpu upgrade', '  vcpu break cap-ignored', '  vcpu status',
  ],
  args: [
    { name: 'action', optional: true, completer: () => VCPU_WORDS },
    {
      name: 'value',
      optional: true,
      completer: (previous) => {
        switch (previous[0]?.toLowerCase()) {
          case 'profile': case 'side-by-side': return PROFILES;
          case 'sched': return SCHEDS;
          case 'preset': return PRESET_NAMES;
          case 'mitigate': return VCPU_MITIGATE_WORDS;
          case 'break': return VCPU_BREAK_WORDS;
          case 'speed': return ['max'];
          case 'arrive': return ['noisy'];
          case 'storm': case 'offline': case 'online': return VCPU_PCPU_WORDS;
          default: return [];
        }
      },
    },
  ],
};

export const vcpuGrammar: KernelGrammar = {
  word: 'vcpu',
  spec: VCPU_SPEC,
  parse(tokens, endColumn) {
    const result = parseVcpuArgs(tokens, endColumn);
    return result.ok ? { ok: true, command: { name: 'vcpu', ...result.action } } : result;
  },
  format: (command: Command) => (command.name === 'vcpu' ? `vcpu ${formatVcpuAction(command)}` : command.name),
  localHelp: { 'zh-CN': async () => (await import('./helpZhCN')).vcpuHelpZhCN },
};
