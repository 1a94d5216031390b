// The --scenario reader and the fault schedule: what they accept, and every refusal naming
// its JSON path (or line and column).
import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario';
import { parseSchedule } from './schedule';

const ISSUE = '{"links":[{"from":"A","to":"B","gbps":10,"rttMs":200,"loss":0}],"flows":[{"from":"A","to":"B","at":"0s","bytes":"10GiB","window":"16MiB"}]}';

const refusal = (text: string): string => {
  try {
    parseScenario(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`accepted: ${text}`);
};

describe('--scenario', () => {
  it("reads the issue's example", () => {
    const { network, sharing } = parseScenario(ISSUE);
    expect(sharing).toBe('max-min');
    expect(network.nodes).toEqual(['A', 'B']);
    expect(network.links).toEqual([{ from: 'A', to: 'B', gbps: 10, delayNs: 100e6, loss: 0 }]);
    expect(network.flows).toEqual([{ id: 'f0', from: 'A', to: 'B', atNs: 0, bytes: 10 * 2 ** 30, windowBytes: 16 * 2 ** 20 }]);
  });

  it('names the JSON path of each bad field', () => {
    const cases: [string, string][] = [
      ['{"links":[{"from":"A","to":"B","gbps":-1,"rttMs":200}],"flows":[]}', '$.links[0].gbps: -1 is out of range'],
      ['{"links":[{"from":"A","to":"B","gbps":10}],"flows":[]}', '$.links[0].rttMs: is missing'],
      ['{"links":[{"from":"A","to":"A","gbps":10,"rttMs":1}],"flows":[]}', '$.links[0].to: a link joins two nodes'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1,"los":0}],"flows":[]}', '$.links[0].los: unknown key'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1,"loss":1}],"flows":[]}', '$.links[0].loss: 1 is out of range 0..0.999'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1}],"flows":[{"from":"A","to":"C","bytes":"1GiB"}]}', '$.flows[0].to: "C" is not a node any link touches'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1}],"flows":[{"from":"A","to":"B","bytes":"10 parsecs"}]}', '$.flows[0].bytes: must be a size'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1}],"flows":[{"from":"A","to":"B","bytes":1,"at":"soon"}]}', '$.flows[0].at: the time "soon" is not a duration'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1}],"flows":[{"from":"A","to":"B","bytes":1,"window":0}]}', '$.flows[0].window: must be a size'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1}],"flows":[{"id":"x","from":"A","to":"B","bytes":1},{"id":"x","from":"B","to":"A","bytes":1}]}', '$.flows[1].id: "x" is given to two flows'],
      ['{"links":[],"flows":[]}', '$.links: holds no link'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1}],"flows":[],"sharing":"fair"}', '$.sharing: must be "max-min" or "rtt-weighted"'],
      ['[1]', '$: must be an object'],
      ['{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1}]}', '$.flows: is missing'],
      ['{"links":[{"from":"A b","to":"B","gbps":10,"rttMs":1}],"flows":[]}', '$.links[0].from: must be a node name'],
    ];
    for (const [text, message] of cases) expect(refusal(text), text).toContain(message);
  });

  it('names the line and column of a syntax error', () => {
    expect(refusal('{\n  "links": [,]\n}')).toMatch(/^\$: not JSON \(line 2, column 13\)/);
  });
});

describe('--faults', () => {
  const { network } = parseScenario('{"links":[{"from":"A","to":"B","gbps":10,"rttMs":1},{"from":"B","to":"C","gbps":10,"rttMs":1}],"flows":[]}');

  it('reads every command, a link by its two ends in either order', () => {
    const s = parseSchedule('1s cut B A; 2s restore A B\n3s outage C; 4s capacity B C 40%; 5s loss A B 0.01%', network);
    expect(s.map((c) => [c.at, c.command])).toEqual([
      [1e9, { kind: 'cut', link: 0 }], [2e9, { kind: 'restore', link: 0 }], [3e9, { kind: 'outage', node: 2 }],
      [4e9, { kind: 'capacity', link: 1, share: 0.4 }], [5e9, { kind: 'loss', link: 0, rate: 0.0001 }],
    ]);
  });

  it('names the line and column of each mistake', () => {
    const err = (text: string): string => {
      try {
        parseSchedule(text, network);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(err('1s cut A C')).toBe('--faults:1:8: no link joins A and C');
    expect(err('1s cut A B; 2s outage D')).toBe('--faults:1:23: "D" is not a node of this network (A, B, C)');
    expect(err('1s cut A B\nsoon cut A B')).toBe('--faults:2:1: "soon" is not a time (write it like 20s, 150ms)');
    expect(err('1s capacity A B 140%')).toBe('--faults:1:17: "140%" is not a share 0%..100% like 40%');
    expect(err('1s explode A')).toBe('--faults:1:4: unknown command "explode" (cut, restore, outage, capacity, loss)');
    expect(err('1s outage A B')).toBe('--faults:1:13: outage takes 1 argument');
  });
});

describe('JSON error positions', () => {
  it('finds where the text first goes wrong', async () => {
    const { jsonErrorOffset } = await import('./jsonPosition');
    expect(jsonErrorOffset('{"a":1}')).toBe(-1);
    expect(jsonErrorOffset('{"a":1,}')).toBe(7);
    expect(jsonErrorOffset('{"a":')).toBe(5);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('"x\\q"')).toBe(3);
    expect(refusal('{"links":')).toContain('not JSON (at the end of the file)');
  });
});
