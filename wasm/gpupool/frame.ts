// What the cluster views need per node: the category holding most of its idle GPU for the
// typical workload (spec §6.1), so colour shows why a node's free GPU is or is not usable.
import { Pool } from './pool';
import { nodeFragment } from './fragment';

import { CATEGORY_FULL } from './constants';

export function computeNodeCategories(pool: Pool): void {
  const out = pool.nodeCategory;
  const categories = pool.categories;
  for (let n = 0; n < pool.nodeCount; n++) {
    nodeFragment(pool, n, unchecked(pool.nodeCpuFree[n]), true);
    let best: i32 = CATEGORY_FULL;
    let bestAmount: f64 = 0;
    for (let c = 0; c < 7; c++) {
      const amount = unchecked(categories[c]);
      if (amount > bestAmount) {
        best = c;
        bestAmount = amount;
      }
    }
    unchecked((out[n] = best));
  }
}
