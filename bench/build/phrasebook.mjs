/**
 * The texts of the synthetic project, per language, for bench/build/generate-project.mjs.
 * Every text is what a real catalog would hold: TTS-friendly words ("press star"), {{vars}} and helpers.
 * Keys are languages ("en"); LOCALES maps the real Vonage TTS locales onto them.
 */

/** Real TTS locales (docs/format.md, ../shared/reference/tts-language-styles.tsv) in the order --locales takes them. */
export const LOCALES = [
  { locale: 'en-US', language: 'en-US', style: 2, lang: 'en', areaCode: '415' },
  { locale: 'es-US', language: 'es-US', style: 2, lang: 'es', areaCode: '305' },
  { locale: 'fr-CA', language: 'fr-CA', style: 0, lang: 'fr', areaCode: '514' },
  { locale: 'de-DE', language: 'de-DE', style: 0, lang: 'de', areaCode: '312' },
  { locale: 'pt-BR', language: 'pt-BR', style: 0, lang: 'pt', areaCode: '617' },
  { locale: 'it-IT', language: 'it-IT', style: 0, lang: 'it', areaCode: '718' },
  { locale: 'en-GB', language: 'en-GB', style: 0, lang: 'en', areaCode: '206' },
];

/** Info topics: a shared catalog text (with the flow's vars), a menu label and speech words. */
export const TOPICS = [
  'balance',
  'outage',
  'hours',
  'payment-options',
  'service',
  'moving',
  'autopay',
  'paperless',
  'meter',
  'savings',
  'assistance',
  'report',
];

const en = {
  key: { '*': 'star', '#': 'pound' },
  menuLine: (label, key) => `To ${label}, press ${key}.`,
  departments: { billing: 'billing', support: 'customer support', info: 'customer information', reminder: 'billing' },
  greeting: (dept, area) => `Thank you for calling {{company}} ${dept}, serving the ${area} area.`,
  labels: {
    pay: 'pay your balance now by card',
    agent: 'speak with a representative',
    repeat: 'hear these options again',
    balance: 'hear your balance and due date',
    outage: 'hear about power outages',
    hours: 'hear our opening hours',
    'payment-options': 'hear the ways you can pay',
    service: 'start or stop your service',
    moving: 'move your service to a new address',
    autopay: 'hear about automatic payments',
    paperless: 'switch to paperless bills',
    meter: 'submit a meter reading',
    savings: 'hear about our energy savings programs',
    assistance: 'hear about payment assistance',
    report: 'report a problem at your address',
  },
  speech: {
    pay: ['pay', 'payment'],
    agent: ['agent', 'representative'],
    balance: ['balance'],
    outage: ['outage', 'no power'],
    hours: ['hours', 'opening hours'],
    'payment-options': ['how to pay'],
    service: ['service'],
    moving: ['moving', 'move'],
    autopay: ['autopay'],
    paperless: ['paperless'],
    meter: ['meter', 'meter reading'],
    savings: ['savings'],
    assistance: ['assistance', 'help paying'],
    report: ['report', 'problem'],
    repeat: ['repeat'],
  },
  topics: {
    balance: 'Your current balance is {{money balance}}, due on {{date dueDate}}.',
    outage:
      'We know about a power outage in the {{area}} area. Our crews are working on it, and we expect power to be back by {{time restoreTime}}.',
    hours: 'Our {{area}} office is open from {{time opens}} to {{time closes}}, Monday to Friday.',
    'payment-options':
      'You can pay online at acme energy dot example, set up automatic payments, or pay by card any time on our payment line at {{digits paymentLine}}.',
    service: 'To start or stop service in the {{area}} area, our service team needs your account number and the service address.',
    moving: 'Moving? Tell us your new address at least one week before you move, and we will transfer your service from {{area}} for free.',
    autopay: 'With automatic payments, your balance of {{money balance}} is paid on {{date dueDate}} without you lifting a finger.',
    paperless: 'Paperless bills arrive by email on the same day each month. You can switch back at any time.',
    meter: 'Please have your meter number ready. Readings received before {{time closes}} are used for your next bill.',
    savings: 'Customers in {{area}} who join our savings program save about {{money savings}} a year on average.',
    assistance: 'If you need help paying your bill of {{money balance}}, you may qualify for a payment plan or assistance program.',
    report: 'Thank you. Your report for the {{area}} area has been sent to our crews. There is no need to call again.',
  },
  infoMenu: 'For the main menu, press 9. To speak with a representative, press 0. To hear this again, press star.',
  infoMenuMore:
    'To hear more, press 1. For the main menu, press 9. To speak with a representative, press 0. To hear this again, press star.',
  common: {
    'not-understood': "Sorry, I didn't catch that.",
    'menu-repeat-hint': 'To hear these options again, press star.',
    connecting: 'Please hold while I connect you with a representative.',
    'voicemail-prompt':
      'All of our representatives are busy right now. Please leave your name, your phone number and a short message after the beep. Press the pound key when you are done.',
    'voicemail-thanks': 'Thank you. We received your message and will call you back within one business day. Goodbye.',
    goodbye: 'Thank you for calling {{company}}. Goodbye.',
    'call-back-later': 'Our representatives are all busy right now. Please call us back at {{digits mainNumber}}.',
  },
  pay: {
    'amount-notice': 'You are about to pay {{money amount}}. We accept Visa and Mastercard. {{pause 500}} Please have your card ready.',
    paid: 'Thank you. Your payment of {{money balance}} was approved, and it will show on your next statement.',
    failed:
      'We are sorry, your payment could not be completed. To try again, press 1. To speak with a representative, press 0. For the main menu, press 9.',
  },
  reminder: {
    intro: 'Hello, this is {{company}} calling with a friendly reminder. Your balance of {{money balance}} is due on {{date dueDate}}.',
  },
  hold: 'Please hold.',
  cards: {
    card: {
      CardNumber: [
        'Please enter your Visa or Mastercard number.',
        {
          InvalidCardType: 'Sorry, we accept only Visa and Mastercard. Please enter a Visa or Mastercard number.',
          InvalidCardNumber: 'That card number is not valid. Please enter it again.',
          Timeout: 'Please enter the long number on the front of your Visa or Mastercard.',
        },
      ],
      ExpirationDate: [
        'Please enter the expiration date as four digits, two for the month and two for the year.',
        {
          InvalidExpirationDate: 'That expiration date is not valid or has passed. Please enter it again.',
          Timeout: 'Please enter the four-digit expiration date of your card.',
        },
      ],
      SecurityCode: [
        'Please enter the three-digit security code on the back of your card.',
        {
          InvalidSecurityCode: 'That security code is not valid. Please enter the three digits again.',
          Timeout: 'Please enter the three-digit security code from the back of your card.',
        },
      ],
    },
    'card-short': {
      CardNumber: [
        'Card number, please.',
        {
          InvalidCardType: 'Visa or Mastercard only, please.',
          InvalidCardNumber: 'That number is not valid. Again, please.',
          Timeout: 'Please enter your card number.',
        },
      ],
      ExpirationDate: [
        'Expiration date, four digits.',
        { InvalidExpirationDate: 'That date is not valid. Again, please.', Timeout: 'Please enter the expiration date.' },
      ],
      SecurityCode: [
        'Security code, please.',
        { InvalidSecurityCode: 'That code is not valid. Again, please.', Timeout: 'Please enter the security code.' },
      ],
    },
  },
};

