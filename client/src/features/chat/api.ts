import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChatRoomSummary } from '../../../../shared/chat/types';
import type { SpaceScope } from '../../../../shared/policy/resources';
import type { SpaceSummary } from '../../../../shared/spaces/types';
import { apiRequest } from '../../lib/api';

const roomsKey = ['chat', 'rooms'] as const;

/** `GET /api/chat/rooms`: the rooms this user may read, class rooms marked. */
export function useChatRooms() {
  return useQuery({ queryKey: roomsKey, queryFn: ({ signal }) => apiRequest<ChatRoomSummary[]>('/api/chat/rooms', { signal }) });
}

/** Opens a class's room (created the first time): teachers of the class and the director. */
export function useOpenClassRoom() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (classId: string) => apiRequest<ChatRoomSummary>(`/api/chat/classes/${encodeURIComponent(classId)}/room`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: roomsKey }),
  });
}

/** A group room: a chat space of a class or a group, named by the teacher. */
export function useCreateRoom() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; scope: SpaceScope }) => apiRequest<SpaceSummary>('/api/spaces', { method: 'POST', body: { kind: 'chat', title: input.title, scope: input.scope } }),
    onSuccess: () => client.invalidateQueries({ queryKey: roomsKey }),
  });
}

