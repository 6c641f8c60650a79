import type { Capabilities } from '../../../shared/identity/api';

/**
 * Questions the client asks of `GET /api/me`'s `capabilities` (decided on the server by the policy table). The
 * client builds its menus and pages from these, never from profile names; the server decides each request anyway.
 */

/** Nothing at all: a signed-out or still-loading view, and the base of tests. */
export const NO_CAPABILITIES: Capabilities = {
  administer: false,
  manageSchool: false,
  moderation: { school: false, classIds: [], spaceIds: [] },
  audit: { school: false, classIds: [] },
  createSpaces: { school: false, classIds: [] },
  family: { childIds: [] },
};

/** Whether the user opens a moderation console (of the school, of classes, or of the spaces they moderate). */
export function moderatesAnything(capabilities: Capabilities): boolean {
  const { school, classIds, spaceIds } = capabilities.moderation;
  return school || classIds.length > 0 || spaceIds.length > 0;
}

/** Whether the user reads the audit log (the school's, or some classes'). */
export function readsAudit(capabilities: Capabilities): boolean {
  return capabilities.audit.school || capabilities.audit.classIds.length > 0;
}

/** Whether the user runs this class (the school's moderators and its teachers): they open its roster. */
export function runsClass(capabilities: Capabilities, classId: string): boolean {
  return capabilities.moderation.school || capabilities.moderation.classIds.includes(classId);
}

/** Whether the user creates spaces (walls, pads, forums, chats) for this class. */
export function createsIn(capabilities: Capabilities, classId: string): boolean {
  return capabilities.createSpaces.classIds.includes(classId);
}

/** Whether the user creates spaces anywhere. */
export function createsSpaces(capabilities: Capabilities): boolean {
  return capabilities.createSpaces.school || capabilities.createSpaces.classIds.length > 0;
}

/**
 * Whether the user's home is the family page: they follow children and have no class or school to run (a teacher
 * who is also a parent keeps « Mon accueil »).
 */
export function followsChildrenOnly(capabilities: Capabilities): boolean {
  return capabilities.family.childIds.length > 0 && !capabilities.administer && !moderatesAnything(capabilities) && !createsSpaces(capabilities) && !readsAudit(capabilities);
}

export function opensRoster(capabilities: Capabilities, classId: string): boolean {
  return capabilities.administer || runsClass(capabilities, classId);
}
