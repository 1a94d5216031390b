// kernel: vcpu labs: the front matter's scenario, the check vocabulary, and the headless
// simulation doing what a lab's commands say.
import { describe, expect, test } from 'vitest';
import { parseLab } from '../../labs/labFile';
import { parseCommand } from '../../commands/parse';
import { vcpuModule } from '../../testing/fixtures';
import { HeadlessVcpu } from './headless';
import type { VcpuLabScenario } from './lab';

const lab = (scenario: string, check: string, solution = 'vcpu step 10ms') => `---
id: tiny-vcpu
title: Tiny
kernel: vcpu
scenario:
${scenario}
seed: 1
minutes: 5
objectives:
  - Run
---

## Step: Go

\`\`\`check
${check}
\`\`\`

\`\`\`not-yet
Run the solution's commands.
\`\`\`

### Hint

Step.

### Solution

\`\`\`hlab
${solution}
\`\`\`
`;

const errorsOf = (text: string) => {
  const r = parseLab('labs/tiny.md', text);
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
};

const run = async (sim: HeadlessVcpu, line: string) => {
  const parsed = parseCommand(line);
  if (!parsed.ok) throw new Error(`${line}: ${JSON.stringify(parsed)}`);
  return sim.execute(parsed.command);
};

const scenario = (over: Partial<VcpuLabScenario> = {}): VcpuLabScenario => ({ preset: 'default', profile: null, sched: null, mitigations: [], 'side-by-side': null, ...over });

describe('vcpu labs: front matter and checks', () => {
  test('a good lab parses with its scenario and defaults', () => {
    const r = parseLab('labs/tiny.md', lab('  preset: HV-4\n  mitigations: ple', 'timeMs >= 10 and lhpWastePct < 5'));
    expect(r.errors ?? []).toEqual([]);
    expect(r.ok && r.lab.scenario).toEqual(scenario({ preset: 'HV-4', mitigations: ['ple'] }));
    const both = parseLab('labs/tiny.md', lab('  preset: default\n  side-by-side: bare-metal\n  mitigations: ple,pv-spinlock', 'bareMetalOverheadPct == 0'));
    expect(both.ok && both.lab.scenario).toEqual(scenario({ 'side-by-side': 'bare-metal', mitigations: ['ple', 'pv-spinlock'] }));
  });

  test('refuses a bad scenario at its line', () => {
    expect(errorsOf(lab('  preset: HV-9', 'timeMs > 1')).join()).toMatch(/^6:\d+: "preset": unknown value "HV-9"/);
    expect(errorsOf(lab('  profile: xen', 'timeMs > 1')).join()).toContain('profile');
    expect(errorsOf(lab('  mitigations: gang', 'timeMs > 1')).join()).toContain('mitigations');
    expect(errorsOf(lab('  iodepth: 8', 'timeMs > 1')).join()).toContain('iodepth');
  });

  test("checks use the vCPU vocabulary: misspelt texts and other kernels' words are errors", () => {
    expect(errorsOf(lab('  preset: default', 'verdict == "vaild"')).join()).toMatch(/vaild/);
    expect(errorsOf(lab('  preset: default', 'profile == "xen"')).join()).toMatch(/xen/);
    expect(errorsOf(lab('  preset: default', 'kvmVerdict == "valid" and lsnLagP99 > 1')).join()).toMatch(/lsnLagP99/);
    expect(errorsOf(lab('  preset: default', 'timeMs > 1', 'logindex step 5ms')).join()).toMatch(/vcpu/);
  });
});

describe('HeadlessVcpu', () => {
  test('side by side columns, a new run on every setting, and seeking back to the same state', async () => {
    const sim = new HeadlessVcpu(vcpuModule());
    await sim.setUp(scenario({ preset: 'HV-1' }), 1, 'vcpu');
    expect(await sim.query('sideBySide')).toBe(true);
    expect(await sim.query('bareMetalOverheadPct')).toBe(-1);
    expect((await run(sim, 'vcpu step 200ms')).ok).toBe(true);
    expect(await sim.query('timeMs')).toBe(200);
    expect(await sim.query('offloadOverheadHostPct')).toBe(0);
    expect(await sim.query('kvmOverheadHostPct')).toBeGreaterThan(0);
    const at200 = await sim.stateHash();
    await run(sim, 'vcpu step 100ms');
    await sim.seek(200e6);
    expect(await sim.stateHash()).toBe(at200);
    expect((await run(sim, 'vcpu side-by-side bare-metal')).ok).toBe(true);
    expect(await sim.query('timeMs')).toBe(0);
    await run(sim, 'vcpu step 100ms');
    expect(await sim.query('bareMetalOverheadPct')).toBe(0);
    expect(await sim.query('offloadOverheadPct')).toBe(-1);
  });

  test('a fault is stamped at the current time; a refused one says why; a scratch copy keeps it to itself', async () => {
    const sim = new HeadlessVcpu(vcpuModule());
    await sim.setUp(scenario(), 1, 'vcpu');
    const before = await sim.stateHash();
    const copy = await sim.scratchCopy();
    expect((await run(copy, 'vcpu arrive noisy')).ok).toBe(true);
    expect((await run(copy, 'vcpu arrive noisy')).lines.join()).toMatch(/already arrived/);
    expect((await run(sim, 'vcpu arrive web')).lines.join()).toMatch(/not dormant/);
    expect(await sim.stateHash()).toBe(before);
    await run(sim, 'vcpu step 300ms');
    await run(copy, 'vcpu step 300ms');
    expect(await copy.query('utilisationPct')).toBeGreaterThan(await sim.query('utilisationPct') as number);
  });

  test('a setting the kernel cannot run is refused and the run stays', async () => {
    const sim = new HeadlessVcpu(vcpuModule());
    await sim.setUp(scenario(), 1, 'vcpu');
    await run(sim, 'vcpu step 10ms');
    const r = await run(sim, 'vcpu sched pin');
    expect(r.ok).toBe(false);
    expect(r.lines.join()).toMatch(/do not fit/);
    expect(await sim.query('timeMs')).toBe(10);
    await expect(sim.query('iops')).rejects.toThrow(/unknown vcpu metric/);
  });
});

// The shipped labs 09-11 run step by step on HeadlessVcpu in src/labs/verify.test.ts, with every other lab.
