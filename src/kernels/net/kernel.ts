// The host side of one network kernel instance, the same in the CLI, the tests and (later) a
// worker: writes the network into the input blocks, applies commands, advances time, decodes.
import { instantiateKernel, type KernelInstance } from '../wasmKernel';
import { fnv1a64Hex } from '../../state/hash';
import {
  CFG, CMD, CONFIG_SLOTS, CONFIG_VERSION, FLOW_FIELDS, FLOW_IN, FR, FRAME_SIZE, LINK_FIELDS, LINK_IN, LOUT, LOUT_FIELDS,
  MAX_FLOWS, MAX_LINKS, MAX_NODES, OPT_RTT_WEIGHTED, OUT, OUT_FIELDS, STATUS_NAMES, type FlowStatus,
} from './protocol';
import type { Gbps, NetCommand, Network, SimNs } from './types';

interface NetExports {
  memory: WebAssembly.Memory;
  configPtr(): number;
  linkInPtr(): number;
  flowInPtr(): number;
  flowOutPtr(): number;
  linkOutPtr(): number;
  init(): number;
  apply(kind: number, target: number, value: number): number;
  advance(untilNs: number): number;
  frame(): number;
  clearScratch(): void;
}

export interface NetOptions {
  /** SimGrid's weighting: a saturated link is shared in proportion to 1/RTT, not equally. */
  rttWeighted?: boolean;
}

export interface FlowState {
  id: string;
  status: FlowStatus;
  startNs: SimNs;
  /** First byte at the far end: start plus the route's one-way delay. */
  activeNs: SimNs;
  /** Last byte at the far end; null until the flow is done. */
  endNs: SimNs | null;
  rateGbps: Gbps;
  sentBytes: number;
  pathNs: SimNs;
  hops: number;
  /** TCP's own ceiling on its route: min(window/RTT, Mathis). */
  capGbps: Gbps;
  reroutes: number;
}

export interface LinkState {
  from: string;
  to: string;
  up: boolean;
  gbps: Gbps;
  loss: number;
  bitsForward: number;
  bitsBack: number;
  loadForwardGbps: Gbps;
  loadBackGbps: Gbps;
}

export interface NetSummary {
  nowNs: SimNs;
  events: number;
  started: number;
  ended: number;
  failed: number;
  reshares: number;
  active: number;
  stalled: number;
  reroutes: number;
  fillRounds: number;
}

export class NetKernel {
  private readonly instance: KernelInstance<NetExports>;
  /** Kernel flow slot -> index in network.flows (the kernel holds them sorted by start). */
  private readonly order: number[];

  constructor(module: WebAssembly.Module, readonly network: Network, options: NetOptions = {}) {
    const { nodes, links, flows } = network;
    if (nodes.length < 1 || nodes.length > MAX_NODES) throw new Error(`a network holds 1..${MAX_NODES} nodes, found ${nodes.length}`);
    if (links.length > MAX_LINKS) throw new Error(`a network holds at most ${MAX_LINKS} links, found ${links.length}`);
    if (flows.length > MAX_FLOWS) throw new Error(`a network holds at most ${MAX_FLOWS} flows, found ${flows.length}`);
    this.instance = instantiateKernel<NetExports>(module);
    const e = this.instance.exports;
    const index = new Map(nodes.map((n, i) => [n, i]));
    const node = (name: string): number => {
      const i = index.get(name);
      if (i === undefined) throw new Error(`unknown node "${name}"`);
      return i;
    };
    const cfg = new Float64Array(CONFIG_SLOTS);
    cfg[CFG.version] = CONFIG_VERSION;
    cfg[CFG.nodes] = nodes.length;
    cfg[CFG.links] = links.length;
    cfg[CFG.flows] = flows.length;
    cfg[CFG.options] = options.rttWeighted ? OPT_RTT_WEIGHTED : 0;
    new Float64Array(e.memory.buffer, e.configPtr(), CONFIG_SLOTS).set(cfg);
    const li = new Float64Array(e.memory.buffer, e.linkInPtr(), links.length * LINK_FIELDS);
    links.forEach((l, i) => {
      const o = i * LINK_FIELDS;
      li[o + LINK_IN.from] = node(l.from);
      li[o + LINK_IN.to] = node(l.to);
      li[o + LINK_IN.gbps] = l.gbps;
      li[o + LINK_IN.delayNs] = Math.round(l.delayNs);
      li[o + LINK_IN.loss] = l.loss;
    });
    // Stable by start time, so equal starts keep the input order.
    this.order = flows.map((_, i) => i).sort((a, b) => flows[a].atNs - flows[b].atNs || a - b);
    const fi = new Float64Array(e.memory.buffer, e.flowInPtr(), flows.length * FLOW_FIELDS);
    this.order.forEach((k, slot) => {
      const f = flows[k];
      const o = slot * FLOW_FIELDS;
      fi[o + FLOW_IN.from] = node(f.from);
      fi[o + FLOW_IN.to] = node(f.to);
      fi[o + FLOW_IN.startNs] = Math.round(f.atNs);
      fi[o + FLOW_IN.bytes] = f.bytes;
      fi[o + FLOW_IN.window] = f.windowBytes;
    });
    const code = this.instance.call('init', () => e.init());
    if (code !== 0) throw new Error('net.wasm refused the network (another kernel version, or a link joining a node to itself?)');
  }

