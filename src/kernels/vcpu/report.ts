// A run's figures as spec §3.3 defines them, from the kernel's summary (README "vCPU
// scheduling headless" spells each one out).
import { FR } from './protocol';
import type { RunResult } from './run';
import type { Percentiles } from './kernel';
import type { SimNs, VcpuConfig } from './types';

const us = (ns: number): number => Math.round(ns / 10) / 100;
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const pctUs = (p: Percentiles) => ({ p50: us(p.p50Ns), p99: us(p.p99Ns), p999: us(p.p999Ns) });

export interface VmReport {
  name: string;
  /** The VM's share of all service (pCPU time running vCPUs) delivered in the run. */
  serviceShare: number;
  /** Mean over its vCPUs of steal ÷ the vCPU's lifetime, in percent. */
  stealPct: number;
  wakeLatencyP50Us: number;
  wakeLatencyP99Us: number;
  wakeLatencyP999Us: number;
}

export function report(config: VcpuConfig, seed: number, durationNs: SimNs, result: RunResult) {
  const s = result.summary;
  const f = s.frame;
  const seconds = durationNs / 1e9;
  const service = s.accounts.map((a) => a.runNs);
  const totalService = service.reduce((x, y) => x + y, 0);
  const vms: VmReport[] = config.vms.map((vm, i) => {
    const mine = s.accounts.map((a, v) => ({ a, v })).filter(({ a }) => a.vm === i);
    const share = totalService > 0 ? mine.reduce((x, { v }) => x + service[v], 0) / totalService : 0;
    const steal = mine.map(({ a }) => (a.aliveNs > 0 ? (100 * a.stealNs) / a.aliveNs : 0));
    const lat = s.latency.perVm[i];
    return {
      name: vm.name, serviceShare: round(share, 4), stealPct: round(steal.reduce((x, y) => x + y, 0) / Math.max(1, steal.length), 3),
      wakeLatencyP50Us: us(lat.p50Ns), wakeLatencyP99Us: us(lat.p99Ns), wakeLatencyP999Us: us(lat.p999Ns),
    };
  });
  const names = config.vms.flatMap((vm) => Array.from({ length: vm.vcpus }, (_, k) => `${vm.name}/${k}`));
  const useful = f[FR.usefulNs];
  // Guest time (spinning and cache-cold time included), VM entries and exits, halt polling and
  // host work on the cores, per unit of useful guest work; on bare metal this ratio is 1.
  const consumed = f[FR.guestNs] + f[FR.entryNs] + f[FR.exitNs] + f[FR.pollNs] + f[FR.hostNs];
  const v = s.violation;
  return {
    profile: config.profile,
    sched: config.profile === 'bare-metal' ? 'none' : config.sched,
    mitigations: config.mitigations,
    seed,
    durationS: seconds,
    pcpus: s.pcpus,
    vcpus: s.vcpus,
    events: s.events,
    verdict: s.verdict,
    violation: v === null ? null : { property: v.property, vcpu: v.vcpu === null ? null : names[v.vcpu], pcpu: v.pcpu, atUs: us(v.atNs) },
    wakeups: f[FR.wakeups],
    wakeLatencyUs: pctUs(s.latency.total),
    wakeLatencyPartsUs: { queueing: pctUs(s.latency.queue), preemption: pctUs(s.latency.preempt), vmEntry: pctUs(s.latency.entry) },
    steal: s.accounts.map((a, i) => ({ vcpu: names[i], stealPct: a.aliveNs > 0 ? round((100 * a.stealNs) / a.aliveNs, 3) : 0 })),
    fairness: {
      serviceErrorMaxMs: round(f[FR.serviceErrMaxNs] / 1e6, 3),
      serviceErrorMeanUs: f[FR.serviceIntervals] > 0 ? round(f[FR.serviceErrSum] / f[FR.serviceIntervals] / 1e3, 3) : 0,
      intervals: f[FR.serviceIntervals],
      jainMean: f[FR.jainWindows] > 0 ? round(f[FR.jainSum] / f[FR.jainWindows], 4) : null,
      jainMin: f[FR.jainWindows] > 0 ? round(f[FR.jainMin], 4) : null,
      eevdfMaxLagUs: config.sched === 'eevdf' && config.profile !== 'bare-metal' ? us(f[FR.maxLagNs]) : null,
    },
    workConservationViolationMs: round(f[FR.wcNs] / 1e6, 3),
    virtualizationOverheadPct: useful > 0 ? round((consumed / useful - 1) * 100, 3) : 0,
    lhpWastePct: f[FR.runNs] > 0 ? round((100 * f[FR.lhpNs]) / f[FR.runNs], 3) : 0,
    spinPct: f[FR.runNs] > 0 ? round((100 * f[FR.spinNs]) / f[FR.runNs], 3) : 0,
    migrationsPerS: seconds > 0 ? round(f[FR.migrations] / seconds, 1) : 0,
    crossNumaMigrationsPerS: seconds > 0 ? round(f[FR.crossNuma] / seconds, 1) : 0,
    blackoutMs: round(f[FR.blackoutNs] / 1e6, 3),
    pleExits: f[FR.pleExits],
    pvKicks: f[FR.pvKicks],
    lockAcquisitions: f[FR.locks],
    capParks: f[FR.capParks],
    preemptions: f[FR.preemptions],
    vms,
    refused: result.refused.map((r) => `${r.at}ns ${r.command.kind}`),
    stateHash: result.stateHash(),
    wallSeconds: round(result.wallSeconds, 3),
    eventsPerSecond: result.wallSeconds > 0 ? Math.round(s.events / result.wallSeconds) : 0,
  };
}

export type RunReport = ReturnType<typeof report>;

export function humanLine(r: RunReport): string {
  const v = r.violation;
  const verdict = v ? `invalid: ${v.property} at ${v.vcpu ?? 'no vCPU'} on ${v.pcpu === null ? 'no pCPU' : `p${v.pcpu}`}, t=${v.atUs}us` : r.verdict;
  const lat = r.wakeLatencyUs;
  return `vcpu ${r.profile}/${r.sched} seed=${r.seed} ${r.pcpus} pCPUs ${r.vcpus} vCPUs: wake p50/p99/p99.9 ${lat.p50}/${lat.p99}/${lat.p999} us, ` +
    `overhead ${r.virtualizationOverheadPct}%, steal ${r.vms.map((m) => `${m.name} ${m.stealPct}%`).join(' ')}, ` +
    `LHP ${r.lhpWastePct}%, ${r.migrationsPerS} migr/s, ${r.events} events: ${verdict}` + (r.refused.length ? ` (refused: ${r.refused.join(', ')})` : '');
}
