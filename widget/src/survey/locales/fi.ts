import type { SurveyTranslation } from './en.js';

export const fi: SurveyTranslation = {
  surveyHeading: 'Miten onnistuimme?',
  surveyFrom: 'Sinua palveli',
  confirmRating: 'Lähetä arvio',
  ratingRecorded: 'Kiitos! Arviosi {n} on tallennettu.',
  tellMore: 'Voit myös kirjoittaa lisää tai muuttaa arviotasi.',
  linkFailed: 'Kyselyä ei voitu ladata.',
};
