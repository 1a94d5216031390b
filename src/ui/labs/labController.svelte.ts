// The lab pane's state and actions: which lab is open, the engine session, its progress
// (autosaved to IndexedDB on every change), the hint ladder, predicts, presenter mode and
// the `#lab=<id>&step=N` address. Commands the learner runs — clicked in the pane or typed
// in the terminal — all go through the app's bus; this class records what the bus ran.
import { downloadBlob } from '../download';
import type { CommandBus, ResultEvent } from '../../commands/bus';
import { parseCommand } from '../../commands/parse';
import type { Command } from '../../commands/types';
import { LabSession, type Lab, type LabProgress, type LabStep } from '../../labs';
import { gradePredict, type PredictGrade } from '../../labs/predict';
import { locale, t } from '../../i18n';
import { LabProgressStore, memoryLabProgressBackend, openIndexedDbLabProgressBackend, progressProblem, type SavedLabProgress } from '../../state/labProgress';
import { LabSimulationRouter } from './labSimulationRouter';
import type { LabApp } from './kernelLabSimulation';
import { loadCatalog, type CatalogEntry } from './labCatalog';
import { progressJson, progressReportHtml, reportFileName } from './labReport';
import { parseLab, formatLabError } from '../../labs';
import { runsToEnd } from '../../labs/labFile';

export type { LabApp };

export const LAB_HASH_PREFIX = '#lab=';

/** Commands that change nothing in the run, or drive the lab itself: never replayed. */
const UNRECORDED = new Set<string>(['help', 'history', 'clear', 'lab', 'presenter', 'share', 'stats']);

/** Reads `#lab=<id>&step=N` (N counted from 1); null when the fragment is something else. */
export function parseLabHash(hash: string): { id: string; step: number | null } | null {
  if (!hash.startsWith(LAB_HASH_PREFIX)) return null;
  const params = new URLSearchParams(hash.slice(1));
  const id = params.get('lab') ?? '';
  if (!/^[a-z0-9-]+$/.test(id)) return null;
  const raw = params.get('step');
  const step = raw !== null && /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : null;
  return { id, step };
}

