// The #logindex= link and the run description inside it: a round trip gives the same run;
// every field is checked and a refusal names it; damaged, cut or other-version links and
// links past the budgets are refused (or, for replay work, gated) with a sentence.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config';
import { decodeLogIndexShareFragment, encodeLogIndexShareFragment, isLogIndexShareFragment, LOGINDEX_SHARE_PREFIX } from './link';
import { logIndexReplayAsk, timeToReplay } from './replayCost';
import { LOGINDEX_FORMAT_VERSION, logIndexToCompact, type LogIndexRunDescription } from './runDescription';
import { parseSchedule } from './schedule';
import { encodeLinkEnvelope } from '../../state/linkEnvelope';
import { encodeRaftShareFragment } from '../../state/raftShareLink';
import { RAFT_FORMAT_VERSION } from '../../state/raftRunDescription';
import { defaultConfig as raftConfig } from '../raft/config';
import { needsConsent } from '../replayBudget';
import { LOGINDEX_LINK } from './link';

const run: LogIndexRunDescription = {
  v: LOGINDEX_FORMAT_VERSION,
  kernel: 'logindex',
  config: { ...defaultConfig(), ro: 5, mode: 'full', broken: ['flush-control-off', 'bloom-false-negative'], writeTps: 6000 },
  seed: 42,
  writeScale: 1.5,
  sideBySide: true,
  schedule: parseSchedule('500ms crash ro2; 1200ms restart ro2; 1800ms crash rw; 2000ms promote ro1'),
  commands: parseSchedule('100ms delay ro1 2ms; 100ms loss ro3 12.5%; 300ms slow-storage 20x; 400ms starve ro5 2.5x; 600ms partition ro4; 700ms heal ro4; 800ms heal'),
  time: 2_500_000_000,
  speed: 'max',
  page: 17,
  node: 3,
};

/** The compact JSON of `run` with `change` applied, sealed in a proper link. */
async function linkWith(change: (c: Record<string, unknown> & { c: Record<string, unknown> }) => void): Promise<string> {
  const compact = JSON.parse(JSON.stringify(logIndexToCompact(run))) as Record<string, unknown> & { c: Record<string, unknown> };
  change(compact);
  return encodeLinkEnvelope(LOGINDEX_LINK, compact);
}

async function reason(change: (c: Record<string, unknown> & { c: Record<string, unknown> }) => void): Promise<string> {
  const decoded = await decodeLogIndexShareFragment(await linkWith(change));
  if (decoded.ok) throw new Error('the link was accepted');
  return decoded.reason;
}

