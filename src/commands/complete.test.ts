import { describe, expect, it } from 'vitest';
import { POLICIES } from '../kernels/gpupool/types';
import { complete } from './complete';
import { COMMAND_NAMES } from './registry';

describe('complete', () => {
  it('completes command names', () => {
    expect(complete('', 0)).toEqual({ replaceFrom: 0, candidates: [...COMMAND_NAMES] });
    expect(complete('s', 1)).toEqual({ replaceFrom: 0, candidates: ['seed', 'step', 'speed', 'seek', 'share', 'stats', 'sweep'] });
    expect(complete('  PO', 4)).toEqual({ replaceFrom: 2, candidates: ['policy'] });
  });

  it('completes enum arguments by prefix, in any case', () => {
    expect(complete('policy ', 7)).toEqual({ replaceFrom: 7, candidates: [...POLICIES] });
    expect(complete('policy gpu', 10)).toEqual({ replaceFrom: 7, candidates: ['GpuClustering', 'GpuPacking'] });
    expect(complete('rng x', 5)).toEqual({ replaceFrom: 4, candidates: ['xoshiro'] });
    expect(complete('query frag', 10)).toEqual({ replaceFrom: 6, candidates: ['fragAmount', 'fragRatio'] });
    expect(complete('load ', 5).candidates).toEqual(['synthetic', 'file', 'url']);
    expect(complete('seek e', 6).candidates).toEqual(['end']);
    expect(complete('help st', 7).candidates).toEqual(['step', 'stats']);
    expect(complete('debug ', 6).candidates).toEqual(['trap', 'hash']);
    expect(complete('debug h', 7).candidates).toEqual(['hash']);
  });

  it('uses only the text left of the cursor', () => {
    expect(complete('policy F run', 8)).toEqual({ replaceFrom: 7, candidates: ['FGD'] });
  });

  it('offers nothing for free-form or surplus arguments and unknown commands', () => {
    expect(complete('seed ', 5).candidates).toEqual([]);
    expect(complete('load url ', 9).candidates).toEqual([]);
    expect(complete('policy FGD ', 11).candidates).toEqual([]);
    expect(complete('frobnicate ', 11).candidates).toEqual([]);
  });
});
