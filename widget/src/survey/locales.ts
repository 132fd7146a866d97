import type { Locale } from '../shared/localize.js';

/** The survey page's own texts, kept out of the widget that every city page loads. */
const en = {
  surveyHeading: 'How did we do?',
  surveyFrom: 'You were served by',
  confirmRating: 'Send rating',
  ratingRecorded: 'Thank you! Your rating {n} has been recorded.',
  tellMore: 'You can also write more, or change your rating.',
  linkFailed: 'The survey could not be loaded.',
};

export type SurveyTranslation = typeof en;

export const SURVEY_TRANSLATIONS: Record<Locale, SurveyTranslation> = {
  fi: {
    surveyHeading: 'Miten onnistuimme?',
    surveyFrom: 'Sinua palveli',
    confirmRating: 'Lähetä arvio',
    ratingRecorded: 'Kiitos! Arviosi {n} on tallennettu.',
    tellMore: 'Voit myös kirjoittaa lisää tai muuttaa arviotasi.',
    linkFailed: 'Kyselyä ei voitu ladata.',
  },
  sv: {
    surveyHeading: 'Hur lyckades vi?',
    surveyFrom: 'Du betjänades av',
    confirmRating: 'Skicka betyg',
    ratingRecorded: 'Tack! Ditt betyg {n} har sparats.',
    tellMore: 'Du kan också skriva mer eller ändra ditt betyg.',
    linkFailed: 'Enkäten kunde inte laddas.',
  },
  en,
};
