// A kernel's tab shown in front of the default kernel's (the GPU pool's): what the shell asks
// of it. Opening and closing are commands (`raft open`), so the terminal shows them; the tab's
// view, its page start and its narration load with it.
import type { Component } from 'svelte';
import type { CommandBus } from '../commands/bus';
import type { ReplayGate } from './replayGate';

export type NotifyFn = (kind: 'error' | 'warning' | 'info', text: string) => void;

/** A link to the tab's run: the fragment and lines to print beside it. */
export interface SharedRun {
  fragment: string;
  notes: string[];
}

/** What the app gives a tab. */
export interface TabHost {
  bus: CommandBus;
  notify: NotifyFn;
  terminal?: { print(lines: string[], kind?: 'result' | 'error' | 'echo' | 'info'): void } | null;
  /** Asks before a big replay and shows a long one's progress (absent: replays just run). */
  replays?: ReplayGate;
  /** `share` asks the tab in front for its run, by kernel id. */
  shareProviders?: Map<string, () => Promise<SharedRun>>;
}

/** The tab's view and the props to give it. */
export interface TabPane {
  // Each tab's view takes its own props; the shell passes them through untouched.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component: Component<any>;
  props: Record<string, unknown>;
}

export interface FrontTab {
  /** The kernel id. */
  readonly id: string;
  /** Whether the tab is in front. */
  readonly active: boolean;
  /** Puts the tab in front, as its button does (a command through the bus). */
  open(): Promise<unknown>;
  /** Puts it behind again: the default kernel's tab comes to the front. */
  close(): Promise<unknown>;
  /** Its view, loaded on first show. */
  pane(): Promise<TabPane>;
  /** Page start: the run its link asks for, else its saved session. Never throws. */
  start(hash: string): Promise<void>;
  /** A link pasted into the address bar of the open page; false when it is not this tab's. */
  openAddress(hash: string): Promise<boolean>;
  /** Starts telling what happens in the tab's runs, through `say`; returns the stop. */
  narrate(say: (note: string) => void): Promise<() => void>;
}

export type FrontTabFactory = (host: TabHost) => FrontTab;
