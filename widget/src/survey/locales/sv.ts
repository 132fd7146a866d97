import type { SurveyTranslation } from './en.js';

export const sv: SurveyTranslation = {
  surveyHeading: 'Hur lyckades vi?',
  surveyFrom: 'Du betjänades av',
  send: 'Skicka svaret',
  sentTo: 'Ditt svar gick till',
  canChange: 'Du kan ändra ditt svar i 15 minuter.',
  changeAnswer: 'Ändra ditt svar',
  linkFailed: 'Enkäten kunde inte laddas.',
  checkPrompt: 'För att försäkra oss om att det är en människa som skickar: tryck en gång till på knappen nedan.',
  checkButton: 'Ja, skicka',
  automated: 'Inget skickades: webbläsaren uppger att den styrs av automatik, eller så var sidan inte synlig. Öppna länken i din egen webbläsare för att svara.',
};
