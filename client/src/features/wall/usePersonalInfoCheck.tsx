import { useCallback, useRef, useState, type ReactNode } from 'react';
import { personalInfoKinds, type PiiKind } from '../../../../shared/pii/detect';
import type { WallRights } from '../../../../shared/wall/policy';
import { PersonalInfoCheck } from '../../lib/PersonalInfoCheck';
import { useWallT } from './i18n';

/**
 * The wall's warning before a pupil sends a card or a comment that seems to hold personal information: « Corriger »
 * goes back to the text, « Envoyer quand même » sends it, and the server then holds it for a teacher's review.
 * Only for those whose contributions the guard holds (`rights.guarded`, decided on the server).
 */
export function usePersonalInfoCheck(rights: WallRights | null): { check: (text: string) => Promise<boolean>; modal: ReactNode } {
  const { t } = useWallT();
  const [kinds, setKinds] = useState<PiiKind[] | null>(null);
  const answer = useRef<(send: boolean) => void>(() => undefined);

  /** Resolves true to send (nothing found, or sent anyway), false to go back and correct. */
  const check = useCallback(
    (text: string): Promise<boolean> => {
      const found = rights?.guarded ? personalInfoKinds(text) : [];
      if (found.length === 0) return Promise.resolve(true);
      setKinds(found);
      return new Promise((resolve) => {
        answer.current = resolve;
      });
    },
    [rights?.guarded],
  );
  const close = (send: boolean) => {
    setKinds(null);
    answer.current(send);
  };
  const what = (kinds ?? []).map((kind) => t(`pii.${kind}`)).join(t('pii.and'));
  const modal = (
    <PersonalInfoCheck
      opened={kinds !== null}
      labels={{ title: t('pii.title'), body: t('pii.body', { what }), correct: t('pii.correct'), confirm: t('pii.confirm') }}
      onCorrect={() => close(false)}
      onConfirm={() => close(true)}
    />
  );
  return { check, modal };
}
