// One headless run: a network, its faults applied at their times, then the report's figures.
import { NetKernel, type FlowState, type LinkState, type NetOptions, type NetSummary } from './kernel';
import type { Network, SimNs, StampedNetCommand } from './types';

export interface NetRunResult {
  summary: NetSummary;
  flows: FlowState[];
  links: LinkState[];
  refused: StampedNetCommand[];
  durationNs: SimNs;
  stateHash(): string;
  wallSeconds: number;
}

export function runNet(module: WebAssembly.Module, network: Network, schedule: readonly StampedNetCommand[], durationNs: SimNs,
  options: NetOptions = {}): NetRunResult {
  const started = performance.now();
  const kernel = new NetKernel(module, network, options);
  const refused: StampedNetCommand[] = [];
  for (const step of [...schedule].sort((a, b) => a.at - b.at)) {
    if (step.at > durationNs) break;
    kernel.advance(step.at);
    if (!kernel.apply(step.command)) refused.push(step);
  }
  kernel.advance(durationNs);
  const summary = kernel.summary();
  const flows = kernel.flows();
  const links = kernel.links();
  const wallSeconds = (performance.now() - started) / 1000;
  let hash: string | undefined;
  return { summary, flows, links, refused, durationNs, stateHash: () => (hash ??= kernel.stateHash()), wallSeconds };
}

export interface FlowReport {
  id: string;
  from: string;
  to: string;
  status: string;
  /** Bytes sent over the time it was sending (first byte to last, or to the run's end). */
  meanGbps: number;
  /** Start to last byte, s; null when it did not finish. */
  fctS: number | null;
  /** One-way propagation delay of its last route, ms. */
  latencyMs: number;
  rateGbps: number;
  capGbps: number | null;
  hops: number;
  reroutes: number;
}

const sig = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);

export function flowReport(network: Network, result: NetRunResult): FlowReport[] {
  return result.flows.map((f, i) => {
    const spec = network.flows[i];
    const sendingNs = (f.endNs ?? result.durationNs) - f.activeNs;
    return {
      id: f.id, from: spec.from, to: spec.to, status: f.status,
      meanGbps: sig(f.status === 'pending' || sendingNs <= 0 ? 0 : (f.sentBytes * 8) / sendingNs),
      fctS: f.endNs === null ? null : sig((f.endNs - f.startNs) / 1e9),
      latencyMs: sig(f.pathNs / 1e6), rateGbps: sig(f.rateGbps),
      capGbps: Number.isFinite(f.capGbps) ? sig(f.capGbps) : null, hops: f.hops, reroutes: f.reroutes,
    };
  });
}

/** Nearest-rank percentile of a sorted list; null when it is empty. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function linkReport(network: Network, result: NetRunResult): { from: string; to: string; gbps: number; up: boolean; utilisation: number }[] {
  return result.links.map((l, i) => ({
    from: l.from, to: l.to, gbps: network.links[i].gbps, up: l.up,
    // the busier direction's mean load over the run, against the configured capacity
    utilisation: sig(Math.max(l.bitsForward, l.bitsBack) / (network.links[i].gbps * result.durationNs)),
  }));
}
