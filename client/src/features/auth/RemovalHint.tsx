import { Text } from '@mantine/core';
import type { ApiError } from '../../lib/api';
import { useMyDataT } from '../mydata/i18n';

/** A removed account's refusal: whether a pupil reads it (« tu ») and the day its data is erased (the server says both). */
export function removalOf(error: ApiError): { pupil: boolean; deletionDate: number | null } {
  const params = error.issues.find((issue) => issue.code === 'removed')?.params ?? {};
  const day = Number(params['deletionDate']);
  return { pupil: params['reader'] === 'pupil', deletionDate: Number.isFinite(day) && day > 0 ? day : null };
}

/**
 * Under a removed account's refusal: the day its data is erased, worded for its reader (« tu » to a pupil), in the
 * words of « Mes données ». Its own chunk: it is read by the few whose account was removed, never with the first page.
 */
export default function RemovalHint({ error }: { error: ApiError }) {
  const { t, language } = useMyDataT();
  const { pupil, deletionDate } = removalOf(error);
  if (!deletionDate) return null;
  return <Text mt="xs">{t(pupil ? 'removedSignIn_pupil' : 'removedSignIn', { date: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(deletionDate) })}</Text>;
}
