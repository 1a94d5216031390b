import { describe, expect, it } from 'vitest';
import { memoryTraceBackend, openIndexedDbTraceBackend, TraceStore, traceRefOf } from './traceStore';
import type { TraceBackend } from './traceStore';

const csv = 'sn,cpu_milli,memory_mib,num_gpu,model\nopenb-node-0001,96000,786432,8,V100M32\n';
const ref = traceRefOf('nodes.csv', new TextEncoder().encode(csv));

/** A backend returning fixed raw records, to see how the store treats damaged data. */
function backendHolding(record: unknown, refs: unknown[] = []): TraceBackend {
  return { put: async () => undefined, get: async () => record, listRefs: async () => refs };
}

describe('TraceStore', () => {
  it('names a file by its bytes', () => {
    expect(ref).toEqual({ name: 'nodes.csv', bytes: csv.length, hash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(traceRefOf('other-name.csv', new TextEncoder().encode(csv)).hash).toBe(ref.hash);
    expect(traceRefOf('nodes.csv', new TextEncoder().encode(`${csv} `)).hash).not.toBe(ref.hash);
  });

  it('stores, finds and lists traces (memory backend)', async () => {
    const store = new TraceStore(memoryTraceBackend());
    expect(await store.getTrace(ref.hash)).toBeNull();
    const pods = traceRefOf('a-pods.csv', new TextEncoder().encode('name,cpu_milli\n'));
    await store.putTrace(ref, csv);
    await store.putTrace(pods, 'name,cpu_milli\n');
    expect(await store.getTrace(ref.hash)).toEqual({ ref, text: csv });
    expect(await store.listTraces()).toEqual({ refs: [pods, ref], damaged: [] });
  });

  it('refuses malformed refs and hashes with a reason', async () => {
    const store = new TraceStore(memoryTraceBackend());
    await expect(store.putTrace({ ...ref, hash: 'ABC' }, csv)).rejects.toThrow('cannot store trace: its description "nodes.csv" has hash "ABC", not 16 hex digits');
    await expect(store.putTrace({ ...ref, name: '' }, csv)).rejects.toThrow('has no file name');
    await expect(store.getTrace('xyz')).rejects.toThrow('trace hash "xyz" is not 16 hex digits');
  });

  it('reports damaged stored entries instead of returning them', async () => {
    await expect(new TraceStore(backendHolding({ ref, text: 42 })).getTrace(ref.hash)).rejects.toThrow(`stored trace ${ref.hash} is damaged: its text is missing`);
    await expect(new TraceStore(backendHolding({ ref: { name: 'x' }, text: '' })).getTrace(ref.hash)).rejects.toThrow('invalid byte count');
    await expect(new TraceStore(backendHolding({ ref: { ...ref, hash: '0000000000000000' }, text: csv })).getTrace(ref.hash)).rejects.toThrow('filed under another hash');
    const listing = await new TraceStore(backendHolding(undefined, [ref, 'junk', { ...ref, bytes: -1 }])).listTraces();
    expect(listing).toEqual({ refs: [ref], damaged: ['entry 1 is not a file description', 'entry 2 "nodes.csv" has an invalid byte count'] });
  });

  const hasIndexedDb = typeof indexedDB !== 'undefined';
  it.skipIf(!hasIndexedDb)('round-trips through IndexedDB (skipped under Node: no indexedDB here; covered in the browser)', async () => {
    const store = new TraceStore(await openIndexedDbTraceBackend(indexedDB, 'hyperscale-lab-traces-test'));
    await store.putTrace(ref, csv);
    expect(await store.getTrace(ref.hash)).toEqual({ ref, text: csv });
    expect((await store.listTraces()).refs).toContainEqual(ref);
  });
});
