import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createQueryClient } from "./api/queryClient.js";
import { App } from "./App.js";
import { applyTheme, initialTheme } from "./hooks/useTheme.js";
import "./theme.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

// Before the first render, so a dark page never paints light first.
applyTheme(initialTheme());

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
