// The vCPU kernel's fuzz entry points: its fault schedules (the CLI's --faults) and its
// scenario files (--scenario FILE). An accepted schedule must read back from its canonical
// text; a scenario file is accepted or refused with a sentence, never an exception.
import { TRICKY_NUMBERS } from '../../fuzz/mutate';
import { sameValue } from '../../fuzz/same';
import type { FuzzRng, FuzzTarget, FuzzVerdict } from '../../fuzz/types';
import { readScenarioFile, ScenarioFileError } from './scenarioFile';
import { formatSchedule, parseSchedule, ScheduleError } from './schedule';

const VMS = ['web', 'db', 'batch', 'noisy'];
const PCPUS = 8;
const SCHEDULES = [
  '300ms arrive noisy; 500ms storm p2 50ms; 700ms offline p3; 800ms online p3; 900ms upgrade',
  '# a comment\n1s storm p0 1ms\n1.5s upgrade; 2s offline p7',
];
const WORDS = ['arrive', 'storm', 'offline', 'online', 'upgrade', ...VMS, 'p0', 'p7', 'p8', 'p01', 'ghost'];
const DURATIONS = ['0ns', '5ms', '1.5ms', '250us', '3600s', '3601s', '60s', '61s', '99999999999999999999s', '-1ms'];

function generate(rng: FuzzRng): string {
  const parts: string[] = [];
  for (let i = 0, n = 1 + rng.int(5); i < n; i++) {
    const args = [rng.pick(DURATIONS), rng.pick(WORDS.slice(0, 5))];
    for (let k = 0, m = rng.int(3); k < m; k++) args.push(rng.pick([() => rng.pick(WORDS), () => rng.pick(DURATIONS), () => String(rng.pick(TRICKY_NUMBERS))])());
    parts.push(args.join(' '));
  }
  return parts.join(rng.chance(0.5) ? '; ' : '\n');
}

function runSchedule(input: string): FuzzVerdict {
  let parsed;
  try {
    parsed = parseSchedule(input, 'faults', VMS, PCPUS);
  } catch (error) {
    if (error instanceof ScheduleError) return { accepted: false, message: error.message };
    throw error;
  }
  const canonical = formatSchedule(parsed, VMS);
  let again;
  try {
    again = parseSchedule(canonical, 'faults', VMS, PCPUS);
  } catch (error) {
    return { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which is refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  return sameValue(again, parsed) ? { accepted: true } : { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which reads back differently` };
}

const FILES = [
  '{"host":{"sockets":1,"coresPerSocket":1,"smt":1},"vms":[{"name":"a","vcpus":1,"weight":512,"workload":"cpu"},{"name":"b","vcpus":1,"weight":256,"workload":"cpu"}],"sched":"credit","profile":"kvm","duration":"3s"}',
  '{"host":{"sockets":2,"coresPerSocket":4,"smt":2},"vms":[{"name":"web","vcpus":4,"workload":"latency","period":"1ms","run":"100us"},{"name":"x","vcpus":2,"workload":"spin","pin":3,"cap":50,"dormant":true}],"mitigations":["ple"],"linux":"6.15","seed":4,"faults":"1ms upgrade"}',
];

function runFile(input: string): FuzzVerdict {
  try {
    readScenarioFile(input);
    return { accepted: true };
  } catch (error) {
    if (error instanceof ScenarioFileError) return { accepted: false, message: error.message };
    throw error;
  }
}

export const fuzzTargets: readonly FuzzTarget[] = [
  { name: 'vcpu fault schedule', seeds: () => SCHEDULES, words: WORDS, generate, run: runSchedule },
  { name: 'vcpu scenario file', seeds: () => FILES, words: ['"vms"', '"host"', '"pin"', '"cap"', '"period"', '-1', '1e309', 'null', '[]', '{}'], run: runFile },
];
