import { describe, expect, it } from 'vitest';
import { ChangePasswordSchema, CreateClassSchema, CreateUserSchema, SuspendSchema } from '../../../shared/identity/schemas';
import { serverFieldErrors, validate } from './validation';

describe('validate', () => {
  it('returns the parsed data when the form is valid', () => {
    expect(validate(SuspendSchema, { reason: '  après entretien  ' })).toEqual({ ok: true, data: { reason: 'après entretien' } });
  });

  it('maps each field to a translated-message key, first problem only', () => {
    const result = validate(CreateUserSchema, { displayName: ' ', login: 'Pas Valide!', profiles: [] });
    expect(result).toEqual({
      ok: false,
      errors: {
        displayName: { key: 'validation.required' },
        login: { key: 'validation.format' },
        profiles: { key: 'validation.chooseAtLeastOne', values: { min: 1 } },
      },
    });
    expect(validate(CreateClassSchema, { name: 'CM1', level: 'CM1', schoolYear: '2026' })).toMatchObject({
      errors: { schoolYear: { key: 'validation.format' } },
    });
  });

  it('reports lengths with their limit, and a refine() check with the form’s own key', () => {
    expect(validate(ChangePasswordSchema, { currentPassword: 'x', newPassword: 'court' })).toMatchObject({
      errors: { newPassword: { key: 'validation.tooShort', values: { min: 8 } } },
    });
    const same = validate(ChangePasswordSchema, { currentPassword: 'longpassword', newPassword: 'longpassword' }, { newPassword: 'password.mustDiffer' });
    expect(same).toEqual({ ok: false, errors: { newPassword: { key: 'password.mustDiffer' } } });
  });
});

describe('serverFieldErrors', () => {
  it('marks the fields a VALIDATION answer names', () => {
    expect(serverFieldErrors([{ path: 'currentPassword', message: 'wrong password' }])).toEqual({ currentPassword: { key: 'validation.invalid' } });
  });
});
