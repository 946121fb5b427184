// The scenario editor's browser-side duties: keep a draft of unsaved changes in this browser's localStorage (so a
// closed tab or a lost connection loses nothing) and let the browser ask before the tab is closed or reloaded while
// there are unsaved changes. The circuit decides what the draft holds and when; this file only stores it.
// A draft is kept per person and scenario and only for a while (the circuit says how long): a shared browser must not
// offer one person's unsaved work (an HTTP step's headers, say) to the next. Signing out forgets them all (sign-out.js).

const prefix = 'bots1c.scenario-draft.';
const draftKey = (owner, id) => `${prefix}${owner}.${id}`;
let signedOut = false;

function askBeforeUnload(e) {
    e.preventDefault();
    e.returnValue = ''; // older Chromium shows the prompt only with a returnValue set
}

/** The person's draft of the scenario, with its time written in this browser's language and time zone; null when none.
 *  Drafts written before notBefore (server time, ms) are forgotten first, whoever's and whichever scenario's. */
export function readDraft(owner, id, notBefore) {
    forgetOlderThan(notBefore);
    try {
        const draft = JSON.parse(localStorage.getItem(draftKey(owner, id)) ?? 'null');
        if (!draft || typeof draft.scenario !== 'string' || typeof draft.at !== 'number')
            return null;
        const when = new Date(draft.at).toLocaleString(document.documentElement.lang || undefined,
            { dateStyle: 'short', timeStyle: 'short' });
        return { at: draft.at, when, scenario: draft.scenario };
    } catch {
        return null; // damaged by hand: as good as none
    }
}

/** Keeps the scenario's unsaved JSON (at: the server's time, ms) or, with null, forgets it; the leave warning follows. */
export function keep(owner, id, scenario, at) {
    if (scenario === null) {
        localStorage.removeItem(draftKey(owner, id));
        setUnsaved(false);
        return;
    }
    setUnsaved(true);
    if (signedOut)
        return; // this page is on its way out with the person's session: nothing more is written
    try {
        localStorage.setItem(draftKey(owner, id), JSON.stringify({ at, scenario }));
    } catch {
        // Storage full or switched off: the leave warning still guards the changes.
    }
}

/** The browser's own "leave the site?" question, only while there are unsaved changes. */
export function setUnsaved(unsaved) {
    if (unsaved) {
        window.addEventListener('beforeunload', askBeforeUnload);
        document.documentElement.setAttribute('data-unsaved-changes', '');
    } else {
        window.removeEventListener('beforeunload', askBeforeUnload);
        document.documentElement.removeAttribute('data-unsaved-changes');
    }
}

/** Signing out: every draft this browser keeps goes, and this page writes no more. */
export function forgetAllDrafts() {
    signedOut = true;
    for (const key of draftKeys())
        localStorage.removeItem(key);
}

function draftKeys() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key?.startsWith(prefix))
            keys.push(key);
    }
    return keys;
}

/** Old drafts go, and so do unreadable ones and those of the first format, which named no person. */
function forgetOlderThan(notBefore) {
    for (const key of draftKeys()) {
        let at = null;
        try {
            at = JSON.parse(localStorage.getItem(key))?.at;
        } catch {
            // damaged: forgotten below
        }
        if (!key.slice(prefix.length).includes('.') || typeof at !== 'number' || at < notBefore)
            localStorage.removeItem(key);
    }
}
