/**
 * The key of a task in words, for the admin preview: what answers are accepted, with the
 * settings that change how they are compared. Pure, so both languages can be tested.
 */
import { type Lang, localized, type MessageKey, type Params } from '../i18n/index.ts';

type Text = Partial<Record<Lang, string>> | string;
type Labelled = { id: string; label: Text };

/** The server's answer key, as the preview returns it (lab keys carry the preview's flag). */
export type PreviewKey =
  | { type: 'text'; accept: string[]; caseSensitive: boolean; exact?: boolean }
  | { type: 'regex'; pattern: string; flags: string; exact?: boolean; firstMatch?: boolean }
  | { type: 'number'; value: number; tolerance: number; unit?: Text }
  | { type: 'choice'; options: Labelled[]; correct: string[] }
  | { type: 'order'; items: Labelled[] }
  | { type: 'match'; left: Labelled[]; right: Labelled[]; pairs: Record<string, string> }
  | { type: 'lab'; lab: string; previewFlag?: string }
  | { type: 'any'; of: Array<Extract<PreviewKey, { type: 'text' | 'regex' }>> }
  | { type: string; [field: string]: unknown };

type Translate = (key: MessageKey, params?: Params) => string;

/** One line per accepted answer or key part. */
export function keyLines(key: PreviewKey, lang: Lang, t: Translate): string[] {
  const label = (list: Labelled[], id: string) => localized(list.find((item) => item.id === id)?.label ?? id, lang);
  const settings = (k: { caseSensitive?: boolean; exact?: boolean; firstMatch?: boolean }) =>
    [k.caseSensitive ? t('admin.preview.caseSensitive') : '', k.exact ? t('admin.preview.exact') : '', k.firstMatch ? t('admin.preview.firstMatch') : '']
      .filter(Boolean)
      .map((s) => ` (${s})`)
      .join('');
  switch (key.type) {
    case 'text': {
      const k = key as Extract<PreviewKey, { type: 'text' }>;
      return k.accept.map((value) => `${value}${settings(k)}`);
    }
    case 'regex': {
      const k = key as Extract<PreviewKey, { type: 'regex' }>;
      return [`/${k.pattern}/${k.flags}${settings(k)}`];
    }
    case 'number': {
      const k = key as Extract<PreviewKey, { type: 'number' }>;
      const unit = k.unit ? ` ${localized(k.unit, lang)}` : '';
      return [k.tolerance > 0 ? `${k.value} ± ${k.tolerance}${unit}` : `${k.value}${unit}`];
    }
    case 'choice': {
      const k = key as Extract<PreviewKey, { type: 'choice' }>;
      return k.correct.map((id) => label(k.options, id));
    }
    case 'order': {
      const k = key as Extract<PreviewKey, { type: 'order' }>;
      return k.items.map((item, index) => `${index + 1}. ${localized(item.label, lang)}`);
    }
    case 'match': {
      const k = key as Extract<PreviewKey, { type: 'match' }>;
      return k.left.map((item) => `${localized(item.label, lang)} → ${label(k.right, k.pairs[item.id] ?? '')}`);
    }
    case 'lab': {
      const k = key as Extract<PreviewKey, { type: 'lab' }>;
      return [t('admin.preview.labFlag', { flag: k.previewFlag ?? '' })];
    }
    case 'any':
      return (key as Extract<PreviewKey, { type: 'any' }>).of.flatMap((member) => keyLines(member, lang, t));
    default:
      return [JSON.stringify(key)];
  }
}