  /** Runs every event up to `untilNs`; returns how many ran. */
  advance(untilNs: SimNs): number {
    return this.instance.call(`advance to ${untilNs} ns`, () => this.instance.exports.advance(untilNs));
  }

  /** Applies a command now; false when it does not apply (a link already cut, a region already down). */
  apply(command: NetCommand): boolean {
    const e = this.instance.exports;
    const [target, value] = command.kind === 'outage' ? [command.node, 0]
      : command.kind === 'capacity' ? [command.link, command.share]
      : command.kind === 'loss' ? [command.link, command.rate] : [command.link, 0];
    return this.instance.call(`apply ${command.kind}`, () => e.apply(CMD[command.kind], target, value)) === 1;
  }

  summary(): NetSummary {
    const e = this.instance.exports;
    const f = new Float64Array(e.memory.buffer, this.instance.call('frame', () => e.frame()), FRAME_SIZE);
    return {
      nowNs: f[FR.now], events: f[FR.events], started: f[FR.started], ended: f[FR.ended], failed: f[FR.failed],
      reshares: f[FR.reshares], active: f[FR.active], stalled: f[FR.stalled], reroutes: f[FR.reroutes], fillRounds: f[FR.fillRounds],
    };
  }

  /** Every flow, in the network's order. */
  flows(): FlowState[] {
    const e = this.instance.exports;
    const out = new Float64Array(e.memory.buffer, e.flowOutPtr(), this.network.flows.length * OUT_FIELDS);
    const states: FlowState[] = new Array(this.network.flows.length);
    this.order.forEach((k, slot) => {
      const o = slot * OUT_FIELDS;
      const f = this.network.flows[k];
      const status = STATUS_NAMES[out[o + OUT.status]];
      states[k] = {
        id: f.id, status, startNs: f.atNs, activeNs: out[o + OUT.activeNs],
        endNs: status === 'done' ? out[o + OUT.endNs] : null, rateGbps: out[o + OUT.rateGbps],
        sentBytes: out[o + OUT.sentBits] / 8, pathNs: out[o + OUT.pathNs], hops: out[o + OUT.hops],
        capGbps: out[o + OUT.capGbps], reroutes: out[o + OUT.reroutes],
      };
    });
    return states;
  }

  links(): LinkState[] {
    const e = this.instance.exports;
    const out = new Float64Array(e.memory.buffer, e.linkOutPtr(), this.network.links.length * LOUT_FIELDS);
    return this.network.links.map((l, i) => {
      const o = i * LOUT_FIELDS;
      return {
        from: l.from, to: l.to, up: out[o + LOUT.up] !== 0, gbps: out[o + LOUT.gbps], loss: out[o + LOUT.loss],
        bitsForward: out[o + LOUT.bitsFwd], bitsBack: out[o + LOUT.bitsBack],
        loadForwardGbps: out[o + LOUT.loadFwd], loadBackGbps: out[o + LOUT.loadBack],
      };
    });
  }

  /** FNV-1a 64 of linear memory, reads' scratch zeroed first. */
  stateHash(): string {
    return fnv1a64Hex(this.instance.stateBytes(() => this.instance.exports.clearScratch()));
  }
}
