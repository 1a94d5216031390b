// A small seeded generator for the host-side models (workload jitter, the RDMA bench):
// splitmix64's 32-bit cousin (mulberry32), enough for jitter, never for the kernel's own draws.
export function seeded(seed: number): () => number {
  let s = (seed >>> 0) ^ 0x9e3779b9;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
