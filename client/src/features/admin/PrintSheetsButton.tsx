import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionSheetsSchema } from '../../../../shared/identity/schemas';
import type { z } from 'zod';
import { apiRequest } from '../../lib/api';
import { errorMessageKey } from '../../lib/errorMessage';

export type SheetAccount = z.infer<typeof ConnectionSheetsSchema>['accounts'][number];

/**
 * "Imprimer les fiches de connexion": the server renders the sheets (HTML without any script); we open them
 * from a Blob URL in a new tab, which the CSP allows. If the browser blocks the tab, a link is offered instead.
 */
export function PrintSheetsButton({ accounts, label }: { accounts: SheetAccount[]; label?: string }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);
  const sheets = useMutation({
    mutationKey: ['admin', 'connection-sheets'],
    mutationFn: () => apiRequest<string>('/api/admin/connection-sheets', { method: 'POST', body: { accounts }, responseType: 'text' }),
    onSuccess: (html) => {
      const next = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      setUrl(next);
      setBlocked(window.open(next, '_blank') === null);
    },
  });

  // The sheets hold passwords: the Blob is released when this result is left.
  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  return (
    <Stack gap="xs" align="flex-start">
      <Button onClick={() => sheets.mutate()} loading={sheets.isPending} data-testid="print-sheets">
        {label ?? t('admin.sheets.print', { n: accounts.length })}
      </Button>
      {sheets.isError && (
        <Alert color="red" variant="light" role="alert">
          {t(errorMessageKey(sheets.error))}
        </Alert>
      )}
      {url && blocked && (
        <Anchor href={url} target="_blank" rel="noreferrer">
          {t('admin.sheets.openLink')}
        </Anchor>
      )}
    </Stack>
  );
}
