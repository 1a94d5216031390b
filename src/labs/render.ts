// Markdown of a step -> HTML for a UI. ```hlab blocks become command lists a UI can make
// clickable (data-hlab-command on each line). The result always goes through the caller's
// sanitiser (DOMPurify in the browser); lab text is never trusted as HTML.
import { Marked, type Tokens } from 'marked';
import { substitute, type VariableValues } from './variables';

export type Sanitizer = (html: string) => string;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function renderer(variables: VariableValues): Marked {
  return new Marked({
    gfm: true,
    renderer: {
      code(token: Tokens.Code): string | false {
        if ((token.lang ?? '').split(/\s/)[0].toLowerCase() !== 'hlab') return false;
        const lines = token.text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
        const items = lines.map((line) => {
          const command = escapeHtml(substitute(line, variables).text);
          return `<li><code class="hlab-command" data-hlab-command="${command}">${command}</code></li>`;
        });
        return `<ul class="hlab-commands">${items.join('')}</ul>\n`;
      },
    },
  });
}

/**
 * Renders a step's (or hint's) Markdown with the learner's variables filled in. `sanitize`
 * is required: pass DOMPurify.sanitize in the browser; Node callers that only inspect the
 * HTML may pass their own.
 */
export function renderStepMarkdown(markdown: string, sanitize: Sanitizer, variables: VariableValues = {}): string {
  const html = renderer(variables).parse(substituteProse(markdown, variables), { async: false });
  return sanitize(html);
}

/** $name in prose becomes the learner's value; other dollar signs are left alone. */
function substituteProse(markdown: string, variables: VariableValues): string {
  return markdown.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, name: string) => (variables[name] !== undefined ? String(variables[name]) : match));
}
