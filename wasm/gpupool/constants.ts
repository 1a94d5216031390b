// Every number the GPU-pool kernel shares with its host: the input block's layout, policy and
// category ids, ACK filter ids, init status codes, the summary frame's slots and the query ids.
// One source for both sides: asc compiles it into the kernel and the host imports it as it is
// (src/kernels/gpupool: kernel.ts, queries.ts, input.ts, viewFrame.ts). So it holds only
// `export const NAME: i32 = <integer expression>` and comments: nothing either compiler rejects.

// ---- input block (i32 words, written by src/kernels/gpupool/input.ts) ----
export const INPUT_VERSION: i32 = 3;
/** version, nodes, pod rows, typical shapes, cached shapes, flags, pods, padding */
export const HEADER_WORDS: i32 = 8;
export const HDR_VERSION: i32 = 0;
export const HDR_NODES: i32 = 1;
export const HDR_ROWS: i32 = 2;
export const HDR_TYPICAL: i32 = 3;
export const HDR_SHAPES: i32 = 4;
export const HDR_FLAGS: i32 = 5;
export const HDR_PODS: i32 = 6;
/** cpu, memory MiB, GPUs, model id, RDMA, GPUs per NUMA domain, taints */
export const NODE_WORDS: i32 = 7;
/** cpu, memory MiB, numGpu, per-GPU milli, spec mask, shape id, priority, gang, flags, created, deleted */
export const POD_WORDS: i32 = 11;
/** cpu, milli, numGpu, spec mask */
export const TYPICAL_WORDS: i32 = 4;
export const FLAG_SYNTHETIC: i32 = 1;
/** Model id given to nodes with an empty model string: no spec mask ever has this bit. */
export const EMPTY_MODEL: i32 = 30;
export const MAX_GPUS_PER_NODE: i32 = 8;

// ---- init status ----
export const INIT_OK: i32 = 0;
export const INIT_BAD_VERSION: i32 = -1;
export const INIT_WORKLOAD_TOO_LARGE: i32 = -2;

// ---- policies (in the order src/kernels/gpupool/types.ts POLICIES names them) ----
export const POLICY_RANDOM: i32 = 0;
export const POLICY_DOTPROD: i32 = 1;
export const POLICY_CLUSTERING: i32 = 2;
export const POLICY_PACKING: i32 = 3;
export const POLICY_BESTFIT: i32 = 4;
export const POLICY_FGD: i32 = 5;
/** ACK's intelligent scheduler: filters + weighted score, priority batches, gangs (ack.ts). */
export const POLICY_ACK: i32 = 6;
export const POLICY_COUNT: i32 = 7;

// ---- ACK filters (setAckFilter which) ----
export const ACK_FILTER_RDMA: i32 = 0;
export const ACK_FILTER_NUMA: i32 = 1;
export const ACK_FILTER_TAINTS: i32 = 2;

// ---- fragment categories (spec §6.1) and the views' node category ----
export const CAT_Q1: i32 = 0;
export const CAT_Q2: i32 = 1;
export const CAT_Q3: i32 = 2;
export const CAT_Q4: i32 = 3;
export const CAT_XL: i32 = 4;
export const CAT_XR: i32 = 5;
export const CAT_NO_ACCESS: i32 = 6;
/** nodeCategories(): 0..6 are the fragment categories; this one = no idle GPU. */
export const CATEGORY_FULL: i32 = 7;

// ---- summary frame (frame(): GP_FRAME_SIZE f64) ----
export const GP_FRAME_SIZE: i32 = 16;
export const GF_STEP: i32 = 0;
export const GF_PODS: i32 = 1;
export const GF_PLACED: i32 = 2;
export const GF_FAILED: i32 = 3;
export const GF_ARRIVED: i32 = 4;
export const GF_USED: i32 = 5;
export const GF_FRAGMENT: i32 = 6;
export const GF_POLICY: i32 = 7;
export const GF_NODES: i32 = 8;
export const GF_GPUS: i32 = 9;
export const GF_ORIGINAL: i32 = 10;
export const GF_LOG_TOTAL: i32 = 11;
export const GF_EVICTED: i32 = 12;
export const GF_RESCHEDULED: i32 = 13;
export const GF_LOST: i32 = 14;
export const GF_FAILED_GPUS: i32 = 15;

// ---- query ids (query(id)) ----
export const Q_STEP: i32 = 0;
export const Q_PODS: i32 = 1;
export const Q_PLACED: i32 = 2;
export const Q_FAILED: i32 = 3;
export const Q_ARRIVED: i32 = 4;
export const Q_USED: i32 = 5;
export const Q_FRAGMENT: i32 = 6;
export const Q_POLICY: i32 = 7;
export const Q_NODES: i32 = 8;
export const Q_GPUS: i32 = 9;
export const Q_EVICTED: i32 = 10;
export const Q_RESCHEDULED: i32 = 11;
export const Q_LOST: i32 = 12;
export const Q_FAILED_GPUS: i32 = 13;
export const Q_DEPARTED: i32 = 14;
export const Q_TIME: i32 = 15;
