import { getLang, setLang } from '../i18n/index.ts';
import './jam-admin.ts';

// Sets <html lang> for the language picked from the URL, storage or browser.
setLang(getLang(), new URLSearchParams(location.search).has('lang'));
