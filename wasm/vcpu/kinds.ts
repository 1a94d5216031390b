// Event kinds of the vCPU kernel (the host never sees them).
/** pCPU a's one timer (node = pCPU, a = its generation). */
export const EV_PCPU: i32 = 1;
/** A latency vCPU's periodic request. */
export const EV_WAKE: i32 = 2;
export const EV_IO_DONE: i32 = 3;
/** Credit1's 10 ms tick. */
export const EV_TICK: i32 = 4;
/** Host jitter on pCPU node (kvm). */
export const EV_JITTER: i32 = 5;
/** Interrupt storm slice on pCPU node. */
export const EV_STORM: i32 = 6;
/** A noisy vCPU's burst of backend I/O work. */
export const EV_NOISY: i32 = 7;
/** Jain's window boundary. */
export const EV_WINDOW: i32 = 8;
