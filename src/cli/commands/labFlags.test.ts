// `hlab lab try` reads each kernel's flags from its lab definition: they must set keys its
// scenario has, start from one of their choices, and not shadow the flags every kernel reads.
import { describe, expect, it } from 'vitest';
import { KERNELS } from '../../kernels/registry';
import { FLAGS, GENERIC_FLAGS, USAGE } from './labFlags';

describe('hlab lab flags', () => {
  it('takes each kernel try flag from a key of its scenario, its default among the choices', () => {
    const generic = GENERIC_FLAGS.map((f) => f.name);
    for (const { id, lab } of KERNELS) {
      for (const flag of lab.tryRun.flags) {
        expect(generic, `${id} --${flag.key}`).not.toContain(flag.key);
        expect(lab.scenarioKeys, `${id} --${flag.key}`).toContain(flag.key);
        expect(flag.choices, `${id} --${flag.key}`).toContain((lab.tryRun.scenario as Record<string, unknown>)[flag.key]);
        expect(FLAGS.map((f) => f.name)).toContain(flag.key);
      }
      expect(Object.keys(lab.tryRun.scenario).every((k) => lab.scenarioKeys.includes(k)), id).toBe(true);
    }
  });

  it('writes a try line per kernel, the first without --kernel', () => {
    const lines = USAGE.split('\n').filter((l) => l.startsWith('  hlab lab try'));
    expect(lines).toHaveLength(KERNELS.length);
    expect(lines[0]).not.toContain('--kernel');
    KERNELS.slice(1).forEach(({ id }, i) => expect(lines[i + 1]).toContain(`--kernel ${id} `));
  });
});
