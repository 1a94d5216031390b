// The main thread's bridge to a vCPU worker: the shared clocked-kernel client
// (src/kernels/clockedClient.ts) on the vCPU worker.
import { ClockedKernelClient, type ClockedClientEvents } from '../clockedClient';
import { DEFAULT_SEED, type VcpuFrame, type VcpuWorkerApi } from './api';
import type { VcpuCommand, VcpuConfig } from './types';

export type VcpuClientEvents = ClockedClientEvents;

export class VcpuClient extends ClockedKernelClient<VcpuConfig, VcpuCommand, VcpuFrame, VcpuWorkerApi> {
  constructor(events: VcpuClientEvents = {}, makeWorker: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })) {
    super(events, makeWorker, 'vcpu worker', DEFAULT_SEED);
  }
}
