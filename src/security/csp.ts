// The page's Content-Security-Policy, delivered as a <meta> in the built index.html so it holds
// on any static host (no server headers needed). Scripts come only from the site itself; eval
// and inline scripts are refused; 'wasm-unsafe-eval' lets WebAssembly compile, nothing more.
//
// Why each relaxation is there:
// - style-src 'unsafe-inline': xterm's DOM renderer writes its theme colours and cell sizes into
//   <style> elements at run time. A static host cannot hand out nonces and the rules change
//   with the font and theme, so hashes cannot match them either. Styles cannot run code.
// - connect-src https:: `load url` reads traces from any HTTPS host that allows cross-origin
//   reads (lab 03 asks for it). Scripts are still ours only, so nothing else can fetch.
// - img-src data: blob:: the icon is a data: URL; chart PNGs are drawn from blob: URLs.
// frame-ancestors, report-uri and sandbox are ignored in a <meta>, so they are left out.
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'", 'https:'],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');
