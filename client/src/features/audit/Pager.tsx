import { Pagination } from '@mantine/core';
import { useAuditT } from './i18n';

/** Pagination with spoken labels, hidden when everything fits on one page. */
export function Pager({ total, pageSize, page, onChange }: { total: number; pageSize: number; page: number; onChange: (page: number) => void }) {
  const { t } = useAuditT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('pager.label')}>
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onChange}
        withEdges
        getControlProps={(control) => ({ 'aria-label': t(`pager.${control}`) })}
        getItemProps={(n) => ({ 'aria-label': t('pager.page', { n }) })}
      />
    </nav>
  );
}
