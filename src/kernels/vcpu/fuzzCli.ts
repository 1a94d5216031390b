// `hlab vcpu --fuzz N`: one line per shrunk failure, then the summary; exit 3 on any failure.
import { UsageError, wholeFlag, type ParsedFlags } from '../../cli/args';
import { loadKernelModule } from '../../cli/runtime';
import { closestMatch } from '../../commands/editDistance';
import { fuzz } from './fuzz';
import { BROKEN_OPTIONS, type BrokenOption } from './protocol';

const FUZZ_FLAGS = ['fuzz', 'seed', 'broken', 'json'];

function brokenList(text: string): BrokenOption[] {
  const names = Object.keys(BROKEN_OPTIONS);
  return text.split(',').map((name) => {
    if (!Object.hasOwn(BROKEN_OPTIONS, name)) {
      const near = closestMatch(name, names);
      throw new UsageError(`--broken: unknown value "${name}"${near ? `; did you mean ${near}?` : ''} (one of ${names.join(', ')})`);
    }
    return name as BrokenOption;
  });
}

export function fuzzCommand(flags: ParsedFlags, value: (name: string) => string | undefined): number {
  const extra = [...flags.keys()].filter((f) => !FUZZ_FLAGS.includes(f));
  if (extra.length) throw new UsageError(`--fuzz draws each case's scheduler, profile, duration and faults itself: drop --${extra.join(', --')}`);
  const count = wholeFlag('fuzz', value('fuzz')!, 1, 100_000);
  const fuzzSeed = value('seed') ? wholeFlag('seed', value('seed')!, 0, 2 ** 32 - 1) : 1;
  const broken = value('broken') ? brokenList(value('broken')!) : [];
  const json = flags.has('json');
  const started = performance.now();
  const summary = fuzz(loadKernelModule('vcpu'), {
    count, fuzzSeed, broken,
    onFinding: (f) => console.log(json ? JSON.stringify({ failure: f.failure, index: f.original.index, command: f.command })
      : `# case ${f.original.index}: ${f.failure}\n${f.command}`),
  });
  const wall = (performance.now() - started) / 1000;
  if (json) console.log(JSON.stringify({ runs: summary.cases, passed: summary.passed, failed: summary.findings.length, wallSeconds: Number(wall.toFixed(1)) }));
  else console.log(`# ${summary.cases} runs in ${wall.toFixed(1)} s (fuzz seed ${fuzzSeed}): ${summary.passed} passed, ${summary.findings.length} failed`);
  return summary.findings.length ? 3 : 0;
}
