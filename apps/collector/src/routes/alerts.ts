import {
  AlertFiringsQuery,
  AlertFiringsResponse,
  AlertRule,
  AlertRuleInput,
  AlertRuleParams,
  AlertRulesResponse,
  Problem,
} from "@closewatch/protocol";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { AlertRulesService } from "../alerts/alert-rules-service.js";

/** Built-in alert rules: create, read, replace and delete them, and list their firings. */
export const alertsRoutes: FastifyPluginAsyncTypebox<{ rules: AlertRulesService }> = async (app, { rules }) => {
  app.get(
    "/api/alerts/rules",
    { schema: { summary: "Every alert rule with its current state, oldest first", response: { 200: AlertRulesResponse } } },
    () => rules.list(),
  );

  app.post(
    "/api/alerts/rules",
    {
      schema: {
        summary: "Create an alert rule; it is evaluated from the next evaluation on",
        body: AlertRuleInput,
        response: { 201: AlertRule, 400: Problem },
      },
    },
    async (request, reply) => reply.code(201).send(await rules.create(request.body)),
  );

  app.get(
    "/api/alerts/rules/:id",
    {
      schema: {
        summary: "One alert rule with its current state",
        params: AlertRuleParams,
        response: { 200: AlertRule, 400: Problem, 404: Problem },
      },
    },
    (request) => rules.get(request.params.id),
  );

  app.put(
    "/api/alerts/rules/:id",
    {
      schema: {
        summary: "Replace an alert rule's settings (its state is kept and judged by the new settings)",
        params: AlertRuleParams,
        body: AlertRuleInput,
        response: { 200: AlertRule, 400: Problem, 404: Problem },
      },
    },
    (request) => rules.replace(request.params.id, request.body),
  );

  app.delete(
    "/api/alerts/rules/:id",
    {
      schema: {
        summary: "Delete an alert rule and its firings",
        params: AlertRuleParams,
        response: { 204: Type.Null({ description: "Deleted" }), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      await rules.remove(request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/alerts/firings",
    {
      schema: {
        summary: "Firings of every rule, or of one (ruleId), newest first",
        querystring: AlertFiringsQuery,
        response: { 200: AlertFiringsResponse, 400: Problem, 404: Problem },
      },
    },
    (request) => rules.firings(request.query),
  );
};