describe('#logindex= link', () => {
  it('round-trips a run, side by side or single, with and without an inspected page', async () => {
    const fragment = await encodeLogIndexShareFragment(run);
    expect(fragment.startsWith(`${LOGINDEX_SHARE_PREFIX}v${LOGINDEX_FORMAT_VERSION}.`)).toBe(true);
    expect(isLogIndexShareFragment(fragment)).toBe(true);
    expect(await decodeLogIndexShareFragment(fragment)).toEqual({ ok: true, run });
    const single: LogIndexRunDescription = { ...run, sideBySide: false, page: null, node: null, speed: 250_000_000, schedule: [], config: { ...run.config, broken: [] } };
    expect(await decodeLogIndexShareFragment((await encodeLogIndexShareFragment(single)).slice(1))).toEqual({ ok: true, run: single });
  });

  it('refuses every bad field, naming it', async () => {
    const config = defaultConfig();
    for (const name of Object.keys(config)) {
      expect(await reason((c) => { c.c[name] = 'x'; }), name).toMatch(new RegExp(`^the logindex link is invalid: field config\\.${name}(\\[0\\])? is invalid`));
      expect(await reason((c) => { delete c.c[name]; }), name).toContain(`field config.${name} is missing`);
    }
    const cases: [(c: Record<string, unknown> & { c: Record<string, unknown> }) => void, string][] = [
      [(c) => { c.c.ro = 16; }, 'field config.ro is invalid: expected a whole number 1..15, got 16'],
      [(c) => { c.c.ro = 2.5; }, 'field config.ro is invalid'],
      [(c) => { c.c.writeTps = -1; }, 'field config.writeTps is invalid: expected a number 0..1000000, got -1'],
      [(c) => { c.c.hotPermille = 1001; }, 'field config.hotPermille is invalid'],
      [(c) => { c.c.tickNs = 5; }, 'field config.tickNs is invalid: expected a whole number 10000..10000000000, got 5'],
      [(c) => { c.c.broken = ['mtr-lock-off', 'no-such-option']; }, 'field config.broken[1] is invalid: "no-such-option" is not one of flush-control-off'],
      [(c) => { c.c.broken = ['mtr-lock-off', 'mtr-lock-off']; }, 'field config.broken[1] is invalid: mtr-lock-off is listed twice'],
      [(c) => { c.c.broken = 'mtr-lock-off'; }, 'field config.broken is invalid: expected a list'],
      [(c) => { c.c.mode = 'eager'; }, 'field config.mode is invalid: "eager" is not one of lazy, full'],
      [(c) => { c.c.colour = 'red'; }, 'field config.colour is not a setting this app knows'],
      [(c) => { (c as Record<string, unknown>).c = []; }, 'field config is invalid: expected an object'],
      [(c) => { c.zz = 1; }, 'field zz is not a setting this app knows'],
      [(c) => { c.v = 2; }, 'field v is invalid: format version 2, this app reads version 1'],
      [(c) => { c.k = 'raft'; }, 'field kernel is invalid: "raft" is not the logindex kernel'],
      [(c) => { c.e = -1; }, 'field seed is invalid: expected a whole number 0..2147483647, got -1'],
      [(c) => { delete c.e; }, 'field seed is missing'],
      [(c) => { c.w = 17; }, 'field writeScale is invalid: expected a number 0..16, got 17'],
      [(c) => { c.b = 0; }, 'field sideBySide is invalid: expected 1 or nothing, got 0'],
      [(c) => { c.s = {}; }, 'field schedule is invalid: expected a list'],
      [(c) => { c.m = [[100, 'delay ro1 2ms', 3]]; }, 'field commands[0] is invalid: expected a list of 2 values'],
      [(c) => { c.m = [[-5, 'heal']]; }, 'field commands[0].at is invalid: expected a whole number'],
      [(c) => { c.m = [[200, 'heal'], [100, 'heal']]; }, 'field commands[1].at is invalid: 100 ns comes before the previous command\'s 200 ns'],
      [(c) => { c.m = [[100, 'crash ro9']]; }, 'field commands[0].text is invalid: "crash ro9" names ro9, but the run has 5 replicas'],
      [(c) => { c.m = [[100, 'explode ro1']]; }, 'field commands[0].text is invalid: "explode ro1": unknown command "explode"'],
      [(c) => { c.m = [[100, 'loss ro1 150%']]; }, 'field commands[0].text is invalid: "loss ro1 150%": "150%" is not a percentage 0%..100% in steps of 0.1% (column 10)'],
      [(c) => { c.m = [[100, 'heal; crash rw']]; }, 'field commands[0].text is invalid: "heal; crash rw" is not one command'],
      [(c) => { c.m = [[100, 7]]; }, 'field commands[0].text is invalid: expected command text'],
      [(c) => { c.s = [[100, 'promote rw']]; }, 'field schedule[0].text is invalid: "promote rw": "rw" is not a replica ro1..ro15'],
      [(c) => { c.t = 1.5; }, 'field time is invalid: expected a whole number'],
      [(c) => { delete c.t; }, 'field time is missing'],
      [(c) => { c.p = 0; }, 'field speed is invalid: expected a whole number 1..'],
      [(c) => { c.p = 'fast'; }, 'field speed is invalid'],
      [(c) => { c.g = 4096; }, 'field page is invalid: expected a whole number 0..4095, got 4096'],
      [(c) => { c.n = 6; }, 'field node is invalid: expected a whole number 0..5, got 6'],
    ];
    for (const [change, expected] of cases) expect(await reason(change), expected).toContain(expected);
    const notAnObject = await decodeLogIndexShareFragment(await encodeLinkEnvelope(LOGINDEX_LINK, [1, 2]));
    expect(notAnObject).toMatchObject({ ok: false, code: 'field', reason: 'the logindex link is invalid: the data is not a logindex run description (expected an object)' });
  });

  it('refuses damaged, cut and other-version links, and other kinds of link', async () => {
    const fragment = await encodeLogIndexShareFragment(run);
    const cut = await decodeLogIndexShareFragment(fragment.slice(0, fragment.length - 12));
    expect(cut).toMatchObject({ ok: false });
    expect(cut.ok ? '' : cut.reason).toMatch(/^the logindex link is damaged: /);
    const last = fragment.at(-1) === 'A' ? 'B' : 'A';
    const changed = await decodeLogIndexShareFragment(fragment.slice(0, -1) + last);
    expect(changed.ok ? '' : changed.reason).toMatch(/^the logindex link is damaged: /);
    const newer = await decodeLogIndexShareFragment(fragment.replace(`v${LOGINDEX_FORMAT_VERSION}.`, 'v9.'));
    expect(newer).toEqual({ ok: false, code: 'version', reason: 'this logindex link was made by format version 9; this app reads version 1' });
    expect(await decodeLogIndexShareFragment('#logindex=')).toMatchObject({ ok: false, code: 'malformed' });
    const raft = await encodeRaftShareFragment({
      v: RAFT_FORMAT_VERSION, kernel: 'raft', config: raftConfig(), sideBySide: false, scenario: null, schedule: [], commands: [], time: 0, speed: 'max', selected: null,
    });
    expect(isLogIndexShareFragment(raft)).toBe(false);
    expect(await decodeLogIndexShareFragment(raft)).toEqual({ ok: false, code: 'prefix', reason: 'not a logindex link: the fragment does not start with #logindex=' });
  });

  it('refuses links past the command budgets and gates long replays by consent', async () => {
    const many = Array.from({ length: 10_001 }, (_, i): [number, string] => [i, 'heal']);
    expect(await reason((c) => { c.m = many; })).toContain('field commands is invalid: 10001 commands, more than the 10,000 a run may carry');
    expect(await reason((c) => { c.m = [[0, `heal${' '.repeat(500)}`]]; })).toContain('field commands[0].text is invalid: 504 characters, more than the 500 a command may have');
    const atLimit = await decodeLogIndexShareFragment(await linkWith((c) => { c.m = many.slice(0, 10_000); }));
    expect(atLimit.ok).toBe(true);

    const far = await decodeLogIndexShareFragment(await linkWith((c) => { c.t = 3_600_000_000_000; }));
    if (!far.ok) throw new Error(far.reason);
    const ns = timeToReplay(far.run.time, far.run.commands.map((c) => c.at));
    expect(needsConsent(logIndexReplayAsk(far.run.config, ns, far.run.sideBySide ? 2 : 1))).toBe(true);
    expect(needsConsent(logIndexReplayAsk(run.config, timeToReplay(run.time, run.commands.map((c) => c.at)), 2))).toBe(false);
  });
});
