import type { SurveyTranslation } from './en.js';

export const sv: SurveyTranslation = {
  surveyHeading: 'Hur lyckades vi?',
  surveyFrom: 'Du betjänades av',
  confirmRating: 'Skicka betyg',
  ratingRecorded: 'Tack! Ditt betyg {n} har sparats.',
  tellMore: 'Du kan också skriva mer eller ändra ditt betyg.',
  linkFailed: 'Enkäten kunde inte laddas.',
  checkPrompt: 'För att försäkra oss om att det är en människa som skickar: tryck en gång till på knappen nedan.',
  checkButton: 'Ja, skicka',
  automated: 'Inget skickades: webbläsaren uppger att den styrs av automatik, eller så var sidan inte synlig. Öppna länken i din egen webbläsare för att svara.',
};
