// The command language as a fuzz entry point: every line a person types, a lab clicks or a
// link replays goes through parseCommand. An accepted line's canonical text must read back
// as the same command (parse(format(x)) == x), and formatting it again changes nothing.
import { formatCommand, parseCommand, type ParseContext } from './parse';
import { COMMAND_NAMES, findCommandSpec } from './registry';
import { TRICKY_NUMBERS } from '../fuzz/mutate';
import { sameValue } from '../fuzz/same';
import type { FuzzRng, FuzzTarget, FuzzVerdict } from '../fuzz/types';
// Lines of every kernel read as the lab engine reads them: the registry installs each grammar.
import '../kernels/registry';

/** parseCommand's verdict on one line, with the round trip of what it accepts. */
export function commandLineVerdict(line: string, context: ParseContext = {}): FuzzVerdict {
  const parsed = parseCommand(line, context);
  if (!parsed.ok) return { accepted: false, message: parsed.error };
  const text = formatCommand(parsed.command);
  const again = parseCommand(text);
  if (!again.ok) return { accepted: true, problem: `formatted as ${JSON.stringify(text)}, which is refused: ${again.error}` };
  if (!sameValue(again.command, parsed.command)) return { accepted: true, problem: `formatted as ${JSON.stringify(text)}, which reads back as ${JSON.stringify(again.command)}` };
  if (formatCommand(again.command) !== text) return { accepted: true, problem: `${JSON.stringify(text)} formats as ${JSON.stringify(formatCommand(again.command))}` };
  return { accepted: true };
}

/** Lines of the README's command table and the GPU-pool labs. */
const GPUPOOL_LINES = [
  'load synthetic', 'load synthetic 4', 'load file', 'load url https://example.org/n.csv https://example.org/p.csv', 'policy FGD',
  'seed 42', 'rng go', 'run', 'pause', 'step 10', 'speed 500', 'speed max', 'seek 5000', 'seek -100', 'seek end', 'seek +3',
  'node 17', 'node "gpu-node-7"', 'query fragRatio', 'why', 'fail node 17', 'fail gpu 17 3', 'policy ACK',
  'ack weights 0.25 0.2 0.15 0.15 0.1', 'ack numa off', 'ack batch 16', 'ab FGD BestFit', 'ab off', 'sweep FGD,BestFit 10',
  'view 3d on', 'view renderer webgpu', 'stats', 'lab list', 'lab open 01-fragmentation', 'presenter on', 'share', 'help',
  'help policy', 'time-aware on', 'gpupool step 50', 'debug hash', 'history', 'clear', 'reset',
];

/** A grammar-aware line: a command word and arguments from its completers or odd numbers. */
function generateLine(rng: FuzzRng): string {
  const name = rng.pick(COMMAND_NAMES);
  const spec = findCommandSpec(name);
  const words: string[] = [name];
  const count = rng.int(5);
  for (let i = 0; i < count; i++) {
    const choices = spec?.args[i]?.completer?.(words.slice(1)) ?? [];
    words.push(choices.length > 0 && rng.chance(0.7) ? rng.pick(choices) : rng.pick(TRICKY_NUMBERS));
  }
  return words.join(' ');
}

export const fuzzTargets: FuzzTarget[] = [{
  name: 'command line',
  seeds: () => GPUPOOL_LINES,
  words: [...COMMAND_NAMES, 'on', 'off', 'max', 'start', 'end', 'weights', 'FGD', 'BestFit', 'gpupool', 'raft', 'logindex'],
  generate: generateLine,
  run: (line) => commandLineVerdict(line),
}];
