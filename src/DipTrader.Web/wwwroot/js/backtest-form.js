// The new-backtest form: shows the seed for demo data or the file input for a CSV, whichever source is chosen.
// Without JavaScript both stay visible and the server ignores the one not chosen.
(() => {
  "use strict";

  const form = document.querySelector("form.backtest-form");
  if (!form) {
    return;
  }
  const choices = form.querySelectorAll("[data-source-choice]");

  function show() {
    const chosen = Array.from(choices).find((choice) => choice.checked);
    const source = chosen ? chosen.value : "demo";
    form.querySelectorAll("[data-source]").forEach((block) => {
      block.hidden = block.dataset.source !== source;
    });
  }

  choices.forEach((choice) => choice.addEventListener("change", show));
  show();
})();
