import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyDataResponse, RectificationAnswer, RectificationQueueResponse, RectificationRequest, RectificationView } from '../../../../shared/mydata/types';
import { ApiError, apiRequest, parseErrorBody, retryAfterMsOf } from '../../lib/api';

const myDataKey = ['my-data'] as const;

/** `GET /api/my-data`: whose data I may download, and my rectification requests. */
export function useMyData() {
  return useQuery({ queryKey: [...myDataKey, 'mine'], queryFn: ({ signal }) => apiRequest<MyDataResponse>('/api/my-data', { signal }) });
}

/** `GET /api/admin/rectifications`: the direction's queue. */
export function useRectificationQueue() {
  return useQuery({ queryKey: [...myDataKey, 'queue'], queryFn: ({ signal }) => apiRequest<RectificationQueueResponse>('/api/admin/rectifications', { signal }) });
}

/** `POST /api/my-data/rectifications`. */
export function useRequestRectification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RectificationRequest) => apiRequest<RectificationView>('/api/my-data/rectifications', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: myDataKey }),
  });
}

/** `POST /api/admin/rectifications/:id/answer`. */
export function useAnswerRectification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: RectificationAnswer & { id: string }) => apiRequest<RectificationView>(`/api/admin/rectifications/${encodeURIComponent(id)}/answer`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: myDataKey }),
  });
}

/**
 * Downloads a person's ZIP (`GET /api/my-data/:id/export`) and hands it to the browser as a file. Fetched rather than
 * linked, so that a refusal (one download a minute) is told on the page instead of saved as a file.
 */
export async function downloadMyData(userId: string): Promise<void> {
  const response = await fetch(`/api/my-data/${encodeURIComponent(userId)}/export`, { credentials: 'same-origin' });
  if (!response.ok) {
    const { code, message } = parseErrorBody(await response.json().catch(() => null));
    throw new ApiError(response.status, code, message ?? `HTTP ${response.status}`, undefined, response.status === 429 ? retryAfterMsOf(response.headers.get('retry-after')) : undefined);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'mes-donnees.zip';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
