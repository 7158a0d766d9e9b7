import path from 'node:path';
import type { Config } from './config.ts';
import { joinUrl, type RoomAddress } from './features/event/room.ts';

export interface BannerInputs {
  config: Config;
  /** Where this process listens, as a URL this machine can open. */
  localUrl: string;
  room: RoomAddress;
  eventCode: string;
  adminToken: string;
  adminTokenGenerated: boolean;
}

/** What a translation provider setting means for the people in the room. */
export function translationLine(provider: Config['translate']['provider']): string {
  if (provider === 'none') return 'off on the server (TRANSLATE_PROVIDER=none); Chrome and Edge translate chat on the device';
  return provider === 'aws' ? 'Amazon Translate (TRANSLATE_PROVIDER=aws)' : 'LibreTranslate (TRANSLATE_PROVIDER=libretranslate)';
}

/**
 * The start-up banner: where players, the screen and the admin console go, the event code,
 * the admin token, and a warning when the players' address only works on this machine.
 */
export function bannerLines(b: BannerInputs): string[] {
  const { config, room } = b;
  const dataFile = (name: string) => path.join(config.dataDir, name);
  const token = b.adminTokenGenerated
    ? `${b.adminToken}   (kept in ${dataFile('admin-token')})`
    : config.adminToken
      ? 'from ADMIN_TOKEN'
      : `in ${dataFile('admin-token')} (or: npm run jam -- credentials)`;
  const lines = [
    '',
    `  Jamboree is running at ${b.localUrl}`,
    `  Players join at        ${room.url}  with event code ${b.eventCode}`,
    `  Join link (QR code)    ${joinUrl(room, b.eventCode)}`,
    `  Big screen             ${room.url}screen`,
    `  Admin console          ${room.url}admin`,
    `  Admin token            ${token}`,
    `  Database               ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    `  Chat translation       ${translationLine(config.translate.provider)}`,
    `  Logs                   ${config.logFile ? `in ${config.logFile}` : 'below, as JSON lines (LOG_FILE=path to keep them in a file)'}`,
  ];
  if (room.loopback) {
    lines.push(
      '',
      `  ! Players' phones and laptops cannot open ${new URL(room.url).host}: it is this computer only.`,
      `    To serve a room: HOST=0.0.0.0 PUBLIC_URL=http://<this computer's address>:${config.port} npm start`,
    );
  } else if (room.source === 'lan') {
    lines.push('', `  Guessed the room address ${new URL(room.url).host}; set PUBLIC_URL if players use another one.`);
  }
  lines.push('');
  return lines;
}
