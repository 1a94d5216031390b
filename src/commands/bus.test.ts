import { describe, expect, it } from 'vitest';
import { CommandBus } from './bus';
import type { DispatchEvent, ResultEvent } from './bus';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('CommandBus', () => {
  it('runs handlers one at a time, in dispatch order', async () => {
    const bus = new CommandBus();
    const log: string[] = [];
    let release: () => void = () => {};
    bus.register('run', async () => {
      log.push('run start');
      await new Promise<void>((resolve) => (release = resolve));
      log.push('run end');
      return { ok: true, lines: ['running'] };
    });
    bus.register('pause', async () => {
      log.push('pause');
      return { ok: true, lines: ['paused'] };
    });
    const first = bus.dispatch({ name: 'run' }, 'button');
    const second = bus.dispatch({ name: 'pause' }, 'key');
    await tick();
    expect(log).toEqual(['run start']);
    release();
    expect(await first).toEqual({ ok: true, lines: ['running'] });
    expect(await second).toEqual({ ok: true, lines: ['paused'] });
    expect(log).toEqual(['run start', 'run end', 'pause']);
  });

  it('passes the typed command and origin, and tells listeners the canonical text', async () => {
    const bus = new CommandBus();
    const seen: DispatchEvent[] = [];
    const results: ResultEvent[] = [];
    bus.onDispatch((e) => seen.push(e));
    bus.onResult((e) => results.push(e));
    bus.register('policy', async (command, origin) => ({ ok: true, lines: [`${command.policy} from ${origin}`] }));
    const result = await bus.execute('POLICY bestfit', 'terminal');
    expect(result).toEqual({ ok: true, lines: ['BestFit from terminal'] });
    await bus.dispatch({ name: 'policy', policy: 'FGD' }, 'button');
    expect(seen.map((e) => [e.text, e.origin])).toEqual([['policy BestFit', 'terminal'], ['policy FGD', 'button']]);
    expect(results[1].result.lines).toEqual(['FGD from button']);
  });

  it('turns a parse error into a failed result with a caret', async () => {
    const bus = new CommandBus();
    const result = await bus.execute('policy FDG', 'terminal');
    expect(result).toEqual({
      ok: false,
      lines: ['policy: unknown policy "FDG" at column 8; did you mean FGD?', '  policy FDG', '         ^'],
    });
  });

  it('survives a throwing handler and a throwing listener', async () => {
    const bus = new CommandBus();
    bus.onDispatch(() => {
      throw new Error('terminal closed');
    });
    bus.register('seek', async () => {
      throw new Error('kernel trapped at step 12');
    });
    bus.register('stats', async () => ({ ok: true, lines: ['fine'] }));
    expect(await bus.execute('seek end', 'terminal')).toEqual({ ok: false, lines: ['kernel trapped at step 12'] });
    expect(await bus.execute('stats', 'terminal')).toEqual({ ok: true, lines: ['fine'] });
  });

  it('reports commands with no handler, refuses double registration, and unregisters', async () => {
    const bus = new CommandBus();
    expect(await bus.dispatch({ name: 'share' }, 'link')).toEqual({ ok: false, lines: ['share: not available here'] });
    const off = bus.register('share', async () => ({ ok: true, lines: ['#run=…'] }));
    expect(() => bus.register('share', async () => ({ ok: true, lines: [] }))).toThrow(/already registered/);
    expect((await bus.dispatch({ name: 'share' }, 'link')).ok).toBe(true);
    off();
    expect((await bus.dispatch({ name: 'share' }, 'link')).ok).toBe(false);
  });
});
