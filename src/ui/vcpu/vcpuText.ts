// The vCPU tab's sentences about a run: its verdict, its figures, the target it is held to.
import { DRAGONFLY } from '../../kernels/vcpu/config';
import type { RunReport } from '../../kernels/vcpu/report';
import { t, type Translate } from './messages';

/** The P99 wake-up latency the Dragonfly design aims at: the project's target [U], not a measurement. */
export const TARGET_P99_US = DRAGONFLY.targetP99Us;

type Violation = NonNullable<RunReport['violation']>;

export function violationSentence(v: Violation, say: Translate = t): string {
  return say('vcpu.violation', {
    property: v.property, meaning: say(`vcpu.property.${v.property as 'S1'}`),
    vcpu: v.vcpu ?? say('vcpu.noVcpu'), pcpu: v.pcpu === null ? say('vcpu.noPcpu') : `p${v.pcpu}`, at: v.atUs,
  });
}

export function verdictText(r: RunReport, say: Translate = t): string {
  if (r.violation) return violationSentence(r.violation, say);
  return r.verdict === 'valid'
    ? say('vcpu.verdict.valid', { at: (r.durationS * 1000).toFixed(3) })
    : say('vcpu.verdict.unknown');
}

export function figures(r: RunReport, say: Translate = t): string {
  const l = r.wakeLatencyUs;
  const p = r.wakeLatencyPartsUs;
  return say('vcpu.figures', {
    at: (r.durationS * 1000).toFixed(3), p50: l.p50, p99: l.p99, p999: l.p999,
    queue: p.queueing.p99, preempt: p.preemption.p99, entry: p.vmEntry.p99,
    overhead: r.virtualizationOverheadPct, lhp: r.lhpWastePct, migrations: r.migrationsPerS, crossNuma: r.crossNumaMigrationsPerS,
  });
}

/** One column's line for `vcpu status` and `vcpu run` (English: the terminal's language). */
export function statusLine(label: string, r: RunReport): string {
  const l = r.wakeLatencyUs;
  const verdict = r.violation ? `INVALID (${r.violation.property})` : r.verdict;
  return `${label}: at ${(r.durationS * 1000).toFixed(3)} ms, wake-up P50 ${l.p50} us, P99 ${l.p99} us, P99.9 ${l.p999} us, `
    + `overhead ${r.virtualizationOverheadPct} %, LHP ${r.lhpWastePct} %, ${r.events} events, checker ${verdict}`;
}
