// Entry point: theme, app start-up, test and bench hooks.
import "./style.css";
import { App } from "./app";

const app = new App();
const stored = localStorage.getItem("nexus.theme");
const media = window.matchMedia("(prefers-color-scheme: dark)");
app.setTheme(stored ? stored === "dark" : media.matches);
media.addEventListener("change", (e) => {
  if (!localStorage.getItem("nexus.theme")) app.setTheme(e.matches);
});

declare global {
  interface Window {
    __nexus: App;
  }
}
window.__nexus = app;

const params = new URLSearchParams(location.search);
if (params.has("bench")) {
  void import("./bench").then((b) => b.runBench(app, params));
} else {
  void app.start();
}
