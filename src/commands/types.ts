// The one command language. A click, a key, a typed line, a lab script and a share link all
// become one of these objects and go through the same bus (see bus.ts).
import type { Policy, RngKind } from '../kernels/gpupool/types';
import type { RaftMode } from '../kernels/raft/protocol';
import type { DiskPreset, NetPreset, RaftCommand as RaftKernelCommand } from '../kernels/raft/types';
import type { BrokenName } from '../kernels/raft/brokenOptions';
import type { LogIndexAction } from '../kernels/logindex/action';
import type { VcpuAction } from '../kernels/vcpu/action';

/** Which renderer the 3D view asks three.js for ('auto': WebGPU where offered, else WebGL2). */
export type RendererChoice = 'auto' | 'webgl2' | 'webgpu';

export type SeekTarget =
  | { kind: 'absolute'; step: number }
  | { kind: 'relative'; delta: number }
  | { kind: 'end' };

export type Command =
  | { name: 'help'; topic: string | null }
  | { name: 'load'; source: 'synthetic'; scale?: number }
  | { name: 'load'; source: 'file' }
  | { name: 'load'; source: 'url'; nodesUrl: string; podsUrl: string }
  | { name: 'policy'; policy: Policy }
  | { name: 'seed'; seed: number }
  | { name: 'rng'; rng: RngKind }
  | { name: 'time-aware'; on: boolean }
  | { name: 'run' }
  | { name: 'pause' }
  | { name: 'step'; count: number }
  | { name: 'speed'; podsPerSecond: number | 'max' }
  | { name: 'seek'; target: SeekTarget }
  | { name: 'reset' }
  | { name: 'node'; node: number | string }
  | { name: 'fail'; target: 'node'; node: number }
  | { name: 'fail'; target: 'gpu'; node: number; gpu: number }
  | { name: 'ack'; setting: 'weights'; weights: number[] }
  | { name: 'ack'; setting: 'batch'; size: number }
  | { name: 'ack'; setting: 'rdma' | 'numa' | 'taints'; on: boolean }
  | { name: 'query'; metric: string }
  | { name: 'share' }
  | { name: 'clear' }
  | { name: 'history' }
  | { name: 'stats' }
  | { name: 'debug'; action: 'trap' | 'hash' }
  | { name: 'view'; action: 'renderer'; renderer: RendererChoice }
  | { name: 'view'; action: '3d'; on: boolean }
  | { name: 'view'; action: 'reset' }
  | { name: 'why' }
  | { name: 'ab'; action: 'start'; a: Policy; b: Policy }
  | { name: 'ab'; action: 'off' }
  | { name: 'sweep'; action: 'start'; policies: Policy[]; seeds: number }
  | { name: 'sweep'; action: 'open' | 'cancel' }
  | { name: 'lab'; action: 'list' | 'check' | 'hint' | 'next' | 'reset-step' | 'export' | 'close' }
  | { name: 'lab'; action: 'open'; id: string }
  | { name: 'presenter'; on: boolean }
  | ({ name: 'raft' } & RaftAction)
  /** The LogIndex tab's commands (src/kernels/logindex/action.ts). */
  | ({ name: 'logindex' } & LogIndexAction)
  /** The vCPU tab's commands (src/kernels/vcpu/action.ts). */
  | ({ name: 'vcpu' } & VcpuAction);

/** What `raft ...` does (the ParallelRaft tab); see raftCommand.ts for the typed forms. */
export type RaftAction =
  | { action: 'open' | 'close' | 'run' | 'pause' | 'reset' | 'status' | 'side-by-side' | 'single' | 'hash' }
  | { action: 'mode'; mode: RaftMode }
  | { action: 'net'; net: NetPreset }
  | { action: 'disk'; disk: DiskPreset }
  | { action: 'seed'; seed: number }
  | { action: 'step' | 'seek'; ns: number }
  | { action: 'speed'; nsPerSecond: number | 'max' }
  | { action: 'scenario'; scenario: RaftScenarioName }
  | { action: 'select'; index: number }
  /** Deliberately broken kernel options by their CLI names (none: an empty list); a new run. */
  | { action: 'break'; broken: BrokenName[] }
  /** The workload's share of reads, percent; a new run. */
  | { action: 'read-share'; percent: number }
  /** The LBA range the clients use, in 4 KB blocks; a new run. */
  | { action: 'blocks'; blocks: number }
  /** The live per-block linearizability check (P9) in the workers, off or on again. */
  | { action: 'p9'; on: boolean }
  /** A fault or load change in the kernel's own grammar (crash, partition, loss, iodepth...). */
  | { action: 'fault'; fault: RaftKernelCommand };

export type RaftScenarioName = 'ghost' | 'figure8';

export type CommandName = Command['name'];

/** What a handler tells the terminal; lines are plain text (never HTML). */
export interface CommandResult {
  ok: boolean;
  lines: string[];
}
