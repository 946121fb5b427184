// The scenario editor's browser-side duties: keep a draft of unsaved changes in this browser's localStorage (so a
// closed tab or a lost connection loses nothing) and let the browser ask before the tab is closed or reloaded while
// there are unsaved changes. The circuit decides what the draft holds and when; this file only stores it.

const draftKey = id => `bots1c.scenario-draft.${id}`;

function askBeforeUnload(e) {
    e.preventDefault();
    e.returnValue = ''; // older Chromium shows the prompt only with a returnValue set
}

/** The draft of the scenario, with its time written in this browser's language and time zone; null when none. */
export function readDraft(id) {
    try {
        const draft = JSON.parse(localStorage.getItem(draftKey(id)) ?? 'null');
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
export function keep(id, scenario, at) {
    if (scenario === null) {
        localStorage.removeItem(draftKey(id));
        setUnsaved(false);
        return;
    }
    setUnsaved(true);
    try {
        localStorage.setItem(draftKey(id), JSON.stringify({ at, scenario }));
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
