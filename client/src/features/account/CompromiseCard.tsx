import { Alert, Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportCompromiseSchema } from '../../../../shared/identity/schemas';
import { errorMessageKey } from '../../lib/errorMessage';
import { useFieldError } from '../../lib/useFieldError';
import { validate, type FieldErrors } from '../../lib/validation';
import { useReportCompromise } from './useAccount';

/** "Someone may know my password": warns the school and closes every other session. */
export function CompromiseCard() {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const report = useReportCompromise();
  const [details, setDetails] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(ReportCompromiseSchema, { details });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) report.mutate(result.data.details, { onSuccess: () => setDetails('') });
  }

  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="compte-compromis">
      <Title order={2} id="compte-compromis" mb="xs">
        {t('account.compromise.title')}
      </Title>
      <Text mb="md">{t('account.compromise.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {report.isSuccess && (
            <Alert color="green" variant="light" role="status">
              {t('account.compromise.done', { n: report.data.closed })}
            </Alert>
          )}
          {report.isError && (
            <Alert color="red" variant="light" role="alert">
              {t(errorMessageKey(report.error))}
            </Alert>
          )}
          <Textarea
            label={t('account.compromise.details')}
            description={t('account.compromise.detailsHint')}
            autosize
            minRows={3}
            value={details}
            onChange={(event) => setDetails(event.currentTarget.value)}
            error={fieldError(errors.details)}
          />
          <Button type="submit" loading={report.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('account.compromise.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
