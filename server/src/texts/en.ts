import type { ColumnKey } from '../domain/export-columns.js';
import type { LinkChannel, Role, Status } from '../domain/model.js';

/**
 * The server's own English texts (its pages and its mail); the shape every other language
 * must match (checked at compile time, and by test/server/locales.test.ts at run time).
 * Counts and values come in as function arguments.
 */
export const en = {
  home: {
    title: 'A feedback channel',
    intro: 'This server receives feedback for the city and routes it to the person responsible.',
    publicFeed: 'Public feedback and the city’s replies',
    dashboard: 'The dashboard for city staff',
    demo: 'Demo',
    demoPage: 'A sample city page with the feedback widget',
    demoMessages: 'A sample email with a survey signature, and a sample SMS',
    embed: 'Embed the widget',
  },
  survey: {
    title: 'How did we do?',
    noscript: 'The survey needs JavaScript. You can also give feedback by replying to the message you received.',
    notInUse: 'This survey link is not in use',
    gone: 'This survey link is no longer in use.',
    unknown: 'This survey link was not found. Check that the address is complete.',
    offer: 'You can still give the city feedback:',
  },
  signIn: {
    title: 'Sign in to Suora',
    prompt: 'Sign in to the feedback dashboard.',
    button: 'Sign in',
    invalid: 'The sign-in link is not valid',
    invalidHelp: 'The link has been used, has expired or is incomplete. You can ask for a new one on the dashboard.',
    mailSubject: (account: string) => `Sign-in link to Suora: ${account}`,
    mailBody: (account: string, role: string) =>
      `This link signs you in to Suora's feedback dashboard as ${account}, with the role ${role}. It works once, for 15 minutes. If this account is not yours, do not use the link: tell an admin.`,
    roles: { official: 'official', manager: 'manager', 'decision-maker': 'decision-maker', admin: 'admin' } satisfies Record<Role, string> as Record<Role, string>,
  },
  sso: {
    back: 'Back to the dashboard',
    noAccount: 'No Suora account for this sign-in',
    noAccountHelp: 'The account you signed in with has no Suora account linked to it. If you need one, ask your admin.',
    cancelled: 'Sign-in cancelled',
    cancelledHelp: 'You cancelled the sign-in. You can start again from the dashboard, or ask there for a sign-in link by email.',
    unavailable: 'The city’s sign-in service is not answering',
    unavailableHelp: 'Signing in with the city’s account is not possible right now. Try again in a moment, or ask for a sign-in link by email on the dashboard.',
    invalid: 'The sign-in could not be completed',
    invalidHelp: 'The sign-in had expired, had already been used, or was started in another browser. Start again from the dashboard.',
  },
  signature: {
    poor: 'poor',
    excellent: 'excellent',
    sms: (url: string) =>
      `Thank you for your call! How did we do? Answer in 1 minute: ${url}`,
  },
  reply: {
    subject: (ref: string) => `A reply to your feedback ${ref}`,
    correctedSubject: (ref: string) => `A corrected reply to your feedback ${ref}`,
    intro: 'Thank you for your feedback. Here is the city’s reply:',
    correctedIntro: 'The city has corrected its reply to your feedback. Here is the reply as it now stands:',
    youWrote: 'You wrote:',
  },
  forward: {
    subject: 'Feedback forwarded to you',
    intro: (name: string) => `${name} forwarded feedback to you. Their note:`,
  },
  digest: {
    newItem: (ref: string, about: string) => `New feedback ${ref}: ${about}`,
    newItems: (n: number, refs: string) => `${n} new feedback items: ${refs}`,
    greeting: (name: string) => `Hello ${name},`,
    routed: 'new feedback has been routed to you:',
    changedItem: (ref: string, about: string) => `Feedback ${ref} changed by its giver: ${about}`,
    changedItems: (n: number, refs: string) => `${n} feedback items changed by their givers: ${refs}`,
    changedRouted: 'feedback you were already told of has been changed by its giver. Here it is as it now stands:',
    general: 'General feedback',
    /** A survey item has no topic: it is named by the link it came through. */
    survey: { email: 'Survey in an email signature', sms: 'Survey by text message' } satisfies Record<LinkChannel, string> as Record<LinkChannel, string>,
    caseRef: (ref: string) => `Case: ${ref}`,
    rating: (n: number) => `Rating: ${n}/5`,
    public: 'The giver allowed publication.',
    private: 'Private.',
    wantsReply: 'The giver wants a reply.',
    more: (n: number) => `and ${n} more`,
  },
  export: {
    sheet: 'Feedback',
    /** A time column's header names the zone its local times are in: Excel has no zones. */
    inZone: (header: string, zone: string) => `${header} (${zone})`,
    codes: {
      channel: { widget: 'Web form', email: 'Email signature', sms: 'Text message' },
      status: { new: 'New', 'in-progress': 'In progress', answered: 'Answered', closed: 'Closed' },
      locale: { fi: 'Finnish', sv: 'Swedish', en: 'English' },
    } satisfies Record<CodeColumn, Record<string, string>> as Record<CodeColumn, Record<string, string>>,
    columns: {
      id: 'Reference',
      created_at: 'Received',
      channel: 'Channel',
      topic: 'Topic',
      service_area: 'Service area',
      official: 'Official',
      rating: 'Rating',
      comment: 'Comment',
      public: 'Public allowed',
      published: 'Published',
      status: 'Status',
      contact_name: 'Name',
      contact_email: 'Email',
      contact_phone: 'Phone',
      organisation: 'Organisation',
      business_id: 'Business ID',
      wants_reply: 'Wants a reply',
      ref: 'Case reference',
      page_url: 'Page',
      locale: 'Language',
      reply: 'Reply',
      replied_at: 'Replied',
      due_at: 'Due',
    } satisfies Record<ColumnKey, string> as Record<ColumnKey, string>,
  },
  sources: {
    channels: { widget: 'web form', email: 'email signature', sms: 'text message' },
    survey: (source: string) => `Survey: ${source}`,
    revoked: 'revoked',
    removedLink: 'a removed survey link',
  },
  acknowledgement: {
    subject: (ref: string) => `We received your feedback (${ref})`,
    thanks: 'Thank you for your feedback. It has reached the person responsible for the matter.',
    reference: (ref: string) => `Your feedback’s reference: ${ref}`,
    next: 'What happens next: the person responsible reads your feedback and handles it. If you asked for a reply, it comes to this address.',
    target: (date: string) => `The city’s goal is to handle it by ${date}.`,
    statusLink: 'You can follow its status, and read the city’s reply once there is one, here:',
    keepPrivate: 'The link is yours alone: anyone who has it can see the status.',
  },
  statusPage: {
    title: 'The status of your feedback',
    reference: 'Reference',
    received: 'Received',
    topic: 'Topic',
    status: 'Status',
    due: 'Goal for handling',
    reply: 'The city’s reply',
    noReply: 'There is no reply yet.',
    statuses: { new: 'Received, waiting to be handled', 'in-progress': 'Being handled', answered: 'Answered', closed: 'Closed' } satisfies Record<Status, string> as Record<Status, string>,
    notFound: 'Feedback not found',
    notFoundHelp: 'The link is incomplete, or the feedback has been removed.',
  },
  open311: {
    topicService: 'Feedback on this topic, and the city’s replies.',
    areaService: 'Feedback to the service area as a whole, not on one of its topics, and the city’s replies.',
  },
  reminder: {
    subject: (n: number, refs: string) => `Feedback awaiting an answer: ${n} (${refs})`,
    intro: 'these feedback items are due tomorrow or overdue:',
    overdue: 'overdue',
    due: (date: string) => `due ${date}`,
  },
  identity: {
    /** Beside the city's name or logo in every page's header. */
    service: 'Feedback',
    privacy: 'Privacy notice',
    accessibility: 'Accessibility statement',
    dashboardTitle: 'Feedback management',
    publicTitle: 'Public feedback',
    feedbackTitle: 'Give feedback',
    seePublic: 'Read published feedback and the city’s replies',
    /** At the foot of every mail. */
    mailFooter: (city: string) => `${city}: the feedback service`,
    mailPrivacy: 'How we handle your data',
  },
};

export type ServerTexts = typeof en;

/** The export's columns that hold codes, shown in the workbook by their names. */
export type CodeColumn = 'channel' | 'status' | 'locale';
