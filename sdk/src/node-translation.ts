/**
 * A node's texts in another language. The node's own `title`, `description`,
 * `category`, config schema texts and `portLabels` are its default text, in
 * its `language` (`en` unless it says otherwise); `translations` adds others,
 * keyed by language tag. `GET /api/node-types` answers each node in the best
 * of its languages for the request (`?language=es`, else `Accept-Language`)
 * and falls back to the default text for anything a translation leaves out.
 *
 * ```ts
 * translations: {
 *   es: {
 *     title: 'Asignar a un agente',
 *     description: 'Asigna la conversación a un agente del equipo.',
 *     category: 'Bandeja de entrada',
 *     config: {
 *       '/properties/teamId': { title: 'Equipo', description: 'El equipo cuyos agentes pueden recibirla.' },
 *       '/properties/strategy': { title: 'Reparto', enumNames: { round_robin: 'Por turnos (round robin)' } },
 *     },
 *     ports: { assigned: 'Asignada', timeout: 'Tiempo agotado' },
 *   },
 * },
 * ```
 *
 * Every pointer, field and port is checked when the node is registered: one
 * that names nothing in the node stops the start with an error naming the
 * node and the pointer, so a renamed config field cannot leave a stale label.
 */
export interface NodeTranslation {
  readonly title: string;
  readonly description: string;
  /** The palette group. Omitted: the default `category`. */
  readonly category?: string;
  /**
   * Texts of the config schema, keyed by JSON Pointer into `configSchema`
   * (`/properties/target`, `/properties/branches/items/properties/id`; `''` is
   * the schema itself). Each may only translate what the schema there has: a
   * `title` where it has a title, a `description` where it has one.
   */
  readonly config?: Readonly<Record<string, ConfigFieldTranslation>>;
  /**
   * Texts of the output schema (`outputSchema`), keyed by JSON Pointer into it
   * (`/properties/agent/properties/name`), as `config` is into the config schema.
   */
  readonly output?: Readonly<Record<string, ConfigFieldTranslation>>;
  /** Labels of fixed ports (see `portLabels`), keyed by port name. */
  readonly ports?: Readonly<Record<string, string>>;
  /** Texts of the node's `explanations`, keyed by code; a code left out shows its default text. */
  readonly explanations?: Readonly<Record<string, string>>;
}

/** The texts of one place in a config schema, in one language. */
export interface ConfigFieldTranslation {
  readonly title?: string;
  readonly description?: string;
  /**
   * Labels of an `enum`'s values, keyed by value (`{ round_robin: 'Por turnos (round robin)' }`),
   * so reordering the enum cannot mislabel one. The API answers them as the schema's
   * `x-enumNames`, in `enum` order; a value left out keeps its default label.
   */
  readonly enumNames?: Readonly<Record<string, string>>;
}
