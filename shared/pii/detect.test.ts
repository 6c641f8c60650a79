import { describe, expect, it } from 'vitest';
import { detectPersonalInfo, personalInfoKinds } from './detect';

describe('personal-information guard', () => {
  it.each([
    '06 12 34 56 78',
    'mon numéro c’est le 06 12 34 56 78 !',
    '0612345678',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '+33 6 12 34 56 78',
    '+33612345678',
    '0033 6 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    'appelle au 01 45 67 89 10 ce soir',
    '07/12/34/56/78',
  ])('finds the phone number in « %s »', (text) => {
    expect(personalInfoKinds(text)).toEqual(['phone']);
  });

  it.each([
    'lea.martin@gmail.com',
    'écris-moi : Lea_M12@laposte.net',
    'lea arobase gmail point com',
    'lea @ gmail . com',
    'lea.martin @ ecole . fr',
    'lea@ecole.bzh',
    'yanis (at) orange.fr',
  ])('finds the e-mail address in « %s »', (text) => {
    expect(personalInfoKinds(text)).toEqual(['email']);
  });

  it.each([
    'j’habite au 12 rue des Lilas',
    '3 bis avenue Foch',
    '7, place de la Mairie',
    '12bis rue du Moulin',
    '45 boulevard Saint-Michel',
    '2 allée des Tilleuls',
    'viens chez moi, 49000 Angers',
    'c’est à 75011 Paris',
    '8 impasse Victor Hugo',
  ])('finds the postal address in « %s »', (text) => {
    expect(personalInfoKinds(text)).toEqual(['address']);
  });

  it.each([
    'Le contrôle est le 12/03/2024.',
    'On se voit le 12.03.2024 à 14h30',
    'La récréation est à 10:15, la cantine à 12:00.',
    'Le livre coûte 12,50 € et le cahier 3,99 €.',
    'Il y a 1 250 000 habitants.',
    'Paris compte 2 100 000 habitants et 20 arrondissements.',
    'En 2024, 49000 habitants.',
    'Le score était 10 à 7, puis 12 à 15.',
    'Ma sœur a 12 ans et mon frère 6 ans.',
    'J’ai lu 3 livres et 2 places de théâtre sont libres.',
    'Le code du cadenas : 1234',
    'La page 06 du manuel, exercice 12 34',
    'Le numéro 123456789 du dossier',
    'Rendez-vous dans la rue pour la course.',
    'On a marché 3 routes différentes.',
    'Il a gagné 10000 Euros au loto.',
    'Bonjour à tous, @Léa tu viens ?',
    'Merci @Léa. Bonne journée !',
    'Bravo @Timéo Durand. Super dessin',
    'L’année 1789 Révolution française',
  ])('stays quiet on « %s »', (text) => {
    expect(detectPersonalInfo(text)).toEqual([]);
  });

  it('reports every kind found, in order, with the text as typed', () => {
    const found = detectPersonalInfo('Appelle le 06 12 34 56 78 ou écris à lea@ecole.fr, 12 rue des Lilas');
    expect(found.map((match) => match.kind)).toEqual(['phone', 'email', 'address']);
    expect(found[0]!.text).toBe('06 12 34 56 78');
  });
});