const es = {
  key: { '*': 'asterisco', '#': 'numeral' },
  menuLine: (label, key) => `Para ${label}, oprima ${key}.`,
  departments: { billing: 'facturación', support: 'atención al cliente', info: 'información al cliente', reminder: 'facturación' },
  greeting: (dept, area) => `Gracias por llamar a {{company}}, ${dept}, al servicio de la zona de ${area}.`,
  labels: {
    pay: 'pagar su saldo ahora con tarjeta',
    agent: 'hablar con un representante',
    repeat: 'escuchar estas opciones de nuevo',
    balance: 'escuchar su saldo y la fecha de vencimiento',
    outage: 'escuchar sobre apagones',
    hours: 'escuchar nuestro horario',
    'payment-options': 'escuchar las formas de pago',
    service: 'iniciar o cancelar su servicio',
    moving: 'trasladar su servicio a una nueva dirección',
    autopay: 'escuchar sobre pagos automáticos',
    paperless: 'recibir facturas electrónicas',
    meter: 'enviar una lectura del medidor',
    savings: 'escuchar sobre nuestros programas de ahorro',
    assistance: 'escuchar sobre ayuda para pagar',
    report: 'reportar un problema en su dirección',
  },
  speech: {
    pay: ['pagar', 'pago'],
    agent: ['agente', 'representante'],
    balance: ['saldo'],
    outage: ['apagón', 'sin luz'],
    hours: ['horario'],
    'payment-options': ['cómo pagar'],
    service: ['servicio'],
    moving: ['mudanza'],
    autopay: ['pago automático'],
    paperless: ['factura electrónica'],
    meter: ['medidor'],
    savings: ['ahorro'],
    assistance: ['ayuda'],
    report: ['reportar', 'problema'],
    repeat: ['repetir'],
  },
  topics: {
    balance: 'Su saldo actual es de {{money balance}}, con vencimiento el {{date dueDate}}.',
    outage:
      'Sabemos que hay un apagón en la zona de {{area}}. Nuestras cuadrillas están trabajando y esperamos restablecer la luz a las {{time restoreTime}}.',
    hours: 'Nuestra oficina de {{area}} abre de {{time opens}} a {{time closes}}, de lunes a viernes.',
    'payment-options':
      'Puede pagar en línea en acme energy punto example, programar pagos automáticos o pagar con tarjeta en nuestra línea de pagos al {{digits paymentLine}}.',
    service: 'Para iniciar o cancelar el servicio en la zona de {{area}}, necesitamos su número de cuenta y la dirección del servicio.',
    moving: '¿Se muda? Díganos su nueva dirección al menos una semana antes y trasladaremos su servicio desde {{area}} sin costo.',
    autopay: 'Con los pagos automáticos, su saldo de {{money balance}} se paga el {{date dueDate}} sin que tenga que hacer nada.',
    paperless: 'Las facturas electrónicas llegan por correo el mismo día de cada mes. Puede volver al papel cuando quiera.',
    meter: 'Tenga a mano el número de su medidor. Las lecturas recibidas antes de las {{time closes}} se usan para su próxima factura.',
    savings: 'Los clientes de {{area}} que se unen a nuestro programa de ahorro ahorran unos {{money savings}} al año.',
    assistance:
      'Si necesita ayuda para pagar su factura de {{money balance}}, puede calificar para un plan de pagos o un programa de asistencia.',
    report: 'Gracias. Su reporte para la zona de {{area}} fue enviado a nuestras cuadrillas. No necesita volver a llamar.',
  },
  infoMenu: 'Para el menú principal, oprima 9. Para hablar con un representante, oprima 0. Para escuchar esto de nuevo, oprima asterisco.',
  infoMenuMore:
    'Para escuchar más, oprima 1. Para el menú principal, oprima 9. Para hablar con un representante, oprima 0. Para escuchar esto de nuevo, oprima asterisco.',
  common: {
    'not-understood': 'Disculpe, no le entendí.',
    'menu-repeat-hint': 'Para escuchar estas opciones de nuevo, oprima asterisco.',
    connecting: 'Por favor, espere mientras le comunico con un representante.',
    'voicemail-prompt':
      'Todos nuestros representantes están ocupados. Deje su nombre, su número de teléfono y un mensaje breve después del tono. Oprima la tecla numeral al terminar.',
    'voicemail-thanks': 'Gracias. Recibimos su mensaje y le llamaremos en un día hábil. Adiós.',
    goodbye: 'Gracias por llamar a {{company}}. Adiós.',
    'call-back-later': 'Todos nuestros representantes están ocupados. Llámenos de nuevo al {{digits mainNumber}}.',
  },
  pay: {
    'amount-notice': 'Está a punto de pagar {{money amount}}. Aceptamos Visa y Mastercard. {{pause 500}} Tenga su tarjeta a mano.',
    paid: 'Gracias. Su pago de {{money balance}} fue aprobado y aparecerá en su próximo estado de cuenta.',
    failed:
      'Lo sentimos, no pudimos completar su pago. Para intentarlo de nuevo, oprima 1. Para hablar con un representante, oprima 0. Para el menú principal, oprima 9.',
  },
  reminder: {
    intro: 'Hola, le llama {{company}} con un recordatorio. Su saldo de {{money balance}} vence el {{date dueDate}}.',
  },
  hold: 'Por favor, espere.',
  cards: {
    card: {
      CardNumber: [
        'Ingrese el número de su tarjeta Visa o Mastercard.',
        {
          InvalidCardType: 'Lo sentimos, solo aceptamos Visa y Mastercard. Ingrese una tarjeta Visa o Mastercard.',
          InvalidCardNumber: 'Ese número de tarjeta no es válido. Ingréselo de nuevo.',
          Timeout: 'Ingrese el número largo que aparece en el frente de su tarjeta Visa o Mastercard.',
        },
      ],
      ExpirationDate: [
        'Ingrese la fecha de vencimiento con cuatro dígitos, dos para el mes y dos para el año.',
        {
          InvalidExpirationDate: 'Esa fecha de vencimiento no es válida o ya pasó. Ingrésela de nuevo.',
          Timeout: 'Ingrese la fecha de vencimiento de cuatro dígitos de su tarjeta.',
        },
      ],
      SecurityCode: [
        'Ingrese el código de seguridad de tres dígitos del reverso de su tarjeta.',
        {
          InvalidSecurityCode: 'Ese código de seguridad no es válido. Ingrese los tres dígitos de nuevo.',
          Timeout: 'Ingrese el código de seguridad de tres dígitos del reverso de su tarjeta.',
        },
      ],
    },
    'card-short': {
      CardNumber: [
        'Número de tarjeta, por favor.',
        {
          InvalidCardType: 'Solo Visa o Mastercard, por favor.',
          InvalidCardNumber: 'Ese número no es válido. De nuevo, por favor.',
          Timeout: 'Ingrese el número de su tarjeta.',
        },
      ],
      ExpirationDate: [
        'Fecha de vencimiento, cuatro dígitos.',
        { InvalidExpirationDate: 'Esa fecha no es válida. De nuevo, por favor.', Timeout: 'Ingrese la fecha de vencimiento.' },
      ],
      SecurityCode: [
        'Código de seguridad, por favor.',
        { InvalidSecurityCode: 'Ese código no es válido. De nuevo, por favor.', Timeout: 'Ingrese el código de seguridad.' },
      ],
    },
  },
};

