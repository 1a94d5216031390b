// The GPU pool's page start against the real kernel: a bad `#run=` link (damaged, cut off,
// another version, garbage, an unknown kernel, a bad field, a command that does not apply)
// is explained and the saved run comes back bit for bit, with the saved session untouched;
// with nothing saved the default run starts; a saved run that cannot be replayed is kept aside.
import { describe, expect, it } from 'vitest';
import { kernelCommandOf } from '../../commands/kernelCommand';
import { parseCommand } from '../../commands/parse';
import { GpuPoolSession } from '../../kernels/gpupool/session';
import type { RunConfig } from '../../kernels/gpupool/types';
import { encodeLinkEnvelope } from '../../state/linkEnvelope';
import { FORMAT_VERSION, toCompact } from '../../state/runDescription';
import type { RunDescription } from '../../state/runDescription';
import { DAMAGED_SESSION_KEY, saveSession, SESSION_KEY } from '../../state/session';
import { encodeShareFragment, GPUPOOL_LINK } from '../../state/shareLink';
import { gpupoolModule } from '../../testing/fixtures';
import { startGpuPool } from './gpuStartup';
import type { GpuStartHost } from './gpuStartup';
import { MemoryStorage } from '../../testing/memoryStorage';

/** Storage that reads but refuses every write (a full disk). */
class FullStorage extends MemoryStorage {
  override setItem(): void {
    throw new Error('QuotaExceededError');
  }
}

const DEFAULT_CONFIG: RunConfig = { policy: 'FGD', seed: 42, rng: 'xoshiro', tune: 1.3 };

/** The page's side of the start, on the real kernel: a run is replayed as AppState replays it. */
class KernelHost implements GpuStartHost {
  readonly session = new GpuPoolSession(gpupoolModule(), { now: () => 0 });
  readonly messages: { kind: string; text: string }[] = [];
  readonly opened: { run: RunDescription; origin: 'link' | 'key' }[] = [];
  readonly defaults: boolean[] = [];
  dropped = 0;
  readonly notify = (kind: 'error' | 'warning' | 'info', text: string): void => {
    this.messages.push({ kind, text });
  };

  async open(run: RunDescription, origin: 'link' | 'key'): Promise<boolean> {
    this.opened.push({ run, origin });
    // No trace files are kept in this "browser": a trace run asks for them.
    if (run.workload.kind === 'trace') return false;
    this.session.useSynthetic(run.workload.scale ?? 1);
    this.session.start(run.config);
    for (const stamped of run.commands) {
      const parsed = parseCommand(stamped.text);
      const command = parsed.ok ? kernelCommandOf(parsed.command) : null;
      if (command === null) throw new Error(`not a kernel command: ${stamped.text}`);
      this.session.advance(stamped.step);
      this.session.apply(command);
    }
    this.session.seek(run.step);
    return true;
  }

  async startDefault(standIn: boolean): Promise<void> {
    this.defaults.push(standIn);
    this.session.useSynthetic();
    this.session.start(DEFAULT_CONFIG);
  }

  dropLink(): void {
    this.dropped++;
  }

  text(): string {
    return this.messages.map((m) => `${m.kind}: ${m.text}`).join('\n');
  }
}

/** Progress someone made: a policy change, a failed node, and the viewer further on. */
const progress: RunDescription = {
  v: FORMAT_VERSION,
  kernel: 'gpupool',
  workload: { kind: 'synthetic' },
  config: { ...DEFAULT_CONFIG, seed: 9 },
  commands: [{ step: 800, text: 'policy BestFit' }, { step: 1500, text: 'fail node 3' }],
  step: 2000,
};

/** Another run, the one the links carry. */
const linked: RunDescription = { ...progress, config: { ...DEFAULT_CONFIG, seed: 7 }, commands: [{ step: 300, text: 'policy DotProd' }], step: 900 };

