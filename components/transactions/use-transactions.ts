'use client';

import { useQuery } from '@tanstack/react-query';
import { transactionDetailSchema, transactionsResponseSchema } from '@/lib/contracts/transactions';
import { fetchJson } from '../realtime/fetch-json';

/** The list is re-read on this beat: transactions complete (or are judged incomplete) within seconds. */
export const TRANSACTIONS_REFRESH_MS = 2_000;

export function transactionHref(key: string): string {
  return `/transactions/${encodeURIComponent(key)}`;
}

export function useTransactions() {
  return useQuery({
    queryKey: ['transactions'],
    queryFn: ({ signal }) => fetchJson('/api/transactions', transactionsResponseSchema, signal),
    refetchInterval: TRANSACTIONS_REFRESH_MS,
  });
}

export function useTransaction(key: string) {
  return useQuery({
    queryKey: ['transactions', key],
    queryFn: ({ signal }) => fetchJson(`/api/transactions/${encodeURIComponent(key)}`, transactionDetailSchema, signal),
    refetchInterval: TRANSACTIONS_REFRESH_MS,
  });
}
