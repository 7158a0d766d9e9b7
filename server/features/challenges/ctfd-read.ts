/**
 * Reading one ctfcli `challenge.yml` as ctfcli would, before conversion: UTF-8 only (a Latin-1
 * flag would silently become unsolvable), no Jinja templates (they must be rendered first),
 * numbers kept as the text they were written as (a flag `2.0` is not the number 2), duplicate
 * keys resolved as ctfcli's YAML loader does (the last one wins) with a note, and files that are
 * not ctfcli challenges (kCTF manifests, our own challenge files) recognised and skipped.
 */
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { ConversionError } from './ctfd-error.ts';

export type ReadResult = { kind: 'ctfcli'; value: Record<string, unknown>; notes: string[] } | { kind: 'skip'; note: string };

const JINJA = /\{%|\{\{\s*[A-Za-z_][\w.]*\s*(?:\|[^}]*)?\}\}/;
const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

export function readCtfcliFile(bytes: Uint8Array): ReadResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConversionError(
      'the file is not UTF-8 (Latin-1 or another encoding?); convert it to UTF-8 first, or its flags would not match what players type',
    );
  }
  const jinja = JINJA.exec(text);
  if (jinja) {
    const line = text.slice(0, jinja.index).split('\n').length;
    throw new ConversionError(`a Jinja template ("${jinja[0]}" on line ${line}); render it with its values before importing`);
  }
  const doc = parseDocument(text, {
    uniqueKeys: false,
    prettyErrors: false,
    // Every number stays the text it was written as; points and costs are read from it later.
    customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || !NUMBER_TAGS.has(tag.tag)),
  });
  const problem = doc.errors[0];
  if (problem) throw new ConversionError(`not valid YAML: ${problem.message.split('\n')[0]}`);
  const notes: string[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const line = text.slice(0, pair.key.range?.[0] ?? 0).split('\n').length;
          notes.push(`duplicate key "${key}" (line ${line}): the last one is used, as ctfcli does`);
        }
        seen.add(key);
      }
    },
  });
  if (!isMap(doc.contents)) throw new ConversionError('expected a map of ctfcli fields (name, category, value, flags, ...)');
  const value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  if (typeof value.apiVersion === 'string' || value.kind === 'Challenge') {
    return { kind: 'skip', note: `a kCTF manifest (${String(value.kind ?? value.apiVersion)}), not a ctfcli challenge; skipped` };
  }
  if (Array.isArray(value.tasks) && typeof value.id === 'string') return { kind: 'skip', note: 'already a Jamboree challenge file; skipped' };
  return { kind: 'ctfcli', value, notes };
}
