// The container image and the Indexed Job, tested as far as can be without a registry or a
// cluster: the manifest parses with the fields a cluster needs, and the image's entrypoint,
// run from the files the Dockerfile copies, runs the CLI and a shard as a pod would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = resolve(__dirname, '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const docs = parseAllDocuments(readFileSync(join(ROOT, 'deploy/sweep-job.yaml'), 'utf8')).map((d) => d.toJS() as any);

describe('Dockerfile', () => {
  it('is Node 20 slim, runtime deps only, non-root, tini as PID 1, ENTRYPOINT node', () => {
    expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    for (const dir of ['build/wasm/', 'build/cli/', 'bin/']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
    const entry = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(dockerfile)![1]) as string[];
    expect(entry.slice(0, 3)).toEqual(['/usr/bin/tini', '--', 'node']);
  });
});

describe('deploy/sweep-job.yaml', () => {
  const [sweep, merge] = docs;
  const container = sweep.spec.template.spec.containers[0];

  it('is an Indexed Job of n completions with traces and results on volumes, then a merge Job', () => {
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(['batch/v1 Job', 'batch/v1 Job']);
    expect(sweep.spec.completionMode).toBe('Indexed');
    const n = sweep.spec.completions;
    expect(n).toBeGreaterThan(1);
    expect(container.args).toContain(`--shard=auto/${n}`);
    expect(container.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual(['/traces', '/results']);
    expect(sweep.spec.template.spec.volumes.map((v: { name: string }) => v.name)).toEqual(['traces', 'results']);
    expect(merge.spec.template.spec.containers[0].args[0]).toBe('merge');
    // The merge reads exactly the n files the sweep's pods write.
    const shards = merge.spec.template.spec.containers[0].args.filter((a: string) => a.startsWith('/results/shard-'));
    expect(shards).toEqual(Array.from({ length: n }, (_, i) => `/results/shard-${i}.csv`));
    expect(container.args).toContain('--out=/results/shard-$(JOB_COMPLETION_INDEX).csv');
  });

  it('the paper grid: every openb pod list in the traces folder x 6 policies x 10 seeds', () => {
    const pods = (container.args as string[]).find((a) => a.startsWith('--pods='))!.slice('--pods='.length).split(',');
    expect(pods.length).toBe(24);
    expect(container.args).toContain('--policy=Random,DotProd,GpuClustering,GpuPacking,BestFit,FGD');
    expect(container.args).toContain('--seed=42..51');
  });

  it("the image's entrypoint runs a shard as the pod would, from the files the image holds", () => {
    const entry = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(dockerfile)![1]) as string[];
    // tini only forwards signals; the command after "--" is what runs, with /app the checkout.
    const [node, script] = entry.slice(entry.indexOf('--') + 1);
    expect(node).toBe('node');
    const results = mkdtempSync(join(tmpdir(), 'hlab-results-'));
    const index = '1';
    // The pod's args with its volumes mapped to here and the synthetic pool for the traces.
    const args = (container.args as string[])
      .filter((a) => !a.startsWith('--nodes=') && !a.startsWith('--pods='))
      .map((a) => a.replace('/results', results).replace('$(JOB_COMPLETION_INDEX)', index).replace('--seed=42..51', '--seed=42..43'));
    const run = spawnSync(process.execPath, [script.replace('/app', ROOT), ...args], {
      encoding: 'utf8', timeout: 120_000, env: { ...process.env, JOB_COMPLETION_INDEX: index },
    });
    expect(run.status, run.stderr).toBe(0);
    const n = sweep.spec.completions;
    expect(readFileSync(join(results, `shard-${index}.csv`), 'utf8')).toMatch(new RegExp(`^# hlab-sweep 1 kernel=gpupool .* runs=12 shard=2/${n}\\n`));
  });
});
