import { afterAll, beforeAll } from 'vitest';
import type { Browser } from './http';
import { startServer, type StartServerOptions, type TestServer } from './server';
import { signedIn } from './sockets';

/** The seven personas of the authorization matrix (BRIEF checklist 7). */
export const PERSONAS = ['pupil', 'pupilOtherClass', 'pupilModerator', 'teacher', 'teacherOtherClass', 'parent', 'director'] as const;
export type Persona = (typeof PERSONAS)[number];

/**
 * Demo accounts standing for each persona. `teacher`, `pupil`, `pupilModerator` and `parent`'s child share
 * the CE2 class; the "other class" personas are in CM2. Features that add spaces designate `pupilModerator`
 * as a moderator of their spaces in their own factories.
 */
export const PERSONA_LOGINS: Record<Persona, string> = {
  pupil: 'lea.martin',
  pupilOtherClass: 'ethan.mercier',
  pupilModerator: 'yanis.belkacem',
  teacher: 'claire.fontaine',
  teacherOtherClass: 'karim.benali',
  parent: 'sophie.renaud',
  director: 'isabelle.moreau',
};

export interface PersonaWorld {
  browsers: Record<Persona, Browser>;
  ids: Record<Persona, string>;
  /** The class of `pupil`, `pupilModerator`, `teacher` and `parent`'s child. */
  classId: string;
  otherClassId: string;
}

/** Signs every persona in (charter accepted) on a server seeded with the demo school. */
export async function personaWorld(server: TestServer): Promise<PersonaWorld> {
  const browsers = {} as Record<Persona, Browser>;
  const ids = {} as Record<Persona, string>;
  for (const persona of PERSONAS) {
    browsers[persona] = await signedIn(server, PERSONA_LOGINS[persona]);
    ids[persona] = (await browsers[persona].get<{ user: { id: string } }>('/api/me')).body.user.id;
  }
  const dashboard = async (persona: Persona): Promise<string> =>
    (await browsers[persona].get<{ classes: { id: string }[] }>('/api/dashboard')).body.classes[0]!.id;
  return { browsers, ids, classId: await dashboard('pupil'), otherClassId: await dashboard('pupilOtherClass') };
}

/**
 * One server and its signed-in personas for a whole `describe` block: started before its tests, stopped and
 * cleaned after (as `useTestServer`). Returns accessors, since both exist only once `beforeAll` ran.
 */
export function usePersonaWorld(options: StartServerOptions = {}): { server: () => TestServer; world: () => PersonaWorld } {
  let server: TestServer | undefined;
  let world: PersonaWorld | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    world = await personaWorld(server);
  });
  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });
  return {
    server: () => {
      if (!server) throw new Error('the test server is not started yet');
      return server;
    },
    world: () => {
      if (!world) throw new Error('the personas are not signed in yet');
      return world;
    },
  };
}

/** Makes `pupilModerator` a moderator of a space (through the teacher, as in the product). */
export async function designateModerator(world: PersonaWorld, spaceId: string): Promise<void> {
  const answer = await world.browsers.teacher.post(`/api/spaces/${spaceId}/moderators`, { userId: world.ids.pupilModerator });
  if (answer.status !== 200) throw new Error(`designation failed: ${answer.status}`);
}
