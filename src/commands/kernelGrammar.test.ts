import { describe, expect, it } from 'vitest';
import { CommandBus } from './bus';
import { CATALOG } from '../kernels/catalog';
import { grammarOf, knowGrammar } from './kernelGrammar';
import { formatCommand, parseCommand } from './parse';
import { findCommandSpec } from './registry';

// This file sees the page as it starts: grammars known by the catalog, none loaded yet.
for (const kernel of CATALOG) if ('grammar' in kernel) knowGrammar(kernel.id, kernel.grammar);

describe('kernel grammars load with the kernel', () => {
  it('knows a kernel word by its summary before its grammar is there', () => {
    expect(grammarOf('raft')).toBeUndefined();
    expect(findCommandSpec('raft')?.summary).toContain('ParallelRaft');
    expect(parseCommand('raft status')).toMatchObject({ ok: false, error: expect.stringContaining('not loaded yet') });
  });

  it('a typed line waits in the queue for its grammar, then runs in its place', async () => {
    const bus = new CommandBus();
    const seen: string[] = [];
    bus.register('raft', async (c) => (seen.push(formatCommand(c)), { ok: true, lines: [] }));
    bus.register('clear', async () => (seen.push('clear'), { ok: true, lines: [] }));
    const first = bus.execute('raft crash 0 wipe', 'terminal');
    const second = bus.dispatch({ name: 'clear' }, 'button');
    expect((await first).ok).toBe(true);
    await second;
    expect(seen).toEqual(['raft crash 0 wipe', 'clear']);
    expect(grammarOf('raft')?.spec.help.length).toBeGreaterThan(5);
    expect(parseCommand('raft loss 0>1 20%')).toMatchObject({ ok: true });
  });

  it('a bare verb on a kernel tab in front loads that kernel', async () => {
    const bus = new CommandBus();
    bus.front = 'raft';
    let got = '';
    bus.register('raft', async (c) => ((got = formatCommand(c)), { ok: true, lines: [] }));
    await bus.execute('step 5ms', 'terminal');
    expect(got).toBe('raft step 5ms');
  });
});