const fr = {
  key: { '*': 'étoile', '#': 'carré' },
  menuLine: (label, key) => `Pour ${label}, faites le ${key}.`,
  departments: {
    billing: 'la facturation',
    support: 'le service à la clientèle',
    info: "l'information à la clientèle",
    reminder: 'la facturation',
  },
  greeting: (dept, area) => `Merci d'avoir appelé {{company}}, ${dept}, au service de la région de ${area}.`,
  labels: {
    pay: 'payer votre solde maintenant par carte',
    agent: 'parler à un conseiller',
    repeat: 'réentendre ces options',
    balance: "connaître votre solde et sa date d'échéance",
    outage: 'en savoir plus sur les pannes',
    hours: "connaître nos heures d'ouverture",
    'payment-options': 'connaître les modes de paiement',
    service: 'ouvrir ou fermer votre service',
    moving: 'transférer votre service à une nouvelle adresse',
    autopay: 'en savoir plus sur le paiement automatique',
    paperless: 'passer à la facture électronique',
    meter: 'transmettre un relevé de compteur',
    savings: "en savoir plus sur nos programmes d'économies",
    assistance: "en savoir plus sur l'aide au paiement",
    report: 'signaler un problème à votre adresse',
  },
  speech: {
    pay: ['payer', 'paiement'],
    agent: ['conseiller', 'conseillère'],
    balance: ['solde'],
    outage: ['panne', 'panne de courant'],
    hours: ['heures', "heures d'ouverture"],
    'payment-options': ['comment payer'],
    service: ['service'],
    moving: ['déménagement'],
    autopay: ['paiement automatique'],
    paperless: ['facture électronique'],
    meter: ['compteur'],
    savings: ['économies'],
    assistance: ['aide'],
    report: ['signaler', 'problème'],
    repeat: ['répéter'],
  },
  topics: {
    balance: 'Votre solde actuel est de {{money balance}}, payable le {{date dueDate}}.',
    outage:
      'Nous sommes au courant d’une panne dans la région de {{area}}. Nos équipes y travaillent et le courant devrait être rétabli vers {{time restoreTime}}.',
    hours: 'Notre bureau de {{area}} est ouvert de {{time opens}} à {{time closes}}, du lundi au vendredi.',
    'payment-options':
      'Vous pouvez payer en ligne sur acme energy point example, adhérer au paiement automatique ou payer par carte sur notre ligne de paiement au {{digits paymentLine}}.',
    service:
      'Pour ouvrir ou fermer un service dans la région de {{area}}, notre équipe a besoin de votre numéro de compte et de l’adresse du service.',
    moving:
      'Vous déménagez? Donnez-nous votre nouvelle adresse au moins une semaine à l’avance et nous transférerons votre service de {{area}} sans frais.',
    autopay: 'Avec le paiement automatique, votre solde de {{money balance}} est réglé le {{date dueDate}} sans que vous ayez à y penser.',
    paperless: 'La facture électronique arrive par courriel le même jour chaque mois. Vous pouvez revenir au papier en tout temps.',
    meter: 'Ayez votre numéro de compteur à portée de main. Les relevés reçus avant {{time closes}} servent à votre prochaine facture.',
    savings: 'Les clients de {{area}} inscrits à notre programme d’économies épargnent environ {{money savings}} par année.',
    assistance:
      'Si vous avez besoin d’aide pour payer votre facture de {{money balance}}, vous pourriez avoir droit à une entente de paiement.',
    report: 'Merci. Votre signalement pour la région de {{area}} a été transmis à nos équipes. Inutile de rappeler.',
  },
  infoMenu: 'Pour le menu principal, faites le 9. Pour parler à un conseiller, faites le 0. Pour réentendre ce message, faites le étoile.',
  infoMenuMore:
    'Pour en savoir plus, faites le 1. Pour le menu principal, faites le 9. Pour parler à un conseiller, faites le 0. Pour réentendre ce message, faites le étoile.',
  common: {
    'not-understood': "Désolé, je n'ai pas compris.",
    'menu-repeat-hint': 'Pour réentendre ces options, faites le étoile.',
    connecting: 'Veuillez patienter, nous vous mettons en communication avec un conseiller.',
    'voicemail-prompt':
      'Tous nos conseillers sont occupés. Laissez votre nom, votre numéro de téléphone et un court message après le bip. Appuyez sur le carré quand vous avez terminé.',
    'voicemail-thanks': 'Merci. Nous avons reçu votre message et nous vous rappellerons d’ici un jour ouvrable. Au revoir.',
    goodbye: "Merci d'avoir appelé {{company}}. Au revoir.",
    'call-back-later': 'Tous nos conseillers sont occupés. Rappelez-nous au {{digits mainNumber}}.',
  },
  pay: {
    'amount-notice':
      'Vous allez payer {{money amount}}. Nous acceptons Visa et Mastercard. {{pause 500}} Veuillez avoir votre carte en main.',
    paid: 'Merci. Votre paiement de {{money balance}} a été approuvé et figurera sur votre prochain relevé.',
    failed:
      "Désolé, votre paiement n'a pas pu être effectué. Pour réessayer, faites le 1. Pour parler à un conseiller, faites le 0. Pour le menu principal, faites le 9.",
  },
  reminder: {
    intro: 'Bonjour, ici {{company}} avec un rappel amical. Votre solde de {{money balance}} est payable le {{date dueDate}}.',
  },
  hold: 'Veuillez patienter.',
  cards: {
    card: {
      CardNumber: [
        'Veuillez entrer le numéro de votre carte Visa ou Mastercard.',
        {
          InvalidCardType: 'Désolé, nous acceptons seulement Visa et Mastercard. Veuillez entrer une carte Visa ou Mastercard.',
          InvalidCardNumber: "Ce numéro de carte n'est pas valide. Veuillez l'entrer de nouveau.",
          Timeout: 'Veuillez entrer le long numéro au recto de votre carte Visa ou Mastercard.',
        },
      ],
      ExpirationDate: [
        "Veuillez entrer la date d'expiration en quatre chiffres, deux pour le mois et deux pour l'année.",
        {
          InvalidExpirationDate: "Cette date d'expiration n'est pas valide ou est passée. Veuillez l'entrer de nouveau.",
          Timeout: "Veuillez entrer la date d'expiration à quatre chiffres de votre carte.",
        },
      ],
      SecurityCode: [
        'Veuillez entrer le code de sécurité à trois chiffres au verso de votre carte.',
        {
          InvalidSecurityCode: "Ce code de sécurité n'est pas valide. Veuillez entrer les trois chiffres de nouveau.",
          Timeout: 'Veuillez entrer le code de sécurité à trois chiffres au verso de votre carte.',
        },
      ],
    },
    'card-short': {
      CardNumber: [
        'Numéro de carte, s’il vous plaît.',
        {
          InvalidCardType: 'Visa ou Mastercard seulement.',
          InvalidCardNumber: 'Ce numéro n’est pas valide. Recommencez.',
          Timeout: 'Veuillez entrer votre numéro de carte.',
        },
      ],
      ExpirationDate: [
        "Date d'expiration, quatre chiffres.",
        { InvalidExpirationDate: 'Cette date n’est pas valide. Recommencez.', Timeout: "Veuillez entrer la date d'expiration." },
      ],
      SecurityCode: [
        'Code de sécurité, s’il vous plaît.',
        { InvalidSecurityCode: 'Ce code n’est pas valide. Recommencez.', Timeout: 'Veuillez entrer le code de sécurité.' },
      ],
    },
  },
};

