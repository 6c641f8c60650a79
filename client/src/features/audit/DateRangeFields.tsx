import { TextInput } from '@mantine/core';
import { rangeError } from './filters';
import { useAuditT } from './i18n';

interface DateRangeFieldsProps {
  from: string | null;
  to: string | null;
  onChange: (range: { from: string | null; to: string | null }) => void;
  /** Room for a whole date in the browser's format, whatever the grid around. */
  width?: string;
}

/**
 * Two native day pickers (the tablet's own calendar); `to` includes its whole day. A « Du » after the « Au » is
 * said in words next to « Du » (both fields marked invalid), and the period is not sent.
 */
export function DateRangeFields({ from, to, onChange, width }: DateRangeFieldsProps) {
  const { t } = useAuditT();
  const reversed = rangeError(from, to) !== null;
  return (
    <>
      <TextInput
        type="date"
        label={t('filters.from')}
        value={from ?? ''}
        max={to ?? undefined}
        w={width}
        onChange={(event) => onChange({ from: event.currentTarget.value || null, to })}
        error={reversed ? t('filters.rangeOrder') : undefined}
        errorProps={{ role: 'alert' }}
      />
      <TextInput
        type="date"
        label={t('filters.to')}
        value={to ?? ''}
        min={from ?? undefined}
        w={width}
        onChange={(event) => onChange({ from, to: event.currentTarget.value || null })}
        error={reversed}
      />
    </>
  );
}
