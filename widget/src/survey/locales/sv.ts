import type { SurveyTranslation } from './en.js';

export const sv: SurveyTranslation = {
  surveyHeading: 'Hur lyckades vi?',
  surveyFrom: 'Du betjänades av',
  confirmRating: 'Skicka betyg',
  ratingRecorded: 'Tack! Ditt betyg {n} har sparats.',
  tellMore: 'Du kan också skriva mer eller ändra ditt betyg.',
  linkFailed: 'Enkäten kunde inte laddas.',
};
