import { Button } from '@mantine/core';
import { useState } from 'react';
import type { UploadedFile, WallAttachment } from '../../../../../shared/wall/types';
import { touchTarget } from '../../../app/layout/media';
import { uploadWallFile } from '../api';
import { useWallT, type WallT } from '../i18n';
import { limitWords } from '../limitWords';
import { DrawingDialog } from './DrawingDialog';

interface DrawingFieldProps {
  spaceId: string;
  /** The card's file: a drawing is reopened to draw over it; another file leaves no room for a drawing. */
  attachment: WallAttachment | null;
  onAttach: (file: UploadedFile) => void;
  /** Told when the dialog opens and closes (the card's own dialog then leaves « Échap » to it). */
  onOpenChange?: (open: boolean) => void;
}

/** « Dessiner » (or « Modifier le dessin »): the drawing is saved as a PNG through the wall's file upload. */
export function DrawingField({ spaceId, attachment, onAttach, onOpenChange }: DrawingFieldProps) {
  const { t, language } = useWallT();
  const [open, setOpen] = useState(false);
  if (attachment && attachment.source !== 'drawing') return null;
  const toggle = (value: boolean) => {
    setOpen(value);
    onOpenChange?.(value);
  };

  const keep = async (png: Blob): Promise<string | null> => {
    const answer = await uploadWallFile(spaceId, new File([png], `${t('drawing.fileName')}.png`, { type: 'image/png' }), 'drawing');
    if (!answer.ok) return t(answer.reason, limitWords(t, language));
    onAttach(answer.file);
    toggle(false);
    return null;
  };

  return (
    <>
      <Button variant="default" mt={6} onClick={() => toggle(true)} style={touchTarget} data-testid="wall-drawing-button">
        {attachment ? t('drawing.edit') : t('drawing.open')}
      </Button>
      {open && <DrawingDialog baseUrl={attachment ? `/api/walls/${encodeURIComponent(spaceId)}/files/${encodeURIComponent(attachment.blobId)}` : null} onDone={keep} onCancel={() => toggle(false)} />}
    </>
  );
}

/** The words an image says of itself when it is a drawing (« Dessin de Léa »), or null for any other file. */
export function drawingAlt(t: WallT, attachment: WallAttachment, authorName: string): string | null {
  return attachment.source === 'drawing' ? t('drawing.alt', { name: authorName }) : null;
}
