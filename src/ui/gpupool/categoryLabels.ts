// The 3D view's node categories (indices into CATEGORY_LABELS / CATEGORY_COLOURS in
// src/kernels/gpupool/viewFrame.ts) as message keys. viewFrame.ts stays free of UI text
// lookups because it also runs in the worker; the English catalogue repeats its labels, and
// categoryLabels.test.ts keeps the two in step.
import { t, type MessageKey } from './messages';
import type { FragCategory } from '../../kernels/gpupool/types';

export const CATEGORY_LABEL_KEYS = [
  'category.lackBoth',
  'category.lackGpu',
  'category.satisfied',
  'category.lackCpu',
  'category.cpuOnlyShare',
  'category.cpuOnlyLackCpu',
  'category.noAccess',
  'category.full',
  'category.down',
] as const satisfies readonly MessageKey[];

/** The label of category `index` in the page's language; '…' before a frame has arrived. */
export function categoryLabel(index: number | undefined): string {
  const key = index === undefined ? undefined : CATEGORY_LABEL_KEYS[index];
  return key === undefined ? '…' : t(key);
}

/** The node inspector's fragment categories (the kernel's names) described in words. */
export const FRAG_CATEGORY_KEYS: Record<FragCategory, MessageKey> = {
  q1_lack_both: 'category.lackBoth',
  q2_lack_gpu: 'category.lackGpu',
  q3_satisfied: 'category.satisfied',
  q4_lack_cpu: 'category.lackCpu',
  xl_satisfied: 'category.cpuOnlyShare',
  xr_lack_cpu: 'category.cpuOnlyLackCpu',
  no_access: 'category.noAccess',
};
