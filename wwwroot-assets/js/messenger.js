// The messenger page's few browser-side duties: keep a plain Enter from adding a newline (the circuit sends the
// message), load older messages when the history is scrolled to its top, keep the view at the newest message,
// play the "a dialog is waiting" sound, the page's keyboard shortcuts (docs/messenger.md), and the height a phone
// leaves above its on-screen keyboard.

if (!window.__bots1cComposerKeys) {
    window.__bots1cComposerKeys = true;
    document.addEventListener('keydown', e => {
        const box = e.target;
        if (!(box instanceof HTMLTextAreaElement) || !box.hasAttribute('data-enter-sends'))
            return;
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing)
            e.preventDefault();
        else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'Tab') && box.dataset.popup === 'open')
            e.preventDefault();
    }, true);
}

export function watchHistory(history, dotnet) {
    if (!history || history.__bots1cWatched)
        return;
    history.__bots1cWatched = true;
    let loading = false;
    history.addEventListener('scroll', async () => {
        if (loading || history.scrollTop > 40)
            return;
        loading = true;
        const before = history.scrollHeight;
        try {
            await dotnet.invokeMethodAsync('LoadOlderAsync');
            // Older messages were put above: keep the message the person was reading where it was.
            requestAnimationFrame(() => { history.scrollTop += history.scrollHeight - before; });
        } finally {
            loading = false;
        }
    });
}

export function scrollToEnd(history) {
    if (history)
        history.scrollTop = history.scrollHeight;
}

let audio;
export function beep() {
    try {
        audio = audio || new (window.AudioContext || window.webkitAudioContext)();
        const tone = audio.createOscillator();
        const volume = audio.createGain();
        tone.type = 'sine';
        tone.frequency.value = 880;
        volume.gain.setValueAtTime(0.0001, audio.currentTime);
        volume.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
        volume.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
        tone.connect(volume).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.4);
    } catch {
        // No audio device or the browser refuses before the first click: the badge and the title still tell.
    }
}

// The page's shortcuts. One listener for the document; it answers to the messenger page that is open now.
let keysOwner = null;

export function watchKeys(dotnet) {
    keysOwner = dotnet;
    if (window.__bots1cMessengerKeys)
        return;
    window.__bots1cMessengerKeys = true;
    document.addEventListener('keydown', onMessengerKey);
    followVisibleHeight();
}

export function unwatchKeys(dotnet) {
    if (keysOwner === dotnet)
        keysOwner = null;
}

function isTextField(element) {
    return element instanceof Element
        && (element.isContentEditable || element.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null);
}

// A dialog (the shortcut sheet itself, transfer, close) or an open menu owns the keyboard while it is up.
function somethingIsOpen() {
    return document.querySelector('.mud-dialog-container, .mud-popover-open') !== null;
}

function isShown(element) {
    return element !== null && element.getClientRects().length > 0;
}

function onMessengerKey(e) {
    if (!keysOwner || e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || !document.querySelector('[data-testid=messenger]'))
        return;
    if (e.altKey && !e.shiftKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        // Works from the composer too: Alt with the arrows does nothing in a text box.
        if (somethingIsOpen() || !moveInList(e.key === 'ArrowDown' ? 1 : -1))
            return;
        e.preventDefault();
        return;
    }
    if (e.altKey || isTextField(e.target) || somethingIsOpen())
        return;
    if (e.key === '?') {
        e.preventDefault();
        keysOwner.invokeMethodAsync('ShowShortcutsAsync');
    } else if (e.key === 'Escape' && !e.shiftKey) {
        // The back buttons show only on a phone, one pane at a time: from the contact to the chat, from the chat to the list.
        const back = [document.querySelector('[data-testid=contact-back]'), document.querySelector('[data-testid=chat-back]')].find(isShown);
        if (back) {
            e.preventDefault();
            back.click();
        }
    }
}

// Opens the next or previous dialog of the list, as a click on its row would (Blazor's router takes the link).
function moveInList(step) {
    const rows = [...document.querySelectorAll('[data-testid=dialog-row]')];
    if (rows.length === 0)
        return false;
    const current = rows.findIndex(r => r.classList.contains('selected'));
    const next = current < 0 ? (step > 0 ? 0 : rows.length - 1) : current + step;
    if (next < 0 || next >= rows.length)
        return false;
    rows[next].scrollIntoView({ block: 'nearest' });
    rows[next].click();
    return true;
}

// Phones: the browser that does not shrink the page for its keyboard (iOS Safari) still shrinks the visual viewport;
// messenger.css sizes the panes from this height, so the composer stays above the keyboard.
function followVisibleHeight() {
    const viewport = window.visualViewport;
    if (!viewport)
        return;
    const follow = () => document.documentElement.style.setProperty('--bots1c-visible-height', `${Math.round(viewport.height)}px`);
    viewport.addEventListener('resize', follow);
    follow();
}
