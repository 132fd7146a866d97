import type { SurveyTranslation } from './en.js';

export const fi: SurveyTranslation = {
  surveyHeading: 'Miten onnistuimme?',
  surveyFrom: 'Sinua palveli',
  send: 'Lähetä vastaus',
  sentTo: 'Vastauksesi meni',
  canChange: 'Voit muuttaa vastaustasi 15 minuutin ajan.',
  changeAnswer: 'Muuta vastaustasi',
  linkFailed: 'Kyselyä ei voitu ladata.',
  checkPrompt: 'Varmistamme, että lähettäjä on ihminen: paina vielä kerran alla olevaa painiketta.',
  checkButton: 'Kyllä, lähetä',
  automated: 'Mitään ei lähetetty: selain kertoo olevansa automaation ohjaama, tai sivu ei ollut näkyvissä. Vastaa avaamalla linkki omassa selaimessasi.',
};
