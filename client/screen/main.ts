import { getLang, setLang } from '../i18n/index.ts';
import { parseAuto } from './finale-model.ts';
import './jam-screen.ts';
import { applyScreenLanguage, isScreenLanguage } from './jam-screen.ts';
import { parseCycle } from './race-model.ts';
import { parseTop } from './screen-state.ts';

// The screen has no controls: language (`en`, `ja` or `both`; else the console's choice), row
// count, the results' fallback pace and, if wanted, a loop of podium and race after them come
// from the URL (`?lang=both&top=15&auto=10&cycle=30`).
const params = new URLSearchParams(location.search);
const lang = params.get('lang');
setLang(getLang(), false);
if (isScreenLanguage(lang)) applyScreenLanguage(lang);

const screen = document.querySelector('jam-screen');
if (screen) {
  screen.fixedLanguage = isScreenLanguage(lang) ? lang : null;
  screen.top = parseTop(params.get('top'));
  screen.auto = parseAuto(params.get('auto'));
  screen.cycle = params.has('cycle') ? parseCycle(params.get('cycle')) : 0;
}
