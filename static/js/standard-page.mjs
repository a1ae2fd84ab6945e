// The standard page (issue 18): each criterion's improvement plan is shown when a rating below 4
// is chosen, and stays shown while it holds text or an error; text areas grow with their text.
// Without JavaScript every field shows, as before. Loaded as a file: the CSP allows no inline script.

const RATING = 'input.govuk-radios__input[name$="-rating"]';

function holdsSomething(plan) {
  const typed = [...plan.querySelectorAll("input, textarea")].some((field) => field.value.trim() !== "");
  return typed || plan.querySelector(".govuk-form-group--error") !== null;
}

function revealPlans() {
  for (const section of document.querySelectorAll(".app-criterion")) {
    const plan = section.querySelector(".app-improvement-plan");
    const radios = [...section.querySelectorAll(RATING)];
    if (!plan || radios.length === 0) continue;
    const sync = () => {
      const chosen = radios.find((radio) => radio.checked);
      const belowFour = chosen !== undefined && Number(chosen.value) < 4;
      plan.hidden = !(belowFour || holdsSomething(plan));
    };
    for (const radio of radios) radio.addEventListener("change", sync);
    sync();
  }
}

// Browsers with CSS field-sizing size text areas to their text by themselves (see _app.scss).
function sizeTextAreas() {
  if (window.CSS && CSS.supports("field-sizing", "content")) return;
  const fit = (area) => {
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight + 4}px`;
  };
  for (const area of document.querySelectorAll(".app-criterion textarea")) {
    area.addEventListener("input", () => fit(area));
    fit(area);
  }
}

revealPlans();
sizeTextAreas();
