// What a learner hands in: their progress as a JSON file (to import elsewhere) and as one
// self-contained HTML page an instructor opens anywhere, offline. The page has inline CSS
// and no script; every piece of text in it is escaped, so nothing in a lab or a log can
// become markup.
import type { Lab, LabProgress } from '../../labs';
import { gradePredict } from '../../labs/predict';
import type { Translate } from '../../i18n';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function progressJson(progress: LabProgress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

/** A file name from the lab id (already lowercase letters, digits and dashes). */
export function reportFileName(progress: LabProgress, extension: 'html' | 'json'): string {
  return `${progress.labId.replace(/[^a-z0-9-]/g, '') || 'lab'}-progress.${extension}`;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:860px;margin:2em auto;padding:0 1em;color:#0f172a;background:#fff}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.15em;margin:1.4em 0 .3em}
.meta{color:#475569}.ok{color:#15803d;font-weight:600}.no{color:#b91c1c;font-weight:600}
ul{margin:.3em 0}li{margin:.1em 0}
table{border-collapse:collapse;width:100%;font:13px ui-monospace,Menlo,Consolas,monospace}
td,th{border-bottom:1px solid #e2e8f0;padding:2px 8px;text-align:left}
.step{border-left:4px solid #cbd5e1;padding-left:12px}.step.done{border-color:#16a34a}
`;

/** The report as one HTML document (a string to download). `t` is the page's language. */
export function progressReportHtml(lab: Lab, progress: LabProgress, t: Translate, lang: string): string {
  const e = escapeHtml;
  const done = progress.steps.filter((s) => s.completed).length;
  const parts: string[] = [];
  parts.push(`<h1>${e(t('report.title', { title: progress.labTitle }))}</h1>`);
  parts.push(`<p class="meta">${e(t('report.summary', { done, total: progress.steps.length }))} · ${e(t('report.seed', { seed: progress.learnerSeed }))}</p>`);
  const variables = Object.entries(progress.variables);
  if (variables.length > 0) {
    parts.push(`<p class="meta">${e(t('report.variables'))}: ${variables.map(([k, v]) => `$${e(k)} = ${e(String(v))}`).join(', ')}</p>`);
  }
  if (progress.setupNotes.length > 0) parts.push(`<ul>${progress.setupNotes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  progress.steps.forEach((step, i) => {
    const title = lab.steps[i]?.title ?? '';
    const items: string[] = [];
    items.push(`<li class="${step.completed ? 'ok' : 'no'}">${e(t(step.completed ? 'report.completed' : 'report.notCompleted'))}</li>`);
    items.push(`<li>${e(t('report.checks', { n: step.checkAttempts }))}${step.lastCheck ? ` · ${e(t('report.lastCheck', { message: step.lastCheck.message }))}` : ''}</li>`);
    items.push(`<li>${e(t('report.hints', { n: step.hintsUsed }))}${step.solutionShown ? ` · ${e(t('report.solutionShown'))}` : ''}</li>`);
    const predict = lab.steps[i]?.predict;
    if (predict && step.predict) {
      const question = substituteText(predict.question, progress.variables);
      let line = t('report.unanswered');
      if (step.predict.answer !== null) {
        const grade = gradePredict(predict, step.predict.expectation, step.predict.answer);
        const answer = predict.kind === 'choice' ? predict.choices[step.predict.answer]?.text ?? String(step.predict.answer) : String(step.predict.answer);
        line = t('report.answer', { answer, expected: grade.expected, verdict: t(grade.correct ? 'report.right' : 'report.wrong') });
      }
      items.push(`<li>${e(t('report.predict', { question }))}<br>${e(line)}</li>`);
    }
    parts.push(`<section class="step${step.completed ? ' done' : ''}"><h2>${e(t('report.step', { n: i + 1, title }))}</h2><ul>${items.join('')}</ul></section>`);
  });
  const rows = progress.log.flatMap((entry) => {
    if (entry.kind === 'begin') return [`<tr><th colspan="3">${e(t('report.step', { n: entry.step + 1, title: lab.steps[entry.step]?.title ?? '' }))}</th></tr>`];
    if (entry.kind === 'command') return [`<tr><td>${e(entry.text)}</td><td>@${entry.at}</td><td class="${entry.ok ? 'ok' : 'no'}">${entry.ok ? '✓' : '✗'}</td></tr>`];
    return [];
  });
  parts.push(`<h2>${e(t('report.log'))}</h2><table>${rows.join('')}</table>`);
  parts.push(`<p class="meta">${e(t('report.generated'))}</p>`);
  return `<!doctype html>
<html lang="${e(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(t('report.title', { title: progress.labTitle }))}</title><style>${STYLE}</style></head>
<body>${parts.join('\n')}</body></html>
`;
}

function substituteText(text: string, variables: Record<string, string | number>): string {
  return text.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, name: string) => (variables[name] !== undefined ? String(variables[name]) : m));
}
