// One tiny typed message layer for all UI text. The locale comes from `?lang=` or the
// browser's languages; an unknown locale falls back to English, key by key. English is built
// in; another locale's catalogue loads behind import() when the page asks for it, so the first
// load carries one language, not every one (the budget in scripts/check-size.mjs).
import { en, type Catalogue, type MessageKey } from './en';

export { en, type Catalogue, type MessageKey };

export const LOCALE_TAGS = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALE_TAGS)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

const catalogues: Partial<Record<Locale, Catalogue>> = { en };
/** Messages a kernel's tab brings when it loads (its keys are its own: see addMessages). */
const added: Partial<Record<Locale, Record<string, string>>> = {};

/**
 * Adds a kernel's messages for a locale, so the first load carries the shell's only. The
 * kernel types its keys itself and calls t() through a cast (src/ui/raft/messages).
 */
export function addMessages(locale: Locale, messages: Readonly<Record<string, string>>): void {
  added[locale] = { ...added[locale], ...messages };
}

/**
 * A kernel tab's catalogues: English added at once, the page's locale loaded behind import().
 * `ready` settles once the page locale's messages are in (a failed load leaves English).
 */
export function kernelMessages(english: Readonly<Record<string, string>>, loaders: Partial<Record<Locale, () => Promise<Readonly<Record<string, string>>>>>): {
  load: (wanted: Locale) => Promise<void>;
  ready: Promise<void>;
} {
  addMessages('en', english);
  const load = async (wanted: Locale): Promise<void> => {
    const loader = loaders[wanted];
    if (loader !== undefined) addMessages(wanted, await loader());
  };
  return { load, ready: load(locale()).catch(() => undefined) };
}

/** Makes a catalogue available to translator() (loadLocale does it; tests register directly). */
export function registerCatalogue(locale: Locale, catalogue: Catalogue): void {
  catalogues[locale] = catalogue;
}

/** Fetches a locale's catalogue once; until it is there, that locale reads English. */
export async function loadLocale(locale: Locale): Promise<void> {
  if (catalogues[locale] !== undefined) return;
  if (locale === 'zh-CN') registerCatalogue(locale, (await import('./zh-CN')).zhCN);
}

/** Picks the first supported locale: the `lang` query parameter, then the browser's list. */
export function pickLocale(search: string, languages: readonly string[]): Locale {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of [...(asked ? [asked] : []), ...languages]) {
    const found = matchLocale(tag);
    if (found !== null) return found;
  }
  return 'en';
}

/** zh, zh-CN, zh-Hans, zh-SG all read Simplified Chinese; en-GB reads English. */
export function matchLocale(tag: string): Locale | null {
  const lower = tag.trim().toLowerCase();
  if (lower === '') return null;
  for (const locale of LOCALE_TAGS) if (locale.toLowerCase() === lower) return locale;
  const [language, script] = lower.split('-');
  if (language === 'zh' && script !== 'tw' && script !== 'hk' && script !== 'hant') return 'zh-CN';
  if (language === 'en') return 'en';
  return null;
}

export type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; a placeholder with no value stays visible, never blank. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, name: string) => (params[name] !== undefined ? String(params[name]) : match));
}

/**
 * Splits a message around its placeholders so a view can mark some parts up (a `<code>`, a
 * terminal colour) without HTML in the catalogue: even indices are text, odd ones the names.
 * `t(key)` without parameters keeps the placeholders for this.
 */
export function splitPlaceholders(message: string): string[] {
  return message.split(/\{([A-Za-z_][A-Za-z0-9_]*)\}/);
}

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  const catalogue: Catalogue = catalogues[locale] ?? en;
  const lookUp = (key: string): string | undefined =>
    (catalogue as Record<string, string>)[key] ?? added[locale]?.[key] ?? (en as Record<string, string>)[key] ?? added.en?.[key];
  // A key nobody has added yet shows itself rather than a blank.
  return (key, params) => format(lookUp(key) ?? key, params);
}

let current: Locale = 'en';
let currentT: Translate = translator('en');

/** Sets the page's locale once at startup (and the <html lang> attribute). */
export function setLocale(locale: Locale): void {
  current = locale;
  currentT = translator(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function locale(): Locale {
  return current;
}

/** The UI's message function: `t('lab.stepOf', { n: 2, total: 6 })`. */
export const t: Translate = (key, params) => currentT(key, params);
