// The kernel registry is the one list of kernels: each entry's parts agree on its id, and
// every lab in labs/ names a kernel that is in it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERNEL_IDS, KERNELS, kernelById, labKernel } from './registry';
import { parseLab } from '../labs/labFile';

describe('kernel registry', () => {
  it('lists each kernel once, its lab definition under the same id, its kernel in wasm/<id>', () => {
    expect(new Set(KERNEL_IDS).size).toBe(KERNELS.length);
    for (const kernel of KERNELS) {
      expect(kernel.lab.id).toBe(kernel.id);
      expect(existsSync(`wasm/${kernel.id}/index.ts`), `wasm/${kernel.id}/index.ts`).toBe(true);
      expect(kernelById(kernel.id)).toBe(kernel);
    }
  });

  it('refuses an id it does not have, naming the ones it has', () => {
    expect(kernelById('constructor')).toBeUndefined();
    expect(() => labKernel('ebs')).toThrow(/no kernel "ebs" \(kernels: gpupool, raft, logindex, vcpu\)/);
  });

  it('has the kernel of every lab in labs/', () => {
    const files = readdirSync('labs').filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const parsed = parseLab(file, readFileSync(`labs/${file}`, 'utf8'));
      expect(parsed.errors, file).toEqual([]);
      expect(KERNEL_IDS).toContain(parsed.lab!.kernel);
    }
  });

  it('gives each kernel its own check vocabulary, and names the other kernel of a metric', () => {
    const gpu = parseLab('g.md', ['---', 'id: g', 'title: G', 'kernel: gpupool', 'scenario: { policy: FGD }', 'seed: 1', 'minutes: 1',
      'objectives: [x]', '---', '', '## Step: A', '', '```check', 'iops > 1', '```', ''].join('\n'));
    expect(gpu.errors.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/"iops" is a raft metric, not a gpupool one/)]));
    const raft = parseLab('r.md', ['---', 'id: r', 'title: R', 'kernel: raft', 'scenario: { mode: raft }', 'seed: 1', 'minutes: 1',
      'objectives: [x]', '---', '', '## Step: A', '', '```hlab', 'policy FGD', '```', '', '```check', 'nodePods(1) > 1', '```', ''].join('\n'));
    expect(raft.errors.map((e) => e.message)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^"policy" drives the GPU pool, but this lab runs kernel raft: use "raft \.\.\."/),
      expect.stringMatching(/nodePods\(\.\.\.\) reads a node of the GPU pool; a raft lab has no such facts/),
    ]));
  });
});
