// The #vcpu= link and the run description inside it: a round trip gives the same run; every
// field is checked and a refusal names it; damaged and other-version links are refused.
import { describe, expect, it } from 'vitest';
import { encodeLinkEnvelope } from '../../state/linkEnvelope';
import { decodeVcpuShareFragment, encodeVcpuShareFragment, isVcpuShareFragment, VCPU_LINK, VCPU_SHARE_PREFIX } from './link';
import { describeVcpuRun, VCPU_FORMAT_VERSION, vcpuToCompact, type VcpuRunDescription } from './runDescription';
import { initialSetup, reshapeRun } from './setup';

const hv7 = reshapeRun(initialSetup(), { action: 'preset', preset: 'HV-7' })!.setup;
const run: VcpuRunDescription = describeVcpuRun({ ...hv7, sideBySide: true, other: 'bare-metal', config: { ...hv7.config, mitigations: ['pv-spinlock', 'ple'], broken: ['no-idle-pull'] } },
  [{ at: 100, command: { kind: 'storm', pcpu: 2, ns: 20_000_000 } }, { at: 300, command: { kind: 'upgrade' } }], 900_000_000, 'max');
const single = describeVcpuRun(initialSetup(), [{ at: 5_000_000, command: { kind: 'arrive', vm: 3 } }], 7_000_000, 250_000_000);

type Compact = Record<string, unknown> & { c: Record<string, unknown> & { vms: Record<string, unknown>[]; costs: Record<string, unknown>; host: Record<string, unknown> } };

async function reason(base: VcpuRunDescription, change: (c: Compact) => void): Promise<string> {
  const compact = JSON.parse(JSON.stringify(vcpuToCompact(base))) as Compact;
  change(compact);
  const decoded = await decodeVcpuShareFragment(await encodeLinkEnvelope(VCPU_LINK, compact));
  if (decoded.ok) throw new Error('the link was accepted');
  return decoded.reason;
}

