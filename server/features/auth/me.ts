import type { MeResponse } from '../../../shared/identity/api';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { presentUser } from '../directory/model';

/** The answer of `GET /api/me` and of a successful sign-in. */
export async function buildMe(ctx: ServerContext, state: Pick<AuthedRequestState, 'user' | 'session'>): Promise<MeResponse> {
  const { user, session } = state;
  const school = await ctx.services.directory.schools.findOne({ _id: user.schoolId });
  return {
    user: presentUser(user),
    profiles: user.profiles,
    charter: await ctx.services.charters.state(user),
    mustChangePassword: user.mustChangePassword,
    csrfToken: session.csrfToken,
    school: { id: user.schoolId, name: school?.name ?? '' },
  };
}
