// The vCPU worker's API, declared once: the worker implements `VcpuWorkerApi`, the main
// thread's client holds a comlink `Remote` of it. Everything the tab draws arrives in one
// `VcpuFrame`, at most once per animation frame.
import type { VcpuSummary } from './kernel';
import type { RunReport } from './report';
import type { SimNs, StampedVcpuCommand, VcpuCommand, VcpuConfig } from './types';

/** The seed a run takes when none is given (the CLI's default too). */
export const DEFAULT_SEED = 1;

export type PcpuPhaseName = 'idle' | 'entry' | 'guest' | 'exit' | 'poll' | 'host' | 'offline';
export type VcpuStateName = 'offline' | 'blocked' | 'runnable' | 'running';

/** One hardware thread of the host as the NUMA view and the run-queue lane draw it. */
export interface PcpuView {
  id: number;
  socket: number;
  core: number;
  /** SMT sibling index within the core (0 or 1). */
  thread: number;
  online: boolean;
  phase: PcpuPhaseName;
  /** The vCPU it runs (guest, entry, exit, poll), or -1. */
  vcpu: number;
  /** An interrupt storm on this pCPU until then (0 none). */
  stormUntilNs: SimNs;
  /**
   * The vCPUs waiting on this pCPU's run queue (credit2: on the run queue this pCPU belongs
   * to), in the order the scheduler would pick them next, head first.
   */
  queue: number[];
}

/** One vCPU: its state, its accounts and its scheduler's fields. */
export interface VcpuView {
  id: number;
  vm: number;
  /** Index within its VM (vm name + "/" + index names it). */
  index: number;
  state: VcpuStateName;
  /** The pCPU it runs on or waits for, -1 none. */
  pcpu: number;
  /** Spinning on a guest lock (its time counts as running). */
  spinning: boolean;
  /** Holds its VM's guest lock. */
  holdsLock: boolean;
  runNs: SimNs;
  waitNs: SimNs;
  blockNs: SimNs;
  /** Guest-visible steal, what the guest's /proc/stat shows (S2 holds it equal to waitNs). */
  stealNs: SimNs;
  migrations: number;
  /** credit1: 'boost' | 'under' | 'over' | 'parked'; credit2: 'credit'; cfs/eevdf: 'fair'; pin: 'pinned'. */
  prio: 'boost' | 'under' | 'over' | 'parked' | 'credit' | 'fair' | 'pinned' | 'none';
  /** credit1 credits, or credit2 credit in ns; 0 for the others. */
  credit: number;
  /** CFS/EEVDF, ns of weighted service; 0 for the others. */
  vruntimeNs: number;
  /** EEVDF: lag (V − vruntime) × weight ÷ NICE_0_LOAD, ns; its virtual deadline; whether eligible. */
  lagNs: number;
  deadlineNs: number;
  eligible: boolean;
}

/**
 * pCPU phase changes since the previous frame, GANTT_STRIDE numbers each: start ns, end ns,
 * pcpu, phase code (index into PcpuPhaseName order above), vcpu (-1 none). A segment still
 * open at the frame's time ends at `now`, and the next frame starts where it left off.
 */
export const GANTT_STRIDE = 5;

/** A log-scale latency histogram: bucket upper bounds (ns) and counts, the empty tail left out. */
export interface LatencyHistogramView {
  upperNs: number[];
  counts: number[];
}

export interface VcpuFrame {
  nowNs: SimNs;
  /** The kernel's summary, as the headless lab runner reads it (the lab metrics are computed from it). */
  summary: VcpuSummary;
  /** The CLI's report of the run so far (`hlab vcpu --json` fields; durationS = now). */
  report: RunReport;
  pcpus: PcpuView[];
  vcpus: VcpuView[];
  gantt: Float64Array;
  /** Wake-up latency: every VM together, and each VM in config order. */
  latency: LatencyHistogramView;
  latencyPerVm: LatencyHistogramView[];
  /** Set when the frame does not continue the previous one (new run, seek, trap recovery, a gap). */
  reset: boolean;
}

export interface VcpuStatus {
  now: SimNs;
  /** The checker turned the verdict red: the run does not go on. */
  stopped: boolean;
}

export interface VcpuTrapReport {
  message: string;
  during: string;
  restoredNs: SimNs;
}

export interface VcpuWorkerApi {
  /** A new run at time 0; `schedule` holds commands stamped with future times (a scenario). */
  start(config: VcpuConfig, schedule?: StampedVcpuCommand[], seed?: number): Promise<VcpuStatus>;
  /** A run rebuilt from its description: start with `schedule`, apply each command at its time, seek to `toNs`. */
  replay(config: VcpuConfig, schedule: StampedVcpuCommand[], commands: StampedVcpuCommand[], toNs: SimNs, seed?: number): Promise<VcpuStatus>;
  /** Applies a fault now; a later future (commands beyond now) is dropped. Returns false when it does not apply. */
  apply(command: VcpuCommand): Promise<{ status: VcpuStatus; applied: boolean }>;
  /** Runs until `toNs` or about `budgetMs` of wall time, whichever is first; stops at a violation. */
  advance(toNs: SimNs, budgetMs: number): Promise<VcpuStatus>;
  /** Goes to any time, backwards too: one checkpoint restore plus re-execution. */
  seek(ns: SimNs): Promise<VcpuStatus>;
  frame(): Promise<VcpuFrame>;
  commandLog(): Promise<StampedVcpuCommand[]>;
  stateHash(): Promise<string>;
  memory(): Promise<{ kernelBytes: number; checkpointBytes: number; checkpoints: number }>;
  /** The last trap the session recovered from, if any (the client reports it). */
  lastTrap(): Promise<VcpuTrapReport | null>;
}
