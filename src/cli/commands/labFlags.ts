// The `hlab lab` flags and usage, apart from the command itself: `hlab --help` and every other
// command print them without loading the lab machinery (the YAML parser, both headless kernels).
import { flagHelp, type FlagSpec } from '../args';

export const FLAGS: FlagSpec[] = [
  { name: 'openb', takesValue: true, help: 'directory with the openb CSVs; labs on a named trace use it (default: synthetic fallback)' },
  { name: 'learner', takesValue: true, help: 'verify: learner seed(s) for $variables, e.g. 1,2,3 (default 1, or 1,2 with variables)' },
  { name: 'policy', takesValue: true, help: 'try: starting policy (default FGD)' },
  { name: 'seed', takesValue: true, help: 'try: run seed (default 42)' },
  { name: 'rng', takesValue: true, help: 'try: xoshiro (default) or go' },
  { name: 'kernel', takesValue: true, help: 'try: gpupool (default) or raft (then "raft ..." commands; starts in mode raft, iodepth 8, seed --seed or 1)' },
];

export const USAGE = `  hlab lab verify [lab.md ...]      every lab in labs/ when no file is given
  hlab lab try [--policy P --seed N --rng R] "<command>" ...   run commands headless, print results
  hlab lab try --kernel raft [--seed N] "raft iodepth 32" "raft step 300ms" "raft status"

lab options:
${flagHelp(FLAGS)}`;
