// The `hlab lab` flags and usage, apart from the command itself: `hlab --help` and every other
// command print them without loading the lab machinery (the lab engine, the headless kernels).
// Each kernel's `try` flags, seed and usage line come from its lab definition.
import { flagHelp, type FlagSpec } from '../args';
import { KERNELS } from '../../kernels/registry';

const [DEFAULT_KERNEL] = KERNELS;

const kernelHelp = KERNELS.map((k, i) => [k.id, i === 0 ? '(default)' : '', k.lab.tryRun.note].filter((s) => s !== '').join(' ')).join(' or ');

/** The try flags of every kernel, each name once (two kernels may share one). */
const kernelFlags: FlagSpec[] = [...new Map(KERNELS.flatMap((k) => k.lab.tryRun.flags)
  .map((f) => [f.key, { name: f.key, takesValue: true, help: f.help }] as const)).values()];

/** The flags every kernel's `try` and `verify` read; a kernel's own flags may not reuse them. */
export const GENERIC_FLAGS: FlagSpec[] = [
  { name: 'openb', takesValue: true, help: 'directory with the openb CSVs; labs on a named trace use it (default: synthetic fallback)' },
  { name: 'learner', takesValue: true, help: 'verify: learner seed(s) for $variables, e.g. 1,2,3 (default 1, or 1,2 with variables)' },
  { name: 'seed', takesValue: true, help: `try: run seed (default ${DEFAULT_KERNEL.lab.tryRun.seed})` },
  { name: 'kernel', takesValue: true, help: `try: ${kernelHelp}` },
];

export const FLAGS: FlagSpec[] = [...GENERIC_FLAGS, ...kernelFlags];

const tryLines = KERNELS.map((k, i) => i === 0
  ? `  hlab lab try ${k.lab.tryRun.usage}   run commands headless, print results`
  : `  hlab lab try --kernel ${k.id} ${k.lab.tryRun.usage}`);

export const USAGE = `  hlab lab verify [lab.md ...]      every lab in labs/ when no file is given
${tryLines.join('\n')}

lab options:
${flagHelp(FLAGS)}`;
