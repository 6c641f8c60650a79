import { useChildWeeks } from './api';
import { QueryStatus } from '../errors/QueryStatus';
import { useFamilyT } from './i18n';
import { WeekList } from './WeekList';

/** One child's weeks, the current one first. */
export function ChildWeeks({ childId }: { childId: string }) {
  const { t } = useFamilyT();
  const weeks = useChildWeeks(childId);
  const pages = weeks.data?.pages ?? [];
  return (
    <>
      <QueryStatus query={weeks} loadingLabel={t('week.loading')} />
      {pages.length > 0 && (
        <WeekList
          id={`enfant-${childId}`}
          weeks={pages}
          hasEarlier={weeks.hasNextPage}
          loadingEarlier={weeks.isFetchingNextPage}
          loadEarlier={() => void weeks.fetchNextPage()}
        />
      )}
    </>
  );
}
