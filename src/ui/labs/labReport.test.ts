// The report from real progress on the real kernel: self-contained, no script, escaped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { HeadlessGpuPool } from '../../kernels/gpupool/headless';
import { parseLab } from '../../labs/labFile';
import { LabSession } from '../../labs/session';
import { gpupoolModule } from '../../testing/fixtures';
import { progressReportHtml, reportFileName } from './labReport';

describe('progressReportHtml', () => {
  it('reports steps, a predict answer and the command log, with no script and escaped text', async () => {
    const source = readFileSync('labs/01-fragmentation.md', 'utf8').replace('title: Why a cluster far from full refuses a pod', 'title: "<img src=x onerror=alert(1)> lab"');
    const parsed = parseLab('labs/01-fragmentation.md', source);
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const session = await LabSession.open(parsed.lab, new HeadlessGpuPool(gpupoolModule()), { learnerSeed: 3 });
    session.answerPredict(1);
    await session.run('query fragRatio');
    await session.check();
    await session.next();
    const html = progressReportHtml(parsed.lab, session.progress, translator('en'), 'en');
    // Only the report's own tags: the lab's title stays text.
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1].toLowerCase()));
    expect([...tags].sort()).toEqual(['!doctype', 'body', 'br', 'h1', 'h2', 'head', 'html', 'li', 'meta', 'p', 'section', 'style', 'table', 'td', 'th', 'title', 'tr', 'ul']);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; lab');
    expect(html).toContain('Step 1: An empty cluster is already fragmented');
    expect(html).toContain('answer About 14 %, kernel About 14 %: right');
    expect(html).toContain('<td>query fragRatio</td>');
    expect(html).toContain('1 of 6 steps completed');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const zh = progressReportHtml(parsed.lab, session.progress, translator('zh-CN'), 'zh-CN');
    expect(zh).toContain('已完成 1/6 步');
    expect(reportFileName(session.progress, 'html')).toBe('fragmentation-refuses-a-pod-progress.html');
  });
});
