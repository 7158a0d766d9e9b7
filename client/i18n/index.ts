import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from '../api-types.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export type { Lang };
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

export const LANGS: readonly Lang[] = ['en', 'ja'];
export const dictionaries: Record<Lang, Messages> = { en, ja };

const STORAGE_KEY = 'jam.lang';
const PLACEHOLDER = /\{(\w+)\}/g;

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'ja';
}

/** The placeholder names a template uses, sorted and without duplicates. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].sort();
}

/**
 * Splits a template into literal text and parameter values, so a view can put markup
 * (a bold team name, an italic title) into a sentence whose word order depends on the language.
 */
export function formatParts<T>(template: string, params: Record<string, T>): Array<string | T> {
  const parts: Array<string | T> = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    const index = match.index ?? 0;
    if (index > last) parts.push(template.slice(last, index));
    parts.push(name in params ? (params[name] as T) : match[0]);
    last = index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** Replaces `{name}` with the parameter; numbers are formatted for the locale. */
export function format(template: string, params: Params = {}, lang: Lang = current): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

/**
 * Picks the UI language: an explicit choice (URL `?lang=`) first, then the remembered one,
 * then the browser's preference, then English.
 */
export function detectLang(explicit: string | null, stored: string | null, preferred: readonly string[]): Lang {
  if (isLang(explicit)) return explicit;
  if (isLang(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

function readStored(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function initialLang(): Lang {
  if (typeof window === 'undefined') return 'en';
  const explicit = new URLSearchParams(window.location.search).get('lang');
  return detectLang(explicit, readStored(), window.navigator.languages ?? [window.navigator.language]);
}

let current: Lang = initialLang();
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return current;
}

/** Switches the language for every connected view; `remember` keeps it for the next visit. */
export function setLang(lang: Lang, remember = true): void {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  if (lang === current) return;
  current = lang;
  for (const listener of listeners) listener();
}

let second: Lang | null = null;

/**
 * A second language shown beneath the first (the screen's `both`: English, then Japanese).
 * Views that support it read it through `LocalizeController.second()`.
 */
export function setSecondLang(lang: Lang | null): void {
  const next = lang === current ? null : lang;
  if (next === second) return;
  second = next;
  for (const listener of listeners) listener();
}

export function getSecondLang(): Lang | null {
  return second;
}

/** A message in a given language, whatever the current one is. */
export function tIn(lang: Lang, key: MessageKey, params?: Params): string {
  return format(dictionaries[lang][key] || en[key], params, lang);
}

export function onLangChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A text sent in every language (stream payloads): the reader's, else English, else any. */
export function localized(text: Partial<Record<Lang, string>> | string | null | undefined, lang: Lang = current): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.en ?? Object.values(text).find((v) => typeof v === 'string') ?? '';
}

export function t(key: MessageKey, params?: Params): string {
  return format(dictionaries[current][key] || en[key], params, current);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function intlLocale(lang: Lang): string {
  return lang === 'ja' ? 'ja-JP' : 'en-US';
}

export function formatNumber(value: number, lang: Lang = current): string {
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 2 });
    numberFormats.set(lang, f);
  }
  return f.format(value);
}

function dateFormat(lang: Lang, kind: 'time' | 'datetime'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time' ? { hour: 'numeric', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
    f = new Intl.DateTimeFormat(intlLocale(lang), options);
    dateFormats.set(key, f);
  }
  return f;
}

/** Wall-clock time (`14:05` / `2:05 PM`) of an ISO timestamp or epoch milliseconds. */
export function formatTime(value: string | number | Date, lang: Lang = current): string {
  return dateFormat(lang, 'time').format(new Date(value));
}

export function formatDateTime(value: string | number | Date, lang: Lang = current): string {
  return dateFormat(lang, 'datetime').format(new Date(value));
}

/**
 * Re-renders its host when the language changes (modelled on Shoelace's LocalizeController).
 * Views call `this.i18n.t(...)` or the module-level `t(...)`; either reads the current language.
 */
export class LocalizeController implements ReactiveController {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onLangChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  get lang(): Lang {
    return current;
  }

  t(key: MessageKey, params?: Params): string {
    return t(key, params);
  }

  /** The same message in the second language, or '' when there is none. */
  second(key: MessageKey, params?: Params): string {
    return second ? tIn(second, key, params) : '';
  }

  get secondLang(): Lang | null {
    return second;
  }

  parts<T>(key: MessageKey, params: Record<string, T>): Array<string | T> {
    return formatParts(dictionaries[current][key], params);
  }

  number(value: number): string {
    return formatNumber(value);
  }

  time(value: string | number | Date): string {
    return formatTime(value);
  }
}
