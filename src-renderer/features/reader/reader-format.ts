/** How the reader writes addresses and dates: in full, since here there is room for it. */
import type { Address } from '../../../src-shared/model';

export function formatAddress({ name, address }: Address): string {
  const trimmed = name.trim();
  if (!trimmed) return address;
  return address ? `${trimmed} <${address}>` : trimmed;
}

export function formatAddressList(addresses: readonly Address[]): string {
  return addresses.length > 0 ? addresses.map(formatAddress).join(', ') : 'undisclosed recipients';
}

export function formatFullDate(date: number, locale?: string): string {
  const when = new Date(date);
  if (Number.isNaN(when.getTime())) return '(no date)';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(when);
}