const de = {
  key: { '*': 'die Sterntaste', '#': 'die Rautetaste' },
  menuLine: (label, key) => `Um ${label}, drücken Sie ${key}.`,
  departments: { billing: 'Abrechnung', support: 'Kundenservice', info: 'Kundeninformation', reminder: 'Abrechnung' },
  greeting: (dept, area) => `Vielen Dank für Ihren Anruf bei {{company}}, ${dept}, für die Region ${area}.`,
  labels: {
    pay: 'Ihren Kontostand jetzt per Karte zu bezahlen',
    agent: 'mit einem Mitarbeiter zu sprechen',
    repeat: 'diese Optionen noch einmal zu hören',
    balance: 'Ihren Kontostand und das Fälligkeitsdatum zu hören',
    outage: 'mehr über Stromausfälle zu erfahren',
    hours: 'unsere Öffnungszeiten zu hören',
    'payment-options': 'die Zahlungsmöglichkeiten zu hören',
    service: 'Ihren Vertrag zu beginnen oder zu beenden',
    moving: 'Ihren Vertrag an eine neue Adresse mitzunehmen',
    autopay: 'mehr über automatische Zahlungen zu erfahren',
    paperless: 'auf die Online-Rechnung umzustellen',
    meter: 'einen Zählerstand durchzugeben',
    savings: 'mehr über unsere Sparprogramme zu erfahren',
    assistance: 'mehr über Zahlungshilfen zu erfahren',
    report: 'ein Problem an Ihrer Adresse zu melden',
  },
  speech: {
    pay: ['bezahlen', 'Zahlung'],
    agent: ['Mitarbeiter', 'Berater'],
    balance: ['Kontostand'],
    outage: ['Stromausfall', 'kein Strom'],
    hours: ['Öffnungszeiten'],
    'payment-options': ['wie bezahlen'],
    service: ['Vertrag'],
    moving: ['Umzug'],
    autopay: ['Lastschrift'],
    paperless: ['Online-Rechnung'],
    meter: ['Zähler', 'Zählerstand'],
    savings: ['sparen'],
    assistance: ['Hilfe'],
    report: ['melden', 'Problem'],
    repeat: ['wiederholen'],
  },
  topics: {
    balance: 'Ihr aktueller Kontostand beträgt {{money balance}}, fällig am {{date dueDate}}.',
    outage:
      'Uns ist ein Stromausfall in der Region {{area}} bekannt. Unsere Teams arbeiten daran, und wir erwarten den Strom um {{time restoreTime}} zurück.',
    hours: 'Unser Büro in {{area}} ist montags bis freitags von {{time opens}} bis {{time closes}} geöffnet.',
    'payment-options':
      'Sie können online auf acme energy punkt example bezahlen, eine automatische Zahlung einrichten oder jederzeit per Karte unter {{digits paymentLine}} bezahlen.',
    service:
      'Um einen Vertrag in der Region {{area}} zu beginnen oder zu beenden, braucht unser Team Ihre Kundennummer und die Lieferadresse.',
    moving:
      'Sie ziehen um? Nennen Sie uns Ihre neue Adresse mindestens eine Woche vorher, dann nehmen wir Ihren Vertrag aus {{area}} kostenlos mit.',
    autopay: 'Mit der automatischen Zahlung wird Ihr Kontostand von {{money balance}} am {{date dueDate}} ganz von selbst bezahlt.',
    paperless: 'Die Online-Rechnung kommt jeden Monat am gleichen Tag per E-Mail. Sie können jederzeit zurückwechseln.',
    meter: 'Bitte halten Sie Ihre Zählernummer bereit. Zählerstände, die vor {{time closes}} eingehen, zählen für Ihre nächste Rechnung.',
    savings: 'Kunden in {{area}}, die an unserem Sparprogramm teilnehmen, sparen im Schnitt etwa {{money savings}} im Jahr.',
    assistance:
      'Wenn Sie Hilfe beim Bezahlen Ihrer Rechnung von {{money balance}} brauchen, kommt vielleicht eine Ratenzahlung für Sie in Frage.',
    report: 'Vielen Dank. Ihre Meldung für die Region {{area}} wurde an unsere Teams weitergeleitet. Sie müssen nicht noch einmal anrufen.',
  },
  infoMenu:
    'Für das Hauptmenü drücken Sie 9. Um mit einem Mitarbeiter zu sprechen, drücken Sie 0. Um dies noch einmal zu hören, drücken Sie die Sterntaste.',
  infoMenuMore:
    'Für mehr Informationen drücken Sie 1. Für das Hauptmenü drücken Sie 9. Um mit einem Mitarbeiter zu sprechen, drücken Sie 0. Um dies noch einmal zu hören, drücken Sie die Sterntaste.',
  common: {
    'not-understood': 'Entschuldigung, das habe ich nicht verstanden.',
    'menu-repeat-hint': 'Um diese Optionen noch einmal zu hören, drücken Sie die Sterntaste.',
    connecting: 'Bitte bleiben Sie dran, ich verbinde Sie mit einem Mitarbeiter.',
    'voicemail-prompt':
      'Im Moment sind alle Mitarbeiter im Gespräch. Bitte hinterlassen Sie nach dem Signalton Ihren Namen, Ihre Telefonnummer und eine kurze Nachricht. Drücken Sie danach die Rautetaste.',
    'voicemail-thanks': 'Vielen Dank. Wir haben Ihre Nachricht erhalten und rufen Sie innerhalb eines Werktags zurück. Auf Wiederhören.',
    goodbye: 'Vielen Dank für Ihren Anruf bei {{company}}. Auf Wiederhören.',
    'call-back-later': 'Im Moment sind alle Mitarbeiter im Gespräch. Bitte rufen Sie uns unter {{digits mainNumber}} zurück.',
  },
  pay: {
    'amount-notice':
      'Sie bezahlen jetzt {{money amount}}. Wir akzeptieren Visa und Mastercard. {{pause 500}} Bitte halten Sie Ihre Karte bereit.',
    paid: 'Vielen Dank. Ihre Zahlung von {{money balance}} wurde bestätigt und erscheint auf Ihrer nächsten Rechnung.',
    failed:
      'Leider konnte Ihre Zahlung nicht abgeschlossen werden. Um es noch einmal zu versuchen, drücken Sie 1. Um mit einem Mitarbeiter zu sprechen, drücken Sie 0. Für das Hauptmenü drücken Sie 9.',
  },
  reminder: {
    intro:
      'Guten Tag, hier ist {{company}} mit einer freundlichen Erinnerung. Ihr Kontostand von {{money balance}} ist am {{date dueDate}} fällig.',
  },
  hold: 'Bitte warten Sie.',
  cards: {
    card: {
      CardNumber: [
        'Bitte geben Sie die Nummer Ihrer Visa- oder Mastercard ein.',
        {
          InvalidCardType: 'Leider akzeptieren wir nur Visa und Mastercard. Bitte geben Sie eine Visa- oder Mastercard ein.',
          InvalidCardNumber: 'Diese Kartennummer ist ungültig. Bitte geben Sie sie noch einmal ein.',
          Timeout: 'Bitte geben Sie die lange Nummer auf der Vorderseite Ihrer Karte ein.',
        },
      ],
      ExpirationDate: [
        'Bitte geben Sie das Ablaufdatum mit vier Ziffern ein, zwei für den Monat und zwei für das Jahr.',
        {
          InvalidExpirationDate: 'Dieses Ablaufdatum ist ungültig oder abgelaufen. Bitte geben Sie es noch einmal ein.',
          Timeout: 'Bitte geben Sie das vierstellige Ablaufdatum Ihrer Karte ein.',
        },
      ],
      SecurityCode: [
        'Bitte geben Sie den dreistelligen Sicherheitscode auf der Rückseite Ihrer Karte ein.',
        {
          InvalidSecurityCode: 'Dieser Sicherheitscode ist ungültig. Bitte geben Sie die drei Ziffern noch einmal ein.',
          Timeout: 'Bitte geben Sie den dreistelligen Sicherheitscode von der Rückseite Ihrer Karte ein.',
        },
      ],
    },
    'card-short': {
      CardNumber: [
        'Ihre Kartennummer, bitte.',
        {
          InvalidCardType: 'Nur Visa oder Mastercard, bitte.',
          InvalidCardNumber: 'Diese Nummer ist ungültig. Bitte noch einmal.',
          Timeout: 'Bitte geben Sie Ihre Kartennummer ein.',
        },
      ],
      ExpirationDate: [
        'Das Ablaufdatum, vier Ziffern.',
        { InvalidExpirationDate: 'Dieses Datum ist ungültig. Bitte noch einmal.', Timeout: 'Bitte geben Sie das Ablaufdatum ein.' },
      ],
      SecurityCode: [
        'Den Sicherheitscode, bitte.',
        { InvalidSecurityCode: 'Dieser Code ist ungültig. Bitte noch einmal.', Timeout: 'Bitte geben Sie den Sicherheitscode ein.' },
      ],
    },
  },
};

