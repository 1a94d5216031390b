// What `hlab lab` runs (loaded on demand by lab.ts): `verify` proves every lab solvable with
// checks that can fail; `try` runs commands the way a lab would, to compute numbers for prose.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags, UsageError, wholeFlag } from '../args';
import { FLAGS } from './labFlags';
import { loadKernelModule } from '../runtime';
import type { HeadlessLabEnv, HeadlessLabFactory, TraceLocator } from '../../labs/labKernel';
import type { LabSimulation } from '../../labs/simulation';
import { verifyLabText, type VerifyReport } from '../../labs/verify';
import { readTextFile } from '../files';
import { parseCommand } from '../../commands/parse';
import type { LabKernel } from '../../labs/lab';
import { KERNEL_IDS, KERNELS, labKernel } from '../../kernels/registry';

/** The openb traces: --openb, else $HLAB_OPENB_DIR, else ../shared/data/openb when it is there. */
function openbDir(flag: string | true | undefined): string | undefined {
  if (typeof flag === 'string') return flag;
  const candidate = process.env.HLAB_OPENB_DIR ?? join(process.cwd(), '..', 'shared', 'data', 'openb');
  return existsSync(join(candidate, 'openb_node_list_gpu_node.csv')) ? candidate : undefined;
}

function traceLocator(dir: string | undefined): TraceLocator {
  if (!dir) return () => null;
  return (name) => {
    const nodes = join(dir, 'openb_node_list_gpu_node.csv');
    const pods = join(dir, `openb_pod_list_${name}.csv`);
    if (!existsSync(nodes) || !existsSync(pods)) return null;
    return {
      nodes: { name: 'openb_node_list_gpu_node.csv', text: readFileSync(nodes, 'utf8') },
      pods: { name: `openb_pod_list_${name}.csv`, text: readFileSync(pods, 'utf8') },
    };
  };
}

/** Every kernel's headless lab simulation, each kernel's .wasm read only when a lab needs it. */
async function headlessFactories(locateTrace: TraceLocator): Promise<(kernel: LabKernel) => LabSimulation> {
  const modules = new Map<string, WebAssembly.Module>();
  const env: HeadlessLabEnv = {
    module: (kernel) => modules.get(kernel) ?? modules.set(kernel, loadKernelModule(kernel)).get(kernel)!,
    locateTrace,
  };
  const factories = new Map<string, HeadlessLabFactory>(await Promise.all(KERNELS.map(async (k) => [k.id, await k.lab.loadHeadless()] as const)));
  return (kernel) => factories.get(kernel)!(env);
}

/** Learner seeds draw a lab's $variables; a double holds every whole number up to this. */
const MAX_LEARNER_SEED = Number.MAX_SAFE_INTEGER;
/** Each learner seed verifies the whole lab again. */
const MAX_LEARNERS = 100;

/** Splits "--flag value" options from positional words (file names, commands). */
function split(argv: string[]): { flags: string[]; words: string[] } {
  const flags: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      flags.push(argv[i]);
      const spec = FLAGS.find((f) => f.name === argv[i].slice(2));
      if (spec?.takesValue && !argv[i].includes('=') && i + 1 < argv.length) flags.push(argv[++i]);
    } else words.push(argv[i]);
  }
  return { flags, words };
}

async function verify(argv: string[]): Promise<number> {
  const { flags: rawFlags, words } = split(argv);
  const flags = parseFlags(rawFlags, FLAGS);
  const files = words.length > 0 ? words : defaultLabs();
  if (files.length === 0) throw new UsageError('no labs given and none found in labs/*.md');
  const learner = flags.get('learner');
  const learnerSeeds = typeof learner === 'string' ? learner.split(',').map((s) => wholeFlag('learner', s, 0, MAX_LEARNER_SEED)) : undefined;
  if (learnerSeeds !== undefined && learnerSeeds.length > MAX_LEARNERS) throw new UsageError(`--learner: at most ${MAX_LEARNERS} learner seeds, found ${learnerSeeds.length}`);
  const dir = openbDir(flags.get('openb'));
  console.log(dir ? `openb traces: ${dir}` : 'openb traces: not found; labs on a named trace use the synthetic fallback');
  const newSimulation = await headlessFactories(traceLocator(dir));
  let failed = 0;
  let checks = 0;
  for (const file of files) {
    // One bad file is reported by name and the rest are still verified.
    const report = await verifyOneFile(file, newSimulation, learnerSeeds);
    console.log(`${report.ok ? 'ok  ' : 'FAIL'} ${file}${report.labId ? ` (${report.labId})` : ''}`);
    for (const e of report.errors) console.log(`  error ${e}`);
    for (const n of report.notes) console.log(`  note: ${n}`);
    for (const line of report.lines) console.log(`  ${line.ok ? 'ok  ' : 'FAIL'} ${line.what}: ${line.message}`);
    checks += report.lines.length;
    if (!report.ok) failed++;
  }
  console.log(`${files.length - failed} of ${files.length} labs verified (${checks} checks)${failed ? `; ${failed} with problems` : ''}`);
  return failed > 0 ? 1 : 0;
}

