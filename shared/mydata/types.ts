import { z } from 'zod';

/** The longest text of a rectification request and of its answer (a few paragraphs). */
export const RECTIFICATION_TEXT_MAX_CHARS = 2_000;
/** The most requests a queue or a person's page lists (the newest first). */
export const RECTIFICATION_LIST_MAX = 200;
/** The ZIP's file name prefix (followed by the person's login and the date). */
export const MYDATA_ZIP_PREFIX = 'mes-donnees';

/** A person whose data the reader may download: themself and, for a parent, each child. */
export interface MyDataPerson {
  id: string;
  displayName: string;
  self: boolean;
  /** A child removed from the school (issue 17): the day of the erasure and whether the family objects to keeping their shared work. */
  removal?: { deletionDate: number; objectsToKeeping: boolean };
}

export type RectificationStatus = 'open' | 'done' | 'refused';

/** A rectification request as its requester and the direction see it. */
export interface RectificationView {
  id: string;
  /** The person the data is about (the requester or their child). */
  subjectId: string;
  subjectName: string;
  requesterId: string;
  requesterName: string;
  text: string;
  status: RectificationStatus;
  answer: string | null;
  answeredByName: string | null;
  createdAt: number;
  answeredAt: number | null;
}

/** `GET /api/my-data`: whose data I may download, and my rectification requests with their answers. */
export interface MyDataResponse {
  people: MyDataPerson[];
  requests: RectificationView[];
}

/** `GET /api/admin/rectifications`: the direction's queue (open requests first, then the latest answered). */
export interface RectificationQueueResponse {
  requests: RectificationView[];
}

const text = z.string().trim().min(1).max(RECTIFICATION_TEXT_MAX_CHARS);

/** `POST /api/my-data/rectifications`: what is wrong, about me or one of my children. */
export const RectificationRequestSchema = z.object({ subjectId: z.string().min(1).max(64), text }).strict();
export type RectificationRequest = z.infer<typeof RectificationRequestSchema>;

/** `POST /api/admin/rectifications/:id/answer`: the direction's answer. */
export const RectificationAnswerSchema = z.object({ status: z.enum(['done', 'refused']), answer: text }).strict();
export type RectificationAnswer = z.infer<typeof RectificationAnswerSchema>;
