// The lab engine's simulation for `kernel: vcpu` labs in the browser: the vCPU tab driven
// through the shared columns lab simulation (src/ui/labs/columnsLabSimulation.ts) with the
// semantics of the headless one (src/kernels/vcpu/headless.ts): the same setup, the same
// fault resolution, the same metrics.
import type { VcpuAction } from '../../kernels/vcpu/action';
import { VcpuClient } from '../../kernels/vcpu/client';
import { vcpuMetric } from '../../kernels/vcpu/frameMetrics';
import type { VcpuSummary } from '../../kernels/vcpu/kernel';
import type { VcpuLabScenario } from '../../kernels/vcpu/lab';
import { FR, type ProfileName } from '../../kernels/vcpu/protocol';
import { columnConfig, initialSetup, resolveFault, scenarioEndNs } from '../../kernels/vcpu/setup';
import type { BrowserLabFactory } from '../labs/kernelLabSimulation';
import { ColumnsLabSimulation } from '../labs/columnsLabSimulation';
import { vcpuTabFor } from './vcpuTab.svelte';

export const labSimulation: BrowserLabFactory = (app) => {
  const tab = vcpuTabFor(app);
  return new ColumnsLabSimulation(app.bus, {
    word: 'vcpu',
    noun: 'vCPU',
    state: () => tab.state,
    tabActive: () => tab.active,
    labSetup: (lab, seed) => {
      const s = lab as VcpuLabScenario;
      return initialSetup({
        preset: s.preset, seed,
        ...(s.profile !== null ? { profile: s.profile } : {}),
        ...(s.sched !== null ? { sched: s.sched } : {}),
        mitigations: s.mitigations,
        ...(s['side-by-side'] !== null ? { sideBySide: true, other: s['side-by-side'] } : {}),
      });
    },
    scenarioEnd: scenarioEndNs,
    columnConfig: (setup, label) => columnConfig(setup, label as ProfileName),
    seed: (setup) => setup.seed,
    newClient: () => new VcpuClient({}),
    summaryOf: (frame) => frame.summary,
    nowOf: (summary) => summary.nowNs,
    verdictOf: (summary) => summary.verdict,
    faultOf: (command, setup, now) => {
      const resolved = resolveFault(setup, (command as VcpuAction & { action: 'fault' }).fault, now);
      return resolved.ok ? { ok: true, fault: resolved.command } : resolved;
    },
    reads: ['status', 'hash'],
    metric: (columns, setup, name) => vcpuMetric(
      columns.map((c) => ({ profile: c.label as ProfileName, config: columnConfig(setup, c.label as ProfileName), summary: c.summary })),
      { profile: setup.config.profile, seed: setup.seed, preset: setup.preset, sideBySide: setup.sideBySide }, name),
    placed: (columns: readonly { summary: VcpuSummary }[]) => columns[0].summary.frame[FR.wakeups],
  });
};
