/**
 * The key of a task in words, for the admin preview: what answers are accepted, with the
 * settings that change how they are compared. Pure, so both languages can be tested.
 */
import { type Lang, localized, type MessageKey, type Params } from '../i18n/index.ts';
import type { ChallengePreview } from './admin-api.ts';

type Text = Partial<Record<Lang, string>> | string;
type Labelled = { id: string; label: Text };

/** The server's answer key, as the preview returns it (lab keys carry the preview's flag). */
export type PreviewKey = ChallengePreview['tasks'][number]['key'];

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
      return key.accept.map((value) => `${value}${settings(key)}`);
    }
    case 'regex': {
      return [`/${key.pattern}/${key.flags}${settings(key)}`];
    }
    case 'number': {
      const unit = key.unit ? ` ${localized(key.unit, lang)}` : '';
      return [key.tolerance > 0 ? `${key.value} ± ${key.tolerance}${unit}` : `${key.value}${unit}`];
    }
    case 'choice': {
      return key.correct.map((id) => label(key.options, id));
    }
    case 'order': {
      return key.items.map((item, index) => `${index + 1}. ${localized(item.label, lang)}`);
    }
    case 'match': {
      return key.left.map((item) => `${localized(item.label, lang)} → ${label(key.right, key.pairs[item.id] ?? '')}`);
    }
    case 'lab': {
      return [t('admin.preview.labFlag', { flag: 'previewFlag' in key ? key.previewFlag : '' })];
    }
    case 'any':
      return key.of.flatMap((member) => keyLines(member, lang, t));
    default:
      return [JSON.stringify(key)];
  }
}
