// Copies GOV.UK Frontend's images and JavaScript into static/ so the app serves every asset itself.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
mkdirSync("static/govuk", { recursive: true });
cpSync(`${source}/assets`, "static/govuk/assets", { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, "static/govuk/govuk-frontend.min.js");
