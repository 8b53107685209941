// Every write the annotator makes goes through act(): it runs the request, then tells the
// reader what happened on the status line (or where the caller wants a failure shown).
// The views re-render from the store's change events, so there is no refresh step here.

import { format } from "./dom.js";

export class Actions {
  constructor({ status, strings }) {
    this.status = status;
    this.strings = strings;
  }

  announce(message, isError = false) {
    if (!this.status) return;
    this.status.textContent = message;
    this.status.classList.toggle("glossa-status-error", isError);
  }

  explain(error) {
    // 412: the If-Match it sent is stale; 409: a stale version, or the text changed meanwhile.
    if (error.status === 409 || error.status === 412) return this.strings.conflict;
    return format(this.strings.failed, { reason: error.message });
  }

  // work() makes the request; then(result) applies it and its return value, if any, is
  // announced. A failure is announced (or given to onError) and act() answers false; with
  // rethrow it is thrown instead, with its message in displayMessage (the editor shows it).
  async act(work, { then, onError, rethrow = false } = {}) {
    let result;
    try {
      result = await work();
    } catch (error) {
      error.displayMessage = this.explain(error);
      if (rethrow) throw error;
      if (onError) onError(error.displayMessage);
      else this.announce(error.displayMessage, true);
      return false;
    }
    const message = then ? then(result) : null;
    if (message) this.announce(message);
    return true;
  }
}
