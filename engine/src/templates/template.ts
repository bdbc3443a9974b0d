/** A bundled workflow template: metadata, parameters, and a definition with `{ "$param": name }` placeholders. */
export type Language = 'en' | 'es';
export type Localized = Readonly<Record<Language, string>>;

export type ParameterType = 'agent' | 'team' | 'text' | 'schedule' | 'timezone' | 'holidays' | 'number' | 'boolean' | 'tag' | 'field';

export interface TemplateParameter {
  readonly name: string;
  readonly type: ParameterType;
  readonly title: Localized;
  readonly description: Localized;
  /** A required parameter has no sensible default: importing without it is a 422 naming it. */
  readonly required?: boolean;
  /** The value used when none is given. For `text`, one per language. `null` means "the whole workspace" for agent/team. */
  readonly default?: unknown;
}

export interface WorkflowTemplate {
  readonly id: string;
  readonly title: Localized;
  readonly description: Localized;
  readonly category: 'assignment' | 'messages' | 'routing' | 'lifecycle' | 'feedback';
  readonly parameters: readonly TemplateParameter[];
  readonly definition: Readonly<Record<string, unknown>>;
}

export const LANGUAGES: readonly Language[] = ['en', 'es'];
