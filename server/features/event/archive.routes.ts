import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.ts';
import { requireRole } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { ARCHIVE_FILES } from './reset.service.ts';

const ArchiveFileParamSchema = z.object({
  id: z.coerce.number({ error: 'must be an archive id' }).int('must be an archive id').min(1, 'must be an archive id').max(2_147_483_647, 'is too large'),
  file: z.enum(ARCHIVE_FILES, { error: `must be one of ${ARCHIVE_FILES.join(', ')}` }),
});

const TYPES = { 'results.json': 'application/json; charset=utf-8', 'results.csv': 'text/csv; charset=utf-8', 'submissions.csv': 'text/csv; charset=utf-8' };

/** `/api/admin/archives`: results of events that were reset, kept for the owner to download. */
export function archiveRoutes({ reset }: Services) {
  return new Hono<AppEnv>()
    .use(requireRole('owner'))
    .get('/', async (c) => c.json({ archives: await reset.archives() }))
    .get('/:id/:file', validate('param', ArchiveFileParamSchema), async (c) => {
      const { id, file } = c.req.valid('param');
      const { content } = await reset.file(id, file);
      c.header('Cache-Control', 'no-store');
      return c.body(content, 200, { 'Content-Type': TYPES[file], 'Content-Disposition': `attachment; filename="jamboree-archive-${id}-${file}"` });
    });
}
