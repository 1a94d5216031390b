// The labs shipped with the app. The Markdown files are bundled (each behind its own lazy
// chunk, which the service worker precaches), so labs open offline. A lab translated into
// the learner's locale replaces the English one with the same id. GPU-pool and raft labs both
// open in the pane (the lab controller picks the simulation by the scenario).
import { parseLab, formatLabError, type Lab } from '../../labs';

/** One lab as the list shows it, with every translation found. */
export interface CatalogEntry {
  id: string;
  lab: Lab;
  /** The other translations of the same lab, by locale. */
  translations: Record<string, Lab>;
}

export interface Catalog {
  entries: CatalogEntry[];
  /** Shipped labs that failed to parse: a build-time mistake, shown rather than hidden. */
  problems: string[];
}

type Loader = () => Promise<string>;

const SHIPPED = import.meta.glob<string>(['../../../labs/*.md', '!../../../labs/README.md'], { query: '?raw', import: 'default', eager: false });

/** `../../../labs/01-x.md` -> `labs/01-x.md`, the name errors use. */
const fileName = (path: string): string => path.replace(/^(\.\.\/)+/, '');

/** Reads and parses every lab; groups translations by id and picks the locale's version. */
export async function loadCatalog(locale: string, files: Record<string, Loader> = SHIPPED): Promise<Catalog> {
  const problems: string[] = [];
  const byId = new Map<string, Lab[]>();
  const paths = Object.keys(files).sort();
  const texts = await Promise.all(paths.map((p) => files[p]()));
  paths.forEach((path, i) => {
    const parsed = parseLab(fileName(path), texts[i]);
    if (!parsed.ok) {
      problems.push(...parsed.errors.map(formatLabError));
      return;
    }
    const list = byId.get(parsed.lab.id) ?? [];
    list.push(parsed.lab);
    byId.set(parsed.lab.id, list);
  });
  const entries = [...byId.entries()].map(([id, labs]) => ({ id, lab: pickTranslation(labs, locale), translations: Object.fromEntries(labs.map((l) => [l.locale, l])) }));
  // In file order (01-, 02-, ...), whatever the translations are called.
  entries.sort((a, b) => (a.translations.en?.file ?? a.lab.file).localeCompare(b.translations.en?.file ?? b.lab.file));
  return { entries, problems };
}

/** The locale's version, else its language's, else English, else the first. */
export function pickTranslation(labs: Lab[], locale: string): Lab {
  const language = locale.split('-')[0];
  return labs.find((l) => l.locale === locale) ?? labs.find((l) => l.locale.split('-')[0] === language) ?? labs.find((l) => l.locale === 'en') ?? labs[0];
}
