import { useFormat } from '../i18n/useFormat.ts';

/** "3 hours ago", with the exact date and time (in the person's time zone) on hover and for machines. */
export function TimeAgo({ value }: { readonly value: string | Date }) {
  const format = useFormat();
  const date = typeof value === 'string' ? new Date(value) : value;
  return (
    <time dateTime={date.toISOString()} title={format.dateTime(date)}>
      {format.relative(date)}
    </time>
  );
}
