import { useTranslation } from 'react-i18next';
import type { FieldError, ValidationKey } from './validation';

/** Turns a field error into its translated message (`undefined` when there is none), for Mantine's `error` prop. */
export function useFieldError(): (error: FieldError<string> | undefined) => string | undefined {
  const { t } = useTranslation();
  // Form-specific keys are checked where they are declared; here every key is looked up the same way.
  return (error) => (error ? t(error.key as ValidationKey, error.values ?? {}) : undefined);
}