/** Verifies one lab file; a file that cannot be read, or a failure inside, is a failed report. */
async function verifyOneFile(file: string, newSimulation: (kernel: LabKernel) => LabSimulation, learnerSeeds: number[] | undefined): Promise<VerifyReport> {
  const failed = (error: string): VerifyReport => ({ file, labId: null, ok: false, errors: [error], lines: [], notes: [] });
  const text = readTextFile(file);
  if (!text.ok) return failed(text.reason);
  try {
    return await verifyLabText(file, text.text, newSimulation, { learnerSeeds });
  } catch (error) {
    return failed(`${file}: verifying stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function defaultLabs(): string[] {
  if (!existsSync('labs')) return [];
  return readdirSync('labs').filter((f) => f.endsWith('.md') && f !== 'README.md').sort().map((f) => join('labs', f));
}

async function tryCommands(argv: string[]): Promise<number> {
  const { flags: rawFlags, words } = split(argv);
  const flags = parseFlags(rawFlags, FLAGS);
  const pick = <T extends string>(name: string, choices: readonly T[], fallback: T): T => {
    const v = flags.get(name);
    if (typeof v !== 'string') return fallback;
    const found = choices.find((c) => c.toLowerCase() === v.toLowerCase());
    if (!found) throw new UsageError(`--${name}: unknown value "${v}" (one of ${choices.join(', ')})`);
    return found;
  };
  const kernel = pick('kernel', KERNEL_IDS, KERNEL_IDS[0]);
  const run = labKernel(kernel).tryRun;
  const seedText = flags.get('seed');
  const seed = typeof seedText === 'string' ? wholeFlag('seed', seedText, 0, 2 ** 53) : run.seed;
  const sim = (await headlessFactories(traceLocator(openbDir(flags.get('openb')))))(kernel);
  // The kernel's own flags (its lab definition's tryRun.flags) set keys of its starting
  // scenario; a flag of another kernel is refused, not silently dropped.
  const own = new Set(run.flags.map((f) => f.key));
  for (const other of KERNELS.flatMap((k) => k.lab.tryRun.flags.map((f) => f.key))) {
    if (!own.has(other) && flags.has(other)) throw new UsageError(`--${other}: not a flag of kernel ${kernel} (its flags: ${[...own].map((k) => `--${k}`).join(', ') || 'none'})`);
  }
  let scenario: object = run.scenario;
  for (const { key, choices } of run.flags) scenario = { ...scenario, [key]: pick(key, choices, String((run.scenario as Record<string, unknown>)[key])) };
  await sim.setUp(scenario as Parameters<LabSimulation['setUp']>[0], seed, kernel);
  let status = 0;
  for (const text of words.flatMap((w) => w.split(';'))) {
    if (text.trim() === '') continue;
    const parsed = parseCommand(text.trim());
    console.log(`> ${text.trim()}`);
    if (!parsed.ok) {
      console.log(`  ${parsed.error}`);
      status = 1;
      continue;
    }
    const result = await sim.execute(parsed.command);
    for (const line of result.lines) console.log(`  ${line}`);
    if (!result.ok) status = 1;
  }
  return status;
}

/** `hlab lab verify|try ...`. */
export async function runLab(argv: string[]): Promise<number | void> {
  const [sub, ...rest] = argv;
  if (sub === 'verify') return verify(rest);
  if (sub === 'try') return tryCommands(rest);
  throw new UsageError(`lab: expected "verify" or "try"${sub ? `, found "${sub}"` : ''}`);
}
