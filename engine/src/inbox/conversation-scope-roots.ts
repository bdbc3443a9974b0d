import type { ScopeRootDescription } from '@switchboard/engine/sdk';

/**
 * What the inbox's context provider gives a run on a conversation (`ConversationContext` in
 * store/inbox/conversation-context.ts), described for the editor's template help: the
 * autocomplete lists these properties and the preview renders over the examples, which tell
 * one story (Ana writes on WhatsApp, Carlos of Sales answers).
 */
export const conversationScopeRoots: readonly ScopeRootDescription[] = [
  {
    name: 'contact',
    title: 'Contact',
    description: 'The person the conversation is with.',
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid', description: "The contact's id." },
        name: { type: ['string', 'null'], description: 'Their full name, when known.' },
        firstName: { type: ['string', 'null'], description: 'The first word of their name, for greetings.' },
        phone: { type: ['string', 'null'], description: 'Their phone number, when known.' },
        email: { type: ['string', 'null'], description: 'Their email, when known.' },
        fields: { type: 'object', description: 'Custom contact fields, by key: contact.fields.plan.' },
        tags: { type: 'array', items: { type: 'string' }, description: "The contact's tags, in order." },
      },
      additionalProperties: false,
      examples: [
        {
          id: '8c2f6d90-1a3b-4c5d-8e7f-a1b2c3d4e5f6',
          name: 'Ana López',
          firstName: 'Ana',
          phone: '+34600111222',
          email: 'ana@example.com',
          fields: { plan: 'pro' },
          tags: ['cliente', 'vip'],
        },
      ],
    },
    translations: {
      es: {
        title: 'Contacto',
        description: 'La persona con la que es la conversación.',
        schema: {
          '/properties/id': { description: 'El id del contacto.' },
          '/properties/name': { description: 'Su nombre completo, si se conoce.' },
          '/properties/firstName': { description: 'La primera palabra de su nombre, para saludar.' },
          '/properties/phone': { description: 'Su teléfono, si se conoce.' },
          '/properties/email': { description: 'Su correo, si se conoce.' },
          '/properties/fields': { description: 'Los campos personalizados del contacto, por clave: contact.fields.plan.' },
          '/properties/tags': { description: 'Las etiquetas del contacto, en orden.' },
        },
      },
    },
  },
  {
    name: 'conversation',
    title: 'Conversation',
    description: 'The conversation the run is about.',
    schema: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid', description: "The conversation's id." },
        status: { type: 'string', enum: ['open', 'closed'], description: 'open or closed.' },
        channel: { type: 'string', description: 'The channel it is on, e.g. whatsapp.' },
        priority: { type: 'string', enum: ['low', 'normal', 'high', 'urgent'], description: 'low, normal, high or urgent.' },
        botActive: { type: 'boolean', description: 'Whether automation answers; false while a person handles it.' },
        isSpam: { type: 'boolean', description: 'Whether it was marked as spam.' },
        assigneeId: { type: ['string', 'null'], format: 'uuid', description: "The assigned agent's id; null when nobody has it." },
        teamId: { type: ['string', 'null'], format: 'uuid', description: "The team's id; null when none." },
        tags: { type: 'array', items: { type: 'string' }, description: "The conversation's own tags." },
        openedAt: { type: 'string', format: 'date-time', description: 'When it opened.' },
        firstResponseAt: { type: ['string', 'null'], format: 'date-time', description: 'When a person first answered; null until then.' },
        closedAt: { type: ['string', 'null'], format: 'date-time', description: 'When it closed; null while open.' },
        closingNote: { type: ['string', 'null'], description: 'The note it was closed with.' },
        closingCategory: { type: ['string', 'null'], description: 'The category it was closed with, e.g. resolved.' },
        csatScore: { type: ['integer', 'null'], description: "The contact's satisfaction rating, 1 to 5, once given." },
      },
      additionalProperties: false,
      examples: [
        {
          id: '5b7a3c1e-2f4d-4e8a-9c61-0d2e7f9a4b13',
          status: 'open',
          channel: 'whatsapp',
          priority: 'normal',
          botActive: true,
          isSpam: false,
          assigneeId: '3e9d1f27-6b8c-4a0d-9e12-f34a56b78c90',
          teamId: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
          tags: ['precios'],
          openedAt: '2025-06-02T09:28:00.000Z',
          firstResponseAt: null,
          closedAt: null,
          closingNote: null,
          closingCategory: null,
          csatScore: null,
        },
      ],
    },
    translations: {
      es: {
        title: 'Conversación',
        description: 'La conversación de la que trata la ejecución.',
        schema: {
          '/properties/id': { description: 'El id de la conversación.' },
          '/properties/status': { description: 'open (abierta) o closed (cerrada).' },
          '/properties/channel': { description: 'El canal en que está, p. ej. whatsapp.' },
          '/properties/priority': { description: 'low, normal, high o urgent (baja, normal, alta o urgente).' },
          '/properties/botActive': { description: 'Si la automatización responde; false mientras la atiende una persona.' },
          '/properties/isSpam': { description: 'Si se marcó como spam.' },
          '/properties/assigneeId': { description: 'El id del agente asignado; null si no la tiene nadie.' },
          '/properties/teamId': { description: 'El id del equipo; null si no tiene.' },
          '/properties/tags': { description: 'Las etiquetas propias de la conversación.' },
          '/properties/openedAt': { description: 'Cuándo se abrió.' },
          '/properties/firstResponseAt': { description: 'Cuándo respondió una persona por primera vez; null hasta entonces.' },
          '/properties/closedAt': { description: 'Cuándo se cerró; null mientras está abierta.' },
          '/properties/closingNote': { description: 'La nota con que se cerró.' },
          '/properties/closingCategory': { description: 'La categoría con que se cerró, p. ej. resolved.' },
          '/properties/csatScore': { description: 'La calificación de satisfacción del contacto, del 1 al 5, cuando la da.' },
        },
      },
    },
  },
  {
    name: 'assignee',
    title: 'Assigned agent',
    description: 'The agent who has the conversation now; null when nobody does.',
    schema: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'string', format: 'uuid', description: "The agent's id." },
        name: { type: 'string', description: "The agent's name." },
        email: { type: 'string', description: "The agent's email." },
        status: { type: 'string', enum: ['online', 'away', 'offline'], description: 'online, away or offline.' },
      },
      additionalProperties: false,
      examples: [{ id: '3e9d1f27-6b8c-4a0d-9e12-f34a56b78c90', name: 'Carlos Ruiz', email: 'carlos@example.com', status: 'online' }],
    },
    translations: {
      es: {
        title: 'Agente asignado',
        description: 'El agente que tiene ahora la conversación; null si no la tiene nadie.',
        schema: {
          '/properties/id': { description: 'El id del agente.' },
          '/properties/name': { description: 'El nombre del agente.' },
          '/properties/email': { description: 'El correo del agente.' },
          '/properties/status': { description: 'online, away u offline (en línea, ausente o desconectado).' },
        },
      },
    },
  },
  {
    name: 'team',
    title: 'Team',
    description: "The conversation's team; null when it has none.",
    schema: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'string', format: 'uuid', description: "The team's id." },
        name: { type: 'string', description: "The team's name." },
      },
      additionalProperties: false,
      examples: [{ id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6', name: 'Ventas' }],
    },
    translations: {
      es: {
        title: 'Equipo',
        description: 'El equipo de la conversación; null si no tiene.',
        schema: { '/properties/id': { description: 'El id del equipo.' }, '/properties/name': { description: 'El nombre del equipo.' } },
      },
    },
  },
];