const pt = {
  key: { '*': 'asterisco', '#': 'jogo da velha' },
  menuLine: (label, key) => `Para ${label}, digite ${key}.`,
  departments: { billing: 'faturamento', support: 'atendimento ao cliente', info: 'informações ao cliente', reminder: 'faturamento' },
  greeting: (dept, area) => `Obrigado por ligar para {{company}}, ${dept}, atendendo a região de ${area}.`,
  labels: {
    pay: 'pagar seu saldo agora com cartão',
    agent: 'falar com um atendente',
    repeat: 'ouvir estas opções novamente',
    balance: 'ouvir seu saldo e a data de vencimento',
    outage: 'saber sobre falta de energia',
    hours: 'ouvir nosso horário de atendimento',
    'payment-options': 'ouvir as formas de pagamento',
    service: 'ligar ou desligar seu serviço',
    moving: 'transferir seu serviço para um novo endereço',
    autopay: 'saber sobre o débito automático',
    paperless: 'receber a conta por e-mail',
    meter: 'informar a leitura do medidor',
    savings: 'saber sobre nossos programas de economia',
    assistance: 'saber sobre ajuda para pagar',
    report: 'informar um problema no seu endereço',
  },
  speech: {
    pay: ['pagar', 'pagamento'],
    agent: ['atendente'],
    balance: ['saldo'],
    outage: ['falta de energia', 'sem luz'],
    hours: ['horário'],
    'payment-options': ['como pagar'],
    service: ['serviço'],
    moving: ['mudança'],
    autopay: ['débito automático'],
    paperless: ['conta por e-mail'],
    meter: ['medidor'],
    savings: ['economia'],
    assistance: ['ajuda'],
    report: ['informar', 'problema'],
    repeat: ['repetir'],
  },
  topics: {
    balance: 'Seu saldo atual é de {{money balance}}, com vencimento em {{date dueDate}}.',
    outage:
      'Sabemos de uma falta de energia na região de {{area}}. Nossas equipes estão trabalhando e a energia deve voltar até {{time restoreTime}}.',
    hours: 'Nosso escritório de {{area}} funciona das {{time opens}} às {{time closes}}, de segunda a sexta.',
    'payment-options':
      'Você pode pagar pela internet em acme energy ponto example, cadastrar o débito automático ou pagar com cartão na nossa linha de pagamento, {{digits paymentLine}}.',
    service: 'Para ligar ou desligar o serviço na região de {{area}}, precisamos do número da sua conta e do endereço do serviço.',
    moving:
      'Vai se mudar? Informe o novo endereço com pelo menos uma semana de antecedência e transferimos seu serviço de {{area}} sem custo.',
    autopay: 'Com o débito automático, seu saldo de {{money balance}} é pago em {{date dueDate}} sem que você precise fazer nada.',
    paperless: 'A conta por e-mail chega no mesmo dia todo mês. Você pode voltar para a conta em papel quando quiser.',
    meter: 'Tenha em mãos o número do seu medidor. Leituras recebidas antes das {{time closes}} entram na sua próxima conta.',
    savings: 'Os clientes de {{area}} que participam do nosso programa de economia poupam cerca de {{money savings}} por ano.',
    assistance: 'Se precisar de ajuda para pagar sua conta de {{money balance}}, você pode ter direito a um parcelamento.',
    report: 'Obrigado. Seu aviso para a região de {{area}} foi enviado às nossas equipes. Não é preciso ligar novamente.',
  },
  infoMenu: 'Para o menu principal, digite 9. Para falar com um atendente, digite 0. Para ouvir de novo, digite asterisco.',
  infoMenuMore:
    'Para saber mais, digite 1. Para o menu principal, digite 9. Para falar com um atendente, digite 0. Para ouvir de novo, digite asterisco.',
  common: {
    'not-understood': 'Desculpe, não entendi.',
    'menu-repeat-hint': 'Para ouvir estas opções novamente, digite asterisco.',
    connecting: 'Aguarde enquanto transfiro sua ligação para um atendente.',
    'voicemail-prompt':
      'Todos os nossos atendentes estão ocupados. Deixe seu nome, seu telefone e uma mensagem curta depois do sinal. Digite jogo da velha ao terminar.',
    'voicemail-thanks': 'Obrigado. Recebemos sua mensagem e retornaremos em até um dia útil. Até logo.',
    goodbye: 'Obrigado por ligar para {{company}}. Até logo.',
    'call-back-later': 'Todos os nossos atendentes estão ocupados. Ligue de novo para {{digits mainNumber}}.',
  },
  pay: {
    'amount-notice': 'Você vai pagar {{money amount}}. Aceitamos Visa e Mastercard. {{pause 500}} Tenha seu cartão em mãos.',
    paid: 'Obrigado. Seu pagamento de {{money balance}} foi aprovado e aparecerá na sua próxima conta.',
    failed:
      'Desculpe, não foi possível concluir seu pagamento. Para tentar de novo, digite 1. Para falar com um atendente, digite 0. Para o menu principal, digite 9.',
  },
  reminder: {
    intro: 'Olá, aqui é {{company}} com um lembrete. Seu saldo de {{money balance}} vence em {{date dueDate}}.',
  },
  hold: 'Aguarde, por favor.',
  cards: {
    card: {
      CardNumber: [
        'Digite o número do seu cartão Visa ou Mastercard.',
        {
          InvalidCardType: 'Desculpe, aceitamos apenas Visa e Mastercard. Digite um cartão Visa ou Mastercard.',
          InvalidCardNumber: 'Esse número de cartão não é válido. Digite novamente.',
          Timeout: 'Digite o número longo na frente do seu cartão Visa ou Mastercard.',
        },
      ],
      ExpirationDate: [
        'Digite a data de validade com quatro dígitos, dois para o mês e dois para o ano.',
        {
          InvalidExpirationDate: 'Essa data de validade não é válida ou já passou. Digite novamente.',
          Timeout: 'Digite a data de validade de quatro dígitos do seu cartão.',
        },
      ],
      SecurityCode: [
        'Digite o código de segurança de três dígitos no verso do seu cartão.',
        {
          InvalidSecurityCode: 'Esse código de segurança não é válido. Digite os três dígitos novamente.',
          Timeout: 'Digite o código de segurança de três dígitos do verso do seu cartão.',
        },
      ],
    },
    'card-short': {
      CardNumber: [
        'Número do cartão, por favor.',
        {
          InvalidCardType: 'Somente Visa ou Mastercard.',
          InvalidCardNumber: 'Esse número não é válido. De novo, por favor.',
          Timeout: 'Digite o número do cartão.',
        },
      ],
      ExpirationDate: [
        'Data de validade, quatro dígitos.',
        { InvalidExpirationDate: 'Essa data não é válida. De novo, por favor.', Timeout: 'Digite a data de validade.' },
      ],
      SecurityCode: [
        'Código de segurança, por favor.',
        { InvalidSecurityCode: 'Esse código não é válido. De novo, por favor.', Timeout: 'Digite o código de segurança.' },
      ],
    },
  },
};

