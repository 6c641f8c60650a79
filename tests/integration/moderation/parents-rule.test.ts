import { describe, expect, it } from 'vitest';
import chatFr from '../../../client/src/features/chat/i18n/fr.json' with { type: 'json' };
import { ChatSettingsSchema } from '../../../shared/chat/settings';
import { DEFAULT_CHARTERS } from '../../../server/features/charter/defaults';

describe('the parents and the class chat: one rule, written the same everywhere', () => {
  it('the parents’ charter, the chat settings and the policy default agree: closed to parents unless opened', () => {
    expect(DEFAULT_CHARTERS.parent.body).toContain('Le salon de discussion de la classe est un échange entre les élèves et leurs enseignants : vous ne le lisez que si l’enseignant vous l’ouvre.');
    expect(ChatSettingsSchema.parse({}).parentsRead).toBe(false);
    expect(chatFr.settings.parentsRead).toBe('Les parents peuvent lire ce salon');
  });
});
