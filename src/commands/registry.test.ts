import { describe, expect, it } from 'vitest';
import '../kernels/registry';
import { parseCommand } from './parse';
import { COMMAND_NAMES, COMMAND_SPECS, findCommandSpec, helpLines, QUERY_METRICS } from './registry';

describe('registry', () => {
  it('lists each command once, and every example in its help parses', () => {
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
    for (const spec of COMMAND_SPECS.map((s) => findCommandSpec(s.name) ?? s)) {
      const examples = spec.help.filter((l) => l.startsWith('  ')).map((l) => l.trim()).filter((l) => l.startsWith(spec.name));
      expect(examples.length, `${spec.name} has examples`).toBeGreaterThan(0);
      for (const example of examples) expect(parseCommand(example), example).toMatchObject({ ok: true });
    }
  });

  it('finds specs in any case and describes every query metric', () => {
    expect(findCommandSpec('SEEK')?.syntax).toBe('seek <step|+n|-n|end|start>');
    expect(findCommandSpec('nope')).toBeUndefined();
    expect(QUERY_METRICS.map((m) => m.name)).toEqual(['pods', 'step', 'placed', 'failed', 'arrived', 'used', 'allocRatio', 'fragAmount', 'fragRatio', 'arrivedRatio', 'policy', 'seed', 'nodes', 'gpus', 'evicted', 'rescheduled', 'lost', 'failedGpus']);
    expect(helpLines('query').join('\n')).toContain('fragRatio     fragment amount as % of the idle GPU (Fig. 7b)');
  });

  it('builds the help list and handles unknown topics', () => {
    expect(helpLines(null)).toHaveLength(COMMAND_NAMES.length + 1);
    expect(helpLines('zzz')).toEqual(['help: no command called "zzz"; type help for the list']);
  });
});
