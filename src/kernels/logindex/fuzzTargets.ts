// The LogIndex kernel's fuzz entry point: its fault schedules (the CLI's --faults). An accepted
// schedule must read back from its canonical text, command for command.
import { TRICKY_NUMBERS } from '../../fuzz/mutate';
import { sameValue } from '../../fuzz/same';
import type { FuzzRng, FuzzTarget, FuzzVerdict } from '../../fuzz/types';
import { formatSchedule, parseSchedule, ScheduleError } from './schedule';

const SCHEDULES = [
  '500ms crash ro2; 1200ms restart ro2; 1800ms crash rw; 2000ms promote ro1',
  '300ms partition ro2; 500ms heal; 700ms loss ro3 20%; 900ms heal ro3; 1s delay ro1 3ms; 1300ms heal',
  '200ms slow-storage 20x; 600ms slow-storage 1x; 800ms starve ro3 30x; 1400ms starve ro3 1x',
  '# a comment\n1s crash ro1\n1.5s restart ro1; 2s loss ro15 0.3%',
];
const WORDS = ['crash', 'restart', 'promote', 'slow-storage', 'starve', 'delay', 'loss', 'partition', 'heal'];
const NODES = ['rw', 'ro1', 'ro3', 'ro15', 'ro16', 'ro0', 'ro01', 'r1'];
const DURATIONS = ['0ns', '5ms', '1.5ms', '250us', '3600s', '3601s', '2s', '2.5s', '99999999999999999999s', '-1ms'];

function generate(rng: FuzzRng): string {
  const parts: string[] = [];
  for (let i = 0, n = 1 + rng.int(5); i < n; i++) {
    const args = [rng.pick(DURATIONS), rng.pick(WORDS)];
    for (let k = 0, m = rng.int(3); k < m; k++) {
      args.push(rng.pick([() => rng.pick(NODES), () => rng.pick(DURATIONS), () => `${rng.pick(TRICKY_NUMBERS)}${rng.pick(['%', 'x', ''])}`])());
    }
    parts.push(args.join(' '));
  }
  return parts.join(rng.chance(0.5) ? '; ' : '\n');
}

function run(input: string): FuzzVerdict {
  let parsed;
  try {
    parsed = parseSchedule(input);
  } catch (error) {
    if (error instanceof ScheduleError) return { accepted: false, message: error.message };
    throw error;
  }
  const canonical = formatSchedule(parsed);
  let again;
  try {
    again = parseSchedule(canonical);
  } catch (error) {
    return { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which is refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  return sameValue(again, parsed) ? { accepted: true } : { accepted: true, problem: `formatted as ${JSON.stringify(canonical)}, which reads back differently` };
}

export const fuzzTargets: readonly FuzzTarget[] = [
  { name: 'fault schedule (logindex)', seeds: () => SCHEDULES, words: [...WORDS, ...NODES, ...DURATIONS], generate, run },
];
