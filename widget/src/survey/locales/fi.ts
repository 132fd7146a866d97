import type { SurveyTranslation } from './en.js';

export const fi: SurveyTranslation = {
  surveyHeading: 'Miten onnistuimme?',
  surveyFrom: 'Sinua palveli',
  confirmRating: 'Lähetä arvio',
  ratingRecorded: 'Kiitos! Arviosi {n} on tallennettu.',
  tellMore: 'Voit myös kirjoittaa lisää tai muuttaa arviotasi.',
  linkFailed: 'Kyselyä ei voitu ladata.',
  checkPrompt: 'Varmistamme, että lähettäjä on ihminen: paina vielä kerran alla olevaa painiketta.',
  checkButton: 'Kyllä, lähetä',
  automated: 'Mitään ei lähetetty: selain kertoo olevansa automaation ohjaama, tai sivu ei ollut näkyvissä. Vastaa avaamalla linkki omassa selaimessasi.',
};