export function labHash(id: string, step: number): string {
  return `${LAB_HASH_PREFIX}${id}&step=${step}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A learner seed for the variables: random per browser, kept with the progress. */
function newLearnerSeed(): number {
  const word = new Uint32Array(1);
  crypto.getRandomValues(word);
  return word[0];
}

export class LabController {
  entries = $state.raw<CatalogEntry[]>([]);
  saved = $state.raw<Record<string, SavedLabProgress>>({});
  listOpen = $state(false);
  lab = $state.raw<Lab | null>(null);
  progress = $state.raw<LabProgress | null>(null);
  /** What the pane is doing (opening, checking, replaying), or null when idle. */
  busy = $state<string | null>(null);
  /** The last grade shown for the current step's predict, once its forward run ended. */
  grade = $state.raw<PredictGrade | null>(null);
  confirmingSolution = $state(false);
  presenter = $state(false);
  terminalHidden = $state(false);
  /** Notes about this lab session (a fallback workload, a resume). */
  notes = $state.raw<string[]>([]);

  private session: LabSession | null = null;
  private readonly sim: LabSimulationRouter;
  private readonly store: Promise<LabProgressStore>;
  private recording = false;
  /** Records of bus results, in order; actions wait for it before reading counts. */
  private records: Promise<void> = Promise.resolve();
  private actions: Promise<unknown> = Promise.resolve();
  private saves: Promise<void> = Promise.resolve();
  private ready: Promise<void> | null = null;

  constructor(readonly app: LabApp) {
    this.sim = new LabSimulationRouter(app);
    this.store = openIndexedDbLabProgressBackend()
      .catch(() => memoryLabProgressBackend())
      .then((backend) => new LabProgressStore(backend));
    app.bus.onResult((event) => this.onBusResult(event));
    this.registerCommands();
  }

  /**
   * `lab ...` and `presenter ...` in the terminal. A handler runs inside the bus queue, and
   * lab work dispatches commands of its own, so handlers start the work and return at once;
   * the pane (and a message for checks) shows the outcome.
   */
  private registerCommands(): void {
    const bus = this.app.bus;
    const ok = (...lines: string[]) => ({ ok: true, lines });
    const noLab = { ok: false, lines: ['lab: no lab is open; "lab list" shows them, "lab open <id>" opens one'] };
    bus.register('presenter', async (c) => {
      this.setPresenter(c.on);
      return ok(t(c.on ? 'lab.presenterOn' : 'lab.presenterOff'));
    });
    bus.register('lab', async (c) => {
      if (c.action === 'list') {
        await this.load();
        this.listOpen = true;
        return ok(...this.entries.map((e) => `${e.id}  ${e.lab.title} (${t('labs.minutes', { minutes: e.lab.minutes })})`));
      }
      if (c.action === 'open') {
        await this.load();
        if (!this.entries.some((e) => e.id === c.id)) return { ok: false, lines: [t('labs.noLab', { id: c.id })] };
        void this.open(c.id);
        return ok(`${t('labs.loading')} ${c.id}`);
      }
      if (this.session === null) return noLab;
      switch (c.action) {
        case 'check':
          void this.check().then(() => {
            const record = this.progress && this.step ? this.progress.steps[this.step.index].lastCheck : null;
            const next = this.step?.notYet ? ` ${this.personalise(this.step.notYet)}` : '';
            if (record) this.app.notify(record.pass ? 'info' : 'warning', record.pass ? t('lab.checkPassed') : `${t('lab.checkFailed', { message: record.message })}${next}`);
          });
          return ok(t('lab.checking'));
        case 'hint':
          this.hint();
          return ok();
        case 'next':
          if (!this.progress?.steps[this.step?.index ?? -1]?.completed) return { ok: false, lines: ['lab next: this step\'s check has not passed yet; try "lab check"'] };
          void this.continue();
          return ok();
        case 'reset-step':
          void this.resetStep();
          return ok();
        case 'export':
          this.exportHtml();
          return ok(t('lab.exportHtml'));
        case 'close':
          this.close();
          return ok();
      }
    });
  }

  /** Lab text with the learner's variable values in place of $name. */
  personalise(text: string): string {
    return this.session?.personalise(text) ?? text;
  }

  get bus(): CommandBus {
    return this.app.bus;
  }

  /** Loads the catalogue and the saved progress of every lab (once). */
  load(): Promise<void> {
    this.ready ??= (async () => {
      const catalog = await loadCatalog(locale());
      this.entries = catalog.entries;
      for (const problem of catalog.problems) this.app.notify('error', problem);
      await this.refreshSaved();
    })();
    return this.ready;
  }

  private async refreshSaved(): Promise<void> {
    const all = await (await this.store).all();
    this.saved = Object.fromEntries(all.map((r) => [r.labId, r]));
  }

  get step(): LabStep | null {
    const lab = this.lab;
    const p = this.progress;
    return lab && p ? lab.steps[p.current] ?? null : null;
  }

  get finished(): boolean {
    return this.lab !== null && this.progress !== null && this.progress.current >= this.lab.steps.length;
  }

  /** True while the current step's predict waits for an answer (its commands wait too). */
  get predictPending(): boolean {
    const step = this.step;
    const record = step ? this.progress?.steps[step.index].predict : null;
    return record !== null && record !== undefined && record.answer === null;
  }

  // ---- opening and closing --------------------------------------------------------------

  /** Runs one pane action at a time; a click during a replay waits for it. */
  private act<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
    const run = async (): Promise<T | undefined> => {
      this.busy = label;
      try {
        return await work();
      } catch (error) {
        this.app.notify('error', errorText(error));
        return undefined;
      } finally {
        this.busy = null;
      }
    };
    const result = this.actions.then(run, run);
    this.actions = result.catch(() => undefined);
    return result;
  }

  /** Opens a lab from the list or a link: resumes saved progress, else starts afresh. */
  open(id: string, linkStep: number | null = null): Promise<void> {
    return this.act(t('labs.loading'), async () => {
      await this.load();
      const entry = this.entries.find((e) => e.id === id);
      if (entry === undefined) {
        this.app.notify('error', t('labs.noLab', { id }));
        return;
      }
      await this.start(entry.lab, linkStep);
    }).then(() => undefined);
  }

  /** Opens a lab file the learner picked (an author trying a lab, or a course's own lab). */
  openFile(name: string, text: string): Promise<void> {
    return this.act(t('labs.loading'), async () => {
      const parsed = parseLab(name, text);
      if (!parsed.ok) {
        this.app.notify('error', t('labs.loadError', { file: name, error: parsed.errors.map(formatLabError).join('\n') }));
        return;
      }
      const lab = parsed.lab;
      this.entries = [...this.entries.filter((e) => e.id !== lab.id), { id: lab.id, lab, translations: { [lab.locale]: lab } }];
      await this.start(lab, null);
    }).then(() => undefined);
  }

  private async start(lab: Lab, linkStep: number | null): Promise<void> {
    const store = await this.store;
    const { saved, keptAside } = await store.loadKeepingDamaged(lab.id, lab.steps.length);
    if (keptAside !== null) this.app.notify('warning', t('lab.progressKeptAside', { problem: keptAside.problem, key: keptAside.key }));
    this.session = null;
    this.lab = lab;
    this.progress = null;
    this.grade = null;
    this.confirmingSolution = false;
    this.listOpen = false;
    let session: LabSession;
    if (saved !== null) {
      session = await this.quietly(() => LabSession.open(lab, this.sim, { progress: saved.progress }));
      this.notes = [...session.progress.setupNotes, t('lab.resumed', { title: lab.title, n: Math.min(session.progress.current + 1, lab.steps.length) })];
      if (linkStep !== null && linkStep - 1 < session.progress.current) {
        this.notes = [...this.notes, t('lab.linkStepLater', { asked: linkStep, saved: session.progress.current + 1 })];
      }
    } else {
      session = await this.quietly(() => this.sim.lookingAhead(() => LabSession.open(lab, this.sim, { learnerSeed: newLearnerSeed() })));
      this.notes = session.progress.setupNotes;
    }
    this.session = session;
    if (linkStep !== null && linkStep - 1 > session.progress.current) {
      await this.solveUpTo(Math.min(linkStep - 1, lab.steps.length));
      this.notes = [...this.notes, t('lab.openedAtStep', { n: session.progress.current + 1 })];
    }
    this.restoreGrade();
    await this.changed();
  }

  /** Runs engine work whose commands must not be recorded again (set-up, replays). */
  private async quietly<T>(work: () => Promise<T>): Promise<T> {
    this.recording = false;
    try {
      return await work();
    } finally {
      await this.app.bus.idle();
      this.recording = true;
    }
  }

  /** Replays the solutions of the steps before `index` (a link to a later step). */
  private async solveUpTo(index: number): Promise<void> {
    const session = this.session!;
    while (session.progress.current < index && !session.finished) {
      await this.runSolutionNow();
      const record = await session.check();
      if (!record.pass) throw new Error(`step ${session.progress.current + 1}: its solution did not pass the check (${record.message})`);
      await this.sim.lookingAhead(() => session.next());
    }
  }

  close(): void {
    void this.act('', async () => {
      this.session = null;
      this.lab = null;
      this.progress = null;
      this.notes = [];
      this.setHash(null);
      await this.refreshSaved();
    });
  }

  // ---- recording what the bus ran ------------------------------------------------------

  private onBusResult(event: ResultEvent): void {
    const session = this.session;
    if (session === null || !this.recording || UNRECORDED.has(event.command.name)) return;
    this.records = this.records.then(async () => {
      if (this.session !== session) return;
      await session.record(event.command, event.result);
      this.progress = session.progress;
      this.save();
    }).catch((error: unknown) => this.app.notify('error', errorText(error)));
  }

  private save(): void {
    const session = this.session;
    if (session === null) return;
    const progress = session.progress;
    this.saves = this.saves.then(async () => {
      await (await this.store).save(progress);
    }).catch((error: unknown) => this.app.notify('warning', t('lab.saveFailed', { error: errorText(error) })));
  }

  /** After every action: the pane's copy of the progress, the saved copy, the address. */
  private async changed(): Promise<void> {
    const session = this.session;
    if (session === null) return;
    this.progress = session.progress;
    this.save();
    await this.saves;
    this.setHash(labHash(session.lab.id, session.progress.current + 1));
  }

  private setHash(hash: string | null): void {
    if (typeof history === 'undefined') return;
    history.replaceState(null, '', `${location.pathname}${location.search}${hash ?? ''}`);
  }

  // ---- the learner's actions -------------------------------------------------------------

  /** A click on a command in the step: it runs in the terminal, as if typed. */
  runCommand(text: string): Promise<void> {
    const session = this.session;
    if (session === null) return Promise.resolve();
    const parsed = parseCommand(session.personalise(text));
    if (!parsed.ok) {
      this.app.notify('error', parsed.error);
      return Promise.resolve();
    }
    return this.app.bus.dispatch(parsed.command, 'lab').then(() => this.records);
  }

  check(): Promise<void> {
    return this.act(t('lab.checking'), async () => {
      const session = this.session;
      if (session === null) return;
      await this.app.bus.idle();
      await this.records;
      await session.check();
      await this.changed();
    }).then(() => undefined);
  }

  continue(): Promise<void> {
    return this.act(t('lab.busy'), async () => {
      const session = this.session;
      if (session === null) return;
      await this.app.bus.idle();
      await this.records;
      await this.sim.lookingAhead(() => session.next());
      this.grade = null;
      this.confirmingSolution = false;
      await this.changed();
    }).then(() => undefined);
  }

  /** The next rung of the ladder; the solution only after the learner confirms. */
  hint(): void {
    const session = this.session;
    const step = this.step;
    if (session === null || step === null) return;
    const used = this.progress!.steps[step.index].hintsUsed;
    if (used >= step.hints.length) {
      this.confirmingSolution = true;
      return;
    }
    session.nextHint();
    void this.changed();
  }

  showSolution(): void {
    this.confirmingSolution = false;
    const session = this.session;
    const step = this.step;
    if (session === null || step === null) return;
    while (!this.progress!.steps[step.index].solutionShown) {
      const rung = session.nextHint();
      this.progress = session.progress;
      if (rung === null || rung.kind === 'solution') break;
    }
    void this.changed();
  }

  runSolution(): Promise<void> {
    return this.act(t('lab.busy'), async () => {
      await this.runSolutionNow();
      await this.changed();
    }).then(() => undefined);
  }

  /**
   * The solution's commands through the bus, so the terminal shows them. `run` jumps to the
   * end (recorded as `run`: the state is the same) so a replay does not animate for minutes.
   */
  private async runSolutionNow(): Promise<void> {
    const session = this.session;
    const step = session?.currentStep ?? null;
    if (session === null || step === null) return;
    for (const text of session.commandsOf(step.solution)) {
      const parsed = parseCommand(text);
      if (!parsed.ok) throw new Error(parsed.error);
      await this.dispatchFast(parsed.command);
    }
    await this.records;
  }

  private async dispatchFast(command: Command): Promise<void> {
    const session = this.session!;
    // `run` and `raft run` jump to where they end, so a replay resolves when it is done.
    if (!runsToEnd(command)) {
      await this.app.bus.dispatch(command, 'lab');
      return;
    }
    await this.records;
    const result = await this.quietly(() => this.sim.executeLive(command));
    this.records = this.records.then(() => session.record(command, result));
  }

  /** Takes the learner's answer, runs the question's forward commands, then shows the grade. */
  answerPredict(answer: number): Promise<void> {
    return this.act(t('lab.busy'), async () => {
      const session = this.session;
      const step = this.step;
      if (session === null || step === null || step.predict === null) return;
      const grade = session.answerPredict(answer);
      await this.changed();
      // A forward that only moves time then plays on the visible run; one with a fault was a
      // what-if on a scratch copy and stays there (the learner's run never sees the fault).
      for (const text of session.playedAfterAnswer()) {
        const parsed = parseCommand(text);
        if (parsed.ok) await this.app.bus.dispatch(parsed.command, 'lab');
      }
      await this.sim.untilPaused();
      await this.records;
      this.grade = grade;
      await this.changed();
    }).then(() => undefined);
  }

  /** After a reload: an answered predict shows its grade again. */
  private restoreGrade(): void {
    const session = this.session;
    const step = session?.currentStep;
    const record = step ? session!.progress.steps[step.index].predict : null;
    this.grade = step && step.predict && record && record.answer !== null ? gradePredict(step.predict, record.expectation, record.answer) : null;
  }

  /** Back to the start of the previous step, rebuilt from a fresh run. */
  replayPrevious(): Promise<void> {
    const current = this.progress?.current ?? 0;
    return this.rewind(Math.max(0, current - 1));
  }

  /** Back to the start of the current step (presenter's one-key reset). */
  resetStep(): Promise<void> {
    const p = this.progress;
    if (p === null || this.lab === null) return Promise.resolve();
    return this.rewind(Math.min(p.current, this.lab.steps.length - 1));
  }

  /**
   * Cuts the command log at the moment step `index` began and replays it from the lab's
   * scenario: the run is exactly as it was then. Hints and answers given stay given.
   */
  private rewind(index: number): Promise<void> {
    return this.act(t('lab.busy'), async () => {
      const session = this.session;
      const lab = this.lab;
      if (session === null || lab === null) return;
      await this.app.bus.idle();
      await this.records;
      const p = session.progress;
      let cut = -1;
      p.log.forEach((entry, i) => {
        if (entry.kind === 'begin' && entry.step === index) cut = i;
      });
      if (cut < 0) return;
      p.log = p.log.slice(0, cut + 1);
      p.current = index;
      for (let i = index; i < p.steps.length; i++) {
        p.steps[i].completed = false;
        p.steps[i].lastCheck = null;
      }
      this.session = null;
      const reopened = await this.quietly(() => LabSession.open(lab, this.sim, { progress: p }));
      this.session = reopened;
      this.confirmingSolution = false;
      this.grade = null;
      this.restoreGrade();
      await this.changed();
    }).then(() => undefined);
  }

  // ---- presenter mode --------------------------------------------------------------------

  setPresenter(on: boolean): void {
    this.presenter = on;
    if (!on) this.terminalHidden = false;
    this.app.notify('info', t(on ? 'lab.presenterOn' : 'lab.presenterOff'));
  }

  /** A clicker's "next": continue when the step is done, else check it. */
  async presenterNext(): Promise<void> {
    const p = this.progress;
    const step = this.step;
    if (p === null || step === null) return;
    if (!p.steps[step.index].completed) await this.check();
    if (this.progress?.steps[step.index].completed) await this.continue();
  }

  // ---- export and import -----------------------------------------------------------------

  exportHtml(): void {
    const lab = this.lab;
    const p = this.progress;
    if (lab === null || p === null) return;
    download(reportFileName(p, 'html'), progressReportHtml(lab, p, t, locale()), 'text/html');
  }

  exportJson(): void {
    const p = this.progress;
    if (p === null) return;
    download(reportFileName(p, 'json'), progressJson(p), 'application/json');
  }

  /** Imports progress exported elsewhere, saves it and opens its lab there. */
  async importJson(text: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.app.notify('error', t('labs.importFailed', { error: errorText(error) }));
      return;
    }
    const problem = progressProblem(value);
    if (problem !== null) {
      this.app.notify('error', t('labs.importFailed', { error: problem }));
      return;
    }
    const progress = value as LabProgress;
    await this.load();
    const entry = this.entries.find((e) => e.id === progress.labId);
    if (entry === undefined || entry.lab.steps.length !== progress.steps.length) {
      this.app.notify('error', t('labs.importFailed', { error: t('labs.noLab', { id: progress.labId }) }));
      return;
    }
    await (await this.store).save(progress);
    this.app.notify('info', t('labs.imported', { title: progress.labTitle }));
    await this.open(progress.labId);
  }
}

function download(name: string, text: string, type: string): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), name);
}

const controllers = new WeakMap<object, LabController>();

/** The one lab controller of an app (the shell and startup both ask for it). */
export function labControllerFor(app: LabApp): LabController {
  let controller = controllers.get(app);
  if (controller === undefined) {
    controller = new LabController(app);
    controllers.set(app, controller);
  }
  return controller;
}