const it = {
  key: { '*': 'asterisco', '#': 'cancelletto' },
  menuLine: (label, key) => `Per ${label}, premi ${key}.`,
  departments: { billing: 'fatturazione', support: 'assistenza clienti', info: 'informazioni clienti', reminder: 'fatturazione' },
  greeting: (dept, area) => `Grazie per aver chiamato {{company}}, ${dept}, per la zona di ${area}.`,
  labels: {
    pay: 'pagare ora il saldo con carta',
    agent: 'parlare con un operatore',
    repeat: 'riascoltare queste opzioni',
    balance: 'ascoltare il saldo e la scadenza',
    outage: 'avere notizie sui guasti',
    hours: 'ascoltare gli orari di apertura',
    'payment-options': 'ascoltare i metodi di pagamento',
    service: 'attivare o disattivare il servizio',
    moving: 'trasferire il servizio a un nuovo indirizzo',
    autopay: "sapere di più sull'addebito automatico",
    paperless: 'passare alla bolletta digitale',
    meter: 'comunicare la lettura del contatore',
    savings: 'sapere di più sui programmi di risparmio',
    assistance: 'sapere di più sugli aiuti per il pagamento',
    report: 'segnalare un problema al tuo indirizzo',
  },
  speech: {
    pay: ['pagare', 'pagamento'],
    agent: ['operatore'],
    balance: ['saldo'],
    outage: ['guasto', 'senza corrente'],
    hours: ['orari'],
    'payment-options': ['come pagare'],
    service: ['servizio'],
    moving: ['trasloco'],
    autopay: ['addebito automatico'],
    paperless: ['bolletta digitale'],
    meter: ['contatore'],
    savings: ['risparmio'],
    assistance: ['aiuto'],
    report: ['segnalare', 'problema'],
    repeat: ['ripetere'],
  },
  topics: {
    balance: 'Il tuo saldo attuale è di {{money balance}}, con scadenza il {{date dueDate}}.',
    outage:
      'Sappiamo di un guasto nella zona di {{area}}. Le nostre squadre sono al lavoro e la corrente dovrebbe tornare entro le {{time restoreTime}}.',
    hours: 'Il nostro ufficio di {{area}} è aperto dalle {{time opens}} alle {{time closes}}, dal lunedì al venerdì.',
    'payment-options':
      'Puoi pagare online su acme energy punto example, attivare l’addebito automatico o pagare con carta sulla nostra linea pagamenti al {{digits paymentLine}}.',
    service: 'Per attivare o disattivare il servizio nella zona di {{area}}, ci servono il numero di contratto e l’indirizzo di fornitura.',
    moving: 'Traslochi? Comunicaci il nuovo indirizzo almeno una settimana prima e trasferiremo gratis il servizio da {{area}}.',
    autopay: 'Con l’addebito automatico, il saldo di {{money balance}} viene pagato il {{date dueDate}} senza alcun pensiero.',
    paperless: 'La bolletta digitale arriva per email lo stesso giorno ogni mese. Puoi tornare alla carta quando vuoi.',
    meter:
      'Tieni a portata di mano il numero del contatore. Le letture ricevute prima delle {{time closes}} valgono per la prossima bolletta.',
    savings: 'I clienti di {{area}} che aderiscono al programma di risparmio risparmiano circa {{money savings}} all’anno.',
    assistance: 'Se hai bisogno di aiuto per pagare la bolletta di {{money balance}}, potresti avere diritto a una rateizzazione.',
    report: 'Grazie. La tua segnalazione per la zona di {{area}} è stata inviata alle nostre squadre. Non serve richiamare.',
  },
  infoMenu: 'Per il menu principale, premi 9. Per parlare con un operatore, premi 0. Per riascoltare, premi asterisco.',
  infoMenuMore:
    'Per saperne di più, premi 1. Per il menu principale, premi 9. Per parlare con un operatore, premi 0. Per riascoltare, premi asterisco.',
  common: {
    'not-understood': 'Scusa, non ho capito.',
    'menu-repeat-hint': 'Per riascoltare queste opzioni, premi asterisco.',
    connecting: 'Resta in linea, ti metto in contatto con un operatore.',
    'voicemail-prompt':
      'Tutti i nostri operatori sono occupati. Lascia il tuo nome, il tuo numero di telefono e un breve messaggio dopo il segnale acustico. Premi cancelletto quando hai finito.',
    'voicemail-thanks': 'Grazie. Abbiamo ricevuto il tuo messaggio e ti richiameremo entro un giorno lavorativo. Arrivederci.',
    goodbye: 'Grazie per aver chiamato {{company}}. Arrivederci.',
    'call-back-later': 'Tutti i nostri operatori sono occupati. Richiamaci al {{digits mainNumber}}.',
  },
  pay: {
    'amount-notice': 'Stai per pagare {{money amount}}. Accettiamo Visa e Mastercard. {{pause 500}} Tieni pronta la carta.',
    paid: 'Grazie. Il pagamento di {{money balance}} è stato approvato e comparirà nella prossima bolletta.',
    failed:
      'Purtroppo non è stato possibile completare il pagamento. Per riprovare, premi 1. Per parlare con un operatore, premi 0. Per il menu principale, premi 9.',
  },
  reminder: {
    intro: 'Buongiorno, ti chiamiamo da {{company}} per un promemoria. Il saldo di {{money balance}} scade il {{date dueDate}}.',
  },
  hold: 'Resta in linea, per favore.',
  cards: {
    card: {
      CardNumber: [
        'Inserisci il numero della tua carta Visa o Mastercard.',
        {
          InvalidCardType: 'Spiacenti, accettiamo solo Visa e Mastercard. Inserisci una carta Visa o Mastercard.',
          InvalidCardNumber: 'Il numero della carta non è valido. Inseriscilo di nuovo.',
          Timeout: 'Inserisci il numero lungo sul fronte della tua carta Visa o Mastercard.',
        },
      ],
      ExpirationDate: [
        'Inserisci la data di scadenza con quattro cifre, due per il mese e due per l’anno.',
        {
          InvalidExpirationDate: 'La data di scadenza non è valida o è già passata. Inseriscila di nuovo.',
          Timeout: 'Inserisci la data di scadenza di quattro cifre della tua carta.',
        },
      ],
      SecurityCode: [
        'Inserisci il codice di sicurezza di tre cifre sul retro della carta.',
        {
          InvalidSecurityCode: 'Il codice di sicurezza non è valido. Inserisci di nuovo le tre cifre.',
          Timeout: 'Inserisci il codice di sicurezza di tre cifre dal retro della carta.',
        },
      ],
    },
    'card-short': {
      CardNumber: [
        'Numero della carta, per favore.',
        {
          InvalidCardType: 'Solo Visa o Mastercard, per favore.',
          InvalidCardNumber: 'Numero non valido. Di nuovo, per favore.',
          Timeout: 'Inserisci il numero della carta.',
        },
      ],
      ExpirationDate: [
        'Data di scadenza, quattro cifre.',
        { InvalidExpirationDate: 'Data non valida. Di nuovo, per favore.', Timeout: 'Inserisci la data di scadenza.' },
      ],
      SecurityCode: [
        'Codice di sicurezza, per favore.',
        { InvalidSecurityCode: 'Codice non valido. Di nuovo, per favore.', Timeout: 'Inserisci il codice di sicurezza.' },
      ],
    },
  },
};

export const PHRASES = { en, es, fr, de, pt, it };

/** Place names for the flows' service areas (spoken inside every language's texts). */
export const AREAS = [
  'Oak Valley',
  'Cedar Falls',
  'Riverside',
  'Maple Ridge',
  'Pine Hills',
  'Lakeview',
  'Stone Creek',
  'Willow Bend',
  'Harbor Point',
  'Elm Grove',
  'Silver Lake',
  'Fox Run',
  'Granite Bay',
  'Aspen Park',
  'Bay Meadows',
  'Clear Springs',
  'Eagle Rock',
  'Fair Oaks',
  'Green Acres',
  'Highland',
  'Iron Hill',
  'Juniper Flats',
  'King City',
  'Laurel Heights',
];
