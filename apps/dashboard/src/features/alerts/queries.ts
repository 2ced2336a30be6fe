import type { AlertFiringsResponse, AlertRule, AlertRuleInput, AlertRulesResponse } from "@closewatch/protocol";
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, sendJson } from "../../api/client.js";
import { inputFromRule } from "./ruleForm.js";
import { removeRule, upsertRule } from "./ruleList.js";
import { isAlertFiringsResponse, isAlertRule, isAlertRulesResponse, isAnyAnswer } from "./guards.js";

/** Rules change state as the collector evaluates them; closes do not say when, so the page polls. */
export const ALERTS_REFRESH_MS = 15_000;

/** Firings shown in the history table, newest first. */
export const FIRINGS_LIMIT = 100;

const RULES_PATH = "/api/alerts/rules";

export const alertKeys = {
  rules: () => ["alertRules"] as const,
  firings: (ruleId: string | undefined) => ["alertFirings", ruleId ?? null] as const,
};

export function useAlertRulesQuery() {
  return useQuery<AlertRulesResponse>({
    queryKey: alertKeys.rules(),
    queryFn: ({ signal }) => getJson(RULES_PATH, {}, isAlertRulesResponse, { signal }),
    refetchInterval: ALERTS_REFRESH_MS,
  });
}

/** The firing history, for one rule or all. */
export function useAlertFiringsQuery(ruleId: string | undefined) {
  return useQuery<AlertFiringsResponse>({
    queryKey: alertKeys.firings(ruleId),
    queryFn: ({ signal }) =>
      getJson("/api/alerts/firings", { ruleId, limit: FIRINGS_LIMIT }, isAlertFiringsResponse, { signal }),
    refetchInterval: ALERTS_REFRESH_MS,
    // Another rule's rows stay (dimmed) until the new ones arrive, instead of a skeleton flash.
    placeholderData: keepPreviousData,
  });
}

const rulePath = (id: string) => `${RULES_PATH}/${encodeURIComponent(id)}`;

/** Show `rule` in the cached list now, before the refetch confirms it. */
function showRule(queryClient: QueryClient, rule: AlertRule): void {
  queryClient.setQueryData<AlertRulesResponse>(alertKeys.rules(), (old) =>
    old ? { rules: upsertRule(old.rules, rule) } : old,
  );
}

/** Create (no id) or replace a rule; the list shows the saved rule at once, then refetches. */
export function useSaveRuleMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | undefined; input: AlertRuleInput }) =>
      id === undefined
        ? sendJson("POST", RULES_PATH, input, isAlertRule)
        : sendJson("PUT", rulePath(id), input, isAlertRule),
    onSuccess: (saved: AlertRule) => {
      showRule(queryClient, saved);
      return queryClient.invalidateQueries({ queryKey: alertKeys.rules() });
    },
  });
}

/**
 * Switch a rule on or off. The switch moves at once (the list is updated
 * before the answer) and moves back if the collector refuses.
 */
export function useToggleRuleMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, enabled }: { rule: AlertRule; enabled: boolean }) =>
      sendJson("PUT", rulePath(rule.id), { ...inputFromRule(rule), enabled }, isAlertRule),
    onMutate: async ({ rule, enabled }) => {
      // A refetch already on its way would put the old value back.
      await queryClient.cancelQueries({ queryKey: alertKeys.rules() });
      showRule(queryClient, { ...rule, enabled });
    },
    onError: (_error, { rule }) => showRule(queryClient, rule),
    onSuccess: (saved) => showRule(queryClient, saved),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.rules() }),
  });
}

/** Delete a rule; its firings may go with it, so the history refetches too. */
export function useDeleteRuleMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson("DELETE", rulePath(id), undefined, isAnyAnswer),
    onSuccess: (_answer, id) => {
      queryClient.setQueryData<AlertRulesResponse>(alertKeys.rules(), (old) =>
        old ? { rules: removeRule(old.rules, id) } : old,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: alertKeys.rules() }),
        queryClient.invalidateQueries({ queryKey: ["alertFirings"] }),
      ]);
    },
  });
}