describe('#vcpu= link', () => {
  it('round-trips a run, side by side with a preset or single on the default host', async () => {
    for (const r of [run, single]) {
      const fragment = await encodeVcpuShareFragment(r);
      expect(fragment.startsWith(`${VCPU_SHARE_PREFIX}v${VCPU_FORMAT_VERSION}.`)).toBe(true);
      expect(isVcpuShareFragment(fragment)).toBe(true);
      expect(await decodeVcpuShareFragment(fragment.slice(1))).toEqual({ ok: true, run: r });
    }
  });

  it('refuses every bad field, naming it', async () => {
    const cases: [(c: Compact) => void, string][] = [
      [(c) => { c.zz = 1; }, 'field zz is not a setting this app knows'],
      [(c) => { c.v = 2; }, 'field v is invalid: format version 2'],
      [(c) => { c.k = 'raft'; }, 'field kernel is invalid'],
      [(c) => { c.e = -1; }, 'field seed is invalid'],
      [(c) => { c.b = 0; }, 'field sideBySide is invalid'],
      [(c) => { c.o = 'xen'; }, 'field other is invalid: "xen" is not one of kvm, offload, bare-metal'],
      [(c) => { c.o = 'kvm'; }, 'field other is invalid: side by side needs two profiles'],
      [(c) => { c.r = 'default'; }, 'field preset is invalid'],
      [(c) => { c.r = 'HV-9'; }, 'field preset is invalid'],
      [(c) => { c.t = 1.5; }, 'field time is invalid'],
      [(c) => { c.p = 0; }, 'field speed is invalid'],
      [(c) => { c.c.sched = 'bvt'; }, 'field config.sched is invalid'],
      [(c) => { c.c.profile = 'xen'; }, 'field config.profile is invalid'],
      [(c) => { c.c.linux615 = 1; }, 'field config.linux615 is invalid'],
      [(c) => { c.c.mitigations = ['ple', 'ple']; }, 'field config.mitigations[1] is invalid: ple is listed twice'],
      [(c) => { c.c.broken = ['nope']; }, 'field config.broken[0] is invalid'],
      [(c) => { c.c.colour = 1; }, 'field config.colour is not a setting this app knows'],
      [(c) => { c.c.host.smt = 3; }, 'field config.host.smt is invalid'],
      [(c) => { c.c.host.coresPerSocket = 100; }, 'field config.host is invalid: 400 pCPUs'],
      [(c) => { c.c.vms = []; }, 'field config.vms is invalid: 0 VMs'],
      [(c) => { c.c.vms[0].name = '1web'; }, 'field config.vms[0].name is invalid'],
      [(c) => { c.c.vms[1].name = 'web'; }, 'field config.vms[1].name is invalid: "web" is the name of an earlier VM'],
      [(c) => { c.c.vms[0].vcpus = 65; }, 'field config.vms[0].vcpus is invalid'],
      [(c) => { c.c.vms[0].weight = 0; }, 'field config.vms[0].weight is invalid'],
      [(c) => { c.c.vms[0].workload = 'idle'; }, 'field config.vms[0].workload is invalid'],
      [(c) => { c.c.vms[0].pin = 8; }, 'field config.vms[0].pin is invalid'],
      [(c) => { delete c.c.vms[0].pin; }, 'field config.vms[0].pin is missing'],
      [(c) => { c.c.vms[0].periodNs = 5; }, 'field config.vms[0].periodNs is invalid'],
      [(c) => { c.c.vms[0].runNs = 1e400; }, 'field config.vms[0].runNs is invalid'],
      [(c) => { c.c.vms[0].dormant = 'no'; }, 'field config.vms[0].dormant is invalid'],
      [(c) => { c.c.vms[0].extra = 1; }, 'field config.vms[0].extra is not a setting'],
      [(c) => { c.c.vms[0].cap = 50; }, 'field config is invalid: VM web has a cap, which only credit enforces'],
      [(c) => { c.c.costs.coldPermille = 999; }, 'field config.costs.coldPermille is invalid'],
      [(c) => { delete c.c.costs.entryNs; }, 'field config.costs.entryNs is missing'],
      [(c) => { c.s = [[0, 'storm p99 1ms']]; }, 'field schedule[0].text is invalid: "storm p99 1ms"'],
      [(c) => { c.m = [[0, 'arrive ghost']]; }, 'field commands[0].text is invalid: "arrive ghost"'],
      [(c) => { c.m = [[0, 'arrive web']]; }, 'field commands[0].text is invalid: "arrive web" brings in VM web, which is not dormant'],
      [(c) => { c.m = [[5, 'upgrade'], [4, 'upgrade']]; }, 'field commands[1].at is invalid'],
      [(c) => { c.m = [[5, 'upgrade; upgrade']]; }, 'is not one command'],
    ];
    for (const [change, expected] of cases) expect(await reason(run, change), expected).toContain(expected);
    // Pin fits bare metal (one board pCPU per vCPU) but not the kvm column beside it.
    const pinned = describeVcpuRun({ ...initialSetup({ profile: 'bare-metal' }), config: { ...initialSetup({ profile: 'bare-metal' }).config, sched: 'pin' } }, [], 0, 'max');
    expect(await reason(pinned, (c) => { c.b = 1; c.o = 'kvm'; })).toContain('field other is invalid: kvm column: pin gives each vCPU its own hyperthread');
  });

  it('refuses damaged, other-version and other-kind links, and keeps within the command budget', async () => {
    const fragment = await encodeVcpuShareFragment(run);
    const cut = await decodeVcpuShareFragment(fragment.slice(0, -12));
    expect(cut.ok ? '' : cut.reason).toMatch(/^the vcpu link is damaged: /);
    expect(await decodeVcpuShareFragment(fragment.replace('v1.', 'v9.'))).toMatchObject({ ok: false, code: 'version' });
    expect(await decodeVcpuShareFragment('#logindex=v1.00000000.AA')).toMatchObject({ ok: false, code: 'prefix' });
    const many = Array.from({ length: 10_001 }, (_, i): [number, string] => [i, 'upgrade']);
    expect(await reason(run, (c) => { c.m = many; })).toContain('10001 commands, more than the 10,000 a run may carry');
    expect(await reason(run, (c) => { c.m = [[0, `upgrade${' '.repeat(500)}`]]; })).toContain('more than the 500 a command may have');
  });
});
