import { describe, expect, it } from 'vitest';
import { clusterLayout } from './layout';
import { CATEGORY_DOWN, clusterFrame, gpuUsedMilli } from './viewFrame';

describe('gpuUsedMilli', () => {
  it('reads back the allocated milli-GPU every fill box was built from', () => {
    const layout = clusterLayout([{ gpus: 3, model: 'G1' }, { gpus: 2, model: 'G2' }, { gpus: 1, model: 'G2' }]);
    const gpuRemaining = new Int32Array(3 * 8);
    gpuRemaining.set([1000, 1, 999], 0); // idle, all but 1 milli used, 1 milli used
    gpuRemaining.set([0, 500], 8);
    gpuRemaining.set([250], 16);
    const frame = clusterFrame(layout, { gpuRemaining, category: new Int32Array([2, 1, 0]) }, (node) => node === 2);
    const used = Array.from({ length: layout.gpus }, (_, g) => gpuUsedMilli(frame, g));
    // The failed node is drawn full whatever its GPUs held.
    expect(used).toEqual([0, 999, 1, 1000, 500, 1000]);
    expect(frame.nodeCategory[2]).toBe(CATEGORY_DOWN);
  });
});
