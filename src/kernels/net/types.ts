// The host's types for the network kernel; units in the names and brands.
import type { SimNs } from '../raft/types';

export type { SimNs };
/** Gigabits per second, which is also bits per nanosecond. */
export type Gbps = number & { readonly __unit?: 'Gb/s' };
export type Bytes = number & { readonly __unit?: 'bytes' };

/** A full-duplex link: each direction carries `gbps`. */
export interface NetLink {
  from: string;
  to: string;
  gbps: Gbps;
  /** One-way propagation delay (half the RTT). */
  delayNs: SimNs;
  /** Packet loss rate, 0..1. */
  loss: number;
}

export interface NetFlow {
  id: string;
  from: string;
  to: string;
  atNs: SimNs;
  bytes: Bytes;
  /** TCP window: the socket buffer's max (tcp_rmem/tcp_wmem), bytes. */
  windowBytes: Bytes;
}

export interface Network {
  /** Node names (regions or zones), each a word. */
  nodes: string[];
  links: NetLink[];
  flows: NetFlow[];
}

export type NetCommand =
  | { kind: 'cut' | 'restore'; link: number }
  | { kind: 'outage'; node: number }
  | { kind: 'capacity'; link: number; share: number }
  | { kind: 'loss'; link: number; rate: number };

export interface StampedNetCommand {
  at: SimNs;
  command: NetCommand;
  /** The command as written, for reports. */
  text: string;
}
