// The paper's sweep in the browser: which workloads, policies and seeds; a pool of workers
// with progress and cancel; the summaries (median and IQR over seeds) for Fig. 9a and Fig. 7;
// CSV in the artifact's analysis_allo_discrete.csv layout. Loaded behind import().
import { SweepCancelled, SweepPool } from '../../kernels/sweep/pool';
import type { SweepJob, SweepTrace } from '../../kernels/sweep/api';
import { summarise, type SweepSummary } from '../../kernels/gpupool/aggregate';
import { allocCsvHeader, allocCsvRow, type RunResult } from '../../kernels/gpupool/runResult';
import { SYNTHETIC_LABEL } from '../../kernels/gpupool/synthetic';
import type { Policy, RunConfig } from '../../kernels/gpupool/types';
import { csvKind, type NamedText } from './csvFiles';
import { t, type Translate } from './messages';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface PodFileChoice {
  trace: SweepTrace;
  selected: boolean;
}

/** The artifact's experiments use seeds 42..51; a sweep of `count` seeds starts there too. */
export const FIRST_SWEEP_SEED = 42;

export function sweepSeeds(count: number): number[] {
  return Array.from({ length: count }, (_, i) => FIRST_SWEEP_SEED + i);
}

/** Every (workload, policy, seed) job, workloads outermost so the charts fill in order. */
export function sweepJobs(workloads: (string | null)[], policies: Policy[], seeds: number[], base: Pick<RunConfig, 'rng' | 'tune'>): SweepJob[] {
  const jobs: SweepJob[] = [];
  for (const pods of workloads) for (const policy of policies) for (const seed of seeds) jobs.push({ pods, config: { ...base, policy, seed } });
  return jobs;
}

export function sweepCsv(results: RunResult[]): string {
  return [allocCsvHeader(), ...results.map(allocCsvRow)].join('\n') + '\n';
}

export class SweepState {
  useSynthetic = $state(true);
  nodes = $state.raw<SweepTrace | null>(null);
  podFiles = $state.raw<PodFileChoice[]>([]);
  policies = $state.raw<Policy[]>(['FGD', 'BestFit']);
  seeds = $state(3);
  status = $state<SweepStatus>('idle');
  done = $state(0);
  total = $state(0);
  results = $state.raw<RunResult[]>([]);
  summaries = $state.raw<SweepSummary[]>([]);
  message = $state<string | null>(null);
  private pool: SweepPool | null = null;

  /** Sorts picked files into the node list and pod lists; returns what was wrong, if anything. */
  addFiles(files: NamedText[]): string[] {
    const problems: string[] = [];
    let pods = [...this.podFiles];
    for (const f of files) {
      const kind = csvKind(f.text);
      if (kind === 'nodes') this.nodes = { name: f.name, text: f.text };
      else if (kind === 'pods') pods = [...pods.filter((p) => p.trace.name !== f.name), { trace: { name: f.name, text: f.text }, selected: true }];
      else problems.push(`${f.name}:1:1: ${kind.problem}`);
    }
    this.podFiles = pods;
    return problems;
  }

  togglePodFile(name: string, selected: boolean): void {
    this.podFiles = this.podFiles.map((p) => (p.trace.name === name ? { ...p, selected } : p));
  }

  /** The workloads to run: null for the synthetic one, else a pod file name. */
  workloads(): (string | null)[] {
    const out: (string | null)[] = this.useSynthetic ? [null] : [];
    if (this.nodes !== null) for (const p of this.podFiles) if (p.selected) out.push(p.trace.name);
    return out;
  }

  /** Labels the results will carry (the sweep worker names trace workloads by pod file). */
  workloadLabels(): string[] {
    return this.workloads().map((w) => (w === null ? SYNTHETIC_LABEL : w.replace(/\.csv$/i, '')));
  }

  /** Why the current choice cannot run, or null; the terminal asks for it in English. */
  problem(tr: Translate = t): string | null {
    if (this.workloads().length === 0) {
      if (this.podFiles.some((p) => p.selected) && this.nodes === null) return tr('sweep.needNodeList', { header: 'sn,cpu_milli,…' });
      return tr('sweep.chooseWorkload');
    }
    if (this.policies.length === 0) return tr('sweep.choosePolicy');
    return null;
  }

  get running(): boolean {
    return this.status === 'running';
  }

  async run(policies: Policy[], seeds: number, base: Pick<RunConfig, 'rng' | 'tune'>): Promise<RunResult[] | null> {
    if (this.running) throw new Error(t('sweep.alreadyRunning'));
    this.policies = policies;
    this.seeds = seeds;
    const problem = this.problem();
    if (problem !== null) throw new Error(problem);
    const jobs = sweepJobs(this.workloads(), policies, sweepSeeds(seeds), base);
    const pods = this.podFiles.filter((p) => p.selected).map((p) => p.trace);
    const pool = new SweepPool();
    this.pool = pool;
    this.status = 'running';
    this.done = 0;
    this.total = jobs.length;
    this.results = [];
    this.summaries = [];
    this.message = null;
    try {
      const results = await pool.run(this.nodes, pods, jobs, (p) => {
        this.done = p.done;
      });
      this.results = results;
      this.summaries = summarise(results);
      this.status = 'done';
      return results;
    } catch (error) {
      if (error instanceof SweepCancelled) {
        this.status = 'cancelled';
        return null;
      }
      this.status = 'failed';
      this.message = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      if (this.pool === pool) this.pool = null;
    }
  }

  cancel(): boolean {
    if (this.pool === null) return false;
    this.pool.cancel();
    return true;
  }

  csv(): string {
    return sweepCsv(this.results);
  }
}
