import type { Translation } from '../i18n/translation.ts';

const en = {
  title: 'Templates',
  intro: 'Ready-made flows for the routing most teams need. Pick one, answer a few questions, and adapt it on the canvas.',
  loading: 'Loading templates…',
  categories: {
    label: 'Category',
    all: 'All',
    assignment: 'Assignment',
    routing: 'Routing',
    messages: 'Messages',
    lifecycle: 'Lifecycle',
    feedback: 'Feedback',
  },
  count_one: '{{count}} template',
  count_other: '{{count}} templates',
  card: {
    startsWith: 'Starts when',
    steps: 'Steps',
    asks: 'You choose',
    noQuestions: 'Nothing: it works as it is.',
    use: 'Use template',
    useNamed: 'Use template “{{title}}”',
    missing_one: 'Needs the node type {{types}}, which isn’t installed here. Install its node pack to use this template.',
    missing_other: 'Needs the node types {{types}}, which aren’t installed here. Install their node packs to use this template.',
  },
  importDialog: {
    title: 'Use “{{title}}”',
    intro: 'Answer these to fill in the new flow. It opens as a draft on the canvas, where you can change anything before you publish it.',
    noQuestions: 'This template needs no answers: it opens as a draft on the canvas, where you can change anything before you publish it.',
    submit: 'Create the flow',
    submitting: 'Creating…',
    cancel: 'Cancel',
    missing: 'Choose one to continue.',
    nodeMissing: 'This template uses node types that aren’t installed here. Install their node packs, then try again.',
  },
  empty: 'No template in this category.',
} as const;

const es: Translation<typeof en> = {
  title: 'Plantillas',
  intro: 'Flujos listos para el enrutamiento que necesitan casi todos los equipos. Elige uno, responde a unas pocas preguntas y adáptalo en el lienzo.',
  loading: 'Cargando las plantillas…',
  categories: {
    label: 'Categoría',
    all: 'Todas',
    assignment: 'Asignación',
    routing: 'Enrutamiento',
    messages: 'Mensajes',
    lifecycle: 'Ciclo de vida',
    feedback: 'Opinión',
  },
  count_one: '{{count}} plantilla',
  count_other: '{{count}} plantillas',
  card: {
    startsWith: 'Empieza cuando',
    steps: 'Pasos',
    asks: 'Tú eliges',
    noQuestions: 'Nada: funciona tal cual.',
    use: 'Usar la plantilla',
    useNamed: 'Usar la plantilla «{{title}}»',
    missing_one: 'Necesita el tipo de nodo {{types}}, que no está instalado aquí. Instala su paquete de nodos para usar esta plantilla.',
    missing_other: 'Necesita los tipos de nodo {{types}}, que no están instalados aquí. Instala sus paquetes de nodos para usar esta plantilla.',
  },
  importDialog: {
    title: 'Usar «{{title}}»',
    intro: 'Responde a esto para completar el flujo nuevo. Se abre como borrador en el lienzo, donde puedes cambiar lo que quieras antes de publicarlo.',
    noQuestions: 'Esta plantilla no necesita respuestas: se abre como borrador en el lienzo, donde puedes cambiar lo que quieras antes de publicarlo.',
    submit: 'Crear el flujo',
    submitting: 'Creando…',
    cancel: 'Cancelar',
    missing: 'Elige una opción para continuar.',
    nodeMissing: 'Esta plantilla usa tipos de nodo que no están instalados aquí. Instala sus paquetes de nodos y vuelve a intentarlo.',
  },
  empty: 'No hay plantillas en esta categoría.',
};

export const templatesStrings = { en, es } as const;
