import { getLang, setLang } from '../i18n/index.ts';
import './jam-screen.ts';
import { parseTop } from './screen-state.ts';

// The screen has no controls: language and row count come from the URL (`?lang=ja&top=15`).
const params = new URLSearchParams(location.search);
setLang(getLang(), params.has('lang'));

const screen = document.querySelector('jam-screen');
if (screen) screen.top = parseTop(params.get('top'));
