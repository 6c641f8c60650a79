/**
 * Last year's classes (archived by a new school year) stay read-only archives: no space is created in one, and no
 * space of one is unarchived (its former members would write again), whoever asks, the director included.
 */
import { AppError } from '../../../shared/errors';
import type { SpaceScope } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';

/** Whether the scope is a class a new school year archived. */
async function archivedClass(ctx: ServerContext, schoolId: string, scope: SpaceScope): Promise<boolean> {
  if (scope.kind !== 'class') return false;
  const found = await ctx.services.directory.classes.findOne({ _id: scope.classId, schoolId });
  return typeof found?.archivedAt === 'number';
}

/** CONFLICT when the new space's class is archived. */
export async function refuseCreationInArchivedClass(ctx: ServerContext, schoolId: string, scope: SpaceScope): Promise<void> {
  if (await archivedClass(ctx, schoolId, scope)) {
    throw new AppError('CONFLICT', 'Cette classe est archivée (année scolaire précédente) : on ne peut plus y créer d’espace.');
  }
}

/** CONFLICT when the space to unarchive belongs to an archived class. */
export async function refuseUnarchivingInArchivedClass(ctx: ServerContext, schoolId: string, scope: SpaceScope): Promise<void> {
  if (await archivedClass(ctx, schoolId, scope)) {
    throw new AppError('CONFLICT', 'La classe de cet espace est archivée (année scolaire précédente) : l’espace reste en lecture seule.');
  }
}
