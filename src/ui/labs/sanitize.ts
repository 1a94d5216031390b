// Lab Markdown becomes HTML only through here: DOMPurify strips scripts, event handlers,
// javascript: links, styles and forms, so a lab file can never run code in the page.
import DOMPurify from 'dompurify';
import { renderStepMarkdown } from '../../labs';
import type { VariableValues } from '../../labs/variables';

const CONFIG = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
  FORBID_ATTR: ['style', 'srcset'],
  ALLOW_DATA_ATTR: true,
};

export function sanitizeLabHtml(html: string): string {
  return DOMPurify.sanitize(html, CONFIG);
}

export function labHtml(markdown: string, variables: VariableValues = {}): string {
  return renderStepMarkdown(markdown, sanitizeLabHtml, variables);
}
