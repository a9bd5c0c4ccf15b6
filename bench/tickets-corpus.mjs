// Made-up but plausible help-desk text for bench/tickets-seed.mjs: subjects, customer messages,
// agent replies and internal notes, names, companies and tags.
//
// Words are drawn with a Zipf-like skew (the first entries of each list are the most frequent), so
// full-text search meets what it meets in a real help desk: a few words that are in a large share
// of the tickets ("please", "account", "error"), many that are in a few percent ("invoice",
// "printer") and a long tail that is in very few ("kerberos", "duplex", error codes). The output
// is fully determined by the seed, so two seeded databases hold the same text.

/** A small, fast, seedable PRNG (mulberry32): the corpus must not change between runs. */
export function randomSource(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- Word lists, most frequent first -------------------------------------------------------------

/** A comma-separated list written across lines, as an array of trimmed entries. */
function list(text) {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const THINGS = list(`
  account, password, invoice, order, email, login, payment, subscription, laptop, printer,
  report, dashboard, mailbox, license, app, phone, delivery, refund, export, calendar, profile,
  vpn, wifi, browser, attachment, contract, shipment, package, monitor, keyboard, headset,
  webcam, server, database, backup, certificate, domain, firewall, api key, webhook, integration,
  spreadsheet, credit card, bank transfer, discount code, quote, price list, user list,
  team folder, shared drive, docking station, projector, scanner, toner cartridge, router,
  access badge, parking permit, meeting room, conference bridge, sso setup, ldap sync,
  saml metadata, dns record, ssl certificate, mobile app, desktop client, sync client, audit log,
  retention policy, purchase order, tax receipt, gift card, loyalty points, return label,
  warranty claim, firmware, raid controller, snapshot, replica, load balancer, proxy,
  kerberos ticket, smart card, yubikey, hdmi adapter, usb hub, duplex unit, fax line, voicemail,
  ipv6 address, dhcp lease, vlan
`);

const SYMPTOMS = list(`
  does not work, is not working, is very slow, keeps crashing, shows an error, does not load,
  stopped working, shows a blank page, is missing, is wrong, cannot be opened, was charged twice,
  times out, is locked, has expired, is stuck, keeps asking for my password,
  disconnects every few minutes, shows the wrong amount, never arrived, arrived damaged,
  freezes on startup, is greyed out, syncs only partially, prints blank pages,
  jams on every page, rejects my certificate, returns a 500 error, loses the connection,
  overheats, makes a clicking noise, shows duplicate entries, drops attachments
`);

const ACTIONS = list(`
  log in, reset my password, pay the invoice, change my email address, cancel my order,
  download the report, update my payment details, add a new user, export my data,
  upgrade my plan, connect to the vpn, print, open the attachment, install the app,
  sync my calendar, change the delivery address, remove a user, renew the license,
  track my package, apply the discount code, configure single sign-on, rotate the api key,
  restore the backup, set up the webhook, import the spreadsheet, book the meeting room,
  request a refund, merge the duplicate accounts, enable two-factor authentication,
  whitelist our domain, renew the ssl certificate, update the firmware, replace the toner
`);

const TIMES = list(`
  since yesterday, since this morning, since the last update, since Monday, for a week now,
  again today, every morning, since we moved offices, after the maintenance window,
  since the password change, for two days, since the new release, every time I try,
  after the restart, since last month, only on Fridays, since the migration,
  after the power outage
`);

const PLACES = list(`
  in the office, from home, on my phone, on the second floor, in the Berlin office,
  in the warehouse, at the front desk, in the London office, on the guest network,
  in meeting room 3, in the Zurich branch, on the factory floor, in the Lisbon office,
  at the Oslo site, in building B
`);

const PRODUCTS = list(`
  Orbit, Nimbus, Helix, Atlas, Quasar, Vertex, Pulse, Zenith, Cobalt, Lumen, Aurora, Falcon,
  Summit, Beacon, Cascade, Meridian, Horizon, Tundra, Sierra, Polaris
`);
const MODELS = ['Pro', 'X200', 'Lite', 'Max', '14', 'One', 'Plus', 'S3', 'Air', 'Studio', '2'];

const FEATURES = list(`
  dark mode, bulk export, single sign-on, two-factor authentication, custom fields,
  scheduled reports, audit trail, shared inboxes, offline mode, calendar sync, csv import,
  role permissions, multi-currency invoices, mobile push notifications, saved filters, webhooks,
  data residency, ip allow lists
`);

const CUSTOMER_TEMPLATES = [
  'My {thing} {symptom} {time}.',
  'I cannot {action} {time}.',
  'The {thing} {symptom} {place}.',
  'When I try to {action} the {thing} {symptom}.',
  'Please help, I need to {action} today.',
  'We are on the {product} {model} plan and the {thing} {symptom}.',
  'I already tried to restart it but the {thing} still {symptom}.',
  'Could you tell me how to {action}?',
  'The error message says {code}.',
  'This is urgent for us because the whole team cannot {action}.',
  'Our {thing} {symptom} and I get {code} every time.',
  'Is there a way to {action} without contacting you?',
  'We would like to know if {feature} is available on our plan.',
  'I was told last week that the {thing} would be fixed, but it {symptom}.',
  'Can you please check my {thing}?',
  'Since the last update of {product} the {thing} {symptom}.',
  'Two colleagues {place} have the same problem with the {thing}.',
  'I attached a screenshot of the {thing}.',
  'Please cancel the {thing} and send me a confirmation.',
  'How long does it take to {action}?',
];

const AGENT_TEMPLATES = [
  'Thank you for reaching out about your {thing}.',
  'I am sorry to hear that the {thing} {symptom}.',
  'Could you please send us a screenshot of the error {code}?',
  'I have reset your {thing}; please try again and let me know.',
  'To {action}, open the settings page and follow the steps in our guide.',
  'Our engineers are looking into the {thing} and I will update you {time2}.',
  'This is a known issue with {product} {model} and a fix is planned for the next release.',
  'I have forwarded your request about {feature} to our product team.',
  'Could you tell me which browser and version you use?',
  'I can see the {thing} on our side; it should be working again now.',
  'Please clear your cache and try to {action} again.',
  'I have issued a refund for the {thing}; it should arrive within five working days.',
  'Your {thing} has been updated as requested.',
  'Could you confirm the order number so I can check the {thing}?',
  'We have restarted the {thing} {place}; please check if it still {symptom}.',
];

const NOTE_TEMPLATES = [
  'Customer is on the {product} {model} plan, check the contract before offering a refund.',
  'Escalated to second line, looks like the {thing} problem from last week.',
  'Same issue as the {thing} outage {place}; linking it to the incident.',
  'Called the customer, they will send the logs for {code}.',
  'Do not reset the {thing} again, it breaks the {feature} setup.',
  'Waiting for engineering to confirm the fix for {code}.',
  'Possible duplicate, the colleague {place} opened one about the {thing} too.',
  'VIP account, keep the account manager in the loop.',
  'Refund approved by finance for the {thing}.',
];

const SUBJECT_TEMPLATES = list(`
  {Thing} {symptom}, Cannot {action}, {Thing} {symptom} {time}, Problem with {thing},
  Question about {feature}, {Product} {model}: {thing} {symptom},
  Error {code} when I try to {action}, Help needed: {thing}, Urgent: {thing} {symptom},
  How do I {action}?, Request to {action}, {Thing} {symptom} {place}, Feature request: {feature},
  Billing question about my {thing}, Re: {thing}
`);

const TIMES_AGENT = ['tomorrow', 'by the end of the day', 'within the hour', 'on Monday', 'soon'];

export const FIRST_NAMES = list(`
  Anna, Lukas, Maria, David, Sofia, Jonas, Emma, Noah, Mia, Elias, Laura, Felix, Sara, Leon,
  Julia, Paul, Lea, Ben, Nina, Tim, Clara, Max, Lena, Luca, Eva, Jan, Hannah, Tom, Alice, Oliver,
  Chloe, Samuel, Ines, Pedro, Marta, Hugo, Zoe, Omar, Aisha, Kenji, Yuki, Ravi, Priya, Chen, Mei,
  Ivan, Olga, Lars, Ingrid, Pierre, Amelie, Giulia, Marco, Fatima, Ahmed, Sven, Freya, Mateo,
  Valentina, Tomasz
`);

export const LAST_NAMES = list(`
  Muller, Schmidt, Garcia, Rossi, Martin, Silva, Smith, Jones, Fischer, Weber, Meyer, Wagner,
  Becker, Dubois, Moreau, Bianchi, Romano, Santos, Costa, Novak, Kowalski, Nielsen, Hansen,
  Johansson, Larsen, Brown, Taylor, Wilson, Evans, Thomas, Tanaka, Suzuki, Kim, Park, Patel,
  Singh, Khan, Ivanova, Petrov, Horvat, Keller, Huber, Baumann, Frei, Gerber, Brunner, Lopez,
  Fernandez, Moretti, Janssen, De Vries, Bakker, Visser, Lindqvist, Virtanen, Murphy, Kelly,
  Byrne, Walsh, Ryan
`);

const COMPANY_FIRST = list(`
  North, Blue, Stone, Silver, Green, Red, Bright, Iron, Clear, Swift, Alpine, Harbor, Oak, Maple,
  Cedar, River, Sun, Moon, Star, Crystal, Golden, Urban, Metro, Global, Prime, Nova, Vivid,
  Pioneer, Summit, Coastal
`);
const COMPANY_SECOND = list(`
  Labs, Works, Systems, Logistics, Retail, Health, Foods, Partners, Energy, Media, Finance,
  Consulting, Studios, Motors, Pharma, Textiles, Robotics, Analytics, Travel, Insurance, Capital,
  Design, Builders, Telecom, Software
`);

/** Tags, most used first. */
export const TAGS = list(`
  billing, login, bug, vip, refund, hardware, network, feature-request, email, password-reset,
  onboarding, outage, escalated, shipping, mobile, sso, api, duplicate, printer, security, gdpr,
  invoice, sla:gold, spam
`);

/** Mail providers of customers who belong to no organisation. */
export const FREEMAIL_DOMAINS = [
  'mail.example',
  'post.example',
  'inbox.example',
  'webmail.example',
];

// --- Generator -----------------------------------------------------------------------------------

/** Picks from a list with a Zipf-like skew: index i is drawn with weight 1 / (i + 1)^s. */
function zipfPicker(items, random, s = 1) {
  const cumulative = [];
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    total += 1 / (i + 1) ** s;
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return items[low];
  };
}

const capitalize = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Text pools for the seed: lists of sentences and subjects that SQL stitches together per ticket.
 * Pools are large enough (tens of thousands) that two tickets rarely share a whole message.
 */
export function createCorpus(seed) {
  const random = randomSource(seed);
  // Error codes: a few are everywhere, most are rare.
  const codes = Array.from({ length: 3000 }, (_, i) => `E${1000 + ((i * 7919) % 9000)}`);
  const pick = {
    thing: zipfPicker(THINGS, random, 0.9),
    symptom: zipfPicker(SYMPTOMS, random, 0.8),
    action: zipfPicker(ACTIONS, random, 0.8),
    time: zipfPicker(TIMES, random, 0.7),
    time2: zipfPicker(TIMES_AGENT, random, 0.5),
    place: zipfPicker(PLACES, random, 0.8),
    product: zipfPicker(PRODUCTS, random, 0.9),
    model: zipfPicker(MODELS, random, 0.7),
    feature: zipfPicker(FEATURES, random, 0.8),
    code: zipfPicker(codes, random, 1.05),
  };
  const fill = (template) =>
    template.replace(/\{(\w+)\}/g, (_, slot) => {
      const value = pick[slot.toLowerCase()]();
      return slot[0] === slot[0].toUpperCase() ? capitalize(value) : value;
    });
  const pool = (templates, size, s) => {
    const template = zipfPicker(templates, random, s);
    return Array.from({ length: size }, () => fill(template()));
  };
  return {
    subjects: pool(SUBJECT_TEMPLATES, 40_000, 0.6),
    customerSentences: pool(CUSTOMER_TEMPLATES, 40_000, 0.6),
    agentSentences: pool(AGENT_TEMPLATES, 15_000, 0.6),
    notes: pool(NOTE_TEMPLATES, 5_000, 0.5),
  };
}

/** `count` distinct organisation names such as "Blue Robotics 7", deterministic for a seed. */
export function companyNames(count, seed) {
  const random = randomSource(seed);
  const names = new Set();
  while (names.size < count) {
    const first = COMPANY_FIRST[Math.floor(random() * COMPANY_FIRST.length)];
    const second = COMPANY_SECOND[Math.floor(random() * COMPANY_SECOND.length)];
    const base = `${first} ${second}`;
    names.add(names.has(base) ? `${base} ${names.size}` : base);
  }
  return [...names];
}
