/**
 * The core node pack: triggers, flow control, data, HTTP and business hours,
 * written with the same public SDK a custom node uses. Register it explicitly:
 *
 * ```ts
 * createEngine({ nodes: [...corePack, ...inboxPack] });
 * ```
 */
import { branch } from './branch.ts';
import { businessHours } from './business-hours.ts';
import { event } from './event.ts';
import { httpRequest } from './http-request.ts';
import { jumpTo } from './jump-to.ts';
import { manual } from './manual.ts';
import { schedule } from './schedule.ts';
import { setVariable } from './set-variable.ts';
import { triggerWorkflow } from './trigger-workflow.ts';
import { wait } from './wait.ts';
import { webhook } from './webhook.ts';

export { branch, businessHours, event, httpRequest, jumpTo, manual, schedule, setVariable, triggerWorkflow, wait, webhook };

/** Conditions as `core.branch` and `core.event` read them, for packs whose nodes filter the same way. */
export {
  conditionHolds,
  conditionIssues,
  conditionOperators,
  conditionSchema,
  stepConditionSchema,
  conditionTextsEs,
  evaluateConditions,
  matchModeSchema,
  matchModeTextsEs,
} from './conditions.ts';
export type { Condition, ConditionOperator, MatchMode } from './conditions.ts';

/** Moves a shared sub-schema's translations under the place a node's schema holds it. */
export { textsUnder } from './texts-under.ts';
export type { ConfigTexts } from './texts-under.ts';

/** Every core node, triggers first. */
export const corePack = [event, webhook, schedule, manual, branch, wait, businessHours, setVariable, jumpTo, triggerWorkflow, httpRequest] as const;
