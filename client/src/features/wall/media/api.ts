import { CSRF_HEADER } from '../../../../../shared/identity/api';
import type { UploadedFile } from '../../../../../shared/wall/types';
import { getCsrfToken } from '../../../lib/api';

/** Sends a video's poster frame (kept by the server as the video's thumbnail); null when it was refused. */
export async function uploadPoster(spaceId: string, blobId: string, poster: Blob): Promise<UploadedFile | null> {
  const form = new FormData();
  form.append('file', poster, 'affiche.jpg');
  const token = getCsrfToken();
  try {
    const response = await fetch(`/api/walls/${encodeURIComponent(spaceId)}/files/${encodeURIComponent(blobId)}/poster`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: token ? { [CSRF_HEADER]: token } : {},
    });
    return response.ok ? ((await response.json()) as UploadedFile) : null;
  } catch {
    return null;
  }
}
