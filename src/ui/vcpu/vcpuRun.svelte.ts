// One vCPU run as a column of the tab shows it: its worker bridge, the latest frame (pCPUs,
// vCPUs, histograms, the report), the Gantt chart's window of pCPU time and the commands it
// was given.
import type { VcpuFrame, VcpuTrapReport } from '../../kernels/vcpu/api';
import { replayInChunks } from '../../kernels/vcpu/chunkedReplay';
import { VcpuClient } from '../../kernels/vcpu/client';
import type { SimNs, StampedVcpuCommand, VcpuCommand, VcpuConfig } from '../../kernels/vcpu/types';
import { GanttWindow } from '../../views/vcpu/ganttWindow';
import { t } from './messages';

/** The Gantt chart's default span of simulated time. */
export const GANTT_SPAN_NS = 5_000_000;

export class VcpuRun {
  readonly client: VcpuClient;
  config = $state.raw<VcpuConfig | null>(null);
  frame = $state.raw<VcpuFrame | null>(null);
  commands = $state.raw<StampedVcpuCommand[]>([]);
  /** Bumped with every frame: views redraw when it changes. */
  version = $state(0);
  readonly gantt = new GanttWindow(GANTT_SPAN_NS);

  constructor(readonly label: string, onTrap: (report: VcpuTrapReport) => void, onError: (message: string) => void) {
    this.client = new VcpuClient({
      onTrap,
      onWorkerError: onError,
      onRestart: (ns: SimNs) => onError(t('vcpu.workerRestarted', { run: label, at: (ns / 1e6).toFixed(3) })),
    });
  }

  get now(): SimNs {
    return this.frame?.nowNs ?? 0;
  }

  /** The checker turned red (or could not say): the run goes no further. */
  get stopped(): boolean {
    const r = this.frame?.report;
    return r !== undefined && r.verdict !== 'valid';
  }

  /** The VM of each vCPU, in vCPU order. */
  get vmOfVcpu(): number[] {
    return (this.config?.vms ?? []).flatMap((vm, i) => Array.from({ length: vm.vcpus }, () => i));
  }

  async start(config: VcpuConfig, schedule: StampedVcpuCommand[], seed: number): Promise<void> {
    await this.client.start(config, schedule, seed);
    this.config = config;
    this.commands = schedule;
    this.gantt.clear();
  }

  /** The run rebuilt in the worker from its description (a link, the saved session), at `toNs`. */
  async replay(config: VcpuConfig, schedule: StampedVcpuCommand[], commands: StampedVcpuCommand[], toNs: SimNs, seed: number, progress?: (ns: SimNs) => void): Promise<void> {
    if (progress === undefined) await this.client.replay(config, schedule, commands, toNs, seed);
    else await replayInChunks(this.client, config, schedule, commands, toNs, seed, progress);
    this.config = config;
    this.commands = await this.client.commandLog();
    this.gantt.clear();
  }

  /** Applies a fault now; false when it does not apply (e.g. offlining the last pCPU). */
  async apply(command: VcpuCommand): Promise<boolean> {
    const { applied } = await this.client.apply(command);
    this.commands = await this.client.commandLog();
    return applied;
  }

  async pull(): Promise<void> {
    const frame = await this.client.frame();
    if (frame.reset) this.commands = await this.client.commandLog();
    this.gantt.add(frame.gantt, frame.nowNs, frame.reset);
    this.frame = frame;
    this.version++;
  }

  /** The Gantt chart's span; the window refills from the next frames. */
  setSpan(ns: SimNs): void {
    this.gantt.spanNs = ns;
    this.version++;
  }

  dispose(): void {
    this.client.dispose();
  }
}
