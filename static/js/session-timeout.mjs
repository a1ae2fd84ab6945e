// Warns a signed-in person before their idle session ends, as GOV.UK's timeout pattern does,
// and lets them stay signed in without losing what they are typing.
const dialog = document.getElementById("session-timeout-dialog");

if (dialog && typeof dialog.showModal === "function") {
  const timeout = Number(dialog.dataset.timeoutSeconds);
  const warning = Number(dialog.dataset.warningSeconds);
  const keepAliveUrl = dialog.dataset.keepAliveUrl;
  const signedOutUrl = dialog.dataset.signedOutUrl;
  const countdown = dialog.querySelector("[data-countdown]");
  let warnTimer;
  let endTimer;
  let tick;

  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tick);
    warnTimer = setTimeout(warn, Math.max(0, timeout - warning) * 1000);
    endTimer = setTimeout(() => window.location.assign(signedOutUrl), timeout * 1000);
  };

  const warn = () => {
    let remaining = warning;
    const show = () => {
      const minutes = Math.ceil(remaining / 60);
      countdown.textContent = remaining > 60 ? `${minutes} minutes` : `${remaining} seconds`;
    };
    show();
    tick = setInterval(() => {
      remaining = Math.max(0, remaining - 1);
      show();
    }, 1000);
    dialog.showModal();
  };

  dialog.querySelector("[data-stay-signed-in]").addEventListener("click", async () => {
    const response = await fetch(keepAliveUrl, { credentials: "same-origin" });
    if (response.ok) {
      dialog.close();
      schedule();
    } else {
      window.location.assign(signedOutUrl);
    }
  });

  schedule();
}
