import type { RectificationStatus } from '../../../shared/mydata/types';
import type { BaseDoc, Store } from '../../storage/port';

/** A rectification request as stored: who asked, about whom, what is wrong, and the direction's answer. */
export interface RectificationDoc extends BaseDoc {
  schoolId: string;
  subjectId: string;
  requesterId: string;
  text: string;
  status: RectificationStatus;
  answer: string | null;
  answeredBy: string | null;
  createdAt: number;
  answeredAt: number | null;
}

export const rectificationsCollection = (store: Store) => store.collection<RectificationDoc>('rectifications');
