// The host side of one LogIndex kernel instance, the same in the CLI, the tests and (later) a
// worker: encodes the config, applies commands, advances time, decodes the frame.
import { instantiateKernel, type KernelInstance } from '../wasmKernel';
import { fnv1a64Hex } from '../../state/hash';
import { BROKEN_OPTIONS, CFG, CMD, CONFIG_SLOTS, CONFIG_VERSION, FR, FRAME_SIZE, MODE_CODES, PROPERTIES, VERDICTS, nodeName } from './protocol';
import type { LogIndexCommand, LogIndexConfig, LogIndexSummary, SimNs } from './types';

interface LogIndexExports {
  memory: WebAssembly.Memory;
  configPtr(): number;
  init(seed: number): number;
  apply(kind: number, a: number, b: number): number;
  advance(untilNs: number, maxEvents: number): number;
  frame(): number;
  clearScratch(): void;
}

/** Events one advance call runs before the host looks again. */
const CHUNK_EVENTS = 1 << 20;

export class LogIndexKernel {
  private readonly instance: KernelInstance<LogIndexExports>;
  private nowNs: SimNs = 0;

  constructor(module: WebAssembly.Module, config: LogIndexConfig, seed: number) {
    this.instance = instantiateKernel<LogIndexExports>(module);
    const e = this.instance.exports;
    const slots = new Float64Array(CONFIG_SLOTS);
    slots[CFG.version] = CONFIG_VERSION;
    slots[CFG.mode] = MODE_CODES[config.mode];
    slots[CFG.ro] = config.ro;
    slots[CFG.options] = config.broken.reduce((bits, name) => bits | BROKEN_OPTIONS[name], 0);
    for (const key of Object.keys(CFG) as (keyof typeof CFG)[]) {
      if (key === 'version' || key === 'mode' || key === 'ro' || key === 'options') continue;
      slots[CFG[key]] = config[key];
    }
    new Float64Array(e.memory.buffer, e.configPtr(), CONFIG_SLOTS).set(slots);
    const code = this.instance.call('init', () => e.init(seed));
    if (code !== 0) throw new Error('logindex.wasm refused the config block (another kernel version?)');
  }

  get now(): SimNs {
    return this.nowNs;
  }

  /** Runs the simulation up to `untilNs`. */
  advance(untilNs: SimNs): void {
    const e = this.instance.exports;
    this.instance.call(`advance to ${untilNs} ns`, () => {
      while (e.advance(untilNs, CHUNK_EVENTS) === CHUNK_EVENTS) { /* the next chunk */ }
    });
    this.nowNs = untilNs;
  }

  /** Applies a command now; returns false when it does not apply (e.g. restarting a live node). */
  apply(command: LogIndexCommand): boolean {
    const [kind, a, b] = encodeCommand(command);
    return this.instance.call(`apply ${command.kind}`, () => this.instance.exports.apply(kind, a, b)) === 0;
  }

  frame(): Float64Array {
    const e = this.instance.exports;
    return new Float64Array(e.memory.buffer, this.instance.call('frame', () => e.frame()), FRAME_SIZE).slice();
  }

  summary(): LogIndexSummary {
    const f = this.frame();
    const code = f[FR.violation];
    return {
      nowNs: f[FR.now], events: f[FR.events], writes: f[FR.writes], reads: f[FR.reads],
      writeLsn: f[FR.writeLsn], durableLsn: f[FR.durableLsn], consistentLsn: f[FR.consistentLsn],
      oldestApplyLsn: f[FR.oldestApplyLsn], truncatedLsn: f[FR.truncatedLsn], bytesShipped: f[FR.bytesShipped],
      pagesReplayed: f[FR.pagesReplayed], lsnLagP50: f[FR.lsnLagP50], lsnLagP99: f[FR.lsnLagP99],
      timeLagP50Ns: f[FR.timeLagP50], timeLagP99Ns: f[FR.timeLagP99],
      visibilityLagP50Ns: f[FR.visLagP50], visibilityLagP99Ns: f[FR.visLagP99],
      verdict: VERDICTS[f[FR.verdict]],
      violation: code === 0 ? null : {
        property: PROPERTIES[code], page: f[FR.vPage] < 0 ? null : f[FR.vPage], node: nodeName(f[FR.vNode]),
        lsn: f[FR.vLsn], atNs: f[FR.vTime],
      },
      readsChecked: f[FR.readsChecked], tablesFlushed: f[FR.tablesFlushed], tablesTruncated: f[FR.tablesTruncated],
      bloomSkips: f[FR.bloomSkips], tableLookups: f[FR.tableLookups], copyBuffered: f[FR.copyBuffered],
      pagesFlushed: f[FR.pagesFlushed], flushBlocked: f[FR.flushBlocked], storageReads: f[FR.storageReads],
      messagesDropped: f[FR.msgDropped], promotionsChecked: f[FR.promotionsChecked],
      writer: f[FR.writer] < 0 ? null : nodeName(f[FR.writer]),
    };
  }

  /** FNV-1a 64 of the whole kernel state (linear memory up to its end). */
  stateHash(): string {
    const e = this.instance.exports;
    return fnv1a64Hex(this.instance.stateBytes(() => e.clearScratch()));
  }
}

function encodeCommand(c: LogIndexCommand): [number, number, number] {
  switch (c.kind) {
    case 'crash': return [CMD.crash, c.node, 0];
    case 'restart': return [CMD.restart, c.node, 0];
    case 'promote': return [CMD.promote, c.node, 0];
    case 'slow-storage': return [CMD.slowStorage, Math.round(c.factor * 1000), 0];
    case 'starve': return [CMD.starve, c.node, Math.round(c.factor * 1000)];
    case 'delay': return [CMD.delay, c.node, c.ns];
    case 'loss': return [CMD.loss, c.node, c.permille];
    case 'partition': return [CMD.partition, c.node, 0];
    case 'heal': return [CMD.heal, c.node ?? -1, 0];
  }
}
