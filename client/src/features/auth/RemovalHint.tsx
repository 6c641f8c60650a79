import { Text } from '@mantine/core';
import { useMyDataT } from '../mydata/i18n';

/**
 * Under a removed account's refusal: the day its data is erased, worded for its reader (« tu » to a pupil), in the
 * words of « Mes données ». Its own chunk: it is read by the few whose account was removed, never with the first page.
 */
export default function RemovalHint({ pupil, deletionDate }: { pupil: boolean; deletionDate: number }) {
  const { t, language } = useMyDataT();
  return <Text mt="xs">{t(pupil ? 'removedSignIn_pupil' : 'removedSignIn', { date: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(deletionDate) })}</Text>;
}
