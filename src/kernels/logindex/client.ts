// The main thread's bridge to a LogIndex worker: the shared clocked-kernel client
// (src/kernels/clockedClient.ts) on the LogIndex worker, plus the page inspector's read.
import { ClockedKernelClient, type ClockedClientEvents } from '../clockedClient';
import { DEFAULT_SEED, type LogIndexFrame, type LogIndexWorkerApi, type PageInspection } from './api';
import type { LogIndexCommand, LogIndexConfig } from './types';

export type LogIndexClientEvents = ClockedClientEvents;

export class LogIndexClient extends ClockedKernelClient<LogIndexConfig, LogIndexCommand, LogIndexFrame, LogIndexWorkerApi> {
  constructor(events: LogIndexClientEvents = {}, makeWorker: () => Worker = () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })) {
    super(events, makeWorker, 'logindex worker', DEFAULT_SEED);
  }

  page(page: number, node: number): Promise<PageInspection> {
    return this.callApi((api) => api.page(page, node));
  }
}
