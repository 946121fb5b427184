// The messenger page's few browser-side duties: keep a plain Enter from adding a newline (the circuit sends the
// message), load older messages when the history is scrolled to its top, keep the view at the newest message,
// and play the "a dialog is waiting" sound.

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
