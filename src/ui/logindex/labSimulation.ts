// The lab engine's simulation for `kernel: logindex` labs in the browser: the LogIndex tab
// driven through the shared columns lab simulation (src/ui/labs/columnsLabSimulation.ts) with
// the semantics of the headless one (src/kernels/logindex/headless.ts).
import type { LogIndexAction } from '../../kernels/logindex/action';
import { LogIndexClient } from '../../kernels/logindex/client';
import { logindexMetric, type LogIndexLabContext } from '../../kernels/logindex/frameMetrics';
import type { LogIndexLabScenario } from '../../kernels/logindex/lab';
import type { LogIndexMode } from '../../kernels/logindex/protocol';
import { columnConfig, initialSetup, scenarioEndNs, withScenario, type LogIndexSetup } from '../../kernels/logindex/setup';
import type { LogIndexSummary } from '../../kernels/logindex/types';
import type { BrowserLabFactory } from '../labs/kernelLabSimulation';
import { ColumnsLabSimulation, type LabColumn } from '../labs/columnsLabSimulation';
import { logindexTabFor } from './logindexTab.svelte';

function context(setup: LogIndexSetup): LogIndexLabContext {
  return {
    mode: setup.config.mode, ro: setup.config.ro, writeScale: setup.writeScale, seed: setup.seed,
    broken: setup.config.broken, scenario: setup.scenario, sideBySide: setup.sideBySide,
  };
}

const asModes = (columns: readonly LabColumn<LogIndexSummary>[]) => columns.map((c) => ({ mode: c.label as LogIndexMode, summary: c.summary }));

export const labSimulation: BrowserLabFactory = (app) => {
  const tab = logindexTabFor(app);
  return new ColumnsLabSimulation(app.bus, {
    word: 'logindex',
    noun: 'LogIndex',
    state: () => tab.state,
    tabActive: () => tab.active,
    labSetup: (lab, seed) => {
      const s = lab as LogIndexLabScenario;
      const setup = initialSetup({ mode: s.mode, ro: s.ro, writeScale: s['write-scale'], broken: s.broken, seed, sideBySide: s['side-by-side'] });
      return s.scenario !== null ? withScenario(setup, s.scenario) : setup;
    },
    scenarioEnd: scenarioEndNs,
    columnConfig: (setup, label) => columnConfig(setup, label as LogIndexMode),
    seed: (setup) => setup.seed,
    newClient: () => new LogIndexClient({}),
    summaryOf: (frame) => frame.summary,
    nowOf: (summary) => summary.nowNs,
    verdictOf: (summary) => summary.verdict,
    faultOf: (command) => ({ ok: true, fault: (command as LogIndexAction & { action: 'fault' }).fault }),
    reads: ['status', 'hash', 'inspect'],
    metric: (columns, setup, name) => logindexMetric(asModes(columns), context(setup), name),
    placed: (columns, setup) => {
      const primary = columns.find((c) => c.label === setup.config.mode) ?? columns[0];
      return primary.summary.writes + primary.summary.reads;
    },
  });
};
