// The lab engine's fuzz entry points: a whole lab file (front matter, steps, command blocks,
// checks) and the check language on its own, compiled and evaluated against a stand-in run.
import { parseLab } from './labFile';
import { compileExpr, evaluateCondition } from './expr/compile';
import type { EvalSource } from './expr/evaluate';
import { metricNames, metricType } from './expr/vocabulary';
import type { Lab } from './lab';
import type { FuzzTarget, FuzzVerdict } from '../fuzz/types';
import '../kernels/registry';

const SHIPPED = import.meta.glob<string>(['../../labs/*.md', '!../../labs/README.md'], { query: '?raw', import: 'default', eager: true });

/** The English labs as shipped (the translations share their structure). */
const LAB_TEXTS = Object.keys(SHIPPED).filter((p) => !/\.[a-z]{2}-[A-Z]{2}\.md$/.test(p)).sort().map((p) => SHIPPED[p]);

function parsedLabs(): Lab[] {
  return LAB_TEXTS.flatMap((text, i) => {
    const r = parseLab(`lab${i}.md`, text);
    return r.ok ? [r.lab] : [];
  });
}

function labVerdict(text: string): FuzzVerdict {
  const r = parseLab('fuzz.md', text);
  if (r.ok) return { accepted: true };
  if (r.errors.length === 0) return { accepted: false, message: '' };
  return { accepted: false, message: r.errors.map((e) => e.message).join('; ') };
}

/** Leaves for evaluation: each metric a value of its type, counts and node facts small numbers. */
function standInSource(kernel: string): EvalSource {
  return {
    metric: async (name) => (metricType(name, kernel) === 'string' ? 'FGD' : metricType(name, kernel) === 'bool' ? true : 3),
    count: async () => 1,
    variable: (name) => (name === 'node' ? 12 : 0),
    nodeFact: async (_fact, node) => node,
  };
}

/** A check is compiled for the GPU pool or raft (by a leading "raft:" tag) and, when it compiles, evaluated. */
async function checkVerdict(input: string): Promise<FuzzVerdict> {
  const kernel = input.startsWith('raft:') ? 'raft' : 'gpupool';
  const text = kernel === 'raft' ? input.slice('raft:'.length) : input;
  const result = compileExpr({ text, line: 1, column: 1 }, { variables: { node: 'number' }, kernel }, 'bool', 'a check');
  if (!result.ok) return { accepted: false, message: `line ${result.error.line}, column ${result.error.column}: ${result.error.message}` };
  // Evaluation must give a pass or a failure with a sentence, never throw.
  const outcome = await evaluateCondition(result.compiled, standInSource(kernel));
  return outcome.pass || outcome.message.trim() !== '' ? { accepted: true } : { accepted: true, problem: 'evaluated false without saying why' };
}

export const fuzzTargets: FuzzTarget[] = [
  {
    name: 'lab file',
    seeds: () => LAB_TEXTS,
    // About 8 ms per lab: a tenth of the inputs keeps the short run short.
    share: 0.1,
    words: ['---', '## Step:', '```check', '```hlab', '```', '```predict', '```not-yet', 'kernel: raft', 'seed: 99999999999999999999', 'choice:', '$node', '\n'],
    run: labVerdict,
  },
  {
    name: 'check expression',
    seeds: () => parsedLabs().flatMap((lab) => lab.steps.map((s) => (lab.kernel === 'raft' ? `raft:${s.check.source.text}` : s.check.source.text))),
    words: ['(', ')', '-', 'not', 'and', 'or', '==', '<=', 'count(', 'nodeFragment(', '$node', '"FGD"', ...metricNames('gpupool'), ...metricNames('raft')],
    run: checkVerdict,
  },
];
