/** The survey page's English texts, kept out of the widget that every city page loads; the shape every other language must match. */
export const en = {
  surveyHeading: 'How did we do?',
  surveyFrom: 'You were served by',
  confirmRating: 'Send rating',
  ratingRecorded: 'Thank you! Your rating {n} has been recorded.',
  tellMore: 'You can also write more, or change your rating.',
  linkFailed: 'The survey could not be loaded.',
};

export type SurveyTranslation = typeof en;
