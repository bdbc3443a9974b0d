import type { Translation } from './translation.ts';
import { accountStrings } from '../account/strings.ts';
import { canvasStrings } from '../flow-editor/canvas/strings.ts';
import { flowConfigStrings } from '../flow-editor/config/strings.ts';
import { outlineStrings } from '../flow-editor/outline/strings.ts';
import { flowEditorStrings } from '../flow-editor/strings.ts';
import { testChatStrings } from '../flow-editor/test-chat/strings.ts';
import { versionsStrings } from '../flow-editor/versions/strings.ts';
import { flowsStrings } from '../flows/strings.ts';
import { inboxStrings } from '../inbox/strings.ts';
import { notFoundStrings } from '../not-found/strings.ts';
import { runsStrings } from '../runs/strings.ts';
import { sessionStrings } from '../session/strings.ts';
import { settingsStrings } from '../settings/strings.ts';
import { shellStrings } from '../shell/strings.ts';
import { signInStrings } from '../sign-in/strings.ts';
import { templatesStrings } from '../templates/strings.ts';
import { uiStrings } from '../ui/strings.ts';

const en = {
  shell: shellStrings.en,
  ui: uiStrings.en,
  flows: flowsStrings.en,
  flowEditor: flowEditorStrings.en,
  canvas: canvasStrings.en,
  flowConfig: flowConfigStrings.en,
  versions: versionsStrings.en,
  outline: outlineStrings.en,
  testChat: testChatStrings.en,
  templates: templatesStrings.en,
  runs: runsStrings.en,
  inbox: inboxStrings.en,
  settings: settingsStrings.en,
  account: accountStrings.en,
  signIn: signInStrings.en,
  session: sessionStrings.en,
  notFound: notFoundStrings.en,
} as const;

const es: Translation<typeof en> = {
  shell: shellStrings.es,
  ui: uiStrings.es,
  flows: flowsStrings.es,
  flowEditor: flowEditorStrings.es,
  canvas: canvasStrings.es,
  flowConfig: flowConfigStrings.es,
  versions: versionsStrings.es,
  outline: outlineStrings.es,
  testChat: testChatStrings.es,
  templates: templatesStrings.es,
  runs: runsStrings.es,
  inbox: inboxStrings.es,
  settings: settingsStrings.es,
  account: accountStrings.es,
  signIn: signInStrings.es,
  session: sessionStrings.es,
  notFound: notFoundStrings.es,
};

/** i18next's resources: language, then namespace (one per feature, kept beside its screens), then key. */
export const resources = { en, es } as const;

export type Namespace = keyof typeof en;

export const namespaces = Object.keys(en) as Namespace[];
