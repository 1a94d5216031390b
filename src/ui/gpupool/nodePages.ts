// Paging for the node table: a fixed number of rows a page, so a cluster of 100,000 GPUs
// renders as quickly as one of 100.
export const PAGE_ROWS = 50;

/** Nodes [from, to) on page `page` (clamped into range) of a cluster of `nodes`. */
export function nodePage(nodes: number, page: number): { from: number; to: number } {
  const last = Math.max(0, Math.ceil(nodes / PAGE_ROWS) - 1);
  const p = Math.min(Math.max(0, Math.floor(page)), last);
  return { from: p * PAGE_ROWS, to: Math.min(nodes, (p + 1) * PAGE_ROWS) };
}

export const pageOfNode = (node: number): number => Math.floor(node / PAGE_ROWS);
