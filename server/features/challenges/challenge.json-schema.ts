/**
 * The JSON Schema of `challenge.yaml`, generated from the zod schema by zod's own
 * `z.toJSONSchema` (never written by hand). Editors use it through the
 * `# yaml-language-server: $schema=...` line at the top of each file, to validate and
 * complete as the author types; `npm run jam -- schema` prints it and `npm run schema`
 * refreshes the copy kept in the repository (schema/challenge.schema.json).
 *
 * It describes what input the files may hold (defaults are optional). Rules across fields,
 * such as unique ids or a prerequisite that exists, are the linter's, as they cannot be said
 * in JSON Schema.
 */
import { z } from 'zod';
import { challengeFileSchema, jsonShapes } from './challenge.schema.ts';

/** Where the copy lives, relative to the repository root. */
export const SCHEMA_FILE = 'schema/challenge.schema.json';

type JsonSchema = Record<string, unknown>;

const OPTIONS = { target: 'draft-7', io: 'input', unrepresentable: 'throw' } as const;

export function challengeJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(challengeFileSchema, {
    ...OPTIONS,
    // A node parsed by a transform is shown as its registered shape (challenge.schema.ts).
    override: (ctx) => {
      const shape = jsonShapes.get(ctx.zodSchema);
      if (!shape) return;
      const { $schema: _, ...generated } = z.toJSONSchema(shape, OPTIONS) as JsonSchema;
      for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
      Object.assign(ctx.jsonSchema, generated);
    },
  }) as JsonSchema;
  return {
    $schema: schema.$schema,
    title: 'Jamboree challenge file (challenge.yaml)',
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema')),
  };
}

/** The schema as the repository keeps it: two-space JSON and a final newline. */
export function challengeJsonSchemaText(): string {
  return `${JSON.stringify(challengeJsonSchema(), null, 2)}\n`;
}
