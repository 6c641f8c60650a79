/** Dates as people read them in the current language ("12 septembre 2026", "12/09/2026 08:30"). */
export function formatDate(timestamp: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(timestamp));
}

export function formatDateTime(timestamp: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(timestamp));
}
