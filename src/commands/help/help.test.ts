// The Chinese help covers every command, and help reads it in place of the English summary.
import { describe, expect, test } from 'vitest';
import { COMMAND_NAMES, helpLines } from '../registry';
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
