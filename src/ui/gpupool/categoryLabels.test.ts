import { describe, expect, it } from 'vitest';
import { gpupoolEn as en } from './messages/en';
import { gpupoolZhCN } from './messages/zh-CN';
import { CATEGORY_COLOURS, CATEGORY_LABELS } from '../../kernels/gpupool/viewFrame';
import { CATEGORY_LABEL_KEYS } from './categoryLabels';

describe('3D category labels', () => {
  it('have one key per category, reading in English exactly as viewFrame.ts names them', () => {
    expect(CATEGORY_LABEL_KEYS.length).toBe(CATEGORY_LABELS.length);
    expect(CATEGORY_LABEL_KEYS.length).toBe(CATEGORY_COLOURS.length);
    expect(CATEGORY_LABEL_KEYS.map((key) => en[key])).toEqual(CATEGORY_LABELS);
  });

  it('are translated into Chinese', () => {
    for (const key of CATEGORY_LABEL_KEYS) expect(gpupoolZhCN[key], key).not.toBe(en[key]);
  });
});
