import { getLang, setLang } from '../i18n/index.ts';
import './jam-screen.ts';
import { parseCycle } from './race-model.ts';
import { parseTop } from './screen-state.ts';

// The screen has no controls: language, row count and, after the reveal, the seconds the podium
// and the race each show come from the URL (`?lang=ja&top=15&cycle=30`).
const params = new URLSearchParams(location.search);
setLang(getLang(), params.has('lang'));

const screen = document.querySelector('jam-screen');
if (screen) {
  screen.top = parseTop(params.get('top'));
  screen.cycle = parseCycle(params.get('cycle'));
}
