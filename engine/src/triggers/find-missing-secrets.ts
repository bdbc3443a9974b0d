import type { Kysely } from 'kysely';
import type { Issue } from '../errors.ts';
import type { WorkflowDefinition } from '../graph/definition.ts';
import { pointer } from '../graph/json-pointer.ts';
import { findSecretReferences } from '../graph/secret-references.ts';
import type { DB } from '../store/database.ts';
import { findSecretNames } from '../store/secrets.ts';

/**
 * One CONFIG_REFERENCE_NOT_FOUND issue per config field that names a secret the
 * store does not have (`/nodes/2/config/headers/authorization`), found with one
 * query and without decrypting anything. An error, not a warning: like a missing
 * team, a published flow would fail every run at that step, and a webhook trigger
 * would refuse every request. A secret deleted after publishing fails its steps
 * with SECRET_NOT_FOUND instead.
 */
export async function findMissingSecrets(db: Kysely<DB>, definition: WorkflowDefinition): Promise<Issue[]> {
  const fields = definition.nodes.flatMap((node, index) =>
    findSecretReferences(node.config).fields.map((field) => ({ node, path: `${pointer('nodes', index)}/config${field.path}`, names: field.names })),
  );
  if (fields.length === 0) return [];
  const existing = await findSecretNames(db, [...new Set(fields.flatMap((field) => field.names))]);
  return fields.flatMap((field) =>
    field.names
      .filter((name) => !existing.has(name))
      .map((name) => ({
        path: field.path,
        code: 'CONFIG_REFERENCE_NOT_FOUND' as const,
        message: `Node "${field.node.id}" (${field.node.type}): ${field.path} reads the secret "${name}", which does not exist. Create it with PUT /api/secrets/${name}, or correct the name.`,
      })),
  );
}
