// New-bot form: shows the Phemex-only fields (testnet, keys) only when Phemex is chosen.
(function () {
  "use strict";
  var choices = document.querySelectorAll("input[data-exchange-choice]");
  var sections = document.querySelectorAll("[data-exchange-only]");
  if (choices.length === 0 || sections.length === 0) {
    return;
  }
  function selected() {
    for (var i = 0; i < choices.length; i++) {
      if (choices[i].checked) {
        return choices[i].value;
      }
    }
    return null;
  }
  function update() {
    var exchange = selected();
    sections.forEach(function (section) {
      section.hidden = exchange !== null && section.getAttribute("data-exchange-only") !== exchange;
    });
  }
  choices.forEach(function (choice) {
    choice.addEventListener("change", update);
  });
  update();
})();
