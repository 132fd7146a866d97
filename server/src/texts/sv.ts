import type { ServerTexts } from './en.js';

export const sv: ServerTexts = {
  home: {
    title: 'Suora – responskanal',
    intro: 'Den här servern tar emot stadens kundrespons och skickar den till den ansvariga personen.',
    publicFeed: 'Offentlig respons och stadens svar',
    dashboard: 'Responshanteringen för stadens personal',
    demo: 'Demo',
    demoPage: 'En exempelsida för staden med responsformuläret',
    demoMessages: 'Ett exempel på e-post med en enkät i signaturen, och ett exempel på sms',
    embed: 'Responsformuläret på en sida',
  },
  survey: {
    title: 'Hur lyckades vi?',
    noscript: 'Enkäten behöver JavaScript. Du kan också ge respons genom att svara på meddelandet du fick.',
    notInUse: 'Enkätlänken används inte',
    gone: 'Den här enkätlänken används inte längre.',
    unknown: 'Enkätlänken hittades inte. Kontrollera att adressen är hel.',
    offer: 'Du kan ändå ge respons till staden:',
  },
  signIn: {
    title: 'Logga in i Suora',
    prompt: 'Logga in i responshanteringen.',
    button: 'Logga in',
    invalid: 'Inloggningslänken är inte giltig',
    invalidHelp: 'Länken har redan använts, har gått ut eller är ofullständig. Du kan be om en ny i översikten.',
    mailSubject: (account) => `Inloggningslänk till Suora: ${account}`,
    mailBody: (account, role) =>
      `Med den här länken loggar du in i Suoras responshantering på kontot ${account}, med rollen ${role}. Länken fungerar en gång, i 15 minuter. Om kontot inte är ditt, använd inte länken utan meddela administratören.`,
    roles: { official: 'tjänsteinnehavare', 'decision-maker': 'beslutsfattare', admin: 'administratör' },
  },
  sso: {
    back: 'Tillbaka till översikten',
    noAccount: 'Inget Suora-konto för den här inloggningen',
    noAccountHelp: 'Kontot du loggade in med har inget Suora-konto kopplat till sig. Om du behöver ett, be din administratör.',
    cancelled: 'Inloggningen avbröts',
    cancelledHelp: 'Du avbröt inloggningen. Du kan börja om från översikten eller där be om en inloggningslänk per e-post.',
    unavailable: 'Stadens inloggningstjänst svarar inte',
    unavailableHelp: 'Det går inte att logga in med stadens konto just nu. Försök igen om en stund, eller be om en inloggningslänk per e-post i översikten.',
    invalid: 'Inloggningen kunde inte slutföras',
    invalidHelp: 'Inloggningen hade gått ut, redan använts eller startats i en annan webbläsare. Börja om från översikten.',
  },
  signature: {
    poor: 'dåligt',
    excellent: 'utmärkt',
    sms: (url) =>
      `Tack för ditt samtal! Hur lyckades vi? Svara på 1 minut: ${url}`,
  },
  reply: {
    subject: 'Svar på din respons',
    intro: 'Tack för din respons. Här är stadens svar:',
  },
  digest: {
    newItem: 'Ny respons',
    greeting: (name) => `Hej ${name},`,
    general: 'allmän respons',
    surveyVia: (channel) => `enkät (${channel})`,
    newItems: (n) => `${n} nya responser`,
    rating: 'Betyg',
    public: 'Givaren tillät publicering.',
    private: 'Privat.',
    wantsReply: 'Givaren vill ha svar.',
    more: (n) => `och ${n} till`,
    routed: 'ny respons har skickats till dig:',
  },
};
