import type { ServerTexts } from './en.js';

export const fi: ServerTexts = {
  home: {
    title: 'Suora – palautekanava',
    intro: 'Tämä palvelin ottaa vastaan kaupungin asiakaspalautetta ja ohjaa sen vastuuhenkilölle.',
    publicFeed: 'Julkinen palaute ja kaupungin vastaukset',
    dashboard: 'Kaupungin henkilöstön palautteiden hallinta',
    demo: 'Demo',
    demoPage: 'Esimerkki kaupungin sivusta ja palautelomakkeesta',
    demoMessages: 'Esimerkki sähköpostista, jonka allekirjoituksessa on kysely, ja tekstiviestistä',
    embed: 'Palautelomake sivulle',
  },
  survey: {
    title: 'Miten onnistuimme?',
    noscript: 'Kysely tarvitsee JavaScriptin. Voit antaa palautetta myös vastaamalla saamaasi viestiin.',
    notInUse: 'Kyselylinkki ei ole käytössä',
    gone: 'Tämä kyselylinkki ei ole enää käytössä.',
    unknown: 'Tätä kyselylinkkiä ei löydy. Tarkista, että osoite on kokonainen.',
    offer: 'Voit silti antaa palautetta kaupungille:',
  },
  signIn: {
    title: 'Kirjaudu Suoraan',
    prompt: 'Kirjaudu palautteiden hallintaan.',
    button: 'Kirjaudu',
    invalid: 'Kirjautumislinkki ei kelpaa',
    invalidHelp: 'Linkki on jo käytetty, vanhentunut tai vajaa. Voit pyytää uuden hallintanäkymästä.',
    mailSubject: (account) => `Kirjautumislinkki Suoraan: ${account}`,
    mailBody: (account, role) =>
      `Tällä linkillä kirjaudut Suoran palautteiden hallintaan tilille ${account}, roolina ${role}. Linkki toimii kerran, 15 minuutin ajan. Jos tili ei ole sinun, älä käytä linkkiä, vaan kerro ylläpitäjälle.`,
    roles: { official: 'virkailija', 'decision-maker': 'päättäjä', admin: 'ylläpitäjä' },
  },
  sso: {
    back: 'Takaisin hallintanäkymään',
    noAccount: 'Tällä kirjautumisella ei ole Suora-tunnusta',
    noAccountHelp: 'Tilillä, jolla kirjauduit, ei ole Suora-tunnusta. Jos tarvitset sellaisen, pyydä sitä ylläpitäjältä.',
    cancelled: 'Kirjautuminen peruttiin',
    cancelledHelp: 'Peruit kirjautumisen. Voit aloittaa alusta hallintanäkymästä tai pyytää siellä kirjautumislinkin sähköpostiisi.',
    unavailable: 'Kaupungin kirjautumispalvelu ei vastaa',
    unavailableHelp: 'Kaupungin tunnuksilla ei juuri nyt voi kirjautua. Yritä hetken kuluttua uudelleen tai pyydä kirjautumislinkki sähköpostiisi hallintanäkymästä.',
    invalid: 'Kirjautumista ei voitu viedä loppuun',
    invalidHelp: 'Kirjautuminen oli vanhentunut, jo käytetty tai aloitettu toisessa selaimessa. Aloita alusta hallintanäkymästä.',
  },
  signature: {
    poor: 'huono',
    excellent: 'erinomainen',
    sms: (url) =>
      `Kiitos puhelustasi! Miten onnistuimme? Vastaa 1 minuutissa: ${url}`,
  },
  reply: {
    subject: 'Vastaus palautteeseesi',
    intro: 'Kiitos palautteestasi. Tässä kaupungin vastaus:',
  },
  digest: {
    newItem: 'Uusi palaute',
    greeting: (name) => `Hei ${name},`,
    general: 'yleinen palaute',
    surveyVia: (channel) => `kysely (${channel})`,
    newItems: (n) => `${n} uutta palautetta`,
    rating: 'Arvio',
    public: 'Antaja salli julkaisun.',
    private: 'Yksityinen.',
    wantsReply: 'Antaja toivoo vastausta.',
    more: (n) => `…ja ${n} muuta`,
    routed: 'sinulle on ohjattu uutta palautetta:',
  },
};
