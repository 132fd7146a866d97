/** The survey page's English texts, kept out of the widget that every city page loads; the shape every other language must match. */
export const en = {
  surveyHeading: 'How did we do?',
  surveyFrom: 'You were served by',
  send: 'Send your answer',
  sentTo: 'Your answer went to',
  canChange: 'You can change your answer within 15 minutes.',
  changeAnswer: 'Change your answer',
  linkFailed: 'The survey could not be loaded.',
  checkPrompt: 'To make sure a person is sending this, please press the button below once more.',
  checkButton: 'Yes, send',
  automated: 'Nothing was sent: this browser says it is run by automation, or the page was not in view. To answer, open the link in your own browser.',
};

export type SurveyTranslation = typeof en;
