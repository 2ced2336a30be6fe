import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { summaryQuery } from "./api/queries.js";
import { createQueryClient } from "./api/queryClient.js";
import { App } from "./App.js";
import { applyTheme, initialTheme } from "./hooks/useTheme.js";
import { routeFor } from "./lib/routes.js";
import { parseView } from "./lib/view.js";
import "./theme.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// Before the first render, so a dark page never paints light first.
applyTheme(initialTheme());

const queryClient = createQueryClient();
// The overview's numbers are what most visits come for: ask for them now, while
// React is still starting, rather than once its first render has run.
if (routeFor(window.location.pathname) === "overview") {
  void queryClient.prefetchQuery(summaryQuery(parseView(window.location.search)));
}

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
