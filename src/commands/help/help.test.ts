// The Chinese help covers every command, and help reads it in place of the English summary.
import { describe, expect, test } from 'vitest';
import { COMMAND_NAMES, COMMAND_SPECS, helpLines } from '../registry';
import { raftGrammar } from '../../kernels/raft/grammar';
import { helpZhCN } from './zh-CN';

describe('help in zh-CN', () => {
  test('every command has a Chinese summary', () => {
    expect(COMMAND_NAMES.filter((name) => !helpZhCN.summaries[name])).toEqual([]);
  });

  test('the list and one topic read the Chinese texts; syntax stays as typed', () => {
    const list = helpLines(null, helpZhCN);
    expect(list[0]).toBe(helpZhCN.heading);
    expect(list.find((l) => l.trimStart().startsWith('seek'))).toContain('跳到任意一步');
    const seek = helpLines('seek', helpZhCN);
    expect(seek[0]).toMatch(/^seek /);
    expect(seek[1]).toBe(`  ${helpZhCN.summaries.seek}`);
    expect(helpLines('zzz', helpZhCN)).toEqual(['help：没有名为 "zzz" 的命令；输入 help 查看命令列表']);
  });
});

describe('help details in zh-CN', () => {
  // English prose words, outside the <placeholders> the syntax keeps.
  const hasLatinProse = (line: string): boolean => /\b(the|and|of|is|a|an|to)\b/.test(line.replace(/<[^>]*>/g, ''));

  test('every command with prose before its examples has Chinese details, and they are Chinese', () => {
    for (const name of COMMAND_NAMES) {
      const spec = COMMAND_SPECS.find((s) => s.name === name)!;
      const at = spec.help.indexOf('Examples:');
      const prose = at < 0 ? spec.help : spec.help.slice(0, at);
      if (prose.length === 0) continue;
      expect(helpZhCN.details[name], name).toBeDefined();
      for (const line of helpZhCN.details[name]!) expect(hasLatinProse(line), `${name}: ${line}`).toBe(false);
    }
  });

  test('help <command> prints the Chinese details, then the examples as typed', () => {
    const seek = helpLines('seek', helpZhCN);
    expect(seek).toContain(`  ${helpZhCN.details.seek![0]}`);
    expect(seek).toContain('  示例：');
    expect(seek).toContain('    seek 5000');
    expect(seek.join('\n')).not.toContain('Examples:');
    expect(seek.join('\n')).not.toContain('absolute step');
    // A command with only examples keeps them, under the Chinese word.
    expect(helpLines('run', helpZhCN)).toEqual(['run', `  ${helpZhCN.summaries.run}`, '  示例：', '    run']);
  });

  test('raft brings its own Chinese details with its grammar', async () => {
    const lines = await raftGrammar.localHelp!['zh-CN']();
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(hasLatinProse(line), line).toBe(false);
  });
});