/** The state hash of `run` replayed on its own. */
async function hashOf(run: RunDescription): Promise<string> {
  const host = new KernelHost();
  await host.open(run, 'key');
  return host.session.stateHash();
}

function savedStorage(run: RunDescription = progress): MemoryStorage {
  const storage = new MemoryStorage();
  expect(saveSession(storage, run)).toEqual({ ok: true });
  return storage;
}

async function badLinks(): Promise<[string, string, RegExp][]> {
  const good = await encodeShareFragment(linked);
  const mid = Math.floor(good.length * 0.7);
  return [
    ['damaged', good.slice(0, mid) + (good[mid] === 'A' ? 'B' : 'A') + good.slice(mid + 1), /the run link is damaged: .*(changed|cut off)/],
    ['cut off', good.slice(0, -7), /the run link is damaged: .*(cut off|truncated)/],
    ['another version', good.replace('#run=v1.', '#run=v2.'), /this run link was made by format version 2; this app reads version 1/],
    ['garbage', '#run=garbage', /the run link is damaged: expected v<version>\.<hash>\.<data> after #run=/],
    ['an unknown kernel', await encodeLinkEnvelope(GPUPOOL_LINK, { ...toCompact(linked), k: 'logindex' }), /the run link is invalid: field kernel is invalid: "logindex" is not a kernel this app runs/],
    ['a bad field', await encodeLinkEnvelope(GPUPOOL_LINK, { ...toCompact(linked), c: ['FGD', -1, 'xoshiro', 1.3] }), /the run link is invalid: field config\.seed is invalid: expected a whole number/],
  ];
}

describe('GPU pool page start', () => {
  it('a bad link is explained and the saved run comes back bit for bit, its saved session untouched', async () => {
    const expected = await hashOf(progress);
    expect(expected).not.toBe(await hashOf(linked));
    for (const [what, fragment, reason] of await badLinks()) {
      const storage = savedStorage();
      const before = new Map(storage.items);
      const host = new KernelHost();
      expect(await startGpuPool(host, fragment, storage), what).toBe('session');
      expect(host.messages, what).toHaveLength(1);
      expect(host.messages[0].kind, what).toBe('error');
      expect(host.messages[0].text, what).toMatch(/^This run link could not be opened: /);
      expect(host.messages[0].text, what).toMatch(reason);
      expect(host.messages[0].text, what).toMatch(/Nothing was changed: your saved run is restored as it was\.$/);
      // Only the saved run was opened, and it is the state the person left.
      expect(host.opened, what).toEqual([{ run: progress, origin: 'key' }]);
      expect(host.session.stateHash(), what).toBe(expected);
      expect(host.defaults, what).toEqual([]);
      expect(host.dropped, what).toBe(0);
      expect(storage.items, what).toEqual(before);
    }
  });

  it('with nothing saved, a bad link starts the default run and says so', async () => {
    const [, fragment] = (await badLinks())[0];
    const storage = new MemoryStorage();
    const host = new KernelHost();
    expect(await startGpuPool(host, fragment, storage)).toBe('default');
    expect(host.text()).toMatch(/^error: This run link could not be opened: .*There is no saved run, so the default run starts\.$/);
    expect(host.opened).toEqual([]);
    // Nothing stands in for a saved run: the default run may be saved.
    expect(host.defaults).toEqual([false]);
    expect(host.session.stateHash()).toBe(await hashOf({ ...progress, config: DEFAULT_CONFIG, commands: [], step: 0 }));
  });

  it('a link whose command does not apply to its cluster is explained, and the saved run comes back', async () => {
    const fragment = await encodeShareFragment({ ...linked, commands: [{ step: 100, text: 'fail node 99999' }] });
    const storage = savedStorage();
    const before = new Map(storage.items);
    const host = new KernelHost();
    expect(await startGpuPool(host, fragment, storage)).toBe('session');
    expect(host.text()).toMatch(/^error: The run in this link could not be replayed: no node 99999: ids run from 0 to \d+\. Nothing was changed: your saved run is restored as it was\.$/);
    expect(host.opened.map((o) => o.origin)).toEqual(['link', 'key']);
    expect(host.session.stateHash()).toBe(await hashOf(progress));
    expect(host.dropped).toBe(0);
    expect(storage.items).toEqual(before);
  });

  it('a good link opens, leaves the address, and the saved run is not replayed', async () => {
    const storage = savedStorage();
    const host = new KernelHost();
    expect(await startGpuPool(host, await encodeShareFragment(linked), storage)).toBe('link');
    expect(host.messages).toEqual([]);
    expect(host.opened).toEqual([{ run: linked, origin: 'link' }]);
    expect(host.session.stateHash()).toBe(await hashOf(linked));
    expect(host.dropped).toBe(1);
  });

  it('unreadable saved data is kept aside even when a good link opens over it', async () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_KEY, '{"v":1,"k":"gpupool"');
    const host = new KernelHost();
    expect(await startGpuPool(host, await encodeShareFragment(linked), storage)).toBe('link');
    expect(host.text()).toMatch(/^warning: saved progress was ignored: it is not valid JSON .*; a copy was kept under "hyperscale-lab:session:damaged"$/);
    expect(storage.getItem(DAMAGED_SESSION_KEY)).toBe('{"v":1,"k":"gpupool"');
  });

  it('while a link waits for its trace files, the saved run comes back', async () => {
    const traceRun: RunDescription = {
      ...linked,
      workload: {
        kind: 'trace',
        nodes: { name: 'openb_node_list_gpu_node.csv', bytes: 61_234, hash: '0123456789abcdef' },
        pods: { name: 'openb_pod_list_default.csv', bytes: 734_911, hash: 'fedcba9876543210' },
      },
    };
    const storage = savedStorage();
    const host = new KernelHost();
    expect(await startGpuPool(host, await encodeShareFragment(traceRun), storage)).toBe('session');
    expect(host.text()).toBe('info: Until then, your saved run is restored as it was.');
    expect(host.opened.map((o) => o.origin)).toEqual(['link', 'key']);
    expect(host.session.stateHash()).toBe(await hashOf(progress));
    // Out of the address: once its files are chosen, a reload continues from there.
    expect(host.dropped).toBe(1);

    // A saved run that waits for its own trace files: the default run only stands in.
    const savedTrace = savedStorage(traceRun);
    const before = new Map(savedTrace.items);
    const other = new KernelHost();
    expect(await startGpuPool(other, '', savedTrace)).toBe('default');
    expect(other.defaults).toEqual([true]);
    expect(savedTrace.items).toEqual(before);
  });

  it('a saved run that cannot be replayed is kept aside before the default run is saved over it', async () => {
    const broken: RunDescription = { ...progress, commands: [{ step: 100, text: 'fail node 99999' }] };
    const storage = savedStorage(broken);
    const raw = storage.getItem(SESSION_KEY);
    const host = new KernelHost();
    expect(await startGpuPool(host, '', storage)).toBe('default');
    expect(host.text()).toMatch(/^error: The saved run could not be replayed: no node 99999: .*\. A copy was kept under "hyperscale-lab:session:damaged"; the default run starts\.$/);
    expect(storage.getItem(DAMAGED_SESSION_KEY)).toBe(raw);
    expect(host.defaults).toEqual([false]);

    // Where no copy can be kept, the default run only stands in: saves stay held.
    const full = new FullStorage();
    full.items.set(SESSION_KEY, raw!);
    const held = new KernelHost();
    expect(await startGpuPool(held, '', full)).toBe('default');
    expect(held.text()).toMatch(/It stays saved, untouched, while the default run plays\.$/);
    expect(held.defaults).toEqual([true]);
    expect(full.getItem(SESSION_KEY)).toBe(raw);
  });
});
